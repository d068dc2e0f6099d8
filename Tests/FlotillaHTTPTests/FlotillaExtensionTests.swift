// What Flotilla adds to the Zaqar API and how it protects itself: durability receipt headers on mutations, the
// `Idempotency-Key` of message posts (Docs/COMPATIBILITY.md "Idempotency"), and request bodies limited while they
// stream in (ZaqarAPI: "bodies are size-limited while they stream in"). None of these exist in the reference.
import HTTPTypes
import QueueModel
import Testing

@Suite("Flotilla extensions and limits")
struct FlotillaExtensionTests {
    /// QueueService `DurabilityReceipt`: "Where a mutation was committed: the Raft log index and the leader that
    /// committed it. Sent to clients as the `X-Flotilla-Commit-Index` and `X-Flotilla-Leader` headers." The
    /// single-node service numbers commands consecutively and names itself `local`. Reads and refused requests
    /// commit nothing, so they carry no receipt.
    ///
    /// Goal: every successful mutation carries a receipt with an increasing index; reads and 400s do not.
    /// Method: run one of each mutation, collect the headers; then a read and a refused post.
    @Test func mutationsCarryDurabilityReceipts() async throws {
        try await withAPI { api in
            var mutations: [(HTTPRequest.Method, String, String?)] = [
                (.put, "/v2/queues/q1", nil),
                (.patch, "/v2/queues/q1", #"[{"op": "add", "path": "/metadata/a", "value": 1}]"#),
                (.post, "/v2/queues/q1/messages", #"{"messages": [{"body": 1}, {"body": 2}, {"body": 3}]}"#),
            ]
            var indexes: [UInt64] = []
            func record(_ reply: Reply, _ what: String) {
                #expect(reply.header("X-Flotilla-Leader") == "local", "\(what)")
                if let index = reply.header("X-Flotilla-Commit-Index").flatMap(UInt64.init) {
                    indexes.append(index)
                } else {
                    Issue.record("\(what) has no commit index: \(reply.headers)")
                }
            }
            for (method, path, body) in mutations {
                let headers: API.Headers =
                    method == .patch ? ["Content-Type": "application/openstack-messaging-v2.0-json-patch"] : [:]
                record(try await api.send(method, path, body: body, headers: headers), "\(method) \(path)")
            }
            let claim = try await api.send(.post, "/v2/queues/q1/claims?limit=1", body: "{}")
            record(claim, "claim")
            let claimPath = try #require(claim.header("Location"))
            let ids = try await api.listIDs("q1")
            mutations = [
                (.patch, claimPath, "{}"), (.delete, "/v2/queues/q1/messages/\(ids[0])", nil),
                (.delete, "/v2/queues/q1/messages?ids=\(ids[1])", nil), (.delete, claimPath, nil),
                (.delete, "/v2/queues/q1/messages?pop=1", nil), (.post, "/v2/queues/q1/purge", nil),
                (.delete, "/v2/queues/q1", nil),
            ]
            for (method, path, body) in mutations {
                record(try await api.send(method, path, body: body), "\(method) \(path)")
            }
            #expect(indexes.count == 11)
            #expect(zip(indexes, indexes.dropFirst()).allSatisfy { $0 < $1 }, "\(indexes)")
            for reply in [
                try await api.send(.get, "/v2/queues/q1"),
                try await api.send(.get, "/v2/queues/q1/stats"),
                try await api.send(.post, "/v2/queues/q1/messages", body: #"{"messages": []}"#),
            ] {
                #expect(reply.header("X-Flotilla-Commit-Index") == nil)
                #expect(reply.header("X-Flotilla-Leader") == nil)
            }
        }
    }

    /// Docs/COMPATIBILITY.md "Idempotency": "A post may carry an idempotency key; a retry with the same key within
    /// 10 minutes returns the first post's ids and stores nothing (a Flotilla extension used by its client
    /// router)." The key is the `Idempotency-Key` header.
    ///
    /// Goal: a retried post returns the same answer and nothing is duplicated; another key, or the same key after
    /// the window, posts anew.
    /// Method: post with key K twice; post with key L; advance 601 s and post with K again; count messages.
    @Test func idempotencyKeyDeduplicatesRetries() async throws {
        try await withAPI { api in
            let body = #"{"messages": [{"body": 1, "ttl": 3600}, {"body": 2, "ttl": 3600}]}"#
            let first = try await api.send(
                .post, "/v2/queues/q1/messages", body: body, headers: ["Idempotency-Key": "K"])
            #expect(first.status == .created)
            let retry = try await api.send(
                .post, "/v2/queues/q1/messages", body: body, headers: ["Idempotency-Key": "K"])
            #expect(retry.status == .created)
            #expect(retry.header("Location") == first.header("Location"))
            #expect(retry.text == first.text)
            #expect(try await api.send(.get, "/v2/queues/q1/stats").json()["messages"]["total"] == .int(2))
            let otherKey = try await api.send(
                .post, "/v2/queues/q1/messages", body: body, headers: ["Idempotency-Key": "L"])
            #expect(otherKey.status == .created && otherKey.header("Location") != first.header("Location"))
            api.clock.advance(seconds: 601)
            let late = try await api.send(
                .post, "/v2/queues/q1/messages", body: body, headers: ["Idempotency-Key": "K"])
            #expect(late.status == .created && late.header("Location") != first.header("Location"))
            #expect(try await api.send(.get, "/v2/queues/q1/stats").json()["messages"]["total"] == .int(6))
        }
    }

    /// ZaqarAPI's guarantee: "bodies are size-limited while they stream in" (RequestBody: "a body over the limit is
    /// refused after `limit + 1` bytes, never buffered whole"). A 10 MB message post is refused by its declared
    /// length with §5.1's text; endpoints that read a body without such a check (claims, claim renewal, purge)
    /// refuse it while collecting. Memory use cannot be observed here, only the refusal.
    ///
    /// Goal: a 10 MB body is a 400 on every body-reading endpoint, and nothing is stored.
    /// Method: send a 10 MB JSON document to message POST, queue PUT, queue PATCH, claim POST, claim PATCH and
    /// purge.
    @Test func tenMegabyteBodiesAreRefused() async throws {
        try await withAPI { api in
            try await api.post("q1", count: 1)
            let claim = try await api.claim("q1")
            let huge =
                Array(#"{"messages": [{"body": ""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000)
                + Array(#""}]}"#.utf8)
            let post = try await api.send(.post, "/v2/queues/q2/messages", bytes: huge)
            expectInvalidAPIRequest(post, "Message collection size is too large. Max size 262144")
            let put = try await api.send(.put, "/v2/queues/q3", bytes: huge)
            expectInvalidAPIRequest(put, "Queue metadata is too large. Max size: 65536")
            let patch = try await api.send(
                .patch, "/v2/queues/q1", bytes: huge,
                headers: ["Content-Type": "application/openstack-messaging-v2.0-json-patch"])
            expectInvalidBody(patch, "Queue metadata is too large. Max size: 65536")
            for (method, path) in [
                (HTTPRequest.Method.post, "/v2/queues/q1/claims"), (.patch, "/v2/queues/q1/claims/\(claim.id)"),
                (.post, "/v2/queues/q1/purge"),
            ] {
                let reply = try await api.send(method, path, bytes: huge)
                #expect(reply.status == .badRequest, "\(method) \(path): \(reply.text)")
            }
            let names = try await api.send(.get, "/v2/queues").json()["queues"].array.map { $0["name"].string }
            #expect(names == ["q1"])
            #expect(try await api.send(.get, "/v2/queues/q1/stats").json()["messages"]["total"] == .int(1))
        }
    }
}
