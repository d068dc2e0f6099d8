import RaftCore

/// Everything ``DurableLog`` knows about its files, guarded by its mutex. The writer thread changes it only after
/// the change is durable, so readers always see a durable log.
///
/// Invariants: `segments` is sorted and contiguous (each starts right after the previous one's last index) and
/// never empty; `firstIndex == snapshot.metadata.index + 1`; `termRuns` is sorted by index with increasing terms
/// and covers `firstIndex...lastIndex`. `snapshot.data` is always empty: a snapshot is as large as the
/// application's state, so its bytes stay in its file and ``DurableLog/snapshot()`` reads them when asked.
struct LogState {
    var segments: [Segment]
    var termRuns: [(index: LogIndex, term: Term)]
    var snapshot: Snapshot {
        didSet { precondition(snapshot.data.isEmpty, "the log keeps only a snapshot's metadata in memory") }
    }
    var lastIndex: LogIndex
    var hardState: HardStateFile

    var firstIndex: LogIndex { snapshot.metadata.index + 1 }
    var activeSegment: Segment { segments[segments.count - 1] }

    func term(at index: LogIndex) throws(LogStorageError) -> Term {
        if index == snapshot.metadata.index { return snapshot.metadata.term }
        guard index > snapshot.metadata.index else { throw .compacted }
        guard index <= lastIndex else { throw .unavailable }
        return storedTerm(at: index)!
    }

    /// The term of a stored entry (binary search over the runs), or nil if not stored.
    func storedTerm(at index: LogIndex) -> Term? {
        guard index >= firstIndex, index <= lastIndex else { return nil }
        var low = 0
        var high = termRuns.count
        while low < high {
            let middle = (low + high) / 2
            if termRuns[middle].index <= index { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? termRuns[low - 1].term : nil
    }

    /// The segment holding `index` (binary search).
    func segmentIndex(holding index: LogIndex) -> Int? {
        var low = 0
        var high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].firstIndex <= index { low = middle + 1 } else { high = middle }
        }
        guard low > 0, segments[low - 1].contains(index) else { return nil }
        return low - 1
    }

    /// The entries in `range`, at most `maxBytes` of ``Entry/byteCount`` but at least one; checksums verified.
    func entries(in range: Range<LogIndex>, maxBytes: Int) throws(LogStorageError) -> [Entry] {
        guard range.lowerBound >= firstIndex else { throw .compacted }
        guard range.upperBound <= lastIndex + 1 else { throw .unavailable }
        var result: [Entry] = []
        var bytes = 0
        var next = range.lowerBound
        while next < range.upperBound {
            guard let position = segmentIndex(holding: next) else { throw .failure("no segment holds index \(next)") }
            let segment = segments[position]
            let end = min(range.upperBound - 1, segment.lastIndex)
            // Decide from the offsets alone how many records fit.
            let extra = RecordFormat.recordBytesBeyondByteCount
            var last = next
            var size = segment.byteRange(from: next, through: next).count - extra
            if !result.isEmpty && bytes + size > maxBytes { break }
            bytes += size
            while last < end {
                size = segment.byteRange(from: last + 1, through: last + 1).count - extra
                if bytes + size > maxBytes { break }
                bytes += size
                last = last + 1
            }
            try Self.readRecords(of: segment, from: next, through: last, into: &result)
            next = last + 1
            if last < end { break }  // the byte limit stopped us inside this segment
        }
        return result
    }

    /// Reads and verifies the records `lo...hi` of `segment` with one read.
    private static func readRecords(
        of segment: Segment, from lo: LogIndex, through hi: LogIndex, into result: inout [Entry]
    ) throws(LogStorageError) {
        let span = segment.byteRange(from: lo, through: hi)
        let raw: [UInt8]?
        do {
            raw = try segment.file.read(count: span.count, at: span.lowerBound)
        } catch {
            throw .failure("\(error)")
        }
        guard let raw else { throw .failure("\(segment.file.path) ends before offset \(span.upperBound)") }
        var expected = lo
        let damagedOffset = raw.withUnsafeBytes { buffer -> Int? in
            var offset = 0
            while offset < buffer.count {
                guard case .entry(let entry, let count) = RecordFormat.decodeRecord(buffer, at: offset),
                    entry.index == expected
                else { return offset }
                result.append(entry)
                offset += count
                expected = expected + 1
            }
            return nil
        }
        if let damagedOffset {
            let damage = StorageError.corrupted(
                file: segment.file.path, offset: span.lowerBound + damagedOffset,
                reason: "record fails its checksum on read")
            throw .failure("\(damage)")
        }
    }

    // MARK: Changes (writer thread, after the change is durable)

    /// Records appended entries `entries`, written at `offsets` of the active segment, now durable.
    mutating func recordAppended(_ entries: [Entry], offsets: [UInt32], endOffset: Int) {
        precondition(entries.first!.index == lastIndex + 1, "appended \(entries.first!.index) after \(lastIndex)")
        let segment = activeSegment
        segment.offsets.append(contentsOf: offsets)
        segment.endOffset = endOffset
        for entry in entries where termRuns.last?.term != entry.term {
            termRuns.append((entry.index, entry.term))
        }
        lastIndex = entries.last!.index
    }

    /// Removes entries from `index` on (durably: files truncated or deleted and synced).
    mutating func truncate(from index: LogIndex, logDirectory: String) throws(StorageError) {
        guard index <= lastIndex else { return }
        precondition(index > snapshot.metadata.index, "truncating \(index) at or below the snapshot")
        while segments.count > 1 && activeSegment.firstIndex >= index {
            try segments.removeLast().delete()
        }
        let segment = activeSegment
        if segment.contains(index) {
            let keep = index.distance(from: segment.firstIndex)
            let cut = Int(segment.offsets[keep])
            try segment.file.truncate(to: cut)
            try segment.file.syncData()
            segment.offsets.removeSubrange(keep...)
            segment.endOffset = cut
        }
        try DirectoryOps.syncDirectory(logDirectory)
        while let run = termRuns.last, run.index >= index { termRuns.removeLast() }
        lastIndex = index - 1
    }

    /// Starts a new active segment after the last index.
    mutating func roll(logDirectory: String) throws(StorageError) {
        segments.append(try Segment.create(directory: logDirectory, firstIndex: lastIndex + 1))
    }

    /// Adopts a durable snapshot: keeps the entries after it if the log holds its last entry, else drops them all.
    mutating func adopt(_ newSnapshot: Snapshot, logDirectory: String) throws(StorageError) {
        let index = newSnapshot.metadata.index
        let keepsSuffix = storedTerm(at: index) == newSnapshot.metadata.term
        snapshot = Snapshot(metadata: newSnapshot.metadata, data: [])
        if keepsSuffix {
            try dropSegments(through: index, logDirectory: logDirectory)
            while termRuns.count > 1 && termRuns[1].index <= index { termRuns.removeFirst() }
            if let first = termRuns.first, first.index < firstIndex { termRuns[0].index = firstIndex }
            if lastIndex < index { lastIndex = index }
        } else {
            for segment in segments { try segment.delete() }
            segments = [try Segment.create(directory: logDirectory, firstIndex: index + 1)]
            termRuns = []
            lastIndex = index
        }
        try DirectoryOps.syncDirectory(logDirectory)
    }

    /// Deletes whole segments whose every entry is at or below `index`, never the active one.
    mutating func dropSegments(through index: LogIndex, logDirectory: String) throws(StorageError) {
        while segments.count > 1 && segments[0].lastIndex <= index {
            try segments.removeFirst().delete()
        }
        try DirectoryOps.syncDirectory(logDirectory)
    }

    mutating func close() {
        for segment in segments { segment.file.close() }
        hardState.close()
    }
}
