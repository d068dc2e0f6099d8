public import RaftCore

/// The names a peer's (already CA-verified) certificate carries, as read with NIOSSL.
@_spi(Testing) public struct PeerCertificateNames: Hashable, Sendable, CustomStringConvertible {
    /// The subject's common names (our certificates have exactly one).
    public var commonNames: [String]
    /// The DNS names among the subject alternative names.
    public var dnsNames: [String]

    public init(commonNames: [String], dnsNames: [String]) {
        self.commonNames = commonNames
        self.dnsNames = dnsNames
    }

    public var description: String {
        "CN=\(commonNames.joined(separator: ",")) DNS=\(dnsNames.joined(separator: ","))"
    }
}

/// The application-level handshake that follows TLS on every peer connection, as a state machine that returns
/// actions for its handler to perform (the swift-nio `NIOTypedHTTPServerUpgraderStateMachine` pattern, STYLE §8.9).
///
/// TLS has already proven that the peer's certificate chains to the cluster CA; this decides *which node* the
/// peer is and whether it is the one expected:
///
/// - The client sends `hello(from: itself, to: the node it dialled)` as soon as the connection is active.
/// - The server accepts only if the client's certificate CN is one configured peer's name — that peer *is* the
///   connection's identity — and the hello agrees with it (`from` = that peer's id, `to` = the server's id). It
///   answers `helloAccepted(server id)`.
/// - The client accepts only if the server's certificate CN or a DNS SAN is the dialled peer's name and the
///   answer carries the dialled peer's id.
///
/// Only then does the connection carry Raft traffic: messages and snapshot chunks client → server, snapshot
/// acknowledgements server → client. Waiting for `helloAccepted` also means a client never counts a connection as
/// up when the server refused it after a TLS 1.3 handshake that looked complete from the client's side.
///
/// Guarantees: no frame is ever delivered before the connection is established; every refusal carries a reason
/// naming what did not match; once refused, the machine refuses everything.
@_spi(Testing) public struct PeerHandshake: Sendable {
    /// Which side of the connection this is.
    public enum Role: Sendable {
        /// Accepting side: `peersByName` maps each configured peer's certificate name to its node id.
        case server(localID: NodeID, peersByName: [String: NodeID])
        /// Dialling side: `peer` is the node dialled, `peerName` the name its certificate must carry.
        case client(localID: NodeID, peer: NodeID, peerName: String)
    }

    /// Where the handshake stands.
    public enum State: Hashable, Sendable {
        case awaitingHello
        case awaitingHelloAccepted
        case established(peer: NodeID)
        case refused
    }

    /// What the handler must do.
    public enum Action: Hashable, Sendable {
        /// Write this frame (and flush).
        case send(TransportFrame)
        /// The connection now belongs to `peer`; write `reply` first if there is one.
        case establish(peer: NodeID, reply: TransportFrame?)
        /// Established traffic: process the frame.
        case process(TransportFrame)
        /// Log a warning with `reason` and close this connection.
        case refuse(reason: String)
    }

    public let role: Role
    public private(set) var state: State

    public init(role: Role) {
        self.role = role
        switch role {
        case .server: state = .awaitingHello
        case .client: state = .awaitingHelloAccepted
        }
    }

    /// The connection became active (TCP connected; TLS may still be in progress).
    ///
    /// - Returns: For a client, the hello to send. NIOSSL holds it until the TLS handshake is done, and it carries
    ///   nothing secret, so sending it before checking the server's name is harmless.
    public mutating func channelActive() -> Action? {
        guard case .client(let localID, let peer, _) = role, state == .awaitingHelloAccepted else { return nil }
        return .send(.hello(from: localID, to: peer))
    }

    /// A frame arrived.
    ///
    /// - Parameters:
    ///   - frame: The decoded frame.
    ///   - certificate: The peer certificate's names; evaluated only while the handshake is in progress (plaintext
    ///     only arrives after the TLS handshake, so the certificate is known by then). Nil if there is none.
    /// - Returns: What to do.
    public mutating func frameReceived(
        _ frame: TransportFrame, certificate: @autoclosure () -> PeerCertificateNames?
    ) -> Action {
        switch (state, role, frame) {
        case (.refused, _, _):
            return .refuse(reason: "frame after refusal")

        case (.awaitingHello, .server(let localID, let peersByName), .hello(let from, let to)):
            guard let names = certificate() else { return refuse("the client presented no certificate") }
            guard names.commonNames.count == 1, let commonName = names.commonNames.first else {
                return refuse("client certificate has \(names.commonNames.count) common names, expected one")
            }
            guard let peer = peersByName[commonName] else {
                return refuse("client certificate CN \"\(commonName)\" is not a configured peer")
            }
            guard from == peer else {
                return refuse(
                    "client certificate names \"\(commonName)\" (node \(peer)) but its hello claims node \(from)")
            }
            guard to == localID else {
                return refuse("hello from \"\(commonName)\" is addressed to node \(to), this is node \(localID)")
            }
            state = .established(peer: peer)
            return .establish(peer: peer, reply: .helloAccepted(localID))

        case (.awaitingHelloAccepted, .client(_, let peer, let peerName), .helloAccepted(let id)):
            guard let names = certificate() else { return refuse("the server presented no certificate") }
            guard names.commonNames.contains(peerName) || names.dnsNames.contains(peerName) else {
                return refuse("server certificate (\(names)) does not name the dialled peer \"\(peerName)\"")
            }
            guard id == peer else {
                return refuse("server \"\(peerName)\" says it is node \(id), but node \(peer) was dialled")
            }
            state = .established(peer: peer)
            return .establish(peer: peer, reply: nil)

        case (.awaitingHello, _, _), (.awaitingHelloAccepted, _, _):
            return refuse("\(frame.kind) frame before the handshake completed")

        case (.established(let peer), .server(let localID, _), .message(let message)):
            if let reason = Self.misaddressed(message, peer: peer, localID: localID) { return refuse(reason) }
            return .process(frame)

        case (.established(let peer), .server(let localID, _), .snapshotChunk(let chunk)):
            if let header = chunk.header, let reason = Self.misaddressed(header, peer: peer, localID: localID) {
                return refuse(reason)
            }
            return .process(frame)

        case (.established, .client, .snapshotAck):
            return .process(frame)

        case (.established, _, _):
            return refuse("unexpected \(frame.kind) frame on an established \(roleName) connection")
        }
    }

    /// The handshake deadline passed.
    ///
    /// - Returns: A refusal unless the connection is already established.
    public mutating func handshakeTimedOut() -> Action? {
        switch state {
        case .established, .refused: return nil
        case .awaitingHello, .awaitingHelloAccepted: return refuse("handshake not completed in time")
        }
    }

    private mutating func refuse(_ reason: String) -> Action {
        state = .refused
        return .refuse(reason: reason)
    }

    private var roleName: String {
        switch role {
        case .server: return "inbound"
        case .client: return "outbound"
        }
    }

    /// Why a message cannot travel on an inbound connection from `peer` to this node, if it cannot: a peer may
    /// only speak for itself, and only to us.
    private static func misaddressed(_ message: Message, peer: NodeID, localID: NodeID) -> String? {
        if message.from != peer { return "message from node \(message.from) on node \(peer)'s connection" }
        if message.to != localID { return "message to node \(message.to) arrived at node \(localID)" }
        return nil
    }
}

extension TransportFrame.Kind: CustomStringConvertible {
    public var description: String {
        switch self {
        case .hello: return "hello"
        case .helloAccepted: return "helloAccepted"
        case .message: return "message"
        case .snapshotChunk: return "snapshotChunk"
        case .snapshotAck: return "snapshotAck"
        }
    }
}
