import QueueModel
import Synchronization

/// The stored metadata of existing queues, so the hottest read — a post's size limit — skips SQLite.
///
/// **Correctness.** The writer invalidates every queue whose row a batch changed *after* the batch commits. A
/// reader takes the generation before reading the database and inserts only if no invalidation happened since;
/// so a value read before a commit can never outlive it. A read that starts after a write returned (the write's
/// client was answered after the invalidation) sees the new value.
final class MetadataCache: Sendable {
    private struct State {
        var entries: [[UInt8]: JSONObject] = [:]
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    private static let capacity = 10_000

    static func key(_ queue: QueueRef) -> [UInt8] { Array(queue.project.utf8) + [0] + Array(queue.name.utf8) }

    /// The cached metadata, or nil and the generation to pass to ``insert(_:_:generation:)``.
    func lookup(_ key: [UInt8]) -> (metadata: JSONObject?, generation: UInt64) {
        state.withLock { ($0.entries[key], $0.generation) }
    }

    func insert(_ key: [UInt8], _ metadata: JSONObject, generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = metadata
        }
    }

    func invalidate(_ keys: some Sequence<[UInt8]>) {
        state.withLock { state in
            state.generation += 1
            for key in keys { state.entries[key] = nil }
        }
    }

    func invalidateAll() {
        state.withLock { state in
            state.generation += 1
            state.entries.removeAll()
        }
    }
}
