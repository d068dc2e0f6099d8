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

    /// Parses like Python's `uuid.UUID(str)`: optional `urn:` and `uuid:` prefixes, optional braces, any dashes,
    /// then exactly 32 hexadecimal digits in either case. Nil if it is not a UUID.
    public init?(parsing text: String) {
        var rest = Substring(text)
        if rest.lowercased().hasPrefix("urn:") { rest = rest.dropFirst(4) }
        if rest.lowercased().hasPrefix("uuid:") { rest = rest.dropFirst(5) }
        if rest.hasPrefix("{") { rest = rest.dropFirst() }
        if rest.hasSuffix("}") { rest = rest.dropLast() }
        let hex = rest.filter { $0 != "-" }
        guard hex.count == 32 else { return nil }
        var bytes: [UInt8] = []
        var high: UInt8?
        for character in hex {
            guard let nibble = character.hexDigitValue else { return nil }
            if let pending = high {
                bytes.append(pending << 4 | UInt8(nibble))
                high = nil
            } else {
                high = UInt8(nibble)
            }
        }
        self.bytes = bytes
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
