import NIOCore

/// One half of a pair of handlers that join two channels on the same event loop into a byte pipe: what one channel
/// reads, the other writes, with backpressure (a side stops reading while its partner is not writable).
///
/// `dropping` is asked for every buffer read; while it answers true the buffer is discarded instead of forwarded
/// (a blackholed link). Modelled on the swift-nio-examples connect-proxy `GlueHandler`.
///
/// Guarantees: bytes are forwarded in the order read and never duplicated; when either channel closes or fails,
/// both are closed. Both channels must use the same event loop: the handlers touch each other directly.
final class GlueHandler {
    private var partner: GlueHandler?
    private var context: ChannelHandlerContext?
    private var pendingRead = false
    private let dropping: @Sendable () -> Bool

    private init(dropping: @escaping @Sendable () -> Bool) {
        self.dropping = dropping
    }

    /// Two handlers, each the other's partner: add one to each channel's pipeline.
    static func matchedPair(dropping: @escaping @Sendable () -> Bool) -> (GlueHandler, GlueHandler) {
        let first = GlueHandler(dropping: dropping)
        let second = GlueHandler(dropping: dropping)
        first.partner = second
        second.partner = first
        return (first, second)
    }

    private func partnerWrite(_ data: NIOAny) {
        context?.write(data, promise: nil)
    }

    private func partnerFlush() {
        context?.flush()
    }

    private func partnerClose() {
        context?.close(promise: nil)
    }

    private func partnerBecameWritable() {
        if pendingRead {
            pendingRead = false
            context?.read()
        }
    }

    private var partnerWritable: Bool {
        context?.channel.isWritable ?? false
    }
}

extension GlueHandler: ChannelDuplexHandler {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny
    typealias OutboundOut = NIOAny

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        partner = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !dropping() else { return }
        partner?.partnerWrite(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        partner?.partnerFlush()
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.partnerClose()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset or a refused upstream ends this pipe only; the peer transport redials.
        partner?.partnerClose()
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            partner?.partnerBecameWritable()
        }
    }

    func read(context: ChannelHandlerContext) {
        if let partner, partner.partnerWritable {
            context.read()
        } else {
            pendingRead = true
        }
    }
}
