// Check 3: a message is handed out at most maxClaimCount times, then moved to the dead-letter queue on its next
// claim (CommandApplier.claim: it moves when its claim count already equals _max_claim_count).
import FlotillaVerify
import Testing

@Suite("Dead-lettering")
struct DeadLetterTests {
    // Goal: a message handed out more than maxClaimCount times is caught. Method: maxClaimCount 2, three claims of a,
    // each after the previous lease ended.
    @Test func deliveryBeyondMaxClaimCountIsCaught() {
        var history = HistoryBuilder(maxClaimCount: 2)
        history.post("a", at: 0)
        history.claim(["a"], at: 1)
        history.claim(["a"], at: 40)
        let third = history.claim(["a"], at: 80)
        history.delete("a", claim: third, at: 81)
        history.finalReads(queue: [], at: 90)
        #expect(violationKinds(history.history) == [.deliveredTooOften])
    }

    // Goal: a message in the dead-letter queue that cannot have been claimed maxClaimCount times is caught. Method:
    // maxClaimCount 2, one claim of a, a listed in the final dead-letter read.
    @Test func earlyDeadLetterIsCaught() {
        var history = HistoryBuilder(maxClaimCount: 2)
        history.post("a", at: 0)
        history.claim(["a"], at: 1)
        history.finalReads(queue: [], deadLetter: ["a"], at: 90)
        #expect(violationKinds(history.history) == [.deadLetteredTooEarly])
    }

    // Goal: an unknown claim may have handed a message out, so it excuses an early-looking dead letter. Method: as
    // above, plus one claim with an unknown outcome.
    @Test func unknownClaimMayHaveCountedAClaim() {
        var history = HistoryBuilder(maxClaimCount: 2)
        history.post("a", at: 0)
        history.claim(["a"], at: 1)
        history.claim([], at: 40, outcome: .unknown)
        history.finalReads(queue: [], deadLetter: ["a"], at: 90)
        #expect(violationKinds(history.history) == [])
    }

    // Goal: a message whose claims were used up and that a later claim had to move, yet still sits in the workload
    // queue, is caught. Method: maxClaimCount 1, claim a once, let the lease end, a claim hands out the younger b
    // (so a was in its window), then the final read still lists a.
    @Test func missingMoveToDeadLetterQueueIsCaught() {
        var history = HistoryBuilder(maxClaimCount: 1)
        history.post("a", at: 0)
        history.post("b", at: 1)
        history.claim(["a"], at: 2)
        let second = history.claim(["b"], limit: 1, at: 40)
        history.delete("b", claim: second, at: 41)
        history.finalReads(queue: ["a"], at: 50)
        #expect(violationKinds(history.history) == [.deadLetterMoveMissing])
    }
}
