/// Why a ``LocalCluster`` operation failed. Every case names the node (its index) where one is involved, and the
/// ones about a node that did not come up carry the end of its log, so a test failure explains itself.
public enum LocalClusterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file or socket operation of the harness failed.
    case io(operation: String, path: String, errno: Int32)
    /// Certificates could not be written.
    case certificates(String)
    /// The node process could not be started.
    case spawnFailed(node: Int, reason: String)
    /// The node process ended before it answered its status.
    case exitedEarly(node: Int, exit: NodeExit, logTail: String)
    /// The node did not answer its status within the deadline.
    case notReady(node: Int, seconds: Double, logTail: String)
    /// No leader that a majority agrees on appeared within the deadline; `lastSeen` is each node's last answer.
    case noLeader(seconds: Double, lastSeen: String)
    /// The running nodes did not all apply the leader's commit index within the deadline.
    case notReplicated(seconds: Double, lastSeen: String)
    /// The operation does not fit the node's state (e.g. starting a running node, or partitioning without
    /// proxies).
    case invalidState(String)

    public var description: String {
        switch self {
        case .io(let operation, let path, let code): return "\(operation) \(path): errno \(code)"
        case .certificates(let reason): return "certificates: \(reason)"
        case .spawnFailed(let node, let reason): return "node \(node): \(reason)"
        case .exitedEarly(let node, let exit, let tail):
            return "node \(node) \(exit) before it was ready; end of its log:\n\(tail)"
        case .notReady(let node, let seconds, let tail):
            return "node \(node) did not answer its status within \(seconds) s; end of its log:\n\(tail)"
        case .noLeader(let seconds, let lastSeen):
            return "no leader agreed by a majority within \(seconds) s; last seen:\n\(lastSeen)"
        case .notReplicated(let seconds, let lastSeen):
            return "the running nodes did not catch up with the leader within \(seconds) s; last seen:\n\(lastSeen)"
        case .invalidState(let reason): return reason
        }
    }
}
