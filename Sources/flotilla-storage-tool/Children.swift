import ArgumentParser
import Foundation
import RaftCore
import RaftStorage

#if canImport(Glibc)
    import Glibc
#endif

/// Prints one line and flushes, so a parent reading the pipe sees it before the child can be killed.
func report(_ line: String) {
    var bytes = Array((line + "\n").utf8)
    // write(2) to file descriptor 1 is unbuffered: the line is in the pipe when this returns.
    _ = bytes.withUnsafeMutableBytes { Glibc.write(1, $0.baseAddress, $0.count) }
}

extension StorageTool {
    /// Appends forever, reporting every durable batch; the crash test SIGKILLs it at random moments.
    struct CrashChild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crash-child", abstract: "Append the test pattern until killed, printing 'durable N' lines.")

        @Option(help: "The log directory.") var dir: String
        @Option(help: "Largest batch.") var batchMax = 32
        @Option(help: "Seed for batch sizes.") var seed: UInt64 = 1
        @Option(help: "Segment size in bytes (small, to cross segment boundaries often).") var segmentBytes = 64 << 10

        func run() async throws {
            var options = DurableLog.Options()
            options.segmentBytes = segmentBytes
            let log = try DurableLog.open(directory: dir, options: options)
            var random = SplitMix64(seed: seed)
            var next = log.lastIndex() + 1
            report("opened \(log.lastIndex())")
            while true {
                let count = Int.random(in: 1...batchMax, using: &random)
                let entries = (0..<UInt64(count)).map { TestPattern.entry(at: next + $0) }
                try await log.append(entries)
                next = next + UInt64(count)
                // The hard state follows the entries (Ready order); synced every few batches.
                let synced = random.next() % 4 == 0
                try log.saveHardState(HardState(term: entries.last!.term, vote: 1, commit: next - 1), sync: synced)
                report(synced ? "durable \(next - 1) hardstate" : "durable \(next - 1)")
            }
        }
    }

    /// Appends under a file-size limit until the disk is "full", then lifts the limit and resumes.
    struct FillChild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fill-child", abstract: "Append under RLIMIT_FSIZE until disk full, then resume.")

        @Option(help: "The log directory.") var dir: String
        @Option(help: "File-size limit in bytes.") var limit = 200_000

        func run() async throws {
            signal(SIGXFSZ, SIG_IGN)  // Over the limit, write() then fails with EFBIG instead of killing us.
            var options = DurableLog.Options()
            options.segmentBytes = 1 << 30  // one segment, so the limit is hit inside it
            let log = try DurableLog.open(directory: dir, options: options)
            var limits = rlimit(rlim_cur: rlim_t(limit), rlim_max: rlim_t.max)
            setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limits)
            var next = log.lastIndex() + 1
            var failedBatch: [Entry] = []
            while failedBatch.isEmpty {
                let entries = (0..<UInt64(8)).map { TestPattern.entry(at: next + $0) }
                let failure = await appendReportingFailure(log, entries)
                switch failure {
                case nil:
                    next = next + 8
                    report("durable \(next - 1)")
                case .diskFull(let file)?:
                    report("diskfull \(file)")
                    failedBatch = entries
                case let other?:
                    throw other
                }
            }
            // A full disk rejects; the log is unchanged and reads still work.
            report("last \(log.lastIndex())")
            limits.rlim_cur = rlim_t.max
            setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limits)
            try await log.append(failedBatch)
            report("resumed \(failedBatch.last!.index)")
            log.close()
        }
    }
}

/// Appends, returning the typed error instead of throwing it.
func appendReportingFailure(_ log: DurableLog, _ entries: [Entry]) async -> StorageError? {
    do {
        try await log.append(entries)
        return nil
    } catch {
        return error
    }
}
