import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import QueueModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a call may be retried after a failure. Each typed call of ``FlotillaClient`` declares its class; the table
/// is in ``FlotillaClient``'s documentation.
enum RetryClass: Sendable, Hashable {
    /// A read: retried after any failure (connection error, timeout, 503).
    case read
    /// A mutation whose repetition has the same effect as one application (queue create/delete/purge, delete by
    /// id or ids, claim renew/release, a metadata patch without removes, and posts, made idempotent by their
    /// `Idempotency-Key`): retried after any failure. If an attempt may have reached a server and no attempt got
    /// an answer, the call ends with ``FlotillaClientError/outcomeUnknown(_:)``.
    case idempotentWrite
    /// A mutation that must not be applied twice (claim create, pop, a metadata patch that removes keys):
    /// retried only after failures that happened before any byte of the request can have been sent (connection
    /// refused, connect timeout). Any later failure, and any 503, ends the call with
    /// ``FlotillaClientError/outcomeUnknown(_:)``.
    case nonIdempotentWrite
}

/// One API request, before it is given to an endpoint.
struct RouterRequest: Sendable {
    var method: HTTPMethod
    /// The path and query, starting with `/` (e.g. `/v2/queues/q1/messages?limit=5`), already percent-encoded.
    var target: String
    /// Headers besides the ones every request carries (`Client-ID`, `X-Project-ID`, `Accept`).
    var headers: [(name: String, value: String)] = []
    var body: [UInt8]?
    var retry: RetryClass
}

/// A node's answer (any status but a retried 503).
struct RouterResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    /// The base URL of the node that answered.
    var endpoint: String

    func header(_ name: String) -> String? { headers.first(name: name) }
}

/// What the router has learned about the cluster, shared by every copy of a ``FlotillaClient`` (the client is a
/// struct; this is the one reference it holds besides the HTTP client).
final class RouterState: Sendable {
    struct Knowledge: Sendable {
        /// The leader's node name, from `X-Flotilla-Leader`.
        var leaderName: String?
        /// The leader's API base URL, from `X-Flotilla-Leader-Endpoint`. Invariant: nil after an attempt to it
        /// failed, until a node names it again.
        var leaderEndpoint: String?
        /// The endpoint that gave the last answer (not a 503); the first choice when no leader endpoint is known.
        var lastAnswered: String?
    }

    let knowledge = Mutex(Knowledge())
}

/// The leader-following router: sends each request to the node most likely to be the leader, learns the leader
/// from the answers, and fails over within ``RouterConfiguration``'s limits.
struct Router: Sendable {
    /// The configured endpoints, normalised (no trailing `/`). Never empty.
    let endpoints: [String]
    let configuration: RouterConfiguration
    let http: HTTPClient
    let state: RouterState
    let clientID: ClientID
    let project: String

    static let leaderHeader = "X-Flotilla-Leader"
    static let leaderEndpointHeader = "X-Flotilla-Leader-Endpoint"
    /// The largest answer body read (a full page of 20 messages of the largest post is 5 MiB).
    static let maxBodyBytes = 32 * 1024 * 1024

    /// Normalises a base URL: no trailing `/`; nil if it is not `http://` or `https://` with a host.
    static func normalised(_ endpoint: String) -> String? {
        var text = endpoint.trimmingSpaces()
        while text.hasSuffix("/") { text.removeLast() }
        for scheme in ["http://", "https://"] where text.lowercased().hasPrefix(scheme) {
            let rest = text.dropFirst(scheme.count)
            guard !rest.isEmpty, !rest.contains("/"), !rest.contains("?"), !rest.contains("#") else { return nil }
            return text
        }
        return nil
    }

    // MARK: - Candidates

    /// The endpoint a call tries first: the learned leader, else the endpoint that answered last, else the first
    /// configured one.
    func firstCandidate() -> String {
        let known = state.knowledge.withLock { $0 }
        return known.leaderEndpoint ?? known.lastAnswered ?? endpoints[0]
    }

    /// The endpoint to try after `failed`: the leader a node just named (`hint`) if it is another node; else the
    /// learned leader if it is another node (another call may have learned it meanwhile); else the configured
    /// endpoint after `failed` in the list (or at `cursor`, for an endpoint not in the list), round-robin.
    func nextCandidate(after failed: String, hint: String?, cursor: inout Int) -> String {
        if let hint, hint != failed { return hint }
        if let leader = state.knowledge.withLock({ $0.leaderEndpoint }), leader != failed { return leader }
        if let position = endpoints.firstIndex(of: failed) { cursor = position + 1 }
        let next = endpoints[cursor % endpoints.count]
        cursor += 1
        return next
    }

    /// Learns the leader from an answer's headers and remembers who answered.
    /// - Returns: the leader endpoint the answer named, if any.
    @discardableResult
    func learn(from response: RouterResponse) -> String? {
        let name = response.header(Self.leaderHeader).flatMap { $0.isEmpty ? nil : $0 }
        let endpoint = response.header(Self.leaderEndpointHeader).flatMap(Self.normalised)
        state.knowledge.withLock { known in
            if response.status != 503 { known.lastAnswered = response.endpoint }
            if let endpoint {
                known.leaderEndpoint = endpoint
                known.leaderName = name
            } else if let name {
                // A new leader without an endpoint: the endpoint we knew belongs to the old one.
                if name != known.leaderName { known.leaderEndpoint = nil }
                known.leaderName = name
            } else if response.status == 503, known.leaderEndpoint == response.endpoint {
                // The node we took for the leader cannot serve and names no other.
                known.leaderEndpoint = nil
            }
        }
        return endpoint
    }

    /// Forgets an endpoint that could not be reached, so the next call does not start there.
    func forget(_ endpoint: String) {
        state.knowledge.withLock { known in
            if known.leaderEndpoint == endpoint { known.leaderEndpoint = nil }
            if known.lastAnswered == endpoint { known.lastAnswered = nil }
        }
    }

    // MARK: - Sending

    /// Why the last attempt of a call failed.
    private enum LastFailure: CustomStringConvertible {
        case none
        case transport(String)
        case unavailable(APIError)

        var description: String {
            switch self {
            case .none: return "none"
            case .transport(let reason): return reason
            case .unavailable(let error): return error.description
            }
        }
    }

    /// Sends `request`, following the leader and failing over as its ``RetryClass`` allows.
    /// - Returns: the first answer that is not a 503 (any other status is an answer, returned as is).
    /// - Throws: ``FlotillaClientError/api(_:)`` with the last 503 when every attempt was answered 503 or failed;
    ///   ``FlotillaClientError/transport(_:)`` when no attempt got an answer and none can have changed anything;
    ///   ``FlotillaClientError/outcomeUnknown(_:)`` when a mutation may have been applied without an answer.
    func send(_ request: RouterRequest) async throws(FlotillaClientError) -> RouterResponse {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: configuration.totalBudget)
        var generator = SystemRandomNumberGenerator()
        var endpoint = firstCandidate()
        var cursor = 0
        var tried: [String] = []
        var last = LastFailure.none
        // Whether an attempt of an idempotent write may have reached a server without its answer reaching us.
        var mayHaveApplied = false
        for attempt in 1...configuration.maxAttempts {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { break }
            tried.append(endpoint)
            var hint: String?
            var retryAfter: Duration?
            switch await perform(request, at: endpoint, timeout: min(configuration.requestTimeout, remaining)) {
            case .answered(let response):
                hint = learn(from: response)
                guard response.status == 503 else { return response }
                let error = Self.apiError(response)
                if request.retry == .nonIdempotentWrite {
                    // Flotilla answers 503 both when it applied nothing and when a leader change left the outcome
                    // unknown; without reading the text the two cannot be told apart, so this is not retried.
                    throw .outcomeUnknown("\(endpoint) answered \(error); the request may have been applied")
                }
                last = .unavailable(error)
                retryAfter = response.header("Retry-After").flatMap { Int($0.trimmingSpaces()) }.map {
                    Duration.seconds(max(0, $0))
                }
            case .failed(let failure):
                forget(endpoint)
                if failure.maybeSent {
                    if request.retry == .nonIdempotentWrite {
                        throw .outcomeUnknown(
                            "\(endpoint): \(failure.reason) after the request may have been sent")
                    }
                    if request.retry == .idempotentWrite { mayHaveApplied = true }
                }
                last = .transport("\(endpoint): \(failure.reason)")
            }
            guard attempt < configuration.maxAttempts, !Task.isCancelled else { break }
            var delay = configuration.backoff(afterAttempt: attempt, using: &generator)
            // Retry-After speaks for the node that sent it; a leader it names is tried after the plain backoff.
            if hint == nil || hint == endpoint, let retryAfter { delay = max(delay, retryAfter) }
            guard clock.now.advanced(by: delay) < deadline else { break }
            do {
                try await Task.sleep(for: delay)
            } catch {
                break
            }
            endpoint = nextCandidate(after: endpoint, hint: hint, cursor: &cursor)
        }
        switch last {
        case _ where mayHaveApplied:
            throw .outcomeUnknown(
                "no answer after \(tried.count) attempts, and an attempt may have reached a node; last: \(last)")
        case .unavailable(let error):
            throw .api(error)
        case .transport(let reason):
            throw .transport(TransportFailure(attempts: tried.count, endpoints: tried, lastError: reason))
        case .none:
            throw .transport(
                TransportFailure(attempts: 0, endpoints: [], lastError: Task.isCancelled ? "cancelled" : "no time left")
            )
        }
    }

    /// Sends `request` once to one endpoint, without failover (e.g. a node's status).
    func sendOnce(_ request: RouterRequest, to endpoint: String) async throws(FlotillaClientError) -> RouterResponse {
        switch await perform(request, at: endpoint, timeout: configuration.requestTimeout) {
        case .answered(let response):
            learn(from: response)
            return response
        case .failed(let failure):
            throw .transport(TransportFailure(attempts: 1, endpoints: [endpoint], lastError: failure.reason))
        }
    }

    private enum AttemptOutcome {
        case answered(RouterResponse)
        case failed(AttemptFailure)
    }

    /// Why one attempt got no answer, and whether the request may have left this process.
    struct AttemptFailure: Sendable {
        var reason: String
        /// False only when the failure happened while connecting, before any byte of the request was written.
        var maybeSent: Bool
    }

    /// One attempt: the request to one endpoint, with a deadline; the whole answer is read.
    private func perform(_ request: RouterRequest, at endpoint: String, timeout: Duration) async -> AttemptOutcome {
        var outgoing = HTTPClientRequest(url: endpoint + request.target)
        outgoing.method = request.method
        outgoing.headers.add(name: "Client-ID", value: clientID.description)
        outgoing.headers.add(name: "X-Project-ID", value: project)
        outgoing.headers.add(name: "Accept", value: "application/json")
        outgoing.headers.add(name: "User-Agent", value: "flotilla-swift-client")
        for header in request.headers { outgoing.headers.replaceOrAdd(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(outgoing, timeout: .nanoseconds(max(1, timeout.nanoseconds)))
        } catch {
            return .failed(Self.classify(error))
        }
        do {
            let buffer = try await response.body.collect(upTo: Self.maxBodyBytes)
            return .answered(
                RouterResponse(
                    status: Int(response.status.code), headers: response.headers,
                    body: Array(buffer.readableBytesView), endpoint: endpoint))
        } catch {
            return .failed(AttemptFailure(reason: "reading the answer: \(error)", maybeSent: true))
        }
    }

    /// Classifies an AsyncHTTPClient failure. Only failures to establish a connection prove that nothing was
    /// sent; everything else (timeouts after connecting, closed connections, cancellation) may come after the
    /// request, or part of it, reached the server.
    static func classify(_ error: any Error) -> AttemptFailure {
        if let error = error as? HTTPClientError {
            let beforeSending: [HTTPClientError] = [
                .connectTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout, .socksHandshakeTimeout,
                .httpProxyHandshakeTimeout, .invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown,
            ]
            return AttemptFailure(reason: error.description, maybeSent: !beforeSending.contains(error))
        }
        if let error = error as? NIOConnectionError {
            let causes = error.connectionErrors.map { "\($0.error)" }
            let reason =
                causes.isEmpty
                ? "cannot connect to \(error.host):\(error.port)"
                : "cannot connect to \(error.host):\(error.port): " + causes.joined(separator: "; ")
            return AttemptFailure(reason: reason, maybeSent: false)
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return AttemptFailure(reason: "connect timeout", maybeSent: false)
        }
        if let error = error as? IOError, let reason = connectFailures[error.errnoCode] {
            return AttemptFailure(reason: reason, maybeSent: false)
        }
        return AttemptFailure(reason: "\(error)", maybeSent: true)
    }

    /// The errors of `connect(2)` that mean no connection was made, in words.
    static let connectFailures: [CInt: String] = [
        ECONNREFUSED: "connection refused", ENETUNREACH: "network unreachable", EHOSTUNREACH: "host unreachable",
        EADDRNOTAVAIL: "address not available",
    ]

    /// A non-2xx answer as an ``APIError``, reading Zaqar's `{"title", "description"}` body when there is one.
    static func apiError(_ response: RouterResponse) -> APIError {
        var title: String?
        var description: String?
        if let body = try? JSONParser.parse(response.body), case .object(let object) = body {
            if case .string(let text)? = object["title"] { title = text }
            if case .string(let text)? = object["description"] { description = text }
        } else if !response.body.isEmpty {
            description = String(decoding: response.body.prefix(512), as: UTF8.self)
        }
        return APIError(status: response.status, title: title, description: description, endpoint: response.endpoint)
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
