/// A recorded run of a queue workload against a cluster: every client operation as an `invoke` event and, later,
/// one completion event (`ok`, `fail` or `unknown`) from the same process. The fault-injection harness records it;
/// ``QueueChecker`` judges it.
///
/// Guarantees of a well-formed history (``History/validate()`` checks them): events are in the order they happened
/// (non-decreasing `time`); a process has at most one operation outstanding, so its completion is the next event of
/// that process after the invoke; a completion repeats its invoke's `operation` and adds the result; no two post
/// operations share a body. An operation still outstanding when the history ends counts as `unknown`.
///
/// ``History/jsonLines()`` and ``History/init(jsonLines:)`` store it as a file, one JSON object a line.
public struct History: Sendable, Hashable, Codable {
    /// The events, in the order they happened.
    public var events: [Event]

    /// The queue the workload uses and its dead-letter queue settings, as the harness created them.
    public var setup: WorkloadSetup

    /// A history of `events` (in the order they happened) for a workload configured as `setup`.
    public init(setup: WorkloadSetup, events: [Event] = []) {
        self.setup = setup
        self.events = events
    }
}

/// How the workload's queue was configured before the run.
///
/// The checker assumes what the harness sets up: dead-lettering on (`maxClaimCount` at least 1), no
/// `_dead_letter_queue_messages_ttl` (a moved message keeps its expiry) and no message delay.
public struct WorkloadSetup: Sendable, Hashable, Codable {
    /// The queue producers post to and consumers claim from.
    public var queue: String
    /// Its `_max_claim_count`; a message claimed this many times moves to ``deadLetterQueue`` on its next claim.
    public var maxClaimCount: Int
    /// Its `_dead_letter_queue`.
    public var deadLetterQueue: String

    /// The setup of a workload on `queue` whose messages move to `deadLetterQueue` on the claim after their
    /// `maxClaimCount`-th.
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

    /// An event of `process` at `time` seconds.
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
    /// taken effect, and may take effect at any later time (a replicated command can commit after its client gave
    /// up on it).
    case unknown
}

/// A client operation of the queue workload, with its result once it completed `ok`.
public enum Operation: Sendable, Hashable, Codable {
    /// Post one message to the workload queue; its body is unique in the run and is the message's identity for
    /// the checker. `producer` and `sequence` say where it sits in its producer's stream: a producer posts its
    /// sequence numbers in increasing order, one post at a time. On `ok`, `id` is the message id the server
    /// returned; it is nil on `invoke`, `fail` and `unknown`.
    case post(body: String, producer: Int, sequence: Int, ttl: Int, id: String?)
    /// Claim up to `limit` messages from the workload queue. On `ok`, `claimID` is the claim's id (nil when the
    /// server answered 204: nothing to claim) and `messages` what it handed out, in the order it handed them out.
    case claim(limit: Int, ttl: Int, grace: Int, claimID: String?, messages: [DeliveredMessage])
    /// Delete one claimed message under its claim.
    case delete(id: String, claimID: String)
    /// After the run, with faults healed: everything still in `queue` (the workload queue or the dead-letter
    /// queue), listed with `include_claimed`. Only the last `ok` read of each queue is used. Read the workload queue
    /// first: a message moved to the dead-letter queue between the two reads is in neither, so after a dead-letter
    /// read that began first the checker cannot tell a lost message from one that may have used up its claims.
    case read(queue: String, messages: [DeliveredMessage])
}

/// A message as a claim or a read returned it.
public struct DeliveredMessage: Sendable, Hashable, Codable {
    /// The message id.
    public var id: String
    /// The body, as posted (the post's unique body).
    public var body: String

    /// A message with server id `id` and body `body`.
    public init(id: String, body: String) {
        self.id = id
        self.body = body
    }
}
