/// A queue mutation: what the leader proposes and every replica applies. Everything the outcome depends on is in
/// the command or the envelope (time, ids come from the log index), so every replica computes the same result.
public enum QueueCommand: Hashable, Sendable {
    /// Create a queue with metadata; an existing queue keeps its metadata (the reference's 204).
    case createQueue(QueueRef, metadata: JSONObject)
    /// Apply JSON-patch operations to the stored metadata (validated afterwards as a whole).
    case patchMetadata(QueueRef, operations: [MetadataPatch])
    case deleteQueue(QueueRef)
    /// Remove every message (claimed and delayed too, unlike the reference) and/or subscriptions.
    case purgeQueue(QueueRef, messages: Bool, subscriptions: Bool)
    /// Post a batch atomically, creating the queue if needed. An idempotency key seen within
    /// ``ZaqarLimits/idempotencyWindowSeconds`` returns the first post's ids and changes nothing.
    case postMessages(QueueRef, clientID: ClientID, messages: [NewMessage], idempotencyKey: String?)
    case claimMessages(QueueRef, limit: Int, ttl: Int, grace: Int)
    case renewClaim(QueueRef, claimID: String, ttl: Int, grace: Int)
    case releaseClaim(QueueRef, claimID: String)
    case deleteMessage(QueueRef, messageID: String, claimID: String?)
    /// Delete listed messages regardless of claims (the reference's bulk delete).
    case deleteMessages(QueueRef, ids: [String])
    case popMessages(QueueRef, count: Int)
    /// Housekeeping issued by the leader: remove up to `limit` expired messages, claims and idempotency keys
    /// (expiry is also applied on every read, so this only reclaims space).
    case expire(limit: Int)
}

extension QueueCommand {
    /// The queue the command acts on (nil for housekeeping).
    public var queue: QueueRef? {
        switch self {
        case .createQueue(let queue, _), .patchMetadata(let queue, _), .deleteQueue(let queue),
            .purgeQueue(let queue, _, _),
            .postMessages(let queue, _, _, _), .claimMessages(let queue, _, _, _), .renewClaim(let queue, _, _, _),
            .releaseClaim(let queue, _), .deleteMessage(let queue, _, _), .deleteMessages(let queue, _),
            .popMessages(let queue, _):
            return queue
        case .expire:
            return nil
        }
    }
}

/// One message of a post, validated by the HTTP layer and again by the engine.
public struct NewMessage: Hashable, Sendable {
    /// Seconds; nil takes the queue's default.
    public var ttl: Int?
    /// Seconds; nil takes the queue's default.
    public var delay: Int?
    /// The body as JSON text, as the server will print it (``JSONSerializer`` with UTF-8 escaping).
    public var body: String
    /// `MD5:<hex>` of the body in Python's `json.dumps` form, or nil for a null body or checksums off.
    public var checksum: String?

    public init(ttl: Int?, delay: Int?, body: String, checksum: String?) {
        self.ttl = ttl
        self.delay = delay
        self.body = body
        self.checksum = checksum
    }
}

/// One JSON-patch operation on queue metadata, already parsed: `path` was `/metadata/<key>` (or, for `remove`,
/// `/<anything>/<key>`).
public struct MetadataPatch: Hashable, Sendable {
    public enum Operation: String, Hashable, Sendable {
        case add, remove, replace
    }

    public var operation: Operation
    public var key: String
    /// Required for add and replace.
    public var value: JSONValue?

    public init(_ operation: Operation, key: String, value: JSONValue? = nil) {
        self.operation = operation
        self.key = key
        self.value = value
    }
}

/// A command with the leader-stamped time it takes effect at.
public struct CommandEnvelope: Hashable, Sendable {
    public var time: Timestamp
    public var command: QueueCommand

    public init(time: Timestamp, command: QueueCommand) {
        self.time = time
        self.command = command
    }
}
