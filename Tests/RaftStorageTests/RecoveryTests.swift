// Recovery rules of the durable log, one test per rule. Each test builds a log through the public API in its own
// temporary directory, closes it, changes the files through the file system using the documented on-disk format
// (RecordFormat.swift: a 32-byte segment header; records `bodyLength:u32 lengthCRC:u32 bodyCRC:u32 body`, body
// `index:u64 term:u64 kind:u8 data`; segments `<dir>/log/<20-digit first index>.seg`; hard state `<dir>/hardstate`
// with slots at 0 and 512; snapshots `<dir>/snapshots/*.snap`), and checks what `DurableLog.open` makes of it.
import Foundation
import RaftCore
import RaftStorage
import Testing

@Suite struct RecoveryTests {
    // MARK: Clean reopen

    /// Goal: a clean close and reopen loses nothing. Method: append 200 entries over several segments, save a hard
    /// state, close, reopen; every entry, the hard state and the bounds must come back as written.
    @Test func cleanReopenReturnsEverythingAndTheHardState() async throws {
        let directory = RecoveryDirectory("clean")
        defer { directory.remove() }
        let hardState = HardState(term: 5, vote: 2, commit: 150)
        do {
            let log = try await RecoveryDirectory.makeLog(directory, through: 200)
            try log.saveHardState(hardState, sync: true)
            log.close()
        }
        #expect(try directory.segmentPaths().count >= 3, "the log should span several segments")
        let log = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
        defer { log.close() }
        #expect(log.firstIndex() == 1)
        #expect(log.lastIndex() == 200)
        #expect(try log.entries(in: 1..<201, maxBytes: .max) == RecoveryDirectory.entries(1...200))
        #expect(log.hardState == hardState)
        #expect(try log.initialState().hardState == hardState)
        #expect(try log.snapshot() == .empty)
        #expect(try log.term(at: 0) == .zero)
        #expect(try log.term(at: 200) == RecoveryDirectory.entry(200).term)
    }

    /// Goal: a snapshot survives a reopen and the entries after it are kept. Method: 200 entries, snapshot at 120,
    /// close, reopen; the snapshot (metadata and data) comes back, the log starts at 121 and holds 121...200, and the
    /// snapshot's index answers the snapshot's term while the index below it is compacted.
    @Test func snapshotSurvivesReopenAndKeepsTheEntriesAfterIt() async throws {
        let directory = RecoveryDirectory("snapshot-reopen")
        defer { directory.remove() }
        let confState = ConfState(voters: [1, 2, 3], learners: [4])
        let data = (0..<500).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        do {
            let log = try await RecoveryDirectory.makeLog(directory, through: 200)
            try await log.createSnapshot(at: 120, confState: confState, data: data)
            log.close()
        }
        let log = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
        defer { log.close() }
        let expected = Snapshot(
            metadata: SnapshotMetadata(index: 120, term: RecoveryDirectory.entry(120).term, confState: confState),
            data: data)
        #expect(try log.snapshot() == expected)
        #expect(try log.initialState().confState == confState)
        #expect(log.firstIndex() == 121)
        #expect(log.lastIndex() == 200)
        #expect(try log.entries(in: 121..<201, maxBytes: .max) == RecoveryDirectory.entries(121...200))
        #expect(try log.term(at: 120) == expected.metadata.term)
        #expect(throws: LogStorageError.compacted) { try log.term(at: 119) }
        #expect(throws: LogStorageError.compacted) { try log.entries(in: 120..<130, maxBytes: .max) }
    }

    // MARK: Torn tails

    /// What a crash during the last write can leave at the end of the last segment.
    enum TornTail: String, CaseIterable, Sendable {
        /// The file ends in the middle of the last record's body (a short write).
        case cutInsideLastRecordBody
        /// The file ends inside the last record's 12-byte header.
        case cutInsideLastRecordHeader
        /// Zeros after the last whole record: space the file system allocated but never wrote.
        case zerosAfterLastRecord
        /// The first bytes of a new record's header, then zeros (the rest of the write never reached the disk).
        case partialHeaderThenZeros
    }

    /// Goal: a torn tail in the last segment is cut back to the last whole entry, durably, and the log goes on.
    /// Method: build a log whose last segment holds several records, damage its end as `tail` describes, reopen.
    /// The log must open with exactly the whole entries; the file must have shrunk to the end of the last whole
    /// record (the cut is on disk, not only in memory); an append must then work and survive another reopen.
    @Test(arguments: TornTail.allCases)
    func tornTailInTheLastSegmentIsCutBack(tail: TornTail) async throws {
        let directory = RecoveryDirectory("torn-\(tail.rawValue)")
        defer { directory.remove() }
        var last: UInt64 = 120
        do {
            let log = try await RecoveryDirectory.makeLog(directory, through: last)
            // The last segment should hold at least three records, so the cut is inside a segment with data.
            while try RecoveryDirectory.records(in: directory.segmentPaths().last!).count < 3 {
                last += 1
                try await log.append([RecoveryDirectory.entry(last)])
            }
            log.close()
        }
        let segments = try directory.segmentPaths()
        #expect(segments.count >= 3, "\(tail): the log should span several segments")
        let path = segments.last!
        let records = try RecoveryDirectory.records(in: path)
        let lastRecord = records.last!
        let intactSize = try RecoveryDirectory.size(of: path)
        let expectedLast: UInt64
        let expectedSize: Int
        switch tail {
        case .cutInsideLastRecordBody:
            try RecoveryDirectory.truncate(path, to: lastRecord.offset + 12 + (lastRecord.size - 12) / 2)
            (expectedLast, expectedSize) = (last - 1, lastRecord.offset)
        case .cutInsideLastRecordHeader:
            try RecoveryDirectory.truncate(path, to: lastRecord.offset + 7)
            (expectedLast, expectedSize) = (last - 1, lastRecord.offset)
        case .zerosAfterLastRecord:
            try RecoveryDirectory.appendBytes([UInt8](repeating: 0, count: 3_000), to: path)
            (expectedLast, expectedSize) = (last, intactSize)
        case .partialHeaderThenZeros:
            let next = RecoveryDirectory.record(RecoveryDirectory.entry(last + 1))
            try RecoveryDirectory.appendBytes(Array(next.prefix(6)) + [UInt8](repeating: 0, count: 3_000), to: path)
            (expectedLast, expectedSize) = (last, intactSize)
        }
        #expect(try RecoveryDirectory.size(of: path) != expectedSize, "\(tail): the damage changed nothing")

        do {
            let log = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
            #expect(log.lastIndex() == LogIndex(expectedLast), "\(tail)")
            #expect(
                try log.entries(in: 1..<LogIndex(expectedLast + 1), maxBytes: .max)
                    == RecoveryDirectory.entries(1...expectedLast), "\(tail)")
            #expect(try RecoveryDirectory.size(of: path) == expectedSize, "\(tail): the torn tail was not cut on disk")
            try await log.append([RecoveryDirectory.entry(expectedLast + 1, term: 50)])
            log.close()
        } catch {
            Issue.record("\(tail): \(error)")
            return
        }
        let log = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
        defer { log.close() }
        #expect(log.lastIndex() == LogIndex(expectedLast + 1), "\(tail)")
        #expect(
            try log.entries(in: 1..<LogIndex(expectedLast + 2), maxBytes: .max)
                == RecoveryDirectory.entries(1...expectedLast) + [RecoveryDirectory.entry(expectedLast + 1, term: 50)],
            "\(tail)")
    }

    /// Goal: the commonest torn write of a large record is a torn tail too: the record's first page reached the
    /// disk, a later page of the same write did not (the file system had already extended the file, so it reads
    /// as zeros). Method: make the last entry 6,000 bytes so its record spans a page boundary of the file, zero
    /// the file from that boundary to its end (the size stays), and reopen: the log must open without that entry,
    /// the file cut back to where its record started, and the log must take a new append.
    @Test func zeroedPagesInsideTheLastRecordAreATornTail() async throws {
        let directory = RecoveryDirectory("torn-zeroed-page")
        defer { directory.remove() }
        do {
            let log = try await RecoveryDirectory.makeLog(directory, through: 120)
            try await log.append([Entry(term: 9, index: 121, data: [UInt8](repeating: 0x5A, count: 6_000))])
            log.close()
        }
        let path = try directory.segmentPaths().last!
        let record = try RecoveryDirectory.records(in: path).last!
        let size = try RecoveryDirectory.size(of: path)
        let boundary = (record.offset + 12) / 4_096 * 4_096 + 4_096
        try #require(boundary < record.offset + record.size && record.offset + record.size == size)
        try RecoveryDirectory.overwrite(path, at: boundary, with: [UInt8](repeating: 0, count: size - boundary))

        let log: DurableLog
        do {
            log = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
        } catch {
            Issue.record("a record torn at a page boundary was refused: \(error)")
            return
        }
        defer { log.close() }
        #expect(log.lastIndex() == 120)
        #expect(try log.entries(in: 1..<121, maxBytes: .max) == RecoveryDirectory.entries(1...120))
        #expect(try RecoveryDirectory.size(of: path) == record.offset, "the torn record was not cut on disk")
        try await log.append([RecoveryDirectory.entry(121, term: 9)])
        #expect(log.lastIndex() == 121)
    }

    // MARK: Damage is refused

    /// Goal: a complete record in the middle of the last segment that fails its checksum is damage, not a torn
    /// tail (valid records follow it). Method: flip one bit in the body of the middle record of the last segment;
    /// open must throw `.corrupted` naming that segment and the record's offset, and leave the file as it was.
    @Test func flippedBitInAMiddleRecordBodyIsRefused() async throws {
        let directory = RecoveryDirectory("middle-flip")
        defer { directory.remove() }
        try await RecoveryDirectory.makeLog(directory, through: 150).close()
        let path = try directory.segmentPaths().last!
        let records = try RecoveryDirectory.records(in: path)
        try #require(records.count >= 3)
        let middle = records[records.count / 2]
        try RecoveryDirectory.flipBit(in: path, at: middle.offset + middle.size - 1, bit: 3)
        let size = try RecoveryDirectory.size(of: path)
        RecoveryDirectory.expectCorrupted(directory.openError(), file: path, offset: middle.offset)
        #expect(try RecoveryDirectory.size(of: path) == size, "a refused open must not cut the file")
    }

    /// Goal: the LAST record, complete but failing its checksum, is damage: it was whole on disk, so it was
    /// acknowledged, and cutting it as a torn tail would forget an acknowledged entry. Method: flip one bit in the
    /// last record's body; open must throw `.corrupted` at that record and must not cut it off.
    @Test func flippedBitInTheLastRecordBodyIsNotATornTail() async throws {
        let directory = RecoveryDirectory("last-flip")
        defer { directory.remove() }
        try await RecoveryDirectory.makeLog(directory, through: 150).close()
        let path = try directory.segmentPaths().last!
        let last = try RecoveryDirectory.records(in: path).last!
        try RecoveryDirectory.flipBit(in: path, at: last.offset + 12 + 9, bit: 0)
        let size = try RecoveryDirectory.size(of: path)
        RecoveryDirectory.expectCorrupted(directory.openError(), file: path, offset: last.offset)
        #expect(try RecoveryDirectory.size(of: path) == size, "the damaged last record was cut off")
    }

    /// Goal: a damaged length field of the last record does not pass for a short write. Method: flip bit 20 of the
    /// last record's length (the record now claims a megabyte more than the file holds, which is what a short
    /// write looks like without the length checksum); open must throw `.corrupted` at that record.
    @Test func flippedBitInTheLastRecordLengthIsNotAShortWrite() async throws {
        let directory = RecoveryDirectory("length-flip")
        defer { directory.remove() }
        try await RecoveryDirectory.makeLog(directory, through: 150).close()
        let path = try directory.segmentPaths().last!
        let last = try RecoveryDirectory.records(in: path).last!
        try RecoveryDirectory.flipBit(in: path, at: last.offset + 2, bit: 4)
        let size = try RecoveryDirectory.size(of: path)
        RecoveryDirectory.expectCorrupted(directory.openError(), file: path, offset: last.offset)
        #expect(try RecoveryDirectory.size(of: path) == size, "the damaged last record was cut off")
    }

    /// Goal: only the last segment can have a torn tail; a bad record at the end of an earlier (sealed) segment is
    /// damage. Method: flip a bit in the body of the first segment's last record; open must throw `.corrupted`
    /// naming the first segment and that record's offset.
    @Test func flippedBitInASealedSegmentsTailRecordIsRefused() async throws {
        let directory = RecoveryDirectory("sealed-flip")
        defer { directory.remove() }
        try await RecoveryDirectory.makeLog(directory, through: 150).close()
        let segments = try directory.segmentPaths()
        try #require(segments.count >= 2)
        let last = try RecoveryDirectory.records(in: segments[0]).last!
        try RecoveryDirectory.flipBit(in: segments[0], at: last.offset + last.size - 1, bit: 7)
        RecoveryDirectory.expectCorrupted(directory.openError(), file: segments[0], offset: last.offset)
    }

    /// Goal: a damaged segment header is refused, in a sealed segment and in the last one (where a header with
    /// content must not be mistaken for one that was never written). Method: flip a bit of the first index stored
    /// in the header; open must throw `.corrupted` naming that segment at offset 0.
    @Test(arguments: ["first", "last"])
    func flippedBitInASegmentHeaderIsRefused(which: String) async throws {
        let directory = RecoveryDirectory("header-flip-\(which)")
        defer { directory.remove() }
        try await RecoveryDirectory.makeLog(directory, through: 150).close()
        let segments = try directory.segmentPaths()
        try #require(segments.count >= 2)
        let path = which == "first" ? segments[0] : segments[segments.count - 1]
        try RecoveryDirectory.flipBit(in: path, at: 16, bit: 1)
        RecoveryDirectory.expectCorrupted(directory.openError(), file: path, offset: 0)
        #expect(FileManager.default.fileExists(atPath: path), "\(which): a damaged segment was removed")
    }

    /// Goal: a missing segment (a gap in the indexes) is refused. Method: delete a middle segment file; open must
    /// throw `.corrupted` naming the segment after the gap, at offset 0.
    @Test func gapBetweenSegmentsIsRefused() async throws {
        let directory = RecoveryDirectory("gap")
        defer { directory.remove() }
        try await RecoveryDirectory.makeLog(directory, through: 200).close()
        let segments = try directory.segmentPaths()
        try #require(segments.count >= 3)
        try FileManager.default.removeItem(atPath: segments[1])
        RecoveryDirectory.expectCorrupted(directory.openError(), file: segments[2], offset: 0)
    }

    /// Goal: two segments that hold the same indexes are refused. Method: append to the first segment valid
    /// records (correct checksums) for the first two indexes of the second segment, so the first segment now ends
    /// past where the second begins; open must throw `.corrupted` naming the second segment at offset 0 (the first
    /// segment itself is valid).
    @Test func overlappingSegmentsAreRefused() async throws {
        let directory = RecoveryDirectory("overlap")
        defer { directory.remove() }
        try await RecoveryDirectory.makeLog(directory, through: 200).close()
        let segments = try directory.segmentPaths()
        try #require(segments.count >= 3)
        let secondFirst = try #require(RecoveryDirectory.firstIndex(ofSegment: segments[1]))
        let duplicate = [RecoveryDirectory.entry(secondFirst), RecoveryDirectory.entry(secondFirst + 1)]
        try RecoveryDirectory.appendBytes(duplicate.flatMap(RecoveryDirectory.record), to: segments[0])
        RecoveryDirectory.expectCorrupted(directory.openError(), file: segments[1], offset: 0)
    }

    /// Goal: a hard state whose commit index is past the last durable entry is refused (the log lost committed
    /// entries). Method: save a hard state committing 5 entries past the end of the log, close; open must throw
    /// `.corrupted` naming the hard-state file.
    @Test func hardStateCommitPastTheLastEntryIsRefused() async throws {
        let directory = RecoveryDirectory("commit-past-end")
        defer { directory.remove() }
        do {
            let log = try await RecoveryDirectory.makeLog(directory, through: 50)
            try log.saveHardState(HardState(term: 3, vote: 1, commit: 55), sync: true)
            log.close()
        }
        RecoveryDirectory.expectCorrupted(directory.openError(), file: directory.path + "/hardstate", offset: 0)
    }

    // MARK: Torn segment headers

    /// A last segment file whose creation a crash interrupted.
    enum TornHeader: String, CaseIterable, Sendable {
        case emptyFile
        case tenBytesOfTheHeader
        case zeroFilledPage
    }

    /// Goal: a last segment whose header was never completely written holds nothing and is removed on open.
    /// Method: after a clean log, create the next segment file (named for lastIndex + 1) as `header` describes;
    /// open must succeed with the log unchanged and the file gone; an append and another reopen then work.
    @Test(arguments: TornHeader.allCases)
    func lastSegmentWithATornHeaderIsRemoved(header: TornHeader) async throws {
        let directory = RecoveryDirectory("torn-header-\(header.rawValue)")
        defer { directory.remove() }
        try await RecoveryDirectory.makeLog(directory, through: 150).close()
        let path = directory.path + "/log/" + RecoveryDirectory.segmentName(151)
        let bytes: [UInt8]
        switch header {
        case .emptyFile: bytes = []
        case .tenBytesOfTheHeader: bytes = Array(RecoveryDirectory.segmentHeader(firstIndex: 151).prefix(10))
        case .zeroFilledPage: bytes = [UInt8](repeating: 0, count: 4_096)
        }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "\(header)")

        do {
            let log = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
            #expect(!FileManager.default.fileExists(atPath: path), "\(header): the torn segment was kept")
            #expect(log.lastIndex() == 150, "\(header)")
            #expect(try log.entries(in: 1..<151, maxBytes: .max) == RecoveryDirectory.entries(1...150), "\(header)")
            try await log.append(RecoveryDirectory.entries(151...160))
            log.close()
        } catch {
            Issue.record("\(header): \(error)")
            return
        }
        let log = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
        defer { log.close() }
        #expect(try log.entries(in: 1..<161, maxBytes: .max) == RecoveryDirectory.entries(1...160), "\(header)")
    }

    /// Goal: only the LAST segment may have a torn header; a zero-filled header in an earlier segment is damage.
    /// Method: zero the first segment's header; open must throw `.corrupted` naming it at offset 0.
    @Test func zeroedHeaderOfAnEarlierSegmentIsRefused() async throws {
        let directory = RecoveryDirectory("zeroed-sealed-header")
        defer { directory.remove() }
        try await RecoveryDirectory.makeLog(directory, through: 150).close()
        let segments = try directory.segmentPaths()
        try #require(segments.count >= 2)
        try RecoveryDirectory.overwrite(segments[0], at: 0, with: [UInt8](repeating: 0, count: 32))
        RecoveryDirectory.expectCorrupted(directory.openError(), file: segments[0], offset: 0)
    }

    // MARK: Hard state slots

    /// Goal: damage to the newest hard-state slot falls back to the other slot, which holds the state synced
    /// before. Method: save A then B (both synced), find the slot with the higher sequence number (it must hold B's
    /// term), flip a bit in its term; reopen must load A.
    @Test func corruptNewestHardStateSlotFallsBackToTheOther() async throws {
        let directory = RecoveryDirectory("hardstate-fallback")
        defer { directory.remove() }
        let older = HardState(term: 3, vote: 1, commit: 20)
        let newer = HardState(term: 4, vote: 2, commit: 30)
        do {
            let log = try await RecoveryDirectory.makeLog(directory, through: 40)
            try log.saveHardState(older, sync: true)
            try log.saveHardState(newer, sync: true)
            log.close()
        }
        let path = directory.path + "/hardstate"
        let bytes = try RecoveryDirectory.contents(of: path)
        let sequences = [0, 512].map { RecoveryDirectory.loadUInt64(bytes, at: $0 + 8) }
        let newest = sequences[0] > sequences[1] ? 0 : 512
        #expect(RecoveryDirectory.loadUInt64(bytes, at: newest + 16) == newer.term.rawValue)
        try RecoveryDirectory.flipBit(in: path, at: newest + 16, bit: 2)
        let log = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
        defer { log.close() }
        #expect(log.hardState == older)
        #expect(try log.initialState().hardState == older)
    }

    /// Goal: when both hard-state slots hold content and neither is valid, the vote is lost: refuse to open.
    /// Method: save two synced states, flip a bit in each slot; open must throw `.corrupted` naming the file.
    @Test func corruptBothHardStateSlotsIsRefused() async throws {
        let directory = RecoveryDirectory("hardstate-both")
        defer { directory.remove() }
        do {
            let log = try await RecoveryDirectory.makeLog(directory, through: 40)
            try log.saveHardState(HardState(term: 3, vote: 1, commit: 20), sync: true)
            try log.saveHardState(HardState(term: 4, vote: 2, commit: 30), sync: true)
            log.close()
        }
        let path = directory.path + "/hardstate"
        try RecoveryDirectory.flipBit(in: path, at: 20, bit: 0)
        try RecoveryDirectory.flipBit(in: path, at: 512 + 20, bit: 0)
        guard case .corrupted(let file, _, _)? = directory.openError() else {
            Issue.record("a hard state with two damaged slots was accepted")
            return
        }
        #expect(file == path)
    }

    // MARK: Snapshots

    /// Goal: a damaged snapshot file is refused (it was fsynced before it got its name, so damage is not a torn
    /// write). Method: create a snapshot, flip a bit in its data; open must throw `.corrupted` naming that file.
    @Test func snapshotWithAFlippedBitIsRefused() async throws {
        let directory = RecoveryDirectory("snapshot-flip")
        defer { directory.remove() }
        do {
            let log = try await RecoveryDirectory.makeLog(directory, through: 60)
            try await log.createSnapshot(at: 30, confState: ConfState(voters: [1, 2, 3]), data: Array(0..<200))
            log.close()
        }
        let snapshots = try directory.files(in: "snapshots")
        try #require(snapshots.count == 1)
        let path = directory.path + "/snapshots/" + snapshots[0]
        #expect(snapshots[0].hasSuffix(".snap"))
        let size = try RecoveryDirectory.size(of: path)
        try RecoveryDirectory.flipBit(in: path, at: size - 4 - 100, bit: 5)
        guard case .corrupted(let file, _, _)? = directory.openError() else {
            Issue.record("a damaged snapshot was accepted")
            return
        }
        #expect(file == path)
    }

    /// Goal: a leftover temporary snapshot file (a crash before the rename) is removed and ignored, even when its
    /// name says it is newer. Method: after a snapshot at 30, write garbage as a `.tmp` for index 99; open must
    /// succeed with the snapshot at 30 and the `.tmp` gone.
    @Test func leftoverTemporarySnapshotIsRemovedAndIgnored() async throws {
        let directory = RecoveryDirectory("snapshot-tmp")
        defer { directory.remove() }
        let confState = ConfState(voters: [1, 2, 3])
        do {
            let log = try await RecoveryDirectory.makeLog(directory, through: 60)
            try await log.createSnapshot(at: 30, confState: confState, data: [1, 2, 3])
            log.close()
        }
        let temporary =
            directory.path + "/snapshots/" + String(repeating: "0", count: 18) + "99-"
            + String(repeating: "0", count: 19) + "9.snap.tmp"
        #expect(FileManager.default.createFile(atPath: temporary, contents: Data([UInt8](repeating: 0xAB, count: 77))))
        let log = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
        defer { log.close() }
        #expect(!FileManager.default.fileExists(atPath: temporary), "the temporary snapshot was kept")
        let snapshot = try log.snapshot()
        #expect(snapshot.metadata.index == 30)
        #expect(snapshot.data == [1, 2, 3])
        #expect(log.firstIndex() == 31)
        #expect(log.lastIndex() == 60)
        #expect(try directory.files(in: "snapshots").allSatisfy { $0.hasSuffix(".snap") })
    }

    /// Where a snapshot from the leader lands relative to the log.
    enum DisagreeingSnapshot: String, CaseIterable, Sendable {
        /// Inside the log, with a term the log does not have at that index.
        case insideTheLogWithAnotherTerm
        /// Past the end of the log.
        case pastTheEnd
    }

    /// Goal: a snapshot from the leader whose (index, term) the log does not hold replaces the whole log, on disk
    /// too. Method: install it over a log of 100 entries; the log must be empty after the snapshot (first index
    /// S + 1, last index S, term(at: S) the snapshot's), exactly one empty segment file must remain on disk (named
    /// S + 1), and the same must hold after a reopen; an append at S + 1 then works and survives a reopen.
    @Test(arguments: DisagreeingSnapshot.allCases)
    func disagreeingSnapshotDiscardsTheLog(placement: DisagreeingSnapshot) async throws {
        let directory = RecoveryDirectory("install-\(placement.rawValue)")
        defer { directory.remove() }
        let index: UInt64 = placement == .pastTheEnd ? 150 : 60
        let snapshot = Snapshot(
            metadata: SnapshotMetadata(index: LogIndex(index), term: 7, confState: ConfState(voters: [1, 2])),
            data: [9, 9, 9])
        let expectedSegment = directory.path + "/log/" + RecoveryDirectory.segmentName(index + 1)
        do {
            let log = try await RecoveryDirectory.makeLog(directory, through: 100)
            #expect(try log.term(at: LogIndex(min(index, 100))) != 7)
            try await log.installSnapshot(snapshot)
            RecoveryDirectory.expectEmptyAfter(snapshot, log, "\(placement)")
            #expect(try directory.segmentPaths() == [expectedSegment], "\(placement)")
            log.close()
        }
        do {
            let log = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
            RecoveryDirectory.expectEmptyAfter(snapshot, log, "\(placement) after reopen")
            #expect(try directory.segmentPaths() == [expectedSegment], "\(placement)")
            #expect(try RecoveryDirectory.size(of: expectedSegment) == 32, "\(placement)")
            try await log.append([RecoveryDirectory.entry(index + 1, term: 7)])
            log.close()
        }
        let log = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
        defer { log.close() }
        #expect(log.lastIndex() == LogIndex(index + 1))
        #expect(
            try log.entries(in: LogIndex(index + 1)..<LogIndex(index + 2), maxBytes: .max)
                == [RecoveryDirectory.entry(index + 1, term: 7)])
    }

    /// Goal: a snapshot from the leader whose (index, term) the log DOES hold keeps the entries after it (the
    /// documented other half of `installSnapshot`). Method: install a snapshot at 60 with the log's term at 60 over
    /// 100 entries; the log must hold 61...100, before and after a reopen.
    @Test func agreeingSnapshotKeepsTheEntriesAfterIt() async throws {
        let directory = RecoveryDirectory("install-agreeing")
        defer { directory.remove() }
        let snapshot = Snapshot(
            metadata: SnapshotMetadata(
                index: 60, term: RecoveryDirectory.entry(60).term, confState: ConfState(voters: [1])),
            data: [1])
        do {
            let log = try await RecoveryDirectory.makeLog(directory, through: 100)
            try await log.installSnapshot(snapshot)
            #expect(log.firstIndex() == 61)
            #expect(log.lastIndex() == 100)
            #expect(try log.entries(in: 61..<101, maxBytes: .max) == RecoveryDirectory.entries(61...100))
            log.close()
        }
        let log = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
        defer { log.close() }
        #expect(try log.snapshot() == snapshot)
        #expect(log.firstIndex() == 61)
        #expect(log.lastIndex() == 100)
        #expect(try log.entries(in: 61..<101, maxBytes: .max) == RecoveryDirectory.entries(61...100))
    }

    /// Goal: compaction deletes from disk exactly the segments the snapshot wholly covers. Method: a log over
    /// several segments; snapshot one entry into the fourth segment; the first three segment files must be gone
    /// and every other one kept, and the entries after the snapshot intact, before and after a reopen.
    @Test func createSnapshotDeletesTheSegmentsItCovers() async throws {
        let directory = RecoveryDirectory("compaction")
        defer { directory.remove() }
        let log = try await RecoveryDirectory.makeLog(directory, through: 250)
        let before = try directory.segmentPaths()
        try #require(before.count >= 5)
        let fourthFirst = try #require(RecoveryDirectory.firstIndex(ofSegment: before[3]))
        let index = fourthFirst + 1
        try await log.createSnapshot(at: LogIndex(index), confState: ConfState(voters: [1]), data: [])
        #expect(try directory.segmentPaths() == Array(before[3...]))
        #expect(
            try log.entries(in: LogIndex(index + 1)..<251, maxBytes: .max)
                == RecoveryDirectory.entries((index + 1)...250))
        log.close()
        let reopened = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
        defer { reopened.close() }
        #expect(try directory.segmentPaths() == Array(before[3...]))
        #expect(reopened.firstIndex() == LogIndex(index + 1))
        #expect(
            try reopened.entries(in: LogIndex(index + 1)..<251, maxBytes: .max)
                == RecoveryDirectory.entries((index + 1)...250))
    }

    // MARK: Lock

    /// Goal: one directory, one open log. Method: open a log, open the same directory again: `.locked` naming the
    /// directory; after closing the first, the directory opens again.
    @Test func secondOpenOfAnOpenDirectoryIsLocked() async throws {
        let directory = RecoveryDirectory("lock")
        defer { directory.remove() }
        let log = try await RecoveryDirectory.makeLog(directory, through: 10)
        #expect(directory.openError() == .locked(directory: directory.path))
        log.close()
        let again = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
        #expect(again.lastIndex() == 10)
        again.close()
    }

    // MARK: Contract errors

    /// Goal: writes that break the storage contract are refused with `.invalidRequest` and change nothing.
    /// Method: on a log holding 21...60 after a snapshot at 20, try an append leaving a gap, appends at and below
    /// the snapshot, non-contiguous entries, a snapshot past the end or not after the current one, an older or
    /// empty leader snapshot; each must throw `.invalidRequest` and leave the bounds, the entries, the snapshot and
    /// the segment files exactly as they were, also after a reopen.
    @Test func contractViolationsAreRefusedAndChangeNothing() async throws {
        let directory = RecoveryDirectory("contract")
        defer { directory.remove() }
        var log = try await RecoveryDirectory.makeLog(directory, through: 60)
        try await log.createSnapshot(at: 20, confState: ConfState(voters: [1]), data: [7])
        let before = try RecoveryDirectory.Fingerprint(log, directory)
        let oldSnapshot = Snapshot(
            metadata: SnapshotMetadata(index: 10, term: 1, confState: ConfState(voters: [1])), data: [])
        let attempts: [(String, (DurableLog) async throws -> Void)] = [
            ("gap", { try await $0.append([RecoveryDirectory.entry(62)]) }),
            ("at the snapshot", { try await $0.append(RecoveryDirectory.entries(20...22)) }),
            ("below the snapshot", { try await $0.append(RecoveryDirectory.entries(10...11)) }),
            ("not contiguous", { try await $0.append([RecoveryDirectory.entry(61), RecoveryDirectory.entry(63)]) }),
            ("repeated index", { try await $0.append([RecoveryDirectory.entry(61), RecoveryDirectory.entry(61)]) }),
            (
                "snapshot past the end",
                { try await $0.createSnapshot(at: 61, confState: ConfState(voters: [1]), data: []) }
            ),
            (
                "snapshot at the current one",
                { try await $0.createSnapshot(at: 20, confState: ConfState(voters: [1]), data: []) }
            ),
            ("older leader snapshot", { try await $0.installSnapshot(oldSnapshot) }),
            ("empty leader snapshot", { try await $0.installSnapshot(.empty) }),
        ]
        for (name, attempt) in attempts {
            do {
                try await attempt(log)
                Issue.record("\(name): accepted")
            } catch {
                guard case .invalidRequest? = error as? StorageError else {
                    Issue.record("\(name): threw \(error), expected .invalidRequest")
                    continue
                }
            }
            #expect(try RecoveryDirectory.Fingerprint(log, directory) == before, "\(name) changed the log")
        }
        // The log still takes a valid append afterwards.
        log.close()
        log = try DurableLog.open(directory: directory.path, options: RecoveryDirectory.options)
        defer { log.close() }
        #expect(try RecoveryDirectory.Fingerprint(log, directory) == before, "changed after reopen")
        try await log.append([RecoveryDirectory.entry(61)])
        #expect(log.lastIndex() == 61)
    }

    // MARK: Reads verify checksums

    /// Goal: reads never return damaged bytes: a record damaged on disk while the log is open (behind its back)
    /// makes every read that covers it fail with `.failure`, and reads that do not cover it still work. Method:
    /// flip a bit in the data of an entry in a sealed segment through a separate file handle while the log is
    /// open; then read that entry alone, a range across it, and a range before it; finally reopen, which must
    /// refuse with `.corrupted` at that record.
    @Test func readsOfADamagedRecordFailInsteadOfReturningData() async throws {
        let directory = RecoveryDirectory("read-verify")
        defer { directory.remove() }
        let log = try await RecoveryDirectory.makeLog(directory, through: 150)
        let segments = try directory.segmentPaths()
        try #require(segments.count >= 3)
        let segmentFirst = try #require(RecoveryDirectory.firstIndex(ofSegment: segments[1]))
        let records = try RecoveryDirectory.records(in: segments[1])
        let position = records.count / 2
        let damagedIndex = segmentFirst + UInt64(position)
        let damaged = records[position]
        #expect(RecoveryDirectory.entry(damagedIndex).data.count > 0)
        try RecoveryDirectory.flipBit(in: segments[1], at: damaged.offset + damaged.size - 1, bit: 6)

        for range in [
            LogIndex(damagedIndex)..<LogIndex(damagedIndex + 1),
            LogIndex(damagedIndex - 2)..<LogIndex(damagedIndex + 3),
            1..<151,
        ] {
            do throws(LogStorageError) {
                let entries = try log.entries(in: range, maxBytes: .max)
                Issue.record("entries(in: \(range)) returned \(entries.count) entries over a damaged record")
            } catch {
                guard case .failure = error else {
                    Issue.record("entries(in: \(range)) threw \(error), expected .failure")
                    continue
                }
            }
        }
        #expect(
            try log.entries(in: 1..<LogIndex(damagedIndex), maxBytes: .max)
                == RecoveryDirectory.entries(1...(damagedIndex - 1)))
        log.close()
        RecoveryDirectory.expectCorrupted(directory.openError(), file: segments[1], offset: damaged.offset)
    }

    // MARK: Format and CRC-32C

    /// Goal: the log writes exactly the documented format with CRC-32C (Castagnoli) checksums. CRC32C is internal,
    /// so it is checked indirectly. Method: this file's bitwise CRC-32C gives the known answer 0xE3069283 for
    /// "123456789"; a segment the log wrote must equal, byte for byte, the header and records built here with it;
    /// and a segment built here from scratch must open and read back.
    @Test func segmentsUseTheDocumentedFormatAndCRC32C() async throws {
        #expect(RecoveryDirectory.crc32c(Array("123456789".utf8)) == 0xE306_9283)

        let written = RecoveryDirectory("format-written")
        defer { written.remove() }
        let entries = [
            Entry(term: 1, index: 1),
            Entry(term: 1, index: 2, data: Array("hello".utf8)),
            Entry(term: 2, index: 3, kind: .configChange, data: [0, 1, 2, 255]),
        ]
        do {
            let log = try DurableLog.open(directory: written.path)
            try await log.append(entries)
            log.close()
        }
        let expected = RecoveryDirectory.segmentHeader(firstIndex: 1) + entries.flatMap(RecoveryDirectory.record)
        #expect(try written.segmentPaths() == [written.path + "/log/" + RecoveryDirectory.segmentName(1)])
        #expect(try RecoveryDirectory.contents(of: written.segmentPaths()[0]) == expected)

        let crafted = RecoveryDirectory("format-crafted")
        defer { crafted.remove() }
        try FileManager.default.createDirectory(atPath: crafted.path + "/log", withIntermediateDirectories: true)
        let handmade = (1...5).map { Entry(term: Term(3), index: LogIndex(UInt64($0)), data: [UInt8($0), 0xEE]) }
        let bytes = RecoveryDirectory.segmentHeader(firstIndex: 1) + handmade.flatMap(RecoveryDirectory.record)
        #expect(
            FileManager.default.createFile(
                atPath: crafted.path + "/log/" + RecoveryDirectory.segmentName(1), contents: Data(bytes)))
        let log = try DurableLog.open(directory: crafted.path)
        defer { log.close() }
        #expect(log.firstIndex() == 1)
        #expect(log.lastIndex() == 5)
        #expect(try log.entries(in: 1..<6, maxBytes: .max) == handmade)
    }
}

/// A fresh log directory under the system temporary directory, and the file-system tools the tests damage it with.
private struct RecoveryDirectory {
    let path: String

    init(_ label: String) {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("flotilla-recovery-\(label)-\(UUID().uuidString)").path
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Small segments, so a few hundred entries span several.
    static let options: DurableLog.Options = {
        var options = DurableLog.Options()
        options.segmentBytes = 4_096
        return options
    }()

    /// The entry the tests write at `index`: 20–139 bytes of data derived from the index, term 1 + index / 40.
    static func entry(_ index: UInt64, term: UInt64? = nil) -> Entry {
        let size = 20 + Int((index &* 7_919) % 120)
        let data = (0..<size).map { UInt8(truncatingIfNeeded: index &* 31 &+ UInt64($0)) }
        return Entry(term: Term(term ?? (1 + index / 40)), index: LogIndex(index), data: data)
    }

    static func entries(_ indexes: ClosedRange<UInt64>) -> [Entry] { indexes.map { entry($0) } }

    /// A log in `directory` holding `entry(1)...entry(last)`, appended in batches of 7.
    static func makeLog(_ directory: RecoveryDirectory, through last: UInt64) async throws -> DurableLog {
        let log = try DurableLog.open(directory: directory.path, options: options)
        var next: UInt64 = 1
        while next <= last {
            let end = min(last, next + 6)
            try await log.append(entries(next...end))
            next = end + 1
        }
        return log
    }

    /// The error `DurableLog.open` throws for this directory, or nil if it opened (it is closed again).
    func openError() -> StorageError? {
        do {
            let log = try DurableLog.open(directory: path, options: Self.options)
            log.close()
            return nil
        } catch {
            return error
        }
    }

    static func expectCorrupted(
        _ error: StorageError?, file: String, offset: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard case .corrupted(let actualFile, let actualOffset, _)? = error else {
            Issue.record(
                "expected .corrupted(file: \(file), offset: \(offset)), got \(error.map { "\($0)" } ?? "a log that opened")",
                sourceLocation: sourceLocation)
            return
        }
        #expect(actualFile == file, "\(error!)", sourceLocation: sourceLocation)
        #expect(actualOffset == offset, "\(error!)", sourceLocation: sourceLocation)
    }

    /// Checks that `log` holds nothing but `snapshot`.
    static func expectEmptyAfter(
        _ snapshot: Snapshot, _ log: DurableLog, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let index = snapshot.metadata.index
        #expect(log.firstIndex() == index + 1, "\(comment)", sourceLocation: sourceLocation)
        #expect(log.lastIndex() == index, "\(comment)", sourceLocation: sourceLocation)
        #expect((try? log.snapshot()) == snapshot, "\(comment)", sourceLocation: sourceLocation)
        #expect((try? log.term(at: index)) == snapshot.metadata.term, "\(comment)", sourceLocation: sourceLocation)
        #expect(
            throws: LogStorageError.unavailable, "\(comment)", sourceLocation: sourceLocation,
            performing: { try log.term(at: index + 1) })
        #expect(
            throws: LogStorageError.compacted, "\(comment)", sourceLocation: sourceLocation,
            performing: { try log.term(at: index - 1) })
        #expect(
            (try? log.entries(in: (index + 1)..<(index + 1), maxBytes: .max)) == [], "\(comment)",
            sourceLocation: sourceLocation)
    }

    /// Everything a contract violation must leave alone.
    struct Fingerprint: Equatable {
        var firstIndex: LogIndex
        var lastIndex: LogIndex
        var entries: [Entry]
        var snapshot: Snapshot
        var files: [String: Int]

        init(_ log: DurableLog, _ directory: RecoveryDirectory) throws {
            firstIndex = log.firstIndex()
            lastIndex = log.lastIndex()
            entries = try log.entries(in: firstIndex..<(lastIndex + 1), maxBytes: .max)
            snapshot = try log.snapshot()
            files = [:]
            for folder in ["log", "snapshots"] {
                for name in try directory.files(in: folder) {
                    files[folder + "/" + name] = try RecoveryDirectory.size(
                        of: directory.path + "/" + folder + "/" + name)
                }
            }
        }
    }

    // MARK: Files

    func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path + "/" + folder).sorted()
    }

    /// The segment files, in index order (the 20-digit names sort by index).
    func segmentPaths() throws -> [String] {
        try files(in: "log").filter { $0.hasSuffix(".seg") }.map { path + "/log/" + $0 }
    }

    static func segmentName(_ firstIndex: UInt64) -> String {
        let digits = String(firstIndex)
        return String(repeating: "0", count: 20 - digits.count) + digits + ".seg"
    }

    static func firstIndex(ofSegment path: String) -> UInt64? {
        UInt64(URL(fileURLWithPath: path).lastPathComponent.dropLast(4))
    }

    /// The offset and size of every record of a segment, found by walking the length fields.
    static func records(in path: String) throws -> [(offset: Int, size: Int)] {
        let bytes = try contents(of: path)
        var records: [(offset: Int, size: Int)] = []
        var offset = 32
        while offset + 12 <= bytes.count {
            let size = 12 + Int(loadUInt32(bytes, at: offset))
            guard offset + size <= bytes.count else { break }
            records.append((offset, size))
            offset += size
        }
        return records
    }

    static func contents(of path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        return [UInt8](data)
    }

    static func size(of path: String) throws -> Int { try contents(of: path).count }

    /// Writes `bytes` at `offset` in place (a pwrite through a separate file handle).
    static func overwrite(_ path: String, at offset: Int, with bytes: [UInt8]) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: bytes)
    }

    static func flipBit(in path: String, at offset: Int, bit: Int) throws {
        let byte = try contents(of: path)[offset]
        try overwrite(path, at: offset, with: [byte ^ UInt8(1 << bit)])
    }

    static func truncate(_ path: String, to size: Int) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.truncate(atOffset: UInt64(size))
    }

    static func appendBytes(_ bytes: [UInt8], to path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: bytes)
    }

    // MARK: The on-disk format, rebuilt from its documentation

    static func crc32c(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    static func loadUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    static func loadUInt64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }

    /// `"FLTSEG01" version:u32 reserved:u32 firstIndex:u64 crc:u32 reserved:u32`.
    static func segmentHeader(firstIndex: UInt64) -> [UInt8] {
        var bytes = Array("FLTSEG01".utf8) + littleEndian(UInt32(1)) + littleEndian(UInt32(0))
        bytes += littleEndian(firstIndex)
        return bytes + littleEndian(crc32c(bytes)) + littleEndian(UInt32(0))
    }

    /// `bodyLength:u32 lengthCRC:u32 bodyCRC:u32 body`, body `index:u64 term:u64 kind:u8 data`.
    static func record(_ entry: Entry) -> [UInt8] {
        let body =
            littleEndian(entry.index.rawValue) + littleEndian(entry.term.rawValue) + [entry.kind.rawValue] + entry.data
        let length = littleEndian(UInt32(body.count))
        return length + littleEndian(crc32c(length)) + littleEndian(crc32c(body)) + body
    }
}
