/// Writes ``JSONValue``s the way Python's `json.dumps` does with its defaults — separators `", "` and `": "`, keys in
/// stored order, floats in Python's `repr` — which is what the reference server sends and what its message
/// checksums are computed over.
public enum JSONSerializer {
    /// How non-ASCII characters are written.
    public enum Escaping: Sendable {
        /// Raw UTF-8, as the reference writes response bodies.
        case utf8
        /// `\uXXXX` (surrogate pairs above U+FFFF), as `json.dumps` does by default: the checksum's input.
        case asciiOnly
    }

    public static func serialize(_ value: JSONValue, escaping: Escaping = .utf8) -> String {
        var output = ""
        write(value, escaping: escaping, to: &output)
        return output
    }

    public static func write(_ value: JSONValue, escaping: Escaping, to output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += pythonRepr(number)
        case .string(let text): writeString(text, escaping: escaping, to: &output)
        case .array(let elements):
            output += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += ", " }
                write(element, escaping: escaping, to: &output)
            }
            output += "]"
        case .object(let object):
            output += "{"
            for (offset, entry) in object.entries.enumerated() {
                if offset > 0 { output += ", " }
                writeString(entry.key, escaping: escaping, to: &output)
                output += ": "
                write(entry.value, escaping: escaping, to: &output)
            }
            output += "}"
        }
    }

    private static let hexDigits = Array("0123456789abcdef")

    private static func appendUnicodeEscape(_ unit: UInt16, to output: inout String) {
        output += "\\u"
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }

    static func writeString(_ text: String, escaping: Escaping, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    appendUnicodeEscape(UInt16(scalar.value), to: &output)
                } else if scalar.value > 0x7E && escaping == .asciiOnly {
                    for unit in String(scalar).utf16 { appendUnicodeEscape(unit, to: &output) }
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// Python's `repr(float)`: the shortest digits that round-trip, in positional notation when the decimal
    /// exponent is in [-4, 16), else as `d.ddde+XX`; positional values always show a fraction (`100.0`).
    public static func pythonRepr(_ value: Double) -> String {
        precondition(value.isFinite, "JSON numbers are finite")
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description also prints the shortest round-tripping digits; take them and its exponent.
        let swiftText = value.magnitude.description
        var mantissa = Substring(swiftText)
        var exponent = 0
        if let e = swiftText.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = swiftText[..<e]
            exponent = Int(swiftText[swiftText.index(after: e)...])!
        }
        var digits = ""
        var pointPosition = mantissa.count
        for (offset, character) in mantissa.enumerated() {
            if character == "." { pointPosition = offset } else { digits.append(character) }
        }
        // Normalise to digits d1 d2 ... with value = 0.d1d2... × 10^decimalPoint.
        var decimalPoint = pointPosition + exponent
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            decimalPoint -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        let sign = value.sign == .minus ? "-" : ""
        if decimalPoint > -4 && decimalPoint <= 16 {
            if decimalPoint <= 0 {
                return sign + "0." + String(repeating: "0", count: -decimalPoint) + digits
            }
            if digits.count <= decimalPoint {
                return sign + digits + String(repeating: "0", count: decimalPoint - digits.count) + ".0"
            }
            let split = digits.index(digits.startIndex, offsetBy: decimalPoint)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let scientificExponent = decimalPoint - 1
        let first = digits.prefix(1)
        let rest = digits.dropFirst()
        let exponentText = String(abs(scientificExponent))
        let paddedExponent = exponentText.count < 2 ? "0" + exponentText : exponentText
        return sign + first + (rest.isEmpty ? "" : "." + rest) + "e" + (scientificExponent < 0 ? "-" : "+")
            + paddedExponent
    }
}
