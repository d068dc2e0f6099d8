public import FlotillaHTTP
import Foundation
public import QueueEngine
public import QueueModel
import Synchronization

/// A single-node ``QueueService`` over a ``QueueEngine``, without replication: `flotilla serve --single-node`.
///
/// **Durability.** The engine runs with ``QueueEngine/Durability/fsyncEachCommit``: a mutation returns only after
/// the transaction holding it is fsynced (`synchronous = FULL`), so a 2xx means on disk — on this one node.
/// **Group commit.** Mutations that arrive while a batch is being applied wait and are applied together in the
/// next batch: one transaction and one fsync for all of them. Batches are applied on a dedicated thread, so the
/// blocking SQLite work and its fsync never occupy the cooperative thread pool the HTTP handlers run on.
/// **Time and ids.** This service plays the leader: it stamps each batch with its clock (never going backwards)
/// and numbers commands with consecutive log indexes after the engine's applied index.
public final class LocalQueueService: QueueService {
    let engine: QueueEngine
    private let clock: @Sendable () -> Timestamp
    private let state: Mutex<BatchState>
    private let work = DispatchSemaphore(value: 0)

    private struct Pending {
        var command: QueueCommand
        var continuation: CheckedContinuation<MutationOutcome, any Error>
    }

    private struct BatchState {
        var pending: [Pending] = []
        var nextIndex: UInt64
        var lastTime = Timestamp(milliseconds: 0)
    }

    /// - Parameter clock: the leader clock that stamps commands (tests pass a manual one).
    public init(engine: QueueEngine, clock: @escaping @Sendable () -> Timestamp = LocalQueueService.wallClock)
        throws(QueueEngineError)
    {
        self.engine = engine
        self.clock = clock
        self.state = Mutex(BatchState(nextIndex: try engine.appliedIndex() + 1))
        let writer = Thread { [self] in
            while true {
                work.wait()
                drain()
            }
        }
        writer.name = "flotilla-engine-writer"
        writer.start()
    }

    /// Milliseconds since the Unix epoch, from the system clock.
    public static let wallClock: @Sendable () -> Timestamp = {
        Timestamp(milliseconds: SystemTime.millisecondsSinceEpoch())
    }

    private var now: Timestamp {
        state.withLock { state in
            state.lastTime = max(state.lastTime, clock())
            return state.lastTime
        }
    }

    public func perform(_ command: QueueCommand) async throws(QueueServiceError) -> MutationOutcome {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                state.withLock { $0.pending.append(Pending(command: command, continuation: continuation)) }
                work.signal()
            }
        } catch let error as QueueServiceError {
            throw error
        } catch {
            throw .internalFailure("\(error)")
        }
    }

    /// Applies batches until nothing is pending. Runs only on the writer thread.
    private func drain() {
        while true {
            let (batch, firstIndex, time) = state.withLock { state -> ([Pending], UInt64, Timestamp) in
                let batch = state.pending
                state.pending = []
                let first = state.nextIndex
                state.nextIndex += UInt64(batch.count)
                state.lastTime = max(state.lastTime, clock())
                return (batch, first, state.lastTime)
            }
            guard !batch.isEmpty else { return }
            let entries = batch.enumerated().map { offset, pending in
                (
                    UInt64(offset) + firstIndex,
                    CommandCodec.encode(CommandEnvelope(time: time, command: pending.command))
                )
            }
            do {
                // Durability point: `apply` returns after the transaction is fsynced (synchronous = FULL).
                let results = try engine.apply(entries)
                for (offset, pending) in batch.enumerated() {
                    let receipt = DurabilityReceipt(commitIndex: firstIndex + UInt64(offset), leader: "local")
                    pending.continuation.resume(
                        returning: MutationOutcome(result: results[offset] ?? .done, receipt: receipt))
                }
            } catch {
                // Nothing of the batch was applied; give the indexes back so the log stays gapless.
                state.withLock { $0.nextIndex = min($0.nextIndex, firstIndex) }
                for pending in batch {
                    pending.continuation.resume(
                        throwing: QueueServiceError.unavailable(
                            reason: "Storage failed: \(error).", retryAfterSeconds: 1))
                }
            }
        }
    }

    /// Housekeeping: checkpoints the engine's WAL and, with `expire`, drops expired state. The server calls it
    /// periodically.
    public func housekeep(expire: Bool) async {
        if expire { _ = try? await perform(.expire(limit: 10_000)) }
        try? engine.checkpoint()
    }

    private func mapped<T>(_ body: () throws(QueueEngineError) -> T) throws(QueueServiceError) -> T {
        do {
            return try body()
        } catch {
            throw .unavailable(reason: "Storage failed: \(error).", retryAfterSeconds: 1)
        }
    }

    public func listQueues(
        project: String, marker: String?, limit: Int, detailed: Bool, nameContains: String?,
        metadataEquals: [(key: String, value: String)]
    ) async throws(QueueServiceError) -> QueuePage {
        try mapped { () throws(QueueEngineError) in
            try engine.listQueues(
                project: project, marker: marker, limit: limit, detailed: detailed, nameContains: nameContains,
                metadataEquals: metadataEquals)
        }
    }

    public func storedMetadata(_ queue: QueueRef) async throws(QueueServiceError) -> JSONObject? {
        try mapped { () throws(QueueEngineError) in try engine.storedMetadata(queue) }
    }

    public func stats(_ queue: QueueRef) async throws(QueueServiceError) -> QueueStats {
        let now = now
        return try mapped { () throws(QueueEngineError) in try engine.stats(queue, at: now) }
    }

    public func listMessages(
        _ queue: QueueRef, marker: String?, limit: Int, clientID: ClientID, echo: Bool, includeClaimed: Bool,
        includeDelayed: Bool
    ) async throws(QueueServiceError) -> MessagePage {
        let now = now
        return try mapped { () throws(QueueEngineError) in
            try engine.listMessages(
                queue, at: now, marker: marker, limit: limit, clientID: clientID, echo: echo,
                includeClaimed: includeClaimed,
                includeDelayed: includeDelayed)
        }
    }

    public func messages(_ queue: QueueRef, ids: [String]) async throws(QueueServiceError) -> [MessageView] {
        let now = now
        return try mapped { () throws(QueueEngineError) in try engine.messages(queue, ids: ids, at: now) }
    }

    public func claim(_ queue: QueueRef, id: String) async throws(QueueServiceError) -> ClaimView? {
        let now = now
        return try mapped { () throws(QueueEngineError) in try engine.claim(queue, id: id, at: now) }
    }

    public func isHealthy() async -> Bool {
        (try? engine.appliedIndex()) != nil
    }
}
