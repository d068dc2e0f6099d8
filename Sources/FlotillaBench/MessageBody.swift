import QueueModel

/// Message bodies of an exact serialized size, made once per run so the load generator does not build them per
/// request.
enum MessageBody {
    /// The padding field of object bodies.
    static let padKey = "pad"

    /// A body whose serialization (``JSONSerializer``, the server's) is exactly `bytes` long.
    static func make(bytes: Int, shape: BenchConfiguration.BodyShape) -> JSONValue {
        let padding = bytes - smallestBytes(shape)
        precondition(padding >= 0, "a \(shape) body needs at least \(smallestBytes(shape)) bytes")
        let text = String(repeating: "x", count: padding)
        switch shape {
        case .string: return .string(text)
        case .object: return .object(JSONObject([(padKey, .string(text))]))
        }
    }

    /// The size of the smallest body of `shape`: `""` or `{"pad": ""}`.
    static func smallestBytes(_ shape: BenchConfiguration.BodyShape) -> Int {
        switch shape {
        case .string: return 2
        case .object: return JSONSerializer.serialize(.object(JSONObject([(padKey, .string(""))]))).utf8.count
        }
    }

    /// How many messages of `bytes` one pre-fill post carries: as many as fit the 256 KiB post limit (each
    /// message adds `{"ttl": N, "body": …}, ` around its body), at most 50 so no single post dominates the log.
    static func batchSize(bytes: Int) -> Int {
        max(1, min(50, (ZaqarLimits.maxMessagesPostBytes - 64) / (bytes + 32)))
    }
}
