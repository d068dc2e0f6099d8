// Check 5: nothing phantom. Every delivered body was posted, a failed post never shows up, ids and bodies match.
import FlotillaVerify
import Testing

@Suite("Provenance")
struct ProvenanceTests {
    // Goal: a body no post sent is caught, once however often it appears. Method: a claim and the final read both
    // return a body never posted.
    @Test func phantomMessageIsCaught() {
        var history = HistoryBuilder()
        history.claim(["ghost"], at: 1)
        history.finalReads(queue: ["ghost"], at: 10)
        #expect(violationKinds(history.history) == [.phantomMessage])
    }

    // Goal: a post that definitely failed but shows up is caught. Method: a's post fails, a claim returns it.
    @Test func failedPostThatAppearsIsCaught() {
        var history = HistoryBuilder()
        history.post("a", at: 0, outcome: .fail)
        let claim = history.claim(["a"], at: 1)
        history.delete("a", claim: claim, at: 2)
        history.finalReads(queue: [], at: 10)
        #expect(violationKinds(history.history) == [.failedPostTookEffect])
    }

    // Goal: one id with two bodies is caught. Method: a claim returns a's id with b's body.
    @Test func idWithTwoBodiesIsCaught() {
        var history = HistoryBuilder()
        history.post("a", at: 0)
        history.post("b", at: 0)
        history.claim(delivering: [DeliveredMessage(id: HistoryBuilder.id("a"), body: "b")], at: 1)
        history.finalReads(queue: ["a", "b"], at: 10)
        #expect(violationKinds(history.history) == [.inconsistentIdentity, .inconsistentIdentity])
    }
}
