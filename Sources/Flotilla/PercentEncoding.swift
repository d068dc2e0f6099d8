/// Percent-encoding for the pieces of request targets this client builds.
enum PercentEncoding {
    /// Encodes everything but RFC 3986's unreserved characters, so a value can sit in a path segment or a query
    /// value without changing the target's structure (a queue name can never add a segment or a parameter).
    static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                output.unicodeScalars.append("%")
                output.unicodeScalars.append(hex[Int(byte >> 4)])
                output.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return output
    }

    /// Decodes `%XX` escapes (and `+` as a space, as query strings write it); invalid escapes are kept.
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "%"), index + 2 < source.count, let high = hexValue(source[index + 1]),
                let low = hexValue(source[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The value of query parameter `name` in an href such as `/v2/queues?limit=2&marker=b2` (the last one wins, as
    /// on the server).
    static func queryValue(_ name: String, in href: String) -> String? {
        guard let question = href.firstIndex(of: "?") else { return nil }
        var found: String?
        for pair in href[href.index(after: question)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if decode(parts[0]) == name { found = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return found
    }

    /// The last path segment of an href, without its query (`/v2/queues/q/messages/ID?claim_id=C` gives `ID`).
    static func lastSegment(of href: String) -> String {
        let path = href.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return decode(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// Builds `?name=value&...` from the parameters that are set.
struct QueryBuilder {
    private var pairs: [String] = []

    mutating func add(_ name: String, _ value: String?) {
        guard let value else { return }
        pairs.append(name + "=" + PercentEncoding.encode(value))
    }

    mutating func add(_ name: String, _ value: Int?) { add(name, value.map { String($0) }) }

    mutating func add(_ name: String, _ value: Bool?) { add(name, value.map { $0 ? "true" : "false" }) }

    /// A comma-separated list, each item encoded (so a comma inside an item cannot split it).
    mutating func add(_ name: String, list: [String]) {
        pairs.append(name + "=" + list.map(PercentEncoding.encode).joined(separator: ","))
    }

    var text: String { pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&") }
}
