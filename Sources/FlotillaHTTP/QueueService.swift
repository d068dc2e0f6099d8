public import QueueModel

/// What the HTTP routes need from a queue backend: mutations that are durable when they return, and reads.
///
/// **Contract.** ``perform(_:)`` returns only once the command is committed and applied — for the cluster, stored
/// durably (fsynced) on a quorum, which is what a 2xx promises. Reads reflect every mutation that returned
/// before the read started (linearizable), unless an implementation documents otherwise. Time-based rules use the
/// service's notion of now (the leader's clock), never the HTTP layer's.
public protocol QueueService: Sendable {
    /// Applies a mutation.
    /// - Throws: ``QueueServiceError`` when the outcome cannot be known or the service cannot serve.
    func perform(_ command: QueueCommand) async throws(QueueServiceError) -> MutationOutcome

    func listQueues(
        project: String, marker: String?, limit: Int, detailed: Bool, nameContains: String?,
        metadataEquals: [(key: String, value: String)]
    ) async throws(QueueServiceError) -> QueuePage
    /// The stored metadata without defaults, or nil if the queue does not exist.
    func storedMetadata(_ queue: QueueRef) async throws(QueueServiceError) -> JSONObject?
    func stats(_ queue: QueueRef) async throws(QueueServiceError) -> QueueStats
    func listMessages(
        _ queue: QueueRef, marker: String?, limit: Int, clientID: ClientID, echo: Bool, includeClaimed: Bool,
        includeDelayed: Bool
    ) async throws(QueueServiceError) -> MessagePage
    func messages(_ queue: QueueRef, ids: [String]) async throws(QueueServiceError) -> [MessageView]
    func claim(_ queue: QueueRef, id: String) async throws(QueueServiceError) -> ClaimView?
    /// Whether the backend can serve (for `GET /v2/ping`).
    func isHealthy() async -> Bool
}

/// The result of a mutation and, where there is one, proof of where it is durable.
public struct MutationOutcome: Sendable {
    public var result: CommandResult
    public var receipt: DurabilityReceipt?

    public init(result: CommandResult, receipt: DurabilityReceipt?) {
        self.result = result
        self.receipt = receipt
    }
}

/// Where a mutation was committed: the Raft log index and the leader that committed it. Sent to clients as the
/// `X-Flotilla-Commit-Index` and `X-Flotilla-Leader` headers.
public struct DurabilityReceipt: Sendable, Hashable {
    public var commitIndex: UInt64
    public var leader: String

    public init(commitIndex: UInt64, leader: String) {
        self.commitIndex = commitIndex
        self.leader = leader
    }
}

/// Why a service could not answer.
public enum QueueServiceError: Error, Hashable, Sendable {
    /// The service cannot serve now (no leader, shutting down, disk full); the client should retry after the
    /// given number of seconds. Nothing was applied.
    case unavailable(reason: String, retryAfterSeconds: Int)
    /// The mutation may or may not have been applied (a leader change during it); the client should retry with
    /// the same idempotency key.
    case outcomeUnknown(String)
    /// A bug or a broken invariant; the text is for logs.
    case internalFailure(String)
}
