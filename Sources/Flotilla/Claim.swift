/// A claim: a lease on some messages, which no one else can claim while it is active.
public struct Claim: Sendable, Hashable {
    /// The claim id; pass it to delete a claimed message, renew or release the claim.
    public var id: String
    /// The claim's TTL in seconds.
    public var ttl: Int
    /// Seconds since the claim was created or last renewed (0 for a claim just created).
    public var age: Int
    /// The messages the claim holds (a claim whose messages were all deleted holds none until it expires).
    public var messages: [Message]

    public init(id: String, ttl: Int, age: Int, messages: [Message]) {
        self.id = id
        self.ttl = ttl
        self.age = age
        self.messages = messages
    }
}
