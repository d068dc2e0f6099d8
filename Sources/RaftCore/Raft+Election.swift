/// Elections: starting a campaign, granting votes, counting them (Raft §5.2, thesis §9.6 PreVote).
extension Raft {
    /// Starts an election if this node may: it is a voter, not the leader, and has applied every committed
    /// membership change (otherwise it might count votes against an outdated membership).
    /// - Parameter transfer: the election was asked for by the leader (TimeoutNow): skip PreVote and tell voters
    ///   to ignore their leader lease.
    mutating func hup(transfer: Bool) {
        guard role != .leader, isPromotable, !hasUnappliedConfChanges() else { return }
        campaign(preVote: config.preVote && !transfer, transfer: transfer)
    }

    mutating func campaign(preVote: Bool, transfer: Bool) {
        let campaignTerm: Term
        if preVote {
            becomePreCandidate()
            campaignTerm = term.next
        } else {
            becomeCandidate()
            campaignTerm = term
        }
        if tracker.recordVote(from: id, granted: true) == .won {
            // A single voter wins at once.
            if preVote { campaign(preVote: false, transfer: transfer) } else { becomeLeader() }
            return
        }
        let request = VoteRequest(
            isPreVote: preVote, lastIndex: log.lastIndex(), lastTerm: log.lastTerm(), isLeadershipTransfer: transfer)
        for voter in tracker.conf.voters where voter != id {
            send(.vote(request), to: voter, term: campaignTerm)
        }
    }

    /// Raft §5.2 and §5.4.1: grant at most one vote per term, and only to a candidate whose log is at least as
    /// up to date as ours. A PreVote is granted on the same log rule for any future term, without recording it.
    mutating func handleVoteRequest(from candidate: NodeID, term requestTerm: Term, _ request: VoteRequest)
        -> StepOutcome
    {
        let canVote =
            vote == candidate
            || (vote == .none && leader == .none)
            || (request.isPreVote && requestTerm > term)
            || (bugEnabled(.voteTwicePerTerm) && !request.isPreVote)
        if canVote && log.isUpToDate(lastIndex: request.lastIndex, lastTerm: request.lastTerm) {
            send(
                .voteResponse(VoteResponse(isPreVote: request.isPreVote, granted: true)), to: candidate,
                term: requestTerm)
            if !request.isPreVote {
                electionElapsed = 0
                vote = candidate
            }
        } else {
            send(.voteResponse(VoteResponse(isPreVote: request.isPreVote, granted: false)), to: candidate)
        }
        return .accepted
    }

    /// A (pre-)candidate counts votes, and yields to a leader of its term.
    mutating func stepCandidate(_ message: Message) -> StepOutcome {
        switch message.payload {
        case .voteResponse(let response):
            guard response.isPreVote == (role == .preCandidate) else { return .ignored(.unexpected) }
            switch tracker.recordVote(from: message.from, granted: response.granted) {
            case .won:
                if role == .preCandidate {
                    campaign(preVote: false, transfer: false)
                } else {
                    becomeLeader()
                    broadcastAppend()
                }
            case .lost:
                becomeFollower(term: term, leader: .none)
            case .pending:
                break
            }
            return .accepted
        case .append, .heartbeat, .snapshot:
            // Someone won this term: follow it.
            becomeFollower(term: message.term, leader: message.from)
            return stepFollower(message)
        default:
            return .ignored(.unexpected)
        }
    }

    /// Whether committed entries not yet applied contain a membership change.
    func hasUnappliedConfChanges() -> Bool {
        if log.unstable.snapshot != nil { return true }
        var next = max(max(log.applied, confIndex) + 1, log.firstIndex())
        while next <= log.committed {
            let page = log.entries(from: next, to: log.committed + 1, maxBytes: config.maxApplyBytesPerReady)
            if page.contains(where: { $0.kind == .configChange }) { return true }
            next = page.last!.index + 1
        }
        return false
    }
}
