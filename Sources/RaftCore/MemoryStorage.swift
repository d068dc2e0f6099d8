/// An in-memory ``LogStorage`` with the write operations an application needs: the storage of tests and of the
/// simulator, and the model the durable `RaftStorage` is checked against.
///
/// Invariant: `entries[0]` is a placeholder carrying the snapshot's index and term, so `entries[i]` holds log index
/// `snapshotIndex + i` and every index from the snapshot to the last entry has a term.
///
/// Not thread-safe: it has one owner, the task that owns the ``RaftNode`` reading it.
public final class MemoryStorage: LogStorage {
    public private(set) var hardState: HardState
    public private(set) var currentSnapshot: Snapshot
    private var entries: [Entry]

    /// An empty log: a node that will join an existing cluster.
    public init() {
        hardState = .empty
        currentSnapshot = .empty
        entries = [Entry(term: .zero, index: .zero)]
    }

    /// The log of a founding member of a new cluster of `voters` (see ``Bootstrap``).
    public convenience init(bootstrapVoters voters: [NodeID]) {
        self.init()
        let initial = Bootstrap.initialLog(voters: voters)
        append(initial.entries)
        hardState = initial.hardState
    }

    private var offset: LogIndex { entries[0].index }

    public func initialState() -> (hardState: HardState, confState: ConfState) {
        (hardState, currentSnapshot.metadata.confState)
    }

    public func firstIndex() -> LogIndex { offset + 1 }
    public func lastIndex() -> LogIndex { offset + UInt64(entries.count - 1) }

    public func term(at index: LogIndex) throws(LogStorageError) -> Term {
        guard index >= offset else { throw .compacted }
        guard index <= lastIndex() else { throw .unavailable }
        return entries[index.distance(from: offset)].term
    }

    public func entries(in range: Range<LogIndex>, maxBytes: Int) throws(LogStorageError) -> [Entry] {
        guard range.lowerBound > offset else { throw .compacted }
        guard range.upperBound <= lastIndex() + 1 else { throw .unavailable }
        guard !range.isEmpty else { return [] }
        let lo = range.lowerBound.distance(from: offset)
        let hi = range.upperBound.distance(from: offset)
        var end = lo + 1
        var bytes = entries[lo].byteCount
        while end < hi {
            bytes += entries[end].byteCount
            if bytes > maxBytes { break }
            end += 1
        }
        return Array(entries[lo..<end])
    }

    public func snapshot() -> Snapshot { currentSnapshot }

    /// Records the hard state a ``Ready`` asked to persist.
    public func setHardState(_ state: HardState) {
        hardState = state
    }

    /// Appends entries, replacing any existing entries from the first new index on (the conflicting suffix).
    /// Entries at or below the snapshot are ignored. Precondition: no gap after the current last entry.
    public func append(_ newEntries: [Entry]) {
        guard let first = newEntries.first else { return }
        precondition(first.index <= lastIndex() + 1, "gap in log: last \(lastIndex()), appending \(first.index)")
        var toAppend = newEntries[...]
        if first.index <= offset {
            // Already covered by the snapshot.
            toAppend = toAppend.drop { $0.index <= offset }
            guard !toAppend.isEmpty else { return }
        }
        let keep = toAppend.first!.index.distance(from: offset)
        entries.removeSubrange(keep...)
        entries.append(contentsOf: toAppend)
    }

    /// Replaces the whole log with `snapshot` (a snapshot received from the leader).
    /// - Throws: ``LogStorageError/compacted`` if it is older than the current snapshot.
    public func applySnapshot(_ snapshot: Snapshot) throws(LogStorageError) {
        guard snapshot.metadata.index > currentSnapshot.metadata.index else { throw .compacted }
        currentSnapshot = snapshot
        entries = [Entry(term: snapshot.metadata.term, index: snapshot.metadata.index)]
    }

    /// Records the application's snapshot of its state at `index` and drops the log up to it.
    /// Precondition: `index` is in the log and past the current snapshot.
    public func createSnapshot(at index: LogIndex, confState: ConfState, data: [UInt8]) throws(LogStorageError) {
        guard index > offset else { throw .compacted }
        precondition(index <= lastIndex(), "snapshot index \(index) past last index \(lastIndex())")
        let term = entries[index.distance(from: offset)].term
        currentSnapshot = Snapshot(
            metadata: SnapshotMetadata(index: index, term: term, confState: confState), data: data)
        compact(through: index)
    }

    /// Drops entries up to and including `index`, keeping it as the placeholder. Precondition: `index <= lastIndex()`.
    public func compact(through index: LogIndex) {
        guard index > offset else { return }
        precondition(index <= lastIndex(), "compact \(index) past last index \(lastIndex())")
        let drop = index.distance(from: offset)
        let placeholder = Entry(term: entries[drop].term, index: index)
        entries.removeSubrange(0...drop)
        entries.insert(placeholder, at: 0)
    }
}
