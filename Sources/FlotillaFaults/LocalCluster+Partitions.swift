extension LocalCluster {
    /// The links cut now, sorted.
    public var cutLinks: [Link] { proxies.filter { $0.value.cutMode != nil }.map(\.key).sorted() }

    /// Cuts the directed link `from`→`to` (see ``CutMode``).
    /// - Throws: ``LocalClusterError/invalidState(_:)`` if the cluster is not proxied.
    public func cut(from: Int, to: Int, mode: CutMode = .refuse) throws(LocalClusterError) {
        try proxy(Link(from: from, to: to)).cut(mode)
    }

    /// Heals the directed link `from`→`to`.
    /// - Throws: ``LocalClusterError/invalidState(_:)`` if the cluster is not proxied.
    public func heal(from: Int, to: Int) throws(LocalClusterError) {
        try proxy(Link(from: from, to: to)).heal()
    }

    /// Cuts both directions of every link `partition` separates. Links it does not separate are left as they are.
    /// - Throws: ``LocalClusterError/invalidState(_:)`` if the cluster is not proxied.
    public func apply(_ partition: Partition, mode: CutMode = .refuse) throws(LocalClusterError) {
        for link in partition.cutLinks(size: size) { try proxy(link).cut(mode) }
    }

    /// Isolates node `index` from all others, both ways.
    public func isolate(_ node: Int, mode: CutMode = .refuse) throws(LocalClusterError) {
        try apply(.isolate(node), mode: mode)
    }

    /// Waits for a leader and isolates it.
    /// - Returns: the node isolated.
    public func isolateLeader(mode: CutMode = .refuse, timeout: Duration = .seconds(30)) async throws(LocalClusterError)
        -> Int
    {
        let leader = try await waitForLeader(timeout: timeout)
        try isolate(leader, mode: mode)
        return leader
    }

    /// Splits the cluster: `minority` on one side, everyone else on the other.
    public func split(minority: [Int], mode: CutMode = .refuse) throws(LocalClusterError) {
        try apply(.split(minority: minority), mode: mode)
    }

    /// Heals every link. A no-op for a cluster that is not proxied.
    public func healAll() {
        for proxy in proxies.values { proxy.heal() }
    }

    private func proxy(_ link: Link) throws(LocalClusterError) -> LinkProxy {
        guard let proxy = proxies[link] else {
            throw .invalidState("link \(link) has no proxy: create the cluster with proxied: true")
        }
        return proxy
    }
}
