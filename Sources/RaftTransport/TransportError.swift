/// Why the transport could not start. Failures of individual connections are not errors: they are logged,
/// contained to their connection, and reported as ``TransportReport``s.
public enum TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A PEM of the ``TransportIdentity`` is unusable (`what` names which one).
    case invalidIdentity(what: String, reason: String)
    /// The identity certificate does not carry the configured local name as its CN.
    case identityNameMismatch(localName: String, certificateNames: [String])
    /// The configuration is inconsistent.
    case invalidConfiguration(String)
    /// The listener could not be bound.
    case bindFailed(host: String, port: Int, reason: String)
    /// ``PeerTransport/run()`` was called more than once; a transport runs once.
    case alreadyStarted

    public var description: String {
        switch self {
        case .invalidIdentity(let what, let reason): return "invalid TLS identity: \(what): \(reason)"
        case .identityNameMismatch(let localName, let names):
            return "the certificate names \(names) but this node is configured as \"\(localName)\""
        case .invalidConfiguration(let reason): return "invalid transport configuration: \(reason)"
        case .bindFailed(let host, let port, let reason): return "cannot listen on \(host):\(port): \(reason)"
        case .alreadyStarted: return "the transport was already started"
        }
    }
}
