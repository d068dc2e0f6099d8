import Foundation
import RaftCore
import RaftStorage
import Testing

/// The crash harness (issue 3): a child process appends and fsyncs, reporting every durable batch on its standard
/// output, while the parent SIGKILLs it at random moments. After every kill the parent reopens the log and
/// requires every entry the child reported durable, byte for byte, and nothing after a gap.
@Suite struct CrashHarnessTests {
    /// Goal: no entry reported durable is ever lost to a crash, and recovery never returns a gap or a damaged
    /// entry. Method: 200 rounds, one log directory. Each round starts the child (which continues the log), waits
    /// for a random number of durable reports, lets a random amount of work pass, then SIGKILLs it (often in the
    /// middle of a write). Every 10th round the parent also simulates a torn last write: it appends a partial copy
    /// of the last record, or zero bytes, to the last segment. Then it reopens the log and checks: the last index
    /// covers every reported entry; every entry equals the pattern; the hard state is at least the last one the
    /// child reported synced and points inside the log.
    @Test func sigkillNeverLosesWhatWasReportedDurable() throws {
        let directory = ScratchDirectory("crash")
        defer { directory.remove() }
        var random = SplitMix64(seed: 20_261_127)
        var reportedDurable = LogIndex.zero
        var reportedSyncedCommit = LogIndex.zero
        for round in 1...200 {
            let child = try ChildProcess(
                executable: storageToolPath,
                arguments: [
                    "crash-child", "--dir", directory.path, "--seed", String(round), "--segment-bytes", "16384",
                ])
            let reports = Int.random(in: 1...10, using: &random)
            let arrived = child.waitForLines(prefix: "durable", count: reports)
            // Let a random amount of the next write happen before the kill.
            var spin = 0
            for step in 0..<Int.random(in: 0..<50_000, using: &random) { spin &+= step }
            child.kill()
            child.finish()
            #expect(arrived, "round \(round): the child exited before reporting (\(child.lines))")
            for line in child.lines where line.hasPrefix("durable ") {
                let fields = line.split(separator: " ")
                let index = LogIndex(UInt64(fields[1])!)
                reportedDurable = max(reportedDurable, index)
                if fields.count == 3 { reportedSyncedCommit = max(reportedSyncedCommit, index) }
            }

            if round % 10 == 0 {
                let before = try DurableLog.open(directory: directory.path)
                let lastBeforeTearing = before.lastIndex()
                before.close()
                try simulateTornWrite(in: directory.path, using: &random)
                let after = try DurableLog.open(directory: directory.path)
                #expect(after.lastIndex() == lastBeforeTearing, "round \(round): the torn write changed the log")
                after.close()
            }

            let log = try DurableLog.open(directory: directory.path)
            defer { log.close() }
            #expect(log.lastIndex() >= reportedDurable, "round \(round): lost entries reported durable")
            #expect(try firstPatternMismatch(in: log) == nil, "round \(round): an entry differs from what was written")
            #expect(log.hardState.commit >= reportedSyncedCommit, "round \(round): lost a synced hard state")
            #expect(log.hardState.commit <= log.lastIndex(), "round \(round): hard state points past the log")
        }
        #expect(reportedDurable > 1_000, "the harness wrote too little to mean anything")
    }

    /// Appends to the last segment what a crash in the middle of writing the next record leaves: a partial copy
    /// of the newest record (its length promising more bytes than follow), or a run of zero bytes.
    private func simulateTornWrite(in directory: String, using random: inout SplitMix64) throws {
        let segments = try segmentPaths(in: directory)
        let newest = try segments.reversed().lazy.compactMap { path in
            try recordSpans(inSegment: path).last.map { (path, $0) }
        }.first
        if let (path, record) = newest, random.next() % 2 == 0 {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let keep = Int.random(in: 1..<record.size, using: &random)
            try appendBytes(Array(bytes[record.offset..<(record.offset + keep)]), to: segments.last!)
        } else {
            try appendBytes([UInt8](repeating: 0, count: Int.random(in: 1...4096, using: &random)), to: segments.last!)
        }
    }

    /// Goal: a flipped bit in durable data is detected, never returned as an entry. Method: write a log through
    /// the child, then in 30 copies of it flip one random bit inside one random record; opening each copy must
    /// fail with `corrupted`, naming that segment and that record's offset.
    @Test func flippedBitsAreRefusedNotReturned() throws {
        let directory = ScratchDirectory("flips")
        defer { directory.remove() }
        let child = try ChildProcess(
            executable: storageToolPath,
            arguments: ["crash-child", "--dir", directory.path, "--seed", "3", "--segment-bytes", "16384"])
        #expect(child.waitForLines(prefix: "durable", count: 40))
        child.kill()
        child.finish()
        // Recover once so that a torn tail left by the kill is gone; then every record on disk is whole.
        try DurableLog.open(directory: directory.path).close()

        var random = SplitMix64(seed: 99)
        let segments = try segmentPaths(in: directory.path).filter { try !recordSpans(inSegment: $0).isEmpty }
        #expect(segments.count > 1)
        for trial in 0..<30 {
            let copy = ScratchDirectory("flip-copy")
            defer { copy.remove() }
            try FileManager.default.removeItem(atPath: copy.path)
            try FileManager.default.copyItem(atPath: directory.path, toPath: copy.path)
            let segment = segments[Int.random(in: 0..<segments.count, using: &random)]
            let spans = try recordSpans(inSegment: segment)
            let record = spans[Int.random(in: 0..<spans.count, using: &random)]
            let target = copy.path + "/log/" + URL(fileURLWithPath: segment).lastPathComponent
            try flipBit(
                at: record.offset + Int.random(in: 0..<record.size, using: &random),
                bit: Int.random(in: 0..<8, using: &random),
                in: target)
            do {
                let log = try DurableLog.open(directory: copy.path)
                log.close()
                Issue.record("trial \(trial): a flipped bit in \(target) at record \(record.offset) went unnoticed")
            } catch .corrupted(let file, let offset, _) {
                #expect(file == target, "trial \(trial)")
                #expect(
                    offset == record.offset, "trial \(trial): reported offset \(offset), record at \(record.offset)")
            } catch {
                Issue.record("trial \(trial): expected corrupted, got \(error)")
            }
        }
    }
}
