public import Logging
public import NIOCore
public import RaftCore

/// The last handler of an accepted peer connection (after the TLS handler and the frame decoder).
///
/// It runs the server side of ``PeerHandshake``, then hands each message to `deliver` in arrival order,
/// reassembles streamed snapshots (acknowledging each), and closes the connection — only this one — on any
/// refusal, decoding error or protocol violation, logging a warning that names the reason.
///
/// Guarantees: nothing is delivered before the handshake established which configured peer this is, and every
/// delivered message is from that peer to this node; a connection that does not complete the handshake within
/// the timeout is closed. Synchronous and non-blocking: it only runs on its channel's event loop.
@_spi(Testing) public final class InboundConnectionHandler: ChannelInboundHandler {
    public typealias InboundIn = TransportFrame
    public typealias OutboundOut = ByteBuffer

    private var handshake: PeerHandshake
    private var reassembler: SnapshotReassembler
    private let handshakeTimeout: TimeAmount
    private let certificateNames: (ChannelHandlerContext) -> PeerCertificateNames?
    private let deliver: @Sendable (Message) -> Bool
    private var logger: Logger
    private var timeout: Scheduled<Void>?
    /// Set once the connection is being closed: nothing more is processed or logged as news.
    private var closing = false

    /// - Parameters:
    ///   - localID: This node.
    ///   - peersByName: Configured peers by certificate name; decides who the connection is.
    ///   - maxSnapshotBytes: The largest snapshot accepted.
    ///   - handshakeTimeout: How long TLS plus hello may take.
    ///   - logger: Where refusals are logged.
    ///   - certificateNames: Reads the peer certificate's names; by default from the channel's NIOSSL handler.
    ///   - deliver: Receives each authenticated message; returns false if it had to drop it.
    public init(
        localID: NodeID,
        peersByName: [String: NodeID],
        maxSnapshotBytes: Int,
        handshakeTimeout: Duration,
        logger: Logger = Logger(label: "flotilla.transport"),
        certificateNames: @escaping (ChannelHandlerContext) -> PeerCertificateNames? = PeerCertificateNames.ofPeer,
        deliver: @escaping @Sendable (Message) -> Bool
    ) {
        self.handshake = PeerHandshake(role: .server(localID: localID, peersByName: peersByName))
        self.reassembler = SnapshotReassembler(maxSnapshotBytes: maxSnapshotBytes)
        self.handshakeTimeout = TimeAmount(handshakeTimeout)
        self.certificateNames = certificateNames
        self.deliver = deliver
        self.logger = logger
        self.logger[metadataKey: "direction"] = "inbound"
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startTimer(context: context) }
    }

    public func channelActive(context: ChannelHandlerContext) {
        startTimer(context: context)
        context.fireChannelActive()
    }

    public func channelInactive(context: ChannelHandlerContext) {
        timeout?.cancel()
        timeout = nil
        if reassembler.isReceiving {
            logger.debug("connection closed during a snapshot transfer; the partial snapshot is dropped")
        }
        context.fireChannelInactive()
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        let frame = Self.unwrapInboundIn(data)
        let action = handshake.frameReceived(frame, certificate: certificateNames(context))
        switch action {
        case .send(let reply):
            context.writeAndFlush(reply)
        case .establish(let peer, let reply):
            timeout?.cancel()
            timeout = nil
            logger[metadataKey: "peer"] = "\(peer)"
            logger.debug("inbound peer connection established")
            if let reply { context.writeAndFlush(reply) }
        case .process(.message(let message)):
            _ = deliver(message)
        case .process(.snapshotChunk(let chunk)):
            receive(chunk, context: context)
        case .process(let other):
            refuse("unexpected \(other.kind) frame", context: context)
        case .refuse(let reason):
            refuse(reason, context: context)
        }
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Decoding errors (oversized, unknown version or kind, malformed payload) and TLS failures (no TLS,
        // a certificate from another CA) arrive here; each ends this connection only.
        refuse("\(error)", context: context)
    }

    private func receive(_ chunk: SnapshotChunk, context: ChannelHandlerContext) {
        let outcome: SnapshotReassembler.Outcome
        do {
            outcome = try reassembler.receive(chunk)
        } catch {
            refuse("\(error)", context: context)
            return
        }
        guard case .complete(let transferID, let message) = outcome else { return }
        let delivered = deliver(message)
        context.writeAndFlush(.snapshotAck(transferID: transferID, received: delivered))
    }

    private func refuse(_ reason: String, context: ChannelHandlerContext) {
        guard !closing else {
            logger.debug("after refusal: \(reason)")
            return
        }
        closing = true
        timeout?.cancel()
        timeout = nil
        logger.warning(
            "closing inbound peer connection: \(reason)",
            metadata: ["remote": "\(context.channel.remoteAddress.map { "\($0)" } ?? "?")"])
        context.close(promise: nil)
    }

    private func startTimer(context: ChannelHandlerContext) {
        guard timeout == nil, case .awaitingHello = handshake.state else { return }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timeout = context.eventLoop.scheduleTask(in: handshakeTimeout) {
            let (handler, context) = loopBound.value
            handler.timeout = nil
            if case .refuse(let reason) = handler.handshake.handshakeTimedOut() {
                handler.refuse(reason, context: context)
            }
        }
    }
}
