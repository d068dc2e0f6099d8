/// The settings of one Raft node. Every limit the core enforces is here (style guide: a limit on everything).
public struct RaftConfig: Sendable {
    /// This node's id. Must not be ``NodeID/none``.
    public var id: NodeID
    /// Ticks a follower waits without hearing from a leader before campaigning. The actual timeout is drawn
    /// from `[electionTimeoutTicks, 2 * electionTimeoutTicks)` on every reset (Raft §5.2, randomized timeouts).
    /// It is also the CheckQuorum period and the leadership-transfer timeout.
    public var electionTimeoutTicks: Int = 10
    /// Ticks between a leader's heartbeats. Must be less than `electionTimeoutTicks`.
    public var heartbeatTimeoutTicks: Int = 1
    /// The most entry bytes in one append message (at least one entry is always sent).
    public var maxAppendBytes: Int = 1 << 20
    /// The most append messages in flight to one follower in the replicate state.
    public var maxInflightAppends: Int = 256
    /// The most entry bytes in flight to one follower.
    public var maxInflightBytes: Int = 64 << 20
    /// The most uncommitted entry bytes a leader accepts; beyond it proposals are dropped (back-pressure).
    public var maxUncommittedBytes: Int = 256 << 20
    /// The most committed-entry bytes handed to the application in one ``Ready``.
    public var maxApplyBytesPerReady: Int = 64 << 20
    /// The most ReadIndex requests a leader holds unconfirmed.
    public var maxPendingReads: Int = 65_536
    /// Run a PreVote round before raising the term (thesis §9.6), so a rejoining node cannot disrupt.
    public var preVote: Bool = true
    /// A leader steps down when it has not heard from a quorum for an election timeout, and followers ignore
    /// vote requests while they have a live leader (the leader lease).
    public var checkQuorum: Bool = true
    /// Deliberate protocol bugs, for proving that the simulator's checkers can fail. Never set outside tests.
    package var injectedBugs: Set<InjectedBug> = []

    public init(id: NodeID) {
        self.id = id
    }

    /// Checks every field; the error names the field and what was expected.
    public func validate() throws(RaftConfigError) {
        guard id != .none else { throw RaftConfigError(field: "id", expected: "a non-zero node id") }
        guard heartbeatTimeoutTicks >= 1 else {
            throw RaftConfigError(field: "heartbeatTimeoutTicks", expected: "at least 1")
        }
        guard electionTimeoutTicks > heartbeatTimeoutTicks else {
            throw RaftConfigError(
                field: "electionTimeoutTicks", expected: "more than heartbeatTimeoutTicks (\(heartbeatTimeoutTicks))")
        }
        for (field, value) in [
            ("maxAppendBytes", maxAppendBytes), ("maxInflightAppends", maxInflightAppends),
            ("maxInflightBytes", maxInflightBytes), ("maxUncommittedBytes", maxUncommittedBytes),
            ("maxApplyBytesPerReady", maxApplyBytesPerReady), ("maxPendingReads", maxPendingReads),
        ] where value < 1 {
            throw RaftConfigError(field: field, expected: "a positive number")
        }
    }
}

/// A ``RaftConfig`` field with an unusable value.
public struct RaftConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var expected: String

    public var description: String { "raft config: \(field) must be \(expected)" }
}

/// Protocol bugs the core can be told to commit, so a test can show the simulator catches them.
package enum InjectedBug: Hashable, Sendable {
    /// Grant a vote to every candidate, even after voting for another in the same term (breaks Raft §5.2).
    case voteTwicePerTerm
    /// Commit an entry from an earlier term by counting replicas (breaks Raft §5.4.2, the Figure-8 rule).
    case commitOldTermEntries
}
