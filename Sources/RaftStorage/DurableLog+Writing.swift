import RaftCore
import Synchronization

extension DurableLog {
    /// Appends staged to be written with one write and one fsync.
    struct PendingBatch {
        var entries: [Entry] = []
        var bytes: [UInt8] = []
        /// The positions of the operations in the round that the batch holds.
        var positions: [Int] = []
    }

    /// Runs one writer round (writer thread only): the operations in submission order; runs of consecutive
    /// appends are written with one write and one fsync. Returns one result per operation, in order.
    func perform(_ operations: [LogWriter.Operation]) -> [Result<Void, StorageError>] {
        var results = [Result<Void, StorageError>?](repeating: nil, count: operations.count)
        var batch = PendingBatch()
        for (position, operation) in operations.enumerated() {
            switch operation {
            case .append(let entries, let encoded):
                if let error = stage(entries, encoded: encoded, at: position, into: &batch, results: &results) {
                    results[position] = .failure(error)
                }
            case .installSnapshot(let snapshot):
                flush(&batch, results: &results)
                results[position] = Result { () throws(StorageError) in try adoptSnapshot(snapshot) }
            case .createSnapshot(let snapshot):
                flush(&batch, results: &results)
                results[position] = Result { () throws(StorageError) in try compact(to: snapshot) }
            }
        }
        flush(&batch, results: &results)
        return results.map { $0! }
    }

    /// Adds an append to the batch. It flushes first when the append replaces a suffix (which is then truncated
    /// durably) or when the active segment is full (a new one is started). Returns why the append cannot follow
    /// the log, if it cannot.
    private func stage(
        _ entries: [Entry], encoded: [UInt8], at position: Int, into batch: inout PendingBatch,
        results: inout [Result<Void, StorageError>?]
    ) -> StorageError? {
        let first = entries.first!.index
        let (durableLast, snapshotIndex, activeEnd) = state.withLock {
            ($0.lastIndex, $0.snapshot.metadata.index, $0.activeSegment.endOffset)
        }
        let stagedLast = batch.entries.last?.index ?? durableLast
        guard first > snapshotIndex else { return .invalidRequest("append at \(first) is at or below the snapshot") }
        guard first <= stagedLast + 1 else {
            return .invalidRequest("append at \(first) leaves a gap after \(stagedLast)")
        }
        if first <= stagedLast || activeEnd + batch.bytes.count >= options.segmentBytes {
            flush(&batch, results: &results)
        }
        let stagedNow = batch.entries.last?.index
        do {
            try state.withLock { (state) throws(StorageError) in
                // Replacing a suffix: the staged batch was flushed above; truncate durably before the replacement.
                if first <= state.lastIndex { try state.truncate(from: first, logDirectory: logDirectory) }
                let expected = (stagedNow ?? state.lastIndex) + 1
                guard first == expected else {
                    throw .invalidRequest("append at \(first) does not follow \(expected - 1)")
                }
                if stagedNow == nil && state.activeSegment.endOffset >= options.segmentBytes {
                    try state.roll(logDirectory: logDirectory)
                }
            }
        } catch {
            return error
        }
        batch.entries += entries
        batch.bytes += encoded
        batch.positions.append(position)
        return nil
    }

    /// Writes the batch to the active segment and fsyncs it; on success publishes the entries and marks the
    /// batch's operations done. On failure the segment is cut back to where the batch started (so a partial
    /// write is never read back) and the batch's operations fail.
    private func flush(_ batch: inout PendingBatch, results: inout [Result<Void, StorageError>?]) {
        guard !batch.entries.isEmpty else { return }
        defer { batch = PendingBatch() }
        let segment = state.withLock { $0.activeSegment }
        let start = segment.endOffset
        do {
            try segment.file.write(batch.bytes, at: start)
            // Durability point: once this returns, the entries are on stable storage and may be acknowledged.
            try segment.file.syncData()
        } catch {
            try? segment.file.truncate(to: start)
            for position in batch.positions { results[position] = .failure(error) }
            return
        }
        var offsets: [UInt32] = []
        offsets.reserveCapacity(batch.entries.count)
        var offset = start
        for entry in batch.entries {
            offsets.append(UInt32(offset))
            offset += RecordFormat.recordBytes(entry)
        }
        let entries = batch.entries
        state.withLock { $0.recordAppended(entries, offsets: offsets, endOffset: offset) }
        for position in batch.positions { results[position] = .success(()) }
    }

    /// Saves a snapshot from the leader durably, then lets it replace the log.
    private func adoptSnapshot(_ snapshot: Snapshot) throws(StorageError) {
        let current = state.withLock { $0.snapshot.metadata.index }
        guard snapshot.metadata.index > current else {
            throw .invalidRequest("snapshot \(snapshot.metadata.index) is not newer than \(current)")
        }
        try SnapshotStore(directory: snapshotDirectory).save(snapshot)
        try state.withLock { (state) throws(StorageError) in try state.adopt(snapshot, logDirectory: logDirectory) }
    }

    /// Adopts a created snapshot whose file is already durable: the log now starts after it, and the segments it
    /// covers are deleted. Refused if a newer snapshot was adopted meanwhile (its file is superseded later).
    private func compact(to snapshot: Snapshot) throws(StorageError) {
        try state.withLock { (state) throws(StorageError) in
            guard snapshot.metadata.index > state.snapshot.metadata.index else {
                throw .invalidRequest("snapshot at \(snapshot.metadata.index) is not after the current one")
            }
            try state.adopt(snapshot, logDirectory: logDirectory)
        }
    }
}
