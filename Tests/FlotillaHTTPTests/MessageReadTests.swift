// §5.2–5.4 and §8 of the reference doc: listing messages (echo, include_claimed, markers, next links), getting a
// set by ids and one by id, and the time fields. Texts were observed on the reference Zaqar 15 server; listings
// follow decisions 1 (include_delayed defaults to false), 2 (include_claimed works without a marker) and 3 (markers
// are strictly after).
import HTTPTypes
import QueueModel
import Testing

@Suite("§5.2–5.4 Message reads")
struct MessageReadTests {
    /// Rule §5.2 / §8.5: messages "were not posted by this `Client-ID`, unless `echo`. The comparison is on the
    /// parsed UUID value, so any spelling of the same UUID matches"; "Claims, pop, get-by-id and get-by-ids ignore
    /// it."
    ///
    /// Goal: own messages are hidden from a plain listing in every spelling of the poster's id, visible with echo
    /// and to others.
    /// Method: Alice posts; list as Alice (two spellings), as Alice with `echo=true`/`echo=True`, and as Bob.
    @Test func listingHidesOwnMessagesUnlessEcho() async throws {
        try await withAPI { api in
            let ids = try await api.post("q1", count: 2)
            for spelling in [Clients.alice, Clients.aliceUpper, "urn:uuid:" + Clients.alice] {
                let reply = try await api.send(.get, "/v2/queues/q1/messages", headers: ["Client-ID": spelling])
                #expect(reply.text == #"{"messages": [], "links": []}"#, "\(spelling)")
            }
            for echo in ["true", "True"] {
                #expect(try await api.listIDs("q1", query: "echo=\(echo)") == ids)
            }
            let bob = try await api.send(.get, "/v2/queues/q1/messages", headers: ["Client-ID": Clients.bob]).json()
            #expect(bob["messages"].array.map { $0["id"].string } == ids)
            #expect(try await api.claim("q1", limit: 1).messages == [ids[0]])
        }
    }

    /// Rule §5.2: messages under an active claim are listed only with `include_claimed`; decision 2:
    /// "`include_claimed=true` without a marker … Works" (the Redis reference answers 503). A claimed message's
    /// href carries `?claim_id=`.
    ///
    /// Goal: claimed messages are hidden by default and shown with include_claimed, with the claim in the href.
    /// Method: post three, claim the first, list without and with `include_claimed=true`.
    @Test func includeClaimedShowsClaimedMessages() async throws {
        try await withAPI { api in
            let ids = try await api.post("q1", count: 3)
            let claim = try await api.claim("q1", limit: 1)
            #expect(try await api.listIDs("q1") == Array(ids[1...]))
            let all = try await api.send(.get, "/v2/queues/q1/messages?echo=true&include_claimed=true").json()
            #expect(all["messages"].array.map { $0["id"].string } == ids)
            #expect(all["messages"][0]["href"] == .string("/v2/queues/q1/messages/\(ids[0])?claim_id=\(claim.id)"))
            #expect(all["messages"][1]["href"] == .string("/v2/queues/q1/messages/\(ids[1])"))
        }
    }

    /// Rule §5.2: "`limit`: 1 to 20, default 10. A bad value gives `Limit must be at least 1 and may not be greater
    /// than 20.`"; a non-integer is `Invalid parameter` (§1.5).
    ///
    /// Goal: the bounds, the texts and the default page size.
    /// Method: list with 0, 21, -1, `x`; post 12 messages and list without limit and with 20.
    @Test func listLimitBoundsAndDefault() async throws {
        try await withAPI { api in
            for limit in ["0", "21", "-1"] {
                expectInvalidAPIRequest(
                    try await api.send(.get, "/v2/queues/q1/messages?limit=\(limit)"),
                    "Limit must be at least 1 and may not be greater than 20.")
            }
            expectError(
                try await api.send(.get, "/v2/queues/q1/messages?limit=x"), .badRequest, title: "Invalid parameter",
                description: "The \"limit\" parameter is invalid. The value must be an integer.")
            let ids = try await api.post("q1", count: 12)
            #expect(try await api.listIDs("q1") == Array(ids.prefix(10)))
            #expect(try await api.listIDs("q1", query: "echo=true&limit=20") == ids)
        }
    }

    /// Rule §5.2 "An empty page, or a missing queue, gives `{"messages": [], "links": []}` with status 200. Never a
    /// 204 in v2."
    ///
    /// Goal: the exact empty answer for a missing queue and for an exhausted listing; no queue is created.
    /// Method: list a missing queue; list past the last message.
    @Test func emptyPageIsMessagesAndLinksEmpty() async throws {
        try await withAPI { api in
            let missing = try await api.send(.get, "/v2/queues/nope/messages")
            #expect(missing.status == .ok)
            #expect(missing.header("Content-Type") == "application/json")
            #expect(missing.text == #"{"messages": [], "links": []}"#)
            #expect(try await api.send(.get, "/v2/queues").json()["queues"].array.isEmpty)
            try await api.post("q1", count: 1)
            let first = try await api.send(.get, "/v2/queues/q1/messages?echo=true").json()
            let next = try #require(first["links"][0]["href"].string)
            #expect(try await api.send(.get, next).text == #"{"messages": [], "links": []}"#)
        }
    }

    /// Rule §5.2 next link: "The next link repeats the recognised parameters the request sent (`marker`, `limit`,
    /// `echo`, `include_claimed`, `include_delayed`) … The marker is replaced by the marker of the last message
    /// returned, or appended at the end when the request had none." Observed: `?echo=true&limit=1` gave
    /// `?limit=1&echo=true&include_delayed=true&marker=<id>`; with a marker, `?marker=<id>&limit=1&echo=true&
    /// include_delayed=true`. With decision 1 `include_delayed` is not forced to true, so Flotilla adds it only when
    /// the request had it. Booleans are written `true`/`false`; the marker is the decimal FIFO sequence number
    /// (decision 3).
    ///
    /// Goal: the link's exact parameter order and values.
    /// Method: post three messages and list with several queries; compare each link with the expected text.
    @Test func nextLinkFormat() async throws {
        try await withAPI { api in
            try await api.post("q1", count: 3)
            let first = try await api.send(.get, "/v2/queues/q1/messages?echo=true&limit=1").json()
            let link = try #require(first["links"][0]["href"].string)
            #expect(first["links"].array.count == 1 && first["links"][0]["rel"] == .string("next"))
            let prefix = "/v2/queues/q1/messages?limit=1&echo=true&marker="
            try #require(link.hasPrefix(prefix), "\(link)")
            let marker = String(link.dropFirst(prefix.count))
            #expect(!marker.isEmpty && marker.allSatisfy(\.isNumber), "marker \(marker)")
            let second = try await api.send(.get, link).json()
            let secondLink = try #require(second["links"][0]["href"].string)
            #expect(
                secondLink.hasPrefix("/v2/queues/q1/messages?marker=") && secondLink.hasSuffix("&limit=1&echo=true"))
            let flags = try await api.send(.get, "/v2/queues/q1/messages?include_delayed=t&include_claimed=yes&echo=on")
                .json()
            let flagsLink = try #require(flags["links"][0]["href"].string)
            #expect(
                flagsLink.hasPrefix(
                    "/v2/queues/q1/messages?echo=true&include_claimed=true&include_delayed=true&marker="))
            let bob = try await api.send(
                .get, "/v2/queues/q1/messages?limit=5&echo=false", headers: ["Client-ID": Clients.bob])
            #expect(
                try bob.json()["links"][0]["href"].string?.hasPrefix(
                    "/v2/queues/q1/messages?limit=5&echo=false&marker=") == true)
        }
    }

    /// Rule §5.2 and §8.4 with decision 3: "the next page starts strictly after" the marker; "Tokens must survive
    /// deletion of the message they name. The client follows `links[].href` verbatim"; "an unparseable marker
    /// gives an empty page".
    ///
    /// Goal: following the links visits every message once, in FIFO order, even when the marker's message is
    /// deleted; garbage markers give an empty page.
    /// Method: post five; page by two following links, deleting the last message of the first page before
    /// following; list with `marker=garbage`.
    @Test func markersPageStrictlyAfter() async throws {
        try await withAPI { api in
            let ids = try await api.post("q1", count: 5)
            var seen: [String] = []
            var next = "/v2/queues/q1/messages?echo=true&limit=2"
            for page in 0..<5 {
                let json = try await api.send(.get, next).json()
                let pageIDs = json["messages"].array.compactMap { $0["id"].string }
                if pageIDs.isEmpty {
                    #expect(json["links"].array.isEmpty)
                    break
                }
                seen += pageIDs
                if page == 0 {
                    #expect(try await api.send(.delete, "/v2/queues/q1/messages/\(pageIDs[1])").status == .noContent)
                }
                next = try #require(json["links"][0]["href"].string)
                #expect(next.hasPrefix("/v2/"))
            }
            #expect(seen == ids)
            let garbage = try await api.send(.get, "/v2/queues/q1/messages?echo=true&marker=garbage")
            #expect(garbage.text == #"{"messages": [], "links": []}"#)
        }
    }

    /// Docs/COMPATIBILITY.md ("A page after a marker when claimed messages follow it"): the reference may answer
    /// an empty page although visible messages follow (it applies the limit before dropping claimed messages);
    /// Flotilla returns full pages of visible messages.
    ///
    /// Goal: claimed messages right after the marker do not shorten the page.
    /// Method: post four; take the next link of a one-message page; claim the first two; follow the link with
    /// limit 1 and with limit 2.
    @Test func claimedMessagesAfterTheMarkerDoNotShortenThePage() async throws {
        try await withAPI { api in
            let ids = try await api.post("q1", count: 4)
            let first = try await api.send(.get, "/v2/queues/q1/messages?echo=true&limit=1").json()
            let link = try #require(first["links"][0]["href"].string)
            #expect(try await api.claim("q1", limit: 2).messages == Array(ids.prefix(2)))
            let next = try await api.send(.get, link).json()
            #expect(next["messages"].array.map { $0["id"].string } == [ids[2]])
            let wider = try await api.send(.get, link.replacing("limit=1", with: "limit=2")).json()
            #expect(wider["messages"].array.map { $0["id"].string } == [ids[2], ids[3]])
        }
    }

    /// Rule §5.3: "1 to 20 ids. Otherwise 400 … `Limit must be at least 1 and may not be greater than 20.` (tempest
    /// sends 21). Malformed and unknown ids are ignored. `echo`, `include_claimed` and `include_delayed` do not
    /// apply … Response 200: `{"messages": [...]}`, with **no `links`** … use request order."
    ///
    /// Goal: get-by-ids returns own, claimed and delayed messages in request order, ignoring unknown ids.
    /// Method: post three (one delayed), claim one, GET `?ids=` in reverse with an unknown id; and with the
    /// parameter repeated; and with 21 ids.
    @Test func getByIDs() async throws {
        try await withAPI { api in
            let ids = try await api.post("q1", [#"{"body": 0}"#, #"{"body": 1}"#, #"{"body": 2, "delay": 60}"#])
            let claim = try await api.claim("q1", limit: 1)
            let reply = try await api.send(.get, "/v2/queues/q1/messages?ids=\(ids[2]),nope,\(ids[1]),\(ids[0])")
            #expect(reply.status == .ok)
            let json = try reply.json()
            #expect(json.keys == ["messages"])
            #expect(json["messages"].array.map { $0["id"].string } == [ids[2], ids[1], ids[0]])
            #expect(json["messages"][2]["href"] == .string("/v2/queues/q1/messages/\(ids[0])?claim_id=\(claim.id)"))
            let repeated = try await api.send(.get, "/v2/queues/q1/messages?ids=\(ids[1])&ids=\(ids[0])").json()
            #expect(repeated["messages"].array.map { $0["id"].string } == [ids[1], ids[0]])
            let many = (0..<21).map(String.init).joined(separator: ",")
            expectInvalidAPIRequest(
                try await api.send(.get, "/v2/queues/q1/messages?ids=\(many)"),
                "Limit must be at least 1 and may not be greater than 20.")
        }
    }

    /// Observed on the reference (§5.3): an `ids` value made only of commas is an empty list after falcon drops
    /// the empty items, so `?ids=,` is the 400 `Limit must be at least 1 and may not be greater than 20.`
    ///
    /// Goal: empty list items are dropped, as in the reference.
    /// Method: GET `?ids=,` on a queue with a message.
    @Test func idsOfOnlyCommasAreAnEmptyList() async throws {
        try await withAPI { api in
            try await api.post("q1", count: 1)
            expectInvalidAPIRequest(
                try await api.send(.get, "/v2/queues/q1/messages?ids=,"),
                "Limit must be at least 1 and may not be greater than 20.")
        }
    }

    /// Rule §5.3: "If none is found, or the queue is missing: 404 with `Not found` and `No messages with IDs: ['x',
    /// 'y'] found in the queue {q} for project {p}.` (a Python list repr; observed). Tempest relies on the 404:
    /// deleted messages, `?ids=-1`, and a missing queue." Python's repr quotes an id containing `'` with `"`.
    ///
    /// Goal: the 404 texts, including the repr of awkward ids.
    /// Method: GET unknown ids, `-1`, a deleted id, ids on a missing queue, and ids containing quotes.
    @Test func getByUnknownIDsIs404() async throws {
        try await withAPI { api in
            let id = try await api.post("q1", count: 1)[0]
            #expect(try await api.send(.delete, "/v2/queues/q1/messages/\(id)").status == .noContent)
            let cases = [
                ("q1", "x,y", "['x', 'y']"), ("q1", "-1", "['-1']"), ("q1", id, "['\(id)']"),
                ("nope", "a", "['a']"), ("q1", "a'b,c%22d", #"["a'b", 'c"d']"#),
            ]
            for (queue, ids, repr) in cases {
                expectError(
                    try await api.send(.get, "/v2/queues/\(queue)/messages?ids=\(ids)"), .notFound, title: "Not found",
                    description: "No messages with IDs: \(repr) found in the queue \(queue) for project proj.")
            }
        }
    }

    /// Rule §5.4: "200 with the message object. Claimed and delayed messages are returned too (observed). Missing:
    /// 404 with `Not found` and `Message {mid} does not exist in queue {q} for project {p}`. … Another project's
    /// message is a 404."
    ///
    /// Goal: the message object's keys and values, and the 404 text for unknown ids (tempest's `-1`, `123`).
    /// Method: post one, advance 5 s, GET it; GET unknown ids; GET it through another project.
    @Test func getByID() async throws {
        try await withAPI { api in
            let id = try await api.post("q1", [#"{"body": {"event": "one"}, "ttl": 300}"#])[0]
            api.clock.advance(seconds: 5)
            let reply = try await api.send(.get, "/v2/queues/q1/messages/\(id)")
            #expect(reply.status == .ok)
            let message = try reply.json()
            #expect(message.keys == ["id", "href", "ttl", "age", "body", "checksum"])
            #expect(message["id"] == .string(id))
            #expect(message["href"] == .string("/v2/queues/q1/messages/\(id)"))
            #expect(message["ttl"] == .int(300) && message["age"] == .int(5))
            #expect(message["body"] == .object(JSONObject([("event", .string("one"))])))
            for unknown in ["-1", "123", "nope"] {
                expectError(
                    try await api.send(.get, "/v2/queues/q1/messages/\(unknown)"), .notFound, title: "Not found",
                    description: "Message \(unknown) does not exist in queue q1 for project proj")
            }
            let other = try await api.send(.get, "/v2/queues/q1/messages/\(id)", headers: ["X-Project-ID": "other"])
            #expect(other.status == .notFound)
        }
    }

    /// Rule §5.4: "For a missing queue, Redis instead says `Queue {q} does not exist for project {p}`
    /// (observed)" — also for another project's queue of the same name (observed).
    ///
    /// Goal: the reference's text when the queue is missing.
    /// Method: GET a message of a missing queue.
    @Test func getByIDOnAMissingQueueNamesTheQueue() async throws {
        try await withAPI { api in
            expectError(
                try await api.send(.get, "/v2/queues/nope/messages/abc"), .notFound, title: "Not found",
                description: "Queue nope does not exist for project proj")
        }
    }

    /// Rule §8.1: "`age`: whole seconds since the message was posted"; "A message expires at created + ttl … An
    /// expired message disappears from lists, gets, claims, pops and stats" (decision: at the exact expiry time).
    ///
    /// Goal: age counts whole seconds; the message vanishes everywhere at created + ttl, not a millisecond before.
    /// Method: post with ttl 60; read at 59.999 s (age 59) and at 60 s.
    @Test func messagesAgeAndExpireExactly() async throws {
        try await withAPI { api in
            let id = try await api.post("q1", count: 1, ttl: 60)[0]
            api.clock.advance(seconds: 59, milliseconds: 999)
            let alive = try await api.send(.get, "/v2/queues/q1/messages/\(id)").json()
            #expect(alive["age"] == .int(59) && alive["ttl"] == .int(60))
            #expect(try await api.listIDs("q1") == [id])
            api.clock.advance(milliseconds: 1)
            #expect(try await api.send(.get, "/v2/queues/q1/messages/\(id)").status == .notFound)
            #expect(try await api.listIDs("q1").isEmpty)
            #expect(try await api.send(.get, "/v2/queues/q1/messages?ids=\(id)").status == .notFound)
            #expect(try await api.send(.get, "/v2/queues/q1/stats").json()["messages"]["total"] == .int(0))
            #expect(try await api.send(.post, "/v2/queues/q1/claims").status == .noContent)
            #expect(try await api.send(.delete, "/v2/queues/q1/messages?pop=1").text == #"{"messages": []}"#)
        }
    }
}
