import Foundation
import Testing

/// Flotilla driven by a real Zaqar client: Debian's python3-zaqarclient, through `Scripts/zaqarclient-check.py`.
@Suite struct ZaqarClientTests {
    /// Goal: applications written against python-zaqarclient work against Flotilla unchanged. Method: start
    /// `flotilla serve --single-node` on a free port, run the client script (queue lifecycle, post/list/get,
    /// claim/delete, pop, stats, metadata), require it to report every step OK, and require a graceful exit on
    /// SIGTERM.
    @Test func pythonZaqarClientDrivesFlotilla() throws {
        let directory = scratchDirectory("zaqarclient")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let node = try NodeProcess(singleNodeIn: directory)
        let result = try runCommand(
            "/usr/bin/python3", [NodeProcess.repositoryRoot + "/Scripts/zaqarclient-check.py", "--url", node.url])
        let status = node.stop()
        #expect(result.status == 0, "zaqarclient-check.py failed:\n\(result.output)")
        #expect(!result.output.contains("FAIL"), "\(result.output)")
        #expect(result.output.split(separator: "\n").filter { $0.hasPrefix("OK") }.count >= 10, "\(result.output)")
        #expect(status == 0, "flotilla did not exit cleanly on SIGTERM")
    }
}
