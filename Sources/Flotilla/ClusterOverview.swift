/// Every node's status side by side: what `flotilla cluster status` prints.
public struct ClusterOverview: Sendable, Hashable {
    /// One node's answer, or why it gave none.
    public struct Entry: Sendable, Hashable {
        /// The node's API base URL.
        public var endpoint: String
        public var status: ClusterStatus?
        /// Why the node did not answer (nil when `status` is set).
        public var error: FlotillaClientError?

        public init(endpoint: String, status: ClusterStatus?, error: FlotillaClientError?) {
            self.endpoint = endpoint
            self.status = status
            self.error = error
        }
    }

    /// The configured endpoints in order, then members the leader reported that are not configured.
    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The answering node that says it leads, in the highest term (a deposed leader that has not heard of the
    /// new term yet may still say it leads, in an older one).
    public var leader: ClusterStatus? {
        entries.compactMap(\.status).filter { $0.node.role == .leader }.max { $0.node.term < $1.node.term }
    }

    /// How far `node` trails the leader: the leader's last log index minus the node's applied index (0 when the
    /// node is ahead of what the leader reported); nil when no leader answered.
    public func lag(of node: NodeStatus) -> UInt64? {
        guard let leader else { return nil }
        let last = leader.node.lastIndex
        return last > node.applied ? last - node.applied : 0
    }
}

extension FlotillaClient {
    /// Asks every configured endpoint for its status, concurrently, then any member the leader reports that is
    /// not configured.
    /// - Returns: every node's status or error; this call itself does not fail.
    public func clusterOverview() async -> ClusterOverview {
        var entries = await statuses(of: endpoints)
        if let members = ClusterOverview(entries: entries).leader?.members {
            let known = Set(entries.map(\.endpoint))
            let extra = members.compactMap { Router.normalised($0.endpoint) }.filter { !known.contains($0) }
            entries += await statuses(of: extra)
        }
        return ClusterOverview(entries: entries)
    }

    private func statuses(of endpoints: [String]) async -> [ClusterOverview.Entry] {
        await withTaskGroup(of: (Int, ClusterOverview.Entry).self) { group in
            for (offset, endpoint) in endpoints.enumerated() {
                group.addTask { () async -> (Int, ClusterOverview.Entry) in
                    do throws(FlotillaClientError) {
                        let status = try await clusterStatus(endpoint: endpoint)
                        return (offset, .init(endpoint: endpoint, status: status, error: nil))
                    } catch {
                        return (offset, .init(endpoint: endpoint, status: nil, error: error))
                    }
                }
            }
            var results: [(Int, ClusterOverview.Entry)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}
