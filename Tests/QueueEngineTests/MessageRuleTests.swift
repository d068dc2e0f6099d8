// One test per rule of Zaqar v2 message semantics (reference doc §5, §7.1 and §8, with Flotilla's decisions of
// §12), driven through the engine's public command and query API at explicit times.
import QueueEngine
import QueueModel
import Testing

private let q = QueueRef(project: "p", name: "q")

@Suite("Message rules")
struct MessageRuleTests {
    // MARK: §5.1 Post: TTL and delay

    /// Rule §5.1 TTL default: "`ttl` is an optional integer. The default is the queue's `_default_message_ttl` if
    /// set, otherwise 3600"; a message "expires at created + ttl" (§8.1).
    ///
    /// Goal: a message without a TTL takes the queue's default, else the global one, and disappears exactly when
    /// its TTL runs out. Method: post to a queue with `_default_message_ttl: 120` and to a lazy queue, then read
    /// the TTLs and look at the first message one millisecond either side of its expiry.
    @Test func ttlDefaultsToTheQueueThenTheGlobalDefault() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, meta(("_default_message_ttl", .int(120))))
        let ids = try fixture.post(q, [msg(), msg(ttl: 300)])
        let lazy = QueueRef(project: "p", name: "lazy")
        let lazyIDs = try fixture.post(lazy, [msg()])
        #expect(try fixture.engine.messages(q, ids: ids, at: second(0)).map(\.ttl) == [120, 300])
        #expect(try fixture.engine.message(lazy, id: lazyIDs[0], at: second(0))?.ttl == 3_600)
        #expect(try fixture.engine.message(q, id: ids[0], at: millisecond(119_999)) != nil)
        #expect(try fixture.engine.message(q, id: ids[0], at: second(120)) == nil)
        #expect(try fixture.engine.message(q, id: ids[1], at: second(120)) != nil)
        #expect(try fixture.engine.message(lazy, id: lazyIDs[0], at: millisecond(3_599_999)) != nil)
        #expect(try fixture.engine.message(lazy, id: lazyIDs[0], at: second(3_600)) == nil)
    }

    /// Rule §5.1 step 8: "TTL outside [60, 1209600]" is a 400, with decision 7 "Validate first; create only on
    /// success ('bad input changes nothing')".
    ///
    /// Goal: an out-of-range TTL anywhere in a batch refuses the whole post, creates no queue and stores nothing;
    /// the bounds themselves are accepted. Method: post TTLs 59 and 1209601 (alone and after a good message), then
    /// 60 and 1209600.
    @Test func ttlOutOfBoundsIsRejectedWithNothingChanged() throws {
        var fixture = try EngineFixture()
        for batch in [[msg(ttl: 59)], [msg(ttl: 1_209_601)], [msg(ttl: 300), msg(ttl: 59)]] {
            let error = try fixture.expectRejected(
                .postMessages(q, clientID: Clients.a, messages: batch, idempotencyKey: nil))
            guard case .invalidCommand = error else {
                Issue.record("unexpected error \(String(describing: error))")
                continue
            }
            #expect(try fixture.engine.queueExists(q) == false)
        }
        let ids = try fixture.post(q, [msg(ttl: 60), msg(ttl: 1_209_600)])
        #expect(try fixture.engine.messages(q, ids: ids, at: second(0)).map(\.ttl) == [60, 1_209_600])
    }

    /// Rule §5.1 step 8 / decision 1: "delay outside [0, 900]" is a 400, and the delay is "validate[d] always",
    /// even on a queue without a default delay.
    ///
    /// Goal: delays -1 and 901 refuse the whole post on an existing queue and change nothing; 0 and 900 are
    /// accepted. Method: post to a queue that holds one message and compare the dump.
    @Test func delayOutOfBoundsIsRejectedWithNothingChanged() throws {
        var fixture = try EngineFixture()
        try fixture.post(q, count: 1)
        for batch in [[msg(delay: -1)], [msg(delay: 901)], [msg(delay: 0), msg(delay: 901)]] {
            let error = try fixture.expectRejected(
                .postMessages(q, clientID: Clients.a, messages: batch, idempotencyKey: nil))
            guard case .invalidCommand = error else {
                Issue.record("unexpected error \(String(describing: error))")
                continue
            }
        }
        let ids = try fixture.post(q, [msg(delay: 0), msg(delay: 900)])
        #expect(try fixture.engine.messages(q, ids: ids, at: second(0)).count == 2)
    }

    /// Rule §12 decision 1: "Honour the per-message `delay` (0 to 900) always" — also when the queue has no
    /// `_default_message_delay`, where the reference drops it.
    ///
    /// Goal: a per-message delay on a queue without a default delay hides the message from listing, claims and
    /// pops until the delay ends, to the millisecond. Method: post with delay 30, try every read and take just
    /// before and at the end of the delay.
    @Test func perMessageDelayIsAlwaysHonoured() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, [msg(delay: 30)])
        let justBefore = millisecond(29_999)
        #expect(try fixture.listIDs(q, at: justBefore).isEmpty)
        #expect(try fixture.listIDs(q, at: justBefore, includeDelayed: true) == ids)
        #expect(try fixture.claim(q, at: justBefore) == nil)
        #expect(try fixture.pop(q, count: 20, at: justBefore).isEmpty)
        #expect(try fixture.listIDs(q, at: second(30)) == ids)
        #expect(try fixture.claim(q, at: second(30))?.messages.map(\.id) == ids)
    }

    /// Rule §7.1 `_default_message_delay`: "messages posted without `delay` get this delay; a per-message `delay`
    /// is honoured (0 to 900)".
    ///
    /// Goal: the queue's delay applies only to messages without their own delay. Method: on a queue with a 20 s
    /// default delay, post messages without a delay, with delay 0 and with delay 5, and list at 0, 5 and 20 s.
    @Test func queueDefaultDelayAppliesToMessagesWithoutDelay() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, meta(("_default_message_delay", .int(20))))
        let ids = try fixture.post(q, [msg(), msg(delay: 0), msg(delay: 5)])
        #expect(try fixture.listIDs(q, at: second(0)) == [ids[1]])
        #expect(try fixture.listIDs(q, at: second(5)) == [ids[1], ids[2]])
        #expect(try fixture.listIDs(q, at: millisecond(19_999)) == [ids[1], ids[2]])
        #expect(try fixture.listIDs(q, at: second(20)) == ids)
    }

    /// Rule §7.1 delayed messages: "listing hides delayed messages unless `include_delayed=true`; claims and pops
    /// skip them; GET by id and by ids still returns them", and stats count them as free (§4.6).
    ///
    /// Goal: a delayed message is invisible to list, claim and pop but visible by id, by ids and in stats.
    /// Method: post one delayed message and try every read and take during the delay.
    @Test func delayedMessagesAreHiddenFromListClaimAndPopButNotFromGets() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, [msg(delay: 100)])
        let at = second(10)
        #expect(try fixture.listIDs(q, at: at, includeClaimed: true).isEmpty)
        #expect(try fixture.listIDs(q, at: at, includeDelayed: true) == ids)
        #expect(try fixture.engine.message(q, id: ids[0], at: at)?.id == ids[0])
        #expect(try fixture.engine.messages(q, ids: ids, at: at).map(\.id) == ids)
        let stats = try fixture.engine.stats(q, at: at)
        #expect(stats.total == 1 && stats.claimed == 0 && stats.free == 1)
        #expect(try fixture.claim(q, at: at) == nil)
        #expect(try fixture.pop(q, count: 20, at: at).isEmpty)
        #expect(try fixture.engine.messages(q, ids: ids, at: at).count == 1)
    }

    // MARK: §8.3 FIFO and §8.4 markers

    /// Rule §8.3 FIFO: "A posted batch takes consecutive values in request order … Listing, claiming, popping and
    /// stats `oldest`/`newest` all use this order"; "There is no ordering between queues."
    ///
    /// Goal: messages come out in posting order across batches, unaffected by posts to other queues. Method: post
    /// three batches to q interleaved with posts to another queue, then list, read stats, claim and pop.
    @Test func fifoFollowsPostingOrderAcrossBatches() throws {
        var fixture = try EngineFixture()
        let other = QueueRef(project: "p", name: "other")
        var ids = try fixture.post(q, count: 2)
        try fixture.post(other, count: 2)
        ids += try fixture.post(q, count: 1, at: second(1))
        try fixture.post(other, count: 1, at: second(1))
        ids += try fixture.post(q, count: 3, at: second(2))
        #expect(try fixture.listIDs(q, at: second(3)) == ids)
        let stats = try fixture.engine.stats(q, at: second(3))
        #expect(stats.oldest?.id == ids.first && stats.newest?.id == ids.last)
        #expect(stats.oldest?.created == second(0) && stats.oldest?.age == 3)
        #expect(try fixture.claim(q, limit: 2, at: second(3))?.messages.map(\.id) == Array(ids[0..<2]))
        #expect(try fixture.pop(q, count: 3, at: second(3)).map(\.id) == Array(ids[2..<5]))
        #expect(try fixture.claim(q, limit: 20, at: second(3))?.messages.map(\.id) == [ids[5]])
    }

    /// Rule §8.4 markers: "the next page starts strictly after it"; an empty page has no marker.
    ///
    /// Goal: following `nextMarker` pages through every message exactly once, then gives an empty page with no
    /// marker. Method: post five messages and page with limit 2.
    @Test func markersPageStrictlyAfter() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 5)
        let first = try fixture.list(q, limit: 2)
        #expect(first.messages.map(\.id) == Array(ids[0..<2]))
        let marker = try #require(first.nextMarker)
        let page2 = try fixture.list(q, marker: marker, limit: 2)
        #expect(page2.messages.map(\.id) == Array(ids[2..<4]))
        let marker2 = try #require(page2.nextMarker)
        let third = try fixture.list(q, marker: marker2, limit: 2)
        #expect(third.messages.map(\.id) == [ids[4]])
        let marker3 = try #require(third.nextMarker)
        let last = try fixture.list(q, marker: marker3, limit: 2)
        #expect(last == MessagePage(messages: [], nextMarker: nil))
        // Asking again with the same marker gives the same page.
        #expect(try fixture.list(q, marker: marker, limit: 2) == page2)
    }

    /// Rule §8.4: "Tokens must survive deletion of the message they name."
    ///
    /// Goal: a marker still pages on after its message and the one before it are deleted, and after later posts.
    /// Method: take a marker after two messages, delete both, post more, and list after the marker.
    @Test func markersSurviveDeletionOfTheirMessage() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 4)
        let marker = try #require(try fixture.list(q, limit: 2).nextMarker)
        #expect(try fixture.apply(.deleteMessage(q, messageID: ids[1], claimID: nil)) == .done)
        #expect(try fixture.apply(.deleteMessages(q, ids: [ids[0]])) == .done)
        let later = try fixture.post(q, count: 1, at: second(1))
        #expect(try fixture.listIDs(q, at: second(1), marker: marker) == [ids[2], ids[3]] + later)
    }

    /// Rule §12 decision 3: "Strictly-after semantics; an unparseable marker gives an empty page."
    ///
    /// Goal: a marker the engine did not issue and cannot read gives an empty page without a marker, never a
    /// restart from the beginning. Method: list a non-empty queue with several malformed markers, including a
    /// message id.
    @Test func unparseableMarkerGivesAnEmptyPage() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 3)
        for marker in ["abc", "-1", "1.5", "", " 1", ids[0]] {
            #expect(try fixture.list(q, marker: marker) == MessagePage(messages: [], nextMarker: nil), "\(marker)")
        }
    }

    // MARK: §8.5 Echo and §5.2 include_claimed

    /// Rule §8.5 echo: "Only `GET .../messages` without `ids` filters on [Client-ID], and only when `echo` is
    /// false … The comparison is on the parsed UUID value, so any spelling of the same UUID matches" (§5.2).
    ///
    /// Goal: without echo a client does not list its own messages, whatever spelling of its UUID it uses; with
    /// echo, or for another client, it sees all. Method: clients A and B post; list as A in four spellings, as A
    /// with echo and as client C.
    @Test func echoFiltersOnTheClientUUIDValue() throws {
        var fixture = try EngineFixture()
        let a1 = try fixture.post(q, count: 1, client: Clients.a)
        let b1 = try fixture.post(q, count: 1, client: Clients.b)
        let a2 = try fixture.post(q, count: 1, client: Clients.a)
        let spellings = [
            "3381af92-2b9e-11e3-b191-71861300734c", "{3381AF92-2B9E-11E3-B191-71861300734C}",
            "3381af922b9e11e3b19171861300734c", "urn:uuid:3381af92-2b9e-11e3-b191-71861300734c",
        ]
        for spelling in spellings {
            let client = try #require(ClientID(parsing: spelling))
            #expect(try fixture.listIDs(q, client: client, echo: false) == b1, "\(spelling)")
        }
        #expect(try fixture.listIDs(q, client: Clients.a, echo: true) == a1 + b1 + a2)
        #expect(try fixture.listIDs(q, client: Clients.b, echo: false) == a1 + a2)
        #expect(try fixture.listIDs(q, client: Clients.c, echo: false) == a1 + b1 + a2)
        // Get by ids ignores echo.
        #expect(try fixture.engine.messages(q, ids: a1 + a2, at: second(0)).map(\.id) == a1 + a2)
    }

    /// Rule §5.2 `include_claimed`: the listing omits messages "under an active claim, unless `include_claimed`";
    /// a claimed message shows its claim id only while the claim is active (decision 11).
    ///
    /// Goal: claimed messages are listed only with include_claimed, carrying the claim id, and come back in plain
    /// listings when the claim expires. Method: claim the first of three messages and list with and without the
    /// flag, during and after the claim.
    @Test func includeClaimedListsClaimedMessages() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 3)
        let claim = try #require(try fixture.claim(q, limit: 1, ttl: 60))
        #expect(try fixture.listIDs(q, at: second(1)) == Array(ids[1...]))
        let included = try fixture.list(q, at: second(1), includeClaimed: true).messages
        #expect(included.map(\.id) == ids)
        #expect(included.map(\.claimID) == [claim.id, nil, nil])
        let after = try fixture.list(q, at: second(60)).messages
        #expect(after.map(\.id) == ids)
        #expect(after.allSatisfy { $0.claimID == nil })
    }

    // MARK: §8.1 Expiry

    /// Rule §8.1 expiry: "An expired message disappears from lists, gets, claims, pops and stats."
    ///
    /// Goal: at its expiry instant a message is gone from every read and cannot be claimed, popped or deleted,
    /// while it was visible one millisecond before. Method: post a 60 s message and a long-lived one; read
    /// everything at 59.999 s and at 60 s, then claim (one engine) and pop (another).
    @Test func expiredMessagesDisappearFromEveryRead() throws {
        for take in ["claim", "pop"] {
            var fixture = try EngineFixture()
            let short = try fixture.post(q, [msg(ttl: 60)])[0]
            let long = try fixture.post(q, [msg(ttl: 3_600)], at: second(1))[0]
            let before = millisecond(59_999)
            #expect(try fixture.allIDs(q, at: before) == [short, long])
            #expect(try fixture.engine.message(q, id: short, at: before) != nil)

            let at = second(60)
            #expect(try fixture.allIDs(q, at: at) == [long])
            #expect(try fixture.engine.message(q, id: short, at: at) == nil)
            #expect(try fixture.engine.messages(q, ids: [short, long], at: at).map(\.id) == [long])
            let stats = try fixture.engine.stats(q, at: at)
            #expect(stats.total == 1 && stats.oldest?.id == long && stats.newest?.id == long)
            if take == "claim" {
                #expect(try fixture.claim(q, limit: 20, at: at)?.messages.map(\.id) == [long])
            } else {
                #expect(try fixture.pop(q, count: 20, at: at).map(\.id) == [long])
            }
            #expect(try fixture.apply(.deleteMessage(q, messageID: short, claimID: nil), at: at) == .done)
        }
    }

    // MARK: §5.3 Get by ids, isolation

    /// Rule §5.3 get a set: "Malformed and unknown ids are ignored. `echo`, `include_claimed` and `include_delayed`
    /// do not apply … Order is not guaranteed; use request order."
    ///
    /// Goal: get by ids returns the existing messages in request order, each once, claimed, delayed and own ones
    /// included. Method: post a claimed, a delayed and a free message and ask for them shuffled with unknown,
    /// malformed and repeated ids.
    @Test func getByIdsFollowsRequestOrderAndIgnoresUnknownIds() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, [msg(), msg(delay: 100), msg()], client: Clients.b)
        let claim = try #require(try fixture.claim(q, limit: 1))
        let asked = [ids[2], "nope", ids[0], "-1", ids[1], ids[2], EntityID.message(index: 99, position: 0)]
        let found = try fixture.engine.messages(q, ids: asked, at: second(1))
        #expect(found.map(\.id) == [ids[2], ids[0], ids[1]])
        #expect(found.map(\.claimID) == [nil, claim.id, nil])
        #expect(try fixture.engine.message(q, id: ids[1], at: second(1))?.id == ids[1])
        #expect(try fixture.engine.message(q, id: "-1", at: second(1)) == nil)
        #expect(try fixture.engine.messages(q, ids: ["nope"], at: second(1)).isEmpty)
    }

    /// Rule §12 decisions: "A message … is only ever reachable through its own project and queue" (§5.4: "Another
    /// project's message is a 404").
    ///
    /// Goal: a message id used under another queue or project finds nothing and deletes nothing. Method: post to
    /// p/q, then get and delete its id through p/other and p2/q.
    @Test func messagesOfAnotherQueueOrProjectAreInvisible() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 2)
        let otherQueue = QueueRef(project: "p", name: "other")
        let otherProject = QueueRef(project: "p2", name: "q")
        try fixture.post(otherQueue, count: 1)
        try fixture.post(otherProject, count: 1)
        let before = try fixture.dump()
        for elsewhere in [otherQueue, otherProject] {
            #expect(try fixture.engine.message(elsewhere, id: ids[0], at: second(0)) == nil)
            #expect(try fixture.engine.messages(elsewhere, ids: ids, at: second(0)).isEmpty)
            #expect(try fixture.apply(.deleteMessage(elsewhere, messageID: ids[0], claimID: nil)) == .done)
            #expect(try fixture.apply(.deleteMessages(elsewhere, ids: ids)) == .done)
        }
        #expect(try fixture.dump() == before)
        #expect(try fixture.allIDs(q) == ids)
    }

    // MARK: §5.5 Delete one message

    /// Rule §5.5 row 1: "Queue or message missing, or id malformed → 204."
    ///
    /// Goal: deleting what is not there succeeds and changes nothing. Method: delete from a missing queue, a
    /// well-formed unknown id and malformed ids, with and without a claim id.
    @Test func deleteOfAMissingQueueOrMessageSucceeds() throws {
        var fixture = try EngineFixture()
        try fixture.post(q, count: 1)
        let before = try fixture.dump()
        let missingQueue = QueueRef(project: "p", name: "missing")
        let cases: [(QueueRef, String, String?)] = [
            (missingQueue, EntityID.message(index: 1, position: 0), nil),
            (q, EntityID.message(index: 50, position: 0), nil), (q, "-1", nil), (q, "123", "456"),
            (q, "", nil),
        ]
        for (queue, id, claimID) in cases {
            #expect(try fixture.apply(.deleteMessage(queue, messageID: id, claimID: claimID)) == .done)
        }
        #expect(try fixture.dump() == before)
    }

    /// Rule §5.5 row 2: "Message not under an active claim, no `claim_id` → delete, 204."
    ///
    /// Goal: a free message is deleted without a claim id, including one whose claim expired or was released.
    /// Method: delete a never-claimed message, one whose claim expired, and one whose claim was released.
    @Test func deleteOfAnUnclaimedMessageWithoutClaimID() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 3)
        #expect(try fixture.apply(.deleteMessage(q, messageID: ids[0], claimID: nil)) == .done)
        let expiring = try #require(try fixture.claim(q, limit: 1, ttl: 60))
        #expect(expiring.messages.map(\.id) == [ids[1]])
        let released = try #require(try fixture.claim(q, limit: 1, ttl: 600))
        #expect(try fixture.apply(.releaseClaim(q, claimID: released.id)) == .done)
        #expect(try fixture.apply(.deleteMessage(q, messageID: ids[1], claimID: nil), at: second(60)) == .done)
        #expect(try fixture.apply(.deleteMessage(q, messageID: ids[2], claimID: nil), at: second(60)) == .done)
        #expect(try fixture.allIDs(q, at: second(60)).isEmpty)
    }

    /// Rule §5.5 row 3: "Message under an active claim, no `claim_id` → 403."
    ///
    /// Goal: a claimed message cannot be deleted without its claim id and stays in place. Method: claim, then
    /// delete without a claim id just before the claim expires.
    @Test func deleteOfAClaimedMessageWithoutClaimIDIsForbidden() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 1)
        _ = try fixture.claim(q, ttl: 60)
        let error = try fixture.expectRejected(
            .deleteMessage(q, messageID: ids[0], claimID: nil), at: millisecond(59_999))
        #expect(error == .messageClaimed)
        #expect(try fixture.allIDs(q, at: millisecond(59_999)) == ids)
    }

    /// Rule §5.5 row 4: "`claim_id` given, message not currently claimed (never claimed, released, or the claim
    /// expired) → 400 … `A claim was specified, but the message is not currently claimed.`" — for any claim id
    /// that is a UUID; one that is not (`123`) is "does not exist" first (observed on the reference).
    ///
    /// Goal: each of the three ways of being unclaimed refuses a delete that names a claim, and keeps the message.
    /// Method: delete with a claim id a never-claimed message, a released one (with its old claim id) and one
    /// whose claim expired (with that claim id); then a never-claimed one with `123`.
    @Test func deleteWithAClaimIDOfAnUnclaimedMessage() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 3)
        let expired = try #require(try fixture.claim(q, limit: 1, ttl: 60))
        let released = try #require(try fixture.claim(q, limit: 1))
        #expect(expired.messages.map(\.id) == [ids[0]] && released.messages.map(\.id) == [ids[1]])
        #expect(try fixture.apply(.releaseClaim(q, claimID: released.id)) == .done)
        let at = second(60)
        #expect(
            try fixture.expectRejected(.deleteMessage(q, messageID: ids[2], claimID: released.id), at: at)
                == .messageNotClaimed)
        #expect(
            try fixture.expectRejected(.deleteMessage(q, messageID: ids[1], claimID: released.id), at: at)
                == .messageNotClaimed)
        #expect(
            try fixture.expectRejected(.deleteMessage(q, messageID: ids[0], claimID: expired.id), at: at)
                == .messageNotClaimed)
        #expect(
            try fixture.expectRejected(.deleteMessage(q, messageID: ids[2], claimID: "123"), at: at) == .claimInvalid)
        #expect(try fixture.allIDs(q, at: at) == ids)
    }

    /// Rule §5.5 row 5 with decision 15: "`claim_id` malformed, or not an existing active claim → 400 … `The
    /// specified claim does not exist or has expired.`" (400 rather than MongoDB's 403).
    ///
    /// Goal: a claimed message is kept when the delete names a malformed, unknown, expired, released or
    /// other-queue claim. Method: claim the message, then delete with each kind of bad claim id.
    @Test func deleteWithAnUnknownOrInactiveClaimID() throws {
        var fixture = try EngineFixture()
        let other = QueueRef(project: "p", name: "other")
        try fixture.post(other, count: 1)
        let otherQueueClaim = try #require(try fixture.claim(other))
        let ids = try fixture.post(q, count: 3)
        let shortClaim = try #require(try fixture.claim(q, limit: 1, ttl: 60))
        let releasedClaim = try #require(try fixture.claim(q, limit: 1))
        #expect(try fixture.apply(.releaseClaim(q, claimID: releasedClaim.id)) == .done)
        let target = try #require(try fixture.claim(q, limit: 1, ttl: 600, at: second(1)))
        #expect(target.messages.map(\.id) == [ids[1]])
        let at = second(60)
        for bad in [
            "123", "", EntityID.claim(index: 999), EntityID.message(index: 1, position: 0), shortClaim.id,
            releasedClaim.id, otherQueueClaim.id,
        ] {
            #expect(
                try fixture.expectRejected(.deleteMessage(q, messageID: ids[1], claimID: bad), at: at)
                    == .claimInvalid, "\(bad)")
        }
        #expect(try fixture.engine.message(q, id: ids[1], at: at)?.claimID == target.id)
    }

    /// Rule §5.5 row 6: "`claim_id` is a different claim that exists and is active → 403."
    ///
    /// Goal: one claimant cannot delete another's message. Method: two claims on two messages, delete each
    /// message with the other claim's id.
    @Test func deleteWithAnotherActiveClaimIsForbidden() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 2)
        let firstClaim = try #require(try fixture.claim(q, limit: 1))
        let secondClaim = try #require(try fixture.claim(q, limit: 1))
        #expect(
            try fixture.expectRejected(.deleteMessage(q, messageID: ids[0], claimID: secondClaim.id))
                == .messageClaimed)
        #expect(
            try fixture.expectRejected(.deleteMessage(q, messageID: ids[1], claimID: firstClaim.id))
                == .messageClaimed)
        #expect(try fixture.allIDs(q) == ids)
    }

    /// Rule §5.5 row 7: "`claim_id` is the message's active claim → delete, 204; the message also leaves the
    /// claim."
    ///
    /// Goal: the claimant deletes its message, and the claim no longer lists it. Method: claim two messages,
    /// delete one with the claim id, read the queue and the claim.
    @Test func deleteWithTheMessagesOwnClaim() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, count: 2)
        let claim = try #require(try fixture.claim(q, limit: 2))
        #expect(try fixture.apply(.deleteMessage(q, messageID: ids[0], claimID: claim.id), at: second(5)) == .done)
        #expect(try fixture.allIDs(q, at: second(5)) == [ids[1]])
        #expect(try fixture.engine.claim(q, id: claim.id, at: second(5))?.messages.map(\.id) == [ids[1]])
    }

    // MARK: §5.6 Bulk delete and §5.7 pop

    /// Rule §5.6 bulk delete: "Deletes the listed messages regardless of claim state and ignores unknown or
    /// malformed ids. Always 204, for a missing queue too."
    ///
    /// Goal: bulk delete removes claimed, delayed and free messages alike and only the listed ones. Method: post
    /// four messages, claim one, delay one, bulk delete three with unknown ids mixed in.
    @Test func bulkDeleteIgnoresClaims() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, [msg(), msg(), msg(delay: 300), msg()])
        let claim = try #require(try fixture.claim(q, limit: 1))
        let result = try fixture.apply(.deleteMessages(q, ids: [ids[0], "nope", ids[2], "-1", ids[1]]))
        #expect(result == .done)
        #expect(try fixture.allIDs(q) == [ids[3]])
        #expect(try fixture.engine.claim(q, id: claim.id, at: second(0))?.messages == [])
        #expect(try fixture.apply(.deleteMessages(QueueRef(project: "p", name: "missing"), ids: ids)) == .done)
    }

    /// Rule §5.7 pop: "Atomically take the oldest messages that are not claimed … up to N, delete them, and return
    /// them", with `claim_id: null` (decision 12); delayed messages are skipped too (§7.1 "claims and pops skip
    /// them"); an expired claim counts as none.
    ///
    /// Goal: pop returns the oldest available messages in FIFO order, without a claim id, and deletes them,
    /// leaving claimed and delayed ones. Method: post five messages, claim the first, delay the third; pop two
    /// at 10 s; after the claim expires, pop the rest.
    @Test func popTakesAndDeletesTheOldestAvailableMessages() throws {
        var fixture = try EngineFixture()
        let ids = try fixture.post(q, [msg("1"), msg("2"), msg("3", delay: 100), msg("4", ttl: 200), msg("5")])
        _ = try fixture.claim(q, limit: 1, ttl: 60)
        let popped = try fixture.pop(q, count: 2, at: second(10))
        #expect(
            popped == [
                MessageView(
                    id: ids[1], queue: "q", ttl: 3_600, age: 10, body: "2", checksum: nil, claimID: nil, claimCount: 0),
                MessageView(
                    id: ids[3], queue: "q", ttl: 200, age: 10, body: "4", checksum: nil, claimID: nil, claimCount: 0),
            ])
        #expect(try fixture.allIDs(q, at: second(10)) == [ids[0], ids[2], ids[4]])
        #expect(try fixture.pop(q, count: 20, at: second(60)).map(\.id) == [ids[0], ids[4]])
        #expect(try fixture.allIDs(q, at: second(60)) == [ids[2]])
        #expect(try fixture.pop(q, count: 20, at: second(100)).map(\.id) == [ids[2]])
        #expect(try fixture.pop(q, count: 20, at: second(100)).isEmpty)
    }

    // MARK: Idempotent posts

    /// Rule (QueueCommand.postMessages): "An idempotency key seen within `ZaqarLimits.idempotencyWindowSeconds`
    /// returns the first post's ids and changes nothing"; after the window the post is new.
    ///
    /// Goal: a retried post within 600 s gets the original ids and stores nothing; at 600 s it posts anew; keys
    /// are per queue. Method: post with key "k", retry at 599 s with other bodies, at 600 s, and to another queue.
    @Test func idempotencyKeyReturnsTheFirstPostsIdsWithinTheWindow() throws {
        var fixture = try EngineFixture()
        let first = try fixture.post(q, [msg("1")], key: "k")
        let before = try fixture.dump()
        let retried = try fixture.post(q, [msg("2"), msg("3")], client: Clients.b, key: "k", at: second(599))
        #expect(retried == first)
        #expect(try fixture.dump() == before)

        let other = QueueRef(project: "p", name: "other")
        let elsewhere = try fixture.post(other, [msg("1")], key: "k", at: second(599))
        #expect(elsewhere != first && elsewhere.count == 1)
        let unkeyed = try fixture.post(q, [msg("1")], at: second(599))
        #expect(unkeyed != first)

        let anew = try fixture.post(q, [msg("4")], key: "k", at: second(600))
        #expect(anew != first && anew.count == 1)
        #expect(try fixture.dump() != before)
        #expect(try fixture.allIDs(q, at: second(600)) == first + unkeyed + anew)
        // The key now names the new post for another window.
        #expect(try fixture.post(q, [msg("5")], key: "k", at: second(1_199)) == anew)
    }

    // MARK: Expire housekeeping

    /// Rule (QueueCommand.expire): "remove up to `limit` expired messages, claims and idempotency keys (expiry is
    /// also applied on every read, so this only reclaims space)".
    ///
    /// Goal: expire removes exactly the expired message, claim and key, reports how many, and no query answers
    /// differently afterwards. Method: build a queue with an expired message, an expired claim over a live
    /// message, an expired key and live messages; capture every query, expire, compare.
    @Test func expireRemovesOnlyWhatIsExpiredAndChangesNoAnswer() throws {
        var fixture = try EngineFixture()
        let claimed = try fixture.post(q, [msg(ttl: 3_600)])
        let claim = try #require(try fixture.claim(q, limit: 1, ttl: 60))
        let short = try fixture.post(q, [msg(ttl: 60)], key: "k")
        let live = try fixture.post(q, [msg(ttl: 3_600)], client: Clients.b)
        let all = claimed + short + live
        let at = second(700)
        func answers() throws -> [String] {
            [
                "\(try fixture.list(q, at: at, client: Clients.a, echo: false, includeClaimed: true))",
                "\(try fixture.list(q, at: at))",
                "\(try fixture.engine.messages(q, ids: all, at: at))",
                "\(try fixture.engine.stats(q, at: at))",
                "\(String(describing: try fixture.engine.claim(q, id: claim.id, at: at)))",
                "\(try fixture.engine.metadata(q))",
                "\(try fixture.engine.listQueues(project: "p", marker: nil, limit: 20, detailed: true))",
            ]
        }
        let before = try answers()
        #expect(try fixture.apply(.expire(limit: 100), at: at) == .expired(removed: 3))
        #expect(try answers() == before)
        #expect(try fixture.rowCount("messages") == 2)
        #expect(try fixture.rowCount("claims") == 0)
        #expect(try fixture.rowCount("post_keys") == 0)
        #expect(try fixture.allIDs(q, at: at) == claimed + live)
        #expect(try fixture.apply(.expire(limit: 100), at: at) == .expired(removed: 0))
    }

    /// Rule (QueueCommand.expire): at most `limit` rows of each kind go per command, oldest expiry first.
    ///
    /// Goal: a bounded expire leaves the rest for later and still changes no answer. Method: three expired
    /// messages, expire with limit 2 then again.
    @Test func expireIsBoundedByItsLimit() throws {
        var fixture = try EngineFixture()
        try fixture.post(q, count: 3, ttl: 60)
        let live = try fixture.post(q, count: 1)
        let at = second(61)
        #expect(try fixture.apply(.expire(limit: 2), at: at) == .expired(removed: 2))
        #expect(try fixture.rowCount("messages") == 2)
        #expect(try fixture.allIDs(q, at: at) == live)
        #expect(try fixture.apply(.expire(limit: 2), at: at) == .expired(removed: 1))
        #expect(try fixture.rowCount("messages") == 1)
        #expect(try fixture.allIDs(q, at: at) == live)
    }
}
