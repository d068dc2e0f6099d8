public import NIOCore
import NIOSSL

/// The NIOSSL contexts built from a ``TransportIdentity``.
///
/// Both sides verify the peer against the cluster CA only (no system roots): the server with
/// `makeServerConfigurationWithMTLS` (plain `makeServerConfiguration` would not require client certificates), the
/// client with `.fullVerification`. Which node a verified peer is gets decided afterwards by ``PeerHandshake``.
struct TLSSetup: Sendable {
    let serverContext: NIOSSLContext
    let clientContext: NIOSSLContext
    /// The local certificate's names, to check them against the configured local name.
    let localNames: PeerCertificateNames

    init(identity: TransportIdentity) throws(TransportError) {
        let roots: [NIOSSLCertificate]
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            roots = try NIOSSLCertificate.fromPEMBytes(Array(identity.caCertificatePEM.utf8))
        } catch {
            throw .invalidIdentity(what: "CA certificate", reason: "\(error)")
        }
        guard !roots.isEmpty else { throw .invalidIdentity(what: "CA certificate", reason: "no certificate in PEM") }
        do {
            chain = try NIOSSLCertificate.fromPEMBytes(Array(identity.certificateChainPEM.utf8))
        } catch {
            throw .invalidIdentity(what: "certificate chain", reason: "\(error)")
        }
        guard let leaf = chain.first else {
            throw .invalidIdentity(what: "certificate chain", reason: "no certificate in PEM")
        }
        do {
            key = try NIOSSLPrivateKey(bytes: Array(identity.privateKeyPEM.utf8), format: .pem)
        } catch {
            throw .invalidIdentity(what: "private key", reason: "\(error)")
        }
        var server = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key),
            trustRoots: .certificates(roots))
        server.minimumTLSVersion = .tlsv13
        var client = TLSConfiguration.makeClientConfiguration()
        client.trustRoots = .certificates(roots)
        client.certificateVerification = .fullVerification
        client.certificateChain = chain.map { .certificate($0) }
        client.privateKey = .privateKey(key)
        client.minimumTLSVersion = .tlsv13
        do {
            serverContext = try NIOSSLContext(configuration: server)
            clientContext = try NIOSSLContext(configuration: client)
        } catch {
            // BoringSSL checks here that the key belongs to the certificate.
            throw .invalidIdentity(what: "certificate chain and private key", reason: "\(error)")
        }
        localNames = PeerCertificateNames(leaf)
    }
}

extension PeerCertificateNames {
    /// The common names and DNS SANs of a certificate, read with NIOSSL's accessors.
    init(_ certificate: NIOSSLCertificate) {
        let commonNames = certificate.subjectName.filter { $0.type == .commonName }.map(\.value)
        let dnsNames = certificate._subjectAlternativeNames().filter { $0.nameType == .dnsName }.map {
            String(decoding: $0.contents, as: UTF8.self)
        }
        self.init(commonNames: commonNames, dnsNames: dnsNames)
    }

    /// The names of the peer certificate NIOSSL verified on this channel, or nil without TLS or certificate.
    @_spi(Testing) public static func ofPeer(_ context: ChannelHandlerContext) -> PeerCertificateNames? {
        guard let certificate = try? context.pipeline.syncOperations.nioSSL_peerCertificate() else { return nil }
        return PeerCertificateNames(certificate)
    }
}
