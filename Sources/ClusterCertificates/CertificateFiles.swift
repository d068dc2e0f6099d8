#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a cluster's CA and node certificates as PEM files, for `flotilla certs` and test fixtures.
///
/// Guarantees: it never overwrites a file (every file is created with `O_EXCL`); private key files are created
/// with mode 0600 (never readable by others, not even for a moment); the directory is created with mode 0700 if
/// missing; before writing anything it checks that every file it would write is absent, so a refused call writes
/// nothing.
public enum CertificateFiles {
    /// The CA certificate's file name inside the directory.
    public static let caCertificateFile = "ca.pem"
    /// The CA key's file name inside the directory.
    public static let caPrivateKeyFile = "ca-key.pem"

    /// The certificate file name of node `name`.
    public static func certificateFile(node name: String) -> String { "\(name).pem" }
    /// The private key file name of node `name`.
    public static func privateKeyFile(node name: String) -> String { "\(name)-key.pem" }

    /// Writes `ca.pem`, `ca-key.pem`, `<node>.pem` and `<node>-key.pem` for every node into `directory`.
    ///
    /// If `ca.pem` and `ca-key.pem` both exist, that CA is reused to issue the nodes' certificates (to add a node to
    /// an existing cluster); otherwise a new CA is created. Every node certificate gets `hosts` as SANs besides the
    /// node name (see ``ClusterCA/issueNodeCertificate(name:hosts:)``).
    ///
    /// - Parameters:
    ///   - directory: Where to write; created (mode 0700) if missing.
    ///   - nodes: Node names, e.g. `["n1", "n2", "n3"]`; no duplicates.
    ///   - hosts: IP addresses or DNS names every node certificate also carries.
    /// - Returns: The paths written, CA files first (when created), then each node's certificate and key.
    /// - Throws: ``CertificateError/fileExists(path:)`` naming the first node file that already exists (nothing is
    ///   written then); ``CertificateError/incompleteCertificateAuthority(present:missing:)`` if only one CA file
    ///   exists; ``CertificateError/io(operation:path:errno:)``; or a generation error.
    @discardableResult
    public static func writeCluster(directory: String, nodes: [String], hosts: [String]) throws(CertificateError)
        -> [String]
    {
        for node in nodes { try NodeName.validate(node) }
        var seen = Set<String>()
        for node in nodes where !seen.insert(node.lowercased()).inserted {
            throw .invalidNodeName(node, reason: "listed twice")
        }
        for host in hosts { _ = try HostName.generalName(for: host) }

        try makeDirectory(directory)
        let caPath = join(directory, caCertificateFile)
        let caKeyPath = join(directory, caPrivateKeyFile)
        let existingCA: ClusterCA?
        switch (try exists(caPath), try exists(caKeyPath)) {
        case (true, true):
            existingCA = try ClusterCA(
                certificatePEM: try readFile(caPath), privateKeyPEM: try readFile(caKeyPath))
        case (false, false):
            existingCA = nil
        case (true, false):
            throw .incompleteCertificateAuthority(present: caPath, missing: caKeyPath)
        case (false, true):
            throw .incompleteCertificateAuthority(present: caKeyPath, missing: caPath)
        }
        // Refuse before writing anything: a half-written cluster is worse than none.
        for node in nodes {
            for path in [join(directory, certificateFile(node: node)), join(directory, privateKeyFile(node: node))]
            where try exists(path) {
                throw .fileExists(path: path)
            }
        }

        let ca: ClusterCA
        if let existingCA { ca = existingCA } else { ca = try ClusterCA.create() }
        var issued: [NodeCertificate] = []
        for node in nodes { issued.append(try ca.issueNodeCertificate(name: node, hosts: hosts)) }
        var written: [String] = []
        if existingCA == nil {
            try writeNewFile(caPath, contents: ca.certificatePEM, mode: 0o644)
            written.append(caPath)
            try writeNewFile(caKeyPath, contents: ca.privateKeyPEM, mode: 0o600)
            written.append(caKeyPath)
        }
        for node in issued {
            let certificatePath = join(directory, certificateFile(node: node.name))
            try writeNewFile(certificatePath, contents: node.certificatePEM, mode: 0o644)
            written.append(certificatePath)
            let keyPath = join(directory, privateKeyFile(node: node.name))
            try writeNewFile(keyPath, contents: node.privateKeyPEM, mode: 0o600)
            written.append(keyPath)
        }
        return written
    }

    // MARK: - POSIX helpers

    private static func join(_ directory: String, _ file: String) -> String {
        directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }

    private static func makeDirectory(_ path: String) throws(CertificateError) {
        if mkdir(path, 0o700) == 0 { return }
        let code = errno
        guard code == EEXIST else { throw .io(operation: "mkdir", path: path, errno: code) }
        var info = stat()
        guard stat(path, &info) == 0 else { throw .io(operation: "stat", path: path, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .io(operation: "mkdir", path: path, errno: ENOTDIR) }
    }

    private static func exists(_ path: String) throws(CertificateError) -> Bool {
        var info = stat()
        if lstat(path, &info) == 0 { return true }
        let code = errno
        guard code == ENOENT else { throw .io(operation: "stat", path: path, errno: code) }
        return false
    }

    private static func readFile(_ path: String) throws(CertificateError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(operation: "open", path: path, errno: errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "read", path: path, errno: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            // A PEM file of a CA is a few KiB; anything past 1 MiB is not one of ours.
            guard bytes.count <= 1 << 20 else { throw .invalidPEM(what: path, reason: "larger than 1 MiB") }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Creates `path` with `mode` (failing if it exists) and writes `contents`; removes it again if writing fails.
    private static func writeNewFile(_ path: String, contents: String, mode: mode_t) throws(CertificateError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { throw .fileExists(path: path) }
            throw .io(operation: "create", path: path, errno: code)
        }
        var failure: CertificateError?
        let bytes = Array(contents.utf8)
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let result = write(fd, raw.baseAddress! + done, raw.count - done)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = .io(operation: "write", path: path, errno: errno)
                    return
                }
                done += result
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = .io(operation: "fsync", path: path, errno: errno) }
        close(fd)
        if let failure {
            unlink(path)
            throw failure
        }
    }
}
