public import FlotillaHTTP
import QueueEngine
public import QueueModel
import RaftCore

/// The ``QueueService`` of a cluster node: mutations go through the Raft log, reads come from the local engine
/// after a ReadIndex barrier.
///
/// **Durability.** ``perform(_:)`` returns only once the command is applied, i.e. committed on a quorum of
/// fsynced logs (``ClusterNode``): a 2xx built from its outcome never names a write a later leader can lose.
/// **Reads.** With `linearizableReads` (the default), a read waits for ``ClusterNode/readBarrier()`` and so sees
/// every acknowledged write; without it, it reads this replica's applied state as is (possibly behind the leader).
/// Read times are the leader clock's.
public struct ClusterQueueService: QueueService {
    let node: ClusterNode
    /// The name written into durability receipts (`X-Flotilla-Leader`).
    let nodeName: String
    let linearizableReads: Bool

    public init(node: ClusterNode, nodeName: String, linearizableReads: Bool) {
        self.node = node
        self.nodeName = nodeName
        self.linearizableReads = linearizableReads
    }

    public func perform(_ command: QueueCommand) async throws(QueueServiceError) -> MutationOutcome {
        let (result, index) = try await node.propose(command)
        return MutationOutcome(
            result: result, receipt: DurabilityReceipt(commitIndex: index.rawValue, leader: nodeName))
    }

    /// Waits for the read barrier when reads are linearizable, then runs `body` on the engine at the leader's time.
    private func read<T>(_ body: (Timestamp) throws(QueueEngineError) -> T) async throws(QueueServiceError) -> T {
        if linearizableReads { try await node.readBarrier() }
        do {
            return try body(node.readTime())
        } catch {
            throw .unavailable(reason: "Storage failed: \(error).", retryAfterSeconds: 1)
        }
    }

    public func listQueues(
        project: String, marker: String?, limit: Int, detailed: Bool, nameContains: String?,
        metadataEquals: [(key: String, value: String)]
    ) async throws(QueueServiceError) -> QueuePage {
        try await read { _ throws(QueueEngineError) in
            try node.engine.listQueues(
                project: project, marker: marker, limit: limit, detailed: detailed, nameContains: nameContains,
                metadataEquals: metadataEquals)
        }
    }

    public func storedMetadata(_ queue: QueueRef) async throws(QueueServiceError) -> JSONObject? {
        try await read { _ throws(QueueEngineError) in try node.engine.storedMetadata(queue) }
    }

    public func stats(_ queue: QueueRef) async throws(QueueServiceError) -> QueueStats {
        try await read { now throws(QueueEngineError) in try node.engine.stats(queue, at: now) }
    }

    public func listMessages(
        _ queue: QueueRef, marker: String?, limit: Int, clientID: ClientID, echo: Bool, includeClaimed: Bool,
        includeDelayed: Bool
    ) async throws(QueueServiceError) -> MessagePage {
        try await read { now throws(QueueEngineError) in
            try node.engine.listMessages(
                queue, at: now, marker: marker, limit: limit, clientID: clientID, echo: echo,
                includeClaimed: includeClaimed, includeDelayed: includeDelayed)
        }
    }

    public func messages(_ queue: QueueRef, ids: [String]) async throws(QueueServiceError) -> [MessageView] {
        try await read { now throws(QueueEngineError) in try node.engine.messages(queue, ids: ids, at: now) }
    }

    public func claim(_ queue: QueueRef, id: String) async throws(QueueServiceError) -> ClaimView? {
        try await read { now throws(QueueEngineError) in try node.engine.claim(queue, id: id, at: now) }
    }

    /// Healthy when this node knows a leader (it can serve or forward).
    public func isHealthy() async -> Bool {
        guard let status = node.status else { return false }
        return status.leader != .none
    }
}
