import RaftCore

/// Checks the Raft safety properties (Raft §5.4, Figure 3) after every simulation event, incrementally, so the
/// cost per event is proportional to what changed.
///
/// - **Election safety**: at most one leader per term, ever.
/// - **Log matching**: an (index, term) pair identifies one payload and one predecessor term on every node.
/// - **Committed entries are permanent**: every entry at or below a node's commit index equals the cluster's
///   committed entry at that index, on every node, across crashes (checked when commit moves and on restart);
///   and every new leader holds every entry committed in an earlier term (leader completeness).
/// - **State-machine safety**: every node applies the same entry at the same index (equal hash chains).
/// - **Linearizable reads**: a ReadIndex read is served at an index at or after every write acknowledged before
///   the read began; an acknowledged write is committed.
struct InvariantChecker {
    private struct IndexTerm: Hashable {
        var index: LogIndex
        var term: Term
    }

    private struct EntryIdentity: Equatable {
        var fingerprint: UInt64
        var kind: Entry.Kind
        /// The term of the preceding entry, when it was known.
        var previousTerm: Term?
    }

    private var leaderByTerm: [Term: NodeID] = [:]
    private var entries: [IndexTerm: EntryIdentity] = [:]
    /// `committedTerms[i]` is the term of the committed entry at index `i` (index 0 unused).
    private var committedTerms: [Term] = [.zero]
    /// `commitObservedTerm[i]`: the lowest current term of any node that saw index `i` committed. The term in which
    /// index `i` was really committed is at most this, and the sequence never decreases.
    private var commitObservedTerm: [Term] = [.zero]
    /// `appliedHashes[i]`: the state-machine hash after applying index `i`.
    private var appliedHashes: [UInt64] = [ChainStateMachine().hash]
    private var appliedFingerprints: [UInt64: LogIndex] = [:]
    private var observedCommit: [NodeID: LogIndex] = [:]
    private var wasLeader: Set<NodeID> = []
    private(set) var now = 0

    var committedIndex: LogIndex { LogIndex(UInt64(committedTerms.count - 1)) }

    private func violation(_ property: String, _ detail: String) -> InvariantViolation {
        InvariantViolation(property: property, detail: detail, time: now)
    }

    mutating func setTime(_ time: Int) { now = time }

    /// Checks every running node's role and commit index. Called after every event.
    mutating func checkNodes(_ nodes: [SimulatedNode]) throws(InvariantViolation) {
        for node in nodes {
            guard let raft = node.raft else { continue }
            let soft = raft.softState
            let hard = raft.hardState
            if soft.role == .leader {
                if let other = leaderByTerm[hard.term], other != node.id {
                    throw violation("election safety", "nodes \(other) and \(node.id) both lead term \(hard.term)")
                }
                leaderByTerm[hard.term] = node.id
                if !wasLeader.contains(node.id) {
                    wasLeader.insert(node.id)
                    try checkLeaderCompleteness(node.id, raft: raft, term: hard.term)
                }
            } else {
                wasLeader.remove(node.id)
            }
            let seen = observedCommit[node.id] ?? .zero
            if hard.commit > seen {
                try observeCommit(node.id, raft: raft, from: seen + 1, through: hard.commit, term: hard.term)
                observedCommit[node.id] = hard.commit
            }
        }
    }

    /// Records and checks entries `from...through` as committed on `node`, whose current term is `term`.
    private mutating func observeCommit(
        _ node: NodeID, raft: RaftNode<MemoryStorage>, from: LogIndex, through: LogIndex, term: Term
    ) throws(InvariantViolation) {
        var index = max(from, raft.firstIndex - 1)
        while index <= through {
            guard let entryTerm = raft.term(at: index) else {
                throw violation(
                    "committed entries are permanent", "node \(node) commits \(through) but has no entry \(index)")
            }
            let position = Int(index.rawValue)
            if position < committedTerms.count {
                if committedTerms[position] != entryTerm {
                    throw violation(
                        "committed entries are permanent",
                        "node \(node) has term \(entryTerm) at committed index \(index), the cluster committed term \(committedTerms[position])"
                    )
                }
                if term < commitObservedTerm[position] { commitObservedTerm[position] = term }
            } else if position == committedTerms.count {
                committedTerms.append(entryTerm)
                commitObservedTerm.append(max(term, commitObservedTerm.last!))
            } else {
                // Every commit is observed as it happens, so no node can commit past an unobserved gap.
                throw violation(
                    "committed entries are permanent",
                    "node \(node) committed \(index) past the cluster's \(committedIndex)")
            }
            index = index + 1
        }
    }

    /// Raft §5.4.1: a leader of term `term` holds every entry committed in an earlier term.
    private func checkLeaderCompleteness(_ node: NodeID, raft: RaftNode<MemoryStorage>, term: Term)
        throws(InvariantViolation)
    {
        // The highest index certainly committed before `term`: observed terms never decrease, so binary search.
        var low = 0
        var high = commitObservedTerm.count
        while low < high {
            let middle = (low + high) / 2
            if commitObservedTerm[middle] < term { low = middle + 1 } else { high = middle }
        }
        let mustHold = low - 1
        guard mustHold > 0 else { return }
        let index = LogIndex(UInt64(mustHold))
        guard raft.lastIndex >= index else {
            throw violation(
                "leader completeness",
                "leader \(node) of term \(term) ends at \(raft.lastIndex), before committed \(index)")
        }
        if let found = raft.term(at: index), found != committedTerms[mustHold] {
            throw violation(
                "leader completeness",
                "leader \(node) of term \(term) has term \(found) at committed index \(index), expected \(committedTerms[mustHold])"
            )
        }
    }

    /// After a restart: the durable commit index points at durable entries equal to the committed ones.
    mutating func checkRestart(_ node: SimulatedNode) throws(InvariantViolation) {
        observedCommit[node.id] = .zero
        wasLeader.remove(node.id)
        guard let raft = node.raft else { return }
        let commit = raft.hardState.commit
        guard commit > raft.firstIndex - 1 else { return }
        let position = Int(commit.rawValue)
        if position < committedTerms.count, raft.term(at: commit) != committedTerms[position] {
            throw violation(
                "committed entries are permanent",
                "node \(node.id) restarted with a different entry at committed \(commit)")
        }
    }

    /// Log matching, on entries as they become durable on `node`.
    mutating func checkPersisted(_ ready: Ready, on node: SimulatedNode) throws(InvariantViolation) {
        if let snapshot = ready.snapshot {
            let position = Int(snapshot.metadata.index.rawValue)
            if position < committedTerms.count, committedTerms[position] != snapshot.metadata.term {
                throw violation(
                    "committed entries are permanent",
                    "snapshot at \(snapshot.metadata.index) has a different term than committed")
            }
        }
        var previousTerm: Term? = ready.entries.first.flatMap { node.storage.termIfPresent(at: $0.index - 1) }
        for entry in ready.entries {
            let identity = EntryIdentity(
                fingerprint: ChainStateMachine.fingerprint(entry.data), kind: entry.kind, previousTerm: previousTerm)
            let key = IndexTerm(index: entry.index, term: entry.term)
            if let known = entries[key] {
                let samePayload = known.fingerprint == identity.fingerprint && known.kind == identity.kind
                let samePrevious =
                    known.previousTerm == nil || identity.previousTerm == nil
                    || known.previousTerm == identity.previousTerm
                if !samePayload || !samePrevious {
                    throw violation(
                        "log matching", "node \(node.id) persisted a different entry \(entry.term)/\(entry.index)")
                }
            } else {
                entries[key] = identity
            }
            previousTerm = entry.term
        }
    }

    /// State-machine safety, after `node` applied `entry` and its state-machine hash is `hash`.
    mutating func checkApplied(_ entry: Entry, hash: UInt64, on node: NodeID) throws(InvariantViolation) {
        let position = Int(entry.index.rawValue)
        guard position < committedTerms.count, committedTerms[position] == entry.term else {
            throw violation(
                "state-machine safety", "node \(node) applied \(entry.term)/\(entry.index), not the committed entry")
        }
        if position < appliedHashes.count {
            if appliedHashes[position] != hash {
                throw violation("state-machine safety", "node \(node) diverged at applied index \(entry.index)")
            }
            return
        }
        guard position == appliedHashes.count else {
            throw violation(
                "state-machine safety", "node \(node) applied \(entry.index) with no record of \(appliedHashes.count)")
        }
        appliedHashes.append(hash)
        if entry.kind == .normal && !entry.data.isEmpty {
            let fingerprint = ChainStateMachine.fingerprint(entry.data)
            if let earlier = appliedFingerprints[fingerprint] {
                throw violation(
                    "exactly-once apply", "the payload applied at \(earlier) was applied again at \(entry.index)")
            }
            appliedFingerprints[fingerprint] = entry.index
        }
    }

    /// State-machine safety for a snapshot install: the restored state equals the state others had at that index.
    func checkRestored(index: LogIndex, hash: UInt64, on node: NodeID) throws(InvariantViolation) {
        let position = Int(index.rawValue)
        if position < appliedHashes.count, appliedHashes[position] != hash {
            throw violation(
                "state-machine safety", "node \(node) restored a snapshot at \(index) unlike the applied state")
        }
    }

    /// An acknowledged write must be committed at the index and term it was acknowledged with.
    func checkAcknowledged(index: LogIndex, term: Term) throws(InvariantViolation) {
        let position = Int(index.rawValue)
        guard position < committedTerms.count, committedTerms[position] == term else {
            throw violation("durability", "write acknowledged at \(term)/\(index) is not the committed entry")
        }
    }

    /// Linearizability of ReadIndex: served at or after every write acknowledged before the read began.
    func checkRead(_ state: ReadState, requiredIndex: LogIndex, on node: NodeID) throws(InvariantViolation) {
        guard state.index >= requiredIndex else {
            throw violation(
                "linearizable read",
                "read \(state.id) on node \(node) served at \(state.index), but a write acknowledged before it is at \(requiredIndex)"
            )
        }
    }
}

extension MemoryStorage {
    /// The term at `index`, or nil outside the stored range.
    func termIfPresent(at index: LogIndex) -> Term? { try? term(at: index) }
}
