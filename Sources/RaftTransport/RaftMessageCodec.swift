public import NIOCore
public import RaftCore

/// The binary encoding of Raft messages on the wire: compact, versioned by the enclosing frame, and strict.
///
/// Layout (all integers big-endian, `u64` = 8 bytes, `u32` = 4, `u8` = 1):
///
/// ```text
/// Message        = from:u64 to:u64 term:u64 tag:u8 body
///   tag 1  append              prevIndex:u64 prevTerm:u64 commit:u64 count:u32 Entry{count}
///   tag 2  appendResponse      index:u64 flags:u8(bit0 reject) rejectHint:u64 rejectHintTerm:u64
///   tag 3  vote                flags:u8(bit0 preVote, bit1 leadershipTransfer) lastIndex:u64 lastTerm:u64
///   tag 4  voteResponse        flags:u8(bit0 preVote, bit1 granted)
///   tag 5  heartbeat           commit:u64 readRound:u64
///   tag 6  heartbeatResponse   readRound:u64
///   tag 7  snapshot            SnapshotMetadata length:u64 data
///   tag 8  timeoutNow          (empty)
///   tag 9  readIndex           id:u64
///   tag 10 readIndexResponse   id:u64 index:u64
///   tag 11 transferLeadership  target:u64
/// Entry          = term:u64 index:u64 kind:u8 length:u32 data
/// SnapshotMetadata = index:u64 term:u64 ConfState
/// ConfState      = voterCount:u32 voter:u64{voterCount} learnerCount:u32 learner:u64{learnerCount}
/// ```
///
/// Guarantees: `decode(encode(m)) == m` for every message; decoding checks every length against the bytes left
/// before allocating, rejects undefined flag bits, unknown tags and kinds, unnormalised memberships and trailing
/// bytes, and throws a ``RaftCodecError`` instead of returning anything partial.
public enum RaftMessageCodec {
    /// Payload tags, one per ``Message/Payload`` case. Values are part of the wire format: never renumber.
    enum Tag: UInt8 {
        case append = 1
        case appendResponse = 2
        case vote = 3
        case voteResponse = 4
        case heartbeat = 5
        case heartbeatResponse = 6
        case snapshot = 7
        case timeoutNow = 8
        case readIndex = 9
        case readIndexResponse = 10
        case transferLeadership = 11
    }

    /// The smallest encoding of one entry (an empty one); bounds the entry count a buffer can hold.
    static let minimumEntryBytes = 8 + 8 + 1 + 4

    // MARK: - Encoding

    /// Appends the encoding of `message` to `buffer`.
    ///
    /// - Parameters:
    ///   - message: Any Raft message.
    ///   - buffer: The buffer to append to.
    public static func encode(_ message: Message, into buffer: inout ByteBuffer) {
        buffer.writeInteger(message.from.rawValue)
        buffer.writeInteger(message.to.rawValue)
        buffer.writeInteger(message.term.rawValue)
        switch message.payload {
        case .append(let request):
            buffer.writeInteger(Tag.append.rawValue)
            buffer.writeInteger(request.prevIndex.rawValue)
            buffer.writeInteger(request.prevTerm.rawValue)
            buffer.writeInteger(request.commit.rawValue)
            precondition(request.entries.count <= Int(UInt32.max), "too many entries for one message")
            buffer.writeInteger(UInt32(request.entries.count))
            for entry in request.entries { encode(entry, into: &buffer) }
        case .appendResponse(let response):
            buffer.writeInteger(Tag.appendResponse.rawValue)
            buffer.writeInteger(response.index.rawValue)
            buffer.writeInteger(UInt8(response.reject ? 1 : 0))
            buffer.writeInteger(response.rejectHint.rawValue)
            buffer.writeInteger(response.rejectHintTerm.rawValue)
        case .vote(let request):
            buffer.writeInteger(Tag.vote.rawValue)
            buffer.writeInteger(UInt8((request.isPreVote ? 1 : 0) | (request.isLeadershipTransfer ? 2 : 0)))
            buffer.writeInteger(request.lastIndex.rawValue)
            buffer.writeInteger(request.lastTerm.rawValue)
        case .voteResponse(let response):
            buffer.writeInteger(Tag.voteResponse.rawValue)
            buffer.writeInteger(UInt8((response.isPreVote ? 1 : 0) | (response.granted ? 2 : 0)))
        case .heartbeat(let heartbeat):
            buffer.writeInteger(Tag.heartbeat.rawValue)
            buffer.writeInteger(heartbeat.commit.rawValue)
            buffer.writeInteger(heartbeat.readRound)
        case .heartbeatResponse(let response):
            buffer.writeInteger(Tag.heartbeatResponse.rawValue)
            buffer.writeInteger(response.readRound)
        case .snapshot(let snapshot):
            buffer.writeInteger(Tag.snapshot.rawValue)
            encode(snapshot.metadata, into: &buffer)
            buffer.writeInteger(UInt64(snapshot.data.count))
            buffer.writeBytes(snapshot.data)
        case .timeoutNow:
            buffer.writeInteger(Tag.timeoutNow.rawValue)
        case .readIndex(let id):
            buffer.writeInteger(Tag.readIndex.rawValue)
            buffer.writeInteger(id.rawValue)
        case .readIndexResponse(let response):
            buffer.writeInteger(Tag.readIndexResponse.rawValue)
            buffer.writeInteger(response.id.rawValue)
            buffer.writeInteger(response.index.rawValue)
        case .transferLeadership(let target):
            buffer.writeInteger(Tag.transferLeadership.rawValue)
            buffer.writeInteger(target.rawValue)
        }
    }

    /// The encoding of `message` as bytes.
    ///
    /// - Parameter message: Any Raft message.
    /// - Returns: Its encoding.
    public static func encode(_ message: Message) -> [UInt8] {
        var buffer = ByteBufferAllocator().buffer(capacity: 64 + message.approximateByteCount)
        encode(message, into: &buffer)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    /// Appends the encoding of one log entry.
    ///
    /// - Parameters:
    ///   - entry: The entry; its data must be shorter than 4 GiB.
    ///   - buffer: The buffer to append to.
    public static func encode(_ entry: Entry, into buffer: inout ByteBuffer) {
        precondition(entry.data.count <= Int(UInt32.max), "entry data over 4 GiB")
        buffer.writeInteger(entry.term.rawValue)
        buffer.writeInteger(entry.index.rawValue)
        buffer.writeInteger(entry.kind.rawValue)
        buffer.writeInteger(UInt32(entry.data.count))
        buffer.writeBytes(entry.data)
    }

    /// Appends the encoding of snapshot metadata (index, term, membership).
    ///
    /// - Parameters:
    ///   - metadata: The metadata.
    ///   - buffer: The buffer to append to.
    public static func encode(_ metadata: SnapshotMetadata, into buffer: inout ByteBuffer) {
        buffer.writeInteger(metadata.index.rawValue)
        buffer.writeInteger(metadata.term.rawValue)
        encode(metadata.confState, into: &buffer)
    }

    /// Appends the encoding of a membership: voters, then learners, each sorted as ``ConfState`` keeps them.
    ///
    /// - Parameters:
    ///   - confState: The membership.
    ///   - buffer: The buffer to append to.
    public static func encode(_ confState: ConfState, into buffer: inout ByteBuffer) {
        for list in [confState.voters, confState.learners] {
            buffer.writeInteger(UInt32(list.count))
            for id in list { buffer.writeInteger(id.rawValue) }
        }
    }

    // MARK: - Decoding

    /// Decodes exactly one message that fills all of `bytes`.
    ///
    /// - Parameter bytes: The encoding of one message.
    /// - Returns: The message.
    /// - Throws: ``RaftCodecError``, including ``RaftCodecError/trailingBytes(count:)`` if bytes are left over.
    public static func decode(_ bytes: some Sequence<UInt8>) throws(RaftCodecError) -> Message {
        var buffer = ByteBufferAllocator().buffer(capacity: 0)
        buffer.writeBytes(bytes)
        let message = try decode(from: &buffer)
        guard buffer.readableBytes == 0 else { throw .trailingBytes(count: buffer.readableBytes) }
        return message
    }

    /// Decodes one message from the front of `buffer`, consuming its bytes.
    ///
    /// - Parameter buffer: Bytes starting with an encoded message; on failure it is left untouched.
    /// - Returns: The message.
    /// - Throws: ``RaftCodecError``.
    public static func decode(from buffer: inout ByteBuffer) throws(RaftCodecError) -> Message {
        var reader = Reader(buffer: buffer)
        let message = try reader.message()
        buffer = reader.buffer
        return message
    }

    /// Decodes one entry from the front of `buffer`, consuming its bytes.
    ///
    /// - Parameter buffer: Bytes starting with an encoded entry; on failure it is left untouched.
    /// - Returns: The entry.
    /// - Throws: ``RaftCodecError``.
    public static func decodeEntry(from buffer: inout ByteBuffer) throws(RaftCodecError) -> Entry {
        var reader = Reader(buffer: buffer)
        let entry = try reader.entry()
        buffer = reader.buffer
        return entry
    }

    /// Decodes snapshot metadata from the front of `buffer`, consuming its bytes.
    ///
    /// - Parameter buffer: Bytes starting with encoded metadata; on failure it is left untouched.
    /// - Returns: The metadata.
    /// - Throws: ``RaftCodecError``.
    public static func decodeSnapshotMetadata(from buffer: inout ByteBuffer) throws(RaftCodecError)
        -> SnapshotMetadata
    {
        var reader = Reader(buffer: buffer)
        let metadata = try reader.snapshotMetadata()
        buffer = reader.buffer
        return metadata
    }

    /// Decodes a membership from the front of `buffer`, consuming its bytes.
    ///
    /// - Parameter buffer: Bytes starting with an encoded membership; on failure it is left untouched.
    /// - Returns: The membership.
    /// - Throws: ``RaftCodecError``.
    public static func decodeConfState(from buffer: inout ByteBuffer) throws(RaftCodecError) -> ConfState {
        var reader = Reader(buffer: buffer)
        let confState = try reader.confState()
        buffer = reader.buffer
        return confState
    }

    /// Reads fields from a private copy of the input, so that a failure leaves the caller's buffer untouched.
    struct Reader {
        var buffer: ByteBuffer

        mutating func u8(_ field: String) throws(RaftCodecError) -> UInt8 {
            guard let value = buffer.readInteger(as: UInt8.self) else { throw .truncated(field: field) }
            return value
        }

        mutating func u32(_ field: String) throws(RaftCodecError) -> UInt32 {
            guard let value = buffer.readInteger(as: UInt32.self) else { throw .truncated(field: field) }
            return value
        }

        mutating func u64(_ field: String) throws(RaftCodecError) -> UInt64 {
            guard let value = buffer.readInteger(as: UInt64.self) else { throw .truncated(field: field) }
            return value
        }

        /// A flags byte whose bits outside `allowed` must be clear.
        mutating func flags(_ field: String, allowed: UInt8) throws(RaftCodecError) -> UInt8 {
            let value = try u8(field)
            guard value & ~allowed == 0 else { throw .invalidFlags(field: field, value: value) }
            return value
        }

        /// `length` raw bytes; the length is checked against what remains before anything is allocated.
        mutating func bytes(_ field: String, length: UInt64) throws(RaftCodecError) -> [UInt8] {
            guard length <= UInt64(buffer.readableBytes) else {
                throw .lengthTooLarge(field: field, length: length, remaining: buffer.readableBytes)
            }
            guard let bytes = buffer.readBytes(length: Int(length)) else { throw .truncated(field: field) }
            return bytes
        }

        /// A count of items of at least `itemBytes` each, checked against what remains.
        mutating func count(_ field: String, itemBytes: Int) throws(RaftCodecError) -> Int {
            let count = UInt64(try u32(field))
            guard count * UInt64(itemBytes) <= UInt64(buffer.readableBytes) else {
                throw .lengthTooLarge(field: field, length: count, remaining: buffer.readableBytes)
            }
            return Int(count)
        }

        mutating func message() throws(RaftCodecError) -> Message {
            let from = NodeID(try u64("from"))
            let to = NodeID(try u64("to"))
            let term = Term(try u64("term"))
            let rawTag = try u8("payload tag")
            guard let tag = Tag(rawValue: rawTag) else { throw .unknownPayloadTag(rawTag) }
            let payload: Message.Payload
            switch tag {
            case .append:
                let prevIndex = LogIndex(try u64("append.prevIndex"))
                let prevTerm = Term(try u64("append.prevTerm"))
                let commit = LogIndex(try u64("append.commit"))
                let count = try count("append.entries count", itemBytes: RaftMessageCodec.minimumEntryBytes)
                var entries: [Entry] = []
                entries.reserveCapacity(count)
                for _ in 0..<count { entries.append(try entry()) }
                payload = .append(
                    AppendRequest(prevIndex: prevIndex, prevTerm: prevTerm, entries: entries, commit: commit))
            case .appendResponse:
                let index = LogIndex(try u64("appendResponse.index"))
                let flags = try flags("appendResponse", allowed: 1)
                let hint = LogIndex(try u64("appendResponse.rejectHint"))
                let hintTerm = Term(try u64("appendResponse.rejectHintTerm"))
                payload = .appendResponse(
                    AppendResponse(index: index, reject: flags & 1 != 0, rejectHint: hint, rejectHintTerm: hintTerm))
            case .vote:
                let flags = try flags("vote", allowed: 3)
                let lastIndex = LogIndex(try u64("vote.lastIndex"))
                let lastTerm = Term(try u64("vote.lastTerm"))
                payload = .vote(
                    VoteRequest(
                        isPreVote: flags & 1 != 0, lastIndex: lastIndex, lastTerm: lastTerm,
                        isLeadershipTransfer: flags & 2 != 0))
            case .voteResponse:
                let flags = try flags("voteResponse", allowed: 3)
                payload = .voteResponse(VoteResponse(isPreVote: flags & 1 != 0, granted: flags & 2 != 0))
            case .heartbeat:
                let commit = LogIndex(try u64("heartbeat.commit"))
                payload = .heartbeat(Heartbeat(commit: commit, readRound: try u64("heartbeat.readRound")))
            case .heartbeatResponse:
                payload = .heartbeatResponse(HeartbeatResponse(readRound: try u64("heartbeatResponse.readRound")))
            case .snapshot:
                let metadata = try snapshotMetadata()
                let length = try u64("snapshot.data length")
                payload = .snapshot(Snapshot(metadata: metadata, data: try bytes("snapshot.data", length: length)))
            case .timeoutNow:
                payload = .timeoutNow
            case .readIndex:
                payload = .readIndex(ReadRequestID(try u64("readIndex.id")))
            case .readIndexResponse:
                let id = ReadRequestID(try u64("readIndexResponse.id"))
                payload = .readIndexResponse(
                    ReadIndexResponse(id: id, index: LogIndex(try u64("readIndexResponse.index"))))
            case .transferLeadership:
                payload = .transferLeadership(target: NodeID(try u64("transferLeadership.target")))
            }
            return Message(from: from, to: to, term: term, payload: payload)
        }

        mutating func entry() throws(RaftCodecError) -> Entry {
            let term = Term(try u64("entry.term"))
            let index = LogIndex(try u64("entry.index"))
            let rawKind = try u8("entry.kind")
            guard let kind = Entry.Kind(rawValue: rawKind) else { throw .unknownEntryKind(rawKind) }
            let length = try u32("entry.data length")
            return Entry(term: term, index: index, kind: kind, data: try bytes("entry.data", length: UInt64(length)))
        }

        mutating func snapshotMetadata() throws(RaftCodecError) -> SnapshotMetadata {
            let index = LogIndex(try u64("snapshot.index"))
            let term = Term(try u64("snapshot.term"))
            return SnapshotMetadata(index: index, term: term, confState: try confState())
        }

        mutating func confState() throws(RaftCodecError) -> ConfState {
            let voters = try nodeList("voters")
            let learners = try nodeList("learners")
            guard Set(voters).isDisjoint(with: learners) else {
                throw .invalidConfState(reason: "a node is both voter and learner")
            }
            return ConfState(voters: voters, learners: learners)
        }

        /// A strictly increasing list of node ids (the form ``ConfState`` normalises to).
        mutating func nodeList(_ field: String) throws(RaftCodecError) -> [NodeID] {
            let count = try count("\(field) count", itemBytes: 8)
            var ids: [NodeID] = []
            ids.reserveCapacity(count)
            for _ in 0..<count {
                let id = NodeID(try u64(field))
                if let last = ids.last, last >= id {
                    throw .invalidConfState(reason: "\(field) not strictly increasing at \(id)")
                }
                ids.append(id)
            }
            return ids
        }
    }
}
