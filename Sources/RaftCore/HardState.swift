/// The part of a node's Raft state that must survive a crash (Raft §5, Figure 2 "Persistent state").
///
/// It is persisted before any message of the same ``Ready`` is sent: a vote or term that was not durable
/// could be cast twice after a restart.
public struct HardState: Hashable, Sendable {
    /// The latest term this node has seen.
    public var term: Term
    /// The candidate this node voted for in `term`, or ``NodeID/none``.
    public var vote: NodeID
    /// The highest index known committed. Persisting it is an optimisation (it can be re-learnt), but it must
    /// never point past the entries durable in the same or an earlier write.
    public var commit: LogIndex

    public init(term: Term = .zero, vote: NodeID = .none, commit: LogIndex = .zero) {
        self.term = term
        self.vote = vote
        self.commit = commit
    }

    public static let empty = HardState()
    public var isEmpty: Bool { self == .empty }
}
