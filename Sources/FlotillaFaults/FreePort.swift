#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds TCP ports on 127.0.0.1 that are free right now.
///
/// Guarantee: each returned port was bound by this process a moment ago and released (nothing listened or
/// connected, so nothing lingers in TIME_WAIT). Another process could take it before the node binds it; on a
/// test machine that is rare, and the node then fails to start with a clear error in its log.
enum FreePort {
    /// `count` distinct free ports. All are held until the last is found, so they differ from one another.
    static func reserve(_ count: Int) throws(LocalClusterError) -> [Int] {
        var sockets: [Int32] = []
        defer { for socket in sockets { close(socket) } }
        var ports: [Int] = []
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw .io(operation: "socket", path: "127.0.0.1", errno: errno) }
            sockets.append(fd)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
                }
            }
            guard bound else { throw .io(operation: "bind", path: "127.0.0.1:0", errno: errno) }
            ports.append(Int(UInt16(bigEndian: address.sin_port)))
        }
        return ports
    }
}
