import ClusterCertificates
import Foundation
import SwiftASN1
import Testing
// X509 (swift-certificates) is built for ClusterCertificates; the tests use it to parse certificates back.
import X509

@Suite("ClusterCertificates")
struct ClusterCertificatesTests {
    // Goal: node certificates carry CN = name, SANs = name + hosts (IPs as IP SANs), serverAuth and clientAuth,
    // ~10 years of validity, and chain to the CA, which is a CA with keyCertSign.
    // Method: issue one, parse both back with X509 and inspect the fields; verify the signature with the CA key.
    @Test func nodeCertificateFields() throws {
        let ca = try ClusterCA.create()
        let node = try ca.issueNodeCertificate(name: "n1", hosts: ["127.0.0.1", "::1", "node1.example"])
        let caCertificate = try Certificate(pemEncoded: ca.certificatePEM)
        let certificate = try Certificate(pemEncoded: node.certificatePEM)

        #expect(node.name == "n1")
        #expect(caCertificate.subject == caCertificate.issuer)
        #expect(try caCertificate.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        #expect(try caCertificate.extensions.keyUsage?.keyCertSign == true)

        let commonNames = certificate.subject.flatMap { $0 }.filter { $0.type == .RDNAttributeType.commonName }
        #expect(commonNames.map { String(describing: $0.value) } == ["n1"])
        #expect(certificate.issuer == caCertificate.subject)
        let sans = try #require(try certificate.extensions.subjectAlternativeNames)
        #expect(
            Array(sans) == [
                .dnsName("n1"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
                .dnsName("node1.example"),
            ])
        let usages = try #require(try certificate.extensions.extendedKeyUsage)
        #expect(usages.contains(.serverAuth) && usages.contains(.clientAuth))
        #expect(try certificate.extensions.basicConstraints == .notCertificateAuthority)
        let years = certificate.notValidAfter.timeIntervalSince(certificate.notValidBefore) / (365.25 * 24 * 3600)
        #expect(years > 9.9 && years < 10.1)
        #expect(caCertificate.publicKey.isValidSignature(certificate.signature, for: certificate))

        // The CA round-trips through its PEMs, and a key that is not the CA's is refused.
        let reloaded = try ClusterCA(certificatePEM: ca.certificatePEM, privateKeyPEM: ca.privateKeyPEM)
        #expect(reloaded.certificatePEM == ca.certificatePEM)
        #expect(throws: ClusterCertificates.CertificateError.self) {
            _ = try ClusterCA(certificatePEM: ca.certificatePEM, privateKeyPEM: node.privateKeyPEM)
        }
        #expect(throws: ClusterCertificates.CertificateError.invalidHost("bad host!")) {
            _ = try ca.issueNodeCertificate(name: "n2", hosts: ["bad host!"])
        }
        #expect(throws: ClusterCertificates.CertificateError.self) {
            _ = try ca.issueNodeCertificate(name: "../x", hosts: [])
        }
    }

    // Goal: writeCluster writes the files with 0600 keys in a 0700 directory, refuses to overwrite, and reuses an
    // existing CA for new nodes.
    // Method: write a 2-node cluster into a fresh directory, stat the files, try again (refused, names the file,
    // nothing changes), then add n3 and check it chains to the same CA.
    @Test func writeClusterPermissionsRefusalAndReuse() throws {
        let directory = NSTemporaryDirectory() + "flotilla-certs-\(getpid())-\(UInt64.random(in: 0...UInt64.max))/certs"
        defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(
            atPath: (directory as NSString).deletingLastPathComponent, withIntermediateDirectories: true)

        let written = try CertificateFiles.writeCluster(
            directory: directory, nodes: ["n1", "n2"], hosts: ["127.0.0.1"])
        #expect(
            written.map { ($0 as NSString).lastPathComponent } == [
                "ca.pem", "ca-key.pem", "n1.pem", "n1-key.pem", "n2.pem", "n2-key.pem",
            ])
        func mode(_ path: String) throws -> Int {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
        }
        #expect(try mode(directory) == 0o700)
        for path in written where path.hasSuffix("-key.pem") { #expect(try mode(path) == 0o600, "\(path)") }

        let caBefore = try String(contentsOfFile: directory + "/ca.pem", encoding: .utf8)
        let n1Before = try String(contentsOfFile: directory + "/n1.pem", encoding: .utf8)
        #expect(throws: ClusterCertificates.CertificateError.fileExists(path: directory + "/n1.pem")) {
            try CertificateFiles.writeCluster(directory: directory, nodes: ["n3", "n1"], hosts: [])
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/n3.pem"), "a refused call writes nothing")
        #expect(try String(contentsOfFile: directory + "/n1.pem", encoding: .utf8) == n1Before)

        let added = try CertificateFiles.writeCluster(directory: directory, nodes: ["n3"], hosts: ["127.0.0.1"])
        #expect(added.map { ($0 as NSString).lastPathComponent } == ["n3.pem", "n3-key.pem"])
        #expect(try String(contentsOfFile: directory + "/ca.pem", encoding: .utf8) == caBefore)
        let ca = try Certificate(pemEncoded: caBefore)
        let n3 = try Certificate(pemEncoded: try String(contentsOfFile: directory + "/n3.pem", encoding: .utf8))
        #expect(ca.publicKey.isValidSignature(n3.signature, for: n3))
        #expect(try mode(directory + "/n3-key.pem") == 0o600)

        // With only one CA file present nothing can be decided safely.
        try FileManager.default.removeItem(atPath: directory + "/ca-key.pem")
        #expect(throws: ClusterCertificates.CertificateError.self) {
            try CertificateFiles.writeCluster(directory: directory, nodes: ["n4"], hosts: [])
        }
    }
}
