/// The membership in force on this node and, on a leader, the progress of every member.
///
/// Invariant: `progress` has exactly one entry per member of `conf` (voters and learners).
struct ProgressTracker: Sendable {
    private(set) var conf: ConfState
    private(set) var progress: [NodeID: Progress] = [:]
    /// Votes received in the current (pre-)election.
    private(set) var votes: [NodeID: Bool] = [:]
    let maxInflight: Int
    let maxInflightBytes: Int

    init(conf: ConfState, nextIndex: LogIndex, maxInflight: Int, maxInflightBytes: Int) {
        self.conf = conf
        self.maxInflight = maxInflight
        self.maxInflightBytes = maxInflightBytes
        resetProgress(nextIndex: nextIndex)
    }

    /// Starts every member over: nothing known to match, next = `nextIndex`, probing.
    mutating func resetProgress(nextIndex: LogIndex) {
        progress = [:]
        for id in conf.members {
            progress[id] = newProgress(next: nextIndex, isLearner: conf.isLearner(id))
        }
    }

    private func newProgress(next: LogIndex, isLearner: Bool) -> Progress {
        Progress(next: next, maxInflight: maxInflight, maxInflightBytes: maxInflightBytes, isLearner: isLearner)
    }

    /// Switches to `newConf`, keeping the progress of members that stay and starting new ones at `nextIndex`.
    mutating func switchConf(to newConf: ConfState, nextIndex: LogIndex) {
        conf = newConf
        var updated: [NodeID: Progress] = [:]
        for id in newConf.members {
            var entry = progress[id] ?? newProgress(next: nextIndex, isLearner: false)
            entry.isLearner = newConf.isLearner(id)
            updated[id] = entry
        }
        progress = updated
        votes = votes.filter { newConf.isVoter($0.key) }
    }

    /// Mutates one member's progress. Returns nil (and does nothing) if `id` is not a member.
    @discardableResult
    mutating func update<R>(_ id: NodeID, _ body: (inout Progress) -> R) -> R? {
        guard progress[id] != nil else { return nil }
        return body(&progress[id]!)
    }

    /// The highest index durable on a quorum of voters (not yet checked against the term rule).
    func quorumMatch() -> LogIndex {
        Quorum.committedIndex(conf.voters.map { progress[$0]!.match })
    }

    /// CheckQuorum: whether a quorum of voters (counting `selfID`) was heard from recently.
    func isQuorumActive(selfID: NodeID) -> Bool {
        let active = conf.voters.filter { $0 == selfID || progress[$0]!.recentActive }.count
        return active >= Quorum.size(voterCount: conf.voters.count)
    }

    /// Clears `recentActive` for everyone but `selfID`, starting a new CheckQuorum round.
    mutating func resetRecentActive(selfID: NodeID) {
        for id in conf.members {
            progress[id]!.recentActive = id == selfID
        }
    }

    mutating func resetVotes() { votes = [:] }

    /// Records `id`'s vote (the first answer counts) and returns the election's outcome so far.
    mutating func recordVote(from id: NodeID, granted: Bool) -> Quorum.VoteResult {
        if votes[id] == nil { votes[id] = granted }
        return Quorum.voteResult(voters: conf.voters, votes: votes)
    }
}
