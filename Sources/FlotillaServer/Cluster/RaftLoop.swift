import Dispatch
import FlotillaHTTP
import Foundation
import Logging
import QueueEngine
import QueueModel
import RaftCore
import RaftStorage

/// The state of a ``ClusterNode``'s loop, owned by its thread: the Raft core, the clients waiting on it, and the
/// tick clock. One turn takes everything from the inbox, steps it, and processes the resulting ``Ready``s in the
/// contract's order (persist, send, apply, advance).
struct RaftLoop {
    private let shared: ClusterNode
    private var node: RaftNode<DurableLog>
    private var commits = CommitWaiters()
    private var reads = ReadWaiters()
    private var transfers: [(done: CheckedContinuation<Void, Never>, deadline: UInt64)] = []
    private var tick: UInt64 = 0
    private let tickNanoseconds: UInt64
    private let expireEveryTicks: UInt64
    /// Waiters give up after this many ticks (two maximal election timeouts).
    private let waitTicks: UInt64
    /// The commit index when the node started: snapshots wait until the replay up to it is applied, so that
    /// the membership history covers every index a snapshot may be taken at.
    private let replayedThrough: LogIndex
    private var lastSnapshotIndex: LogIndex
    private let snapshots: SnapshotTaker
    /// The role and leader last logged, so that each change is logged once.
    private var loggedSoftState: SoftState?

    init(node shared: ClusterNode, seed: UInt64) throws {
        self.shared = shared
        var config = RaftConfig(id: shared.id)
        config.electionTimeoutTicks = shared.settings.electionTicks
        config.heartbeatTimeoutTicks = shared.settings.heartbeatTicks
        node = try RaftNode(config: config, storage: shared.log, random: SplitMix64(seed: seed))
        let tick = shared.settings.tick.components
        tickNanoseconds = UInt64(tick.seconds) * 1_000_000_000 + UInt64(tick.attoseconds / 1_000_000_000)
        precondition(tickNanoseconds > 0, "a tick must be positive")
        let expire = shared.settings.expireEvery.components
        expireEveryTicks = max(
            1, (UInt64(expire.seconds) * 1_000_000_000 + UInt64(expire.attoseconds / 1_000_000_000)) / tickNanoseconds)
        waitTicks = UInt64(4 * shared.settings.electionTicks)
        replayedThrough = node.hardState.commit
        lastSnapshotIndex = node.firstIndex - 1
        snapshots = SnapshotTaker(node: shared)
    }

    /// Turns until stopped. Throws on a storage or engine failure; every waiting client is answered either way.
    mutating func run() throws {
        var nextTick = DispatchTime.now().uptimeNanoseconds + tickNanoseconds
        defer {
            let stopped = QueueServiceError.unavailable(reason: "The node is stopping.", retryAfterSeconds: 1)
            commits.failAll(stopped)
            reads.failAll(stopped)
            for transfer in transfers { transfer.done.resume() }
        }
        while true {
            let work = shared.inbox.take(waitingUntil: DispatchTime(uptimeNanoseconds: nextTick))
            let now = DispatchTime.now().uptimeNanoseconds
            if now >= nextTick {
                onTick()
                // A loop that stalled skips the ticks it missed instead of firing them in a burst.
                nextTick = max(nextTick + tickNanoseconds, now + tickNanoseconds / 2)
            }
            try turn(work)
            if work.stopping { return }
        }
    }

    private mutating func onTick() {
        node.tick()
        tick += 1
        commits.expire(now: tick)
        reads.expire(now: tick)
        transfers.removeAll { transfer in
            guard transfer.deadline <= tick else { return false }
            transfer.done.resume()
            return true
        }
        if node.softState.role == .leader, tick % expireEveryTicks == 0 {
            var payload = CommandCodec.encode(
                CommandEnvelope(time: Timestamp(milliseconds: 0), command: .expire(limit: 10_000)))
            CommandCodec.restamp(&payload, time: shared.clock.now())
            _ = node.propose(payload)
        }
    }

    private mutating func turn(_ work: NodeInbox.Work) throws {
        for message in work.messages { node.step(message) }
        for report in work.reports {
            switch report {
            case .unreachable(let member): node.reportUnreachable(member)
            case .snapshot(let member, let succeeded): node.reportSnapshot(to: member, succeeded: succeeded)
            }
        }
        if !work.proposals.isEmpty { propose(work.proposals) }
        if !work.reads.isEmpty { requestRead(work.reads) }
        for done in work.leadershipTransfers { startTransfer(done) }
        while node.hasReady { try process(node.ready()) }
        if node.softState.role != .leader {
            for transfer in transfers { transfer.done.resume() }
            transfers = []
        }
        shared.publish(node.status)
        if node.softState != loggedSoftState {
            loggedSoftState = node.softState
            shared.logger.notice(
                "raft role changed",
                metadata: [
                    "role": "\(node.softState.role)", "term": "\(node.hardState.term)",
                    "leader": "\(node.softState.leader)",
                ])
        }
        if node.appliedIndex >= replayedThrough,
            node.appliedIndex.distance(from: lastSnapshotIndex) >= Int(shared.settings.snapshotEvery),
            snapshots.start()
        {
            lastSnapshotIndex = node.appliedIndex
        }
    }

    private mutating func propose(_ proposals: [NodeInbox.Proposal]) {
        let time = shared.clock.now()
        let batch = proposals.map { proposal in
            var payload = proposal.payload
            CommandCodec.restamp(&payload, time: time)
            return payload
        }
        switch node.propose(batch: batch) {
        case .appended(let term, let indexes):
            commits.register(proposals.map(\.waiter), term: term, indexes: indexes, deadline: tick + waitTicks)
        case .notLeader(let hint):
            let error = QueueServiceError.unavailable(
                reason: hint == .none ? "The cluster has no leader." : "This node is not the leader.",
                retryAfterSeconds: 1)
            for proposal in proposals { proposal.waiter.resume(throwing: error) }
        case .dropped(let reason):
            let error = QueueServiceError.unavailable(
                reason: "The leader refused the write (\(reason)).", retryAfterSeconds: 1)
            for proposal in proposals { proposal.waiter.resume(throwing: error) }
        }
    }

    private mutating func requestRead(_ waiters: [ReadWaiters.Continuation]) {
        let id = reads.request(waiters, deadline: tick + waitTicks)
        switch node.requestRead(id) {
        case .pending: return
        case .notLeader, .dropped:
            let error = QueueServiceError.unavailable(reason: "This node cannot serve reads now.", retryAfterSeconds: 1)
            for waiter in reads.cancel(id) { waiter.resume(throwing: error) }
        }
    }

    private mutating func startTransfer(_ done: CheckedContinuation<Void, Never>) {
        let status = node.status
        let target = status.progress.filter { $0.key != status.id && status.confState.isVoter($0.key) }
            .max { $0.value.match < $1.value.match }?.key
        guard status.role == .leader, let target, node.transferLeadership(to: target) == .started else {
            done.resume()
            return
        }
        transfers.append((done, tick + waitTicks))
    }

    /// One `Ready`, in the contract's order.
    private mutating func process(_ ready: Ready) throws {
        // A leader sends its appends and heartbeats before its own fsync (Raft thesis §10.2.1): the core counts
        // the leader's log toward a quorum only after `advance`, i.e. after the fsync below, so this only
        // overlaps the leader's disk write with the followers'. Everything else (votes, responses) waits.
        var afterPersist = ready.messages
        if node.softState.role == .leader {
            let early = ready.messages.filter(\.isReplication)
            afterPersist = ready.messages.filter { !$0.isReplication }
            if !early.isEmpty { shared.send(early) }
        }
        // Durability point: entries, snapshot and hard state are on stable storage before any acknowledgement
        // (append response, vote) leaves this node, and before this node counts itself toward commit.
        try shared.log.persistBlocking(ready)
        if !afterPersist.isEmpty { shared.send(afterPersist) }
        if let snapshot = ready.snapshot {
            try ClusterNode.restore(shared.engine, from: snapshot, scratch: shared.settings.scratchDirectory)
            shared.membership.record(snapshot.metadata.confState, from: snapshot.metadata.index)
        }
        try apply(ready.committedEntries)
        for state in ready.readStates { reads.confirm(state) }
        node.advance(ready)
        for entry in ready.committedEntries where entry.kind == .configChange {
            shared.membership.record(node.confState, from: entry.index)
        }
        reads.release(applied: node.appliedIndex)
    }

    /// Applies committed entries to the engine in one transaction and answers their waiters.
    private mutating func apply(_ entries: [Entry]) throws {
        guard let last = entries.last else { return }
        var commands: [(index: UInt64, payload: [UInt8])] = []
        commands.reserveCapacity(entries.count)
        for entry in entries where entry.kind == .normal && !entry.data.isEmpty {
            commands.append((entry.index.rawValue, entry.data))
            if let time = CommandCodec.time(of: entry.data) { shared.clock.observe(time) }
        }
        let results = commands.isEmpty ? [] : try shared.engine.apply(commands)
        var position = 0
        for entry in entries {
            if position < commands.count, commands[position].index == entry.index.rawValue {
                commits.applied(entry, result: results[position])
                position += 1
            } else {
                commits.applied(entry, result: nil)
            }
        }
        if commands.last?.index != last.index.rawValue { try shared.engine.skip(through: last.index.rawValue) }
    }
}

extension Message {
    /// Appends and heartbeats: what a leader may send before its own log write is durable.
    fileprivate var isReplication: Bool {
        switch payload {
        case .append, .heartbeat: return true
        default: return false
        }
    }
}
