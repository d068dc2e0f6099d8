import ArgumentParser
import RaftCore
import RaftStorage

/// `flotilla-storage-tool`: operate on a node's durable log directory, and the child processes and benchmark
/// the storage tests use.
@main
struct StorageTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flotilla-storage-tool",
        abstract: "Inspect, verify and benchmark Flotilla's durable Raft log.",
        discussion: """
            verify opens a log directory exactly as a node does (recovery included), then reads back every entry
            with its checksum. bench measures appends against the raw write+fdatasync limit of the same directory.
            crash-child and fill-child are the child processes of the crash and disk-full tests.
            """,
        subcommands: [Verify.self, Bench.self, CrashChild.self, FillChild.self])
}

/// The deterministic entries the children write, so a parent can check every byte it reads back.
enum TestPattern {
    static func entry(at index: LogIndex) -> Entry {
        let size = 64 + Int(index.rawValue % 193)
        let data = [UInt8](repeating: UInt8(truncatingIfNeeded: index.rawValue % 251), count: size)
        return Entry(term: Term(1 + index.rawValue / 1_000), index: index, data: data)
    }
}
