// Check 2: a message goes to one live claim at a time, and a delete is final.
import FlotillaVerify
import Testing

@Suite("Double delivery")
struct DoubleDeliveryTests {
    // Goal: a second claim that handed out a message while the first claim's lease provably ran is caught. Method:
    // claim a with a 30 s lease at 1 s, claim it again at 5 s.
    @Test func secondClaimWhileLeaseIsLiveIsCaught() {
        var history = HistoryBuilder()
        history.post("a", at: 0)
        history.claim(["a"], ttl: 30, at: 1)
        let second = history.claim(["a"], at: 5)
        history.delete("a", claim: second, at: 6)
        history.finalReads(queue: [], at: 10)
        #expect(violationKinds(history.history) == [.deliveredWhileClaimed])
    }

    // Goal: a redelivery the lease's timing can explain is not flagged. Method: the second claim completes at
    // 31.2 s, past the first claim's invoke + ttl - margin (30.5 s), so the first lease may have ended.
    @Test func redeliveryOnceTheLeaseMayHaveEndedIsFine() {
        var history = HistoryBuilder()
        history.post("a", at: 0)
        history.claim(["a"], ttl: 30, at: 1)
        let second = history.claim(["a"], at: 31, took: 0.2)
        history.delete("a", claim: second, at: 32)
        history.finalReads(queue: [], at: 40)
        #expect(violationKinds(history.history) == [])
    }

    // Goal: a message deleted under one claim and then handed to another (and deleted again) is caught. Method:
    // claim and delete a, let the lease end, claim and delete it again.
    @Test func deliveryAfterSuccessfulDeleteIsCaught() {
        var history = HistoryBuilder()
        history.post("a", at: 0)
        let first = history.claim(["a"], at: 1)
        history.delete("a", claim: first, at: 2)
        let second = history.claim(["a"], at: 40)
        history.delete("a", claim: second, at: 41)
        history.finalReads(queue: [], at: 50)
        #expect(violationKinds(history.history) == [.deliveredAfterDelete])
    }

    // Goal: two successful deletes of one message under two claims are not a violation by themselves, since a delete
    // of a message that is already gone succeeds. Method: the first lease ends, a second claim takes and deletes a,
    // then the first holder's late delete succeeds.
    @Test func lateIdempotentDeleteIsFine() {
        var history = HistoryBuilder()
        history.post("a", at: 0)
        let first = history.claim(["a"], at: 1)
        let second = history.claim(["a"], at: 40)
        history.delete("a", claim: second, at: 41)
        history.delete("a", claim: first, at: 42)
        history.finalReads(queue: [], at: 50)
        #expect(violationKinds(history.history) == [])
    }

    // Goal: a message still in the workload queue after a successful delete is caught. Method: claim and delete a,
    // then list it in the final read.
    @Test func presenceAfterSuccessfulDeleteIsCaught() {
        var history = HistoryBuilder()
        history.post("a", at: 0)
        let claim = history.claim(["a"], at: 1)
        history.delete("a", claim: claim, at: 2)
        history.finalReads(queue: ["a"], at: 10)
        #expect(violationKinds(history.history) == [.presentAfterDelete])
    }
}
