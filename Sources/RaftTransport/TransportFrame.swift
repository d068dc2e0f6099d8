public import NIOCore
public import RaftCore

/// One unit of the peer protocol on the wire.
///
/// Layout: `length:u32 | version:u8 | kind:u8 | payload`, big-endian, where `length` counts the bytes after
/// itself (version + kind + payload), so a frame occupies `4 + length` bytes and `length >= 2`.
///
/// ```text
/// kind 1 hello          from:u64 to:u64                      client -> server, first frame of a connection
/// kind 2 helloAccepted  id:u64                                server -> client, the server accepted the client
/// kind 3 message        RaftMessageCodec message              client -> server
/// kind 4 snapshotChunk  transferID:u64 offset:u64 total:u64 headerLength:u32 header data
///                       header = RaftMessageCodec message with a .snapshot payload whose data is empty; it is
///                       present (headerLength > 0) exactly on the chunk with offset 0. `data` is the rest.
/// kind 5 snapshotAck    transferID:u64 status:u8 (1 = received intact, 0 = refused)   server -> client
/// ```
///
/// Guarantees: ``encode(into:)`` and ``decode(from:maxFrameBytes:)`` are inverses; decoding never returns a
/// partial frame and reports every inconsistency as a ``TransportFrameError``.
public enum TransportFrame: Hashable, Sendable {
    /// The client names itself and the node it means to reach. The server trusts neither claim: it checks them
    /// against the client's certificate and its own configuration.
    case hello(from: NodeID, to: NodeID)
    /// The server accepted the client's certificate and hello; `id` is the server's node id.
    case helloAccepted(NodeID)
    /// A Raft message (any payload, though snapshots normally travel as chunks).
    case message(Message)
    /// A piece of a streamed snapshot.
    case snapshotChunk(SnapshotChunk)
    /// The receiver's verdict on a snapshot transfer.
    case snapshotAck(transferID: UInt64, received: Bool)

    /// The protocol version this build speaks. A frame with another version closes the connection.
    public static let version: UInt8 = 1
    /// Bytes before the payload that `length` counts: version and kind.
    public static let headerBytes = 2
    /// The fixed part of a snapshot chunk's payload before the header and data.
    public static let chunkFixedBytes = 8 + 8 + 8 + 4

    /// Frame kinds. Values are part of the wire format: never renumber.
    public enum Kind: UInt8, Sendable {
        case hello = 1
        case helloAccepted = 2
        case message = 3
        case snapshotChunk = 4
        case snapshotAck = 5
    }

    /// The kind byte of this frame.
    public var kind: Kind {
        switch self {
        case .hello: return .hello
        case .helloAccepted: return .helloAccepted
        case .message: return .message
        case .snapshotChunk: return .snapshotChunk
        case .snapshotAck: return .snapshotAck
        }
    }

    /// Appends the whole frame (length prefix included) to `buffer`.
    ///
    /// - Parameter buffer: The buffer to append to.
    /// - Returns: The frame's `length` field: the bytes after the prefix. Callers compare it with their
    ///   `maxFrameBytes` before sending, because the receiver closes the connection on a larger frame.
    @discardableResult
    public func encode(into buffer: inout ByteBuffer) -> Int {
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        let start = buffer.writerIndex
        buffer.writeInteger(Self.version)
        buffer.writeInteger(kind.rawValue)
        switch self {
        case .hello(let from, let to):
            buffer.writeInteger(from.rawValue)
            buffer.writeInteger(to.rawValue)
        case .helloAccepted(let id):
            buffer.writeInteger(id.rawValue)
        case .message(let message):
            RaftMessageCodec.encode(message, into: &buffer)
        case .snapshotChunk(let chunk):
            Self.writeChunkPayload(
                transferID: chunk.transferID, offset: chunk.offset, totalBytes: chunk.totalBytes, header: chunk.header,
                data: chunk.data.readableBytesView, into: &buffer)
        case .snapshotAck(let transferID, let received):
            buffer.writeInteger(transferID)
            buffer.writeInteger(UInt8(received ? 1 : 0))
        }
        let length = buffer.writerIndex - start
        precondition(length <= Int(UInt32.max), "frame over 4 GiB")
        buffer.setInteger(UInt32(length), at: lengthIndex)
        return length
    }

    /// Appends a whole snapshot-chunk frame without first copying `data` into a ``SnapshotChunk``.
    ///
    /// - Parameters:
    ///   - transferID: The transfer.
    ///   - offset: Where `data` starts in the snapshot data.
    ///   - totalBytes: The snapshot data's size.
    ///   - header: The snapshot message without data, on the first chunk only.
    ///   - data: The chunk's bytes.
    ///   - buffer: The buffer to append to.
    /// - Returns: The frame's `length` field.
    @discardableResult
    public static func encodeSnapshotChunk(
        transferID: UInt64, offset: UInt64, totalBytes: UInt64, header: Message?, data: some Collection<UInt8>,
        into buffer: inout ByteBuffer
    ) -> Int {
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        let start = buffer.writerIndex
        buffer.writeInteger(Self.version)
        buffer.writeInteger(Kind.snapshotChunk.rawValue)
        writeChunkPayload(
            transferID: transferID, offset: offset, totalBytes: totalBytes, header: header, data: data, into: &buffer)
        let length = buffer.writerIndex - start
        precondition(length <= Int(UInt32.max), "frame over 4 GiB")
        buffer.setInteger(UInt32(length), at: lengthIndex)
        return length
    }

    private static func writeChunkPayload(
        transferID: UInt64, offset: UInt64, totalBytes: UInt64, header: Message?, data: some Collection<UInt8>,
        into buffer: inout ByteBuffer
    ) {
        buffer.writeInteger(transferID)
        buffer.writeInteger(offset)
        buffer.writeInteger(totalBytes)
        let headerLengthIndex = buffer.writerIndex
        buffer.writeInteger(UInt32(0))
        if let header {
            let headerStart = buffer.writerIndex
            RaftMessageCodec.encode(header, into: &buffer)
            buffer.setInteger(UInt32(buffer.writerIndex - headerStart), at: headerLengthIndex)
        }
        buffer.writeBytes(data)
    }

    /// Decodes one frame from the front of `buffer` if it is complete.
    ///
    /// An oversized `length` is refused as soon as the four length bytes have arrived, without waiting for (or
    /// buffering) the body.
    ///
    /// - Parameters:
    ///   - buffer: Received bytes; a decoded frame's bytes are consumed, otherwise nothing is.
    ///   - maxFrameBytes: The largest `length` accepted.
    /// - Returns: The frame, or nil if more bytes are needed.
    /// - Throws: ``TransportFrameError``.
    public static func decode(from buffer: inout ByteBuffer, maxFrameBytes: Int) throws(TransportFrameError)
        -> TransportFrame?
    {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return nil }
        guard Int(length) <= maxFrameBytes else { throw .oversized(length: Int(length), limit: maxFrameBytes) }
        guard Int(length) >= headerBytes else { throw .undersized(length: Int(length)) }
        guard buffer.readableBytes >= 4 + Int(length) else { return nil }
        // Decode a slice so a payload that claims more than the frame cannot read into the next frame.
        var frame = buffer.getSlice(at: buffer.readerIndex + 4, length: Int(length))!
        let version = frame.readInteger(as: UInt8.self)!
        guard version == Self.version else { throw .unsupportedVersion(version) }
        let rawKind = frame.readInteger(as: UInt8.self)!
        guard let kind = Kind(rawValue: rawKind) else { throw .unknownKind(rawKind) }
        let decoded = try decodePayload(kind: kind, payload: &frame)
        guard frame.readableBytes == 0 else {
            throw .malformed(kind: rawKind, reason: "\(frame.readableBytes) bytes after the payload")
        }
        buffer.moveReaderIndex(forwardBy: 4 + Int(length))
        return decoded
    }

    private static func decodePayload(kind: Kind, payload: inout ByteBuffer) throws(TransportFrameError)
        -> TransportFrame
    {
        func u64(_ field: String) throws(TransportFrameError) -> UInt64 {
            guard let value = payload.readInteger(as: UInt64.self) else {
                throw .malformed(kind: kind.rawValue, reason: "truncated \(field)")
            }
            return value
        }
        switch kind {
        case .hello:
            let from = NodeID(try u64("from"))
            return .hello(from: from, to: NodeID(try u64("to")))
        case .helloAccepted:
            return .helloAccepted(NodeID(try u64("id")))
        case .message:
            do {
                return .message(try RaftMessageCodec.decode(from: &payload))
            } catch {
                throw .malformedMessage(error)
            }
        case .snapshotChunk:
            let transferID = try u64("transfer id")
            let offset = try u64("offset")
            let total = try u64("total size")
            guard let headerLength = payload.readInteger(as: UInt32.self) else {
                throw .malformed(kind: kind.rawValue, reason: "truncated header length")
            }
            guard Int(headerLength) <= payload.readableBytes else {
                throw .malformed(kind: kind.rawValue, reason: "header length \(headerLength) past the frame")
            }
            var header: Message?
            if headerLength > 0 {
                var headerBytes = payload.readSlice(length: Int(headerLength))!
                let message: Message
                do {
                    message = try RaftMessageCodec.decode(from: &headerBytes)
                } catch {
                    throw .malformedMessage(error)
                }
                guard headerBytes.readableBytes == 0 else {
                    throw .malformedMessage(.trailingBytes(count: headerBytes.readableBytes))
                }
                guard case .snapshot(let snapshot) = message.payload, snapshot.data.isEmpty else {
                    throw .malformed(kind: kind.rawValue, reason: "chunk header is not a snapshot message without data")
                }
                header = message
            }
            guard (offset == 0) == (header != nil) else {
                throw .malformed(kind: kind.rawValue, reason: "header present iff offset is 0 (offset \(offset))")
            }
            let data = payload.readSlice(length: payload.readableBytes)!
            guard offset <= total, UInt64(data.readableBytes) <= total - offset else {
                throw .malformed(
                    kind: kind.rawValue, reason: "chunk \(offset)+\(data.readableBytes) runs past total \(total)")
            }
            return .snapshotChunk(
                SnapshotChunk(transferID: transferID, offset: offset, totalBytes: total, header: header, data: data))
        case .snapshotAck:
            let transferID = try u64("transfer id")
            guard let status = payload.readInteger(as: UInt8.self), status <= 1 else {
                throw .malformed(kind: kind.rawValue, reason: "status is not 0 or 1")
            }
            return .snapshotAck(transferID: transferID, received: status == 1)
        }
    }
}

/// A piece of a snapshot streamed in order: chunks of one transfer arrive with increasing, contiguous offsets
/// on one connection, and the transfer is complete when `offset + data.readableBytes == totalBytes`.
public struct SnapshotChunk: Hashable, Sendable {
    /// Identifies the transfer on its connection (the sender numbers them).
    public var transferID: UInt64
    /// Where `data` starts within the snapshot data.
    public var offset: UInt64
    /// The size of the whole snapshot data.
    public var totalBytes: UInt64
    /// The message the snapshot travels in (a `.snapshot` payload with empty data), on the first chunk only.
    public var header: Message?
    /// The chunk's bytes.
    public var data: ByteBuffer

    public init(transferID: UInt64, offset: UInt64, totalBytes: UInt64, header: Message?, data: ByteBuffer) {
        self.transferID = transferID
        self.offset = offset
        self.totalBytes = totalBytes
        self.header = header
        self.data = data
    }
}

/// Why received bytes are not a valid frame. Any of these closes the connection they arrived on, and only it.
public enum TransportFrameError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The length prefix exceeds the receiver's `maxFrameBytes`.
    case oversized(length: Int, limit: Int)
    /// The length prefix is too small to hold a version and a kind.
    case undersized(length: Int)
    /// The frame speaks another protocol version.
    case unsupportedVersion(UInt8)
    /// The kind byte is not a known ``TransportFrame/Kind``.
    case unknownKind(UInt8)
    /// A message (or a snapshot chunk's header) did not decode.
    case malformedMessage(RaftCodecError)
    /// Another payload did not decode.
    case malformed(kind: UInt8, reason: String)

    public var description: String {
        switch self {
        case .oversized(let length, let limit): return "frame of \(length) bytes exceeds the limit of \(limit)"
        case .undersized(let length): return "frame length \(length) is shorter than its header"
        case .unsupportedVersion(let version): return "unsupported frame version \(version)"
        case .unknownKind(let kind): return "unknown frame kind \(kind)"
        case .malformedMessage(let error): return "malformed message: \(error)"
        case .malformed(let kind, let reason): return "malformed frame of kind \(kind): \(reason)"
        }
    }
}

/// Splits a byte stream into ``TransportFrame``s for a `ByteToMessageHandler`.
///
/// Guarantees: the same frames come out however the stream is split into reads; a decoding error is thrown
/// (the handler then forwards it down the pipeline and stops decoding), so the connection handler closes the
/// connection without any partial frame having been delivered.
public struct TransportFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = TransportFrame

    /// The largest frame `length` accepted.
    public let maxFrameBytes: Int

    /// - Parameter maxFrameBytes: The largest frame `length` accepted.
    public init(maxFrameBytes: Int) {
        precondition(maxFrameBytes >= TransportFrame.headerBytes, "maxFrameBytes too small")
        self.maxFrameBytes = maxFrameBytes
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try TransportFrame.decode(from: &buffer, maxFrameBytes: maxFrameBytes) else {
            return .needMoreData
        }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        // Complete frames still buffered at EOF are delivered; a trailing partial frame is dropped with the
        // connection, as a torn write would be.
        try decode(context: context, buffer: &buffer)
    }
}

extension ChannelHandlerContext {
    /// Encodes `frame` and writes and flushes it on this context (event loop only). Both peer connection handlers
    /// send their handshake and control frames this way.
    func writeAndFlush(_ frame: TransportFrame) {
        var buffer = channel.allocator.buffer(capacity: 32)
        frame.encode(into: &buffer)
        writeAndFlush(NIOAny(buffer), promise: nil)
    }
}
