// §4 of the reference doc, except PATCH (QueuePatchTests): list, create, metadata, delete, stats, purge and share.
// Checked against the reference Zaqar 15 server with curl; where Flotilla follows a decision of §12 (listed in
// Docs/COMPATIBILITY.md) the test says so.
import HTTPTypes
import QueueModel
import Testing

/// The reserved defaults in the order the reference appends them (§4.3).
let reservedDefaultKeys = [
    "_max_messages_post_size", "_default_message_ttl", "_default_message_delay", "_dead_letter_queue",
    "_dead_letter_queue_messages_ttl", "_max_claim_count", "_enable_encrypt_messages",
]

/// The metadata of a queue without stored keys, as the reference prints it (§4.3).
let defaultMetadataText =
    #"{"_max_messages_post_size": 262144, "_default_message_ttl": 3600, "_default_message_delay": 0, "_dead_letter_queue": null, "_dead_letter_queue_messages_ttl": null, "_max_claim_count": null, "_enable_encrypt_messages": false}"#

/// A reserved-metadata value the reference refuses, with its error text (§7 table, each observed on PUT).
struct ReservedMetadataCase: Sendable, CustomTestStringConvertible {
    let body: String
    let description: String
    var testDescription: String { body }

    static let all: [ReservedMetadataCase] = [
        .init(
            body: #"{"_default_message_ttl": 59}"#,
            description: "_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."),
        .init(
            body: #"{"_default_message_ttl": 0}"#,
            description: "_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."),
        .init(
            body: #"{"_default_message_ttl": true}"#,
            description: "_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."),
        .init(body: #"{"_default_message_ttl": "x"}"#, description: "_default_message_ttl must be integer."),
        .init(body: #"{"_default_message_ttl": 1.5}"#, description: "_default_message_ttl must be integer."),
        .init(
            body: #"{"_max_messages_post_size": 0}"#,
            description: "_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."),
        .init(
            body: #"{"_max_messages_post_size": 262145}"#,
            description: "_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."),
        .init(body: #"{"_max_messages_post_size": "1"}"#, description: "_max_messages_post_size must be integer."),
        .init(
            body: #"{"_default_message_delay": 901}"#,
            description: "The TTL can not exceed 900 seconds, and must be at least 0 seconds long."),
        .init(body: #"{"_default_message_delay": "a"}"#, description: "_default_message_delay must be integer."),
        .init(body: #"{"_max_claim_count": "a"}"#, description: "_max_claim_count must be integer."),
        .init(
            body: #"{"_dead_letter_queue_messages_ttl": 59}"#,
            description: "The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."),
        .init(
            body: #"{"_dead_letter_queue_messages_ttl": "x"}"#,
            description: "_dead_letter_queue_messages_ttl must be integer."),
        .init(body: #"{"_enable_encrypt_messages": 1}"#, description: "_enable_encrypt_messages must be boolean."),
        .init(body: #"{"_enable_encrypt_messages": "yes"}"#, description: "_enable_encrypt_messages must be boolean."),
    ]
}

@Suite("§4 Queues")
struct QueueTests {
    // MARK: §4.1 List

    /// Rule §4.1: "`limit`: 1 to 20 … a bad limit gives 400 with `Invalid API request` and `Limit must be at least
    /// 1 and no greater than 20.`" (tempest: 200, 0 and -1 give 400).
    ///
    /// Goal: the bounds and the exact text.
    /// Method: list with 0, -1, 21, 200 (refused) and 1, 20 (accepted).
    @Test func listLimitBounds() async throws {
        try await withAPI { api in
            for limit in [0, -1, 21, 200] {
                let reply = try await api.send(.get, "/v2/queues?limit=\(limit)")
                expectInvalidAPIRequest(reply, "Limit must be at least 1 and no greater than 20.")
            }
            for limit in [1, 20] {
                #expect(try await api.send(.get, "/v2/queues?limit=\(limit)").status == .ok)
            }
        }
    }

    /// Rule §4.1: "Response 200, always (even when the project has no queues)" with `"links": []` when the page is
    /// empty; §15.3 "Every list answers 200 with `links: []` when empty".
    ///
    /// Goal: an empty project lists as exactly `{"queues": [], "links": []}`.
    /// Method: list an empty project.
    @Test func emptyListIs200WithNoLinks() async throws {
        try await withAPI { api in
            let reply = try await api.send(.get, "/v2/queues")
            #expect(reply.status == .ok)
            #expect(reply.header("Content-Type") == "application/json")
            #expect(reply.text == #"{"queues": [], "links": []}"#)
        }
    }

    /// Rule §4.1: "Sort order: ascending by name (byte order) within the project. Paging: the page holds the
    /// queues whose name is strictly greater than `marker`" (SQLAlchemy's `>`; an unknown marker is just a
    /// position), and other projects' queues never appear.
    ///
    /// Goal: byte order, strictly-after markers (known and unknown), and project isolation.
    /// Method: create `b`, `B`, `a`, `_`, `a1` in `proj` and `zz` in another project; list with several markers.
    @Test func listIsByteOrderedAndPagesStrictlyAfterTheMarker() async throws {
        try await withAPI { api in
            for name in ["b", "B", "a", "_", "a1"] { try await api.createQueue(name) }
            let other = try await api.send(.put, "/v2/queues/zz", headers: ["X-Project-ID": "other"])
            #expect(other.status == .created)
            func names(_ query: String) async throws -> [String?] {
                try await api.send(.get, "/v2/queues?\(query)").json()["queues"].array.map { $0["name"].string }
            }
            #expect(try await names("") == ["B", "_", "a", "a1", "b"])
            #expect(try await names("marker=a") == ["a1", "b"])
            #expect(try await names("marker=a0") == ["a1", "b"])
            #expect(try await names("marker=C") == ["_", "a", "a1", "b"])
            #expect(try await names("marker=b") == [])
            let items = try await api.send(.get, "/v2/queues?limit=1").json()["queues"][0]
            #expect(items.keys == ["name", "href"])
            #expect(items["href"] == .string("/v2/queues/B"))
        }
    }

    /// Rule §4.1: "With `detailed=true` each item is `{"name": ..., "metadata": {...}, "href": ...}`. The metadata
    /// has the reserved defaults filled in, as in 4.3."
    ///
    /// Goal: detailed items' key order and metadata (stored keys first, then defaults).
    /// Method: create a queue with metadata and one without; list detailed.
    @Test func detailedListShowsMetadataWithDefaults() async throws {
        try await withAPI { api in
            try await api.createQueue("a1", metadata: #"{"x": 1, "_default_message_ttl": 120}"#)
            try await api.createQueue("b2")
            let reply = try await api.send(.get, "/v2/queues?detailed=true")
            let queues = try reply.json()["queues"].array
            try #require(queues.count == 2)
            #expect(queues[0].keys == ["name", "metadata", "href"])
            #expect(
                queues[0]["metadata"].keys == ["x", "_default_message_ttl"]
                    + reservedDefaultKeys.filter { $0 != "_default_message_ttl" })
            #expect(queues[0]["metadata"]["_default_message_ttl"] == .int(120))
            #expect(
                reply.text.contains(#"{"name": "b2", "metadata": \#(defaultMetadataText), "href": "/v2/queues/b2"}"#))
        }
    }

    /// Rule §4.1 `count` with decision 4: "Only when `with_count=true`, and only when the count is non-zero …
    /// Emit an integer" — the total number of the project's queues, ignoring the marker (MongoDB and Redis). The
    /// reference harness (SQLAlchemy) sends `"count": true`, a bug.
    ///
    /// Goal: an integer total after `links`, absent when zero or not asked for.
    /// Method: list an empty project with `with_count=true`, then three queues with `with_count=true&limit=1`, with
    /// a marker past the end, and with `with_count=false`.
    @Test func withCountIsAnIntegerOmittedWhenZero() async throws {
        try await withAPI { api in
            let empty = try await api.send(.get, "/v2/queues?with_count=true")
            #expect(empty.text == #"{"queues": [], "links": []}"#)
            for name in ["a1", "b2", "c3"] { try await api.createQueue(name) }
            let counted = try await api.send(.get, "/v2/queues?with_count=true&limit=1").json()
            #expect(counted.keys == ["queues", "links", "count"])
            #expect(counted["count"] == .int(3))
            let pastEnd = try await api.send(.get, "/v2/queues?with_count=true&marker=zz").json()
            #expect(pastEnd["queues"].array.isEmpty && pastEnd["count"] == .int(3))
            let notAsked = try await api.send(.get, "/v2/queues?with_count=false").json()
            #expect(!notAsked.has("count"))
        }
    }

    /// Rule §4.1 `links`: "exactly one `next` link when the page is non-empty, and `[]` when it is empty. The
    /// `next` link is present even on the last page … The link's query repeats the recognised parameters the
    /// request sent (`marker`, `limit`, `detailed`, `name`, `with_count`, in that order). The `marker` value
    /// becomes the last returned name; if the request had no marker, `marker` is appended last. Booleans are
    /// written `true`/`false`." Observed: `?limit=2` → `/v2/queues?limit=2&marker=b2`; `?limit=2&marker=b2&
    /// detailed=true` → `/v2/queues?marker=d4&limit=2&detailed=true`; `?with_count=true&limit=1` →
    /// `?limit=1&with_count=true&marker=a1`; `?limit=1&name=a` → `?limit=1&name=a&marker=a1`; `?detailed=yes` is
    /// written `detailed=true`. (Percent-encoding of values cannot show here:
    /// queue names and, with decision 5's filters, matching `name` values use only unreserved characters.)
    ///
    /// Goal: the next link's exact text in each observed case, and following links to the end.
    /// Method: create five queues, list with each query; follow the links from `?limit=2` until a page is empty.
    @Test func nextLinkFormat() async throws {
        try await withAPI { api in
            for name in ["a1", "b2", "c3", "d4", "e5"] { try await api.createQueue(name) }
            let cases = [
                ("limit=2", "/v2/queues?limit=2&marker=b2"),
                ("limit=2&marker=b2&detailed=true", "/v2/queues?marker=d4&limit=2&detailed=true"),
                ("detailed=true&limit=2&marker=b2", "/v2/queues?marker=d4&limit=2&detailed=true"),
                ("with_count=true&limit=1", "/v2/queues?limit=1&with_count=true&marker=a1"),
                ("limit=1&name=a", "/v2/queues?limit=1&name=a&marker=a1"),
                ("detailed=yes&limit=1", "/v2/queues?limit=1&detailed=true&marker=a1"),
                ("detailed=off&marker=a1", "/v2/queues?marker=e5&detailed=false"),
                ("", "/v2/queues?marker=e5"),
            ]
            for (query, link) in cases {
                let json = try await api.send(.get, "/v2/queues?\(query)").json()
                #expect(json["links"].array.count == 1, "\(query)")
                #expect(json["links"][0].keys == ["rel", "href"])
                #expect(json["links"][0]["rel"] == .string("next"))
                #expect(json["links"][0]["href"].string == link, "?\(query)")
            }
            var seen: [String] = []
            var next = "/v2/queues?limit=2"
            for _ in 0..<5 {
                let json = try await api.send(.get, next).json()
                let page = json["queues"].array.compactMap { $0["name"].string }
                if page.isEmpty {
                    #expect(json["links"].array.isEmpty)
                    break
                }
                seen += page
                next = try #require(json["links"][0]["href"].string)
            }
            #expect(seen == ["a1", "b2", "c3", "d4", "e5"])
        }
    }

    /// Decision 5 (Docs/COMPATIBILITY.md "Queue list filters"): `name` is a substring filter and any other
    /// parameter a metadata equality filter, integer-looking values comparing as integers, as MongoDB does (the
    /// reference harness ignores them).
    ///
    /// Goal: both filters select the queues MongoDB would.
    /// Method: create three queues with a `tier` metadata key and list with `name=` and `tier=`.
    @Test func nameAndMetadataFilters() async throws {
        try await withAPI { api in
            try await api.createQueue("alpha", metadata: #"{"tier": 2}"#)
            try await api.createQueue("beta", metadata: #"{"tier": 3}"#)
            try await api.createQueue("alphabet", metadata: #"{"tier": "gold"}"#)
            func names(_ query: String) async throws -> [String?] {
                try await api.send(.get, "/v2/queues?\(query)").json()["queues"].array.map { $0["name"].string }
            }
            #expect(try await names("name=alp") == ["alpha", "alphabet"])
            #expect(try await names("name=bet") == ["alphabet", "beta"])
            #expect(try await names("tier=2") == ["alpha"])
            #expect(try await names("tier=gold") == ["alphabet"])
            #expect(try await names("name=alp&tier=3") == [])
        }
    }

    // MARK: §4.2 Create

    /// Rule §4.2: "**201** if the queue was created, **204** if it already existed. Both have the header
    /// `Location: /v2/queues/{q}` and an empty body (tempest asserts the body is `b''`). When the queue already
    /// exists, the new metadata is ignored; the stored metadata is unchanged (observed)." §1.6: "A 201 without a
    /// body (queue PUT) sends `content-length: 0`."
    ///
    /// Goal: 201 then 204, both with Location and no body, and the first metadata kept.
    /// Method: PUT with `{"a": 1, "_default_message_ttl": 120}`, PUT again with `{"b": 2}`, GET.
    @Test func createThenRecreate() async throws {
        try await withAPI { api in
            let created = try await api.send(.put, "/v2/queues/q1", body: #"{"a": 1, "_default_message_ttl": 120}"#)
            #expect(created.status == .created)
            #expect(created.header("Location") == "/v2/queues/q1")
            #expect(created.header("Content-Length") == "0")
            expectEmptyBody(created)
            let again = try await api.send(.put, "/v2/queues/q1", body: #"{"b": 2}"#)
            #expect(again.status == .noContent)
            #expect(again.header("Location") == "/v2/queues/q1")
            expectEmptyBody(again)
            let metadata = try await api.send(.get, "/v2/queues/q1").json()
            #expect(metadata["a"] == .int(1) && !metadata.has("b"))
            #expect(metadata["_default_message_ttl"] == .int(120))
        }
    }

    /// Rule §4.2: "Request body: optional JSON object of metadata. An absent body or Content-Length 0 means no
    /// metadata."
    ///
    /// Goal: PUT without a body and with an empty one both create a queue with only defaults.
    /// Method: PUT q1 with no body, q2 with `""`; GET both.
    @Test func createWithoutBodyHasOnlyDefaults() async throws {
        try await withAPI { api in
            try await api.createQueue("q1")
            try await api.createQueue("q2", metadata: "")
            for name in ["q1", "q2"] {
                #expect(try await api.send(.get, "/v2/queues/\(name)").text == defaultMetadataText)
            }
        }
    }

    /// Rule §4.2 step 1: "If Content-Length exceeds 65536, 400 with `Invalid API request` and `Queue metadata is
    /// too large. Max size: 65536`" — before parsing (observed: a too-large array gets this error, not the array
    /// one).
    ///
    /// Goal: the limit is exact and checked before the body is parsed.
    /// Method: PUT 65537-byte object and array bodies (refused, nothing created), then a 65536-byte object.
    @Test func metadataOver65536BytesIsRefused() async throws {
        try await withAPI { api in
            func object(size: Int) -> String {
                let padding = String(repeating: "x", count: size - #"{"k": ""}"#.utf8.count)
                return #"{"k": "\#(padding)"}"#
            }
            let tooLarge = object(size: 65_537)
            let reply = try await api.send(.put, "/v2/queues/q1", body: tooLarge)
            expectInvalidAPIRequest(reply, "Queue metadata is too large. Max size: 65536")
            let array = "[" + String(repeating: "1,", count: 32_768) + "1]"
            expectInvalidAPIRequest(
                try await api.send(.put, "/v2/queues/q1", body: array), "Queue metadata is too large. Max size: 65536")
            #expect(try await api.send(.get, "/v2/queues").json()["queues"].array.isEmpty)
            let atLimit = try await api.send(.put, "/v2/queues/q1", body: object(size: 65_536))
            #expect(atLimit.status == .created)
        }
    }

    /// Rule §4.2 step 2: "An array gives 400 with `Invalid request body` and `Document type not supported.`"
    ///
    /// Goal: an array is refused with the reference's text and creates nothing.
    /// Method: PUT `[]` and `[{"a": 1}]`.
    @Test func arrayBodyIsRefused() async throws {
        try await withAPI { api in
            for body in ["[]", #"[{"a": 1}]"#] {
                expectInvalidBody(try await api.send(.put, "/v2/queues/q1", body: body), "Document type not supported.")
            }
            #expect(try await api.send(.get, "/v2/queues").json()["queues"].array.isEmpty)
        }
    }

    /// Rule §4.2 step 3 and the §7 table: each reserved key's type and range, 400 `Invalid API request` with the
    /// reference's text (typos included), and nothing created.
    ///
    /// Goal: every reserved-key error of PUT.
    /// Method: PUT a queue with each invalid value; check the error and that the queue does not exist.
    @Test(arguments: ReservedMetadataCase.all)
    func reservedMetadataErrorsOnCreate(_ test: ReservedMetadataCase) async throws {
        try await withAPI { api in
            expectInvalidAPIRequest(try await api.send(.put, "/v2/queues/q1", body: test.body), test.description)
            #expect(try await api.send(.get, "/v2/queues").json()["queues"].array.isEmpty)
        }
    }

    /// Rule §7 table: "`_max_claim_count` int; no range check"; "`_dead_letter_queue` anything … not checked"
    /// (observed: `-5` and `5` are accepted).
    ///
    /// Goal: the unchecked reserved values are stored as given.
    /// Method: PUT `{"_max_claim_count": -5, "_dead_letter_queue": 5}` and GET.
    @Test func uncheckedReservedValuesAreStored() async throws {
        try await withAPI { api in
            try await api.createQueue("q1", metadata: #"{"_max_claim_count": -5, "_dead_letter_queue": 5}"#)
            let metadata = try await api.send(.get, "/v2/queues/q1").json()
            #expect(metadata["_max_claim_count"] == .int(-5))
            #expect(metadata["_dead_letter_queue"] == .int(5))
        }
    }

    // MARK: §4.3 Metadata

    /// Rule §4.3: "200, even for a queue that does not exist (tempest expects this)" with the reserved defaults in
    /// the reference's order.
    ///
    /// Goal: a missing queue's metadata is exactly the defaults, and reading it does not create it.
    /// Method: GET a missing queue; compare the raw body; list queues.
    @Test func missingQueueShowsTheDefaults() async throws {
        try await withAPI { api in
            let reply = try await api.send(.get, "/v2/queues/nope")
            #expect(reply.status == .ok)
            #expect(reply.header("Content-Type") == "application/json")
            #expect(reply.text == defaultMetadataText)
            #expect(try await api.send(.get, "/v2/queues").json()["queues"].array.isEmpty)
        }
    }

    /// Rule §4.3: "The stored keys come first, in stored order. Observed: `{"a": 1, "_default_message_ttl": 120,
    /// "_max_messages_post_size": 262144, ...}`. Because of the 'falsy' rule, a stored `_max_claim_count: 0` is shown
    /// as `null`" (observed in its stored position).
    ///
    /// Goal: stored order, then defaults, and the falsy rule.
    /// Method: PUT `{"a": 1, "_max_claim_count": 0, "_default_message_ttl": 120}` and compare the raw GET body.
    @Test func storedKeysComeFirstAndFalsyReservedValuesShowAsDefaults() async throws {
        try await withAPI { api in
            try await api.createQueue("q1", metadata: #"{"a": 1, "_max_claim_count": 0, "_default_message_ttl": 120}"#)
            let reply = try await api.send(.get, "/v2/queues/q1")
            #expect(
                reply.text
                    == #"{"a": 1, "_max_claim_count": null, "_default_message_ttl": 120, "_max_messages_post_size": 262144, "_default_message_delay": 0, "_dead_letter_queue": null, "_dead_letter_queue_messages_ttl": null, "_enable_encrypt_messages": false}"#
            )
        }
    }

    // MARK: §4.5 Delete

    /// Rule §4.5: "Always 204, including for a queue that does not exist (tempest checks both cases). All of the
    /// queue's messages and claims are deleted."
    ///
    /// Goal: delete is idempotent and takes the queue's content with it.
    /// Method: create a queue with metadata, messages and a claim; delete twice; recreate and check it is empty.
    @Test func deleteIsAlways204AndRemovesEverything() async throws {
        try await withAPI { api in
            try await api.createQueue("q1", metadata: #"{"a": 1}"#)
            try await api.post("q1", count: 3)
            let claim = try await api.claim("q1", limit: 1)
            for _ in 0..<2 {
                let reply = try await api.send(.delete, "/v2/queues/q1")
                #expect(reply.status == .noContent)
                expectEmptyBody(reply)
            }
            #expect(try await api.send(.delete, "/v2/queues/never").status == .noContent)
            #expect(try await api.send(.get, "/v2/queues").json()["queues"].array.isEmpty)
            try await api.createQueue("q1")
            #expect(try await api.send(.get, "/v2/queues/q1").text == defaultMetadataText)
            #expect(try await api.listIDs("q1").isEmpty)
            #expect(try await api.send(.get, "/v2/queues/q1/claims/\(claim.id)").status == .notFound)
        }
    }

    // MARK: §4.6 Stats

    /// Rule §4.6: "200, including for a missing queue. For an empty or missing queue (observed): `{"messages":
    /// {"claimed": 0, "free": 0, "total": 0}}`" (tempest: no oldest/newest).
    ///
    /// Goal: the exact empty stats for a missing and for an empty queue.
    /// Method: GET stats of both.
    @Test func emptyStats() async throws {
        try await withAPI { api in
            try await api.createQueue("empty")
            for name in ["missing", "empty"] {
                let reply = try await api.send(.get, "/v2/queues/\(name)/stats")
                #expect(reply.status == .ok)
                #expect(reply.text == #"{"messages": {"claimed": 0, "free": 0, "total": 0}}"#)
            }
        }
    }

    /// Rule §4.6 with decision 13: "`total` counts the queue's messages, `claimed` those under an active claim, and
    /// `free` is `total - claimed`. Delayed messages count as free … `oldest` and `newest` are the first and last
    /// messages in FIFO order, claimed ones included", shaped `{"age", "href", "created"}` (the tempest minimum;
    /// the Redis reference puts the whole message there).
    ///
    /// Goal: counts and the oldest/newest summaries, with ages following the clock.
    /// Method: post three messages (one delayed), claim the first two, advance 7 s, GET stats.
    @Test func statsCountAndSummarise() async throws {
        try await withAPI { api in
            let first = try await api.post("q1", [#"{"body": 1}"#, #"{"body": 2}"#])
            api.clock.advance(seconds: 2)
            let last = try await api.post("q1", [#"{"body": 3, "delay": 60}"#])
            _ = try await api.claim("q1", limit: 2)
            api.clock.advance(seconds: 7)
            let reply = try await api.send(.get, "/v2/queues/q1/stats")
            let messages = try reply.json()["messages"]
            // The Redis reference prints `newest` first; Docs/COMPATIBILITY.md documents `oldest` first (MongoDB's).
            #expect(messages.keys == ["claimed", "free", "total", "oldest", "newest"])
            #expect(messages["claimed"] == .int(2) && messages["free"] == .int(1) && messages["total"] == .int(3))
            #expect(messages["oldest"].keys == ["age", "href", "created"])
            #expect(messages["oldest"]["age"] == .int(9))
            #expect(messages["oldest"]["href"] == .string("/v2/queues/q1/messages/\(first[0])"))
            #expect(messages["oldest"]["created"] == .string(ManualClock.startISO8601))
            #expect(messages["newest"]["age"] == .int(7))
            #expect(messages["newest"]["href"] == .string("/v2/queues/q1/messages/\(last[0])"))
            #expect(messages["newest"]["created"] == .string("2023-11-14T22:13:22Z"))
        }
    }

    // MARK: §4.7 Purge

    /// Rule §4.7 errors: "The object lacks the key: 400 with `Invalid API request` and `Post body must contain key
    /// "resource_types".` Any other element, or a string instead of a list: 400 with `Resource types must be a sub
    /// set of {'messages', 'subscriptions'}.` The set order in that message can vary." Observed: a top-level array
    /// body (`[]`) is also "must contain key".
    ///
    /// Goal: each purge body error with the reference's text, and nothing purged.
    /// Method: post a message, send each bad body, check the message is still there.
    @Test func purgeBodyErrors() async throws {
        try await withAPI { api in
            try await api.post("q1", count: 1)
            for body in ["{}", #"{"types": ["messages"]}"#, "[]"] {
                expectInvalidAPIRequest(
                    try await api.send(.post, "/v2/queues/q1/purge", body: body),
                    "Post body must contain key \"resource_types\".")
            }
            for body in [
                #"{"resource_types": ["bogus"]}"#, #"{"resource_types": "messages"}"#,
                #"{"resource_types": ["messages", 5]}"#,
            ] {
                let reply = try await api.send(.post, "/v2/queues/q1/purge", body: body)
                #expect(reply.status == .badRequest)
                let description = try reply.json()["description"].string
                #expect(
                    description == "Resource types must be a sub set of {'messages', 'subscriptions'}."
                        || description == "Resource types must be a sub set of {'subscriptions', 'messages'}.",
                    "\(body)")
            }
            #expect(try await api.listIDs("q1").count == 1)
        }
    }

    /// Rule §4.7: "Success: **204**, for a missing queue as well. An absent body means both. `[]` purges nothing."
    /// With decision 9 ("Purge every message"): claimed and delayed messages go too, with their claims.
    ///
    /// Goal: purge empties the queue whatever the messages' state; `{"resource_types": []}` does nothing.
    /// Method: post free, claimed and delayed messages; purge with `[]` (all stay), then with `messages` (all go,
    /// the claim too); purge without a body and a missing queue.
    @Test func purgeRemovesEveryMessage() async throws {
        try await withAPI { api in
            try await api.post("q1", [#"{"body": 1}"#, #"{"body": 2}"#, #"{"body": 3, "delay": 300}"#])
            let claim = try await api.claim("q1", limit: 1)
            let nothing = try await api.send(.post, "/v2/queues/q1/purge", body: #"{"resource_types": []}"#)
            #expect(nothing.status == .noContent)
            #expect(try await api.send(.get, "/v2/queues/q1/stats").json()["messages"]["total"] == .int(3))
            let purge = try await api.send(.post, "/v2/queues/q1/purge", body: #"{"resource_types": ["messages"]}"#)
            #expect(purge.status == .noContent)
            expectEmptyBody(purge)
            #expect(
                try await api.send(.get, "/v2/queues/q1/stats").text
                    == #"{"messages": {"claimed": 0, "free": 0, "total": 0}}"#)
            #expect(try await api.send(.get, "/v2/queues/q1/claims/\(claim.id)").status == .notFound)
            try await api.post("q1", count: 2)
            #expect(try await api.send(.post, "/v2/queues/q1/purge").status == .noContent)
            #expect(try await api.listIDs("q1", query: "echo=true&include_claimed=true&include_delayed=true").isEmpty)
            #expect(try await api.send(.post, "/v2/queues/missing/purge").status == .noContent)
            #expect(
                try await api.send(.post, "/v2/queues/q2/purge", body: #"{"resource_types": ["subscriptions"]}"#).status
                    == .noContent)
        }
    }

    // MARK: §4.8 Share

    /// Rule §4.8 errors, as the reference harness (no `[signed_url] secret_key`) answers them: a body with other
    /// keys is `Unknown keys: {'foo'}`, bad paths are `Invalid paths: {'bogus'}`, an absent body is `Request body
    /// can not be empty`, and a valid body meets "no secret key configured: ``The `key` can't be None``".
    ///
    /// Goal: the share endpoint's answers without a signing key.
    /// Method: POST share with each body (each observed on the reference).
    @Test func shareAnswersAsTheKeylessReference() async throws {
        try await withAPI { api in
            let path = "/v2/queues/q1/share"
            expectInvalidAPIRequest(try await api.send(.post, path, body: #"{"foo": 1}"#), "Unknown keys: {'foo'}")
            expectInvalidAPIRequest(
                try await api.send(.post, path, body: #"{"paths": ["bogus"]}"#), "Invalid paths: {'bogus'}")
            expectInvalidBody(try await api.send(.post, path), "Request body can not be empty")
            expectInvalidAPIRequest(try await api.send(.post, path, body: "{}"), "The `key` can't be None")
        }
    }
}
