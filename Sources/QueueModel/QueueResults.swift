/// The outcome of applying a ``QueueCommand``. Protocol outcomes are values (style guide §4).
public enum CommandResult: Hashable, Sendable {
    /// `true` if the queue was created, `false` if it existed (its metadata unchanged).
    case queueCreated(Bool)
    /// The queue's metadata after a patch, defaults filled in.
    case metadata(JSONObject)
    case done
    /// The ids of the posted messages, in request order.
    case posted(messageIDs: [String])
    /// The new claim, or nil when nothing could be claimed (the reference's 204).
    case claimed(ClaimView?)
    case popped([MessageView])
    case expired(removed: Int)
    /// Nothing changed, and this is why.
    case failed(QueueError)
}

/// Why a command or query was refused. The HTTP layer maps each to the reference's status, title and text.
public enum QueueError: Error, Hashable, Sendable {
    /// PATCH of a queue that does not exist (404).
    case queueNotFound(QueueRef)
    /// `replace` or `remove` of a key that is neither stored nor reserved (409).
    case metadataConflict(operation: MetadataPatch.Operation, key: String)
    /// A reserved metadata value is out of its type or range (400); the text is the reference's.
    case invalidMetadata(String)
    /// Renewing or reading a claim that is missing, released or expired (404).
    case claimNotFound(QueueRef, claimID: String)
    /// No message with these ids (get by ids: 404).
    case messagesNotFound(QueueRef, ids: [String])
    /// No message with this id (404).
    case messageNotFound(QueueRef, id: String)
    /// Deleting a message under another (or no given) active claim (403).
    case messageClaimed
    /// A claim id was given but the message is not claimed (400).
    case messageNotClaimed
    /// The claim id given is not an active claim (400).
    case claimInvalid
    /// A command whose fields break the API's limits, or that cannot be decoded (nothing applied).
    case invalidCommand(String)
}

/// A message as clients see it. `claimID` is set only while the claim is active.
public struct MessageView: Hashable, Sendable {
    public var id: String
    public var queue: String
    /// Seconds: the posted TTL, or claim TTL + grace after a lifetime extension, or the dead-letter TTL.
    public var ttl: Int
    /// Whole seconds since posting.
    public var age: Int
    /// The body as JSON text.
    public var body: String
    public var checksum: String?
    public var claimID: String?
    public var claimCount: Int

    public init(
        id: String, queue: String, ttl: Int, age: Int, body: String, checksum: String?, claimID: String?,
        claimCount: Int
    ) {
        self.id = id
        self.queue = queue
        self.ttl = ttl
        self.age = age
        self.body = body
        self.checksum = checksum
        self.claimID = claimID
        self.claimCount = claimCount
    }
}

/// A claim as clients see it.
public struct ClaimView: Hashable, Sendable {
    public var id: String
    public var queue: String
    /// Seconds since the claim was created or last renewed.
    public var age: Int
    public var ttl: Int
    /// The messages the claim still holds, in FIFO order.
    public var messages: [MessageView]

    public init(id: String, queue: String, age: Int, ttl: Int, messages: [MessageView]) {
        self.id = id
        self.queue = queue
        self.age = age
        self.ttl = ttl
        self.messages = messages
    }
}

/// A queue's counters and its first and last message in FIFO order.
public struct QueueStats: Hashable, Sendable {
    public var total: Int
    public var claimed: Int
    public var free: Int { total - claimed }
    public var oldest: MessageSummary?
    public var newest: MessageSummary?

    public init(total: Int, claimed: Int, oldest: MessageSummary?, newest: MessageSummary?) {
        self.total = total
        self.claimed = claimed
        self.oldest = oldest
        self.newest = newest
    }
}

/// The `oldest`/`newest` entries of queue stats.
public struct MessageSummary: Hashable, Sendable {
    public var id: String
    public var age: Int
    public var created: Timestamp

    public init(id: String, age: Int, created: Timestamp) {
        self.id = id
        self.age = age
        self.created = created
    }
}

/// One queue of a listing; `metadata` (with defaults) only for detailed listings.
public struct QueueSummary: Hashable, Sendable {
    public var name: String
    public var metadata: JSONObject?

    public init(name: String, metadata: JSONObject?) {
        self.name = name
        self.metadata = metadata
    }
}

/// A page of a message listing and the marker of its last message (nil when the page is empty).
public struct MessagePage: Hashable, Sendable {
    public var messages: [MessageView]
    public var nextMarker: String?

    public init(messages: [MessageView], nextMarker: String?) {
        self.messages = messages
        self.nextMarker = nextMarker
    }
}

/// A page of the queue listing, with the total number of queues in the project (ignoring filters).
public struct QueuePage: Hashable, Sendable {
    public var queues: [QueueSummary]
    public var total: Int

    public init(queues: [QueueSummary], total: Int) {
        self.queues = queues
        self.total = total
    }
}
