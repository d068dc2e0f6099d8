import ArgumentParser
import FlotillaVerify
import Foundation

extension FlotillaFault {
    /// `flotilla-fault check FILE`: judges a history file again (after a checker change, or to read a failure).
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-check a history file written by a run (history.jsonl in the run directory).")

        @Argument(help: "The history file.") var path: String

        func run() throws {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ValidationError("\(path): \(error.localizedDescription)")
            }
            let history: History
            do {
                history = try History(jsonLines: text)
            } catch {
                throw ValidationError("\(path): \(error)")
            }
            let report = QueueChecker.check(history)
            print(report.description)
            guard report.passed else { throw ExitCode(1) }
        }
    }
}
