import Foundation
import Testing

/// A scenario file in etcd's datadriven format: `#` comment lines and blank lines, and cases made of one command
/// line, a `----` line and the golden output, which ends at the next blank line (or the end of the file).
///
/// Guarantees: ``rendered(outputs:)`` with the cases' own expected outputs reproduces the file, so rewriting only
/// ever changes golden output, never comments or commands.
struct ScenarioFile {
    /// One command and its golden output.
    struct Case {
        /// The 1-based line number of the command, for failure messages.
        var line: Int
        var command: String
        var expected: String
    }

    /// The file as a sequence of verbatim lines (comments, blanks) and cases.
    enum Block {
        case verbatim(String)
        case command(Case)
    }

    var blocks: [Block] = []

    var cases: [Case] {
        blocks.compactMap { block in
            if case .command(let scenarioCase) = block { return scenarioCase }
            return nil
        }
    }

    init(parsing text: String) throws(InteractionError) {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var position = 0
        while position < lines.count {
            let line = lines[position]
            if line.isEmpty || line.hasPrefix("#") {
                blocks.append(.verbatim(line))
                position += 1
                continue
            }
            guard position + 1 < lines.count, lines[position + 1] == "----" else {
                throw InteractionError("line \(position + 1): command '\(line)' is not followed by ----")
            }
            var output: [String] = []
            var cursor = position + 2
            while cursor < lines.count && !lines[cursor].isEmpty {
                output.append(lines[cursor])
                cursor += 1
            }
            blocks.append(.command(Case(line: position + 1, command: line, expected: output.joined(separator: "\n"))))
            // The blank line that ends the output belongs to the case.
            position = cursor + 1
        }
    }

    /// The file text with each case's output replaced by `outputs[i]` (in case order).
    func rendered(outputs: [String]) -> String {
        var text = ""
        var next = 0
        for block in blocks {
            switch block {
            case .verbatim(let line):
                text += line + "\n"
            case .command(let scenarioCase):
                text += scenarioCase.command + "\n----\n" + outputs[next] + "\n\n"
                next += 1
            }
        }
        return text
    }
}

/// Where the scenario files are: the test bundle's copy for checking, the source tree for rewriting.
enum ScenarioDirectory {
    static var isRewriting: Bool { ProcessInfo.processInfo.environment["REWRITE"] == "1" }

    /// `Tests/RaftCoreTests/testdata` in the source tree, found from this file's path.
    static var source: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("testdata")
    }

    /// The `testdata` copy in the test bundle.
    static var bundled: URL? { Bundle.module.url(forResource: "testdata", withExtension: nil) }

    static var current: URL? { isRewriting ? source : bundled }

    /// The scenario file names, sorted so every run lists them in the same order.
    static var names: [String] {
        guard let directory = current,
            let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return files.filter { $0.hasSuffix(".txt") }.sorted()
    }
}

/// Data-driven interaction tests of RaftCore (style guide §7.1, etcd-io/raft `interaction_test.go`).
///
/// Goal: pin the core's observable behaviour — messages, state transitions, persisted and applied entries — in
/// readable scenarios, each reproducing one rule of the Raft paper or one fault. Method: the commands of each
/// `testdata/*.txt` file run in order in a fresh ``InteractionEnvironment``; each command's output must equal the
/// golden text under its `----`. With `REWRITE=1` the files in the source tree are rewritten with the actual output
/// instead, and the diff is reviewed like code.
struct InteractionTests {
    /// Goal: the scenario directory is found and not empty, so the parameterized test below cannot pass by running
    /// zero files. Method: list it.
    @Test func scenariosArePresent() {
        #expect(ScenarioDirectory.current != nil, "testdata not found")
        #expect(!ScenarioDirectory.names.isEmpty, "no scenario files in \(ScenarioDirectory.current?.path ?? "?")")
    }

    /// Goal: each scenario's output matches its golden text. Method: run its commands in order in one environment
    /// and compare case by case, stopping at the first difference (later outputs usually differ as a consequence).
    @Test(arguments: ScenarioDirectory.names)
    func scenario(_ name: String) throws {
        let url = try #require(ScenarioDirectory.current).appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        let file = try ScenarioFile(parsing: text)
        let environment = InteractionEnvironment()
        var outputs: [String] = []
        for scenarioCase in file.cases {
            let output: String
            do {
                output = try environment.run(scenarioCase.command)
            } catch {
                Issue.record("\(name):\(scenarioCase.line): \(scenarioCase.command): \(error)")
                return
            }
            outputs.append(output)
            if !ScenarioDirectory.isRewriting && output != scenarioCase.expected {
                #expect(
                    output == scenarioCase.expected,
                    "\(name):\(scenarioCase.line): \(scenarioCase.command) (run with REWRITE=1 to regenerate)")
                return
            }
        }
        if ScenarioDirectory.isRewriting {
            let rewritten = file.rendered(outputs: outputs)
            if rewritten != text { try rewritten.write(to: url, atomically: true, encoding: .utf8) }
        }
    }
}
