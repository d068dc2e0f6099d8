import NIOCore
import NIOPosix
import Synchronization

/// How a cut link fails the traffic that tries to cross it.
public enum CutMode: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Existing connections are closed and new ones are accepted and closed at once: the sender sees resets and
    /// end-of-stream, as when the far host is down or a firewall rejects.
    case refuse
    /// Existing connections stay open but everything sent on them vanishes, and new connections are accepted and
    /// never answered: the sender sees only silence and must time out, as with a dropped route. When healed,
    /// those connections are closed (bytes went missing mid-stream, so they are useless).
    case blackhole

    public var description: String { rawValue }
}

/// A TCP proxy for one directed peer link (node i dials node j): it listens on its own port on 127.0.0.1 and
/// forwards every connection to the upstream port (node j's Raft listener), unless the link is cut.
///
/// The proxy sees only TLS records; it does not terminate TLS, so the nodes still authenticate each other end to
/// end. Because a Raft connection carries one node's messages to the other, cutting the link i→j silences i
/// towards j only; cutting both directions separates the two.
///
/// Guarantees: while open, bytes pass unchanged and in order; ``cut(_:)`` takes effect for every connection
/// before it returns (no byte read afterwards is forwarded); ``heal()`` lets new connections through at once;
/// ``close()`` closes the listener and every connection. Thread-safe: all state is behind one lock, and
/// connection work runs on NIO event loops.
public final class LinkProxy: Sendable {
    /// The port the proxy listens on (127.0.0.1).
    public let port: Int
    /// The port it forwards to (127.0.0.1).
    public let upstreamPort: Int

    private let server: any Channel
    private let connections: ProxyConnections

    /// Starts a proxy on a free port of 127.0.0.1 that forwards to `upstreamPort`.
    /// - Throws: the bind error.
    public static func start(upstreamPort: Int) async throws -> LinkProxy {
        let connections = ProxyConnections(upstreamPort: upstreamPort)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in connections.accept(channel) }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return LinkProxy(server: server, upstreamPort: upstreamPort, connections: connections)
    }

    private init(server: any Channel, upstreamPort: Int, connections: ProxyConnections) {
        self.server = server
        self.port = server.localAddress?.port ?? 0
        self.upstreamPort = upstreamPort
        self.connections = connections
    }

    /// Whether the link is cut, and how.
    public var cutMode: CutMode? { connections.cutMode }

    /// Cuts the link: see ``CutMode`` for what the sender experiences. Cutting a cut link changes its mode.
    public func cut(_ mode: CutMode) {
        connections.setCut(mode)
    }

    /// Opens the link again. Connections that lived through a blackhole are closed, so peers redial.
    public func heal() {
        connections.setCut(nil)
    }

    /// Closes the listener and every connection. The proxy cannot be used afterwards.
    public func close() {
        connections.setCut(.refuse)
        server.close(promise: nil)
    }
}

/// The cut state of one ``LinkProxy`` and the connections it forwards, behind one lock.
private final class ProxyConnections: Sendable {
    private let upstreamPort: Int
    private let state = Mutex(State())

    private struct State {
        /// nil while the link is open.
        var cut: CutMode?
        /// Every accepted and upstream channel still open, so a cut can reach them.
        var open: [ObjectIdentifier: any Channel] = [:]
    }

    init(upstreamPort: Int) {
        self.upstreamPort = upstreamPort
    }

    var cutMode: CutMode? { state.withLock { $0.cut } }

    /// Sets the cut mode (nil: open) and closes the connections the change makes useless: all of them on
    /// `.refuse`; the ones that lived through a blackhole when it ends.
    func setCut(_ mode: CutMode?) {
        let toClose = state.withLock { state -> [any Channel] in
            let wasBlackhole = state.cut == .blackhole
            state.cut = mode
            let closeAll = mode == .refuse || (wasBlackhole && mode != .blackhole)
            return closeAll ? Array(state.open.values) : []
        }
        for channel in toClose { channel.close(promise: nil) }
    }

    /// Whether forwarded bytes are being dropped (the link is cut).
    private var dropping: Bool { state.withLock { $0.cut != nil } }

    /// Registers `channel` unless the link refuses connections; it unregisters itself when it closes.
    /// - Returns: the cut mode at the moment of the decision.
    private func track(_ channel: any Channel) -> CutMode? {
        let id = ObjectIdentifier(channel)
        let mode = state.withLock { state -> CutMode? in
            if state.cut != .refuse { state.open[id] = channel }
            return state.cut
        }
        channel.closeFuture.whenComplete { [self] _ in
            _ = state.withLock { $0.open.removeValue(forKey: id) }
        }
        return mode
    }

    /// Sets up one accepted connection. It runs before the channel is registered, so nothing is read before the
    /// pipe to the upstream is in place: no byte can be lost to an unfinished pipeline.
    func accept(_ inbound: any Channel) -> EventLoopFuture<Void> {
        switch track(inbound) {
        case .refuse:
            return inbound.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
        case .blackhole:
            // No upstream and no handler: what arrives falls off the end of the pipeline and is dropped.
            return inbound.eventLoop.makeSucceededVoidFuture()
        case nil:
            break
        }
        return ClientBootstrap(group: inbound.eventLoop)
            .connect(host: "127.0.0.1", port: upstreamPort)
            .flatMapThrowing { [self] upstream in
                // The link may have been cut while connecting; then this connection must not carry anything.
                guard track(upstream) == nil else {
                    upstream.close(promise: nil)
                    throw ChannelError.ioOnClosedChannel
                }
                let (inboundGlue, upstreamGlue) = GlueHandler.matchedPair(dropping: { [self] in dropping })
                try inbound.pipeline.syncOperations.addHandler(inboundGlue)
                try upstream.pipeline.syncOperations.addHandler(upstreamGlue)
            }
    }
}
