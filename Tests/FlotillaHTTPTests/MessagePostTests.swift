// §5.1 of the reference doc: `POST /v2/queues/{q}/messages` — size limits, body checks in the reference's order,
// TTL and delay ranges, checksums (§8.6), and Flotilla's decisions 1 (per-message delay honoured), 7 (a failed post
// creates nothing) and 8 (a non-object message is a 400). Texts were observed on the reference Zaqar 15 server.
import HTTPTypes
import QueueModel
import Testing

/// A message POST body the reference refuses, with its error (title, description).
struct BadPostCase: Sendable, CustomTestStringConvertible {
    let body: String?
    let title: String
    let description: String
    var testDescription: String { body ?? "(no body)" }

    static func apiRequest(_ body: String, _ description: String) -> BadPostCase {
        BadPostCase(body: body, title: "Invalid API request", description: description)
    }

    static func requestBody(_ body: String?, _ description: String) -> BadPostCase {
        BadPostCase(body: body, title: "Invalid request body", description: description)
    }

    static let ttlRange = "The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."
    static let delayRange =
        "The Delay TTL for a message may not exceed 900 seconds,and must be at least 0 seconds long."
    static let ttlType = "The value of the \"ttl\" field must be a int."

    static let all: [BadPostCase] = [
        requestBody(nil, "Request body can not be empty"),
        // Observed: an explicit `Content-Length: 0` is read as an empty document, not as an absent body.
        requestBody("", "Request body could not be parsed."),
        requestBody("{bad", "Request body could not be parsed."),
        apiRequest("{}", "No messages were found in the request body."),
        apiRequest("[]", "No messages were found in the request body."),
        apiRequest(#"[{"body": 1}]"#, "No messages were found in the request body."),
        apiRequest(#"{"message": [{"body": 1}]}"#, "No messages were found in the request body."),
        requestBody(#"{"messages": {}}"#, "Document type not supported."),
        requestBody(#"{"messages": "x"}"#, "Document type not supported."),
        requestBody(#"{"messages": [{"ttl": 60}]}"#, "Missing \"body\" field."),
        requestBody(#"{"messages": [{"body": 1, "ttl": 60.0}]}"#, ttlType),
        requestBody(#"{"messages": [{"body": 1, "ttl": 1.5}]}"#, ttlType),
        requestBody(#"{"messages": [{"body": 1, "ttl": "60"}]}"#, ttlType),
        requestBody(#"{"messages": [{"body": 1, "ttl": null}]}"#, ttlType),
        requestBody(#"{"messages": [{"body": 1, "delay": "x"}]}"#, "The value of the \"delay\" field must be a int."),
        requestBody(#"{"messages": [{"body": 1, "delay": 1.0}]}"#, "The value of the \"delay\" field must be a int."),
        // Every element's types are checked before any range (observed: the second element's type error wins).
        requestBody(#"{"messages": [{"body": 1, "ttl": 59}, {"body": 1, "ttl": "x"}]}"#, ttlType),
        apiRequest(#"{"messages": []}"#, "No messages to enqueu."),
        apiRequest(#"{"messages": [], "x": 5}"#, "No messages to enqueu."),
        apiRequest(#"{"messages": [{"body": 1, "ttl": 59}]}"#, ttlRange),
        apiRequest(#"{"messages": [{"body": 1, "ttl": 0}]}"#, ttlRange),
        apiRequest(#"{"messages": [{"body": 1, "ttl": 1209601}]}"#, ttlRange),
        apiRequest(#"{"messages": [{"body": 1, "ttl": -1}]}"#, ttlRange),
        // Python counts booleans as integers: `true` is a ttl of 1, out of range (observed).
        apiRequest(#"{"messages": [{"body": 1, "ttl": true}]}"#, ttlRange),
        apiRequest(#"{"messages": [{"body": 1, "delay": 901}]}"#, delayRange),
        apiRequest(#"{"messages": [{"body": 1, "delay": -1}]}"#, delayRange),
        // Range checks go message by message, ttl before delay (observed with a queue default delay).
        apiRequest(#"{"messages": [{"body": 1, "ttl": 59, "delay": 901}]}"#, ttlRange),
        apiRequest(#"{"messages": [{"body": 1, "delay": 901}, {"body": 1, "ttl": 59}]}"#, delayRange),
    ]
}

@Suite("§5.1 Message POST")
struct MessagePostTests {
    /// Rule §5.1 "Success: **201**. `Location: /v2/queues/{q}/messages?ids=<id1>,<id2>,...` Body: `{"resources":
    /// ["/v2/queues/{q}/messages/<id1>", ...]}`, in request order. There is no `partial` key." Tempest then GETs the
    /// Location (its path from `/v2` onwards) and each resource; posting to a missing queue creates it.
    ///
    /// Goal: the 201's headers and body, and that Location and resources lead to the messages in request order.
    /// Method: post three messages to a missing queue; GET the Location and each resource; list queues.
    @Test func postAnswers201WithLocationAndResources() async throws {
        try await withAPI { api in
            let reply = try await api.send(
                .post, "/v2/queues/q1/messages",
                body:
                    #"{"messages": [{"body": "a", "ttl": 60}, {"body": "b"}, {"body": "c", "ttl": 1209600, "delay": 0}]}"#
            )
            #expect(reply.status == .created)
            #expect(reply.header("Content-Type") == "application/json")
            let json = try reply.json()
            #expect(json.keys == ["resources"])
            let resources = json["resources"].strings
            try #require(resources.count == 3)
            let ids = resources.map { String($0.split(separator: "/").last!) }
            #expect(resources == ids.map { "/v2/queues/q1/messages/\($0)" })
            #expect(Set(ids).count == 3)
            let location = try #require(reply.header("Location"))
            #expect(location == "/v2/queues/q1/messages?ids=" + ids.joined(separator: ","))
            let listed = try await api.send(.get, location).json()["messages"].array
            #expect(listed.map { $0["id"].string } == ids)
            #expect(listed.map { $0["body"] } == [.string("a"), .string("b"), .string("c")])
            #expect(listed.map { $0["ttl"] } == [.int(60), .int(3600), .int(1_209_600)])
            for (resource, body) in zip(resources, ["a", "b", "c"]) {
                let message = try await api.send(.get, resource)
                #expect(message.status == .ok)
                #expect(try message.json()["body"] == .string(body))
            }
            #expect(try await api.send(.get, "/v2/queues").json()["queues"][0]["name"] == .string("q1"))
        }
    }

    /// Rule §5.1 "`ttl` … The default is the queue's `_default_message_ttl` if set, otherwise 3600" and §7.1
    /// `_default_message_delay`: "messages posted without `delay` get this delay".
    ///
    /// Goal: the queue's defaults apply to messages that omit the fields.
    /// Method: create a queue with `_default_message_ttl: 120` and `_default_message_delay: 30`; post; check the
    /// ttl, that the message is hidden for 30 s, then listed.
    @Test func queueDefaultsApplyToOmittedFields() async throws {
        try await withAPI { api in
            try await api.createQueue("q1", metadata: #"{"_default_message_ttl": 120, "_default_message_delay": 30}"#)
            let ids = try await api.post("q1", [#"{"body": 1}"#])
            let message = try await api.send(.get, "/v2/queues/q1/messages/\(ids[0])").json()
            #expect(message["ttl"] == .int(120))
            #expect(try await api.listIDs("q1").isEmpty)
            api.clock.advance(seconds: 30)
            #expect(try await api.listIDs("q1") == ids)
        }
    }

    /// Rule §5.1 step 2: "Content-Length must be at most min(queue `_max_messages_post_size`, 262144) bytes …
    /// over the global limit: `Message collection size is too large. Max size 262144`."
    ///
    /// Goal: the global limit is exact and counts the raw bytes (whitespace included).
    /// Method: post a body of 262145 bytes (refused) and one of 262144 bytes padded with spaces (accepted).
    @Test func globalPostSizeLimit() async throws {
        try await withAPI { api in
            let core = #"{"messages": [{"body": "x"}]}"#
            let padded = core + String(repeating: " ", count: 262_144 - core.utf8.count)
            let atLimit = try await api.send(.post, "/v2/queues/q1/messages", body: padded)
            #expect(atLimit.status == .created)
            let over = try await api.send(.post, "/v2/queues/q1/messages", body: padded + " ")
            expectInvalidAPIRequest(over, "Message collection size is too large. Max size 262144")
        }
    }

    /// Rule §5.1 step 2: "over the queue limit: `Message collection size is too large. The max size for current
    /// queue is 100. It is calculated by max size = min(max_messages_post_size_config: 262144,
    /// max_messages_post_size_queue: 100).`" (observed; with a queue limit equal to the global one, the queue text
    /// is used too).
    ///
    /// Goal: the per-queue limit is exact and names both limits.
    /// Method: set `_max_messages_post_size: 100`, post 100 then 101 bytes; set 262144 on another queue and post
    /// 262145 bytes.
    @Test func perQueuePostSizeLimit() async throws {
        try await withAPI { api in
            try await api.createQueue("small", metadata: #"{"_max_messages_post_size": 100}"#)
            let core = #"{"messages": [{"body": "x"}]}"#
            let hundred = core + String(repeating: " ", count: 100 - core.utf8.count)
            #expect(try await api.send(.post, "/v2/queues/small/messages", body: hundred).status == .created)
            expectInvalidAPIRequest(
                try await api.send(.post, "/v2/queues/small/messages", body: hundred + " "),
                "Message collection size is too large. The max size for current queue is 100. It is calculated by max size = min(max_messages_post_size_config: 262144, max_messages_post_size_queue: 100)."
            )
            try await api.createQueue("large", metadata: #"{"_max_messages_post_size": 262144}"#)
            let over = core + String(repeating: " ", count: 262_145 - core.utf8.count)
            expectInvalidAPIRequest(
                try await api.send(.post, "/v2/queues/large/messages", body: over),
                "Message collection size is too large. The max size for current queue is 262144. It is calculated by max size = min(max_messages_post_size_config: 262144, max_messages_post_size_queue: 262144)."
            )
        }
    }

    /// Rule §5.1 steps 3–8: the body checks in the reference's order with its texts (all observed), including
    /// booleans counted as integers and decision 1 (the delay is validated even without a queue default delay;
    /// the reference drops it silently then).
    ///
    /// Goal: each bad body gets the reference's error.
    /// Method: post each bad body to a fresh queue.
    @Test(arguments: BadPostCase.all)
    func badPostBodies(_ test: BadPostCase) async throws {
        try await withAPI { api in
            let reply = try await api.send(.post, "/v2/queues/q1/messages", body: test.body)
            expectError(reply, .badRequest, title: test.title, description: test.description)
        }
    }

    /// Rule §5.1 step 6 with decision 8: "A non-object element makes the reference return 500 (a bug); return
    /// 400" with `Invalid request body`.
    ///
    /// Goal: a message that is not an object is a 400 `Invalid request body`, wherever it sits.
    /// Method: post `[5]`, `[{valid}, "x"]` and `[null]`.
    @Test func nonObjectMessageIs400() async throws {
        try await withAPI { api in
            for body in [#"{"messages": [5]}"#, #"{"messages": [{"body": 1}, "x"]}"#, #"{"messages": [null]}"#] {
                let reply = try await api.send(.post, "/v2/queues/q1/messages", body: body)
                #expect(reply.status == .badRequest, "\(body)")
                #expect(try reply.json()["title"] == .string("Invalid request body"), "\(body)")
            }
        }
    }

    /// Decision 7: "A message POST creates the queue before validating the body. Validate first; create only on
    /// success ('bad input changes nothing')" (the reference creates the queue, observed).
    ///
    /// Goal: a refused post leaves no queue behind.
    /// Method: post an invalid body, an oversized one and an empty list to missing queues; list queues.
    @Test func failedPostDoesNotCreateTheQueue() async throws {
        try await withAPI { api in
            _ = try await api.send(.post, "/v2/queues/q1/messages", body: #"{"messages": [{"body": 1, "ttl": 5}]}"#)
            _ = try await api.send(.post, "/v2/queues/q2/messages", body: #"{"messages": []}"#)
            _ = try await api.send(.post, "/v2/queues/q3/messages", body: String(repeating: " ", count: 262_145))
            let queues = try await api.send(.get, "/v2/queues").json()
            #expect(queues["queues"].array.isEmpty)
            #expect(try await api.send(.get, "/v2/queues/q1/stats").json()["messages"]["total"] == .int(0))
        }
    }

    /// Rule §5.1 and §2: "There is no limit on the number of messages in one POST; only the byte size is
    /// limited"; "body is required but may be any JSON, including `null`, `""`, a number or an array"; "extra
    /// fields are dropped".
    ///
    /// Goal: many messages and every body type are accepted; unknown fields do not show up.
    /// Method: post 50 messages with varied bodies and an extra field; get them by ids in two pages.
    @Test func anyBodyAndAnyCountAreAccepted() async throws {
        try await withAPI { api in
            let bodies = [#"null"#, #""""#, "0", "[1, 2]", #"{"k": "v"}"#, "true", "1.5"]
            let messages = (0..<50).map { #"{"body": \#(bodies[$0 % bodies.count]), "extra": 1}"# }
            let ids = try await api.post("q1", messages)
            #expect(ids.count == 50)
            let first = try await api.send(.get, "/v2/queues/q1/messages?ids=" + ids.prefix(7).joined(separator: ","))
                .json()
            #expect(first["messages"].array.map { JSONSerializer.serialize($0["body"]) } == bodies)
            #expect(first["messages"].array.allSatisfy { !$0.has("extra") })
        }
    }

    /// Rule §8.6: "The value is `"MD5:" + hex(md5(S))`. S is the UTF-8 bytes of the body as re-serialised by
    /// Python's `json.dumps` with its defaults … Observed: body `{"b":1,"a":"é"}` gives
    /// `MD5:b9622a81c98224c56eb3afdd8f51b202`; `""` gives `MD5:9d4568c009d203ab10e33ea9953a0264`. A null body has no
    /// checksum; the key is omitted." §5 message object key order: `id, href, ttl, age, body, checksum`.
    ///
    /// Goal: the observed checksums, no key for a null body, and the message key order.
    /// Method: post the three bodies; list them.
    @Test func checksumsMatchTheReference() async throws {
        try await withAPI { api in
            try await api.post(
                "q1", [#"{"body": {"b":1,"a":"é"}}"#, #"{"body": ""}"#, #"{"body": null}"#, #"{"body": 1}"#])
            let messages = try await api.send(.get, "/v2/queues/q1/messages?echo=true").json()["messages"].array
            try #require(messages.count == 4)
            #expect(messages[0].keys == ["id", "href", "ttl", "age", "body", "checksum"])
            #expect(messages[0]["checksum"] == .string("MD5:b9622a81c98224c56eb3afdd8f51b202"))
            #expect(messages[1]["checksum"] == .string("MD5:9d4568c009d203ab10e33ea9953a0264"))
            #expect(messages[2].keys == ["id", "href", "ttl", "age", "body"])
            #expect(messages[3]["checksum"] == .string("MD5:c4ca4238a0b923820dcc509a6f75849b"))
            let raw = try await api.send(.get, "/v2/queues/q1/messages?echo=true&limit=1").text
            #expect(raw.contains(#""body": {"b": 1, "a": "é"}, "checksum": "MD5:b9622a81c98224c56eb3afdd8f51b202"}"#))
        }
    }

    /// Decision 1: "Honour the per-message `delay` (0 to 900) always" (the reference drops it unless the queue has
    /// a default delay, observed). §7.1: delayed messages are hidden from listings unless `include_delayed=true`,
    /// claims and pops skip them, GET by id and by ids still returns them.
    ///
    /// Goal: a per-message delay on a queue without default delay hides the message until it is due, exactly.
    /// Method: post a message with `delay: 30` and one without; check list, include_delayed, claim, pop, get; move
    /// the clock to 1 ms before and then to the due time.
    @Test func perMessageDelayIsHonoured() async throws {
        try await withAPI { api in
            let delayed = try await api.post("q1", [#"{"body": "late", "delay": 30}"#])[0]
            let now = try await api.post("q1", [#"{"body": "now"}"#])[0]
            #expect(try await api.listIDs("q1") == [now])
            #expect(try await api.listIDs("q1", query: "echo=true&include_delayed=true") == [delayed, now])
            #expect(try await api.send(.get, "/v2/queues/q1/messages/\(delayed)").status == .ok)
            #expect(try await api.send(.get, "/v2/queues/q1/messages?ids=\(delayed)").status == .ok)
            let claim = try await api.claim("q1")
            #expect(claim.messages == [now])
            #expect(try await api.send(.delete, "/v2/queues/q1/claims/\(claim.id)").status == .noContent)
            let pop = try await api.send(.delete, "/v2/queues/q1/messages?pop=5").json()
            #expect(pop["messages"].array.map { $0["id"].string } == [now])
            api.clock.advance(seconds: 29, milliseconds: 999)
            #expect(try await api.listIDs("q1").isEmpty)
            api.clock.advance(milliseconds: 1)
            #expect(try await api.listIDs("q1") == [delayed])
            #expect(try await api.claim("q1").messages == [delayed])
        }
    }
}
