/// A recorded run of a queue workload against a cluster: every client operation as an `invoke` event and, later,
/// one completion event (`ok`, `fail` or `unknown`) from the same process. The fault-injection harness records it;
/// ``QueueChecker`` judges it.
///
/// Guarantees of a well-formed history (``History/validate()`` checks them): events are in the order they happened
/// (non-decreasing `time`); a process has at most one operation outstanding, so its completion is the next event of
/// that process after the invoke; a completion repeats its invoke's `operation` and adds the result.
public struct History: Sendable, Hashable, Codable {
    /// The events, in the order they happened.
    public var events: [Event]

    /// The queue the workload uses and its dead-letter queue settings, as the harness created them.
    public var setup: WorkloadSetup

    public init(setup: WorkloadSetup, events: [Event] = []) {
        self.setup = setup
        self.events = events
    }
}

/// How the workload's queue was configured before the run.
public struct WorkloadSetup: Sendable, Hashable, Codable {
    /// The queue producers post to and consumers claim from.
    public var queue: String
    /// Its `_max_claim_count`; a message claimed this many times moves to ``deadLetterQueue`` on its next claim.
    public var maxClaimCount: Int
    /// Its `_dead_letter_queue`.
    public var deadLetterQueue: String

    public init(queue: String, maxClaimCount: Int, deadLetterQueue: String) {
        self.queue = queue
        self.maxClaimCount = maxClaimCount
        self.deadLetterQueue = deadLetterQueue
    }
}

/// One step of one operation: its invocation or its completion.
public struct Event: Sendable, Hashable, Codable {
    /// The logical client (thread of the workload) that ran the operation.
    public var process: Int
    /// Whether this is the invocation or how the operation completed.
    public var type: EventType
    /// Seconds since the run started, from one monotonic clock for the whole harness.
    public var time: Double
    /// What was asked, and on a completion (`ok`) what was answered.
    public var operation: Operation

    public init(process: Int, type: EventType, time: Double, operation: Operation) {
        self.process = process
        self.type = type
        self.time = time
        self.operation = operation
    }
}

/// The step an ``Event`` records.
public enum EventType: String, Sendable, Hashable, Codable {
    /// The operation was sent.
    case invoke
    /// The server answered with success; the ``Operation`` holds the result.
    case ok
    /// The server answered with a definite failure: the operation did not take effect.
    case fail
    /// No definite answer (timeout, connection lost, 503 after sending): the operation may or may not have
    /// taken effect.
    case unknown
}

/// A client operation of the queue workload, with its result once it completed `ok`.
public enum Operation: Sendable, Hashable, Codable {
    /// Post one message whose body is unique in the run. `producer` and `sequence` identify it for the FIFO check:
    /// a producer posts its sequence numbers in increasing order, one post at a time. On `ok`, `id` is the
    /// message id the server returned; it is nil on `invoke`, `fail` and `unknown`.
    case post(body: String, producer: Int, sequence: Int, ttl: Int, id: String?)
    /// Claim up to `limit` messages from the workload queue. On `ok`, `claimID` is the claim's id (nil when the
    /// server answered 204: nothing to claim) and `messages` what it handed out, in the order it handed them out.
    case claim(limit: Int, ttl: Int, grace: Int, claimID: String?, messages: [DeliveredMessage])
    /// Delete one claimed message under its claim.
    case delete(id: String, claimID: String)
    /// After the run, with faults healed: everything still in `queue` (the workload queue or the dead-letter
    /// queue), listed with `include_claimed`. Only `ok` completions of reads are used.
    case read(queue: String, messages: [DeliveredMessage])
}

/// A message as a claim or a read returned it.
public struct DeliveredMessage: Sendable, Hashable, Codable {
    /// The message id.
    public var id: String
    /// The body, as posted (the post's unique body).
    public var body: String

    public init(id: String, body: String) {
        self.id = id
        self.body = body
    }
}
