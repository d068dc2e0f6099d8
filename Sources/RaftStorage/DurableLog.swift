public import RaftCore
import Synchronization

/// The durable Raft log of one node: entries in checksummed segment files, the hard state in a two-slot file,
/// and snapshots in atomically written files, all under one directory.
///
/// **Guarantees.**
/// - ``append(_:)`` returns only once the entries are on stable storage (fdatasync). Concurrent appends are
///   group-committed: one fsync covers every append that arrived while the previous fsync was in flight.
/// - ``saveHardState(_:sync:)`` with `sync` returns once the hard state is durable; a torn write never loses a
///   state that was durable before it (see `HardStateFile`).
/// - Snapshots are durable and complete before they replace anything; superseded ones are removed afterwards.
/// - ``open(directory:options:)`` cuts a torn tail (a crash during the last write) back to the last whole entry,
///   and refuses damage anywhere else with ``StorageError/corrupted(file:offset:reason:)``. Reads verify
///   checksums again; damaged bytes are never returned as entries.
/// - A write that fails (disk full) leaves the log as it was: nothing of it is reported durable, and a later
///   append of the same entries succeeds once there is space.
///
/// **Use.** Reads (the ``LogStorage`` methods) come from the node's single owner. Writes may come from any task;
/// they are applied in submission order, by whichever waiting caller is flushing (see `LogWriter`). Follow the
/// ``Ready`` order with ``persist(_:)``.
public final class DurableLog: LogStorage, Sendable {
    /// Tunables.
    public struct Options: Sendable {
        /// A segment is sealed and a new one started once it reaches this size.
        public var segmentBytes = 64 << 20

        public init() {}
    }

    public let directory: String
    let options: Options
    let state: Mutex<LogState>
    let writer: LogWriter
    private let lockDescriptor: Int32

    init(directory: String, options: Options, state: sending LogState, lockDescriptor: Int32) {
        self.directory = directory
        self.options = options
        self.state = Mutex(state)
        self.lockDescriptor = lockDescriptor
        self.writer = LogWriter()
    }

    var logDirectory: String { directory + "/log" }
    var snapshotDirectory: String { directory + "/snapshots" }

    // MARK: LogStorage (reads)

    public func initialState() throws(LogStorageError) -> (hardState: HardState, confState: ConfState) {
        state.withLock { ($0.hardState.current, $0.snapshot.metadata.confState) }
    }

    public func firstIndex() -> LogIndex { state.withLock { $0.firstIndex } }
    public func lastIndex() -> LogIndex { state.withLock { $0.lastIndex } }

    public func term(at index: LogIndex) throws(LogStorageError) -> Term {
        try state.withLock { (state) throws(LogStorageError) -> Term in try state.term(at: index) }
    }

    public func entries(in range: Range<LogIndex>, maxBytes: Int) throws(LogStorageError) -> [Entry] {
        try state.withLock { (state) throws(LogStorageError) -> [Entry] in
            try state.entries(in: range, maxBytes: maxBytes)
        }
    }

    /// The current snapshot, read from its file: only its metadata is kept in memory, since a snapshot is as large
    /// as the application's state and its bytes are needed only to catch up a follower or to restore at start.
    /// If a newer snapshot superseded the file meanwhile, that newer one (also committed state) is returned.
    /// - Throws: ``LogStorageError/snapshotTemporarilyUnavailable`` if no file can be read right now.
    public func snapshot() throws(LogStorageError) -> Snapshot {
        let current = state.withLock { $0.snapshot }
        guard !current.isEmpty else { return current }
        do {
            return try SnapshotStore(directory: snapshotDirectory).load(atLeast: current.metadata)
        } catch {
            throw .snapshotTemporarilyUnavailable
        }
    }

    /// The current snapshot's index, term and configuration, without reading its data.
    public var snapshotMetadata: SnapshotMetadata { state.withLock { $0.snapshot.metadata } }

    /// The hard state last saved.
    public var hardState: HardState { state.withLock { $0.hardState.current } }

    // MARK: Writes

    /// Appends entries durably. An entry at an index already in the log replaces it and everything after it.
    /// - Throws: ``StorageError/invalidRequest(_:)`` for a gap or non-contiguous entries;
    ///   ``StorageError/diskFull(file:)`` when out of space (nothing was made durable); other I/O errors.
    public func append(_ entries: [Entry]) async throws(StorageError) {
        guard !entries.isEmpty else { return }
        try await beginAppend(entries).wait()
    }

    /// Submits an append without waiting: appends run in the order of these calls, and the result tells when the
    /// entries are durable. Callers that share one log fix their order here, then wait concurrently, so one fsync
    /// covers them all. Checksums are computed here, on the caller's thread.
    /// - Throws: ``StorageError/invalidRequest(_:)`` for empty or non-contiguous entries.
    public func beginAppend(_ entries: [Entry]) throws(StorageError) -> PendingWrite {
        guard let first = entries.first else { throw .invalidRequest("no entries to append") }
        for (offset, entry) in entries.enumerated() where entry.index != first.index + UInt64(offset) {
            throw .invalidRequest("entries are not contiguous at \(entry.index)")
        }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(entries.reduce(0) { $0 + RecordFormat.recordBytes($1) })
        for entry in entries { RecordFormat.appendRecord(entry, to: &encoded) }
        return writer.submit(.append(entries: entries, encoded: encoded), log: self)
    }

    /// Replaces the log with a snapshot received from the leader (durable on return). If the log already holds
    /// the snapshot's last entry, the entries after it are kept; otherwise the whole log is discarded.
    public func installSnapshot(_ snapshot: Snapshot) async throws(StorageError) {
        guard !snapshot.isEmpty else { throw .invalidRequest("empty snapshot") }
        try await writer.submit(.installSnapshot(snapshot), log: self).wait()
    }

    /// Records the application's snapshot at `index` (an applied index in the log) and compacts the log up to it:
    /// whole segments at or below it are deleted. Durable on return.
    ///
    /// The snapshot file is written and fsynced on the caller's thread; only the switch to it (and the deletion of
    /// the segments it covers) goes through the writer, so appends are never queued behind a large snapshot write.
    /// A crash between the two leaves a snapshot file newer than the log's start, which recovery adopts.
    public func createSnapshot(at index: LogIndex, confState: ConfState, data: [UInt8]) async throws(StorageError) {
        let snapshot = try writeSnapshotFile(at: index, confState: confState, data: data)
        try await writer.submit(.createSnapshot(snapshot), log: self).wait()
    }

    /// ``createSnapshot(at:confState:data:)`` for a caller on a dedicated thread: blocks it until durable.
    public func createSnapshotBlocking(at index: LogIndex, confState: ConfState, data: [UInt8]) throws(StorageError) {
        let snapshot = try writeSnapshotFile(at: index, confState: confState, data: data)
        try writer.submit(.createSnapshot(snapshot), log: self).waitBlocking()
    }

    /// Checks that `index` is after the current snapshot and in the log, then writes the snapshot file durably.
    private func writeSnapshotFile(at index: LogIndex, confState: ConfState, data: [UInt8]) throws(StorageError)
        -> Snapshot
    {
        let term = try state.withLock { (state) throws(StorageError) -> Term in
            guard index > state.snapshot.metadata.index else {
                throw .invalidRequest("snapshot at \(index) is not after the current one")
            }
            guard let term = state.storedTerm(at: index) else {
                throw .invalidRequest("snapshot at \(index) is past the last index \(state.lastIndex)")
            }
            return term
        }
        let snapshot = Snapshot(metadata: SnapshotMetadata(index: index, term: term, confState: confState), data: data)
        try SnapshotStore(directory: snapshotDirectory).save(snapshot)
        return snapshot
    }

    /// Saves the hard state; with `sync` it is durable on return. Save it only after the entries it refers to are
    /// durable (``persist(_:)`` does this).
    public func saveHardState(_ hardState: HardState, sync: Bool) throws(StorageError) {
        try state.withLock { (state) throws(StorageError) in try state.hardState.save(hardState, sync: sync) }
    }

    /// Persists what a ``Ready`` asks, in the contract's order: snapshot, then entries, then hard state.
    /// On return everything `ready.mustSync` requires is on stable storage.
    public func persist(_ ready: Ready) async throws(StorageError) {
        if let snapshot = ready.snapshot { try await installSnapshot(snapshot) }
        if !ready.entries.isEmpty { try await append(ready.entries) }
        if let hardState = ready.hardState { try saveHardState(hardState, sync: ready.mustSync) }
    }

    /// ``persist(_:)`` for an owner on a dedicated thread: blocks that thread until the writes are durable.
    public func persistBlocking(_ ready: Ready) throws(StorageError) {
        if let snapshot = ready.snapshot {
            guard !snapshot.isEmpty else { throw .invalidRequest("empty snapshot") }
            try writer.submit(.installSnapshot(snapshot), log: self).waitBlocking()
        }
        if !ready.entries.isEmpty { try beginAppend(ready.entries).waitBlocking() }
        if let hardState = ready.hardState { try saveHardState(hardState, sync: ready.mustSync) }
    }

    /// Completes the writes already submitted, refuses new ones, and closes every file.
    public func close() {
        writer.close(log: self)
        state.withLock { $0.close() }
        DirectoryOps.unlock(lockDescriptor)
    }
}
