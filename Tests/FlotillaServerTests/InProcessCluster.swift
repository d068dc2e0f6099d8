import FlotillaServer
import Foundation
import Logging
import QueueEngine
import QueueModel
import RaftCore
import RaftStorage
import Synchronization

/// Real ``ClusterNode``s (durable logs and SQLite engines in a temporary directory) in one process, wired by an
/// in-memory network that can cut nodes off. Messages are delivered by direct calls, in order per sender, and a
/// delivered snapshot is reported back to the leader at once.
final class InProcessCluster: Sendable {
    struct Member: Sendable {
        var node: ClusterNode
        var log: DurableLog
        var engine: QueueEngine
        var run: Task<Void, any Error>
    }

    let directory: String
    let ids: [NodeID]
    let snapshotEvery: UInt64
    private let members = Mutex<[NodeID: Member]>([:])
    private let isolated = Mutex<Set<NodeID>>([])

    init(size: Int = 3, snapshotEvery: UInt64 = 100_000) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("flotilla-cluster-\(UUID())").path
        ids = (1...UInt64(size)).map { NodeID($0) }
        self.snapshotEvery = snapshotEvery
        for id in ids { try start(id) }
    }

    /// Starts (or restarts) node `id` from whatever its directory holds.
    func start(_ id: NodeID) throws {
        let data = directory + "/n\(id)"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let log = try DurableLog.open(directory: data + "/raft")
        let engine = try QueueEngine(path: data + "/queues.sqlite")
        var settings = ClusterNodeSettings(id: id, founders: ids, scratchDirectory: data)
        settings.tick = .milliseconds(10)
        settings.snapshotEvery = snapshotEvery
        let node = try ClusterNode(
            settings: settings, log: log, engine: engine,
            wallClock: { Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1_000)) },
            send: { [weak self] messages in self?.deliver(messages) }, logger: Logger(label: "test.n\(id)"))
        let run = Task { try await node.run() }
        members.withLock { $0[id] = Member(node: node, log: log, engine: engine, run: run) }
    }

    /// Stops node `id` as a crash would leave it on disk (everything acknowledged was fsynced already).
    func stop(_ id: NodeID) async throws {
        guard let member = members.withLock({ $0.removeValue(forKey: id) }) else { return }
        member.node.stop()
        try await member.run.value
        member.log.close()
        try member.engine.close()
    }

    func stopAll() async throws {
        for id in ids { try await stop(id) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    func isolate(_ id: NodeID) { isolated.withLock { _ = $0.insert(id) } }
    func heal() { isolated.withLock { $0 = [] } }

    func member(_ id: NodeID) -> Member? { members.withLock { $0[id] } }
    func node(_ id: NodeID) -> ClusterNode { member(id)!.node }
    func engine(_ id: NodeID) -> QueueEngine { member(id)!.engine }
    var running: [NodeID] { members.withLock { $0.keys.sorted() } }

    private func deliver(_ messages: [Message]) {
        let cut = isolated.withLock { $0 }
        for message in messages where !cut.contains(message.from) && !cut.contains(message.to) {
            guard let target = member(message.to)?.node else { continue }
            target.receive(message)
            if case .snapshot = message.payload {
                member(message.from)?.node.reportSnapshot(to: message.to, succeeded: true)
            }
        }
    }

    /// Waits until `condition` holds, checking every few milliseconds; fails after `timeout`.
    func waitUntil(
        _ what: String, timeout: Duration = .seconds(20), _ condition: () throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while try !condition() {
            guard ContinuousClock.now < deadline else { throw ClusterTestError.timedOut(what) }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Waits for a leader among the running nodes that the other running, connected nodes follow.
    func waitForLeader(among candidates: [NodeID]? = nil) async throws -> NodeID {
        var leader = NodeID.none
        try await waitUntil("a leader") {
            let pool = candidates ?? running
            guard
                let found = pool.first(where: { member($0)?.node.status?.role == .leader }),
                let term = member(found)?.node.status?.term
            else { return false }
            leader = found
            return pool.allSatisfy { member($0)?.node.status.map { $0.leader == found && $0.term == term } ?? false }
        }
        return leader
    }

    /// Waits until every running node has applied `index`.
    func waitForApplied(_ index: LogIndex, on nodes: [NodeID]? = nil) async throws {
        try await waitUntil("applied \(index)") {
            (nodes ?? running).allSatisfy { (member($0)?.node.status?.applied ?? .zero) >= index }
        }
    }
}

enum ClusterTestError: Error {
    case timedOut(String)
}
