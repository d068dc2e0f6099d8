/// Entries and a snapshot the core has accepted but the application has not yet reported durable.
///
/// Invariant: when `snapshot` is set, `offset == snapshot.metadata.index + 1`.
/// Invariant: `entries[i]` has index `offset + i`.
struct UnstableLog {
    /// A snapshot received from the leader and not yet persisted.
    private(set) var snapshot: Snapshot?
    /// Entries not yet persisted, starting at `offset`.
    private(set) var entries: [Entry] = []
    /// The index of `entries[0]`, or where the next unstable entry goes. Everything below is in storage.
    private(set) var offset: LogIndex

    init(offset: LogIndex) {
        self.offset = offset
    }

    /// The first index of the log if an unstable snapshot decides it.
    var firstIndexFromSnapshot: LogIndex? { snapshot.map { $0.metadata.index + 1 } }

    /// The last index of the log if the unstable part decides it.
    var lastIndex: LogIndex? {
        if !entries.isEmpty { return offset + UInt64(entries.count - 1) }
        return snapshot?.metadata.index
    }

    /// The term at `index` if the unstable part knows it.
    func term(at index: LogIndex) -> Term? {
        if index < offset {
            guard let snapshot, snapshot.metadata.index == index else { return nil }
            return snapshot.metadata.term
        }
        guard let last = lastIndex, index <= last else { return nil }
        return entries[index.distance(from: offset)].term
    }

    /// The entries in `lo..<hi`. Precondition: `offset <= lo <= hi <= offset + entries.count`.
    func slice(_ lo: LogIndex, _ hi: LogIndex) -> ArraySlice<Entry> {
        precondition(
            lo >= offset && lo <= hi && hi <= offset + UInt64(entries.count),
            "unstable slice [\(lo), \(hi)) out of bounds")
        return entries[lo.distance(from: offset)..<hi.distance(from: offset)]
    }

    /// Marks entries up to (`index`, `term`) durable. Ignored if that entry was meanwhile replaced (the term no
    /// longer matches), because the replacement is not durable yet.
    mutating func stableTo(index: LogIndex, term: Term) {
        guard index >= offset, let found = self.term(at: index), found == term else { return }
        entries.removeFirst(index.distance(from: offset) + 1)
        offset = index + 1
    }

    /// Marks the unstable snapshot durable, if it is the one at `index`.
    mutating func stableSnapshotTo(index: LogIndex) {
        if snapshot?.metadata.index == index { snapshot = nil }
    }

    /// Replaces everything with a snapshot received from the leader.
    mutating func restore(_ newSnapshot: Snapshot) {
        offset = newSnapshot.metadata.index + 1
        entries = []
        snapshot = newSnapshot
    }

    /// Appends `newEntries`, first truncating any unstable entry at or after the first new index.
    /// Precondition: `newEntries` is non-empty and contiguous.
    mutating func truncateAndAppend(_ newEntries: ArraySlice<Entry>) {
        let first = newEntries.first!.index
        if first == offset + UInt64(entries.count) {
            entries.append(contentsOf: newEntries)
        } else if first <= offset {
            // The new entries replace everything unstable; storage entries from `first` on are replaced too,
            // which the application does when it persists them.
            offset = first
            entries = Array(newEntries)
        } else {
            entries.removeSubrange(first.distance(from: offset)...)
            entries.append(contentsOf: newEntries)
        }
    }
}
