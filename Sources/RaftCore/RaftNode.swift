/// The public, synchronous API of one Raft node (etcd-io/raft `rawnode.go`).
///
/// Feed it ticks, inbound messages and proposals; drain its work with ``ready()``; acknowledge that work with
/// ``advance(_:)``. It has one owner (a task, an actor or a simulator) and performs no I/O, reads no clock and
/// draws randomness only from the injected generator, so it is deterministic.
///
/// Storage: the core reads `storage`; the owner writes to it what each ``Ready`` says, before ``advance(_:)``.
/// After a restart, committed entries after the storage's snapshot are handed out again; the state machine
/// skips those at or below the index it had applied.
public struct RaftNode<Storage: LogStorage> {
    var raft: Raft<Storage>
    private var previousSoftState: SoftState
    private var previousHardState: HardState
    /// A ``Ready`` was handed out and not yet advanced.
    private var readyInProgress = false

    /// Creates a node from its durable state in `storage`.
    /// - Parameters:
    ///   - config: validated on entry.
    ///   - storage: the durable log; its initial state gives the term, vote, commit index and membership.
    ///   - random: the only source of randomness (election-timeout jitter); seed it for reproducible runs.
    /// - Throws: ``RaftConfigError`` naming the first invalid setting.
    public init(config: RaftConfig, storage: Storage, random: any RandomNumberGenerator) throws(RaftConfigError) {
        try config.validate()
        raft = Raft(config: config, storage: storage, random: random)
        previousSoftState = raft.softState
        previousHardState = raft.hardState
    }

    public var id: NodeID { raft.id }
    /// The leader and role now.
    public var softState: SoftState { raft.softState }
    /// The term, vote and commit index now (not necessarily durable yet).
    public var hardState: HardState { raft.hardState }
    /// The membership in force on this node (changes take effect when applied).
    public var confState: ConfState { raft.tracker.conf }
    /// The highest index the application has applied (acknowledged through ``advance(_:)``).
    public var appliedIndex: LogIndex { raft.log.applied }
    public var firstIndex: LogIndex { raft.log.firstIndex() }
    public var lastIndex: LogIndex { raft.log.lastIndex() }
    /// The term of the entry at `index` in this node's log, or nil if compacted away or absent.
    public func term(at index: LogIndex) -> Term? { raft.log.term(at: index) }

    /// Advances logical time by one tick: election and heartbeat timers.
    public mutating func tick() { raft.tick() }

    /// Steps an inbound message. Messages from unknown nodes, stale terms or with contradictory fields are
    /// ignored without changing state; the outcome says why.
    @discardableResult
    public mutating func step(_ message: Message) -> StepOutcome { raft.step(message) }

    /// Proposes one application entry.
    public mutating func propose(_ data: [UInt8]) -> ProposalOutcome { raft.propose([data]) }

    /// Proposes several application entries, appended contiguously in one go.
    public mutating func propose(batch: [[UInt8]]) -> ProposalOutcome { raft.propose(batch) }

    /// Proposes a membership change (one node at a time; see ``ConfChange``).
    public mutating func proposeConfChange(_ change: ConfChange) -> ProposalOutcome { raft.proposeConfChange(change) }

    /// Starts a linearizable read; its ``ReadState`` appears in a later ``Ready``.
    public mutating func requestRead(_ id: ReadRequestID) -> ReadOutcome { raft.requestRead(id) }

    /// Asks the leader to hand leadership to `target`, which must be a voter.
    public mutating func transferLeadership(to target: NodeID) -> TransferOutcome {
        if raft.role == .leader { return raft.handleTransferLeadership(to: target) }
        guard raft.leader != .none else { return .notLeader }
        raft.send(.transferLeadership(target: target), to: raft.leader)
        return .forwarded(to: raft.leader)
    }

    /// Starts an election now (as if the election timer had fired), if this node may campaign.
    public mutating func campaign() { raft.hup(transfer: false) }

    /// Tells the leader that a snapshot sent to `member` was delivered or failed.
    public mutating func reportSnapshot(to member: NodeID, succeeded: Bool) {
        raft.reportSnapshot(to: member, succeeded: succeeded)
    }

    /// Tells the leader that the last message to `member` could not be delivered.
    public mutating func reportUnreachable(_ member: NodeID) { raft.reportUnreachable(member) }

    /// Whether ``ready()`` has work (always false between `ready()` and `advance`).
    public var hasReady: Bool {
        guard !readyInProgress else { return false }
        return raft.softState != previousSoftState || raft.hardState != previousHardState
            || raft.log.unstable.snapshot != nil || !raft.log.unstable.entries.isEmpty
            || !raft.messages.isEmpty || !raft.readStates.isEmpty || raft.log.hasNextCommittedEntries
    }

    /// The work to do now. See ``Ready`` for the order and durability rules.
    /// Precondition: the previous `Ready` was advanced.
    public mutating func ready() -> Ready {
        precondition(!readyInProgress, "ready() called again before advance()")
        let softState = raft.softState
        let hardState = raft.hardState
        let entries = raft.log.unstableEntries
        let snapshot = raft.log.unstable.snapshot
        let committed = raft.log.nextCommittedEntries()
        let changedHardState = hardState != previousHardState ? hardState : nil
        let mustSync =
            !entries.isEmpty || snapshot != nil || hardState.term != previousHardState.term
            || hardState.vote != previousHardState.vote
        let ready = Ready(
            softState: softState != previousSoftState ? softState : nil,
            hardState: changedHardState,
            snapshot: snapshot,
            entries: entries,
            committedEntries: committed,
            messages: raft.messages,
            readStates: raft.readStates,
            mustSync: mustSync)
        raft.messages = []
        raft.readStates = []
        if let last = committed.last {
            raft.log.accept(applying: last.index)
            let bytes = committed.reduce(0) { $0 + $1.data.count }
            raft.uncommittedBytes = max(0, raft.uncommittedBytes - bytes)
        }
        readyInProgress = true
        return ready
    }

    /// Acknowledges a ``Ready``: its snapshot, entries and hard state are durable, its messages were handed to
    /// the transport, and its committed entries are applied. Membership changes among them take effect now.
    public mutating func advance(_ ready: Ready) {
        precondition(readyInProgress, "advance() without ready()")
        readyInProgress = false
        if let snapshot = ready.snapshot {
            raft.log.snapshotApplied(at: snapshot.metadata.index)
        }
        if let last = ready.entries.last {
            raft.log.unstable.stableTo(index: last.index, term: last.term)
        }
        if let hardState = ready.hardState { previousHardState = hardState }
        if let softState = ready.softState { previousSoftState = softState }
        for entry in ready.committedEntries where entry.kind == .configChange {
            raft.applyConfChange(entry)
        }
        if let last = ready.committedEntries.last {
            raft.log.applied(to: last.index)
        }
        raft.onPersisted()
    }

    /// A snapshot of the node's state, for monitoring and tests.
    public var status: RaftStatus {
        var progress: [NodeID: RaftStatus.Progress] = [:]
        if raft.role == .leader {
            for (member, entry) in raft.tracker.progress {
                progress[member] = RaftStatus.Progress(match: entry.match, next: entry.next, state: entry.state)
            }
        }
        return RaftStatus(
            id: raft.id, hardState: raft.hardState, softState: raft.softState, applied: raft.log.applied,
            firstIndex: raft.log.firstIndex(), lastIndex: raft.log.lastIndex(), confState: raft.tracker.conf,
            progress: progress, leadTransferee: raft.leadTransferee)
    }
}

/// What a node reports about itself.
public struct RaftStatus: Hashable, Sendable {
    /// The leader's view of one member.
    public struct Progress: Hashable, Sendable {
        public var match: LogIndex
        public var next: LogIndex
        public var state: FlowState
    }

    public var id: NodeID
    public var hardState: HardState
    public var softState: SoftState
    public var applied: LogIndex
    public var firstIndex: LogIndex
    public var lastIndex: LogIndex
    public var confState: ConfState
    /// Per member, on a leader; empty elsewhere.
    public var progress: [NodeID: Progress]
    public var leadTransferee: NodeID

    public var term: Term { hardState.term }
    public var commit: LogIndex { hardState.commit }
    public var role: Role { softState.role }
    public var leader: NodeID { softState.leader }
}
