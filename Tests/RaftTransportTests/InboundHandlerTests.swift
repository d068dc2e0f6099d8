import NIOCore
import NIOEmbedded
import RaftCore
@_spi(Testing) import RaftTransport
import Synchronization
import Testing

/// Collects what a handler delivers; shared with its `@Sendable` closure.
final class Delivered: Sendable {
    private let messages = Mutex<[Message]>([])
    var all: [Message] { messages.withLock { $0 } }
    func append(_ message: Message) -> Bool {
        messages.withLock { $0.append(message) }
        return true
    }
}

@Suite("Inbound connection handler on EmbeddedChannel")
struct InboundHandlerTests {
    static let maxFrameBytes = 4096

    /// A channel with the inbound pipeline minus TLS: node 1, expecting peer `n2` (node 2), whose certificate is
    /// stubbed to carry `certificateName`.
    static func makeChannel(certificateName: String = "n2", delivered: Delivered) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        let names = PeerCertificateNames(commonNames: [certificateName], dnsNames: [certificateName])
        try channel.pipeline.syncOperations.addHandler(
            ByteToMessageHandler(TransportFrameDecoder(maxFrameBytes: maxFrameBytes)))
        try channel.pipeline.syncOperations.addHandler(
            InboundConnectionHandler(
                localID: 1, peersByName: ["n2": 2, "n3": 3], maxSnapshotBytes: 1 << 20, handshakeTimeout: .seconds(5),
                certificateNames: { _ in names }, deliver: { delivered.append($0) }))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait()
        return channel
    }

    static func bytes(_ frames: TransportFrame...) -> ByteBuffer {
        var buffer = ByteBuffer()
        for frame in frames { frame.encode(into: &buffer) }
        return buffer
    }

    static func readFrames(_ channel: EmbeddedChannel) throws -> [TransportFrame] {
        var frames: [TransportFrame] = []
        while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
            while let frame = try TransportFrame.decode(from: &buffer, maxFrameBytes: 1 << 20) { frames.append(frame) }
        }
        return frames
    }

    static let heartbeat = Message(from: 2, to: 1, term: 5, payload: .heartbeat(Heartbeat(commit: 3, readRound: 1)))

    // Goal: the happy path — hello from the certified peer is answered, then messages are delivered in order.
    // Method: write hello + two messages in one read; expect helloAccepted(1) written and both messages delivered.
    @Test func acceptsTheCertifiedPeerAndDeliversInOrder() throws {
        let delivered = Delivered()
        let channel = try Self.makeChannel(delivered: delivered)
        var second = Self.heartbeat
        second.payload = .heartbeat(Heartbeat(commit: 4, readRound: 2))
        try channel.writeInbound(Self.bytes(.hello(from: 2, to: 1), .message(Self.heartbeat), .message(second)))
        #expect(try Self.readFrames(channel) == [.helloAccepted(1)])
        #expect(delivered.all == [Self.heartbeat, second])
        #expect(channel.isActive)
        _ = try? channel.finish()
    }

    // Goal: an oversized frame closes the connection and delivers nothing.
    // Method: after the handshake, write a length prefix one past maxFrameBytes (no body).
    @Test func oversizedFrameClosesTheChannel() throws {
        let delivered = Delivered()
        let channel = try Self.makeChannel(delivered: delivered)
        try channel.writeInbound(Self.bytes(.hello(from: 2, to: 1)))
        var oversized = ByteBuffer()
        oversized.writeInteger(UInt32(Self.maxFrameBytes + 1))
        try channel.writeInbound(oversized)
        #expect(!channel.isActive)
        #expect(delivered.all.isEmpty)
    }

    // Goal: a frame whose message does not decode closes the connection; nothing partial is delivered, and a
    // valid message after it in the same read is not delivered either.
    // Method: a message frame with an unknown payload tag, followed by a valid message frame.
    @Test func malformedFrameClosesTheChannel() throws {
        let delivered = Delivered()
        let channel = try Self.makeChannel(delivered: delivered)
        try channel.writeInbound(Self.bytes(.hello(from: 2, to: 1)))
        var bad = Self.bytes(.message(Self.heartbeat))
        bad.setInteger(UInt8(77), at: 4 + 2 + 24)  // length, version+kind, from/to/term → payload tag
        bad.writeImmutableBuffer(Self.bytes(.message(Self.heartbeat)))
        try channel.writeInbound(bad)
        #expect(!channel.isActive)
        #expect(delivered.all.isEmpty)
    }

    // Goal: unknown versions and kinds close the connection too.
    // Method: one channel per patched byte.
    @Test(arguments: [(4, 9), (5, 200)] as [(Int, UInt8)])
    func unknownVersionOrKindClosesTheChannel(index: Int, value: UInt8) throws {
        let delivered = Delivered()
        let channel = try Self.makeChannel(delivered: delivered)
        try channel.writeInbound(Self.bytes(.hello(from: 2, to: 1)))
        var frame = Self.bytes(.message(Self.heartbeat))
        frame.setInteger(value, at: index)
        try channel.writeInbound(frame)
        #expect(!channel.isActive)
        #expect(delivered.all.isEmpty)
    }

    // Goal: nothing is accepted before the hello, from an unconfigured name, or with a forged sender.
    // Method: three channels: a message before hello; a certificate for n9; a hello claiming node 3 from n2's
    // certificate; and on an established connection a message claiming to be from node 3.
    @Test func refusesUnauthenticatedAndForgedTraffic() throws {
        for (name, frames) in [
            ("n2", [TransportFrame.message(Self.heartbeat)]),
            ("n9", [.hello(from: 9, to: 1), .message(Self.heartbeat)]),
            ("n2", [.hello(from: 3, to: 1)]),
            ("n2", [.hello(from: 2, to: 7)]),
        ] {
            let delivered = Delivered()
            let channel = try Self.makeChannel(certificateName: name, delivered: delivered)
            var buffer = ByteBuffer()
            for frame in frames { frame.encode(into: &buffer) }
            try channel.writeInbound(buffer)
            #expect(!channel.isActive, "\(name) \(frames)")
            #expect(try Self.readFrames(channel).isEmpty)
            #expect(delivered.all.isEmpty)
        }
        let delivered = Delivered()
        let channel = try Self.makeChannel(delivered: delivered)
        var forged = Self.heartbeat
        forged.from = 3
        try channel.writeInbound(Self.bytes(.hello(from: 2, to: 1), .message(forged)))
        #expect(!channel.isActive)
        #expect(delivered.all.isEmpty)
    }

    // Goal: a connection that never says hello is closed at the handshake deadline.
    // Method: advance the embedded loop's clock past the 5 s timeout without writing anything.
    @Test func silentConnectionTimesOut() throws {
        let channel = try Self.makeChannel(delivered: Delivered())
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    // Goal: a streamed snapshot is reassembled, delivered once whole, and acknowledged.
    // Method: three chunks of a 10-byte snapshot, one read each; expect delivery and snapshotAck(received: true)
    // only after the last.
    @Test func reassemblesAndAcknowledgesSnapshots() throws {
        let delivered = Delivered()
        let channel = try Self.makeChannel(delivered: delivered)
        try channel.writeInbound(Self.bytes(.hello(from: 2, to: 1)))
        #expect(try Self.readFrames(channel) == [.helloAccepted(1)])
        let data: [UInt8] = Array(0..<10)
        let metadata = SnapshotMetadata(index: 20, term: 4, confState: ConfState(voters: [1, 2]))
        let header = Message(from: 2, to: 1, term: 4, payload: .snapshot(Snapshot(metadata: metadata, data: [])))
        let pieces = [(0, 4), (4, 8), (8, 10)]
        for (index, (start, end)) in pieces.enumerated() {
            try channel.writeInbound(
                Self.bytes(
                    .snapshotChunk(
                        SnapshotChunk(
                            transferID: 1, offset: UInt64(start), totalBytes: 10, header: start == 0 ? header : nil,
                            data: ByteBuffer(bytes: data[start..<end])))))
            if index < pieces.count - 1 {
                #expect(delivered.all.isEmpty)
                #expect(try Self.readFrames(channel).isEmpty)
            }
        }
        var expected = header
        expected.payload = .snapshot(Snapshot(metadata: metadata, data: data))
        #expect(delivered.all == [expected])
        #expect(try Self.readFrames(channel) == [.snapshotAck(transferID: 1, received: true)])
        #expect(channel.isActive)
        _ = try? channel.finish()
    }

    // Goal: a gap in a snapshot stream closes the connection without delivering anything.
    // Method: first chunk, then a chunk that skips two bytes.
    @Test func snapshotGapClosesTheChannel() throws {
        let delivered = Delivered()
        let channel = try Self.makeChannel(delivered: delivered)
        let header = Message(
            from: 2, to: 1, term: 4,
            payload: .snapshot(
                Snapshot(metadata: SnapshotMetadata(index: 2, term: 4, confState: ConfState(voters: [1])), data: [])))
        try channel.writeInbound(
            Self.bytes(
                .hello(from: 2, to: 1),
                .snapshotChunk(
                    SnapshotChunk(
                        transferID: 1, offset: 0, totalBytes: 10, header: header, data: ByteBuffer(bytes: [1]))),
                .snapshotChunk(
                    SnapshotChunk(transferID: 1, offset: 3, totalBytes: 10, header: nil, data: ByteBuffer(bytes: [4]))))
        )
        #expect(!channel.isActive)
        #expect(delivered.all.isEmpty)
    }
}
