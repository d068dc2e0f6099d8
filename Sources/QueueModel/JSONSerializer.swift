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
        var output: [UInt8] = []
        output.reserveCapacity(64)
        write(value, escaping: escaping, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the serialisation of `value` as UTF-8 bytes. Building bytes, not a `String`, keeps this linear and
    /// cheap: runs of bytes that need no escaping are copied in bulk.
    public static func write(_ value: JSONValue, escaping: Escaping, to output: inout [UInt8]) {
        switch value {
        case .null: output += Self.nullBytes
        case .bool(let flag): output += flag ? Self.trueBytes : Self.falseBytes
        case .int(let number): output += String(number).utf8
        case .double(let number): output += pythonRepr(number).utf8
        case .string(let text): writeString(text, escaping: escaping, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += Self.itemSeparator }
                write(element, escaping: escaping, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (offset, entry) in object.entries.enumerated() {
                if offset > 0 { output += Self.itemSeparator }
                writeString(entry.key, escaping: escaping, to: &output)
                output += Self.keySeparator
                write(entry.value, escaping: escaping, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let itemSeparator = Array(", ".utf8)
    private static let keySeparator = Array(": ".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendUnicodeEscape(_ unit: UInt16, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        output.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }

    static func writeString(_ text: String, escaping: Escaping, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let needsEscape =
                    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                    || (byte >= 0x7F && escaping == .asciiOnly)  // Python escapes DEL and all non-ASCII
                guard needsEscape else {
                    index += 1
                    continue
                }
                output.append(contentsOf: bytes[runStart..<index])
                if byte < 0x80 {
                    switch byte {
                    case UInt8(ascii: "\""): output += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
                    case UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                    case 0x0A: output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                    case 0x0D: output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                    case 0x09: output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                    case 0x08: output += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
                    case 0x0C: output += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
                    default: appendUnicodeEscape(UInt16(byte), to: &output)
                    }
                    index += 1
                } else {
                    // A multi-byte scalar, escaped as \uXXXX (a surrogate pair above U+FFFF).
                    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    let scalarBytes = bytes[index..<min(index + length, bytes.count)]
                    for scalar in String(decoding: scalarBytes, as: UTF8.self).unicodeScalars {
                        for unit in String(scalar).utf16 { appendUnicodeEscape(unit, to: &output) }
                    }
                    index += length
                }
                runStart = index
            }
            output.append(contentsOf: bytes[runStart..<bytes.count])
        }
        output.append(UInt8(ascii: "\""))
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
