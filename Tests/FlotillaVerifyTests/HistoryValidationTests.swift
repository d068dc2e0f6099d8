// History.validate(): malformed histories are rejected with the offending event, and the checker refuses to judge
// them.
import FlotillaVerify
import Testing

private let setup = WorkloadSetup(queue: "q", maxClaimCount: 2, deadLetterQueue: "dlq")
private let postA = Operation.post(body: "a", producer: 0, sequence: 0, ttl: 60, id: nil)
private let postAOK = Operation.post(body: "a", producer: 0, sequence: 0, ttl: 60, id: "id-a")
private let readQ = Operation.read(queue: "q", messages: [])

/// A history of `events`, each given as (process, type, time, operation).
private func history(_ events: [(Int, EventType, Double, Operation)]) -> History {
    History(setup: setup, events: events.map { Event(process: $0.0, type: $0.1, time: $0.2, operation: $0.3) })
}

@Suite("History validation")
struct HistoryValidationTests {
    // Goal: each well-formedness rule rejects a history that breaks it, naming the first offending event. Method:
    // one minimal malformed history per rule.
    @Test(arguments: [
        (history([(1, .ok, 0, postAOK)]), HistoryValidationError.completionWithoutInvoke(eventIndex: 0)),
        (history([(1, .invoke, 0, postA), (1, .invoke, 1, readQ)]), .invokeWhileOutstanding(eventIndex: 1)),
        (history([(1, .invoke, 2, postA), (1, .ok, 1, postAOK)]), .timeWentBackwards(eventIndex: 1)),
        (history([(1, .invoke, -1, postA)]), .invalidTime(eventIndex: 0)),
        (history([(1, .invoke, 0, postA), (1, .ok, 1, readQ)]), .completionMismatch(eventIndex: 1)),
        (history([(1, .invoke, 0, postA), (2, .invoke, 0, postA)]), .duplicatePostBody(eventIndex: 1)),
        (history([(1, .invoke, 0, postAOK)]), .resultWithoutOK(eventIndex: 0)),
        (history([(1, .invoke, 0, postA), (1, .unknown, 1, postAOK)]), .resultWithoutOK(eventIndex: 1)),
    ])
    func malformedHistoryIsRejected(history: History, expected: HistoryValidationError) {
        #expect(throws: expected) { try history.validate() }
    }

    // Goal: a setup the checker cannot reason about is rejected. Method: maxClaimCount 0, and a queue that is its
    // own dead-letter queue.
    @Test func invalidSetupIsRejected() {
        for setup in [
            WorkloadSetup(queue: "q", maxClaimCount: 0, deadLetterQueue: "dlq"),
            WorkloadSetup(queue: "q", maxClaimCount: 1, deadLetterQueue: "q"),
        ] {
            #expect(throws: HistoryValidationError.self) { try History(setup: setup).validate() }
        }
    }

    // Goal: a well-formed history with interleaved processes and an operation still outstanding at the end is
    // accepted. Method: two processes overlap, the second never completes.
    @Test func interleavedHistoryWithOutstandingOperationIsValid() throws {
        let valid = history([(1, .invoke, 0, postA), (2, .invoke, 0.5, readQ), (1, .ok, 1, postAOK)])
        try valid.validate()
    }

    // Goal: the checker reports a malformed history as such instead of judging it. Method: check a history whose
    // only event is a completion.
    @Test func checkerReportsMalformedHistory() throws {
        let report = QueueChecker.check(history([(1, .ok, 0, postAOK)]))
        #expect(report.violations.map(\.kind) == [.malformedHistory])
        let violation = try #require(report.violations.first)
        #expect(violation.summary == "event #0: completion without an outstanding invoke")
        #expect(violation.events.count == 1)
    }
}
