public import RaftCore

/// A deterministic cluster simulation: the real ``RaftNode`` on every node, a simulated network and disk, a
/// workload of clients and a nemesis of faults, all driven by one seeded generator.
///
/// A run has two phases (TigerBeetle's VOPR): a **safety phase** of ``SimulationOptions/safetyTicks`` ticks under
/// faults, with every invariant of ``InvariantChecker`` checked after every event; then a **liveness phase**:
/// the network heals, crashed nodes restart, and a leader with every member fully committed and applied must
/// appear within ``SimulationOptions/livenessTicks`` ticks. The same options give the same run, event for event.
public final class Simulation {
    private enum Event {
        case tick
        case deliver(Message)
        case diskDone(NodeID, generation: Int)
    }

    public let options: SimulationOptions
    private var random: SplitMix64
    private var queue = EventQueue<Event>()
    private var now = 0
    private var nodes: [NodeID: SimulatedNode] = [:]
    /// Every node ever started, sorted, for deterministic iteration.
    private var nodeIDs: [NodeID] = []
    private var spares: [NodeID]
    private var network = SimulatedNetwork()
    private var checker = InvariantChecker()
    private var clients = ClientTracker()
    private var inLivenessPhase = false
    private var trace: [String] = []
    private let traceCapacity: Int
    /// Receives every trace line as it happens (verbose replays).
    private let traceSink: ((String) -> Void)?
    public private(set) var eventCount = 0
    private var coverage = Coverage()

    /// - Parameters:
    ///   - traceCapacity: how many recent trace lines a failure report includes.
    ///   - traceSink: called with every trace line; nil keeps tracing cheap.
    public init(options: SimulationOptions, traceCapacity: Int = 60, traceSink: ((String) -> Void)? = nil) {
        self.options = options
        self.random = SplitMix64(seed: options.seed)
        self.traceCapacity = traceCapacity
        self.traceSink = traceSink
        let voterCount = UInt64(options.nodeCount)
        spares = (0..<UInt64(options.spareCount)).map { NodeID(voterCount + 1 + $0) }
        let voters = (1...voterCount).map { NodeID($0) }
        for id in voters {
            addNode(id, storage: MemoryStorage(bootstrapVoters: voters))
        }
    }

    /// The outcome of a run.
    public struct Report: Sendable {
        public var options: SimulationOptions
        public var violation: InvariantViolation?
        /// The trace lines leading up to the violation.
        public var recentTrace: [String]
        public var events: Int
        public var proposed: Int
        public var acknowledged: Int
        public var readsServed: Int
        public var committedIndex: LogIndex
        /// Ticks the liveness phase needed to converge.
        public var livenessTicksUsed: Int?
        /// What the run reached.
        public var coverage: Coverage

        public var passed: Bool { violation == nil }
    }

    /// Runs both phases and reports the first violation, if any.
    public func run() -> Report {
        var livenessTicksUsed: Int?
        var violation: InvariantViolation?
        do throws(InvariantViolation) {
            queue.push(.tick, at: options.tickUnits)
            let safetyEnd = options.safetyTicks * options.tickUnits
            while let time = queue.nextTime, time <= safetyEnd {
                try process(queue.pop()!.event, at: time)
            }
            beginLivenessPhase()
            let livenessStart = now
            let livenessEnd = now + options.livenessTicks * options.tickUnits
            while !hasConverged() {
                guard let time = queue.nextTime, time <= livenessEnd else {
                    throw InvariantViolation(
                        property: "liveness",
                        detail:
                            "no leader with every member caught up within \(options.livenessTicks) ticks after healing; \(clusterSummary())",
                        time: now)
                }
                try process(queue.pop()!.event, at: time)
            }
            livenessTicksUsed = (now - livenessStart) / options.tickUnits
        } catch {
            violation = error
        }
        return Report(
            options: options, violation: violation, recentTrace: trace, events: eventCount, proposed: clients.proposed,
            acknowledged: clients.acknowledged, readsServed: clients.readsServed,
            committedIndex: checker.committedIndex,
            livenessTicksUsed: livenessTicksUsed, coverage: coverage)
    }

    // MARK: Events

    private func process(_ event: Event, at time: Int) throws(InvariantViolation) {
        now = time
        checker.setTime(time)
        eventCount += 1
        switch event {
        case .tick:
            for id in nodeIDs where nodes[id]!.isUp {
                nodes[id]!.withRaft { $0.tick() }
            }
            if inLivenessPhase { livenessWorkload() } else { try nemesis(); workload() }
            queue.push(.tick, at: now + options.tickUnits)
            for id in nodeIDs { try drainReady(id) }
        case .deliver(let message):
            try deliver(message)
        case .diskDone(let id, let generation):
            guard let node = nodes[id], node.generation == generation, node.isWriting else { break }
            try completeWrite(on: node)
            try drainReady(id)
        }
        try checker.checkNodes(nodeIDs.map { nodes[$0]! })
    }

    private func deliver(_ message: Message) throws(InvariantViolation) {
        let sender = nodes[message.from]
        guard let node = nodes[message.to], node.isUp, !network.isCut(from: message.from, to: message.to) else {
            if case .snapshot = message.payload, let sender, sender.isUp {
                sender.withRaft { $0.reportSnapshot(to: message.to, succeeded: false) }
            }
            return
        }
        let wasLeader = node.raft!.softState.role == .leader
        let outcome = node.withRaft { $0.step(message) }
        if traceSink != nil { record("deliver \(message) -> \(outcome)") }
        recordCoverage(of: message, outcome: outcome, wasLeader: wasLeader)
        if case .snapshot = message.payload, let sender, sender.isUp {
            sender.withRaft { $0.reportSnapshot(to: message.to, succeeded: true) }
        }
        try drainReady(message.to)
    }

    private func recordCoverage(of message: Message, outcome: StepOutcome, wasLeader: Bool) {
        switch outcome {
        case .ignored(.leaderLease): coverage.hit(.voteIgnoredByLease)
        case .ignored(.unknownSender): coverage.hit(.unknownSenderIgnored)
        case .ignored(.staleTerm): coverage.hit(.staleTermIgnored)
        case .accepted:
            switch message.payload {
            case .appendResponse(let response) where response.reject && wasLeader: coverage.hit(.appendRejected)
            case .timeoutNow: coverage.hit(.leadershipTransferred)
            default: break
            }
        default: break
        }
    }

    /// Takes Ready values from `id` while there are any; a Ready that must be fsynced waits for the disk.
    private func drainReady(_ id: NodeID) throws(InvariantViolation) {
        let node = nodes[id]!
        while let ready = node.takeReady() {
            let latency = ready.mustSync ? Int.random(in: 0...options.maxDiskLatencyUnits, using: &random) : 0
            if latency > 0 {
                queue.push(.diskDone(id, generation: node.generation), at: now + latency)
                return
            }
            try completeWrite(on: node)
        }
    }

    /// The write of the node's Ready is durable: send, apply, serve reads, advance (the ``Ready`` contract).
    private func completeWrite(on node: SimulatedNode) throws(InvariantViolation) {
        let ready = node.finishWrite()
        try checker.checkPersisted(ready, on: node)
        // Observe the commit index the entries about to be applied rely on.
        try checker.checkNodes([node])
        if let soft = ready.softState, traceSink != nil || soft.role == .leader {
            record("node \(node.id) is \(soft.role) (leader \(soft.leader)) in term \(node.raft!.hardState.term)")
        }
        for message in ready.messages { send(message) }
        if let snapshot = ready.snapshot {
            coverage.hit(.snapshotInstalled)
            node.restoreStateMachine(from: snapshot)
            try checker.checkRestored(index: snapshot.metadata.index, hash: node.stateMachine.hash, on: node.id)
        }
        for entry in ready.committedEntries where node.apply(entry) {
            if entry.kind == .configChange && entry.index.rawValue > UInt64(options.nodeCount) {
                coverage.hit(.membershipChangeApplied)
            }
            try checker.checkApplied(entry, hash: node.stateMachine.hash, on: node.id)
            if let term = clients.recordApplied(entry, on: node.id) {
                try checker.checkAcknowledged(index: entry.index, term: term)
            }
        }
        for state in ready.readStates {
            guard let required = clients.finishRead(state.id) else { continue }
            coverage.hit(.readServed)
            try checker.checkRead(state, requiredIndex: required, on: node.id)
        }
        let ledBefore = node.raft!.softState.role == .leader
        node.withRaft { $0.advance(ready) }
        if ledBefore, node.raft!.softState.role != .leader, !node.raft!.confState.isVoter(node.id) {
            coverage.hit(.removedLeaderSteppedDown)
        }
        node.maybeSnapshot(interval: options.snapshotInterval)
    }

    /// Puts a message on the network: lost, delayed, or duplicated as the options say. A lost snapshot is
    /// reported to its sender, as a transport reports a failed snapshot stream.
    private func send(_ message: Message) {
        guard !network.isCut(from: message.from, to: message.to), !chance(options.dropProbability) else {
            if case .snapshot = message.payload {
                nodes[message.from]!.withRaft { $0.reportSnapshot(to: message.to, succeeded: false) }
            }
            return
        }
        let copies = chance(options.duplicateProbability) ? 2 : 1
        if copies > 1 { coverage.hit(.duplicateDelivered) }
        for _ in 0..<copies {
            let delay = Int.random(in: options.minDelayUnits...options.maxDelayUnits, using: &random)
            queue.push(.deliver(message), at: now + delay)
        }
    }

    // MARK: Workload and nemesis

    private func chance(_ probability: Double) -> Bool {
        probability > 0 && Double.random(in: 0..<1, using: &random) < probability
    }

    private var runningIDs: [NodeID] { nodeIDs.filter { nodes[$0]!.isUp } }

    /// The running node that leads the highest term, if any.
    private var currentLeader: SimulatedNode? {
        nodeIDs.compactMap { nodes[$0] }.filter { $0.raft?.softState.role == .leader }
            .max { $0.raft!.hardState.term < $1.raft!.hardState.term }
    }

    private func workload() {
        let running = runningIDs
        guard !running.isEmpty else { return }
        if chance(options.proposeProbability) {
            let target = running[Int.random(in: 0..<running.count, using: &random)]
            let count = Int.random(in: 1...options.maxProposalsPerTick, using: &random)
            let batch = (0..<count).map { _ in clients.nextPayload() }
            let outcome = nodes[target]!.withRaft { $0.propose(batch: batch) }
            switch outcome {
            case .appended(let term, let indexes): clients.recordProposal(on: target, term: term, indexes: indexes)
            case .dropped(.leadershipTransferInProgress): coverage.hit(.proposalRefusedDuringTransfer)
            default: break
            }
        }
        if chance(options.readProbability) {
            let target = running[Int.random(in: 0..<running.count, using: &random)]
            let readID = clients.startRead(on: target)
            if nodes[target]!.withRaft({ $0.requestRead(readID) }) != .pending { clients.cancelRead(readID) }
        }
    }

    private func nemesis() throws(InvariantViolation) {
        for id in nodeIDs {
            let node = nodes[id]!
            if node.isUp, chance(options.crashProbability) {
                if node.crash(using: &random) { coverage.hit(.tornWrite) }
                coverage.hit(.crash)
                clients.forget(id)
                record("crash \(id)")
            } else if !node.isUp, chance(options.restartProbability) {
                try restart(node)
            }
        }
        if chance(options.partitionProbability) {
            let kinds = SimulatedNetwork.PartitionKind.allCases
            let kind = kinds[Int.random(in: 0..<kinds.count, using: &random)]
            let description = network.partition(kind, nodes: nodeIDs, leader: currentLeader?.id, using: &random)
            coverage.hit(.partition)
            record("partition: \(description)")
        } else if !network.isHealed, chance(options.healProbability) {
            network.heal()
            record("heal network")
        }
        if chance(options.transferProbability), let leader = currentLeader {
            let voters = leader.raft!.confState.voters.filter { $0 != leader.id }
            if let target = voters.randomElement(using: &random) {
                let outcome = leader.withRaft { $0.transferLeadership(to: target) }
                record("transfer leadership \(leader.id) -> \(target): \(outcome)")
            }
        }
        if chance(options.membershipChangeProbability), let leader = currentLeader {
            changeMembership(through: leader)
        }
    }

    /// Proposes one membership change: add a spare as a learner, promote a learner, or remove a member.
    private func changeMembership(through leader: SimulatedNode) {
        let conf = leader.raft!.confState
        let change: ConfChange
        if let learner = conf.learners.first {
            change = .addVoter(learner)
        } else if !spares.isEmpty && (conf.voters.count <= options.nodeCount || chance(0.5)) {
            let spare = spares.removeFirst()
            addNode(spare, storage: MemoryStorage())
            change = .addLearner(spare)
        } else if conf.voters.count > 3 {
            change = .removeNode(conf.voters[Int.random(in: 0..<conf.voters.count, using: &random)])
        } else {
            return
        }
        let outcome = leader.withRaft { $0.proposeConfChange(change) }
        record("membership \(change) via \(leader.id): \(outcome)")
    }

    private func addNode(_ id: NodeID, storage: MemoryStorage) {
        let node = SimulatedNode(id: id, storage: storage)
        nodes[id] = node
        nodeIDs.append(id)
        nodeIDs.sort()
        node.start(config: raftConfig(for: id), seed: random.next())
    }

    private func restart(_ node: SimulatedNode) throws(InvariantViolation) {
        node.start(config: raftConfig(for: node.id), seed: random.next())
        record(
            "restart \(node.id) (term \(node.raft!.hardState.term), commit \(node.raft!.hardState.commit), last \(node.raft!.lastIndex))"
        )
        try checker.checkRestart(node)
    }

    private func raftConfig(for id: NodeID) -> RaftConfig {
        var config = RaftConfig(id: id)
        config.electionTimeoutTicks = 10
        config.heartbeatTimeoutTicks = 2
        config.maxAppendBytes = options.maxAppendBytes
        config.maxInflightAppends = options.maxInflightAppends
        config.injectedBugs = options.injectedBugs
        return config
    }

    // MARK: Liveness

    private func beginLivenessPhase() {
        inLivenessPhase = true
        network.heal()
        record("liveness phase: heal, restart everyone, stop faults")
        for id in nodeIDs where !nodes[id]!.isUp {
            nodes[id]!.start(config: raftConfig(for: id), seed: random.next())
            try? checker.checkRestart(nodes[id]!)
        }
    }

    /// After healing, a client keeps proposing one entry now and then so the leader commits in its own term.
    private func livenessWorkload() {
        guard let leader = currentLeader, leader.raft!.lastIndex == leader.raft!.hardState.commit else { return }
        if leader.raft!.term(at: leader.raft!.lastIndex) != leader.raft!.hardState.term {
            _ = leader.withRaft { $0.propose(clients.nextPayload()) }
        }
    }

    /// A leader of the highest term whose every member is up, in its term, and has committed and applied the
    /// leader's whole log, the last entry of which is from the leader's term.
    private func hasConverged() -> Bool {
        guard let leader = currentLeader, let raft = leader.raft else { return false }
        let last = raft.lastIndex
        guard raft.term(at: last) == raft.hardState.term, raft.confState.isVoter(leader.id) else { return false }
        for member in raft.confState.members {
            guard let node = nodes[member], let follower = node.raft else { return false }
            let hard = follower.hardState
            guard hard.term == raft.hardState.term, hard.commit == last, follower.appliedIndex == last, !node.isWriting
            else {
                return false
            }
        }
        return true
    }

    private func clusterSummary() -> String {
        nodeIDs.map { id -> String in
            guard let raft = nodes[id]!.raft else { return "\(id): down" }
            let hard = raft.hardState
            return
                "\(id): \(raft.softState.role) t\(hard.term) commit \(hard.commit) applied \(raft.appliedIndex) last \(raft.lastIndex) \(raft.confState)"
        }.joined(separator: "; ")
    }

    private func record(_ line: String) {
        let stamped = "t=\(now) \(line)"
        traceSink?(stamped)
        trace.append(stamped)
        if trace.count > traceCapacity { trace.removeFirst(trace.count - traceCapacity) }
    }
}
