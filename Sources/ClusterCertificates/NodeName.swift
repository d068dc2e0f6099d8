import SwiftASN1
import X509

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Rules for node names: one DNS label, because the name is the certificate CN, a DNS SAN and a file name.
enum NodeName {
    /// File names ``CertificateFiles`` reserves for the CA; a node may not be named so its files would collide.
    static let reserved: Set<String> = ["ca"]

    static func validate(_ name: String) throws(CertificateError) {
        guard !name.isEmpty else { throw .invalidNodeName(name, reason: "it is empty") }
        guard name.utf8.count <= 63 else { throw .invalidNodeName(name, reason: "it is longer than 63 bytes") }
        guard name.utf8.allSatisfy(HostName.isLabelByte) else {
            throw .invalidNodeName(name, reason: "use only ASCII letters, digits and '-'")
        }
        guard name.first != "-", name.last != "-" else {
            throw .invalidNodeName(name, reason: "it starts or ends with '-'")
        }
        guard !reserved.contains(name.lowercased()), !name.lowercased().hasSuffix("-key") else {
            throw .invalidNodeName(name, reason: "its files would collide with the CA's or another node's key file")
        }
    }
}

/// Turns a host string into the subject alternative name it stands for.
enum HostName {
    static func isLabelByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            return true
        default: return false
        }
    }

    /// An IP SAN for an IPv4 or IPv6 address, otherwise a DNS SAN for a valid DNS name.
    static func generalName(for host: String) throws(CertificateError) -> GeneralName {
        if let bytes = ipAddressBytes(host) { return .ipAddress(ASN1OctetString(contentBytes: bytes[...])) }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard !host.isEmpty, host.utf8.count <= 253,
            labels.allSatisfy({ label in
                !label.isEmpty && label.utf8.count <= 63 && label.utf8.allSatisfy(isLabelByte) && label.first != "-"
                    && label.last != "-"
            })
        else { throw .invalidHost(host) }
        return .dnsName(host)
    }

    /// The network-order bytes of an IPv4 (4 bytes) or IPv6 (16 bytes) address, or nil if `host` is neither.
    static func ipAddressBytes(_ host: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
