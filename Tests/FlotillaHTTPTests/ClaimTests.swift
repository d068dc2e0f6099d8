// §6 and §7.2 of the reference doc: creating, reading, renewing and releasing claims, the lifetime extension, and
// dead-lettering. Texts and orders were observed on the reference Zaqar 15 server; `{"ttl": null, "grace": null}`
// and the dead-letter move follow Flotilla's decisions (§12, decision 10). Time moves only through the manual clock.
import HTTPTypes
import QueueModel
import Testing

private let claimTTLText = "The TTL for a claim may not exceed 43200 seconds, and must be at least 60 seconds long."
private let claimGraceText = "The grace for a claim may not exceed 43200 seconds, and must be at least 60 seconds long."
private let claimLimitText = "Limit must be at least 1 and may not be greater than 20."

/// A claim POST the reference refuses: query, body, and the error (title, description), in §6.1's check order.
struct BadClaimCase: Sendable, CustomTestStringConvertible {
    let query: String
    let body: String
    let title: String
    let description: String
    var testDescription: String { "?\(query) \(body)" }

    static func body(_ query: String, _ body: String, _ description: String) -> BadClaimCase {
        BadClaimCase(query: query, body: body, title: "Invalid request body", description: description)
    }

    static func api(_ query: String, _ body: String, _ description: String) -> BadClaimCase {
        BadClaimCase(query: query, body: body, title: "Invalid API request", description: description)
    }

    static let all: [BadClaimCase] = [
        // A non-integer limit is the first error of all (observed).
        BadClaimCase(
            query: "limit=x", body: #"{"ttl": "x"}"#, title: "Invalid parameter",
            description: "The \"limit\" parameter is invalid. The value must be an integer."),
        body("", "[]", "Document type not supported."),
        body("", "{bad", "Request body could not be parsed."),
        body("", #"{"ttl": "x"}"#, "The value of the \"ttl\" field must be a int."),
        body("", #"{"ttl": 1.5}"#, "The value of the \"ttl\" field must be a int."),
        body("", #"{"grace": "x"}"#, "The value of the \"grace\" field must be a int."),
        body("limit=0", #"{"ttl": "x"}"#, "The value of the \"ttl\" field must be a int."),
        api("", #"{"ttl": 59}"#, claimTTLText),
        api("", #"{"ttl": 43201}"#, claimTTLText),
        api("", #"{"ttl": true}"#, claimTTLText),
        api("limit=0", #"{"ttl": 59}"#, claimTTLText),
        api("limit=0", #"{"grace": 59}"#, claimLimitText),
        api("limit=21", "{}", claimLimitText),
        api("limit=-1", "{}", claimLimitText),
        api("", #"{"grace": 59}"#, claimGraceText),
        api("", #"{"grace": 43201}"#, claimGraceText),
    ]
}

@Suite("§6 Claims and §7.2 dead letters")
struct ClaimTests {
    /// Rule §6.1 "Responses: **201**, with `Location: /v2/queues/{q}/claims/{cid}` and body `{"messages": [<message
    /// with href ...?claim_id={cid}>, ...]}`"; "zaqarclient takes the claim id from the first message's href:
    /// `messages[0].href.split('=')[-1]`"; candidates in FIFO order up to `limit`; "`Client-ID` and echo are
    /// **ignored**: a client may claim its own messages."
    ///
    /// Goal: the 201's Location and body, every href ending with the claim id, FIFO order and limit.
    /// Method: Alice posts three messages and claims two of them.
    @Test func claimAnswers201WithClaimedHrefs() async throws {
        try await withAPI { api in
            let ids = try await api.post("q1", count: 3)
            let reply = try await api.send(.post, "/v2/queues/q1/claims?limit=2", body: #"{"ttl": 120, "grace": 60}"#)
            #expect(reply.status == .created)
            #expect(reply.header("Content-Type") == "application/json")
            let location = try #require(reply.header("Location"))
            #expect(location.hasPrefix("/v2/queues/q1/claims/"))
            let claimID = String(location.dropFirst("/v2/queues/q1/claims/".count))
            let json = try reply.json()
            #expect(json.keys == ["messages"])
            let messages = json["messages"].array
            #expect(messages.map { $0["id"].string } == Array(ids.prefix(2)))
            #expect(messages[0].keys == ["id", "href", "ttl", "age", "body", "checksum"])
            for (message, id) in zip(messages, ids) {
                let href = try #require(message["href"].string)
                #expect(href == "/v2/queues/q1/messages/\(id)?claim_id=\(claimID)")
                #expect(href.split(separator: "=").last.map(String.init) == claimID)
            }
        }
    }

    /// Rule §6.1: "**204** with no body when nothing could be claimed. This includes a missing queue (unit test)";
    /// §8.7: claim POST does not create the queue. "`limit` is 1 to 20, default 10"; an absent body means ttl 300
    /// and grace 60.
    ///
    /// Goal: 204s without a body, no queue created, and the defaults of limit and ttl.
    /// Method: claim on a missing queue; post 12 messages and claim without body or limit; claim again (2 left),
    /// then once more (nothing left).
    @Test func claimDefaultsAnd204WhenNothingToClaim() async throws {
        try await withAPI { api in
            let missing = try await api.send(.post, "/v2/queues/nope/claims")
            #expect(missing.status == .noContent)
            expectEmptyBody(missing)
            #expect(try await api.send(.get, "/v2/queues").json()["queues"].array.isEmpty)
            try await api.post("q1", count: 12)
            let first = try await api.send(.post, "/v2/queues/q1/claims")
            #expect(first.status == .created)
            #expect(try first.json()["messages"].array.count == 10)
            let location = try #require(first.header("Location"))
            let claim = try await api.send(.get, location).json()
            #expect(claim["ttl"] == .int(300))
            #expect(try await api.send(.post, "/v2/queues/q1/claims", body: "").status == .created)
            let none = try await api.send(.post, "/v2/queues/q1/claims", body: "{}")
            #expect(none.status == .noContent)
            expectEmptyBody(none)
        }
    }

    /// Rule §6.1 "Checks, in order: 1. Body syntax and types … 2. ttl in [60, 43200] … 3. limit … 4. grace in
    /// [60, 43200]", with a non-integer limit before everything (observed), and each text as observed.
    ///
    /// Goal: each claim error, and the order between them.
    /// Method: claim with each query and body on a queue with a message; check nothing got claimed.
    @Test(arguments: BadClaimCase.all)
    func claimErrorsInOrder(_ test: BadClaimCase) async throws {
        try await withAPI { api in
            try await api.post("q1", count: 1)
            let reply = try await api.send(.post, "/v2/queues/q1/claims?\(test.query)", body: test.body)
            expectError(reply, .badRequest, title: test.title, description: test.description)
            #expect(try await api.listIDs("q1").count == 1)
        }
    }

    /// Flotilla's decision (§12): "`{"ttl": null, "grace": null}` in a claim body (what python-zaqarclient sends by
    /// default) means 'use the defaults', not 400" (the reference answers 400 `The value of the "ttl" field must be
    /// a int.`); extra fields are ignored (§6.1).
    ///
    /// Goal: zaqarclient's default body claims with ttl 300.
    /// Method: claim with `{"ttl": null, "grace": null, "extra": 1}`; GET the claim.
    @Test func nullTTLAndGraceMeanDefaults() async throws {
        try await withAPI { api in
            try await api.post("q1", count: 1)
            let reply = try await api.send(
                .post, "/v2/queues/q1/claims", body: #"{"ttl": null, "grace": null, "extra": 1}"#)
            #expect(reply.status == .created)
            let claim = try await api.send(.get, try #require(reply.header("Location"))).json()
            #expect(claim["ttl"] == .int(300))
        }
    }

    /// Rule §6.1 lifetime extension: "if the message's current expiry is before the claim expiry, set message expiry
    /// = claim expiry + grace, and set the message's reported `ttl` to claim ttl + grace. Otherwise leave both alone
    /// … Observed: a message with ttl 300 claimed with ttl 400 and grace 100 afterwards reports `"ttl": 500`. `age`
    /// keeps counting from creation." §6.4: "Lifetime extensions are not undone."
    ///
    /// Goal: the extension applies only where needed, is visible in `ttl`, keeps the message alive past its own
    /// ttl, and survives a release.
    /// Method: post ttl 300 and ttl 3600; advance 10 s; claim with ttl 400, grace 100; release; advance to 499 s
    /// after the claim (alive), then to 500 s (gone).
    @Test func claimExtendsMessageLifetime() async throws {
        try await withAPI { api in
            let ids = try await api.post("q1", [#"{"body": 1, "ttl": 300}"#, #"{"body": 2, "ttl": 3600}"#])
            api.clock.advance(seconds: 10)
            let reply = try await api.send(.post, "/v2/queues/q1/claims", body: #"{"ttl": 400, "grace": 100}"#)
            let messages = try reply.json()["messages"].array
            #expect(messages.map { $0["ttl"] } == [.int(500), .int(3600)])
            #expect(messages.map { $0["age"] } == [.int(10), .int(10)])
            let claimID = String(try #require(reply.header("Location")).split(separator: "/").last!)
            #expect(try await api.send(.delete, "/v2/queues/q1/claims/\(claimID)").status == .noContent)
            api.clock.advance(seconds: 499)
            let alive = try await api.send(.get, "/v2/queues/q1/messages/\(ids[0])").json()
            #expect(alive["ttl"] == .int(500) && alive["age"] == .int(509))
            api.clock.advance(seconds: 1)
            #expect(try await api.send(.get, "/v2/queues/q1/messages/\(ids[0])").status == .notFound)
        }
    }

    /// Rule §6.2: "200, with keys in the observed order: `{"age": 7, "ttl": 120, "messages": [<message with
    /// ?claim_id href>, ...], "href": "/v2/queues/m1/claims/754ba532-..."}` … `age` is seconds since the claim was
    /// created or last renewed … There is no `grace` field." Decision 14: a claim whose messages were all deleted
    /// answers 200 with `[]` until it expires.
    ///
    /// Goal: the claim document's shape, key order and values over time.
    /// Method: claim two messages with ttl 120; advance 7 s; GET; delete both messages; GET again.
    @Test func getClaimShape() async throws {
        try await withAPI { api in
            let ids = try await api.post("q1", count: 2)
            let claim = try await api.claim("q1", ttl: 120)
            api.clock.advance(seconds: 7)
            let reply = try await api.send(.get, "/v2/queues/q1/claims/\(claim.id)")
            #expect(reply.status == .ok)
            let json = try reply.json()
            #expect(json.keys == ["age", "ttl", "messages", "href"])
            #expect(json["age"] == .int(7) && json["ttl"] == .int(120))
            #expect(json["href"] == .string("/v2/queues/q1/claims/\(claim.id)"))
            #expect(json["messages"].array.map { $0["id"].string } == ids)
            #expect(json["messages"][0]["href"] == .string("/v2/queues/q1/messages/\(ids[0])?claim_id=\(claim.id)"))
            #expect(json["messages"][0]["age"] == .int(7))
            for id in ids {
                #expect(
                    try await api.send(.delete, "/v2/queues/q1/messages/\(id)?claim_id=\(claim.id)").status
                        == .noContent)
            }
            let empty = try await api.send(.get, "/v2/queues/q1/claims/\(claim.id)")
            #expect(empty.status == .ok)
            #expect(try empty.json()["messages"].array.isEmpty)
        }
    }

    /// Rule §6.2: "A missing, expired or released claim, or a missing queue, gives 404 with `Not found` and `Claim
    /// {cid} does not exist in queue {q} for project {p}`." (The Redis reference answers an expired claim with 503
    /// `Claim could not be queried.`, observed — a bug; the doc's 404 is followed.) Decision 11: `?claim_id=` is in
    /// hrefs only while the claim is active (the reference keeps the stale one, observed).
    ///
    /// Goal: the 404 text in each case, the exact expiry instant, and clean hrefs after expiry.
    /// Method: GET an unknown claim and one on a missing queue; claim with ttl 60 and GET it at 59.999 s and 60 s;
    /// list the message afterwards.
    @Test func missingOrExpiredClaimIs404() async throws {
        try await withAPI { api in
            for (queue, id) in [("q1", "nope"), ("missing", "nope")] {
                expectError(
                    try await api.send(.get, "/v2/queues/\(queue)/claims/\(id)"), .notFound, title: "Not found",
                    description: "Claim \(id) does not exist in queue \(queue) for project proj")
            }
            let id = try await api.post("q1", count: 1)[0]
            let claim = try await api.claim("q1", ttl: 60)
            api.clock.advance(seconds: 59, milliseconds: 999)
            #expect(try await api.send(.get, "/v2/queues/q1/claims/\(claim.id)").status == .ok)
            api.clock.advance(milliseconds: 1)
            expectError(
                try await api.send(.get, "/v2/queues/q1/claims/\(claim.id)"), .notFound, title: "Not found",
                description: "Claim \(claim.id) does not exist in queue q1 for project proj")
            let listed = try await api.send(.get, "/v2/queues/q1/messages?echo=true").json()["messages"]
            #expect(listed[0]["href"] == .string("/v2/queues/q1/messages/\(id)"))
        }
    }

    /// Rule §6.3: "A body is required; an absent one gives 400 with `Request body can not be empty`. The body must
    /// be a JSON object … Only `ttl` is range-checked (the same error as 6.1) … A missing or expired claim gives
    /// 404 (same text as 6.2)." Observed: the range check comes before the 404.
    ///
    /// Goal: every renew error with its text.
    /// Method: PATCH a live claim without body, with `[]`, `{"ttl": "x"}`, `{"ttl": 59}`; PATCH unknown claims.
    @Test func renewErrors() async throws {
        try await withAPI { api in
            try await api.post("q1", count: 1)
            let claim = try await api.claim("q1")
            let path = "/v2/queues/q1/claims/\(claim.id)"
            expectInvalidBody(try await api.send(.patch, path), "Request body can not be empty")
            expectInvalidBody(try await api.send(.patch, path, body: "[]"), "Document type not supported.")
            expectInvalidBody(
                try await api.send(.patch, path, body: #"{"ttl": "x"}"#),
                "The value of the \"ttl\" field must be a int.")
            expectInvalidAPIRequest(try await api.send(.patch, path, body: #"{"ttl": 59}"#), claimTTLText)
            expectInvalidAPIRequest(
                try await api.send(.patch, "/v2/queues/q1/claims/nope", body: #"{"ttl": 59}"#), claimTTLText)
            expectError(
                try await api.send(.patch, "/v2/queues/q1/claims/\(Clients.bob)", body: "{}"), .notFound,
                title: "Not found",
                description: "Claim \(Clients.bob) does not exist in queue q1 for project proj")
        }
    }

    /// Observed on the reference (§6.3): an explicit `Content-Length: 0` on a renew is read as an empty document,
    /// `Request body could not be parsed.`, not as an absent body.
    ///
    /// Goal: the reference's text for an empty renew body.
    /// Method: PATCH a claim with `""`.
    @Test func renewWithAnEmptyBodyIsUnparseable() async throws {
        try await withAPI { api in
            try await api.post("q1", count: 1)
            let claim = try await api.claim("q1")
            expectInvalidBody(
                try await api.send(.patch, "/v2/queues/q1/claims/\(claim.id)", body: ""),
                "Request body could not be parsed.")
        }
    }

    /// Rule §6.3: "an absent field falls back to the defaults of 300 and 60, so `{}` sets the ttl to 300
    /// (observed) … Effect: claim expiry = now + ttl, and the claim age resets to 0; every message still in the
    /// claim gets the new claim expiry; the lifetime-extension rule from 6.1 is applied again … **204**, no body."
    /// `grace` is not validated: `grace: 1` was accepted (observed).
    ///
    /// Goal: renew resets age and ttl, keeps the messages claimed until the new expiry, and re-extends lifetimes.
    /// Method: post ttl 60; claim ttl 60 grace 60; advance 50 s; PATCH `{}`; check the claim and the message; PATCH
    /// `{"ttl": 100, "grace": 1}`; advance to just before and at the new expiry.
    @Test func renewResetsTheClaim() async throws {
        try await withAPI { api in
            let id = try await api.post("q1", count: 1, ttl: 60)[0]
            let claim = try await api.claim("q1", ttl: 60, grace: 60)
            let path = "/v2/queues/q1/claims/\(claim.id)"
            api.clock.advance(seconds: 50)
            let renew = try await api.send(.patch, path, body: "{}")
            #expect(renew.status == .noContent)
            expectEmptyBody(renew)
            let renewed = try await api.send(.get, path).json()
            #expect(renewed["age"] == .int(0) && renewed["ttl"] == .int(300))
            #expect(renewed["messages"][0]["ttl"] == .int(360))
            api.clock.advance(seconds: 200)
            #expect(try await api.send(.patch, path, body: #"{"ttl": 100, "grace": 1}"#).status == .noContent)
            api.clock.advance(seconds: 99, milliseconds: 999)
            #expect(try await api.send(.get, path).json()["age"] == .int(99))
            #expect(try await api.listIDs("q1").isEmpty)
            api.clock.advance(milliseconds: 1)
            #expect(try await api.send(.get, path).status == .notFound)
            #expect(try await api.listIDs("q1") == [id])
        }
    }

    /// Rule §6.3: "Only `ttl` is range-checked … `grace` is not validated" — the reference accepts `{"ttl": 100,
    /// "grace": -1}` (observed, 204). Docs/COMPATIBILITY.md ("`PATCH .../claims/{id}` with a negative grace")
    /// documents Flotilla's 400: "A negative grace is meaningless". A grace of 0 is still accepted.
    ///
    /// Goal: a negative renew grace is refused and changes nothing; zero is fine.
    /// Method: PATCH a claim with grace -1 (400, the claim keeps its ttl), then with grace 0 (204).
    @Test func renewRefusesANegativeGrace() async throws {
        try await withAPI { api in
            try await api.post("q1", count: 1)
            let claim = try await api.claim("q1", ttl: 120)
            let path = "/v2/queues/q1/claims/\(claim.id)"
            expectInvalidAPIRequest(
                try await api.send(.patch, path, body: #"{"ttl": 100, "grace": -1}"#), claimGraceText)
            #expect(try await api.send(.get, path).json()["ttl"] == .int(120))
            #expect(try await api.send(.patch, path, body: #"{"ttl": 100, "grace": 0}"#).status == .noContent)
            #expect(try await api.send(.get, path).json()["ttl"] == .int(100))
        }
    }

    /// Rule §6.4: "Always **204**, including when the claim is missing, already released or malformed. The claimed
    /// messages become claimable again at once … The claim count is kept."
    ///
    /// Goal: release frees the messages at once and is idempotent.
    /// Method: claim, release twice, release junk; claim again and check the same messages come back.
    @Test func releaseIsAlways204() async throws {
        try await withAPI { api in
            let ids = try await api.post("q1", count: 2)
            let claim = try await api.claim("q1")
            for path in [
                "/v2/queues/q1/claims/\(claim.id)", "/v2/queues/q1/claims/\(claim.id)", "/v2/queues/q1/claims/nope",
                "/v2/queues/missing/claims/x",
            ] {
                let reply = try await api.send(.delete, path)
                #expect(reply.status == .noContent, "\(path)")
                expectEmptyBody(reply)
            }
            #expect(try await api.listIDs("q1") == ids)
            #expect(try await api.claim("q1").messages == ids)
        }
    }

    /// Rule §7.2 with decision 10 (Docs/COMPATIBILITY.md "Dead-letter move"): with both `_max_claim_count` and
    /// `_dead_letter_queue`, "a message can be delivered by N claims. The next claim that would take it moves it to
    /// the DLQ instead … If every candidate was moved, the claim answers 204" (tempest: three claims 70 s apart give
    /// 201, 201, 204, then a 200 listing of the DLQ). Flotilla moves it unclaimed and visible at once, at the end of
    /// the DLQ's FIFO order, with `claim_count` kept and `ttl` = `_dead_letter_queue_messages_ttl`, expiring at move
    /// time + that ttl, and creates the DLQ queue.
    ///
    /// Goal: the tempest flow and every part of decision 10.
    /// Method: queue with N = 2 and DLQ TTL 7799; one message already in the DLQ; claims 70 s apart (the clock
    /// passes each claim's expiry); then inspect the DLQ by listing, stats, queue list and pop.
    @Test func deadLetterQueueFlow() async throws {
        try await withAPI { api in
            try await api.createQueue(
                "q1",
                metadata:
                    #"{"_max_claim_count": 2, "_dead_letter_queue": "dlq", "_dead_letter_queue_messages_ttl": 7799}"#)
            let other = try await api.post("dlq", count: 1, ttl: 9000)[0]
            let id = try await api.post("q1", [#"{"body": "x", "ttl": 300}"#])[0]
            for _ in 0..<2 {
                let claim = try await api.send(.post, "/v2/queues/q1/claims", body: #"{"ttl": 60, "grace": 60}"#)
                #expect(claim.status == .created)
                #expect(try claim.json()["messages"][0]["id"] == .string(id))
                api.clock.advance(seconds: 70)
            }
            let third = try await api.send(.post, "/v2/queues/q1/claims", body: #"{"ttl": 60, "grace": 60}"#)
            #expect(third.status == .noContent)
            expectEmptyBody(third)
            #expect(try await api.send(.get, "/v2/queues/q1/stats").json()["messages"]["total"] == .int(0))

            let listing = try await api.send(.get, "/v2/queues/dlq/messages?echo=true")
            #expect(listing.status == .ok)
            let dead = try listing.json()["messages"].array
            #expect(dead.map { $0["id"].string } == [other, id])
            #expect(dead[1]["href"] == .string("/v2/queues/dlq/messages/\(id)"))
            #expect(dead[1]["ttl"] == .int(7799) && dead[1]["age"] == .int(140))
            #expect(dead[1]["body"] == .string("x"))
            let names = try await api.send(.get, "/v2/queues").json()["queues"].array.map { $0["name"].string }
            #expect(names == ["dlq", "q1"])
            api.clock.advance(seconds: 7798)
            let popped = try await api.send(.delete, "/v2/queues/dlq/messages?pop=2").json()["messages"].array
            #expect(popped.map { $0["id"].string } == [other, id])
            #expect(popped.last?["claim_count"] == .int(2))
        }
    }

    /// Decision 10, the other branch: "otherwise ttl and expiry are kept", and §7.2 "only when the queue's metadata
    /// has **both** `_max_claim_count` and `_dead_letter_queue`" (without them the counter stays 0 and nothing
    /// moves).
    ///
    /// Goal: without a DLQ TTL the moved message keeps its ttl and expiry; with only `_max_claim_count` nothing is
    /// ever moved.
    /// Method: N = 1 without DLQ TTL: claim, advance, claim (moved); check ttl and expiry in the DLQ. Then a queue
    /// with only `_max_claim_count: 1`: claim three times.
    @Test func deadLetterWithoutTTLAndWithoutQueue() async throws {
        try await withAPI { api in
            try await api.createQueue("q1", metadata: #"{"_max_claim_count": 1, "_dead_letter_queue": "dlq"}"#)
            let id = try await api.post("q1", count: 1, ttl: 300)[0]
            _ = try await api.claim("q1", ttl: 60)
            api.clock.advance(seconds: 60)
            #expect(try await api.send(.post, "/v2/queues/q1/claims").status == .noContent)
            let moved = try await api.send(.get, "/v2/queues/dlq/messages/\(id)").json()
            #expect(moved["ttl"] == .int(300) && moved["age"] == .int(60))
            api.clock.advance(seconds: 239)
            #expect(try await api.listIDs("dlq") == [id])
            api.clock.advance(seconds: 1)
            #expect(try await api.listIDs("dlq").isEmpty)

            try await api.createQueue("only", metadata: #"{"_max_claim_count": 1}"#)
            let kept = try await api.post("only", count: 1, ttl: 3600)[0]
            for _ in 0..<3 {
                #expect(try await api.claim("only", ttl: 60).messages == [kept])
                api.clock.advance(seconds: 60)
            }
        }
    }
}
