// A history of everything the queue may legitimately do must pass: the checker's first duty is no false alarms.
import FlotillaVerify
import Testing

@Suite("Clean histories")
struct CleanHistoryTests {
    // Goal: a history with every legitimate behaviour (deletes, redelivery after a lease ends, dead-lettering, expiry,
    // unknown and failed posts) passes with zero violations and the right counts. Method: build it by hand with
    // maxClaimCount 2 and check it.
    @Test func legitimateHistoryPasses() {
        var history = HistoryBuilder(maxClaimCount: 2)
        history.post("a", producer: 1, sequence: 1, at: 0)
        history.post("b", producer: 1, sequence: 2, at: 0.2)
        history.post("c", producer: 2, sequence: 1, at: 0.4)
        history.post("d", producer: 2, sequence: 2, at: 0.6, outcome: .unknown)
        history.post("e", producer: 2, sequence: 3, at: 0.8, outcome: .fail)
        history.post("f", producer: 3, sequence: 1, ttl: 60, at: 1)
        let first = history.claim(["a", "b"], limit: 2, at: 1.2)
        history.delete("a", claim: first, at: 2)
        let second = history.claim(["c"], limit: 1, at: 3)
        history.delete("c", claim: second, at: 4)
        // b's first lease (30 s) has ended: handing it out again is its second and last claim.
        history.claim(["b"], limit: 1, at: 40)
        // b has used up its claims, so this claim moves it to the dead-letter queue; f has expired.
        let fourth = history.claim(["d"], at: 80)
        history.delete("d", claim: fourth, at: 81)
        history.finalReads(queue: [], deadLetter: ["b"], at: 100)

        let report = QueueChecker.check(history.history)
        #expect(report.passed, "\(report)")
        #expect(report.violations.isEmpty)
        let counts = report.counts
        #expect(counts.operations == 15)
        #expect(counts.postsAcknowledged == 4 && counts.postsUnknown == 1 && counts.postsFailed == 1)
        #expect(counts.claimsAcknowledged == 4 && counts.claimsUnknown == 0 && counts.deliveries == 5)
        #expect(counts.deletesAcknowledged == 3 && counts.deletesUnknown == 0)
        #expect(counts.finalQueueMessages == 0 && counts.finalDeadLetterMessages == 1)
    }

    // Goal: a history without final reads is not silently passed. Method: post and claim, read nothing, and expect
    // one missing-final-read violation per queue.
    @Test func missingFinalReadsAreReported() {
        var history = HistoryBuilder()
        history.post("a", at: 0)
        history.claim(["a"], at: 1)
        #expect(violationKinds(history.history) == [.missingFinalRead, .missingFinalRead])
    }

    // Goal: a report keeps at most `examplesPerKind` examples but counts them all. Method: lose five acknowledged
    // messages and check with two examples per kind.
    @Test func examplesAreCappedButCounted() {
        var history = HistoryBuilder()
        for body in ["a", "b", "c", "d", "e"] { history.post(body, at: 0) }
        history.finalReads(queue: [], at: 10)
        let report = QueueChecker.check(history.history, examplesPerKind: 2)
        #expect(report.violations.map(\.kind) == [.lostAcknowledgedMessage, .lostAcknowledgedMessage])
        #expect(report.violationCounts == [.lostAcknowledgedMessage: 5])
        #expect(!report.passed)
        #expect(report.description.contains("5 lostAcknowledgedMessage (examples below are capped)"))
    }
}
