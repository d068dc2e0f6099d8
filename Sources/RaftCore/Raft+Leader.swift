/// The leader: proposals, replication with flow control, commit, and leadership transfer (Raft §5.3, §5.4).
extension Raft {
    // MARK: Proposals

    /// Appends application entries to the leader's log and starts replicating them.
    mutating func propose(_ payloads: [[UInt8]]) -> ProposalOutcome {
        if let refusal = proposalRefusal() { return refusal }
        guard !payloads.isEmpty else { return .dropped(.emptyBatch) }
        let bytes = payloads.reduce(0) { $0 + $1.count }
        if uncommittedBytes > 0 && uncommittedBytes + bytes > config.maxUncommittedBytes {
            return .dropped(.tooManyUncommittedBytes)
        }
        let indexes = appendEntries(payloads.map { (.normal, $0) })
        uncommittedBytes += bytes
        broadcastAppend()
        return .appended(term: term, indexes: indexes)
    }

    /// Appends a membership change. One change at a time: the previous one (and the leader's first entry of its
    /// term) must be applied first, and the change must be valid against the membership in force.
    mutating func proposeConfChange(_ change: ConfChange) -> ProposalOutcome {
        if let refusal = proposalRefusal() { return refusal }
        guard pendingConfIndex <= log.applied else { return .dropped(.configChangePending) }
        do {
            _ = try tracker.conf.applying(change)
        } catch {
            return .dropped(.invalidConfChange(error))
        }
        let indexes = appendEntries([(.configChange, change.encoded())])
        pendingConfIndex = indexes.upperBound
        broadcastAppend()
        return .appended(term: term, indexes: indexes)
    }

    /// Why no proposal can be accepted right now, or nil.
    private func proposalRefusal() -> ProposalOutcome? {
        guard role == .leader else { return .notLeader(hint: leader) }
        guard tracker.progress[id] != nil else { return .dropped(.leaderRemoved) }
        guard leadTransferee == .none else { return .dropped(.leadershipTransferInProgress) }
        return nil
    }

    /// Appends entries of the current term. The leader counts itself toward commit only once they are durable
    /// (see ``onPersisted()``), never before.
    @discardableResult
    mutating func appendEntries(_ items: [(kind: Entry.Kind, data: [UInt8])]) -> ClosedRange<LogIndex> {
        precondition(role == .leader, "only a leader appends its own entries")
        let first = log.lastIndex() + 1
        var entries: [Entry] = []
        entries.reserveCapacity(items.count)
        for (offset, item) in items.enumerated() {
            entries.append(Entry(term: term, index: first + UInt64(offset), kind: item.kind, data: item.data))
        }
        let last = log.append(entries[...])
        return first...last
    }

    /// Called once the application reported entries durable: the leader's own copy now counts.
    mutating func onPersisted() {
        guard role == .leader, let stable = log.stableLastIndex else { return }
        if tracker.update(id, { $0.maybeUpdate(stable) }) == true, maybeCommit() {
            broadcastAppend()
        }
    }

    // MARK: Replication

    mutating func broadcastAppend() {
        for member in tracker.conf.members where member != id {
            sendAppend(to: member)
        }
    }

    /// Sends the next append (or a snapshot, if the entries are compacted away) to `to`, unless its flow state
    /// is paused. Returns whether something was sent.
    @discardableResult
    mutating func sendAppend(to member: NodeID, sendIfEmpty: Bool = true) -> Bool {
        guard let progress = tracker.progress[member], !progress.isPaused else { return false }
        let prevIndex = progress.next - 1
        guard let prevTerm = log.term(at: prevIndex),
            let entries = log.entriesIfAvailable(
                from: progress.next, to: log.lastIndex() + 1, maxBytes: config.maxAppendBytes)
        else {
            return sendSnapshot(to: member)
        }
        if entries.isEmpty && !sendIfEmpty { return false }
        let last = entries.last?.index ?? prevIndex
        let bytes = entries.byteCount
        tracker.update(member) { $0.sentAppend(entryCount: entries.count, lastIndex: last, byteCount: bytes) }
        send(
            .append(AppendRequest(prevIndex: prevIndex, prevTerm: prevTerm, entries: entries, commit: log.committed)),
            to: member)
        return true
    }

    /// Raft §7: a follower behind the compacted log gets the snapshot instead.
    private mutating func sendSnapshot(to member: NodeID) -> Bool {
        guard tracker.progress[member]?.recentActive == true else { return false }
        let snapshot: Snapshot
        do {
            snapshot = try log.snapshot()
        } catch .snapshotTemporarilyUnavailable {
            return false
        } catch {
            preconditionFailure("storage failed reading the snapshot: \(error)")
        }
        precondition(!snapshot.isEmpty, "entries are compacted but there is no snapshot")
        tracker.update(member) { $0.becomeSnapshot(index: snapshot.metadata.index) }
        send(.snapshot(snapshot), to: member)
        return true
    }

    /// Heartbeats carry `min(commit, match)`, so a follower never learns a commit index past what it holds, and
    /// the latest read round, so they also confirm pending ReadIndex requests.
    mutating func broadcastHeartbeat() {
        for member in tracker.conf.members where member != id {
            let match = tracker.progress[member]!.match
            send(.heartbeat(Heartbeat(commit: min(match, log.committed), readRound: readQueue.round)), to: member)
        }
    }

    mutating func stepLeader(_ message: Message) -> StepOutcome {
        switch message.payload {
        case .appendResponse(let response):
            return handleAppendResponse(from: message.from, response)
        case .heartbeatResponse(let response):
            handleHeartbeatResponse(from: message.from, response)
            return .accepted
        default:
            return .ignored(.unexpected)
        }
    }

    private mutating func handleAppendResponse(from member: NodeID, _ response: AppendResponse) -> StepOutcome {
        guard tracker.progress[member] != nil else { return .ignored(.unknownSender) }
        tracker.update(member) { $0.recentActive = true }
        if response.reject {
            // Fast backtracking: jump to where the follower's hint says the logs may agree.
            var probe = response.rejectHint
            if response.rejectHintTerm > .zero {
                probe =
                    log.findConflictByTerm(
                        index: min(response.rejectHint, log.lastIndex()), term: response.rejectHintTerm
                    ).index
            }
            let decreased = tracker.update(member) { progress -> Bool in
                guard progress.maybeDecrease(rejected: response.index, hint: probe) else { return false }
                if progress.state == .replicate { progress.becomeProbe() }
                return true
            }
            if decreased == true { sendAppend(to: member) }
            return .accepted
        }
        let firstIndex = log.firstIndex()
        let (advanced, wasPaused) = tracker.update(member) { progress -> (Bool, Bool) in
            let wasPaused = progress.isPaused
            let updated = progress.maybeUpdate(response.index)
            guard updated || (progress.match == response.index && progress.state == .probe) else {
                return (false, wasPaused)
            }
            switch progress.state {
            case .probe:
                progress.becomeReplicate()
            case .snapshot where progress.match + 1 >= firstIndex:
                // The snapshot (or a later append) caught the follower up to the log we still hold.
                progress.becomeProbe()
                progress.becomeReplicate()
            case .snapshot:
                break
            case .replicate:
                progress.inflights.free(through: response.index)
            }
            return (true, wasPaused)
        }!
        guard advanced else { return .accepted }
        if maybeCommit() {
            broadcastAppend()
        } else if wasPaused {
            sendAppend(to: member)
        }
        while sendAppend(to: member, sendIfEmpty: false) {}
        if member == leadTransferee && tracker.progress[member]!.match == log.lastIndex() {
            send(.timeoutNow, to: member)
        }
        return .accepted
    }

    private mutating func handleHeartbeatResponse(from member: NodeID, _ response: HeartbeatResponse) {
        guard tracker.progress[member] != nil else { return }
        tracker.update(member) { progress in
            progress.recentActive = true
            progress.probeSent = false
            // Appends in a full window may have been lost (the follower restarted, say). Free one slot so an append
            // goes out; if the follower lacks what came before, it rejects and the leader falls back to probing.
            if progress.state == .replicate && progress.inflights.isFull { progress.inflights.freeFirst() }
        }
        if tracker.progress[member]!.match < log.lastIndex() { sendAppend(to: member) }
        for read in readQueue.acknowledge(
            from: member, round: response.readRound, voters: tracker.conf.voters, leader: id)
        {
            respondToRead(read.id, requester: read.requester, index: read.index)
        }
    }

    /// Raft §5.4.2: the commit index moves to the highest index durable on a quorum *only if* that entry is from
    /// the current term; earlier entries are committed indirectly by it (Figure 8).
    mutating func maybeCommit() -> Bool {
        let wasTermCommitted = log.term(at: log.committed) == term
        let candidate = tracker.quorumMatch()
        guard log.maybeCommit(index: candidate, term: term, ignoringTerm: bugEnabled(.commitOldTermEntries)) else {
            return false
        }
        if !wasTermCommitted && log.term(at: log.committed) == term {
            releaseReadsAwaitingCommit()
        }
        return true
    }

    // MARK: Leadership transfer (thesis §3.10)

    mutating func handleTransferLeadership(to target: NodeID) -> TransferOutcome {
        guard tracker.conf.isVoter(target), target != id else { return .rejected }
        if leadTransferee == target { return .started }
        electionElapsed = 0  // The transfer times out after one election timeout.
        leadTransferee = target
        if tracker.progress[target]!.match == log.lastIndex() {
            send(.timeoutNow, to: target)
        } else {
            sendAppend(to: target)
        }
        return .started
    }

    /// The application could not deliver a snapshot: go back to probing.
    mutating func reportSnapshot(to member: NodeID, succeeded: Bool) {
        guard role == .leader else { return }
        tracker.update(member) { progress in
            guard progress.state == .snapshot else { return }
            if !succeeded { progress.pendingSnapshot = .zero }
            progress.becomeProbe()
            // Wait for a heartbeat answer before probing again.
            progress.probeSent = true
        }
    }

    /// The application could not reach `member`: stop streaming optimistically to it.
    mutating func reportUnreachable(_ member: NodeID) {
        guard role == .leader else { return }
        tracker.update(member) { progress in
            if progress.state == .replicate { progress.becomeProbe() }
        }
    }
}
