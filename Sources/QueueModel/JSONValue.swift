/// A JSON value that keeps what Zaqar clients can observe: object key order, and the difference between integers
/// and floats (Python prints `1` and `1.0` differently, and message checksums hash the printed form).
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// An integer that fits a signed 64-bit value (larger integers are refused when parsing).
    case int(Int64)
    /// A number written with a fraction or an exponent. Never NaN or infinite.
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Python truthiness, which the reference uses to decide whether a reserved metadata value is "set".
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let value): return value
        case .int(let value): return value != 0
        case .double(let value): return value != 0
        case .string(let value): return !value.isEmpty
        case .array(let value): return !value.isEmpty
        case .object(let value): return !value.isEmpty
        }
    }

    /// The value as an integer the way Python's `isinstance(v, int)` sees it: booleans count as 0 and 1.
    public var pythonInt: Int64? {
        switch self {
        case .int(let value): return value
        case .bool(let value): return value ? 1 : 0
        default: return nil
        }
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }
}

/// A JSON object with its keys in the order they were received. Setting an existing key keeps its position
/// (Python's `dict` does the same), so re-serialising reproduces the client's order.
public struct JSONObject: Hashable, Sendable {
    public private(set) var entries: [(key: String, value: JSONValue)] = []

    public init() {}

    public init(_ entries: [(String, JSONValue)]) {
        for (key, value) in entries { self[key] = value }
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }
    public var keys: [String] { entries.map(\.key) }

    public subscript(key: String) -> JSONValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let position = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[position].value = newValue } else { entries.remove(at: position) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    public func contains(_ key: String) -> Bool { entries.contains { $0.key == key } }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }
}
