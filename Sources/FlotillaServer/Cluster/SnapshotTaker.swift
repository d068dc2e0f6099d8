import Foundation
import Logging
import QueueEngine
import RaftCore
import RaftStorage
import Synchronization

/// Takes engine snapshots off the Raft loop: copies the engine's database (SQLite's online backup, from a read
/// transaction, while the loop keeps applying), then records the copy in the log as the snapshot at the index it
/// holds, which compacts the log below it. At most one runs at a time.
final class SnapshotTaker: Sendable {
    private let node: ClusterNode
    private let running = Atomic(false)

    init(node: ClusterNode) {
        self.node = node
    }

    /// Starts a snapshot unless one is running; returns whether it started.
    func start() -> Bool {
        guard running.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return false }
        let thread = Thread { [self] in
            defer { running.store(false, ordering: .releasing) }
            do {
                try take()
            } catch {
                // The log simply stays longer; the next attempt comes after the next `snapshotEvery` entries.
                node.logger.warning("snapshot failed", metadata: ["error": "\(error)"])
            }
        }
        thread.name = "flotilla-snapshot"
        thread.start()
        return true
    }

    private func take() throws {
        let path = node.settings.scratchDirectory + "/snapshot.sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let index = LogIndex(try node.engine.writeSnapshot(to: path))
        guard index >= node.log.firstIndex() else { return }
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try node.log.createSnapshotBlocking(at: index, confState: node.membership.conf(at: index), data: data)
        node.logger.info("snapshot taken", metadata: ["index": "\(index)", "bytes": "\(data.count)"])
    }
}
