// Check 4: claims take the oldest free messages first, and a producer's messages come out in the order it posted.
import FlotillaVerify
import Testing

@Suite("FIFO order")
struct OrderTests {
    // Goal: one producer's messages out of sequence inside a claim are caught. Method: producer 1 posts sequence 1
    // then 2; one claim returns 2 before 1.
    @Test func outOfOrderInsideAClaimIsCaught() {
        var history = HistoryBuilder()
        history.post("a", producer: 1, sequence: 1, at: 0)
        history.post("b", producer: 1, sequence: 2, at: 1)
        let claim = history.claim(["b", "a"], at: 2)
        history.delete("a", claim: claim, at: 3)
        history.delete("b", claim: claim, at: 3)
        history.finalReads(queue: [], at: 10)
        #expect(violationKinds(history.history) == [.outOfOrder])
    }

    // Goal: the final read of the workload queue is held to post order too. Method: list b before the older a.
    @Test func outOfOrderInTheFinalReadIsCaught() {
        var history = HistoryBuilder()
        history.post("a", at: 0)
        history.post("b", at: 1)
        history.finalReads(queue: ["b", "a"], at: 10)
        #expect(violationKinds(history.history) == [.outOfOrder])
    }

    // Goal: a claim that overtakes an older free message is caught, whatever its limit. Method: post a then b, a
    // claim with limit 1 returns b while a is free, unexpired and never claimed.
    @Test func overtakingAnOlderFreeMessageIsCaught() throws {
        var history = HistoryBuilder()
        history.post("a", producer: 1, sequence: 1, at: 0)
        history.post("b", producer: 1, sequence: 2, at: 1)
        let claim = history.claim(["b"], limit: 1, at: 2)
        history.delete("b", claim: claim, at: 3)
        history.finalReads(queue: ["a"], at: 10)
        let report = QueueChecker.check(history.history)
        #expect(report.violations.map(\.kind) == [.olderMessageSkipped])
        let summary = try #require(report.violations.first?.summary)
        #expect(summary.contains("not the older message \"a\""))
    }

    // Goal: an unknown claim may have taken the older message, so the overtaking check stands down. Method: as
    // above, with an unknown claim invoked before the overtaking claim completed.
    @Test func unknownClaimMayHaveTakenTheOlderMessage() {
        var history = HistoryBuilder()
        history.post("a", at: 0)
        history.post("b", at: 1)
        history.claim([], at: 1.5, outcome: .unknown)
        let claim = history.claim(["b"], limit: 1, at: 2)
        history.delete("b", claim: claim, at: 3)
        history.finalReads(queue: ["a"], at: 10)
        #expect(violationKinds(history.history) == [])
    }

    // Goal: a message still under a live lease, or possibly deleted, is not free, so skipping it is fine. Method:
    // a is claimed at 1 s (30 s lease) and c has a delete of unknown outcome; a claim at 5 s returns only d.
    @Test func claimedOrPossiblyDeletedMessagesMayBeSkipped() {
        var history = HistoryBuilder()
        history.post("a", at: 0)
        history.post("c", at: 0)
        history.post("d", at: 0.5)
        let first = history.claim(["a", "c"], at: 1)
        history.delete("c", claim: first, at: 2, outcome: .unknown)
        let second = history.claim(["d"], at: 5)
        history.delete("a", claim: first, at: 6)
        history.delete("d", claim: second, at: 6)
        history.finalReads(queue: [], at: 10)
        #expect(violationKinds(history.history) == [])
    }

    // Goal: a post with an unknown outcome may have been applied late, so it is not ordered before later posts.
    // Method: a's post is unknown, b's is acked after; a claim returns b, then a.
    @Test func unknownPostMayBeOrderedLate() {
        var history = HistoryBuilder()
        history.post("a", producer: 1, sequence: 1, at: 0, outcome: .unknown)
        history.post("b", producer: 1, sequence: 2, at: 1)
        let claim = history.claim(["b", "a"], at: 2)
        history.delete("a", claim: claim, at: 3)
        history.delete("b", claim: claim, at: 3)
        history.finalReads(queue: [], at: 10)
        #expect(violationKinds(history.history) == [])
    }
}
