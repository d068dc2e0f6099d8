/// A JSON value that keeps what Zaqar clients can observe: object key order, and the difference between integers
/// and floats (Python prints `1` and `1.0` differently, and message checksums hash the printed form).
///
/// Strings compare by Unicode code points, as Python compares them: `"é"` (U+00E9) and `"e\u{301}"` are different
/// keys and different values, although Swift's `String ==` calls them equal.
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

    /// The value as a number the way Python compares it: integers, booleans and floats.
    public var pythonNumber: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .bool(let value): return value ? 1 : 0
        case .double(let value): return value
        default: return nil
        }
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a.utf8.elementsEqual(b.utf8)
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .int(let value): hasher.combine(value)
        case .double(let value): hasher.combine(value)
        case .string(let value): value.utf8.forEach { hasher.combine($0) }
        case .array(let value): hasher.combine(value)
        case .object(let value): hasher.combine(value)
        }
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
        get { entries.first { Self.sameKey($0.key, key) }?.value }
        set {
            if let position = entries.firstIndex(where: { Self.sameKey($0.key, key) }) {
                if let newValue { entries[position].value = newValue } else { entries.remove(at: position) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    public func contains(_ key: String) -> Bool { entries.contains { Self.sameKey($0.key, key) } }

    /// Keys are the same if their code points are (Python's rule), not if they are canonically equivalent.
    static func sameKey(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { sameKey($0.key, $1.key) && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            entry.key.utf8.forEach { hasher.combine($0) }
            hasher.combine(entry.value)
        }
    }
}
