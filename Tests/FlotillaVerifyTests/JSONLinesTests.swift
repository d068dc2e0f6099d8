// The history file format: one JSON object a line, setup first, written incrementally or at once.
import FlotillaVerify
import Testing

@Suite("JSON lines")
struct JSONLinesTests {
    /// A history with every operation kind and outcome, and bodies that need escaping.
    private static var sample: History {
        var history = HistoryBuilder()
        history.post("plain", producer: 1, sequence: 1, at: 0)
        history.post("quote \" and\nnewline", producer: 1, sequence: 2, at: 0.25, outcome: .unknown)
        history.post("failed", at: 0.5, outcome: .fail)
        let claim = history.claim(["plain"], limit: 5, ttl: 30, at: 1)
        history.claim([], at: 1.5)
        history.delete("plain", claim: claim, at: 2)
        history.post("outstanding", at: 3, outcome: nil)
        history.finalReads(queue: ["quote \" and\nnewline"], at: 10)
        return history.history
    }

    // Goal: a history survives the file format unchanged, one line per event after the setup. Method: encode the
    // sample, count its lines, decode it and compare.
    @Test func roundTripPreservesTheHistory() throws {
        let text = Self.sample.jsonLines()
        #expect(text.split(separator: "\n").count == Self.sample.events.count + 1)
        #expect(try History(jsonLines: text) == Self.sample)
    }

    // Goal: appending each line as it happens gives the same file as encoding at the end. Method: join the setup's
    // and each event's jsonLine and compare with jsonLines().
    @Test func incrementalLinesMatchTheWholeFile() {
        let lines = [Self.sample.setup.jsonLine] + Self.sample.events.map(\.jsonLine)
        #expect(lines.map { $0 + "\n" }.joined() == Self.sample.jsonLines())
    }

    // Goal: a broken line is reported by its 1-based number, and a text without a setup is rejected. Method: corrupt
    // the third line of the sample; decode an empty text.
    @Test func decodingErrorsNameTheLine() {
        var lines = Self.sample.jsonLines().split(separator: "\n").map(String.init)
        lines[2] = "{\"process\": 1"
        #expect {
            try History(jsonLines: lines.joined(separator: "\n"))
        } throws: { error in
            (error as? HistoryDecodingError)?.line == 3
        }
        #expect(throws: HistoryDecodingError(line: 0, reason: "no workload setup line")) {
            try History(jsonLines: "\n")
        }
    }
}
