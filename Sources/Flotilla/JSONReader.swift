import QueueModel

/// Reads a JSON answer field by field, failing with a ``FlotillaClientError/decoding(_:)`` that names the path of
/// the field at fault (`messages[2].ttl`), so a version mismatch is diagnosable from the error alone.
struct JSONReader {
    let value: JSONValue
    /// Where `value` sits in the answer, for error messages; empty at the top.
    let path: String

    init(_ value: JSONValue, path: String = "") {
        self.value = value
        self.path = path
    }

    /// Parses an answer body.
    static func parse(_ bytes: [UInt8], what: String) throws(FlotillaClientError) -> JSONReader {
        do {
            return JSONReader(try JSONParser.parse(bytes))
        } catch {
            let preview = String(decoding: bytes.prefix(200), as: UTF8.self)
            throw .decoding("\(what): the body is not JSON (\(error)): \(preview)")
        }
    }

    private func failure(_ expectation: String) -> FlotillaClientError {
        .decoding(
            "\(path.isEmpty ? "the answer" : path): expected \(expectation), got \(JSONSerializer.serialize(value))")
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The member `key`, which must be present (it may be null).
    func field(_ key: String) throws(FlotillaClientError) -> JSONReader {
        guard case .object(let object) = value else { throw failure("an object") }
        guard let member = object[key] else {
            throw .decoding("\(path.isEmpty ? "the answer" : path): missing \"\(key)\"")
        }
        return JSONReader(member, path: childPath(key))
    }

    /// The member `key`, or nil when it is absent or null.
    func optionalField(_ key: String) throws(FlotillaClientError) -> JSONReader? {
        guard case .object(let object) = value else { throw failure("an object") }
        guard let member = object[key], member != .null else { return nil }
        return JSONReader(member, path: childPath(key))
    }

    var isNull: Bool { value == .null }

    func string() throws(FlotillaClientError) -> String {
        guard case .string(let text) = value else { throw failure("a string") }
        return text
    }

    func int() throws(FlotillaClientError) -> Int {
        guard case .int(let number) = value, let result = Int(exactly: number) else { throw failure("an integer") }
        return result
    }

    func uint64() throws(FlotillaClientError) -> UInt64 {
        guard case .int(let number) = value, let result = UInt64(exactly: number) else {
            throw failure("a non-negative integer")
        }
        return result
    }

    func double() throws(FlotillaClientError) -> Double {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: throw failure("a number")
        }
    }

    func bool() throws(FlotillaClientError) -> Bool {
        guard case .bool(let flag) = value else { throw failure("a boolean") }
        return flag
    }

    func object() throws(FlotillaClientError) -> JSONObject {
        guard case .object(let object) = value else { throw failure("an object") }
        return object
    }

    func array() throws(FlotillaClientError) -> [JSONReader] {
        guard case .array(let items) = value else { throw failure("an array") }
        return items.enumerated().map { JSONReader($0.element, path: "\(path)[\($0.offset)]") }
    }
}
