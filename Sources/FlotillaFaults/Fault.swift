/// One fault a nemesis applies to a ``LocalCluster`` for a while, as plain data, and how to undo it.
public enum Fault: Sendable, Hashable, CustomStringConvertible {
    /// SIGKILL the node; healing starts it again on the same data.
    case kill(Int)
    /// SIGTERM the node (a leader hands leadership over first); healing starts it again.
    case terminate(Int)
    /// SIGSTOP the node; healing sends SIGCONT.
    case pause(Int)
    /// Cut the links the partition separates, in the given way; healing heals every link.
    case partition(Partition, CutMode)

    /// Applies the fault.
    /// - Throws: ``LocalClusterError`` (a partition of a cluster that is not proxied).
    public func apply(to cluster: LocalCluster) async throws(LocalClusterError) {
        switch self {
        case .kill(let node): cluster.kill(node)
        case .terminate(let node): await cluster.terminate(node)
        case .pause(let node): cluster.pause(node)
        case .partition(let partition, let mode): try cluster.apply(partition, mode: mode)
        }
    }

    /// Undoes the fault: restarts a stopped node (waiting until it answers), resumes a paused one, heals links.
    /// - Throws: ``LocalClusterError`` if a node does not come back.
    public func heal(_ cluster: LocalCluster) async throws(LocalClusterError) {
        switch self {
        case .kill(let node), .terminate(let node): try await cluster.start(node)
        case .pause(let node): cluster.resume(node)
        case .partition: cluster.healAll()
        }
    }

    public var description: String {
        switch self {
        case .kill(let node): return "SIGKILL \(LocalCluster.name(node))"
        case .terminate(let node): return "SIGTERM \(LocalCluster.name(node))"
        case .pause(let node): return "SIGSTOP \(LocalCluster.name(node))"
        case .partition(let partition, let mode): return "\(partition) (\(mode))"
        }
    }
}
