import RaftCore

/// One open segment file and where its records are.
///
/// Invariant: `offsets[i]` is the offset of the record with index `firstIndex + i`; records end at `endOffset`.
final class Segment {
    let file: PosixFile
    let firstIndex: LogIndex
    var offsets: [UInt32]
    var endOffset: Int

    init(file: PosixFile, firstIndex: LogIndex, offsets: [UInt32], endOffset: Int) {
        self.file = file
        self.firstIndex = firstIndex
        self.offsets = offsets
        self.endOffset = endOffset
    }

    var isEmpty: Bool { offsets.isEmpty }
    /// The last index held, or `firstIndex - 1` when empty.
    var lastIndex: LogIndex { firstIndex + UInt64(offsets.count) - 1 }

    func contains(_ index: LogIndex) -> Bool { !isEmpty && index >= firstIndex && index <= lastIndex }

    /// The byte range of the records `lo...hi`.
    func byteRange(from lo: LogIndex, through hi: LogIndex) -> Range<Int> {
        let start = Int(offsets[lo.distance(from: firstIndex)])
        let endPosition = hi.distance(from: firstIndex) + 1
        let end = endPosition < offsets.count ? Int(offsets[endPosition]) : endOffset
        return start..<end
    }

    /// Creates a new, empty segment whose first entry will be `firstIndex`, durably (file and directory fsynced).
    static func create(directory: String, firstIndex: LogIndex) throws(StorageError) -> Segment {
        let path = directory + "/" + RecordFormat.segmentName(firstIndex: firstIndex)
        let file = try PosixFile.create(path)
        try file.write(RecordFormat.segmentHeader(firstIndex: firstIndex), at: 0)
        try file.syncData()
        try DirectoryOps.syncDirectory(directory)
        return Segment(file: file, firstIndex: firstIndex, offsets: [], endOffset: RecordFormat.segmentHeaderBytes)
    }

    /// Closes and deletes the file (the caller fsyncs the directory).
    func delete() throws(StorageError) {
        file.close()
        try DirectoryOps.remove(file.path)
    }
}
