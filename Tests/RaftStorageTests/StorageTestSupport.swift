import Foundation
import RaftCore
import RaftStorage

#if canImport(Glibc)
    import Glibc
#endif

/// A fresh directory under the system temporary directory, removed by ``remove()``.
struct ScratchDirectory {
    let path: String

    init(_ label: String) {
        let unique = "flotilla-\(label)-\(getpid())-\(UInt64.random(in: 0..<UInt64.max))"
        path = FileManager.default.temporaryDirectory.appendingPathComponent(unique).path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The entries `flotilla-storage-tool`'s children write (the same formula as its `TestPattern`), so every byte
/// read back can be checked.
func patternEntry(at index: LogIndex) -> Entry {
    let size = 64 + Int(index.rawValue % 193)
    let data = [UInt8](repeating: UInt8(truncatingIfNeeded: index.rawValue % 251), count: size)
    return Entry(term: Term(1 + index.rawValue / 1_000), index: index, data: data)
}

/// Reads the whole log back and returns the first entry that differs from the pattern, if any.
func firstPatternMismatch(in log: DurableLog) throws -> LogIndex? {
    var next = log.firstIndex()
    let end = log.lastIndex() + 1
    while next < end {
        let page = try log.entries(in: next..<end, maxBytes: 4 << 20)
        for entry in page where entry != patternEntry(at: entry.index) { return entry.index }
        next = page.last!.index + 1
    }
    return nil
}

/// The built `flotilla-storage-tool`, next to the test binary in the build products directory.
var storageToolPath: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("flotilla-storage-tool").path
}

/// A child process whose standard output is read line by line as it arrives.
final class ChildProcess {
    private let process = Process()
    private let output = Pipe()
    private var buffer: [UInt8] = []
    private(set) var lines: [String] = []

    init(executable: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Blocks until `count` lines starting with `prefix` have arrived; false if the child exited first.
    func waitForLines(prefix: String, count: Int) -> Bool {
        while lines.filter({ $0.hasPrefix(prefix) }).count < count {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { return false }
            absorb(chunk)
        }
        return true
    }

    /// SIGKILL: the child gets no chance to finish anything.
    func kill() { Glibc.kill(process.processIdentifier, SIGKILL) }

    /// Waits for the child to exit, collects every line it printed, and returns its exit status.
    @discardableResult
    func finish() -> Int32 {
        process.waitUntilExit()
        absorb(output.fileHandleForReading.readDataToEndOfFile())
        return process.terminationStatus
    }

    private func absorb(_ data: Data) {
        buffer += data
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(String(decoding: buffer[..<newline], as: UTF8.self))
            buffer.removeSubrange(...newline)
        }
    }
}

/// The paths of a log directory's segment files, in index order.
func segmentPaths(in directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory + "/log").filter { $0.hasSuffix(".seg") }.sorted()
        .map { directory + "/log/" + $0 }
}

/// The offset and size of every record in a segment file, found by walking the length fields (no checks).
func recordSpans(inSegment path: String) throws -> [(offset: Int, size: Int)] {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    var spans: [(offset: Int, size: Int)] = []
    var offset = 32
    while offset + 12 <= bytes.count {
        let length = bytes[offset..<(offset + 4)].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let size = 12 + length
        guard offset + size <= bytes.count else { break }
        spans.append((offset, size))
        offset += size
    }
    return spans
}

/// Appends `bytes` to the file at `path`.
func appendBytes(_ bytes: [UInt8], to path: String) throws {
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: bytes)
    try handle.close()
}

/// Flips one bit of the file at `path`.
func flipBit(at offset: Int, bit: Int, in path: String) throws {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    bytes[offset] ^= UInt8(1 << bit)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}
