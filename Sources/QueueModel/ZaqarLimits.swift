/// The limits and defaults of the Zaqar v2 API (reference doc §2), shared by the HTTP layer, which validates
/// requests, and the engine, which validates commands again before applying them.
public enum ZaqarLimits {
    public static let maxQueueNameLength = 64
    public static let maxProjectIDLength = 256
    public static let maxQueuesPerPage = 20
    public static let maxMessagesPerPage = 20
    public static let maxMessagesPerClaimOrPop = 20
    public static let defaultPageSize = 10
    public static let defaultClaimLimit = 10
    public static let maxQueueMetadataBytes = 65_536
    public static let maxMessagesPostBytes = 262_144
    public static let messageTTLRange = 60...1_209_600
    public static let messageDelayRange = 0...900
    public static let claimTTLRange = 60...43_200
    public static let claimGraceRange = 60...43_200
    public static let defaultMessageTTL = 3_600
    public static let defaultMessageDelay = 0
    public static let defaultClaimTTL = 300
    public static let defaultClaimGrace = 60
    /// How long a post's idempotency key is remembered (a client retrying across a failover within it gets the
    /// first post's ids back instead of a duplicate).
    public static let idempotencyWindowSeconds = 600
}
