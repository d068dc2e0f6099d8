import ArgumentParser
import Foundation
import RaftCore
import RaftStorage

#if canImport(Glibc)
    import Glibc
#endif

extension StorageTool {
    /// Opens a log as a node would and reads back everything.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a log directory (running recovery) and read back every entry, verifying checksums.")

        @Argument(help: "The log directory.") var dir: String

        func run() async throws {
            let start = ContinuousClock.now
            let log: DurableLog
            do {
                log = try DurableLog.open(directory: dir)
            } catch {
                print("refused: \(error)")
                throw ExitCode(2)
            }
            let opened = ContinuousClock.now
            let summary = try readAll(log)
            let finished = ContinuousClock.now
            print(
                "entries \(log.firstIndex())...\(log.lastIndex()) (\(summary.entries) entries, \(summary.bytes) payload bytes), "
                    + "hard state \(log.hardState), snapshot at \(try log.snapshot().metadata.index)")
            print(
                "open+recover \(milliseconds(opened - start)) ms, read+verify \(milliseconds(finished - opened)) ms, peak RSS \(peakResidentMegabytes()) MiB"
            )
            log.close()
        }
    }
}

/// Reads every entry of `log` in pages, verifying each checksum.
func readAll(_ log: DurableLog) throws -> (entries: Int, bytes: Int) {
    var next = log.firstIndex()
    let end = log.lastIndex() + 1
    var entries = 0
    var bytes = 0
    while next < end {
        let page = try log.entries(in: next..<end, maxBytes: 8 << 20)
        entries += page.count
        bytes += page.reduce(0) { $0 + $1.data.count }
        next = page.last!.index + 1
    }
    return (entries, bytes)
}

func milliseconds(_ duration: Duration) -> Int {
    Int(duration / .milliseconds(1))
}

/// The process's peak resident set (getrusage), in MiB.
func peakResidentMegabytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) / 1_024
}
