import QueueEngine
import QueueModel
import Testing

/// An end-to-end walk through the engine's main path, as a first check that the pieces fit.
@Suite struct EngineLifecycleTests {
    static let client = ClientID(parsing: "3381af92-2b9e-11e3-b191-71861300734c")!
    static let queue = QueueRef(project: "p1", name: "q1")

    /// Goal: post, list, claim, delete and stats work together. Method: apply commands at fixed times and read the
    /// state back after each.
    @Test func postClaimDeleteCycle() throws {
        let engine = try QueueEngine(path: nil)
        let start = Timestamp(seconds: 1_000_000)
        let posted = try engine.apply(
            index: 1,
            CommandEnvelope(
                time: start,
                command: .postMessages(
                    Self.queue, clientID: Self.client,
                    messages: [
                        NewMessage(ttl: 300, delay: nil, body: "{\"n\": 1}", checksum: nil),
                        NewMessage(ttl: nil, delay: nil, body: "{\"n\": 2}", checksum: nil),
                    ], idempotencyKey: nil)))
        guard case .posted(let ids)? = posted else {
            Issue.record("post failed: \(String(describing: posted))")
            return
        }
        #expect(ids.count == 2)
        let later = start.adding(seconds: 5)
        let page = try engine.listMessages(
            Self.queue, at: later, marker: nil, limit: 10, clientID: Self.client, echo: true, includeClaimed: false,
            includeDelayed: false)
        #expect(page.messages.map(\.id) == ids)
        #expect(page.messages[0].age == 5)
        #expect(page.messages[1].ttl == 3_600)

        let claimed = try engine.apply(
            index: 2, CommandEnvelope(time: later, command: .claimMessages(Self.queue, limit: 1, ttl: 400, grace: 100)))
        guard case .claimed(let claim?)? = claimed else {
            Issue.record("claim failed: \(String(describing: claimed))")
            return
        }
        #expect(claim.messages.map(\.id) == [ids[0]])
        // Lifetime extension: ttl 300 < claim 400, so the message now lives claim ttl + grace.
        #expect(claim.messages[0].ttl == 500)
        let stats = try engine.stats(Self.queue, at: later)
        #expect(stats.total == 2 && stats.claimed == 1 && stats.free == 1)

        let refused = try engine.apply(
            index: 3, CommandEnvelope(time: later, command: .deleteMessage(Self.queue, messageID: ids[0], claimID: nil))
        )
        #expect(refused == .failed(.messageClaimed))
        let deleted = try engine.apply(
            index: 4,
            CommandEnvelope(time: later, command: .deleteMessage(Self.queue, messageID: ids[0], claimID: claim.id)))
        #expect(deleted == .done)
        #expect(try engine.stats(Self.queue, at: later).total == 1)
        #expect((try engine.appliedIndex()) == 4)
    }
}
