import NIOCore
import NIOEmbedded
import RaftCore
import RaftTransport
import Testing

@Suite("Transport frames")
struct TransportFrameTests {
    /// One frame of every kind, with a big message among them.
    static func sampleFrames(seed: UInt64) -> [TransportFrame] {
        var generator = MessageGenerator(seed: seed)
        let snapshotHeader = Message(
            from: 1, to: 2, term: 3,
            payload: .snapshot(
                Snapshot(metadata: SnapshotMetadata(index: 9, term: 3, confState: ConfState(voters: [1, 2])), data: []))
        )
        let big = Message(
            from: 1, to: 2, term: 3,
            payload: .append(
                AppendRequest(
                    prevIndex: 1, prevTerm: 1,
                    entries: [Entry(term: 3, index: 2, data: generator.bytes(maxCount: 70_000))],
                    commit: 1)))
        return [
            .hello(from: 1, to: 2),
            .helloAccepted(2),
            .message(generator.message(tag: 4)),
            .message(big),
            .snapshotChunk(
                SnapshotChunk(
                    transferID: 7, offset: 0, totalBytes: 10, header: snapshotHeader,
                    data: ByteBuffer(bytes: [1, 2, 3]))),
            .snapshotChunk(
                SnapshotChunk(
                    transferID: 7, offset: 3, totalBytes: 10, header: nil, data: ByteBuffer(bytes: [4, 5, 6, 7]))),
            .snapshotAck(transferID: 7, received: true),
            .message(generator.message(tag: 7)),
        ]
    }

    static func encode(_ frames: [TransportFrame]) -> [UInt8] {
        var buffer = ByteBuffer()
        for frame in frames { frame.encode(into: &buffer) }
        return Array(buffer.readableBytesView)
    }

    /// Feeds `pieces` to a fresh decoder channel and returns the frames it produced.
    static func decode(pieces: [ArraySlice<UInt8>], maxFrameBytes: Int = 1 << 20) throws -> [TransportFrame] {
        let channel = EmbeddedChannel(
            handler: ByteToMessageHandler(TransportFrameDecoder(maxFrameBytes: maxFrameBytes)))
        defer { _ = try? channel.finish() }
        var frames: [TransportFrame] = []
        for piece in pieces {
            try channel.writeInbound(ByteBuffer(bytes: piece))
            while let frame = try channel.readInbound(as: TransportFrame.self) { frames.append(frame) }
        }
        return frames
    }

    // Goal: every frame kind survives encode → decode.
    // Method: encode the sample frames into one buffer and decode them one by one with the static decoder.
    @Test func framesRoundTrip() throws {
        let frames = Self.sampleFrames(seed: 1)
        var buffer = ByteBuffer(bytes: Self.encode(frames))
        var decoded: [TransportFrame] = []
        while let frame = try TransportFrame.decode(from: &buffer, maxFrameBytes: 1 << 20) { decoded.append(frame) }
        #expect(decoded == frames)
        #expect(buffer.readableBytes == 0)
    }

    // Goal: the decoder yields the same frames however TCP splits the stream (ByteToMessageDecoderVerifier style).
    // Method: split the encoded stream into two reads at every position, then three reads at seeded random
    // positions, then one byte per read; feed each through ByteToMessageHandler on an EmbeddedChannel.
    @Test(arguments: [1, 2] as [UInt64])
    func decoderHandlesEveryChunking(seed: UInt64) throws {
        // Small frames for the exhaustive two-way split; the big one is covered by the random splits.
        let small = Self.sampleFrames(seed: seed).filter {
            if case .message(let message) = $0 { return message.approximateByteCount < 1_000 }
            return true
        }
        let bytes = Self.encode(small)
        for split in 0...bytes.count {
            #expect(try Self.decode(pieces: [bytes[0..<split], bytes[split...]]) == small, "split at \(split)")
        }
        #expect(try Self.decode(pieces: bytes.indices.map { bytes[$0...$0] }) == small)

        let all = Self.sampleFrames(seed: seed)
        let allBytes = Self.encode(all)
        var random = SplitMix64(seed: seed)
        for _ in 0..<200 {
            let cuts = (0..<2).map { _ in Int(random.next() % UInt64(allBytes.count + 1)) }.sorted()
            let pieces = [allBytes[0..<cuts[0]], allBytes[cuts[0]..<cuts[1]], allBytes[cuts[1]...]]
            #expect(try Self.decode(pieces: pieces) == all, "seed \(seed) cuts \(cuts)")
        }
    }

    // Goal: an oversized length is refused from the 4 length bytes alone, before the body is buffered.
    // Method: decode just a length prefix of limit+1.
    @Test func oversizedLengthIsRefusedEarly() throws {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(1025))
        #expect(throws: TransportFrameError.oversized(length: 1025, limit: 1024)) {
            _ = try TransportFrame.decode(from: &buffer, maxFrameBytes: 1024)
        }
        buffer = ByteBuffer()
        buffer.writeInteger(UInt32(1))
        buffer.writeInteger(UInt8(1))
        #expect(throws: TransportFrameError.undersized(length: 1)) {
            _ = try TransportFrame.decode(from: &buffer, maxFrameBytes: 1024)
        }
    }

    // Goal: unknown versions and kinds, and payloads that do not decode, are typed errors.
    // Method: patch the version and kind bytes of valid frames, truncate a frame's payload while fixing up its
    // length, and append a byte inside a frame.
    @Test func badVersionKindAndPayloadAreTypedErrors() throws {
        let hello = Self.encode([.hello(from: 1, to: 2)])
        var patched = hello
        patched[4] = 2
        var buffer = ByteBuffer(bytes: patched)
        #expect(throws: TransportFrameError.unsupportedVersion(2)) {
            _ = try TransportFrame.decode(from: &buffer, maxFrameBytes: 1024)
        }
        patched = hello
        patched[5] = 42
        buffer = ByteBuffer(bytes: patched)
        #expect(throws: TransportFrameError.unknownKind(42)) {
            _ = try TransportFrame.decode(from: &buffer, maxFrameBytes: 1024)
        }

        // Every truncation of every frame's payload (with the length adjusted to match) is an error.
        for frame in Self.sampleFrames(seed: 3) where frame.kind != .message || Self.encode([frame]).count < 2_000 {
            let bytes = Self.encode([frame])
            // A chunk's data runs to the end of its frame, so only cuts before the data make it invalid.
            var structuredLength = bytes.count - 6
            if case .snapshotChunk(let chunk) = frame { structuredLength -= chunk.data.readableBytes }
            for payloadLength in 0..<structuredLength {
                var truncated = ByteBuffer()
                truncated.writeInteger(UInt32(2 + payloadLength))
                truncated.writeBytes(bytes[4..<(6 + payloadLength)])
                #expect(throws: TransportFrameError.self, "\(frame.kind) payload cut at \(payloadLength)") {
                    _ = try TransportFrame.decode(from: &truncated, maxFrameBytes: 1 << 20)
                }
            }
            // One extra byte inside the frame is refused too (for a chunk it would be more data).
            if frame.kind == .snapshotChunk { continue }
            var extended = ByteBuffer()
            extended.writeInteger(UInt32(bytes.count - 4 + 1))
            extended.writeBytes(bytes[4...])
            extended.writeInteger(UInt8(0))
            #expect(throws: TransportFrameError.self, "\(frame.kind) with a trailing byte") {
                _ = try TransportFrame.decode(from: &extended, maxFrameBytes: 1 << 20)
            }
        }
    }
}
