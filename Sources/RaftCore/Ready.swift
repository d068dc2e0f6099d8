/// Work the application must do for the core, in order. Obtain it with ``RaftNode/ready()`` and acknowledge it
/// with ``RaftNode/advance(_:)``; do not call `ready()` again before `advance`.
///
/// **Order and durability.** For one `Ready`:
/// 1. Persist `snapshot`, then `entries`, then `hardState`, in that order. A crash may keep any prefix of that
///    sequence, never a later part without an earlier one (a commit index must never point past durable
///    entries). If `mustSync` is true they must be fsynced before step 2.
/// 2. Only then send `messages`. Every message may depend on the durability of step 1: a vote response on the
///    vote, an append response on the entries, and this node counts itself toward commit only after `advance`.
///    Messages to one peer must be delivered in order or dropped; they may be lost.
/// 3. Restore the state machine from `snapshot` if there is one, then apply `committedEntries` in order. They
///    are committed on a quorum of durable logs (Raft §5.4.2). Entries of kind ``Entry/Kind/configChange`` are
///    applied by the core itself during `advance`; the state machine only records their index as applied.
/// 4. Serve each of `readStates` once the state machine has applied up to its index.
/// 5. Call ``RaftNode/advance(_:)`` with this value.
public struct Ready: Sendable {
    /// Changed leader or role, if any. Informational; never persisted.
    public var softState: SoftState?
    /// The hard state to persist, if it changed.
    public var hardState: HardState?
    /// A snapshot received from the leader, to persist and restore.
    public var snapshot: Snapshot?
    /// Entries to append to the durable log, replacing any existing entries from the first one's index on.
    public var entries: [Entry]
    /// Committed entries to apply, in index order.
    public var committedEntries: [Entry]
    /// Messages to send after step 1 is durable.
    public var messages: [Message]
    /// Confirmed linearizable reads.
    public var readStates: [ReadState]
    /// Whether step 1 must reach stable storage (fsync) before step 2: true when entries, a snapshot, the term or
    /// the vote changed. A commit-index-only change may be written lazily.
    public var mustSync: Bool

    /// Whether there is anything to do.
    public var isEmpty: Bool {
        softState == nil && hardState == nil && snapshot == nil && entries.isEmpty && committedEntries.isEmpty
            && messages.isEmpty && readStates.isEmpty
    }
}

/// A confirmed linearizable read: the read `id` is served once the state machine has applied `index`.
///
/// Guarantee: every write acknowledged before the read was requested has an index `<= index`.
public struct ReadState: Hashable, Sendable {
    public var id: ReadRequestID
    public var index: LogIndex

    public init(id: ReadRequestID, index: LogIndex) {
        self.id = id
        self.index = index
    }
}
