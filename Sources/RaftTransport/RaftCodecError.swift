/// Why bytes did not decode as a Raft message. Decoding never crashes and never returns part of a message: any
/// inconsistency is one of these values.
public enum RaftCodecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The input ended inside `field`.
    case truncated(field: String)
    /// The payload tag is not one this version knows.
    case unknownPayloadTag(UInt8)
    /// An entry's kind byte is not an ``Entry/Kind``.
    case unknownEntryKind(UInt8)
    /// A flags byte has bits set that this version does not define.
    case invalidFlags(field: String, value: UInt8)
    /// A count or length cannot fit in the bytes that remain, so the input is damaged (checked before allocating).
    case lengthTooLarge(field: String, length: UInt64, remaining: Int)
    /// A membership list is not sorted, has duplicates, or names a node both voter and learner; encoders always
    /// write the normalised form ``ConfState`` keeps.
    case invalidConfState(reason: String)
    /// Bytes follow a complete message.
    case trailingBytes(count: Int)

    public var description: String {
        switch self {
        case .truncated(let field): return "input ends inside \(field)"
        case .unknownPayloadTag(let tag): return "unknown message payload tag \(tag)"
        case .unknownEntryKind(let kind): return "unknown entry kind \(kind)"
        case .invalidFlags(let field, let value):
            return "undefined bits in \(field) flags 0x\(String(value, radix: 16))"
        case .lengthTooLarge(let field, let length, let remaining):
            return "\(field) of \(length) cannot fit in the \(remaining) bytes left"
        case .invalidConfState(let reason): return "invalid membership: \(reason)"
        case .trailingBytes(let count): return "\(count) bytes follow a complete message"
        }
    }
}
