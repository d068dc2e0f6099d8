public import QueueModel

/// A message as the API shows it in listings, gets, claims and pops.
public struct Message: Sendable, Hashable {
    /// The message id (opaque; Flotilla's look like UUIDs).
    public var id: String
    /// Seconds the message lives from posting: the posted TTL, or claim TTL + grace after a claim extended it.
    public var ttl: Int
    /// Whole seconds since the message was posted.
    public var age: Int
    /// The body, exactly as posted (object key order kept).
    public var body: JSONValue
    /// `MD5:<hex>` of the body, when the server computes checksums and the body is not null.
    public var checksum: String?
    /// The claim holding the message, while it is active (parsed from the `?claim_id=` of its href).
    public var claimID: String?
    /// How often the message has been claimed; only pops report it.
    public var claimCount: Int?

    public init(
        id: String, ttl: Int, age: Int, body: JSONValue, checksum: String? = nil, claimID: String? = nil,
        claimCount: Int? = nil
    ) {
        self.id = id
        self.ttl = ttl
        self.age = age
        self.body = body
        self.checksum = checksum
        self.claimID = claimID
        self.claimCount = claimCount
    }

    /// Reads one message object of an answer.
    static func decode(_ item: JSONReader) throws(FlotillaClientError) -> Message {
        var claimID: String?
        if let href = try item.optionalField("href")?.string() {
            claimID = PercentEncoding.queryValue("claim_id", in: href).flatMap { $0.isEmpty ? nil : $0 }
        }
        if claimID == nil, let explicit = try item.optionalField("claim_id")?.string() { claimID = explicit }
        return Message(
            id: try item.field("id").string(), ttl: try item.field("ttl").int(), age: try item.field("age").int(),
            body: try item.field("body").value, checksum: try item.optionalField("checksum")?.string(),
            claimID: claimID, claimCount: try item.optionalField("claim_count")?.int())
    }
}

/// A message to post.
public struct OutgoingMessage: Sendable, Hashable {
    /// Any JSON value, null included.
    public var body: JSONValue
    /// Seconds, 60 to 1209600; nil takes the queue's default (3600 unless the queue says otherwise).
    public var ttl: Int?
    /// Seconds before the message becomes visible, 0 to 900; nil takes the queue's default.
    public var delay: Int?

    public init(body: JSONValue, ttl: Int? = nil, delay: Int? = nil) {
        self.body = body
        self.ttl = ttl
        self.delay = delay
    }

    var json: JSONValue {
        var object = JSONObject()
        if let ttl { object["ttl"] = .int(Int64(ttl)) }
        if let delay { object["delay"] = .int(Int64(delay)) }
        object["body"] = body
        return .object(object)
    }
}

/// A page of a message listing.
public struct MessageList: Sendable, Hashable {
    public var messages: [Message]
    /// The marker to pass for the next page; nil when this page is empty (the end of the listing).
    ///
    /// A non-empty page always has a next marker, even when it is the last page: the end shows as an empty page,
    /// as in Zaqar.
    public var nextMarker: String?

    public init(messages: [Message], nextMarker: String?) {
        self.messages = messages
        self.nextMarker = nextMarker
    }
}
