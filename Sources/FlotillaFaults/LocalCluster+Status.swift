public import Flotilla

extension LocalCluster {
    /// The client that asks nodes for their status: one attempt of at most a second, so a paused or partitioned
    /// node cannot stall a poll. It lives as long as the process (like `HTTPClient.shared`), because a cluster's
    /// deinit cannot await a shutdown.
    private static let statusClient: FlotillaClient = {
        do {
            return try FlotillaClient(
                endpoints: ["http://127.0.0.1:1"],
                configuration: RouterConfiguration(
                    maxAttempts: 1, totalBudget: .seconds(1), requestTimeout: .seconds(1)))
        } catch {
            // The endpoint above is a valid URL and the project is not empty: this cannot fail.
            preconditionFailure("status client: \(error)")
        }
    }()

    /// How often the waits below poll.
    private static let pollInterval = Duration.milliseconds(50)

    /// Node `index`'s own view of the cluster (`GET /flotilla/v1/status` on it).
    /// - Throws: the client's error if it does not answer within a second.
    public func status(_ node: Int) async throws(FlotillaClientError) -> ClusterStatus {
        try await Self.statusClient.clusterStatus(endpoint: endpoints[node])
    }

    /// The status of every running, unpaused node that answers, by node index.
    public func statuses() async -> [Int: ClusterStatus] {
        let nodes = (0..<size).filter { isRunning($0) && !isPaused($0) }
        return await withTaskGroup(of: (Int, ClusterStatus?).self) { group in
            for node in nodes { group.addTask { (node, try? await self.status(node)) } }
            var answers: [Int: ClusterStatus] = [:]
            for await (node, status) in group { answers[node] = status }
            return answers
        }
    }

    /// The leader a majority of the cluster agrees on right now: a node that says it leads in term T, where
    /// at least `size / 2 + 1` answering nodes (itself included) say that node leads in term T. A deposed leader
    /// that has not heard of the newer term yet is therefore never reported.
    /// - Returns: the leader's index, or nil.
    public func agreedLeader() async -> Int? {
        Self.agreedLeader(in: await statuses(), size: size)
    }

    /// Waits until a majority agrees on a leader (see ``agreedLeader()``).
    /// - Parameters:
    ///   - timeout: how long to wait.
    ///   - excluding: nodes not to accept as the leader, e.g. a leader just isolated, which its followers still
    ///     name until their election timeout passes.
    /// - Returns: the leader's node index.
    /// - Throws: ``LocalClusterError/noLeader(seconds:lastSeen:)`` with every node's last answer.
    public func waitForLeader(timeout: Duration = .seconds(30), excluding: Set<Int> = [])
        async throws(LocalClusterError) -> Int
    {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var seen: [Int: ClusterStatus] = [:]
        repeat {
            seen = await statuses()
            if let leader = Self.agreedLeader(in: seen, size: size), !excluding.contains(leader) { return leader }
            try await sleepPoll(until: deadline)
        } while ContinuousClock.now < deadline
        throw .noLeader(seconds: Self.seconds(timeout), lastSeen: describe(seen))
    }

    /// Waits until there is an agreed leader and every running, unpaused node has applied the commit index the
    /// leader reported (so a restarted node has caught up).
    /// - Returns: the leader's node index.
    /// - Throws: ``LocalClusterError/noLeader(seconds:lastSeen:)``, ``LocalClusterError/notReplicated(seconds:lastSeen:)``.
    @discardableResult
    public func waitForReplication(timeout: Duration = .seconds(30)) async throws(LocalClusterError) -> Int {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        let leader = try await waitForLeader(timeout: timeout)
        guard let target = try? await status(leader).node.commit else {
            throw .noLeader(seconds: Self.seconds(timeout), lastSeen: describe(await statuses()))
        }
        var seen: [Int: ClusterStatus] = [:]
        repeat {
            seen = await statuses()
            let expected = (0..<size).filter { isRunning($0) && !isPaused($0) }
            if expected.allSatisfy({ (seen[$0]?.node.applied ?? 0) >= target }) { return leader }
            try await sleepPoll(until: deadline)
        } while ContinuousClock.now < deadline
        throw .notReplicated(seconds: Self.seconds(timeout), lastSeen: describe(seen))
    }

    /// Polls node `index`'s status until it answers, its process ends, or `timeout` passes.
    func waitUntilAnswering(_ node: Int, timeout: Duration) async throws(LocalClusterError) {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        repeat {
            if let exit = reapIfEnded(node) { throw .exitedEarly(node: node, exit: exit, logTail: logTail(node)) }
            if (try? await status(node)) != nil { return }
            try await sleepPoll(until: deadline)
        } while ContinuousClock.now < deadline
        throw .notReady(node: node, seconds: Self.seconds(timeout), logTail: logTail(node))
    }

    static func agreedLeader(in statuses: [Int: ClusterStatus], size: Int) -> Int? {
        let claims = statuses.filter { $0.value.node.role == .leader }.sorted {
            $0.value.node.term > $1.value.node.term
        }
        guard let (index, claim) = claims.first else { return nil }
        let votes = statuses.values.filter { $0.node.term == claim.node.term && $0.node.leader == claim.node.name }
        return votes.count >= size / 2 + 1 ? index : nil
    }

    /// One line per node: its last answer, or why there is none.
    func describe(_ statuses: [Int: ClusterStatus]) -> String {
        (0..<size).map { node in
            let name = Self.name(node)
            guard isRunning(node) else { return "  \(name): not running" }
            guard !isPaused(node) else { return "  \(name): paused" }
            guard let status = statuses[node]?.node else { return "  \(name): no answer" }
            return "  \(name): \(status.role) term \(status.term) commit \(status.commit) applied \(status.applied)"
                + " leader \(status.leader ?? "-")"
        }.joined(separator: "\n")
    }

    /// Sleeps one poll interval, but not past `deadline`.
    private func sleepPoll(until deadline: ContinuousClock.Instant) async throws(LocalClusterError) {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return }
        do {
            try await Task.sleep(for: min(left, Self.pollInterval))
        } catch {
            throw .invalidState("cancelled while waiting")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
