// §1.1 of the reference doc (routing): which paths exist, what an unknown path or a wrong method answers, and
// where the router answers before or after the header gate. Every expectation was checked against the reference
// Zaqar 15 server with curl.
import HTTPTypes
import QueueModel
import Testing

@Suite("§1.1 Routing")
struct RoutingTests {
    /// Rule §1.1: "Unknown path: 404 with body `{"title": "404 Not Found"}`. No header checks are done first."
    ///
    /// Goal: an unknown path is a bare router 404 even when every required header is missing.
    /// Method: request unknown paths with no headers at all and check status, content type and the exact body.
    @Test func unknownPathIs404BeforeAnyHeaderCheck() async throws {
        try await withAPI { api in
            for path in ["/nope", "/v3/queues", "/v2/queues/q1/bogus", "/v2/queues/q1/messages/m1/extra", "/v2/pools"] {
                let reply = try await api.send(.get, path, standard: false)
                expectError(reply, .notFound, title: "404 Not Found", description: nil)
                #expect(reply.text == #"{"title": "404 Not Found"}"#, "\(path)")
            }
            // Observed: a client that accepts no JSON gets the same 404 without a body.
            let bare = try await api.send(.get, "/nope", headers: ["Accept": "text/plain"], standard: false)
            #expect(bare.status == .notFound)
            expectEmptyBody(bare)
        }
    }

    /// Docs/COMPATIBILITY.md ("Subscriptions, pools, flavors, topics [16]"): not served, so their paths are the
    /// router's 404 (the reference serves them; topics are broken there).
    ///
    /// Goal: the documented unserved endpoints answer the router's 404.
    /// Method: request a subscription, pool, flavor and topic path with valid headers.
    @Test func unservedEndpointsAre404() async throws {
        try await withAPI { api in
            for path in [
                "/v2/queues/q1/subscriptions", "/v2/queues/q1/subscriptions/s1", "/v2/pools/p1", "/v2/flavors",
                "/v2/topics/t1",
            ] {
                let reply = try await api.send(.get, path, headers: ["X-Roles": "admin"])
                expectError(reply, .notFound, title: "404 Not Found", description: nil)
            }
        }
    }

    /// Rule §1.1: "`GET /v2` (no slash) is a 404 (observed)"; the home document is only at `/v2/`.
    ///
    /// Goal: `/v2` without the trailing slash is not the home document.
    /// Method: GET `/v2` with valid headers.
    @Test func v2WithoutTrailingSlashIs404() async throws {
        try await withAPI { api in
            let reply = try await api.send(.get, "/v2")
            expectError(reply, .notFound, title: "404 Not Found", description: nil)
        }
    }

    /// Rule §1.1: "No trailing-slash normalisation. `/v2/queues/` is routed as a queue named `""` and fails name
    /// validation with a 400 (observed)."
    ///
    /// Goal: `/v2/queues/` is the queue route with an empty (invalid) name, not the queue list.
    /// Method: GET and PUT `/v2/queues/` with valid headers.
    @Test func queuesWithTrailingSlashIsAnInvalidQueueName() async throws {
        try await withAPI { api in
            for method in [HTTPRequest.Method.get, .put] {
                let reply = try await api.send(method, "/v2/queues/")
                expectError(
                    reply, .badRequest, title: "Invalid queue identification",
                    description: "The format of the submitted queue name or project id is not valid.")
            }
        }
    }

    /// Rule §1.1 (observed on the reference, more precise than the doc's "`/v2/queues/{q}/messages/` is a
    /// 404"): the reference routes `/v2/queues/{q}/messages/` and `/v2/queues/{q}/claims/` as the message or
    /// claim route with an empty id. So GET is the handler's 404 ("Message  does not exist…", two spaces), DELETE
    /// of the message is a 204, and GET of the claim is "Claim  does not exist…".
    ///
    /// Goal: a trailing slash after `messages`/`claims` behaves like an empty id, as in the reference.
    /// Method: create the queue, then GET and DELETE those paths.
    @Test func trailingSlashAfterMessagesOrClaimsIsAnEmptyID() async throws {
        try await withAPI { api in
            try await api.createQueue("q1")
            let get = try await api.send(.get, "/v2/queues/q1/messages/")
            expectError(
                get, .notFound, title: "Not found", description: "Message  does not exist in queue q1 for project proj")
            let delete = try await api.send(.delete, "/v2/queues/q1/messages/")
            #expect(delete.status == .noContent, "body: \(delete.text)")
            let claim = try await api.send(.get, "/v2/queues/q1/claims/")
            expectError(
                claim, .notFound, title: "Not found", description: "Claim  does not exist in queue q1 for project proj")
        }
    }

    /// Rule §1.1: "Known path but wrong method: header checks run first. If they pass, the answer is 405 with an
    /// `Allow` header and body `{"title": "405 Method Not Allowed"}`. For example, `POST /v2/queues/q1` gives
    /// `allow: DELETE, GET, PATCH, PUT, OPTIONS`."
    ///
    /// Goal: the gate answers first (400 without Client-ID, 400 for a bad queue name); with good headers the
    /// answer is 405 with the route's methods.
    /// Method: POST to a queue path without headers, with a bad name, then properly; check other routes' Allow.
    @Test func wrongMethodIs405AfterTheHeaderGate() async throws {
        try await withAPI { api in
            let bare = try await api.send(.post, "/v2/queues/q1", standard: false)
            expectError(
                bare, .badRequest, title: "Missing header value", description: "The \"Client-ID\" header is required.")
            let badName = try await api.send(.post, "/v2/queues/b@d")
            expectError(
                badName, .badRequest, title: "Invalid queue identification",
                description: "The format of the submitted queue name or project id is not valid.")

            let cases: [(HTTPRequest.Method, String, String)] = [
                (.post, "/v2/queues/q1", "DELETE, GET, PATCH, PUT, OPTIONS"),
                (.post, "/", "GET, OPTIONS"),
                (.put, "/v2/queues", "GET, OPTIONS"),
                (.put, "/v2/queues/q1/messages", "DELETE, GET, POST, OPTIONS"),
                (.post, "/v2/queues/q1/claims/c1", "DELETE, GET, PATCH, OPTIONS"),
                (.get, "/v2/queues/q1/purge", "POST, OPTIONS"),
                (.post, "/v2/health", "GET, OPTIONS"),
            ]
            for (method, path, allow) in cases {
                let reply = try await api.send(method, path, headers: ["X-Roles": "admin"])
                expectError(reply, .methodNotAllowed, title: "405 Method Not Allowed", description: nil)
                #expect(reply.header("Allow") == allow, "\(method) \(path)")
                #expect(reply.text == #"{"title": "405 Method Not Allowed"}"#)
            }
        }
    }

    /// Rule §1.1: "HEAD is only implemented for `/v2/ping`. `HEAD /v2/queues/{q}` is a 405."
    ///
    /// Goal: HEAD on a queue is refused (after the gate), HEAD on ping is a 204 without a body.
    /// Method: HEAD both paths with valid headers, and ping without headers (the gate still applies).
    @Test func headIsOnlyImplementedForPing() async throws {
        try await withAPI { api in
            let queue = try await api.send(.head, "/v2/queues/q1")
            #expect(queue.status == .methodNotAllowed)
            #expect(queue.header("Allow") == "DELETE, GET, PATCH, PUT, OPTIONS")
            let ping = try await api.send(.head, "/v2/ping")
            #expect(ping.status == .noContent)
            expectEmptyBody(ping)
            let bare = try await api.send(.head, "/v2/ping", standard: false)
            #expect(bare.status == .badRequest)
        }
    }

    /// Rule §1.1: "OPTIONS gives 200 with an `allow` header and an empty body." Observed on the reference: the
    /// `allow` value lists the route's methods **without** OPTIONS (`OPTIONS /v2/queues/q1` → `allow: DELETE, GET,
    /// PATCH, PUT`; `/v2/ping` → `GET, HEAD`; `/v2/queues/q1/messages` → `DELETE, GET, POST`), unlike the 405's.
    ///
    /// Goal: OPTIONS answers as the reference does.
    /// Method: OPTIONS three routes with valid headers.
    @Test func optionsAnswers200WithTheRoutesMethods() async throws {
        try await withAPI { api in
            let cases = [
                ("/v2/queues/q1", "DELETE, GET, PATCH, PUT"), ("/v2/ping", "GET, HEAD"),
                ("/v2/queues/q1/messages", "DELETE, GET, POST"), ("/v2/queues", "GET"),
            ]
            for (path, allow) in cases {
                let reply = try await api.send(.options, path)
                #expect(reply.status == .ok, "\(path)")
                #expect(reply.header("Allow") == allow, "\(path)")
                expectEmptyBody(reply)
            }
        }
    }

    /// Observed on the reference (not in the doc's §1.1): an OPTIONS request never fails. Without the required
    /// headers, with an invalid queue name, with `Accept: text/plain`, or on an unknown path, the reference answers
    /// 200 with an empty body (and no `allow` header).
    ///
    /// Goal: OPTIONS is not subject to the header gate or the router's 404.
    /// Method: send those four OPTIONS requests.
    @Test func optionsNeverFailsTheGateOrTheRouter() async throws {
        try await withAPI { api in
            let requests: [(String, API.Headers, Bool)] = [
                ("/v2/queues/q1", [:], false),
                ("/v2/queues/bad@name", [:], true),
                ("/v2/queues/q1", ["Accept": "text/plain"], true),
                ("/nope", [:], false),
            ]
            for (path, headers, standard) in requests {
                let reply = try await api.send(.options, path, headers: headers, standard: standard)
                #expect(reply.status == .ok, "OPTIONS \(path): \(reply.status) \(reply.text)")
                expectEmptyBody(reply)
            }
        }
    }
}
