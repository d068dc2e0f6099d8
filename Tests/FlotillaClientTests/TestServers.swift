// Real HTTP servers on loopback for the client tests: the real Zaqar API over an in-memory engine, and tiny
// scripted responders that play failing nodes (refusing, answering 503, naming a leader, stalling).
import Flotilla
import FlotillaHTTP
import FlotillaServer
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import QueueEngine
import QueueModel
import ServiceLifecycle
import Synchronization
import Testing

/// A server running on `127.0.0.1` on a port the OS picked.
struct RunningServer: Sendable {
    let port: Int
    let group: ServiceGroup
    let task: Task<Void, any Error>

    /// The API base URL, e.g. `http://127.0.0.1:51234`.
    var url: String { "http://127.0.0.1:\(port)" }

    /// Shuts the server down gracefully (it stops accepting, finishes in-flight requests, closes idle
    /// connections) and waits until it has stopped.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

/// Starts `responder` on an OS-chosen port; returns once the server listens (its port is read from
/// `onServerRunning`, so no polling and no sleeping).
func startServer<Responder: HTTPResponder>(_ responder: Responder) async throws -> RunningServer
where Responder.Context == BasicRequestContext {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "flotilla-client-tests")
    logger.logLevel = .warning
    let app = Application(
        responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        },
        logger: logger)
    let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
    let task = Task {
        // If the server cannot start, the stream ends and the caller fails instead of waiting forever.
        defer { continuation.finish() }
        try await group.run()
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else {
        task.cancel()
        throw TestSetupError("the server did not start")
    }
    return RunningServer(port: port, group: group, task: task)
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The real Zaqar API over a single-node service on an in-memory engine.
func makeZaqarAPI() throws -> ZaqarAPI<BasicRequestContext> {
    ZaqarAPI<BasicRequestContext>(service: try LocalQueueService(engine: try QueueEngine(path: nil)))
}

/// A URL where nothing listens: a server is started to reserve a port, then stopped.
func closedEndpoint() async throws -> String {
    let server = try await startServer(ScriptedResponder { _, _ in Response(status: .noContent) })
    await server.stop()
    return server.url
}

/// A responder whose answers a test writes as a closure; it counts requests and records their headers.
struct ScriptedResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let log = RequestLog()
    let answer: @Sendable (Request, BasicRequestContext) async throws -> Response

    init(_ answer: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
        self.answer = answer
    }

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        log.record(request)
        return try await answer(request, context)
    }
}

/// What a scripted node was asked.
final class RequestLog: Sendable {
    struct Entry: Sendable {
        var method: String
        var path: String
        var idempotencyKey: String?
    }

    private let entries = Mutex<[Entry]>([])

    func record(_ request: Request) {
        let entry = Entry(
            method: request.method.rawValue, path: request.uri.path,
            idempotencyKey: request.headers[HTTPField.Name("Idempotency-Key")!])
        entries.withLock { $0.append(entry) }
    }

    var all: [Entry] { entries.withLock { $0 } }
    var count: Int { entries.withLock { $0.count } }
}

/// A JSON response with extra headers.
func jsonResponse(_ status: HTTPResponse.Status, _ body: String, headers: HTTPFields = [:]) -> Response {
    var headers = headers
    headers[.contentType] = "application/json"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
}

/// A node that cannot serve: 503 with `Retry-After: 0` and the reference's error body.
func unavailableResponder(extraHeaders: HTTPFields = [:]) -> ScriptedResponder {
    ScriptedResponder { _, _ in
        var headers = extraHeaders
        headers[.retryAfter] = "0"
        return jsonResponse(
            .serviceUnavailable,
            #"{"title": "Service temporarily unavailable", "description": "No leader. Please try again in a few seconds."}"#,
            headers: headers)
    }
}

/// Router limits small enough for tests: quick backoff, a budget that bounds a failing test's time.
func testConfiguration(
    maxAttempts: Int = 10, budget: Duration = .seconds(10), requestTimeout: Duration = .seconds(5)
) -> RouterConfiguration {
    RouterConfiguration(
        maxAttempts: maxAttempts, totalBudget: budget, backoffMin: .milliseconds(1), backoffMax: .milliseconds(20),
        requestTimeout: requestTimeout)
}

/// Runs `body` with servers started from `responders`, stopping them (and the clients `body` creates must be shut
/// down by `body`) afterwards, also when `body` throws.
func withServers<T: Sendable>(
    _ responders: [any HTTPResponder<BasicRequestContext>],
    _ body: ([RunningServer]) async throws -> T
) async throws -> T {
    var servers: [RunningServer] = []
    do {
        for responder in responders { servers.append(try await startServer(responder)) }
        let result = try await body(servers)
        for server in servers { await server.stop() }
        return result
    } catch {
        for server in servers { await server.stop() }
        throw error
    }
}

/// Runs `body` with a client, shutting it down afterwards.
func withClient<T: Sendable>(
    _ endpoints: [String], clientID: ClientID? = nil, configuration: RouterConfiguration = testConfiguration(),
    _ body: (FlotillaClient) async throws -> T
) async throws -> T {
    let client = try FlotillaClient(
        endpoints: endpoints, project: "tests", clientID: clientID, configuration: configuration)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}

/// Requires `body` to fail with a `FlotillaClientError`, and returns it.
func expectClientError<T>(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
) async -> FlotillaClientError? {
    do {
        let value = try await body()
        Issue.record("expected a FlotillaClientError, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as FlotillaClientError {
        return error
    } catch {
        Issue.record("expected a FlotillaClientError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A barrier that stalled handlers wait on until the test opens it (so a stalled server can be stopped without
/// relying on handler cancellation).
final class Gate: Sendable {
    private struct State {
        var open = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }
}

/// A string set after it is created (a responder that must know URLs only known once servers run).
final class SharedText: Sendable {
    private let value = Mutex("")
    func set(_ text: String) { value.withLock { $0 = text } }
    var text: String { value.withLock { $0 } }
}
