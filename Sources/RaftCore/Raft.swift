/// The Raft state machine of one node: state, role transitions, ticks and the dispatch of inbound messages.
///
/// It is synchronous and deterministic: the same sequence of calls with the same random generator produces the
/// same messages and state. It performs no I/O; its outputs accumulate in `messages` and `readStates` and in
/// the log, and ``RaftNode`` packages them into a ``Ready``. The handlers live in `Raft+Election.swift`,
/// `Raft+Leader.swift`, `Raft+Follower.swift`, `Raft+ReadIndex.swift` and `Raft+Membership.swift`.
struct Raft<Storage: LogStorage> {
    let id: NodeID
    let config: RaftConfig
    /// The current term (persisted in ``HardState``).
    var term: Term
    /// The candidate voted for in `term` (persisted). Invariant: at most one vote per term (Raft §5.2).
    var vote: NodeID
    var log: RaftLog<Storage>
    var tracker: ProgressTracker
    var role: Role = .follower
    /// The leader of `term` as far as this node knows, or none.
    var leader: NodeID = .none
    /// On a leader: the voter leadership is being handed to; proposals are refused meanwhile.
    var leadTransferee: NodeID = .none
    /// On a leader: the index of the last membership change proposed; a new one waits until it is applied.
    var pendingConfIndex: LogIndex = .zero
    /// The index of the last membership change in effect in `tracker.conf` (or the snapshot's index). A change at
    /// or below it is never applied again, so replaying the log after a restart is harmless.
    var confIndex: LogIndex = .zero
    /// On a leader: bytes of entries proposed and not yet handed out as committed.
    var uncommittedBytes = 0
    var readQueue: ReadIndexQueue
    /// On a leader: reads that arrived before it committed an entry of its own term (its commit index may lag
    /// until then, so it cannot vouch for it yet).
    var readsAwaitingCommit: [(id: ReadRequestID, requester: NodeID)] = []
    /// Outputs, drained by ``RaftNode/ready()``.
    var messages: [Message] = []
    var readStates: [ReadState] = []
    /// Ticks since the last election-timer reset (followers, candidates) or CheckQuorum round (leaders).
    var electionElapsed = 0
    var heartbeatElapsed = 0
    /// This term's election timeout, in `[electionTimeoutTicks, 2 * electionTimeoutTicks)`.
    var randomizedElectionTimeout: Int
    var random: any RandomNumberGenerator

    init(config: RaftConfig, storage: Storage, random: any RandomNumberGenerator) {
        let initial: (hardState: HardState, confState: ConfState)
        do {
            initial = try storage.initialState()
        } catch {
            preconditionFailure("storage failed reading the initial state: \(error)")
        }
        self.id = config.id
        self.config = config
        self.random = random
        self.log = RaftLog(storage: storage, maxApplyBytes: config.maxApplyBytesPerReady)
        self.tracker = ProgressTracker(
            conf: initial.confState, nextIndex: log.lastIndex() + 1,
            maxInflight: config.maxInflightAppends, maxInflightBytes: config.maxInflightBytes)
        self.readQueue = ReadIndexQueue(capacity: config.maxPendingReads)
        self.term = initial.hardState.term
        self.vote = initial.hardState.vote
        self.randomizedElectionTimeout = config.electionTimeoutTicks
        let commit = initial.hardState.commit
        precondition(commit <= log.lastIndex(), "hard state commit \(commit) is past the last index \(log.lastIndex())")
        log.commit(to: commit)
        // Take on the membership this node already knows committed, before any message arrives: otherwise a
        // restarted node would run with its snapshot's (possibly empty) membership until it re-applied its log,
        // and a removed node could win its vote in that window.
        confIndex = log.firstIndex() - 1
        loadCommittedMembership()
        becomeFollower(term: term, leader: .none)
    }

    var hardState: HardState { HardState(term: term, vote: vote, commit: log.committed) }
    var softState: SoftState { SoftState(leader: leader, role: role) }

    /// Whether this node may campaign: only voters may.
    var isPromotable: Bool { tracker.conf.isVoter(id) }

    func bugEnabled(_ bug: InjectedBug) -> Bool { config.injectedBugs.contains(bug) }

    // MARK: Output

    mutating func send(_ payload: Message.Payload, to: NodeID, term messageTerm: Term? = nil) {
        precondition(to != id, "sending to self")
        messages.append(Message(from: id, to: to, term: messageTerm ?? term, payload: payload))
    }

    // MARK: Role transitions

    /// Clears per-term state. A new term clears the vote.
    mutating func reset(term newTerm: Term) {
        if term != newTerm {
            precondition(newTerm > term, "term must not go backwards: \(term) -> \(newTerm)")
            term = newTerm
            vote = .none
        }
        leader = .none
        electionElapsed = 0
        heartbeatElapsed = 0
        randomizedElectionTimeout =
            config.electionTimeoutTicks
            + Int.random(in: 0..<config.electionTimeoutTicks, using: &random)
        leadTransferee = .none
        tracker.resetVotes()
        tracker.resetProgress(nextIndex: log.lastIndex() + 1)
        pendingConfIndex = .zero
        uncommittedBytes = 0
        readQueue.reset()
        readsAwaitingCommit = []
    }

    mutating func becomeFollower(term newTerm: Term, leader newLeader: NodeID) {
        reset(term: newTerm)
        leader = newLeader
        role = .follower
    }

    /// PreVote (thesis §9.6): ask for votes for term + 1 without raising the term, so a node that cannot win
    /// (e.g. rejoining after a partition) never forces the cluster into a new term.
    mutating func becomePreCandidate() {
        precondition(role != .leader, "a leader cannot become a pre-candidate")
        tracker.resetVotes()
        leader = .none
        role = .preCandidate
    }

    mutating func becomeCandidate() {
        precondition(role != .leader, "a leader cannot become a candidate")
        reset(term: term.next)
        vote = id
        role = .candidate
    }

    /// Raft §5.2 + §8: the winner starts its term with a no-op entry so that it commits an entry of its own term,
    /// which commits every earlier entry and lets it serve reads.
    mutating func becomeLeader() {
        precondition(role == .candidate, "only a candidate becomes leader, not a \(role)")
        reset(term: term)
        leader = id
        role = .leader
        tracker.resetRecentActive(selfID: id)
        let stable = log.stableLastIndex
        tracker.update(id) { progress in
            progress.becomeReplicate()
            if let stable { _ = progress.maybeUpdate(stable) }
        }
        let noop = appendEntries([(.normal, [])])
        // No membership change until the no-op (and so everything before it) is applied: this is the fix for the
        // single-server change bug (a leader must commit an entry of its term before changing membership).
        pendingConfIndex = noop.upperBound
    }

    // MARK: Ticks

    mutating func tick() {
        if role == .leader { tickLeader() } else { tickElection() }
    }

    private mutating func tickElection() {
        electionElapsed += 1
        if isPromotable && electionElapsed >= randomizedElectionTimeout {
            electionElapsed = 0
            hup(transfer: false)
        }
    }

    private mutating func tickLeader() {
        heartbeatElapsed += 1
        electionElapsed += 1
        if electionElapsed >= config.electionTimeoutTicks {
            electionElapsed = 0
            if config.checkQuorum {
                // CheckQuorum: a leader cut off from a quorum steps down instead of serving stale reads.
                guard tracker.isQuorumActive(selfID: id) else {
                    becomeFollower(term: term, leader: .none)
                    return
                }
                tracker.resetRecentActive(selfID: id)
            }
            // A transfer that did not finish within an election timeout is abandoned.
            if leadTransferee != .none { leadTransferee = .none }
        }
        if heartbeatElapsed >= config.heartbeatTimeoutTicks {
            heartbeatElapsed = 0
            broadcastHeartbeat()
        }
    }

    // MARK: Inbound messages

    /// Steps one inbound message. Term rules (Raft §5.1) are applied here for every payload; the payload is
    /// then handled by the role's handler.
    mutating func step(_ message: Message) -> StepOutcome {
        guard message.to == id else { return .ignored(.wrongRecipient) }
        guard message.from != id, message.from != .none else { return .ignored(.invalidSender) }
        if let problem = message.structuralProblem ?? problemAgainstLog(message) {
            return .ignored(.malformed(problem))
        }
        // A node outside the membership may only reach us as a leader would (a joining node learns its
        // membership from the leader's appends). Its votes, answers and requests are ignored, so a removed node
        // cannot disrupt the cluster.
        if !tracker.conf.members.isEmpty && !tracker.conf.contains(message.from) && !message.carriesLeaderLog {
            return .ignored(.unknownSender)
        }

        if message.term > term {
            if case .vote(let request) = message.payload {
                // Leader lease (CheckQuorum): while we hear from a leader, a vote request is a disruption.
                let inLease = config.checkQuorum && leader != .none && electionElapsed < config.electionTimeoutTicks
                if inLease && !request.isLeadershipTransfer { return .ignored(.leaderLease) }
            }
            switch message.payload {
            case .vote(let request) where request.isPreVote:
                break  // A PreVote request does not raise our term.
            case .voteResponse(let response) where response.isPreVote && response.granted:
                break  // Echoes the term we would campaign in; we raise it when the pre-vote wins.
            default:
                becomeFollower(term: message.term, leader: message.carriesLeaderLog ? message.from : .none)
            }
        } else if message.term < term {
            switch message.payload {
            case .append, .heartbeat:
                // A stale leader must learn of the new term so it steps down (it may be isolated from everyone
                // else and, with PreVote/CheckQuorum, nobody else would tell it).
                if config.checkQuorum || config.preVote {
                    send(.appendResponse(AppendResponse(index: .zero)), to: message.from)
                }
            case .vote(let request) where request.isPreVote:
                send(.voteResponse(VoteResponse(isPreVote: true, granted: false)), to: message.from)
            default:
                break
            }
            return .ignored(.staleTerm)
        }

        switch message.payload {
        case .vote(let request):
            return handleVoteRequest(from: message.from, term: message.term, request)
        case .transferLeadership(let target):
            guard role == .leader else { return .ignored(.unexpected) }
            return handleTransferLeadership(to: target) == .started ? .accepted : .ignored(.unexpected)
        case .readIndex(let readID):
            guard role == .leader else { return .ignored(.unexpected) }
            return handleReadRequest(readID, from: message.from) == .pending ? .accepted : .ignored(.unexpected)
        default:
            break
        }
        switch role {
        case .leader: return stepLeader(message)
        case .candidate, .preCandidate: return stepCandidate(message)
        case .follower: return stepFollower(message)
        }
    }
}

extension Raft {
    /// A field that contradicts this node's log, checked before the message can change anything (term, leader,
    /// election timer, progress): a correct leader never sends a commit index past what we hold, and a correct
    /// follower never acknowledges or rejects an index past what we sent.
    func problemAgainstLog(_ message: Message) -> String? {
        let last = log.lastIndex()
        switch message.payload {
        case .heartbeat(let heartbeat) where heartbeat.commit > last:
            return "heartbeat commit \(heartbeat.commit) past our last index \(last)"
        case .appendResponse(let response) where response.index > last:
            return "append response for index \(response.index) past our last index \(last)"
        default:
            return nil
        }
    }
}

extension Message {
    /// Whether the payload is the leader replicating its log to this node.
    var carriesLeaderLog: Bool {
        switch payload {
        case .append, .heartbeat, .snapshot: return true
        default: return false
        }
    }

    /// A reason the message contradicts itself, independent of the receiver's state, or nil.
    var structuralProblem: String? {
        switch payload {
        case .append(let request):
            var expected = request.prevIndex + 1
            var previousTerm = request.prevTerm
            for entry in request.entries {
                if entry.index != expected { return "entry index \(entry.index), expected \(expected)" }
                if entry.term < previousTerm { return "entry term \(entry.term) below the previous \(previousTerm)" }
                if entry.term > term { return "entry term \(entry.term) above the message term \(term)" }
                expected = expected + 1
                previousTerm = entry.term
            }
            return nil
        case .snapshot(let snapshot):
            if !snapshot.isWellFormed { return "snapshot without index, term or voters" }
            if snapshot.metadata.term > term { return "snapshot term above the message term" }
            return nil
        case .vote(let request):
            return request.lastTerm > term ? "candidate's last term above its campaign term" : nil
        default:
            return nil
        }
    }
}
