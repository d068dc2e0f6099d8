import RaftCore

/// What recovery learned from one segment file.
struct ScannedSegment {
    var path: String
    var firstIndex: LogIndex
    /// The offset of every valid record, in index order.
    var offsets: [UInt32]
    /// Where the next record goes: the end of the last valid record.
    var endOffset: Int
    /// (first index, term) for every run of equal terms, in index order.
    var termRuns: [(index: LogIndex, term: Term)]
    /// Bytes of a torn tail that recovery cut away (only ever in the last segment).
    var tornBytes: Int
    /// The header itself was torn: the segment was being created at the crash and holds nothing.
    var headerTorn: Bool

    var lastIndex: LogIndex { firstIndex + UInt64(offsets.count) - 1 }
    var isEmpty: Bool { offsets.isEmpty }
}

/// Reads a segment at open time and decides, record by record, what is data, what is a torn tail, and what is
/// damage.
///
/// **The rule.** Only the last segment can have a torn tail, because a segment is fsynced before the next one is
/// created. A torn tail is what a crash during a write leaves: the file ends inside a record (a short write), or
/// the file is zeros from a 512-byte sector boundary at or after the bad record's start to its end (sectors the
/// file system allocated but the crash never wrote; etcd's WAL uses the same sector test). Anything else — a checksum mismatch on a complete record, an impossible length followed by non-zero
/// bytes, an index out of sequence, a bad record followed by more data, any bad record in an earlier segment — is
/// damage: the log cannot tell which acknowledged entries it lost, so it refuses to open with
/// ``StorageError/corrupted(file:offset:reason:)``. Refusing is the safe side: a node that silently forgot
/// acknowledged entries could let a quorum forget them (the NATS JetStream 2.12.1 failure).
enum SegmentScanner {
    static func scan(file: PosixFile, declaredFirstIndex: LogIndex, isLast: Bool) throws(StorageError) -> ScannedSegment
    {
        let size = try file.size()
        let bytes = try file.read(count: size, at: 0) ?? []
        var segment = ScannedSegment(
            path: file.path, firstIndex: declaredFirstIndex, offsets: [], endOffset: RecordFormat.segmentHeaderBytes,
            termRuns: [], tornBytes: 0, headerTorn: false)

        let header = Array(bytes.prefix(RecordFormat.segmentHeaderBytes))
        guard let headerFirst = RecordFormat.parseSegmentHeader(header) else {
            if isLast && (bytes.count < RecordFormat.segmentHeaderBytes || bytes.allSatisfy { $0 == 0 }) {
                segment.headerTorn = true
                segment.endOffset = 0
                segment.tornBytes = bytes.count
                return segment
            }
            throw .corrupted(file: file.path, offset: 0, reason: "invalid segment header")
        }
        guard headerFirst == declaredFirstIndex else {
            throw .corrupted(
                file: file.path, offset: 0,
                reason: "header says first index \(headerFirst), name says \(declaredFirstIndex)")
        }

        let outcome = bytes.withUnsafeBytes { raw in scanRecords(raw, into: segment, isLast: isLast) }
        return try outcome.get()
    }

    private static func scanRecords(
        _ raw: UnsafeRawBufferPointer, into initial: ScannedSegment, isLast: Bool
    ) -> Result<ScannedSegment, StorageError> {
        var segment = initial
        let path = segment.path
        var offset = RecordFormat.segmentHeaderBytes
        var expected = segment.firstIndex
        while offset < raw.count {
            switch RecordFormat.decodeRecord(raw, at: offset) {
            case .entry(let entry, let byteCount):
                guard entry.index == expected else {
                    return .failure(
                        .corrupted(file: path, offset: offset, reason: "index \(entry.index), expected \(expected)"))
                }
                if segment.termRuns.last?.term != entry.term {
                    if let previous = segment.termRuns.last?.term, entry.term < previous {
                        return .failure(
                            .corrupted(file: path, offset: offset, reason: "term \(entry.term) after \(previous)"))
                    }
                    segment.termRuns.append((entry.index, entry.term))
                }
                segment.offsets.append(UInt32(offset))
                offset += byteCount
                expected = expected + 1
            case .truncated:
                guard isLast else {
                    return .failure(
                        .corrupted(file: path, offset: offset, reason: "record cut short in a sealed segment"))
                }
                segment.tornBytes = raw.count - offset
                segment.endOffset = offset
                return .success(segment)
            case .checksumMismatch, .malformed:
                guard isLast && endsInUnwrittenSectors(raw, from: offset) else {
                    return .failure(.corrupted(file: path, offset: offset, reason: describeDamage(raw, at: offset)))
                }
                segment.tornBytes = raw.count - offset
                segment.endOffset = offset
                return .success(segment)
            }
        }
        segment.endOffset = offset
        return .success(segment)
    }

    /// Whether the file is zero from some 512-byte-aligned offset at or after `start` (or from `start` itself) to
    /// its end: the signature of sectors a crash left unwritten. (A complete last record whose payload ends in at
    /// least a sector of zeros and then suffers a bit flip would pass for torn too; queue payloads are JSON.)
    static func endsInUnwrittenSectors(_ raw: UnsafeRawBufferPointer, from start: Int) -> Bool {
        var zeroRun = raw.count
        while zeroRun > start && raw[zeroRun - 1] == 0 { zeroRun -= 1 }
        if zeroRun == start { return true }
        let sectorBoundary = (zeroRun + 511) / 512 * 512
        return sectorBoundary < raw.count
    }

    private static func describeDamage(_ raw: UnsafeRawBufferPointer, at offset: Int) -> String {
        switch RecordFormat.decodeRecord(raw, at: offset) {
        case .checksumMismatch: return "checksum mismatch"
        case .malformed(let reason): return reason
        default: return "damaged record"
        }
    }
}
