/// A queue within a project: every queue operation names both, and nothing crosses projects.
public struct QueueRef: Hashable, Sendable, CustomStringConvertible {
    public var project: String
    public var name: String

    public init(project: String, name: String) {
        self.project = project
        self.name = name
    }

    public var description: String { "\(project)/\(name)" }

    /// Zaqar's queue-name rule: 1 to 64 characters from `[A-Za-z0-9_.-]`.
    public static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= ZaqarLimits.maxQueueNameLength else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }

    /// Zaqar's project-id rule on queue paths: at most 256 characters.
    public static func isValidProject(_ project: String) -> Bool {
        !project.isEmpty && project.utf8.count <= ZaqarLimits.maxProjectIDLength
    }
}

/// The `Client-ID` of a request, as the UUID value it denotes, so that every spelling of one UUID compares equal
/// (the reference compares parsed `uuid.UUID` values when filtering echo).
public struct ClientID: Hashable, Sendable, CustomStringConvertible {
    /// The 16 bytes of the UUID.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        precondition(bytes.count == 16, "a client id is 16 bytes")
        self.bytes = bytes
    }

    /// Parses exactly like Python's `uuid.UUID(hex)` on a header the reference read as Latin-1: remove every
    /// `urn:` and then every `uuid:` (case-sensitive), strip `{` and `}` from both ends, remove every `-`; exactly
    /// 32 characters must remain, which Python's `int(text, 16)` must accept (surrounding whitespace, a `+`, a
    /// `0x` prefix and single underscores between digits included) as a value that fits 128 bits. Only ASCII is
    /// accepted (Python would also take other Unicode digits, which never arrive through a Latin-1 header).
    /// Nil if it is not a UUID.
    public init?(parsing text: String) {
        if let fast = Self.parseCommonSpelling(text) {
            self.bytes = fast
            return
        }
        guard text.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
        var rest = text.replacing("urn:", with: "").replacing("uuid:", with: "")
        while let first = rest.first, first == "{" || first == "}" { rest.removeFirst() }
        while let last = rest.last, last == "{" || last == "}" { rest.removeLast() }
        rest = rest.replacing("-", with: "")
        guard rest.count == 32, let value = Self.pythonHexInt(rest) else { return nil }
        self.bytes = value
    }

    /// The two spellings clients send on every request — 32 hex digits, or the canonical `8-4-4-4-12` form —
    /// parsed directly; nil means "use the general (Python-exact) parser".
    private static func parseCommonSpelling(_ text: String) -> [UInt8]? {
        let utf8 = text.utf8
        let count = utf8.count
        guard count == 32 || count == 36 else { return nil }
        return utf8.withContiguousStorageIfAvailable { raw -> [UInt8]? in
            var result = [UInt8](repeating: 0, count: 16)
            var nibbles = 0
            for (offset, byte) in raw.enumerated() {
                if count == 36 && (offset == 8 || offset == 13 || offset == 18 || offset == 23) {
                    guard byte == UInt8(ascii: "-") else { return nil }
                    continue
                }
                let value: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): value = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                result[nibbles / 2] |= nibbles % 2 == 0 ? value << 4 : value
                nibbles += 1
            }
            return nibbles == 32 ? result : nil
        } ?? nil
    }

    /// Python's `int(text, 16)` for ASCII text, as 16 big-endian bytes; nil if Python would refuse it or the
    /// value is negative or wider than 128 bits.
    private static func pythonHexInt(_ text: String) -> [UInt8]? {
        let whitespace: Set<Character> = [
            " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1D}", "\u{1E}", "\u{1F}",
        ]
        var characters = Substring(text)
        while let first = characters.first, whitespace.contains(first) { characters.removeFirst() }
        while let last = characters.last, whitespace.contains(last) { characters.removeLast() }
        if characters.first == "+" { characters.removeFirst() }
        var afterPrefix = false
        if characters.hasPrefix("0x") || characters.hasPrefix("0X") {
            characters.removeFirst(2)
            afterPrefix = true
        }
        var nibbles: [UInt8] = []
        var previousWasDigit = afterPrefix
        for character in characters {
            if character == "_" {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
                continue
            }
            guard let nibble = character.hexDigitValue else { return nil }
            nibbles.append(UInt8(nibble))
            previousWasDigit = true
        }
        guard !nibbles.isEmpty, previousWasDigit else { return nil }
        while nibbles.count > 32, nibbles.first == 0 { nibbles.removeFirst() }
        guard nibbles.count <= 32 else { return nil }
        nibbles = [UInt8](repeating: 0, count: 32 - nibbles.count) + nibbles
        return stride(from: 0, to: 32, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] }
    }

    public var description: String {
        let hex = bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(
                hex[
                    hex.index(
                        hex.startIndex, offsetBy: range.lowerBound)..<hex.index(
                            hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }
}

/// Message and claim ids, derived from the log index of the command that created them: every replica computes
/// the same id, and no two commands share an index. They look like UUIDs so clients treat them as usual; the
/// last group tells messages (`m`) from claims (`c`) for humans reading logs.
public enum EntityID {
    /// The id of the message at `position` in the batch posted by the command at log `index`.
    public static func message(index: UInt64, position: Int) -> String {
        format(index: index, low: UInt64(position), kind: 0x6D)
    }

    /// The id of the claim created by the command at log `index`.
    public static func claim(index: UInt64) -> String {
        format(index: index, low: 0, kind: 0x63)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `iiiiiiii-iiii-iiii-kklo-wwwwwwwwwwww`: the index in the first 16 hex digits, then the kind byte and the
    /// low 40 bits. Written byte by byte: this runs once per posted message.
    private static func format(index: UInt64, low: UInt64, kind: UInt64) -> String {
        let second = kind << 40 | low
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            func put(_ value: UInt64, digits: Int) {
                for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
                    if position == 8 || position == 13 || position == 18 || position == 23 {
                        buffer[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    buffer[position] = hexDigits[Int((value >> UInt64(shift)) & 0xF)]
                    position += 1
                }
            }
            put(index, digits: 16)
            put(second, digits: 16)
            return 36
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
