// One test per rule of Zaqar v2 claims and dead-lettering (reference doc §6, §7.2 and §8.2, with Flotilla's
// decisions of §12), driven through the engine's public command and query API at explicit times.
import QueueEngine
import QueueModel
import Testing

private let q = QueueRef(project: "p", name: "q")
private let dlq = QueueRef(project: "p", name: "dlq")

/// Metadata turning on dead-lettering to `dlq` after `maxClaims` claims, with an optional dead-letter TTL.
private func deadLettering(maxClaims: Int64, ttl: Int64? = nil) -> JSONObject {
    var metadata = meta(("_max_claim_count", .int(maxClaims)), ("_dead_letter_queue", .string("dlq")))
    if let ttl { metadata["_dead_letter_queue_messages_ttl"] = .int(ttl) }
    return metadata
}

@Suite("Claim rules")
struct ClaimRuleTests {
    // MARK: §6.1 Claim

    /// Rule §6.1 candidates: "Candidates are taken in FIFO order, up to `limit`. A candidate is not expired, not
    /// under an active claim … and not delayed." A new claim has age 0, the given ttl, and each message carries
    /// its id.
    ///
    /// Goal: a claim takes the oldest available messages up to its limit and the next claim takes the rest.
    /// Method: post five messages, claim three, then claim up to ten.
    @Test func claimTakesAvailableMessagesInFIFOOrderUpToTheLimit() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 5)
        let first = try #require(try fixture.claim(q, limit: 3, ttl: 120, grace: 60, at: second(4)))
        #expect(first.id == EntityID.claim(index: fixture.lastIndex))
        #expect(first.queue == "q" && first.age == 0 && first.ttl == 120)
        #expect(first.messages.map(\.id) == Array(ids[0..<3]))
        #expect(first.messages.allSatisfy { $0.claimID == first.id && $0.age == 4 && $0.claimCount == 0 })
        let rest = try #require(try fixture.claim(q, limit: 10, at: second(4)))
        #expect(rest.messages.map(\.id) == Array(ids[3..<5]))
        #expect(try fixture.claim(q, limit: 10, at: second(4)) == nil)
        let stats = try fixture.engine.stats(q, at: second(4))
        #expect(stats.total == 5 && stats.claimed == 5 && stats.free == 0)
    }

    /// Rule §8.2 / §6.1: "'Claimed' means the message has a claim id and now < claim expiry"; claimed messages
    /// are not candidates, not listed (without include_claimed) and not popped.
    ///
    /// Goal: until the claim's expiry instant its messages are out of reach of other claims, listings and pops.
    /// Method: claim with ttl 60 and try everything one millisecond before the expiry.
    @Test func claimedMessagesAreHiddenUntilTheClaimExpires() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 2)
        let claim = try #require(try fixture.claim(q, ttl: 60))
        let before = millisecond(59_999)
        #expect(try fixture.listIDs(q, at: before).isEmpty)
        #expect(try fixture.claim(q, at: before) == nil)
        #expect(try fixture.pop(q, count: 20, at: before).isEmpty)
        #expect(try fixture.engine.stats(q, at: before).claimed == 2)
        #expect(try fixture.engine.messages(q, ids: ids, at: before).allSatisfy { $0.claimID == claim.id })
    }

    /// Rule §8.2: "When a claim expires the message is free again without any write"; §6.2 "A missing, expired or
    /// released claim … gives 404".
    ///
    /// Goal: at the claim's expiry instant, with no command in between, reads show the messages free and the claim
    /// gone, and a new claim takes them. Method: claim with ttl 60, read at 60 s, then claim again.
    @Test func anExpiredClaimFreesItsMessagesWithoutAWrite() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 2)
        let claim = try #require(try fixture.claim(q, ttl: 60))
        let before = try fixture.dump()
        let at = second(60)
        #expect(try fixture.listIDs(q, at: at) == ids)
        #expect(try fixture.engine.messages(q, ids: ids, at: at).allSatisfy { $0.claimID == nil })
        #expect(try fixture.engine.stats(q, at: at).claimed == 0)
        #expect(try fixture.engine.claim(q, id: claim.id, at: at) == nil)
        #expect(try fixture.dump() == before)
        let again = try #require(try fixture.claim(q, at: at))
        #expect(again.messages.map(\.id) == ids && again.id != claim.id)
    }

    /// Rule §6.1: "`Client-ID` and echo are ignored: a client may claim its own messages."
    ///
    /// Goal: messages posted by any client, including the one that claims, are claimed. Method: post as A and B,
    /// then claim; the claim command carries no client.
    @Test func aClientMayClaimItsOwnMessages() throws {
        var fixture = try EngineFixture()
        let own = try fixture.post(q, count: 1, client: Clients.a)
        let theirs = try fixture.post(q, count: 1, client: Clients.b)
        #expect(try fixture.listIDs(q, client: Clients.a, echo: false) == theirs)
        #expect(try fixture.claim(q)?.messages.map(\.id) == own + theirs)
    }

    /// Rule §6.1 lifetime extension: "if the message's current expiry is before the claim expiry, set message
    /// expiry = claim expiry + grace, and set the message's reported `ttl` to claim ttl + grace. Otherwise leave
    /// both alone … `age` keeps counting from creation."
    ///
    /// Goal: only messages that would expire during the claim are extended, by exactly claim ttl + grace, their
    /// age unchanged; one expiring at the claim's expiry instant is not extended. Method: post ttl 300, 3600 and
    /// 410 messages, claim at 10 s with ttl 400 and grace 100, and read TTLs, ages and expiry instants.
    @Test func lifetimeExtensionOnlyForMessagesThatWouldExpireDuringTheClaim() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, [msg(ttl: 300), msg(ttl: 3_600), msg(ttl: 410)])
        let claim = try #require(try fixture.claim(q, ttl: 400, grace: 100, at: second(10)))
        #expect(claim.messages.map(\.ttl) == [500, 3_600, 410])
        #expect(claim.messages.map(\.age) == [10, 10, 10])
        let read = try fixture.engine.messages(q, ids: ids, at: second(20))
        #expect(read.map(\.ttl) == [500, 3_600, 410])
        #expect(read.map(\.age) == [20, 20, 20])
        // Extended: claim expiry 410 s + grace 100 s. Not extended: created + ttl.
        #expect(try fixture.engine.message(q, id: ids[0], at: millisecond(509_999)) != nil)
        #expect(try fixture.engine.message(q, id: ids[0], at: second(510)) == nil)
        #expect(try fixture.engine.message(q, id: ids[2], at: millisecond(409_999)) != nil)
        #expect(try fixture.engine.message(q, id: ids[2], at: second(410)) == nil)
        #expect(try fixture.engine.message(q, id: ids[1], at: millisecond(3_599_999)) != nil)
        #expect(try fixture.engine.message(q, id: ids[1], at: second(3_600)) == nil)
    }

    // MARK: §6.3 Renew

    /// Rule §6.3 renew: "claim expiry = now + ttl, and the claim age resets to 0; every message still in the claim
    /// gets the new claim expiry; the lifetime-extension rule from 6.1 is applied again with the new ttl and
    /// grace."
    ///
    /// Goal: after a renew the claim reports the new ttl and an age counted from the renew, holds its messages
    /// until the new expiry, and extends those that would now expire during it. Method: claim a 3600 s message for
    /// 100 s, renew at 50 s with ttl 4000 and grace 200, and read claim and message around the new deadlines.
    @Test func renewResetsAgeAndExpiryAndReappliesTheExtension() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, [msg(ttl: 3_600), msg(ttl: 7_200)])
        let claim = try #require(try fixture.claim(q, ttl: 100, grace: 60))
        #expect(claim.messages.map(\.ttl) == [3_600, 7_200])
        let renewed = try fixture.apply(.renewClaim(q, claimID: claim.id, ttl: 4_000, grace: 200), at: second(50))
        #expect(renewed == .done)
        let view = try #require(try fixture.engine.claim(q, id: claim.id, at: second(80)))
        #expect(view.age == 30 && view.ttl == 4_000)
        #expect(view.messages.map(\.id) == ids)
        #expect(view.messages.map(\.ttl) == [4_200, 7_200])
        #expect(view.messages.map(\.age) == [80, 80])
        // The old expiry (100 s) no longer frees the messages; the new one (4050 s) does.
        #expect(try fixture.listIDs(q, at: second(100)).isEmpty)
        #expect(try fixture.engine.claim(q, id: claim.id, at: millisecond(4_049_999)) != nil)
        #expect(try fixture.engine.claim(q, id: claim.id, at: second(4_050)) == nil)
        #expect(try fixture.listIDs(q, at: second(4_050)) == ids)
        // Extended message: new claim expiry + grace = 4250 s.
        #expect(try fixture.engine.message(q, id: ids[0], at: millisecond(4_249_999)) != nil)
        #expect(try fixture.engine.message(q, id: ids[0], at: second(4_250)) == nil)
    }

    /// Rule §6.3: a renew may also shorten a claim; "claim expiry = now + ttl".
    ///
    /// Goal: renewing with a shorter ttl frees the messages at the earlier time. Method: claim for 600 s, renew
    /// at 10 s for 60 s, and list at 69.999 s and 70 s.
    @Test func renewWithAShorterTTLShortensTheClaim() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 1)
        let claim = try #require(try fixture.claim(q, ttl: 600))
        #expect(try fixture.apply(.renewClaim(q, claimID: claim.id, ttl: 60, grace: 60), at: second(10)) == .done)
        #expect(try fixture.listIDs(q, at: millisecond(69_999)).isEmpty)
        #expect(try fixture.listIDs(q, at: second(70)) == ids)
    }

    /// Rule §6.3: "A missing or expired claim gives 404" (`claimNotFound`), and nothing changes.
    ///
    /// Goal: renewing an unknown, released, expired or other-queue claim is refused without effect. Method: try
    /// each on a queue holding one live claim.
    @Test func renewOfAMissingOrExpiredClaimIsNotFound() throws {
        var fixture = try EngineFixture()
        try fixture.post(q, count: 3)
        let expiring = try #require(try fixture.claim(q, limit: 1, ttl: 60))
        let released = try #require(try fixture.claim(q, limit: 1))
        #expect(try fixture.apply(.releaseClaim(q, claimID: released.id)) == .done)
        _ = try #require(try fixture.claim(q, limit: 1, ttl: 600))
        let other = QueueRef(project: "p", name: "other")
        try fixture.post(other, count: 1)
        let otherClaim = try #require(try fixture.claim(other))
        let at = second(60)
        for claimID in ["nope", EntityID.claim(index: 999), released.id, expiring.id, otherClaim.id] {
            let error = try fixture.expectRejected(.renewClaim(q, claimID: claimID, ttl: 300, grace: 60), at: at)
            #expect(error == .claimNotFound(q, claimID: claimID))
        }
        let missing = QueueRef(project: "p", name: "missing")
        #expect(
            try fixture.expectRejected(.renewClaim(missing, claimID: expiring.id, ttl: 300, grace: 60))
                == .claimNotFound(missing, claimID: expiring.id))
    }

    // MARK: §6.4 Release

    /// Rule §6.4 release: "The claimed messages become claimable again at once. Lifetime extensions are not
    /// undone. The claim count is kept." Releasing a missing claim is a 204.
    ///
    /// Goal: after a release the messages are free, keep their extended ttl and their claim count, and the claim
    /// is gone. Method: with dead-lettering configured (so counts count), claim a 100 s message for 200 s + 60 s,
    /// release it, read it, and claim it again.
    @Test func releaseFreesAtOnceAndKeepsExtensionAndClaimCount() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, deadLettering(maxClaims: 5))
        let ids = try fixture.post(q, [msg(ttl: 100)])
        let claim = try #require(try fixture.claim(q, ttl: 200, grace: 60))
        #expect(claim.messages.map(\.ttl) == [260] && claim.messages.map(\.claimCount) == [1])
        #expect(try fixture.apply(.releaseClaim(q, claimID: claim.id), at: second(5)) == .done)
        let freed = try #require(try fixture.engine.message(q, id: ids[0], at: second(5)))
        #expect(freed.claimID == nil && freed.ttl == 260 && freed.claimCount == 1)
        #expect(try fixture.listIDs(q, at: second(5)) == ids)
        #expect(try fixture.engine.claim(q, id: claim.id, at: second(5)) == nil)
        #expect(try fixture.engine.message(q, id: ids[0], at: millisecond(259_999)) != nil)
        let again = try #require(try fixture.claim(q, at: second(5)))
        #expect(again.messages.map(\.claimCount) == [2])
        for claimID in [claim.id, "nope"] {
            let before = try fixture.dump()
            #expect(try fixture.apply(.releaseClaim(q, claimID: claimID), at: second(6)) == .done)
            #expect(try fixture.dump() == before)
        }
    }

    // MARK: §6.2 Get claim

    /// Rule §6.2 get claim: "`age` is seconds since the claim was created or last renewed. `ttl` is the claim's
    /// current TTL. `messages` are the messages still claimed by it. Deleted ones drop out", with decision 14
    /// "200 with `[]` until the claim expires".
    ///
    /// Goal: the claim view lists its remaining messages in FIFO order with its age and ttl, stays readable when
    /// empty, and is gone at expiry. Method: claim three, delete the middle one, read; delete the rest, read at
    /// 119.999 s and 120 s.
    @Test func getClaimShowsItsRemainingMessagesInFIFOOrder() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 4)
        let claim = try #require(try fixture.claim(q, limit: 3, ttl: 120))
        #expect(try fixture.apply(.deleteMessage(q, messageID: ids[1], claimID: claim.id)) == .done)
        let view = try #require(try fixture.engine.claim(q, id: claim.id, at: second(7)))
        #expect(view.id == claim.id && view.queue == "q" && view.age == 7 && view.ttl == 120)
        #expect(view.messages.map(\.id) == [ids[0], ids[2]])
        #expect(view.messages.allSatisfy { $0.claimID == claim.id && $0.age == 7 })
        #expect(try fixture.apply(.deleteMessages(q, ids: [ids[0], ids[2]]), at: second(8)) == .done)
        #expect(try fixture.engine.claim(q, id: claim.id, at: millisecond(119_999))?.messages == [])
        #expect(try fixture.engine.claim(q, id: claim.id, at: second(120)) == nil)
        #expect(try fixture.engine.claim(QueueRef(project: "p", name: "other"), id: claim.id, at: second(8)) == nil)
    }

    /// Rule §6.1 responses: "204 with no body when nothing could be claimed. This includes a missing queue".
    ///
    /// Goal: claiming from a missing or empty queue gives nil, creates nothing and stores no claim. Method: claim
    /// on a fresh engine, then on a queue whose only message is claimed.
    @Test func claimWithNothingToClaimIsNil() throws {
        var fixture = try EngineFixture()
        let before = try fixture.dump()
        #expect(try fixture.claim(q) == nil)
        #expect(try fixture.engine.queueExists(q) == false)
        #expect(try fixture.dump() == before)
        try fixture.create(q)
        #expect(try fixture.claim(q) == nil)
        #expect(try fixture.rowCount("claims") == 0)
    }

    /// Rule §6.1 checks: "ttl in [60, 43200] … limit: at least 1 and may not be greater than 20 … grace in [60,
    /// 43200]"; §6.3 renew: "Only `ttl` is range-checked … `grace` is not validated".
    ///
    /// Goal: out-of-range claim limit, ttl or grace, and renew ttl, are refused with nothing changed, while the
    /// bounds (and a small renew grace) are accepted. Method: try each bound and one past it on a queue with
    /// messages.
    @Test func claimAndRenewBoundsAreEnforced() throws {
        var fixture = try EngineFixture()
        try fixture.post(q, count: 30)
        for (limit, ttl, grace) in [
            (0, 300, 60), (21, 300, 60), (10, 59, 60), (10, 43_201, 60), (10, 300, 59),
            (10, 300, 43_201),
        ] {
            let error = try fixture.expectRejected(.claimMessages(q, limit: limit, ttl: ttl, grace: grace))
            guard case .invalidCommand = error else {
                Issue.record("claim \(limit) \(ttl) \(grace): \(String(describing: error))")
                continue
            }
        }
        #expect(try fixture.claim(q, limit: 1, ttl: 60, grace: 60)?.messages.count == 1)
        let big = try #require(try fixture.claim(q, limit: 20, ttl: 43_200, grace: 43_200))
        #expect(big.messages.count == 20)
        for ttl in [59, 43_201] {
            let error = try fixture.expectRejected(.renewClaim(q, claimID: big.id, ttl: ttl, grace: 60))
            guard case .invalidCommand = error else {
                Issue.record("renew ttl \(ttl): \(String(describing: error))")
                continue
            }
        }
        #expect(try fixture.apply(.renewClaim(q, claimID: big.id, ttl: 60, grace: 1)) == .done)
        #expect(try fixture.apply(.renewClaim(q, claimID: big.id, ttl: 43_200, grace: 0)) == .done)
    }

    // MARK: §7.2 Dead-letter queue

    /// Rule §7.2 with decision 10: "with `_max_claim_count = N`, a message can be delivered by N claims. The next
    /// claim that would take it moves it to the DLQ instead" — "as an unclaimed, immediately visible message; keep
    /// `claim_count`; TTL = the DLQ TTL, with expiry = move time + DLQ TTL"; a claim whose candidates all moved
    /// answers 204. Flotilla creates the DLQ when it moves the first message there.
    ///
    /// Goal: tempest's DLQ scenario (N = 2, DLQ TTL 7799, claims 70 s apart) ends with the message at the end of
    /// the DLQ, unclaimed and visible at once, claim count 2, ttl 7799, expiring 7799 s after the move. Method:
    /// three claims, then read both queues.
    @Test func deadLetteringMovesTheMessageAfterMaxClaimCountClaims() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, deadLettering(maxClaims: 2, ttl: 7_799))
        let ids = try fixture.post(q, count: 1)
        let first = try #require(try fixture.claim(q, ttl: 60, grace: 60, at: second(0)))
        #expect(first.messages.map(\.claimCount) == [1])
        let second2 = try #require(try fixture.claim(q, ttl: 60, grace: 60, at: second(70)))
        #expect(second2.messages.map(\.id) == ids && second2.messages.map(\.claimCount) == [2])
        #expect(try fixture.engine.queueExists(dlq) == false)
        #expect(try fixture.claim(q, ttl: 60, grace: 60, at: second(140)) == nil)

        #expect(try fixture.engine.queueExists(dlq))
        #expect(try fixture.engine.message(q, id: ids[0], at: second(140)) == nil)
        #expect(try fixture.engine.stats(q, at: second(140)).total == 0)
        let moved = try #require(try fixture.engine.message(dlq, id: ids[0], at: second(140)))
        #expect(moved.claimID == nil && moved.claimCount == 2 && moved.ttl == 7_799 && moved.age == 140)
        #expect(try fixture.listIDs(dlq, at: second(140)) == ids)
        #expect(try fixture.engine.message(dlq, id: ids[0], at: millisecond(7_938_999)) != nil)
        #expect(try fixture.engine.message(dlq, id: ids[0], at: second(7_939)) == nil)
    }

    /// Rule §7.2 ordering: "in Redis the message goes to the end of the DLQ's FIFO order"; the DLQ need not be
    /// empty or new.
    ///
    /// Goal: a moved message lands after the messages already in the DLQ, and can be claimed there at once.
    /// Method: post to the DLQ first, then move a message into it and list and claim the DLQ.
    @Test func deadLetteredMessagesGoToTheEndOfTheDeadLetterQueue() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, deadLettering(maxClaims: 1))
        let ids = try fixture.post(q, count: 1)
        let earlier = try fixture.post(dlq, count: 1)
        _ = try #require(try fixture.claim(q, ttl: 60))
        #expect(try fixture.claim(q, at: second(60)) == nil)
        let later = try fixture.post(dlq, count: 1, at: second(61))
        #expect(try fixture.listIDs(dlq, at: second(61)) == earlier + ids + later)
        #expect(try fixture.claim(dlq, limit: 20, at: second(61))?.messages.map(\.id) == earlier + ids + later)
    }

    /// Rule §7.1 `_dead_letter_queue_messages_ttl`: "Absent means they keep their TTL" (decision 10 changes the
    /// expiry only when a DLQ TTL is set).
    ///
    /// Goal: without a DLQ TTL a moved message keeps its ttl and its original expiry. Method: move a 3600 s
    /// message and read it before and at 3600 s.
    @Test func deadLetteringWithoutADeadLetterTTLKeepsTheMessagesTTL() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, deadLettering(maxClaims: 1))
        let ids = try fixture.post(q, [msg(ttl: 3_600)])
        _ = try #require(try fixture.claim(q, ttl: 60))
        #expect(try fixture.claim(q, at: second(100)) == nil)
        let moved = try #require(try fixture.engine.message(dlq, id: ids[0], at: second(100)))
        #expect(moved.ttl == 3_600 && moved.claimCount == 1)
        #expect(try fixture.engine.message(dlq, id: ids[0], at: millisecond(3_599_999)) != nil)
        #expect(try fixture.engine.message(dlq, id: ids[0], at: second(3_600)) == nil)
    }

    /// Rule §7.2: dead-lettering "runs … only when the queue's metadata has both `_max_claim_count` and
    /// `_dead_letter_queue` … without DLQ settings the counter stays 0"; §7.1 "Neither does anything alone".
    ///
    /// Goal: with only one of the two keys a message is claimed again and again, never moved, and its claim count
    /// stays 0. Method: for each single key, claim the message four times with expiring claims.
    @Test func deadLetteringNeedsBothKeysAndOnlyThenCountsClaims() throws {
        for metadata in [meta(("_max_claim_count", .int(1))), meta(("_dead_letter_queue", .string("dlq")))] {
            var fixture = try EngineFixture()
            try fixture.create(q, metadata)
            let ids = try fixture.post(q, count: 1)
            for round in 0..<4 {
                let claim = try #require(try fixture.claim(q, ttl: 60, at: second(60 * round)), "\(metadata)")
                #expect(claim.messages.map(\.id) == ids && claim.messages.map(\.claimCount) == [0], "\(metadata)")
            }
            #expect(try fixture.engine.queueExists(dlq) == false)
            #expect(try fixture.engine.message(q, id: ids[0], at: second(240))?.claimCount == 0)
        }
    }

    /// Rule §7.2: "`_max_claim_count: 0` moves messages on their first claim."
    ///
    /// Goal: with a maximum of 0 the first claim moves every candidate and answers nil. Method: post two messages
    /// and claim both.
    @Test func maxClaimCountZeroMovesOnTheFirstClaim() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, deadLettering(maxClaims: 0))
        let ids = try fixture.post(q, count: 2)
        #expect(try fixture.claim(q) == nil)
        #expect(try fixture.rowCount("claims") == 0)
        #expect(try fixture.allIDs(q).isEmpty)
        #expect(try fixture.listIDs(dlq) == ids)
        #expect(try fixture.engine.messages(dlq, ids: ids, at: second(0)).map(\.claimCount) == [0, 0])
    }

    /// Rule §7.2: each candidate is checked on its own — claimed if under the maximum, "Otherwise … moved … and is
    /// not returned in this claim"; "If every candidate was moved, the claim answers 204."
    ///
    /// Goal: a claim whose candidates are partly exhausted returns only the others; one whose candidates are all
    /// exhausted returns nil. Method: exhaust one message, post a fresh one, claim both; then exhaust the fresh one.
    @Test func aClaimReturnsOnlyCandidatesThatWereNotMoved() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, deadLettering(maxClaims: 1))
        let old = try fixture.post(q, count: 1)
        let claim = try #require(try fixture.claim(q))
        #expect(try fixture.apply(.releaseClaim(q, claimID: claim.id)) == .done)
        let fresh = try fixture.post(q, count: 1, at: second(1))
        let mixed = try #require(try fixture.claim(q, limit: 2, at: second(1)))
        #expect(mixed.messages.map(\.id) == fresh && mixed.messages.map(\.claimCount) == [1])
        #expect(try fixture.listIDs(dlq, at: second(1)) == old)
        #expect(try fixture.apply(.releaseClaim(q, claimID: mixed.id), at: second(2)) == .done)
        #expect(try fixture.claim(q, limit: 2, at: second(2)) == nil)
        #expect(try fixture.listIDs(dlq, at: second(2)) == old + fresh)
    }
}
