import RaftCore

extension DurableLog {
    /// Opens (or creates) the log in `directory`, recovering from whatever a crash left.
    ///
    /// Recovery: the hard state is the newest valid slot; the snapshot is the newest snapshot file; every segment
    /// is read and checked (see `SegmentScanner`). A torn tail of the last segment is cut off and the file
    /// fsynced. Entries at or below the snapshot are dropped; if the log disagrees with the snapshot's last entry
    /// (a snapshot from the leader replaced a divergent log) the log is discarded.
    ///
    /// - Throws: ``StorageError/corrupted(file:offset:reason:)`` for damage anywhere but a torn tail, a gap
    ///   between segments, or a hard-state commit index past the last durable entry; ``StorageError/locked(directory:)``
    ///   if another process has the directory open; I/O errors.
    public static func open(directory: String, options: Options = Options()) throws(StorageError) -> DurableLog {
        try DirectoryOps.makeDirectory(directory)
        let logDirectory = directory + "/log"
        let snapshotDirectory = directory + "/snapshots"
        try DirectoryOps.makeDirectory(logDirectory)
        try DirectoryOps.makeDirectory(snapshotDirectory)
        let lock = try DirectoryOps.lock(directory + "/LOCK", directory: directory)
        do throws(StorageError) {
            let hardState = try HardStateFile.open(path: directory + "/hardstate")
            let snapshot = try SnapshotStore(directory: snapshotDirectory).loadNewest()
            let recovered = try recoverSegments(in: logDirectory, snapshot: snapshot)
            let state = LogState(
                segments: recovered.segments, termRuns: recovered.termRuns,
                snapshot: Snapshot(metadata: snapshot.metadata, data: []),
                lastIndex: recovered.lastIndex, hardState: hardState)
            let commit = hardState.current.commit
            guard commit <= state.lastIndex else {
                throw StorageError.corrupted(
                    file: directory + "/hardstate", offset: 0,
                    reason: "commit index \(commit) is past the last durable entry \(state.lastIndex)")
            }
            return DurableLog(directory: directory, options: options, state: state, lockDescriptor: lock)
        } catch {
            DirectoryOps.unlock(lock)
            throw error
        }
    }

    private struct RecoveredSegments {
        var segments: [Segment]
        var termRuns: [(index: LogIndex, term: Term)]
        var lastIndex: LogIndex
    }

    private static func recoverSegments(in logDirectory: String, snapshot: Snapshot) throws(StorageError)
        -> RecoveredSegments
    {
        let snapshotIndex = snapshot.metadata.index
        let named = try DirectoryOps.list(logDirectory).compactMap { name in
            RecordFormat.parseSegmentName(name).map { (name: name, firstIndex: $0) }
        }.sorted { $0.firstIndex < $1.firstIndex }
        var segments: [Segment] = []
        var termRuns: [(index: LogIndex, term: Term)] = []
        var directoryChanged = false
        for (position, segmentName) in named.enumerated() {
            let path = logDirectory + "/" + segmentName.name
            let file = try PosixFile.openExisting(path)
            let scanned = try SegmentScanner.scan(
                file: file, declaredFirstIndex: segmentName.firstIndex, isLast: position == named.count - 1)
            if scanned.headerTorn {
                // The crash interrupted the creation of this segment: it holds nothing.
                file.close()
                try DirectoryOps.remove(path)
                directoryChanged = true
                continue
            }
            if scanned.tornBytes > 0 {
                try file.truncate(to: scanned.endOffset)
                try file.syncData()
            }
            if let previous = segments.last, scanned.firstIndex != previous.lastIndex + 1 {
                throw .corrupted(
                    file: path, offset: 0,
                    reason: "segment starts at \(scanned.firstIndex) but the previous one ends at \(previous.lastIndex)"
                )
            }
            for run in scanned.termRuns where termRuns.last?.term != run.term {
                if let last = termRuns.last, run.term < last.term {
                    throw .corrupted(file: path, offset: 0, reason: "term \(run.term) follows term \(last.term)")
                }
                termRuns.append(run)
            }
            segments.append(
                Segment(
                    file: file, firstIndex: scanned.firstIndex, offsets: scanned.offsets, endOffset: scanned.endOffset))
        }

        var lastIndex = segments.last?.lastIndex ?? snapshotIndex
        let logFirst = segments.first?.firstIndex ?? snapshotIndex + 1
        if logFirst > snapshotIndex + 1 {
            throw .corrupted(
                file: segments.first!.file.path, offset: 0,
                reason: "the log starts at \(logFirst) but the snapshot ends at \(snapshotIndex)")
        }
        if logFirst <= snapshotIndex && snapshotIndex > .zero {
            let held = lastIndex >= snapshotIndex ? termRuns.last(where: { $0.index <= snapshotIndex })?.term : nil
            if held == snapshot.metadata.term {
                // The snapshot covers a prefix of the log: drop what it covers.
                while segments.count > 1 && segments[0].lastIndex <= snapshotIndex {
                    try segments.removeFirst().delete()
                    directoryChanged = true
                }
                while termRuns.count > 1 && termRuns[1].index <= snapshotIndex + 1 { termRuns.removeFirst() }
                if !termRuns.isEmpty && termRuns[0].index <= snapshotIndex { termRuns[0].index = snapshotIndex + 1 }
                lastIndex = max(lastIndex, snapshotIndex)
            } else {
                // A snapshot from the leader replaced a log that disagrees with it.
                for segment in segments { try segment.delete() }
                segments = []
                termRuns = []
                lastIndex = snapshotIndex
                directoryChanged = true
            }
        }
        if directoryChanged { try DirectoryOps.syncDirectory(logDirectory) }
        if segments.isEmpty {
            segments = [try Segment.create(directory: logDirectory, firstIndex: snapshotIndex + 1)]
        }
        return RecoveredSegments(segments: segments, termRuns: termRuns, lastIndex: lastIndex)
    }
}
