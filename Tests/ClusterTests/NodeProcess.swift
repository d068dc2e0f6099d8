import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A `flotilla` process started by a test, stopped (and only it) by PID.
final class NodeProcess {
    let process = Process()
    private let output = Pipe()
    private(set) var address = ""
    let dataDirectory: String

    /// The built `flotilla` executable, next to the test bundle in the build products directory.
    static var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("flotilla")
            .path
    }

    /// The repository root, from this file's path.
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// Starts `flotilla serve --single-node` on a port the system picks, and waits for its "listening on" line.
    init(singleNodeIn directory: String) throws {
        dataDirectory = directory
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["serve", "--single-node", "--data", directory, "--listen", "127.0.0.1:0"]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        while true {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw NodeError.exitedBeforeListening }
            buffer += chunk
            if let line = String(decoding: buffer, as: UTF8.self).split(separator: "\n").first(where: {
                $0.hasPrefix("listening on ")
            }) {
                address = String(line.dropFirst("listening on ".count))
                break
            }
        }
    }

    var url: String { "http://\(address)" }

    /// SIGTERM, then wait: returns the exit status (0 for a graceful shutdown).
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    enum NodeError: Error {
        case exitedBeforeListening
    }
}

/// Runs a command to completion and returns its status and combined output.
func runCommand(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    let pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A fresh directory under the system temporary directory.
func scratchDirectory(_ label: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("flotilla-\(label)-\(UUID().uuidString)")
        .path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
