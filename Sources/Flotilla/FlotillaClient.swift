public import AsyncHTTPClient
import NIOCore
import NIOHTTP1
public import QueueModel
import Synchronization

/// A client for a Flotilla cluster (or any Zaqar v2 server): typed calls for the whole API over a
/// leader-following router.
///
/// ```swift
/// let client = try FlotillaClient(endpoints: ["http://127.0.0.1:8001", "http://127.0.0.1:8002"], project: "shop")
/// try await client.createQueue("orders")
/// let ids = try await client.postMessages("orders", [OutgoingMessage(body: .object(JSONObject([("n", .int(1))])))])
/// if let claim = try await client.createClaim("orders", ttl: 60, grace: 60) {
///     for message in claim.messages { try await client.deleteMessage("orders", id: message.id, claimID: claim.id) }
/// }
/// try await client.shutdown()
/// ```
///
/// ## Routing
/// Every call goes first to the leader the client knows of: the node named by the `X-Flotilla-Leader-Endpoint`
/// header of an earlier answer; failing that, the endpoint that answered last; failing that, the first endpoint.
/// A connection error, a timeout or a 503 is a failure: the call moves on (to the leader a 503 named, else the next
/// endpoint, round-robin) after a jittered exponential backoff, waiting at least a 503's `Retry-After`, until it
/// succeeds or ``RouterConfiguration``'s attempts or time budget run out. Any other status is the server's answer
/// and is never retried: a 4xx becomes ``FlotillaClientError/api(_:)`` at once. Copies of a client share what
/// they learn (one `Mutex`-guarded state).
///
/// ## Which calls are retried after what
/// | Call | Retried after |
/// | --- | --- |
/// | Reads: list/get/stats/metadata, message list/get, claim get, ping, health | any failure |
/// | `createQueue`, `deleteQueue`, `purgeQueue` | any failure (idempotent) |
/// | `deleteMessage`, `deleteMessages`, `renewClaim`, `releaseClaim` | any failure (idempotent) |
/// | `updateQueueMetadata` with only `add`/`replace` (or removes of reserved keys) | any failure (idempotent) |
/// | `postMessages` | any failure: every attempt carries the call's one `Idempotency-Key`, so the server stores the batch once and answers a retry with the first post's ids |
/// | `createClaim`, `popMessages`, `updateQueueMetadata` removing a non-reserved key | only connection failures before anything was sent; otherwise ``FlotillaClientError/outcomeUnknown(_:)`` |
///
/// An idempotent mutation that ran out of attempts after an attempt may have reached a node (a timeout, a
/// connection lost after sending) also ends with ``FlotillaClientError/outcomeUnknown(_:)``: retrying it is safe.
/// `createQueue` after a retry may report `false` (already existed) for a queue this very call created.
///
/// ## Lifetime
/// A client made without an `HTTPClient` owns one; call ``shutdown()`` when done. A client given an `HTTPClient`
/// leaves its lifecycle to the caller (and uses its configuration: with AsyncHTTPClient's default
/// `retryConnectionEstablishment`, a refused connection is only reported at the per-request timeout, so failover
/// is slower).
public struct FlotillaClient: Sendable {
    /// The configured endpoints (base URLs), normalised without a trailing `/`.
    public var endpoints: [String] { router.endpoints }
    /// The `X-Project-ID` every request carries.
    public var project: String { router.project }
    /// The `Client-ID` every request carries (messages posted by this client are hidden from its own listings
    /// unless `echo` is set).
    public var clientID: ClientID { router.clientID }
    public var configuration: RouterConfiguration { router.configuration }

    let router: Router
    private let ownsHTTPClient: Bool

    /// Creates a client.
    /// - Parameters:
    ///   - endpoints: the nodes' API base URLs, e.g. `http://127.0.0.1:8001`; at least one.
    ///   - project: the project id (`X-Project-ID`).
    ///   - clientID: the client's UUID (`Client-ID`); a random one if nil.
    ///   - httpClient: the HTTP client to use; if nil the client creates one (fail-fast connection establishment,
    ///     connect timeout = `configuration.requestTimeout`) and ``shutdown()`` shuts it down.
    ///   - configuration: the router's limits.
    /// - Throws: ``FlotillaClientError/invalidArgument(_:)`` for no endpoint, an endpoint that is not an
    ///   `http(s)://host[:port]` URL, or an empty project.
    public init(
        endpoints: [String], project: String = "default", clientID: ClientID? = nil, httpClient: HTTPClient? = nil,
        configuration: RouterConfiguration = RouterConfiguration()
    ) throws(FlotillaClientError) {
        guard !endpoints.isEmpty else { throw .invalidArgument("at least one endpoint is needed") }
        var normalised: [String] = []
        for endpoint in endpoints {
            guard let url = Router.normalised(endpoint) else {
                throw .invalidArgument("endpoint \"\(endpoint)\": expected a base URL such as http://127.0.0.1:8001")
            }
            if !normalised.contains(url) { normalised.append(url) }
        }
        guard !project.isEmpty else { throw .invalidArgument("the project id may not be empty") }
        let http: HTTPClient
        if let httpClient {
            http = httpClient
            ownsHTTPClient = false
        } else {
            var settings = HTTPClient.Configuration()
            // Fail a refused connection at once so the router can fail over, instead of retrying it until the
            // request's deadline.
            settings.connectionPool.retryConnectionEstablishment = false
            settings.timeout = .init(connect: .nanoseconds(configuration.requestTimeout.nanoseconds), read: nil)
            http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: settings)
            ownsHTTPClient = true
        }
        router = Router(
            endpoints: normalised, configuration: configuration, http: http, state: RouterState(),
            clientID: clientID ?? ClientID(bytes: Self.randomUUIDBytes()), project: project)
    }

    /// Shuts down the HTTP client this client created (nothing, if it was given one). Calls made afterwards fail.
    /// - Throws: ``FlotillaClientError/transport(_:)`` if the HTTP client was already shut down.
    public func shutdown() async throws(FlotillaClientError) {
        guard ownsHTTPClient else { return }
        do {
            try await router.http.shutdown()
        } catch {
            throw .transport(TransportFailure(attempts: 0, endpoints: [], lastError: "shutdown: \(error)"))
        }
    }

    /// What the client has learned about the leader, if anything.
    public var knownLeader: LeaderHint? {
        let known = router.state.knowledge.withLock { $0 }
        guard known.leaderName != nil || known.leaderEndpoint != nil else { return nil }
        return LeaderHint(name: known.leaderName, endpoint: known.leaderEndpoint)
    }

    /// The endpoint the next call will try first.
    public var preferredEndpoint: String { router.firstCandidate() }

    // MARK: - Helpers for the typed calls

    static let jsonContentType = "application/json"

    /// 16 random bytes shaped as a version-4 UUID.
    static func randomUUIDBytes() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return bytes
    }

    /// A fresh random UUID in its usual lowercase spelling (an idempotency key).
    static func randomUUID() -> String { ClientID(bytes: randomUUIDBytes()).description }

    /// `/v2/queues/{name}`, the name percent-encoded.
    static func queuePath(_ name: String) -> String { "/v2/queues/" + PercentEncoding.encode(name) }

    /// Sends a request through the router and requires a status in `expected`; any other answer is an
    /// ``FlotillaClientError/api(_:)``.
    func call(
        _ method: HTTPMethod, _ target: String, retry: RetryClass, body: JSONValue? = nil,
        contentType: String = jsonContentType, headers: [(name: String, value: String)] = [],
        expected: Set<Int>
    ) async throws(FlotillaClientError) -> RouterResponse {
        var request = RouterRequest(method: method, target: target, headers: headers, retry: retry)
        if let body {
            request.body = Array(JSONSerializer.serialize(body).utf8)
            request.headers.append((name: "Content-Type", value: contentType))
        }
        let response = try await router.send(request)
        guard expected.contains(response.status) else { throw .api(Router.apiError(response)) }
        return response
    }
}
