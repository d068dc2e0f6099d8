/// Why generating, loading or writing cluster certificates failed. Each case names what failed, so the message
/// can be shown to an operator as is.
public enum CertificateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A node name is not usable as a certificate common name, a DNS name and a file name.
    case invalidNodeName(String, reason: String)
    /// A host is neither an IPv4/IPv6 address nor a valid DNS name.
    case invalidHost(String)
    /// A PEM document (`what`: "CA certificate", "CA private key", ...) could not be parsed or does not fit.
    case invalidPEM(what: String, reason: String)
    /// swift-certificates or swift-crypto refused to build or sign a certificate.
    case generationFailed(what: String, reason: String)
    /// A file that would be written already exists; nothing was written.
    case fileExists(path: String)
    /// Only one of `ca.pem` and `ca-key.pem` exists, so the CA can neither be reused nor recreated safely.
    case incompleteCertificateAuthority(present: String, missing: String)
    /// A system call failed on `path`.
    case io(operation: String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case .invalidNodeName(let name, let reason): return "invalid node name \"\(name)\": \(reason)"
        case .invalidHost(let host): return "invalid host \"\(host)\": not an IP address or DNS name"
        case .invalidPEM(let what, let reason): return "invalid \(what): \(reason)"
        case .generationFailed(let what, let reason): return "could not generate \(what): \(reason)"
        case .fileExists(let path): return "\(path) already exists; refusing to overwrite it"
        case .incompleteCertificateAuthority(let present, let missing):
            return "\(present) exists but \(missing) does not; restore it or remove both to create a new CA"
        case .io(let operation, let path, let errno): return "\(operation) \(path) failed: errno \(errno)"
        }
    }
}
