// The leader-following router against real HTTP: refused ports, scripted nodes answering 503 or naming a leader,
// stalled nodes, and the real Zaqar API. Time only bounds failures; nothing waits for time to pass.
import Flotilla
import FlotillaHTTP
import HTTPTypes
import Hummingbird
import QueueModel
import Testing

@Suite struct RouterTests {
    static let order = [OutgoingMessage(body: .object(JSONObject([("sku", .string("A-1"))])))]

    /// Goal: a post repeated with the same idempotency key returns the first post's ids and stores nothing
    /// twice. Method: post twice with one key, once with another; count the stored messages.
    @Test func samePostKeyReturnsTheFirstIDs() async throws {
        try await withServers([try makeZaqarAPI()]) { servers async throws in
            try await withClient([servers[0].url]) { client async throws in
                let messages = Self.order + Self.order
                let first = try await client.postMessages("q", messages, idempotencyKey: "key-1")
                let repeated = try await client.postMessages("q", messages, idempotencyKey: "key-1")
                #expect(repeated == first)
                #expect(try await client.queueStats("q").total == 2)
                let other = try await client.postMessages("q", messages)
                #expect(Set(other).isDisjoint(with: first), "a call without a key gets a fresh one")
                #expect(try await client.queueStats("q").total == 4)
            }
        }
    }

    /// Goal: a post whose answer is lost after the server stored it is retried with the same key and stored
    /// once (the leader-changed-after-commit case). Method: two endpoints over one queue service; the first
    /// applies the post and then answers 503, so the router retries on the second; the ids returned must be the
    /// only messages stored, and both attempts must carry one key.
    @Test func postRetriedAfterLostAnswerIsStoredOnce() async throws {
        let api = try makeZaqarAPI()
        let lossy = ScriptedResponder { request, context in
            _ = try await api.respond(to: request, context: context)
            return jsonResponse(
                .serviceUnavailable,
                #"{"title": "Service temporarily unavailable", "description": "Leadership lost. The outcome is unknown; retry with the same Idempotency-Key."}"#,
                headers: [.retryAfter: "0"])
        }
        let recorder = ScriptedResponder { request, context in try await api.respond(to: request, context: context) }
        try await withServers([lossy, recorder]) { servers async throws in
            try await withClient(servers.map(\.url)) { client async throws in
                let ids = try await client.postMessages("q", Self.order + Self.order)
                #expect(lossy.log.count == 1)
                #expect(recorder.log.count == 1)
                let keys = (lossy.log.all + recorder.log.all).map(\.idempotencyKey)
                #expect(keys[0] != nil && keys[0]?.isEmpty == false)
                #expect(keys[0] == keys[1], "every attempt of one post carries the same key")
                let stored = try await client.listMessages("q", echo: true)
                #expect(
                    stored.messages.map(\.id) == ids, "the retry returned the first post's ids; nothing else stored")
            }
        }
    }

    /// Goal: failover past a closed port and a node answering 503 (Retry-After: 0) to a working node, which the
    /// client then keeps using. Method: endpoints [closed, 503, real]; create a queue; then post and count the
    /// 503 node's requests.
    @Test func failsOverPastRefusedAndUnavailableNodes() async throws {
        let closed = try await closedEndpoint()
        let unavailable = unavailableResponder()
        try await withServers([unavailable, try makeZaqarAPI()]) { servers async throws in
            try await withClient([closed, servers[0].url, servers[1].url]) { client async throws in
                #expect(client.preferredEndpoint == closed, "nothing learned yet: the first endpoint")
                #expect(try await client.createQueue("orders"))
                #expect(unavailable.log.count == 1)
                #expect(client.preferredEndpoint == servers[1].url)
                #expect(client.knownLeader?.name == "local", "the single-node server names itself on mutations")
                try await client.postMessages("orders", Self.order)
                #expect(unavailable.log.count == 1, "the next call went straight to the node that answered")
            }
        }
    }

    /// Goal: a node naming the leader's endpoint sends the client there next, even when that endpoint is not
    /// configured. Method: endpoints [follower answering 503 + leader headers, closed port]; the call can only
    /// succeed through the header; the next call must not touch the follower.
    @Test func followsTheLeaderEndpointHeader() async throws {
        let closed = try await closedEndpoint()
        let leaderURL = SharedText()
        let follower = ScriptedResponder { _, _ in
            jsonResponse(
                .serviceUnavailable, #"{"title": "Service temporarily unavailable", "description": "Not the leader."}"#,
                headers: [
                    .retryAfter: "5", HTTPField.Name("X-Flotilla-Leader")!: "n2",
                    HTTPField.Name("X-Flotilla-Leader-Endpoint")!: leaderURL.text,
                ])
        }
        try await withServers([follower, try makeZaqarAPI()]) { servers async throws in
            leaderURL.set(servers[1].url + "/")
            try await withClient([servers[0].url, closed]) { client async throws in
                let metadata = try await client.queueMetadata("orders")
                #expect(metadata["_default_message_ttl"] == .int(3600))
                #expect(follower.log.count == 1)
                #expect(client.knownLeader == LeaderHint(name: "n2", endpoint: servers[1].url))
                #expect(client.preferredEndpoint == servers[1].url)
                _ = try await client.queueStats("orders")
                #expect(follower.log.count == 1)
            }
        }
    }

    /// Goal: the leader is learned from any answer carrying the headers, not only from failures. Method: the only
    /// endpoint is a follower that answers ping itself with leader headers; the next call goes to the leader.
    @Test func learnsTheLeaderFromAnAnswer() async throws {
        let leaderURL = SharedText()
        let follower = ScriptedResponder { _, _ in
            Response(
                status: .noContent,
                headers: [
                    HTTPField.Name("X-Flotilla-Leader")!: "n3",
                    HTTPField.Name("X-Flotilla-Leader-Endpoint")!: leaderURL.text,
                ])
        }
        try await withServers([follower, try makeZaqarAPI()]) { servers async throws in
            leaderURL.set(servers[1].url)
            try await withClient([servers[0].url]) { client async throws in
                #expect(try await client.ping())
                #expect(client.knownLeader?.endpoint == servers[1].url)
                #expect(try await client.createQueue("orders"))
                #expect(follower.log.count == 1)
            }
        }
    }

    /// Goal: when every endpoint refuses connections, a call fails with a typed transport error within its budget
    /// (a mutation too: nothing was sent, so its outcome is known). Method: two closed ports, a 1 s budget, many
    /// attempts allowed; measure the elapsed time.
    @Test func refusedEverywhereIsATransportErrorWithinBudget() async throws {
        let endpoints = [try await closedEndpoint(), try await closedEndpoint()]
        let budget = Duration.seconds(1)
        try await withClient(endpoints, configuration: testConfiguration(maxAttempts: 10_000, budget: budget)) {
            client in
            let clock = ContinuousClock()
            let start = clock.now
            let error = await expectClientError { try await client.queueMetadata("q") }
            let elapsed = start.duration(to: clock.now)
            guard case .transport(let failure)? = error else {
                Issue.record("expected a transport error, got \(String(describing: error))")
                return
            }
            #expect(failure.attempts > 2)
            #expect(Set(failure.endpoints) == Set(endpoints), "both endpoints were tried")
            #expect(elapsed < budget + .seconds(2), "took \(elapsed)")
            let write = await expectClientError { try await client.deleteQueue("q") }
            guard case .transport? = write else {
                Issue.record("a refused mutation changed nothing: expected transport, got \(String(describing: write))")
                return
            }
        }
    }

    /// Goal: the attempt limit holds. Method: three attempts allowed against refusing endpoints.
    @Test func attemptsAreLimited() async throws {
        let endpoints = [try await closedEndpoint(), try await closedEndpoint()]
        try await withClient(endpoints, configuration: testConfiguration(maxAttempts: 3)) { client async throws in
            let error = await expectClientError { try await client.ping() }
            guard case .transport(let failure)? = error else {
                Issue.record("expected a transport error, got \(String(describing: error))")
                return
            }
            #expect(failure.attempts == 3)
            #expect(failure.endpoints == [endpoints[0], endpoints[1], endpoints[0]], "round-robin")
        }
    }

    /// Goal: a 4xx is the server's answer: returned as an API error at once, never retried elsewhere. Method:
    /// endpoints [a node answering 404, the real server]; the 404 node is asked once and the real one never.
    @Test func clientErrorsAreNotRetried() async throws {
        let refusing = ScriptedResponder { _, _ in
            jsonResponse(
                .notFound, #"{"title": "Not found", "description": "Queue q does not exist for project tests"}"#)
        }
        let real = try makeZaqarAPI()
        let counted = ScriptedResponder { request, context in try await real.respond(to: request, context: context) }
        try await withServers([refusing, counted]) { servers async throws in
            try await withClient(servers.map(\.url)) { client async throws in
                let error = await expectClientError { try await client.renewClaim("q", id: "c1") }
                #expect(
                    error
                        == .api(
                            APIError(
                                status: 404, title: "Not found",
                                description: "Queue q does not exist for project tests",
                                endpoint: servers[0].url)))
                #expect(refusing.log.count == 1)
                #expect(counted.log.count == 0)
            }
        }
    }

    /// Goal: pop and claim creation are retried only when nothing can have been sent. Method: a 503 node first
    /// (the request reached it): outcome unknown, one request, the real server untouched; a closed port first
    /// (nothing sent): the pop fails over and succeeds.
    @Test func nonIdempotentCallsAreNotRetriedAfterSending() async throws {
        let closed = try await closedEndpoint()
        let unavailable = unavailableResponder()
        let real = try makeZaqarAPI()
        let counted = ScriptedResponder { request, context in try await real.respond(to: request, context: context) }
        try await withServers([unavailable, counted]) { servers async throws in
            _ = try await withClient([servers[1].url]) { direct async throws in
                try await direct.postMessages("q", Self.order + Self.order)
            }
            let before = counted.log.count
            try await withClient([servers[0].url, servers[1].url]) { client async throws in
                let pop = await expectClientError { try await client.popMessages("q", count: 1) }
                guard case .outcomeUnknown? = pop else {
                    Issue.record("expected outcome unknown, got \(String(describing: pop))")
                    return
                }
                let claim = await expectClientError { try await client.createClaim("q") }
                guard case .outcomeUnknown? = claim else {
                    Issue.record("expected outcome unknown, got \(String(describing: claim))")
                    return
                }
                #expect(unavailable.log.count == 2)
                #expect(counted.log.count == before, "not retried on the next node")
            }
            try await withClient([closed, servers[1].url]) { client async throws in
                #expect(try await client.popMessages("q", count: 1).count == 1)
                #expect(try await client.createClaim("q")?.messages.count == 1)
            }
        }
    }

    /// Goal: a timeout is a failure like any other for reads and idempotent writes (retried elsewhere), is
    /// reported as outcome unknown for an idempotent write that never got an answer (for a post, naming its key),
    /// and stops a non-idempotent call at once. Method: a node that never answers (until the test opens its
    /// gate), a 300 ms attempt timeout.
    @Test func timeouts() async throws {
        let gate = Gate()
        let stalled = ScriptedResponder { _, _ in
            await gate.wait()
            return Response(status: .noContent)
        }
        let timeouts = testConfiguration(maxAttempts: 3, budget: .seconds(5), requestTimeout: .milliseconds(300))
        let outcome = try await withServers([stalled, try makeZaqarAPI()]) { servers async throws in
            defer { gate.open() }
            try await withClient(servers.map(\.url), configuration: timeouts) { client async throws in
                #expect(try await client.createQueue("q"))
                #expect(try await client.queueStats("q").total == 0)
            }
            try await withClient([servers[0].url], configuration: timeouts) { client async throws in
                let delete = await expectClientError { try await client.deleteQueue("q") }
                guard case .outcomeUnknown? = delete else {
                    Issue.record("expected outcome unknown, got \(String(describing: delete))")
                    return
                }
                let post = await expectClientError {
                    try await client.postMessages("q", Self.order, idempotencyKey: "stalled-key")
                }
                guard case .outcomeUnknown(let reason)? = post else {
                    Issue.record("expected outcome unknown, got \(String(describing: post))")
                    return
                }
                #expect(reason.contains("stalled-key"), "the error names the key that makes a re-post safe")
            }
            let hitsBefore = stalled.log.count
            try await withClient([servers[0].url, servers[1].url], configuration: timeouts) { client async throws in
                let claim = await expectClientError { try await client.createClaim("q") }
                guard case .outcomeUnknown? = claim else {
                    Issue.record("expected outcome unknown, got \(String(describing: claim))")
                    return
                }
            }
            return stalled.log.count - hitsBefore
        }
        #expect(outcome == 1, "the claim was sent once and not retried")
    }
}
