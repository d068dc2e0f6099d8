/// Majority arithmetic over a voter set (Raft §5.2, §5.3). The one place that decides what "a quorum" is.
enum Quorum {
    /// The number of votes that forms a majority of `voterCount`.
    static func size(voterCount: Int) -> Int { voterCount / 2 + 1 }

    /// The highest index held by a majority: the quorum-th largest of `matches`.
    /// Precondition: `matches` is not empty.
    static func committedIndex(_ matches: [LogIndex]) -> LogIndex {
        precondition(!matches.isEmpty, "no voters")
        let sorted = matches.sorted(by: >)
        return sorted[size(voterCount: matches.count) - 1]
    }

    /// The highest read round acknowledged by a majority (same rule as ``committedIndex(_:)``).
    static func acknowledgedRound(_ rounds: [UInt64]) -> UInt64 {
        precondition(!rounds.isEmpty, "no voters")
        let sorted = rounds.sorted(by: >)
        return sorted[size(voterCount: rounds.count) - 1]
    }

    /// The outcome of an election so far.
    enum VoteResult: Equatable {
        case won, lost, pending
    }

    /// Tallies `votes` (true = granted) among `voters`; missing voters have not answered.
    static func voteResult(voters: [NodeID], votes: [NodeID: Bool]) -> VoteResult {
        let needed = size(voterCount: voters.count)
        var granted = 0
        var rejected = 0
        for voter in voters {
            switch votes[voter] {
            case true?: granted += 1
            case false?: rejected += 1
            case nil: break
            }
        }
        if granted >= needed { return .won }
        if voters.count - rejected < needed { return .lost }
        return .pending
    }
}
