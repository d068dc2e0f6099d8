/// Linearizable reads by ReadIndex (Raft thesis §6.4): the leader records its commit index, confirms with a
/// heartbeat round that it is still the leader, and the read is served once that index is applied.
extension Raft {
    /// Starts a read on this node: served by the leader, forwarded to it by a follower.
    mutating func requestRead(_ readID: ReadRequestID) -> ReadOutcome {
        if role == .leader { return handleReadRequest(readID, from: id) }
        guard leader != .none else { return .notLeader(hint: .none) }
        send(.readIndex(readID), to: leader)
        return .pending
    }

    /// The leader's side of a read, for itself or a follower.
    mutating func handleReadRequest(_ readID: ReadRequestID, from requester: NodeID) -> ReadOutcome {
        precondition(role == .leader, "only the leader serves ReadIndex")
        // Until the leader commits an entry of its term it does not know the latest commit index (§6.4 step 1).
        guard log.term(at: log.committed) == term else {
            guard readsAwaitingCommit.count < config.maxPendingReads else { return .dropped }
            readsAwaitingCommit.append((readID, requester))
            return .pending
        }
        if tracker.conf.voters == [id] {
            // A single voter is its own quorum.
            respondToRead(readID, requester: requester, index: log.committed)
            return .pending
        }
        guard !readQueue.isFull else { return .dropped }
        _ = readQueue.add(id: readID, requester: requester, index: log.committed)
        broadcastHeartbeat()
        return .pending
    }

    mutating func respondToRead(_ readID: ReadRequestID, requester: NodeID, index: LogIndex) {
        if requester == id {
            readStates.append(ReadState(id: readID, index: index))
        } else {
            send(.readIndexResponse(ReadIndexResponse(id: readID, index: index)), to: requester)
        }
    }

    /// The first entry of the term is committed: reads that waited for it start now.
    mutating func releaseReadsAwaitingCommit() {
        let waiting = readsAwaitingCommit
        readsAwaitingCommit = []
        for read in waiting {
            _ = handleReadRequest(read.id, from: read.requester)
        }
    }
}
