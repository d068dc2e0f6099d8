/// The binary encoding of ``CommandEnvelope``s in the Raft log.
///
/// **Versioned and readable across releases.** Every entry starts with `"Q"` and a version byte. Version 1:
/// `"Q" 0x01 time:i64 tag:u8 fields…`, integers little-endian, strings as `length:u32 + UTF-8`, optionals as a
/// presence byte, JSON values as their serialised text. A later release adds version 2 and keeps decoding
/// version 1, so a log written by an older node replays unchanged. An unknown version or tag, a truncated entry
/// or trailing bytes decode to a typed ``CommandDecodingError`` — never a crash, never a partial command.
public enum CommandCodec {
    public static let magic = UInt8(ascii: "Q")
    public static let currentVersion: UInt8 = 1

    private enum Tag: UInt8 {
        case createQueue = 1, patchMetadata, deleteQueue, purgeQueue, postMessages, claimMessages, renewClaim
        case releaseClaim, deleteMessage, deleteMessages, popMessages, expire
    }

    public static func encode(_ envelope: CommandEnvelope) -> [UInt8] {
        var writer = ByteWriter()
        writer.byte(magic)
        writer.byte(currentVersion)
        writer.int64(envelope.time.milliseconds)
        switch envelope.command {
        case .createQueue(let queue, let metadata):
            writer.byte(Tag.createQueue.rawValue)
            writer.queue(queue)
            writer.json(.object(metadata))
        case .patchMetadata(let queue, let operations):
            writer.byte(Tag.patchMetadata.rawValue)
            writer.queue(queue)
            writer.uint32(UInt32(operations.count))
            for patch in operations {
                writer.string(patch.operation.rawValue)
                writer.string(patch.key)
                writer.optional(patch.value) { $0.json($1) }
            }
        case .deleteQueue(let queue):
            writer.byte(Tag.deleteQueue.rawValue)
            writer.queue(queue)
        case .purgeQueue(let queue, let messages, let subscriptions):
            writer.byte(Tag.purgeQueue.rawValue)
            writer.queue(queue)
            writer.bool(messages)
            writer.bool(subscriptions)
        case .postMessages(let queue, let clientID, let messages, let key):
            writer.byte(Tag.postMessages.rawValue)
            writer.queue(queue)
            writer.bytes(clientID.bytes)
            writer.uint32(UInt32(messages.count))
            for message in messages {
                writer.optional(message.ttl) { $0.int64(Int64($1)) }
                writer.optional(message.delay) { $0.int64(Int64($1)) }
                writer.string(message.body)
                writer.optional(message.checksum) { $0.string($1) }
            }
            writer.optional(key) { $0.string($1) }
        case .claimMessages(let queue, let limit, let ttl, let grace):
            writer.byte(Tag.claimMessages.rawValue)
            writer.queue(queue)
            writer.int64(Int64(limit))
            writer.int64(Int64(ttl))
            writer.int64(Int64(grace))
        case .renewClaim(let queue, let claimID, let ttl, let grace):
            writer.byte(Tag.renewClaim.rawValue)
            writer.queue(queue)
            writer.string(claimID)
            writer.int64(Int64(ttl))
            writer.int64(Int64(grace))
        case .releaseClaim(let queue, let claimID):
            writer.byte(Tag.releaseClaim.rawValue)
            writer.queue(queue)
            writer.string(claimID)
        case .deleteMessage(let queue, let messageID, let claimID):
            writer.byte(Tag.deleteMessage.rawValue)
            writer.queue(queue)
            writer.string(messageID)
            writer.optional(claimID) { $0.string($1) }
        case .deleteMessages(let queue, let ids):
            writer.byte(Tag.deleteMessages.rawValue)
            writer.queue(queue)
            writer.uint32(UInt32(ids.count))
            for id in ids { writer.string(id) }
        case .popMessages(let queue, let count):
            writer.byte(Tag.popMessages.rawValue)
            writer.queue(queue)
            writer.int64(Int64(count))
        case .expire(let limit):
            writer.byte(Tag.expire.rawValue)
            writer.int64(Int64(limit))
        }
        return writer.bytes
    }

    /// Where the time sits in an encoded envelope: after the magic and the version byte.
    private static let timeOffset = 2

    /// Rewrites the time of an envelope encoded by ``encode(_:)``, in place: the leader stamps each command with
    /// its clock as it proposes it, after the command was encoded elsewhere.
    /// - Precondition: `bytes` came from ``encode(_:)``.
    public static func restamp(_ bytes: inout [UInt8], time: Timestamp) {
        precondition(bytes.count > timeOffset + 8 && bytes[0] == magic, "not an encoded command")
        withUnsafeBytes(of: time.milliseconds.littleEndian) { source in
            for offset in 0..<8 { bytes[timeOffset + offset] = source[offset] }
        }
    }

    /// The time of an encoded envelope, read without decoding the command; nil if `bytes` is not a command of a
    /// known version.
    public static func time(of bytes: [UInt8]) -> Timestamp? {
        guard bytes.count > timeOffset + 8, bytes[0] == magic, bytes[1] == currentVersion else { return nil }
        var milliseconds: UInt64 = 0
        for offset in (0..<8).reversed() { milliseconds = milliseconds << 8 | UInt64(bytes[timeOffset + offset]) }
        return Timestamp(milliseconds: Int64(bitPattern: milliseconds))
    }

    public static func decode(_ bytes: [UInt8]) throws(CommandDecodingError) -> CommandEnvelope {
        var reader = ByteReader(bytes)
        guard try reader.byte() == magic else { throw .notACommand }
        let version = try reader.byte()
        guard version == 1 else { throw .unknownVersion(version) }
        let time = Timestamp(milliseconds: try reader.int64())
        let rawTag = try reader.byte()
        guard let tag = Tag(rawValue: rawTag) else { throw .unknownCommand(rawTag) }
        let command: QueueCommand
        switch tag {
        case .createQueue:
            let queue = try reader.queue()
            guard case .object(let metadata) = try reader.json() else { throw .invalidField("metadata") }
            command = .createQueue(queue, metadata: metadata)
        case .patchMetadata:
            let queue = try reader.queue()
            var operations: [MetadataPatch] = []
            for _ in 0..<(try reader.count()) {
                guard let operation = MetadataPatch.Operation(rawValue: try reader.string()) else {
                    throw .invalidField("patch operation")
                }
                let key = try reader.string()
                let value = try reader.optional { (reader: inout ByteReader) throws(CommandDecodingError) in
                    try reader.json()
                }
                operations.append(MetadataPatch(operation, key: key, value: value))
            }
            command = .patchMetadata(queue, operations: operations)
        case .deleteQueue:
            command = .deleteQueue(try reader.queue())
        case .purgeQueue:
            command = .purgeQueue(try reader.queue(), messages: try reader.bool(), subscriptions: try reader.bool())
        case .postMessages:
            let queue = try reader.queue()
            let clientID = ClientID(bytes: try reader.bytes(count: 16))
            var messages: [NewMessage] = []
            for _ in 0..<(try reader.count()) {
                let ttl = try reader.optional { (reader: inout ByteReader) throws(CommandDecodingError) in
                    try reader.int()
                }
                let delay = try reader.optional { (reader: inout ByteReader) throws(CommandDecodingError) in
                    try reader.int()
                }
                let body = try reader.string()
                let checksum = try reader.optional { (reader: inout ByteReader) throws(CommandDecodingError) in
                    try reader.string()
                }
                messages.append(NewMessage(ttl: ttl, delay: delay, body: body, checksum: checksum))
            }
            let key = try reader.optional { (reader: inout ByteReader) throws(CommandDecodingError) in
                try reader.string()
            }
            command = .postMessages(queue, clientID: clientID, messages: messages, idempotencyKey: key)
        case .claimMessages:
            command = .claimMessages(
                try reader.queue(), limit: try reader.int(), ttl: try reader.int(), grace: try reader.int())
        case .renewClaim:
            command = .renewClaim(
                try reader.queue(), claimID: try reader.string(), ttl: try reader.int(), grace: try reader.int())
        case .releaseClaim:
            command = .releaseClaim(try reader.queue(), claimID: try reader.string())
        case .deleteMessage:
            let queue = try reader.queue()
            let messageID = try reader.string()
            let claimID = try reader.optional { (reader: inout ByteReader) throws(CommandDecodingError) in
                try reader.string()
            }
            command = .deleteMessage(queue, messageID: messageID, claimID: claimID)
        case .deleteMessages:
            let queue = try reader.queue()
            var ids: [String] = []
            for _ in 0..<(try reader.count()) { ids.append(try reader.string()) }
            command = .deleteMessages(queue, ids: ids)
        case .popMessages:
            command = .popMessages(try reader.queue(), count: try reader.int())
        case .expire:
            command = .expire(limit: try reader.int())
        }
        guard reader.isAtEnd else { throw .trailingBytes }
        return CommandEnvelope(time: time, command: command)
    }
}

/// Why a log entry is not a command this release can apply.
public enum CommandDecodingError: Error, Hashable, Sendable {
    case notACommand
    case unknownVersion(UInt8)
    case unknownCommand(UInt8)
    case truncated
    case trailingBytes
    case invalidField(String)
}

/// Little-endian writer for the codec.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
    mutating func uint32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func int64(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func bytes(_ value: [UInt8]) { bytes.append(contentsOf: value) }

    mutating func string(_ value: String) {
        uint32(UInt32(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    mutating func json(_ value: JSONValue) { string(JSONSerializer.serialize(value)) }

    mutating func queue(_ queue: QueueRef) {
        string(queue.project)
        string(queue.name)
    }

    mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        guard let value else { return byte(0) }
        byte(1)
        write(&self, value)
    }
}

/// Little-endian reader for the codec; every read checks bounds.
struct ByteReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position == bytes.count }

    mutating func bytes(count: Int) throws(CommandDecodingError) -> [UInt8] {
        guard count >= 0, bytes.count - position >= count else { throw .truncated }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    mutating func byte() throws(CommandDecodingError) -> UInt8 { try bytes(count: 1)[0] }

    mutating func bool() throws(CommandDecodingError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw .invalidField("boolean")
        }
    }

    mutating func uint32() throws(CommandDecodingError) -> UInt32 {
        try bytes(count: 4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func int64() throws(CommandDecodingError) -> Int64 {
        Int64(bitPattern: try bytes(count: 8).reversed().reduce(0) { $0 << 8 | UInt64($1) })
    }

    mutating func int() throws(CommandDecodingError) -> Int {
        let value = try int64()
        guard let result = Int(exactly: value) else { throw .invalidField("integer") }
        return result
    }

    /// An element count, bounded by the bytes left so a damaged count cannot make us allocate.
    mutating func count() throws(CommandDecodingError) -> Int {
        let value = Int(try uint32())
        guard value <= bytes.count - position else { throw .truncated }
        return value
    }

    mutating func string() throws(CommandDecodingError) -> String {
        let length = Int(try uint32())
        let raw = try bytes(count: length)
        guard let text = String(validating: raw, as: UTF8.self) else { throw .invalidField("UTF-8 string") }
        return text
    }

    mutating func json() throws(CommandDecodingError) -> JSONValue {
        let text = try string()
        do {
            return try JSONParser.parse(text)
        } catch {
            throw .invalidField("JSON value")
        }
    }

    mutating func queue() throws(CommandDecodingError) -> QueueRef {
        QueueRef(project: try string(), name: try string())
    }

    mutating func optional<T>(_ read: (inout ByteReader) throws(CommandDecodingError) -> T) throws(CommandDecodingError)
        -> T?
    {
        guard try bool() else { return nil }
        return try read(&self)
    }
}
