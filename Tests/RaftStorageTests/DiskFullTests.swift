import RaftCore
import RaftStorage
import Testing

/// Disk full (issue 3): an append that cannot be written fails with a typed error, nothing of it is reported
/// durable or read back, and appends resume once space returns.
@Suite struct DiskFullTests {
    /// Goal: disk full is a typed, recoverable error. Method: the child appends under a 200 kB file-size limit
    /// (RLIMIT_FSIZE, with SIGXFSZ ignored so the write fails with EFBIG) until an append fails; it prints the
    /// error and the log's last index, lifts the limit, and appends the failed batch again. The parent checks the
    /// error named the segment file, that the failed append left the log at the last reported durable entry, that
    /// the retry succeeded, and that the reopened log holds exactly the pattern up to the retried batch.
    @Test func diskFullIsTypedAndAppendsResumeWhenSpaceReturns() throws {
        let directory = ScratchDirectory("full")
        defer { directory.remove() }
        let child = try ChildProcess(executable: storageToolPath, arguments: ["fill-child", "--dir", directory.path])
        let status = child.finish()
        #expect(status == 0, "child output: \(child.lines)")

        let durable = child.lines.filter { $0.hasPrefix("durable ") }.compactMap { UInt64($0.dropFirst(8)) }.max() ?? 0
        let full = try #require(child.lines.first { $0.hasPrefix("diskfull ") })
        #expect(full.hasPrefix("diskfull \(directory.path)/log/"), "\(full)")
        #expect(child.lines.contains("last \(durable)"), "a failed append changed the log: \(child.lines)")
        #expect(child.lines.contains("resumed \(durable + 8)"), "\(child.lines)")
        #expect(durable > 100)

        let log = try DurableLog.open(directory: directory.path)
        defer { log.close() }
        #expect(log.lastIndex() == LogIndex(durable + 8))
        #expect(try firstPatternMismatch(in: log) == nil)
    }
}
