/// The role a node plays in its current term.
public enum Role: String, Sendable, CustomStringConvertible {
    case follower
    /// Running a PreVote round (Raft thesis §9.6): asking without raising its term.
    case preCandidate
    case candidate
    case leader

    public var description: String { rawValue }
}

/// Volatile state that an application may want to observe (leader, role). Never persisted.
public struct SoftState: Hashable, Sendable {
    public var leader: NodeID
    public var role: Role

    public init(leader: NodeID, role: Role) {
        self.leader = leader
        self.role = role
    }
}
