public import Logging
public import NIOCore
import NIOPosix
import NIOSSL
public import RaftCore
import Synchronization

/// Raft peer connections over mutual TLS: one outbound connection per peer carries this node's messages to it;
/// inbound connections carry the peers' messages here.
///
/// Guarantees:
/// - **Authentication.** A connection carries Raft traffic only if the peer's certificate chains to the cluster CA
///   *and* names the expected node: outbound, the server's CN (or a DNS SAN) must be the dialled peer's name;
///   inbound, the client's CN must be a configured peer's name, which decides who the connection is, and every
///   message on it must be `from` that peer and `to` this node. Anything else — another name, another CA, plain
///   TCP, bad frames — is logged as a warning with the reason and closes only that connection.
/// - **Order.** Messages to one peer are written in the order passed to ``send(_:)``; ``inbound`` yields each
///   peer's messages in the order that peer sent them. Messages may be lost (Raft tolerates loss), never
///   reordered or duplicated within a connection.
/// - **Isolation.** ``send(_:)`` never blocks or awaits. Each peer has its own bounded queue; a slow or dead peer
///   only fills its own queue and is reported `.unreachable`.
/// - **Bounded memory.** Queues, frames, snapshots and the inbound buffer each have a configured limit.
///
/// Threading: NIO event loops (by default `MultiThreadedEventLoopGroup.singleton`) run all connection work in
/// synchronous, non-blocking channel handlers; the bridge to Swift concurrency is two `AsyncStream`s
/// (``inbound``, ``reports``) fed by the handlers, and one task per peer (inside ``run()``) that dials and
/// redials with jittered exponential backoff.
public final class PeerTransport: Sendable {
    /// The configuration given at creation (its `peers` as given; see ``updatePeers(_:)`` for later changes).
    public let configuration: TransportConfiguration
    /// Authenticated inbound messages, each peer's in the order sent, from every peer interleaved.
    ///
    /// One consumer only (it is a single `AsyncStream`). It finishes when ``run()`` returns. `message.from` is the
    /// authenticated peer. At most `maxBufferedInboundMessages` wait here; newer ones are dropped while full.
    public let inbound: AsyncStream<Message>
    /// Delivery feedback for the Raft node (see ``TransportReport``). One consumer; the newest 4,096 unconsumed
    /// reports are kept. It finishes when ``run()`` returns.
    public let reports: AsyncStream<TransportReport>

    private let logger: Logger
    private let group: any EventLoopGroup
    private let tls: TLSSetup
    private let events: TransportEvents
    /// New peers for the running ``run()`` to start connection tasks for.
    private let newLinks: AsyncStream<PeerLink>
    private let newLinksContinuation: AsyncStream<PeerLink>.Continuation
    private let state: Mutex<State>

    private struct State: Sendable {
        var links: [NodeID: PeerLink] = [:]
        var peersByName: [String: NodeID] = [:]
        var started = false
        var stopped = false
        var server: (any Channel)?
        var boundPort: Int?
        /// Accepted connections, closed at shutdown.
        var inboundChannels: [ObjectIdentifier: any Channel] = [:]
    }

    /// Creates a transport on `MultiThreadedEventLoopGroup.singleton`; nothing is bound or dialled until
    /// ``bind()`` or ``run()``.
    ///
    /// - Parameters:
    ///   - configuration: Identity, addresses and limits.
    ///   - logger: Where connection events and refusals are logged (refusals as warnings with the reason).
    /// - Throws: ``TransportError/invalidIdentity(what:reason:)`` if a PEM is unusable,
    ///   ``TransportError/identityNameMismatch(localName:certificateNames:)`` if the certificate does not carry
    ///   `localName` as its CN, ``TransportError/invalidConfiguration(_:)`` for inconsistent settings.
    public convenience init(
        configuration: TransportConfiguration, logger: Logger = Logger(label: "flotilla.transport")
    ) throws(TransportError) {
        try self.init(
            configuration: configuration, logger: logger, eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
    }

    /// Creates a transport running on the given event loops; otherwise like ``init(configuration:logger:)``.
    ///
    /// - Parameters:
    ///   - configuration: Identity, addresses and limits.
    ///   - logger: Where connection events and refusals are logged.
    ///   - eventLoopGroup: The NIO event loops to run connections on.
    /// - Throws: As ``init(configuration:logger:)``.
    public init(
        configuration: TransportConfiguration, logger: Logger, eventLoopGroup: any EventLoopGroup
    ) throws(TransportError) {
        try configuration.validate()
        let tls = try TLSSetup(identity: configuration.identity)
        guard tls.localNames.commonNames == [configuration.localName] else {
            throw .identityNameMismatch(
                localName: configuration.localName, certificateNames: tls.localNames.commonNames)
        }
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "node"] = "\(configuration.localID)"
        self.logger = logger
        self.group = eventLoopGroup
        self.tls = tls
        let (inbound, inboundContinuation) = AsyncStream.makeStream(
            of: Message.self, bufferingPolicy: .bufferingOldest(configuration.maxBufferedInboundMessages))
        let (reports, reportsContinuation) = AsyncStream.makeStream(
            of: TransportReport.self, bufferingPolicy: .bufferingNewest(4096))
        self.inbound = inbound
        self.reports = reports
        self.events = TransportEvents(inbound: inboundContinuation, reports: reportsContinuation, logger: logger)
        (self.newLinks, self.newLinksContinuation) = AsyncStream.makeStream(of: PeerLink.self)
        var state = State()
        for peer in configuration.peers where peer.id != configuration.localID {
            state.links[peer.id] = PeerLink(address: peer, events: events)
            state.peersByName[peer.name] = peer.id
        }
        self.state = Mutex(state)
    }

    /// The port the listener is bound to, once ``bind()`` (or ``run()``) has bound it.
    public var boundPort: Int? { state.withLock { $0.boundPort } }

    /// Binds the listener now, so that the port is known before ``run()`` starts (useful with `listenPort` 0).
    /// Accepted connections are served from then on; ``run()`` must follow, and closes the listener when it ends.
    ///
    /// - Returns: The bound port. Calling it again returns the same port.
    /// - Throws: ``TransportError/bindFailed(host:port:reason:)``, or ``TransportError/alreadyStarted`` after the
    ///   transport has stopped.
    @discardableResult
    public func bind() async throws(TransportError) -> Int {
        if let port = try state.withLock({ (state) throws(TransportError) -> Int? in
            guard !state.stopped else { throw .alreadyStarted }
            return state.boundPort
        }) {
            return port
        }
        let server: any Channel
        do {
            server = try await makeServerBootstrap()
                .bind(host: configuration.listenHost, port: configuration.listenPort).get()
        } catch {
            throw .bindFailed(host: configuration.listenHost, port: configuration.listenPort, reason: "\(error)")
        }
        let port = server.localAddress?.port ?? configuration.listenPort
        let kept = state.withLock { state -> Bool in
            guard state.server == nil, !state.stopped else { return false }
            state.server = server
            state.boundPort = port
            return true
        }
        guard kept else {
            // A concurrent bind() won (or the transport stopped meanwhile): use its listener.
            try? await server.close()
            return try await bind()
        }
        logger.info("listening for peers", metadata: ["address": "\(configuration.listenHost):\(port)"])
        return port
    }

    /// Binds the listener (if ``bind()`` has not) and keeps an outbound connection to every peer up, reconnecting
    /// with jittered exponential backoff between `reconnectBackoffMin` and `reconnectBackoffMax`, until the task
    /// is cancelled; then closes the listener and every connection, and finishes ``inbound`` and ``reports``.
    ///
    /// Returns normally on cancellation. A transport runs once.
    ///
    /// - Throws: ``TransportError/bindFailed(host:port:reason:)`` or ``TransportError/alreadyStarted``.
    public func run() async throws(TransportError) {
        let initialLinks = try state.withLock { (state) throws(TransportError) -> [PeerLink] in
            guard !state.started, !state.stopped else { throw .alreadyStarted }
            state.started = true
            return state.links.keys.sorted().map { state.links[$0]! }
        }
        do {
            try await bind()
        } catch {
            await shutdown()
            throw error
        }
        await withDiscardingTaskGroup { group in
            for link in initialLinks {
                group.addTask { await self.maintainConnection(link) }
            }
            // Ends when this task is cancelled; the connection tasks see the same cancellation.
            for await link in newLinks {
                group.addTask { await self.maintainConnection(link) }
            }
            group.cancelAll()
        }
        await shutdown()
    }

    /// Queues messages for their peers and returns at once.
    ///
    /// Each message goes to the bounded queue of `message.to`, in order. Messages to unknown peers are dropped and
    /// logged. While a peer's connection is down, or when its queue holds more than `maxQueuedBytesPerPeer`,
    /// messages to it are dropped and `.unreachable(peer)` is reported (Raft tolerates loss). A `.snapshot`
    /// message is streamed in chunks of `snapshotChunkBytes`, reassembled by the receiver, and its outcome
    /// reported as `.snapshotDelivered`.
    ///
    /// - Parameter messages: Messages from this node, in the order they must be delivered to each peer.
    public func send(_ messages: [Message]) {
        guard !messages.isEmpty else { return }
        var byPeer: [NodeID: [Message]] = [:]
        for message in messages { byPeer[message.to, default: []].append(message) }
        let links = state.withLock { state in byPeer.keys.map { ($0, state.links[$0]) } }
        for (peer, link) in links {
            let batch = byPeer[peer]!
            guard let link else {
                logger.warning(
                    "dropping messages to an unknown peer", metadata: ["to": "\(peer)", "count": "\(batch.count)"])
                continue
            }
            link.enqueue(batch, maxQueuedBytes: configuration.maxQueuedBytesPerPeer)
        }
    }

    /// Replaces the peer list (membership changes, addresses learned later).
    ///
    /// New peers get a connection task (when running); removed peers' queues are dropped (queued snapshots
    /// reported failed) and their outbound connections closed; a changed address or name closes the current
    /// outbound connection so the next attempt dials the new one. Inbound connections already established stay
    /// up; a new inbound connection is matched against the new list.
    ///
    /// - Parameter peers: The complete list; an entry with the local id is ignored.
    /// - Throws: ``TransportError/invalidConfiguration(_:)`` if ids or names repeat; nothing changes then.
    public func updatePeers(_ peers: [PeerAddress]) throws(TransportError) {
        try TransportConfiguration.validate(
            peers: peers, localID: configuration.localID, localName: configuration.localName)
        let wanted = Dictionary(
            peers.filter { $0.id != configuration.localID }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }
        )
        let toClose: [any Channel] = state.withLock { state in
            var toClose: [any Channel] = []
            for (id, link) in state.links where wanted[id] == nil {
                state.links[id] = nil
                if let channel = link.remove() { toClose.append(channel) }
            }
            for id in wanted.keys.sorted() {
                let address = wanted[id]!
                if let link = state.links[id] {
                    if let channel = link.update(address: address) { toClose.append(channel) }
                } else {
                    let link = PeerLink(address: address, events: events)
                    state.links[id] = link
                    if state.started && !state.stopped { newLinksContinuation.yield(link) }
                }
            }
            state.peersByName = Dictionary(
                wanted.values.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
            return toClose
        }
        for channel in toClose { channel.close(promise: nil) }
    }

    // MARK: - Connections

    /// Dials `link`'s peer again and again until the task is cancelled or the peer removed.
    private func maintainConnection(_ link: PeerLink) async {
        var backoff = ReconnectBackoff(min: configuration.reconnectBackoffMin, max: configuration.reconnectBackoffMax)
        var random = SystemRandomNumberGenerator()
        var logger = self.logger
        logger[metadataKey: "peer"] = "\(link.id)"
        // The first failed connect after a working connection is a warning; repeats while the peer stays down
        // are debug messages, so a dead peer does not flood the log.
        var failedConnects = 0
        while !Task.isCancelled, let (address, generation) = link.beginAttempt() {
            do {
                let channel = try await connect(to: address, link: link, generation: generation)
                if link.attemptConnected(generation: generation, channel: channel) {
                    // Await the end of the connection; cancellation (shutdown) closes it.
                    await withTaskCancellationHandler {
                        try? await channel.closeFuture.get()
                    } onCancel: {
                        channel.close(promise: nil)
                    }
                } else {
                    try? await channel.close()
                }
            } catch {
                let message: Logger.Message = "cannot connect to peer: \(error)"
                let metadata: Logger.Metadata = ["address": "\(address.host):\(address.port)"]
                if failedConnects == 0 {
                    logger.warning(message, metadata: metadata)
                } else {
                    logger.debug(message, metadata: metadata)
                }
                failedConnects += 1
            }
            if link.endAttempt(generation: generation) {
                backoff.reset()
                failedConnects = 0
            }
            do {
                try await Task.sleep(for: backoff.next(using: &random))
            } catch {
                return
            }
        }
    }

    private func connect(to address: PeerAddress, link: PeerLink, generation: UInt64) async throws -> any Channel {
        let tls = self.tls
        let events = self.events
        let configuration = self.configuration
        // Connecting by IP: no SNI, and NIOSSL checks the IP against the certificate's IP SANs. By name: SNI and
        // DNS-SAN verification. Either way the hello exchange then checks the certificate names the peer.
        let serverHostname: String? = (try? SocketAddress(ipAddress: address.host, port: 0)) == nil ? address.host : nil
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = OutboundConnectionHandler(
                        link: link, generation: generation, localID: configuration.localID, peerName: address.name,
                        events: events, maxFrameBytes: configuration.maxFrameBytes,
                        snapshotChunkBytes: configuration.snapshotChunkBytes,
                        handshakeTimeout: configuration.handshakeTimeout)
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(NIOSSLClientHandler(context: tls.clientContext, serverHostname: serverHostname))
                    try sync.addHandler(
                        ByteToMessageHandler(TransportFrameDecoder(maxFrameBytes: configuration.maxFrameBytes)))
                    try sync.addHandler(handler)
                }
            }
        return try await bootstrap.connect(host: address.host, port: address.port).get()
    }

    private func makeServerBootstrap() -> ServerBootstrap {
        let tls = self.tls
        let events = self.events
        let configuration = self.configuration
        return ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { [weak self] channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let self, let peersByName = self.registerInbound(channel) else {
                        throw ChannelError.ioOnClosedChannel
                    }
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(NIOSSLServerHandler(context: tls.serverContext))
                    try sync.addHandler(
                        ByteToMessageHandler(TransportFrameDecoder(maxFrameBytes: configuration.maxFrameBytes)))
                    try sync.addHandler(
                        InboundConnectionHandler(
                            localID: configuration.localID, peersByName: peersByName,
                            maxSnapshotBytes: configuration.maxSnapshotBytes,
                            handshakeTimeout: configuration.handshakeTimeout, logger: events.logger,
                            deliver: { events.deliver($0) }))
                }
            }
    }

    /// Tracks an accepted connection until it closes.
    ///
    /// - Returns: The peers by name to check it against, or nil if the transport is stopping (refuse it).
    private func registerInbound(_ channel: any Channel) -> [String: NodeID]? {
        let key = ObjectIdentifier(channel)
        let peers = state.withLock { state -> [String: NodeID]? in
            guard !state.stopped else { return nil }
            state.inboundChannels[key] = channel
            return state.peersByName
        }
        guard let peers else { return nil }
        channel.closeFuture.whenComplete { [weak self] _ in
            self?.state.withLock { _ = $0.inboundChannels.removeValue(forKey: key) }
        }
        return peers
    }

    /// Closes the listener and every connection, then finishes the streams.
    private func shutdown() async {
        events.beginShutdown()
        let (server, channels) = state.withLock { state -> ((any Channel)?, [any Channel]) in
            state.stopped = true
            let channels = Array(state.inboundChannels.values) + state.links.values.compactMap(\.channel)
            state.inboundChannels.removeAll()
            return (state.server, channels)
        }
        newLinksContinuation.finish()
        if let server { try? await server.close() }
        for channel in channels { try? await channel.close() }
        logger.info("peer transport stopped")
        events.finish()
    }
}
