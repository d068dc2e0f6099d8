public import RaftCore

/// This node's TLS identity: the cluster CA it trusts, and its own certificate chain and private key, all PEM.
///
/// Guarantees nothing by itself; ``PeerTransport/init(configuration:logger:)`` checks that every
/// PEM parses and that the certificate names the configured local node.
public struct TransportIdentity: Sendable, Hashable {
    /// The cluster CA certificate. Peers are accepted only if their certificate chains to it.
    public var caCertificatePEM: String
    /// This node's certificate (first) and any intermediates.
    public var certificateChainPEM: String
    /// The private key of the first certificate in the chain.
    public var privateKeyPEM: String

    public init(caCertificatePEM: String, certificateChainPEM: String, privateKeyPEM: String) {
        self.caCertificatePEM = caCertificatePEM
        self.certificateChainPEM = certificateChainPEM
        self.privateKeyPEM = privateKeyPEM
    }
}

/// Where a peer listens and the name its certificate must carry.
///
/// Guarantees: the pair (`id`, `name`) is the peer's identity; a connection is attributed to `id` only when the
/// peer's CA-signed certificate carries `name` (as CN; when dialling out a DNS SAN also counts).
public struct PeerAddress: Sendable, Hashable {
    /// The peer's Raft node id.
    public var id: NodeID
    /// The CN its certificate must carry (e.g. `n2`).
    public var name: String
    /// An IP address or a host name. With an IP address the peer's certificate needs that IP as a SAN; with a
    /// name, that name as a DNS SAN (TLS hostname verification).
    public var host: String
    /// The peer's listening port.
    public var port: Int

    public init(id: NodeID, name: String, host: String, port: Int) {
        self.id = id
        self.name = name
        self.host = host
        self.port = port
    }
}

/// Everything a ``PeerTransport`` needs: who this node is, where it listens, its peers, its TLS identity, and
/// the limits that keep memory and retries bounded.
///
/// Guarantees: the defaults are safe for a LAN cluster; ``PeerTransport/init(configuration:logger:)``
/// refuses inconsistent values with ``TransportError/invalidConfiguration(_:)``.
public struct TransportConfiguration: Sendable {
    /// This node's id.
    public var localID: NodeID
    /// This node's name: its certificate CN.
    public var localName: String
    /// The address to listen on (e.g. `0.0.0.0`, `127.0.0.1`).
    public var listenHost: String
    /// The port to listen on; 0 lets the system pick (read ``PeerTransport/boundPort`` afterwards).
    public var listenPort: Int
    /// The other nodes. An entry with `localID` is ignored, so the whole cluster's list may be passed.
    public var peers: [PeerAddress]
    /// The TLS identity.
    public var identity: TransportIdentity
    /// The largest frame accepted or sent (bytes after the length prefix). A larger message is dropped by the
    /// sender (logged, reported unreachable); a larger incoming frame closes its connection. Must exceed
    /// `snapshotChunkBytes` plus a snapshot header.
    public var maxFrameBytes: Int = 16 << 20
    /// Per peer: messages waiting to be written may total this many bytes (``Message/approximateByteCount``);
    /// beyond it new messages to that peer are dropped and `.unreachable` is reported. A message is always
    /// admitted to an empty queue, so one message larger than the limit (a big snapshot) can still be sent.
    public var maxQueuedBytesPerPeer: Int = 64 << 20
    /// Snapshot data is streamed in chunks of at most this many bytes.
    public var snapshotChunkBytes: Int = 1 << 20
    /// The largest snapshot accepted from a peer.
    public var maxSnapshotBytes: Int = 8 << 30
    /// Inbound messages not yet consumed from ``PeerTransport/inbound`` are capped at this count; newer ones are
    /// dropped (and logged) while it is full, and a snapshot dropped so is acknowledged as failed.
    public var maxBufferedInboundMessages: Int = 16_384
    /// The first reconnection delay after a failure; delays double up to `reconnectBackoffMax`, with jitter.
    public var reconnectBackoffMin: Duration = .milliseconds(20)
    /// The longest reconnection delay.
    public var reconnectBackoffMax: Duration = .seconds(1)
    /// How long a TCP connect may take.
    public var connectTimeout: Duration = .seconds(5)
    /// How long TLS plus the hello exchange may take on a new connection before it is closed.
    public var handshakeTimeout: Duration = .seconds(10)

    public init(
        localID: NodeID,
        localName: String,
        listenHost: String,
        listenPort: Int,
        peers: [PeerAddress],
        identity: TransportIdentity,
        maxFrameBytes: Int = 16 << 20,
        maxQueuedBytesPerPeer: Int = 64 << 20,
        snapshotChunkBytes: Int = 1 << 20,
        reconnectBackoffMin: Duration = .milliseconds(20),
        reconnectBackoffMax: Duration = .seconds(1)
    ) {
        self.localID = localID
        self.localName = localName
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.peers = peers
        self.identity = identity
        self.maxFrameBytes = maxFrameBytes
        self.maxQueuedBytesPerPeer = maxQueuedBytesPerPeer
        self.snapshotChunkBytes = snapshotChunkBytes
        self.reconnectBackoffMin = reconnectBackoffMin
        self.reconnectBackoffMax = reconnectBackoffMax
    }

    /// Snapshot chunk frames must leave room for the chunk's fixed fields and a header with a membership list.
    static let chunkHeaderAllowance = 64 << 10

    /// Why the configuration is unusable, if it is.
    func validate() throws(TransportError) {
        func fail(_ reason: String) throws(TransportError) { throw .invalidConfiguration(reason) }
        if localID == .none { try fail("localID must not be 0") }
        if localName.isEmpty { try fail("localName is empty") }
        if !(0...65535).contains(listenPort) { try fail("listenPort \(listenPort) is out of range") }
        if maxFrameBytes < 1024 || maxFrameBytes > Int(UInt32.max) {
            try fail("maxFrameBytes \(maxFrameBytes) must be between 1 KiB and 4 GiB")
        }
        if snapshotChunkBytes < 1 || snapshotChunkBytes > maxFrameBytes - Self.chunkHeaderAllowance {
            try fail(
                "snapshotChunkBytes \(snapshotChunkBytes) must be positive and at most maxFrameBytes - 64 KiB")
        }
        if maxQueuedBytesPerPeer < 1 { try fail("maxQueuedBytesPerPeer must be positive") }
        if maxSnapshotBytes < 0 { try fail("maxSnapshotBytes must not be negative") }
        if maxBufferedInboundMessages < 1 { try fail("maxBufferedInboundMessages must be positive") }
        if reconnectBackoffMin <= .zero || reconnectBackoffMax < reconnectBackoffMin {
            try fail("reconnect backoff needs 0 < min <= max")
        }
        if connectTimeout <= .zero || handshakeTimeout <= .zero { try fail("timeouts must be positive") }
        try Self.validate(peers: peers, localID: localID, localName: localName)
    }

    /// Peers must have distinct ids and names, none of them the local node's name.
    static func validate(peers: [PeerAddress], localID: NodeID, localName: String) throws(TransportError) {
        var ids = Set<NodeID>()
        var names = Set<String>()
        for peer in peers where peer.id != localID {
            guard peer.id != .none else { throw .invalidConfiguration("peer \"\(peer.name)\" has id 0") }
            guard !peer.name.isEmpty else { throw .invalidConfiguration("peer \(peer.id) has an empty name") }
            guard peer.name != localName else {
                throw .invalidConfiguration("peer \(peer.id) has the local node's name \"\(localName)\"")
            }
            guard (0...65535).contains(peer.port) else {
                throw .invalidConfiguration("peer \(peer.id) port \(peer.port) is out of range")
            }
            guard ids.insert(peer.id).inserted else { throw .invalidConfiguration("peer id \(peer.id) listed twice") }
            guard names.insert(peer.name).inserted else {
                throw .invalidConfiguration("peer name \"\(peer.name)\" listed twice")
            }
        }
    }
}
