/// A node's certificate (signed by a ``ClusterCA``) and its private key, both PEM.
///
/// Guarantees: the certificate's subject CN and first DNS SAN are ``name``, and it carries both the serverAuth
/// and clientAuth extended key usages, so the node can accept and dial mutual-TLS peer connections.
public struct NodeCertificate: Sendable {
    /// The node name the certificate is issued to (its CN).
    public let name: String
    /// The node certificate (PEM, "CERTIFICATE"). The chain is this one certificate; peers trust the CA directly.
    public let certificatePEM: String
    /// The node's private key (PEM, PKCS#8 "PRIVATE KEY").
    public let privateKeyPEM: String
}
