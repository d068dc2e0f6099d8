public import QueueModel

/// One queue of a listing.
public struct QueueListing: Sendable, Hashable {
    public var name: String
    /// The metadata with the reserved defaults filled in; only in detailed listings.
    public var metadata: JSONObject?

    public init(name: String, metadata: JSONObject?) {
        self.name = name
        self.metadata = metadata
    }
}

/// A page of the queue listing.
public struct QueueList: Sendable, Hashable {
    /// The queues, ascending by name.
    public var queues: [QueueListing]
    /// The marker to pass for the next page (the last name); nil when this page is empty.
    public var nextMarker: String?
    /// The number of queues in the project, when asked for with `withCount` and non-zero.
    public var count: Int?

    public init(queues: [QueueListing], nextMarker: String?, count: Int?) {
        self.queues = queues
        self.nextMarker = nextMarker
        self.count = count
    }
}

/// A queue's counters (`GET /v2/queues/{q}/stats`).
public struct QueueStatistics: Sendable, Hashable {
    /// Messages under an active claim.
    public var claimed: Int
    /// Messages not under an active claim (delayed ones included).
    public var free: Int
    public var total: Int
    /// The first message in FIFO order, when the queue has messages.
    public var oldest: MessageMark?
    /// The last message in FIFO order, when the queue has messages.
    public var newest: MessageMark?

    public init(claimed: Int, free: Int, total: Int, oldest: MessageMark?, newest: MessageMark?) {
        self.claimed = claimed
        self.free = free
        self.total = total
        self.oldest = oldest
        self.newest = newest
    }
}

/// The `oldest`/`newest` entries of queue statistics.
public struct MessageMark: Sendable, Hashable {
    /// The message id (the last segment of its href).
    public var id: String
    public var href: String
    /// Whole seconds since posting.
    public var age: Int
    /// When it was posted, `YYYY-MM-DDTHH:MM:SSZ`.
    public var created: String

    public init(id: String, href: String, age: Int, created: String) {
        self.id = id
        self.href = href
        self.age = age
        self.created = created
    }
}

/// The result of `GET /v2/health`: the server's self-test (create a queue, post, claim, list, delete, drop).
public struct HealthReport: Sendable, Hashable {
    public var storageReachable: Bool
    /// Each step of the self-test, in the server's order.
    public var operations: [Operation]

    public struct Operation: Sendable, Hashable {
        public var name: String
        public var succeeded: Bool
        public var seconds: Double

        public init(name: String, succeeded: Bool, seconds: Double) {
            self.name = name
            self.succeeded = succeeded
            self.seconds = seconds
        }
    }

    public init(storageReachable: Bool, operations: [Operation]) {
        self.storageReachable = storageReachable
        self.operations = operations
    }
}

/// What the router knows about the leader.
public struct LeaderHint: Sendable, Hashable {
    /// The leader's node name (`X-Flotilla-Leader`).
    public var name: String?
    /// The leader's API base URL (`X-Flotilla-Leader-Endpoint`).
    public var endpoint: String?

    public init(name: String?, endpoint: String?) {
        self.name = name
        self.endpoint = endpoint
    }
}
