/// The follower: accepting the leader's log, commit index and snapshots (Raft §5.3, §7).
extension Raft {
    mutating func stepFollower(_ message: Message) -> StepOutcome {
        switch message.payload {
        case .append(let request):
            electionElapsed = 0
            leader = message.from
            return handleAppend(from: message.from, request)
        case .heartbeat(let heartbeat):
            electionElapsed = 0
            leader = message.from
            return handleHeartbeat(from: message.from, heartbeat)
        case .snapshot(let snapshot):
            electionElapsed = 0
            leader = message.from
            handleSnapshot(from: message.from, snapshot)
            return .accepted
        case .timeoutNow:
            // The leader hands over: campaign at once, without PreVote and through the voters' lease.
            guard message.from == leader else { return .ignored(.unexpected) }
            hup(transfer: true)
            return .accepted
        case .readIndexResponse(let response):
            guard message.from == leader else { return .ignored(.unexpected) }
            readStates.append(ReadState(id: response.id, index: response.index))
            return .accepted
        default:
            return .ignored(.unexpected)
        }
    }

    /// Raft §5.3: accept entries only after a matching (prevIndex, prevTerm); otherwise reject with a hint.
    /// The response is sent only after the entries are durable (``Ready`` ordering).
    private mutating func handleAppend(from sender: NodeID, _ request: AppendRequest) -> StepOutcome {
        if request.prevIndex < log.committed {
            // Everything up to our commit index already matches the leader; tell it where we are.
            send(.appendResponse(AppendResponse(index: log.committed)), to: sender)
            return .accepted
        }
        switch log.maybeAppend(
            prevIndex: request.prevIndex, prevTerm: request.prevTerm, commit: request.commit, entries: request.entries)
        {
        case .success(let lastNew):
            send(.appendResponse(AppendResponse(index: lastNew)), to: sender)
            return .accepted
        case .failure(.prevMismatch):
            // Hint: our last entry at or before prevIndex whose term is at most prevTerm. The leader can skip every
            // index between there and prevIndex in one round trip.
            let hint = log.findConflictByTerm(index: min(request.prevIndex, log.lastIndex()), term: request.prevTerm)
            send(
                .appendResponse(
                    AppendResponse(
                        index: request.prevIndex, reject: true, rejectHint: hint.index, rejectHintTerm: hint.term)),
                to: sender)
            return .accepted
        }
    }

    private mutating func handleHeartbeat(from sender: NodeID, _ heartbeat: Heartbeat) -> StepOutcome {
        // `problemAgainstLog` already refused a commit index past our log (a leader sends min(commit, our match)).
        log.commit(to: heartbeat.commit)
        send(.heartbeatResponse(HeartbeatResponse(readRound: heartbeat.readRound)), to: sender)
        return .accepted
    }

    private mutating func handleSnapshot(from sender: NodeID, _ snapshot: Snapshot) {
        if restore(snapshot) {
            send(.appendResponse(AppendResponse(index: log.lastIndex())), to: sender)
        } else {
            send(.appendResponse(AppendResponse(index: log.committed)), to: sender)
        }
    }

    /// Installs a snapshot newer than our commit index. Returns false if it adds nothing: it is older than our
    /// commit index, or our log already holds its last entry (then only the commit index moves).
    private mutating func restore(_ snapshot: Snapshot) -> Bool {
        let index = snapshot.metadata.index
        guard index > log.committed else { return false }
        precondition(role == .follower, "only a follower restores a snapshot")
        if log.matchTerm(index, snapshot.metadata.term) {
            log.commit(to: index)
            return false
        }
        log.restore(snapshot)
        confIndex = snapshot.metadata.index
        tracker = ProgressTracker(
            conf: snapshot.metadata.confState, nextIndex: log.lastIndex() + 1,
            maxInflight: config.maxInflightAppends, maxInflightBytes: config.maxInflightBytes)
        return true
    }
}
