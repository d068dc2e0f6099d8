import Logging
import NIOCore
import RaftCore

/// The last handler of a connection this node dialled to one peer (after the TLS handler and the frame decoder).
///
/// It runs the client side of ``PeerHandshake`` and, once established, drains the peer's queue from
/// ``PeerLink``: each drain pass encodes up to ``batchBytes`` of frames into one buffer and writes and flushes it
/// once (coalesced writes), and stops while the channel is not writable, so a slow peer holds back only its own
/// queue. Snapshots are streamed as chunks of `snapshotChunkBytes` between the messages queued before and after
/// them, and are reported delivered when the receiver acknowledges them.
///
/// Guarantees: frames leave in queue order; nothing but the hello is written before the server is verified to be
/// the dialled peer; when the connection ends, every snapshot still in flight is reported failed.
final class OutboundConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = TransportFrame
    typealias OutboundOut = ByteBuffer

    /// The bytes one drain pass encodes before flushing and yielding the event loop.
    static let batchBytes = 256 << 10

    /// A snapshot being streamed.
    private struct OutgoingTransfer {
        let id: UInt64
        /// The message with its snapshot data removed: the first chunk's header.
        let header: Message
        let data: [UInt8]
        var offset = 0
        var headerSent = false
    }

    private let link: PeerLink
    private let generation: UInt64
    private let events: TransportEvents
    private let maxFrameBytes: Int
    private let snapshotChunkBytes: Int
    private let handshakeTimeout: TimeAmount
    private var handshake: PeerHandshake
    private var logger: Logger
    private var context: ChannelHandlerContext?
    private var established = false
    private var closing = false
    private var timeout: Scheduled<Void>?
    private var transfer: OutgoingTransfer?
    /// Transfers fully written and not yet acknowledged.
    private var awaitingAcknowledgement: Set<UInt64> = []
    private var nextTransferID: UInt64 = 1

    init(
        link: PeerLink, generation: UInt64, localID: NodeID, peerName: String, events: TransportEvents,
        maxFrameBytes: Int, snapshotChunkBytes: Int, handshakeTimeout: Duration
    ) {
        self.link = link
        self.generation = generation
        self.events = events
        self.maxFrameBytes = maxFrameBytes
        self.snapshotChunkBytes = snapshotChunkBytes
        self.handshakeTimeout = TimeAmount(handshakeTimeout)
        self.handshake = PeerHandshake(role: .client(localID: localID, peer: link.id, peerName: peerName))
        self.logger = events.logger
        self.logger[metadataKey: "peer"] = "\(link.id)"
        self.logger[metadataKey: "direction"] = "outbound"
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { activate(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        activate(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timeout?.cancel()
        timeout = nil
        var failed = awaitingAcknowledgement.count
        if transfer != nil { failed += 1 }
        transfer = nil
        awaitingAcknowledgement.removeAll()
        for _ in 0..<failed { events.report(.snapshotDelivered(to: link.id, succeeded: false)) }
        if established { logger.info("outbound peer connection closed") }
        link.connectionEnded(generation: generation)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        let frame = Self.unwrapInboundIn(data)
        switch handshake.frameReceived(frame, certificate: PeerCertificateNames.ofPeer(context)) {
        case .send(let reply):
            context.writeAndFlush(reply)
        case .establish:
            timeout?.cancel()
            timeout = nil
            let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
            switch link.established(generation: generation, channel: context.channel, handler: handler) {
            case nil:
                logger.debug("closing an outbound connection that is no longer wanted")
                closing = true
                context.close(promise: nil)
            case let mustDrain?:
                established = true
                logger.info("outbound peer connection established")
                if mustDrain { drain() }
            }
        case .process(.snapshotAck(let transferID, let received)):
            guard awaitingAcknowledgement.remove(transferID) != nil else {
                refuse("acknowledgement of unknown snapshot transfer \(transferID)", context: context)
                return
            }
            if !received { logger.warning("peer could not take snapshot transfer \(transferID)") }
            events.report(.snapshotDelivered(to: link.id, succeeded: received))
        case .process(let other):
            refuse("unexpected \(other.kind) frame", context: context)
        case .refuse(let reason):
            refuse(reason, context: context)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { drain() }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        refuse("\(error)", context: context)
    }

    /// Writes queued messages and snapshot chunks until the queue is empty, the pass's budget is spent or the
    /// channel stops being writable; flushes once. See ``PeerLink`` for who calls this and when.
    func drain() {
        guard established, !closing, let context else { return }
        var buffer = context.channel.allocator.buffer(capacity: 4096)
        while buffer.readableBytes < Self.batchBytes && context.channel.isWritable {
            if transfer != nil {
                writeNextChunk(into: &buffer)
                continue
            }
            guard let message = link.dequeue(generation: generation) else { break }
            if case .snapshot(let snapshot) = message.payload {
                var header = message
                header.payload = .snapshot(Snapshot(metadata: snapshot.metadata, data: []))
                transfer = OutgoingTransfer(id: nextTransferID, header: header, data: snapshot.data)
                nextTransferID += 1
                continue
            }
            let mark = buffer.writerIndex
            let length = TransportFrame.message(message).encode(into: &buffer)
            if length > maxFrameBytes {
                buffer.moveWriterIndex(to: mark)
                logger.error(
                    "dropping a message larger than maxFrameBytes",
                    metadata: ["bytes": "\(length)", "limit": "\(maxFrameBytes)", "message": "\(message.payload)"])
                events.report(.unreachable(link.id))
            }
        }
        if buffer.readableBytes > 0 {
            context.writeAndFlush(Self.wrapOutboundOut(buffer), promise: nil)
        }
        // More to write: continue in a later loop turn (other channels get their turn first) if writable; if not,
        // channelWritabilityChanged resumes. The link's drainScheduled stays set until dequeue finds it empty.
        let pending = transfer != nil || buffer.readableBytes >= Self.batchBytes
        if pending && context.channel.isWritable {
            context.eventLoop.assumeIsolated().execute { self.drain() }
        }
    }

    private func writeNextChunk(into buffer: inout ByteBuffer) {
        guard var current = transfer else { return }
        let end = min(current.offset + snapshotChunkBytes, current.data.count)
        let mark = buffer.writerIndex
        let length = TransportFrame.encodeSnapshotChunk(
            transferID: current.id, offset: UInt64(current.offset), totalBytes: UInt64(current.data.count),
            header: current.headerSent ? nil : current.header, data: current.data[current.offset..<end],
            into: &buffer)
        guard length <= maxFrameBytes else {
            // Only a membership list of thousands of nodes makes the header this big; the transfer cannot work.
            buffer.moveWriterIndex(to: mark)
            logger.error(
                "snapshot chunk frame exceeds maxFrameBytes; transfer abandoned", metadata: ["bytes": "\(length)"])
            transfer = nil
            events.report(.snapshotDelivered(to: link.id, succeeded: false))
            return
        }
        current.offset = end
        current.headerSent = true
        if current.offset == current.data.count {
            awaitingAcknowledgement.insert(current.id)
            transfer = nil
        } else {
            transfer = current
        }
    }

    private func activate(context: ChannelHandlerContext) {
        guard timeout == nil, !established, !closing else { return }
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        timeout = context.eventLoop.scheduleTask(in: handshakeTimeout) {
            let handler = handler.value
            handler.timeout = nil
            if case .refuse(let reason) = handler.handshake.handshakeTimedOut(), let context = handler.context {
                handler.refuse(reason, context: context)
            }
        }
        if case .send(let hello) = handshake.channelActive() { context.writeAndFlush(hello) }
    }

    private func refuse(_ reason: String, context: ChannelHandlerContext) {
        guard !closing else {
            logger.debug("after close: \(reason)")
            return
        }
        closing = true
        timeout?.cancel()
        timeout = nil
        logger.warning(
            "closing outbound peer connection: \(reason)",
            metadata: ["remote": "\(context.channel.remoteAddress.map { "\($0)" } ?? "?")"])
        context.close(promise: nil)
    }
}
