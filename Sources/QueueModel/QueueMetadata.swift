/// The reserved queue metadata keys (reference doc §7): validation, the defaults shown on reads, and the settings
/// the engine acts on. The reference decides "set" by Python truthiness; these rules reproduce that.
public enum QueueMetadata {
    /// The seven reserved keys with their displayed defaults, in the order the reference adds them (§4.3).
    public static let reservedDefaults: [(key: String, value: JSONValue)] = [
        ("_max_messages_post_size", .int(Int64(ZaqarLimits.maxMessagesPostBytes))),
        ("_default_message_ttl", .int(Int64(ZaqarLimits.defaultMessageTTL))),
        ("_default_message_delay", .int(Int64(ZaqarLimits.defaultMessageDelay))),
        ("_dead_letter_queue", .null),
        ("_dead_letter_queue_messages_ttl", .null),
        ("_max_claim_count", .null),
        ("_enable_encrypt_messages", .bool(false)),
    ]

    public static let reservedKeys: Set<String> = Set(reservedDefaults.map(\.key))

    /// The stored metadata as reads show it: stored keys first, in stored order; then every reserved key that is
    /// absent or falsy gets its default (a falsy stored value is replaced in place, so a stored
    /// `_max_claim_count: 0` reads as `null`, as in the reference).
    public static func withDefaults(_ stored: JSONObject) -> JSONObject {
        var shown = stored
        for (key, value) in reservedDefaults where !(stored[key]?.isTruthy ?? false) {
            shown[key] = value
        }
        return shown
    }

    /// Checks the reserved keys in the reference's order (zaqar 15.0.0 `queue_metadata_putting`); returns the
    /// reference's error description for the first bad one, or nil.
    ///
    /// The reference tests types with Python truthiness (`if value and not isinstance(value, int)`) and then ranges
    /// with `is not None`, so a falsy value of another type (`0.0`, `false`) meets the range check; booleans count
    /// as integers. A falsy value that Python could not compare (`""`, `[]`, `{}`) crashes the reference with a 500;
    /// Flotilla reports the type error instead.
    public static func validationError(_ metadata: JSONObject) -> String? {
        let ttlRange = Double(ZaqarLimits.messageTTLRange.lowerBound)...Double(ZaqarLimits.messageTTLRange.upperBound)
        let integerChecks: [(key: String, range: ClosedRange<Double>?, rangeMessage: String)] = [
            (
                "_default_message_ttl", ttlRange,
                "_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."
            ),
            (
                "_max_messages_post_size", Double.leastNonzeroMagnitude...Double(ZaqarLimits.maxMessagesPostBytes),
                "_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."
            ),
            ("_max_claim_count", nil, ""),
            (
                "_dead_letter_queue_messages_ttl", ttlRange,
                "The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."
            ),
            (
                "_default_message_delay", 0...900,
                "The TTL can not exceed 900 seconds, and must be at least 0 seconds long."
            ),
        ]
        for check in integerChecks {
            guard let value = metadata[check.key], value != .null else { continue }
            let typeMessage = "\(check.key) must be integer."
            if value.isTruthy && value.pythonInt == nil { return typeMessage }
            guard let range = check.range else { continue }
            guard let number = value.pythonNumber else { return typeMessage }
            if !range.contains(number) { return check.rangeMessage }
        }
        if let value = metadata["_enable_encrypt_messages"], value.isTruthy {
            if case .bool = value {} else { return "_enable_encrypt_messages must be boolean." }
        }
        return retryPolicyError(metadata["_retry_policy"])
    }

    /// zaqar 15.0.0 `_validate_retry_policy`: the notification retry settings of a queue.
    static func retryPolicyError(_ value: JSONValue?) -> String? {
        guard let value, value.isTruthy else { return nil }
        guard case .object(let policy) = value else { return "retry_policy must be a dict." }
        let keys = [
            "retries_with_no_delay", "minimum_delay_retries", "minimum_delay", "maximum_delay", "maximum_delay_retries",
            "retry_backoff_function", "ignore_subscription_override",
        ]
        for key in keys {
            guard let entry = policy[key], entry.isTruthy else { continue }
            switch key {
            case "retry_backoff_function":
                guard case .string(let name) = entry else { return "retry_backoff_function must be a string." }
                guard ["linear", "arithmetic", "exponential", "geometric"].contains(name) else {
                    return "invalid retry_backoff_function."
                }
            case "ignore_subscription_override":
                guard case .bool = entry else { return "ignore_subscription_override must be a boolean." }
            default:
                guard entry.pythonInt != nil else { return "Retry policy: \(key) must be a integer." }
            }
        }
        // Defaults 5 and 30; the gap must be at least twice the linear interval of 5 seconds.
        guard let minimum = (policy["minimum_delay"] ?? .int(5)).pythonNumber,
            let maximum = (policy["maximum_delay"] ?? .int(30)).pythonNumber
        else { return "invalid minimum_delay and maximum_delay." }
        if maximum < minimum { return "minimum_delay must less than maximum_delay." }
        if maximum - minimum < 10 { return "invalid minimum_delay and maximum_delay." }
        return nil
    }

    /// What the engine acts on, derived from stored (validated) metadata.
    public struct Settings: Hashable, Sendable {
        public var defaultMessageTTL: Int
        public var defaultMessageDelay: Int
        public var maxPostBytes: Int
        /// Both must be present for dead-lettering to happen (§7.2).
        public var maxClaimCount: Int64?
        public var deadLetterQueue: String?
        public var deadLetterTTL: Int?

        public var deadLettering: (maxClaims: Int64, queue: String)? {
            guard let maxClaimCount, let deadLetterQueue else { return nil }
            return (maxClaimCount, deadLetterQueue)
        }
    }

    public static func settings(_ stored: JSONObject) -> Settings {
        func truthyInt(_ key: String) -> Int? {
            guard let value = stored[key], value.isTruthy, let number = value.pythonInt else { return nil }
            return Int(number)
        }
        var deadLetterQueue: String?
        if case .string(let name)? = stored["_dead_letter_queue"], QueueRef.isValidName(name) { deadLetterQueue = name }
        var maxClaimCount: Int64?
        if let value = stored["_max_claim_count"], value != .null { maxClaimCount = value.pythonInt }
        return Settings(
            defaultMessageTTL: truthyInt("_default_message_ttl") ?? ZaqarLimits.defaultMessageTTL,
            defaultMessageDelay: truthyInt("_default_message_delay") ?? ZaqarLimits.defaultMessageDelay,
            maxPostBytes: min(truthyInt("_max_messages_post_size") ?? Int.max, ZaqarLimits.maxMessagesPostBytes),
            maxClaimCount: maxClaimCount,
            deadLetterQueue: deadLetterQueue,
            deadLetterTTL: truthyInt("_dead_letter_queue_messages_ttl"))
    }
}
