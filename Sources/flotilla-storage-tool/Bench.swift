import ArgumentParser
import Foundation
import RaftCore
import RaftStorage

#if canImport(Glibc)
    import Glibc
#endif

extension StorageTool {
    /// The storage benchmark of issue 3, with the raw limit measured in the same run on the same directory.
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Benchmark durable appends against a raw write+fdatasync loop, and recovery of a large log.",
            discussion: """
                Every measurement writes 1 KiB entries into DIR (default: ./storage-bench, removed afterwards):
                  raw-1      write(1 KiB) + fdatasync, one at a time (the raw limit)
                  raw-64     64 x 1 KiB in one write + one fdatasync (the batched raw limit)
                  log-1      one writer: append one entry, wait until durable, repeat
                  log-64     64 concurrent appenders, one entry each per append (group commit)
                Then it writes a log of --recovery-gib GiB and runs `verify` on it in a child process to time
                open + recovery + checksum verification of every entry, and to read its peak memory.
                """)

        @Option(help: "Directory to benchmark in (created; removed afterwards).") var dir = "storage-bench"
        @Option(help: "Seconds per measurement.") var seconds = 3.0
        @Option(help: "Repetitions of each measurement (median and range reported).") var repeats = 3
        @Option(help: "Size of the log for the recovery measurement, in GiB (0 to skip).") var recoveryGib = 1.0
        @Option(help: "Entries of the log for the lookup measurement (0 to skip).") var lookupEntries = 10_000_000

        func run() async throws {
            try? FileManager.default.removeItem(atPath: dir)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            report("storage benchmark in \(dir), 1 KiB entries, \(repeats) x \(seconds) s each")
            var results: [(String, [Double])] = [("raw-1", []), ("raw-64", []), ("log-1", []), ("log-64", [])]
            for _ in 0..<repeats {
                results[0].1.append(try rawLoop(batch: 1))
                results[1].1.append(try rawLoop(batch: 64))
                results[2].1.append(try await logOneWriter())
                results[3].1.append(try await logConcurrent(appenders: 64))
            }
            for (name, rates) in results {
                let sorted = rates.sorted()
                report(
                    "\(name): median \(Int(sorted[sorted.count / 2])) entries/s (min \(Int(sorted.first!)), max \(Int(sorted.last!)))"
                )
            }
            let median = { (name: String) in results.first { $0.0 == name }!.1.sorted()[repeats / 2] }
            report(String(format: "log-1 / raw-1 = %.0f%%", 100 * median("log-1") / median("raw-1")))
            report(String(format: "log-64 / log-1 = %.1fx", median("log-64") / median("log-1")))
            if recoveryGib > 0 { try await recovery() }
            if lookupEntries > 0 { try await lookups() }
        }

        /// Term lookups and single-entry reads at random indexes of a log of `lookupEntries` small entries.
        private func lookups() async throws {
            let log = try freshLog("lookup")
            defer { log.close() }
            var next = LogIndex(1)
            let data = [UInt8](repeating: 7, count: 8)
            while next.rawValue <= UInt64(lookupEntries) {
                let batch = (0..<UInt64(min(65_536, lookupEntries - Int(next.rawValue) + 1))).map {
                    // A new term every 1,000 entries: 10,000 term runs on a 10-million-entry log.
                    Entry(term: Term(1 + (next.rawValue + $0) / 1_000), index: next + $0, data: data)
                }
                try await log.append(batch)
                next = next + UInt64(batch.count)
            }
            var random = SplitMix64(seed: 1)
            let count = 1_000_000
            var start = ContinuousClock.now
            var checksum: UInt64 = 0
            for _ in 0..<count {
                checksum &+= try log.term(at: LogIndex(UInt64.random(in: 1...UInt64(lookupEntries), using: &random)))
                    .rawValue
            }
            let termNanoseconds = (ContinuousClock.now - start) / .nanoseconds(1) / Double(count)
            start = ContinuousClock.now
            for _ in 0..<count / 10 {
                let index = LogIndex(UInt64.random(in: 1...UInt64(lookupEntries), using: &random))
                checksum &+= UInt64(try log.entries(in: index..<(index + 1), maxBytes: 1 << 20).count)
            }
            let readNanoseconds = (ContinuousClock.now - start) / .nanoseconds(1) / Double(count / 10)
            report(
                "lookups on a \(lookupEntries)-entry log: term(at:) \(Int(termNanoseconds)) ns, one-entry read "
                    + "\(Int(readNanoseconds)) ns (random indexes; checksum \(checksum % 10)); peak RSS \(peakResidentMegabytes()) MiB"
            )
        }

        private func payload() -> [UInt8] { [UInt8](repeating: 0x42, count: 1_024) }

        /// write + fdatasync in a loop, `batch` KiB per write.
        private func rawLoop(batch: Int) throws -> Double {
            let path = dir + "/raw-\(batch)"
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o600)
            guard fd >= 0 else { throw ValidationError("cannot create \(path)") }
            defer {
                close(fd)
                unlink(path)
            }
            let bytes = [UInt8](repeating: 0x42, count: 1_024 * batch)
            let deadline = ContinuousClock.now + .seconds(seconds)
            let start = ContinuousClock.now
            var entries = 0
            while ContinuousClock.now < deadline {
                _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                fdatasync(fd)
                entries += batch
            }
            return Double(entries) / ((ContinuousClock.now - start) / .seconds(1))
        }

        private func freshLog(_ name: String) throws -> DurableLog {
            try? FileManager.default.removeItem(atPath: dir + "/" + name)
            return try DurableLog.open(directory: dir + "/" + name)
        }

        private func logOneWriter() async throws -> Double {
            let log = try freshLog("log-1")
            defer { log.close() }
            let data = payload()
            var next = LogIndex(1)
            let deadline = ContinuousClock.now + .seconds(seconds)
            let start = ContinuousClock.now
            while ContinuousClock.now < deadline {
                try await log.append([Entry(term: 1, index: next, data: data)])
                next = next + 1
            }
            return Double(next.rawValue - 1) / ((ContinuousClock.now - start) / .seconds(1))
        }

        private func logConcurrent(appenders: Int) async throws -> Double {
            let log = try freshLog("log-\(appenders)")
            defer { log.close() }
            let sequencer = Sequencer(log: log, data: payload())
            let deadline = ContinuousClock.now + .seconds(seconds)
            let start = ContinuousClock.now
            let total = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<appenders {
                    group.addTask {
                        var done = 0
                        while ContinuousClock.now < deadline {
                            try await sequencer.begin().wait()
                            done += 1
                        }
                        return done
                    }
                }
                return try await group.reduce(0, +)
            }
            return Double(total) / ((ContinuousClock.now - start) / .seconds(1))
        }

        /// Builds a large log, then times `verify` on it in a fresh process.
        private func recovery() async throws {
            let log = try freshLog("recovery")
            let count = Int(recoveryGib * Double(1 << 30)) / (1_024 + 29)
            let data = payload()
            var next = LogIndex(1)
            while next.rawValue <= UInt64(count) {
                let batch = (0..<UInt64(min(1_024, count - Int(next.rawValue) + 1))).map {
                    Entry(term: Term(1 + (next.rawValue + $0) / 100_000), index: next + $0, data: data)
                }
                try await log.append(batch)
                next = next + UInt64(batch.count)
            }
            log.close()
            let dropped =
                (try? "3\n".write(toFile: "/proc/sys/vm/drop_caches", atomically: false, encoding: .utf8)) != nil
            report(
                "recovery of a \(count)-entry log (\(String(format: "%.2f", recoveryGib)) GiB), page cache \(dropped ? "dropped" : "warm"):"
            )
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            child.arguments = ["verify", dir + "/recovery"]
            try child.run()
            child.waitUntilExit()
        }
    }
}

/// Assigns indexes and submits appends in one step, so concurrent appenders never leave a gap.
actor Sequencer {
    private let log: DurableLog
    private let data: [UInt8]
    private var next = LogIndex(1)

    init(log: DurableLog, data: [UInt8]) {
        self.log = log
        self.data = data
    }

    func begin() throws -> PendingWrite {
        defer { next = next + 1 }
        return try log.beginAppend([Entry(term: 1, index: next, data: data)])
    }
}
