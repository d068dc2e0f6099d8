import Crypto
import Foundation
import SwiftASN1
import X509

/// A cluster certificate authority: a self-signed P-256 certificate (basicConstraints CA:true, keyUsage
/// keyCertSign + cRLSign) and its private key, both as PEM.
///
/// Guarantees: a value always holds a certificate and a key that parse and belong together (checked by
/// ``init(certificatePEM:privateKeyPEM:)``), and every certificate it issues chains to ``certificatePEM``.
public struct ClusterCA: Sendable {
    /// The CA certificate (PEM, "CERTIFICATE"). Every node trusts exactly this certificate.
    public let certificatePEM: String
    /// The CA private key (PEM, PKCS#8 "PRIVATE KEY"). Keep it secret: it can mint node identities.
    public let privateKeyPEM: String

    /// The parsed certificate and key; derived from the PEM fields above.
    private let certificate: Certificate
    private let privateKey: P256.Signing.PrivateKey

    /// How long generated certificates are valid: about ten years.
    static let validity: TimeInterval = 10 * 365.25 * 24 * 3600
    /// Certificates start being valid an hour before "now", so that peers with slightly skewed clocks accept them.
    static let backdating: TimeInterval = 3600

    /// Creates a new CA with a fresh P-256 key.
    ///
    /// - Parameter commonName: The CA's subject common name.
    /// - Returns: The new CA.
    /// - Throws: ``CertificateError/generationFailed(what:reason:)`` if swift-certificates cannot build it.
    public static func create(commonName: String = "Flotilla cluster CA") throws(CertificateError) -> ClusterCA {
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let now = Date()
        do {
            let name = try DistinguishedName { CommonName(commonName) }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: publicKey)
            }
            let certificate = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: publicKey,
                notValidBefore: now - backdating,
                notValidAfter: now + validity,
                issuer: name,
                subject: name,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: Certificate.PrivateKey(key)
            )
            return ClusterCA(
                certificatePEM: try certificate.serializeAsPEM().pemString, privateKeyPEM: key.pemRepresentation,
                certificate: certificate, privateKey: key)
        } catch {
            throw .generationFailed(what: "CA certificate", reason: String(describing: error))
        }
    }

    /// Loads an existing CA, for example from `ca.pem` and `ca-key.pem`.
    ///
    /// - Parameters:
    ///   - certificatePEM: The CA certificate.
    ///   - privateKeyPEM: Its P-256 private key (PKCS#8 or SEC1 PEM).
    /// - Throws: ``CertificateError/invalidPEM(what:reason:)`` if either does not parse, the certificate is not a
    ///   CA, or the key does not match the certificate.
    public init(certificatePEM: String, privateKeyPEM: String) throws(CertificateError) {
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: certificatePEM)
        } catch {
            throw .invalidPEM(what: "CA certificate", reason: String(describing: error))
        }
        let key: P256.Signing.PrivateKey
        do {
            key = try P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
        } catch {
            throw .invalidPEM(what: "CA private key", reason: "not a P-256 private key: \(error)")
        }
        guard Certificate.PublicKey(key.publicKey) == certificate.publicKey else {
            throw .invalidPEM(what: "CA private key", reason: "it does not belong to the CA certificate")
        }
        let constraints = try? certificate.extensions.basicConstraints
        guard case .isCertificateAuthority = constraints else {
            throw .invalidPEM(what: "CA certificate", reason: "basicConstraints does not say CA:true")
        }
        self.init(
            certificatePEM: certificatePEM, privateKeyPEM: privateKeyPEM, certificate: certificate, privateKey: key)
    }

    private init(
        certificatePEM: String, privateKeyPEM: String, certificate: Certificate, privateKey: P256.Signing.PrivateKey
    ) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.certificate = certificate
        self.privateKey = privateKey
    }

    /// Issues a node certificate signed by this CA, with a fresh P-256 key.
    ///
    /// The certificate's subject CN is `name`; its SANs are `name` as a DNS name plus every host (IP addresses as
    /// IP SANs, anything else as DNS SANs); its extended key usages are serverAuth and clientAuth, because every
    /// node both accepts and dials peer connections.
    ///
    /// - Parameters:
    ///   - name: The node name (e.g. `n1`): a DNS label of letters, digits and `-`, at most 63 characters.
    ///   - hosts: The addresses peers use to reach the node.
    /// - Returns: The node's certificate and key.
    /// - Throws: ``CertificateError/invalidNodeName(_:reason:)``, ``CertificateError/invalidHost(_:)`` or
    ///   ``CertificateError/generationFailed(what:reason:)``.
    public func issueNodeCertificate(name: String, hosts: [String]) throws(CertificateError) -> NodeCertificate {
        try NodeName.validate(name)
        var alternativeNames: [GeneralName] = [.dnsName(name)]
        for host in hosts {
            let general = try HostName.generalName(for: host)
            if !alternativeNames.contains(general) { alternativeNames.append(general) }
        }
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let now = Date()
        do {
            let caKeyIdentifier = try certificate.extensions.subjectKeyIdentifier?.keyIdentifier
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth, .clientAuth])
                SubjectAlternativeNames(alternativeNames)
                SubjectKeyIdentifier(hash: publicKey)
                if let caKeyIdentifier { AuthorityKeyIdentifier(keyIdentifier: caKeyIdentifier) }
            }
            let issued = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: publicKey,
                notValidBefore: now - Self.backdating,
                notValidAfter: now + Self.validity,
                issuer: certificate.subject,
                subject: try DistinguishedName { CommonName(name) },
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: Certificate.PrivateKey(privateKey)
            )
            return NodeCertificate(
                name: name, certificatePEM: try issued.serializeAsPEM().pemString,
                privateKeyPEM: key.pemRepresentation)
        } catch {
            throw .generationFailed(what: "certificate for \(name)", reason: String(describing: error))
        }
    }
}
