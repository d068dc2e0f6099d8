import QueueModel

/// Parses one JSON-patch operation of a queue PATCH body with the reference's checks and messages (§4.4 step 5,
/// zaqar 15.0.0 `queue_patching`). Every failure is 400 "Invalid request body".
enum MetadataPatchParser {
    static let operations = "add, remove, replace"

    static func parse(_ change: JSONValue) throws(ZaqarError) -> MetadataPatch {
        guard case .object(let object) = change else { throw .invalidBody("Operations must be JSON objects.") }
        guard let opValue = object["op"], opValue != .null else {
            throw .invalidBody(
                "Unable to find `op` in JSON Schema change. It must be one of the following: \(operations).")
        }
        guard case .string(let opName) = opValue, let operation = MetadataPatch.Operation(rawValue: opName) else {
            let shown: String
            if case .string(let text) = opValue { shown = text } else { shown = JSONSerializer.serialize(opValue) }
            throw .invalidBody("Invalid operation: `\(shown)`. It must be one of the following: \(operations).")
        }
        guard let pathValue = object["path"] else { throw .invalidBody("Unable to find 'path' in JSON Schema change") }
        guard case .string(let pointer) = pathValue else {
            throw .invalidBody("Unable to find 'path' in JSON Schema change")
        }
        let path = try decodePointer(pointer)
        guard path.count == 2 else {
            throw .invalidBody(
                "Invalid JSON pointer for this resource: '/\(path.joined(separator: "/")), e.g /metadata/key'")
        }
        var value: JSONValue?
        if operation != .remove {
            guard let given = object["value"] else {
                throw .invalidBody("Operation \"\(opName)\" requires a member named \"value\".")
            }
            value = given
            guard path[0].lowercased() == "metadata" else {
                throw .invalidBody("The root of path must be metadata, e.g /metadata/key.")
            }
        }
        return MetadataPatch(operation, key: path[1], value: value)
    }

    /// zaqar's `_decode_json_pointer`: validate, then split, unescape `~1` and `~0`, and trim spaces.
    static func decodePointer(_ pointer: String) throws(ZaqarError) -> [String] {
        guard pointer.hasPrefix("/") else { throw .invalidBody("Pointer `\(pointer)` does not start with \"/\".") }
        let afterFirst = String(pointer.dropFirst())
        if containsAdjacentSlashes(afterFirst) {
            throw .invalidBody("Pointer `\(pointer)` contains adjacent \"/\".")
        }
        if pointer.count > 1 && pointer.hasSuffix("/") { throw .invalidBody("Pointer `\(pointer)` end with \"/\".") }
        if afterFirst.trimmed() == "/" { throw .invalidBody("Pointer `\(pointer)` does not contains valid token.") }
        if hasBadTilde(pointer) {
            throw .invalidBody("Pointer `\(pointer)` contains \"~\" not part of a recognized escape sequence.")
        }
        var trimmed = Substring(pointer)
        while trimmed.first == "/" { trimmed.removeFirst() }
        return trimmed.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacing("~1", with: "/").replacing("~0", with: "~").trimmed()
        }
    }

    /// `re.search(r'/\s*?/', text)`: two slashes with only whitespace between them.
    private static func containsAdjacentSlashes(_ text: String) -> Bool {
        let characters = Array(text)
        for (index, character) in characters.enumerated() where character == "/" {
            var next = index + 1
            while next < characters.count, characters[next].isWhitespace { next += 1 }
            if next < characters.count, characters[next] == "/" { return true }
        }
        return false
    }

    /// `re.search(r'~[^01]', pointer) or pointer.endswith('~')`.
    private static func hasBadTilde(_ pointer: String) -> Bool {
        let characters = Array(pointer)
        for (index, character) in characters.enumerated() where character == "~" {
            guard index + 1 < characters.count else { return true }
            if characters[index + 1] != "0" && characters[index + 1] != "1" { return true }
        }
        return false
    }
}
