/// The result of proposing entries. Protocol outcomes are values, not errors (style guide §4).
public enum ProposalOutcome: Hashable, Sendable {
    /// Appended to the leader's log at `indexes` in `term`. It is committed (and acknowledgeable) only once an
    /// entry with this index *and this term* is applied; a different term at that index means it was lost.
    case appended(term: Term, indexes: ClosedRange<LogIndex>)
    /// This node is not the leader; `hint` is the leader it knows of, or ``NodeID/none``.
    case notLeader(hint: NodeID)
    /// The leader refused it; nothing was appended.
    case dropped(ProposalDropReason)
}

/// Why a leader refused a proposal.
public enum ProposalDropReason: Hashable, Sendable {
    case leadershipTransferInProgress
    /// A membership change is not yet applied (or the leader has not yet applied its first entry).
    case configChangePending
    case invalidConfChange(ConfChangeError)
    case tooManyUncommittedBytes
    /// The leader has removed itself from the membership.
    case leaderRemoved
    case emptyBatch
}

/// The result of starting a linearizable read.
public enum ReadOutcome: Hashable, Sendable {
    /// The read is under way; a ``ReadState`` with its id appears in a later ``Ready`` if leadership is
    /// confirmed. If leadership is lost first the read is dropped silently and the caller times out.
    case pending
    /// No leader is known to serve the read.
    case notLeader(hint: NodeID)
    /// The leader has too many reads waiting.
    case dropped
}

/// The result of asking for a leadership transfer.
public enum TransferOutcome: Hashable, Sendable {
    /// This leader is transferring; proposals are refused until it completes or times out.
    case started
    /// Sent to the known leader.
    case forwarded(to: NodeID)
    case notLeader
    /// The target is not a voter, or is already the leader.
    case rejected
}

/// What happened to an inbound message.
public enum StepOutcome: Hashable, Sendable {
    case accepted
    case ignored(IgnoreReason)
}

/// Why an inbound message was ignored. The node's state is unchanged in every case.
public enum IgnoreReason: Hashable, Sendable {
    case wrongRecipient
    case invalidSender
    /// The sender is not in this node's configuration and the message is not one a leader sends.
    case unknownSender
    /// The message is from an older term.
    case staleTerm
    /// A vote request arrived while this node still hears from its leader (CheckQuorum lease).
    case leaderLease
    /// The message does not fit this node's role (e.g. a vote response to a follower).
    case unexpected
    /// Fields contradict each other or this node's log (out-of-range index, non-contiguous entries, ...).
    case malformed(String)
}
