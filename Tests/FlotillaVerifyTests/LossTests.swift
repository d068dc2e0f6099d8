// Check 1: no acknowledged post is lost, and unknown outcomes never raise a false alarm.
import FlotillaVerify
import Testing

@Suite("Lost acknowledged messages")
struct LossTests {
    // Goal: an acknowledged message that is neither deleted, expired nor in a final read is reported, with the
    // evidence in the excerpt. Method: post a and b, delete b, read an empty queue while a's ttl still runs.
    @Test func lostAcknowledgedPostIsCaught() throws {
        var history = HistoryBuilder()
        history.post("a", at: 0)
        history.post("b", at: 0)
        let claim = history.claim(["b"], at: 1)
        history.delete("b", claim: claim, at: 2)
        history.finalReads(queue: [], at: 10)
        let report = QueueChecker.check(history.history)
        #expect(report.violations.map(\.kind) == [.lostAcknowledgedMessage])
        let violation = try #require(report.violations.first)
        #expect(violation.summary.contains("message \"a\" (id id-a)"))
        #expect(
            violation.explanation.contains(
                "    0.100s p1   ok      post \"a\" producer=0 sequence=0 ttl=300 -> id id-a"))
        #expect(violation.events.count == 6)
    }

    // Goal: a failed delete does not excuse a missing message. Method: claim a, fail to delete it, read nothing.
    @Test func failedDeleteDoesNotExcuseAMissingMessage() {
        var history = HistoryBuilder()
        history.post("a", at: 0)
        let claim = history.claim(["a"], at: 1)
        history.delete("a", claim: claim, at: 2, outcome: .fail)
        history.finalReads(queue: [], at: 10)
        #expect(violationKinds(history.history) == [.lostAcknowledgedMessage])
    }

    // Goal: posts whose outcome is unknown (or still outstanding) may be absent. Method: one unknown and one
    // outstanding post, both absent from the final reads.
    @Test func unknownPostThatIsAbsentIsFine() {
        var history = HistoryBuilder()
        history.post("a", at: 0, outcome: .unknown)
        history.post("b", at: 0, outcome: nil)
        history.finalReads(queue: [], at: 10)
        #expect(violationKinds(history.history) == [])
    }

    // Goal: a delete with an unknown outcome followed by the message's absence counts as a delete. Method: claim a,
    // delete it with an unknown outcome, read an empty queue.
    @Test func unknownDeleteThenAbsenceCountsAsDeleted() {
        var history = HistoryBuilder()
        history.post("a", at: 0)
        let claim = history.claim(["a"], at: 1)
        history.delete("a", claim: claim, at: 2, outcome: .unknown)
        history.finalReads(queue: [], at: 10)
        #expect(violationKinds(history.history) == [])
    }

    // Goal: a message whose ttl may have run out before the final reads may be absent, and the boundary honours
    // the clock margin. Method: a 10 s message posted at 0 s, with final reads ending at 9.5 s (10 s minus the
    // 0.5 s margin: it may have expired) and at 8.1 s (it cannot have).
    @Test func possiblyExpiredMessageIsNotLost() {
        var expired = HistoryBuilder()
        expired.post("a", ttl: 10, at: 0)
        expired.finalReads(queue: [], at: 8.4)
        #expect(violationKinds(expired.history) == [])

        var alive = HistoryBuilder()
        alive.post("a", ttl: 10, at: 0)
        alive.read("dlq", [], at: 7)
        alive.read("q", [], at: 8)
        #expect(violationKinds(alive.history) == [.lostAcknowledgedMessage])
    }

    // Goal: a message dead-lettered between a dead-letter read and a later workload read is in neither, and that is
    // no loss when its claims may be used up. Method: maxClaimCount 1, claim a once, read the dead-letter queue
    // before the workload queue, with a absent from both.
    @Test func moveBetweenTheFinalReadsIsNotALoss() {
        var history = HistoryBuilder(maxClaimCount: 1)
        history.post("a", at: 0)
        history.claim(["a"], at: 1)
        history.read("dlq", [], at: 40)
        history.read("q", [], at: 41)
        #expect(violationKinds(history.history) == [])
    }

    // Goal: when the workload queue is read before the dead-letter queue, a move cannot hide a message from both,
    // so a used-up message missing from both is lost. Method: as above, but read the workload queue first.
    @Test func usedUpMessageMissingFromOrderedReadsIsLost() {
        var history = HistoryBuilder(maxClaimCount: 1)
        history.post("a", at: 0)
        history.claim(["a"], at: 1)
        history.finalReads(queue: [], at: 40)
        #expect(violationKinds(history.history) == [.lostAcknowledgedMessage])
    }
}
