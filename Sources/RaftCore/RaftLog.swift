/// The node's view of the replicated log: durable entries in ``LogStorage`` followed by the ``UnstableLog``.
///
/// Invariant: `applied <= applying <= committed <= lastIndex()`.
/// Invariant: `committed` never decreases (Raft §5.4: a committed entry is never undone).
struct RaftLog<Storage: LogStorage> {
    let storage: Storage
    var unstable: UnstableLog
    /// The highest index known committed on a quorum.
    private(set) var committed: LogIndex
    /// The highest index handed to the application in a ``Ready`` (it may not be applied yet).
    private(set) var applying: LogIndex
    /// The highest index the application reported applied (through ``RaftNode/advance(_:)``).
    private(set) var applied: LogIndex
    /// The most committed-entry bytes handed out in one ``Ready``.
    let maxApplyBytes: Int

    init(storage: Storage, maxApplyBytes: Int) {
        self.storage = storage
        self.maxApplyBytes = maxApplyBytes
        let first = storage.firstIndex()
        unstable = UnstableLog(offset: storage.lastIndex() + 1)
        // Everything up to the snapshot is applied; entries after it are handed out again after a restart and the
        // application skips those it has already applied (it stores its applied index).
        committed = first - 1
        applying = first - 1
        applied = first - 1
    }

    func firstIndex() -> LogIndex { unstable.firstIndexFromSnapshot ?? storage.firstIndex() }
    func lastIndex() -> LogIndex { unstable.lastIndex ?? storage.lastIndex() }
    func lastTerm() -> Term {
        guard let term = term(at: lastIndex()) else {
            preconditionFailure("the last entry's term must be known")
        }
        return term
    }

    /// The index below which the log is durable and matches this node's view: everything under `unstable.offset`
    /// unless a snapshot is still waiting to be persisted.
    var stableLastIndex: LogIndex? { unstable.snapshot == nil ? unstable.offset - 1 : nil }

    /// The term of the entry at `index`, or nil if it is compacted away or past the end.
    func term(at index: LogIndex) -> Term? {
        let dummy = firstIndex() - 1
        guard index >= dummy, index <= lastIndex() else { return nil }
        if let term = unstable.term(at: index) { return term }
        do {
            return try storage.term(at: index)
        } catch .compacted, .unavailable {
            return nil
        } catch {
            preconditionFailure("storage failed reading the term at \(index): \(error)")
        }
    }

    func matchTerm(_ index: LogIndex, _ term: Term) -> Bool { self.term(at: index) == term }

    /// Raft §5.4.1: a candidate's log is at least as up to date as ours if its last term is higher, or equal with
    /// an index at least as high.
    func isUpToDate(lastIndex candidateIndex: LogIndex, lastTerm candidateTerm: Term) -> Bool {
        let ourTerm = lastTerm()
        return candidateTerm > ourTerm || (candidateTerm == ourTerm && candidateIndex >= lastIndex())
    }

    /// Why an append could not be accepted: the entry at `prevIndex` is missing or has another term.
    enum AppendRefusal: Error {
        case prevMismatch
    }

    /// Appends entries after (`prevIndex`, `prevTerm`) if that entry matches (Raft §5.3), truncating a
    /// conflicting suffix. Returns the last index known to match the leader.
    mutating func maybeAppend(
        prevIndex: LogIndex, prevTerm: Term, commit: LogIndex, entries: [Entry]
    ) -> Result<LogIndex, AppendRefusal> {
        guard matchTerm(prevIndex, prevTerm) else { return .failure(.prevMismatch) }
        let lastNew = prevIndex + UInt64(entries.count)
        if let conflict = firstConflict(in: entries) {
            // Callers pass prevIndex >= committed, so a conflict is above the commit index; `append` asserts it.
            let start = conflict.distance(from: prevIndex + 1)
            append(entries[start...])
        }
        self.commit(to: min(commit, lastNew))
        return .success(lastNew)
    }

    /// The index of the first entry whose term differs from ours (or that we lack), if any.
    private func firstConflict(in entries: [Entry]) -> LogIndex? {
        for entry in entries where !matchTerm(entry.index, entry.term) {
            return entry.index
        }
        return nil
    }

    /// The largest index `<= index` whose term is `<= term`, with that term: where a leader whose entry at
    /// `index` has `term` can resume probing (etcd-io/raft `findConflictByTerm`).
    func findConflictByTerm(index: LogIndex, term: Term) -> (index: LogIndex, term: Term) {
        var probe = index
        while true {
            guard let found = self.term(at: probe) else { return (probe, .zero) }
            if found <= term { return (probe, found) }
            probe = probe - 1
        }
    }

    /// Appends entries on the leader or from a leader. Precondition: they do not replace a committed entry.
    @discardableResult
    mutating func append(_ entries: ArraySlice<Entry>) -> LogIndex {
        guard let first = entries.first else { return lastIndex() }
        precondition(first.index > committed, "appending \(first.index) would overwrite committed \(committed)")
        unstable.truncateAndAppend(entries)
        return lastIndex()
    }

    /// Entries not yet durable, to be persisted from the next ``Ready``.
    var unstableEntries: [Entry] { Array(unstable.entries) }

    /// Advances the commit index. Precondition: `index <= lastIndex()`; a lower index is ignored.
    mutating func commit(to index: LogIndex) {
        guard index > committed else { return }
        precondition(index <= lastIndex(), "commit \(index) is past the last index \(lastIndex())")
        committed = index
    }

    /// Raft §5.4.2: commit `index` only if its entry is from `term` (the leader's current term).
    mutating func maybeCommit(index: LogIndex, term: Term, ignoringTerm: Bool = false) -> Bool {
        guard index > committed else { return false }
        guard ignoringTerm || self.term(at: index) == term else { return false }
        commit(to: index)
        return true
    }

    /// Whether committed entries wait to be handed to the application (not while a snapshot is unstable).
    var hasNextCommittedEntries: Bool { unstable.snapshot == nil && committed > applying }

    /// The next committed entries to apply, at most `maxApplyBytes` (but at least one).
    func nextCommittedEntries() -> [Entry] {
        guard hasNextCommittedEntries else { return [] }
        return entries(from: applying + 1, to: committed + 1, maxBytes: maxApplyBytes)
    }

    /// Records that committed entries up to `index` were handed out.
    mutating func accept(applying index: LogIndex) {
        precondition(index <= committed, "applying \(index) past committed \(committed)")
        applying = max(applying, index)
    }

    /// Records that the application applied everything up to `index`.
    mutating func applied(to index: LogIndex) {
        guard index > applied else { return }
        precondition(index <= committed, "applied \(index) past committed \(committed)")
        applied = index
        applying = max(applying, index)
    }

    /// The entries in `lo..<hi` across storage and the unstable part, limited to `maxBytes` (at least one).
    /// Precondition: `lo` is not compacted away.
    func entries(from lo: LogIndex, to hi: LogIndex, maxBytes: Int) -> [Entry] {
        guard let result = entriesIfAvailable(from: lo, to: hi, maxBytes: maxBytes) else {
            preconditionFailure("entries [\(lo), \(hi)) requested below the first index \(firstIndex())")
        }
        return result
    }

    /// As ``entries(from:to:maxBytes:)``, but nil when `lo` is compacted (the caller sends a snapshot instead).
    func entriesIfAvailable(from lo: LogIndex, to hi: LogIndex, maxBytes: Int) -> [Entry]? {
        guard lo >= firstIndex() else { return nil }
        precondition(hi <= lastIndex() + 1, "entries up to \(hi) requested past the last index \(lastIndex())")
        guard lo < hi else { return [] }
        var result: [Entry] = []
        if lo < unstable.offset {
            let storedHi = min(hi, unstable.offset)
            do {
                result = try storage.entries(in: lo..<storedHi, maxBytes: maxBytes)
            } catch .compacted {
                return nil
            } catch {
                preconditionFailure("storage failed reading entries [\(lo), \(storedHi)): \(error)")
            }
            // Storage stopped early because of the byte limit: the unstable part would exceed it too.
            if result.count < storedHi.distance(from: lo) { return result }
        }
        if hi > unstable.offset {
            var bytes = result.byteCount
            for entry in unstable.slice(max(lo, unstable.offset), hi) {
                bytes += entry.byteCount
                if !result.isEmpty && bytes > maxBytes { break }
                result.append(entry)
            }
        }
        return result
    }

    /// The latest snapshot: the unstable one if present, else storage's.
    func snapshot() throws(LogStorageError) -> Snapshot {
        if let snapshot = unstable.snapshot { return snapshot }
        return try storage.snapshot()
    }

    /// Replaces the log with a snapshot from the leader. Precondition: it is newer than the commit index.
    mutating func restore(_ snapshot: Snapshot) {
        precondition(
            snapshot.metadata.index > committed,
            "restoring snapshot \(snapshot.metadata.index) at or below commit \(committed)")
        committed = snapshot.metadata.index
        unstable.restore(snapshot)
    }

    /// Marks a persisted snapshot applied: the application restored its state from it.
    mutating func snapshotApplied(at index: LogIndex) {
        unstable.stableSnapshotTo(index: index)
        if index > applied {
            applied = index
            applying = max(applying, index)
        }
    }
}
