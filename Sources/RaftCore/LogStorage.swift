/// Read access to the durable log, as the core needs it. The application owns the writes.
///
/// **Contract.** The application writes to its storage what each ``Ready`` asks (snapshot, then entries, then hard
/// state) and only then calls ``RaftNode/advance(_:)``; the core reads through this protocol and never writes.
/// Every method is called from the single owner of the ``RaftNode``. Returned arrays are the caller's.
///
/// Errors: ``LogStorageError/compacted`` and ``LogStorageError/unavailable`` are expected answers that the core
/// handles (it sends a snapshot instead, or treats the index as unknown). Any other error makes the node
/// inoperable: the core stops with a precondition failure rather than continue on a log it cannot read, as
/// etcd-io/raft does (`storage.go`).
public protocol LogStorage {
    /// The hard state and membership that were durable when the node started.
    func initialState() throws(LogStorageError) -> (hardState: HardState, confState: ConfState)
    /// The index of the first entry still in the log: the snapshot's index + 1.
    func firstIndex() -> LogIndex
    /// The index of the last entry in the log, or the snapshot's index when the log is empty.
    func lastIndex() -> LogIndex
    /// The term of the entry at `index`, for `firstIndex() - 1 ... lastIndex()` (the snapshot's index answers the
    /// snapshot's term). Throws ``LogStorageError/compacted`` below that range and ``LogStorageError/unavailable``
    /// above it.
    func term(at index: LogIndex) throws(LogStorageError) -> Term
    /// The entries in `range`, stopping once `maxBytes` would be exceeded but always returning at least one entry
    /// when the range is not empty. Throws ``LogStorageError/compacted`` if `range.lowerBound < firstIndex()`.
    func entries(in range: Range<LogIndex>, maxBytes: Int) throws(LogStorageError) -> [Entry]
    /// The most recent snapshot. May throw ``LogStorageError/snapshotTemporarilyUnavailable`` while one is being
    /// made; the core then retries later.
    func snapshot() throws(LogStorageError) -> Snapshot
}

/// What a ``LogStorage`` read can answer instead of data.
public enum LogStorageError: Error, Hashable, Sendable {
    /// The requested index is at or below the snapshot: its entry is gone.
    case compacted
    /// The requested index is past the last entry.
    case unavailable
    /// No snapshot can be returned right now; ask again later.
    case snapshotTemporarilyUnavailable
    /// The storage failed (I/O error, corruption). Fatal to the node.
    case failure(String)
}
