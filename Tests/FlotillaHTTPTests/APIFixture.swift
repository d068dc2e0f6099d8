// The harness of the Zaqar v2 API tests: the real `ZaqarAPI` responder over a single-node `LocalQueueService` on an
// in-memory `QueueEngine`, driven through HummingbirdTesting's router mode, with a manual clock so that time-based
// rules (TTL, claim expiry, grace, delay, age) are tested by advancing time instead of sleeping (STYLE.md §7).
import FlotillaHTTP
import FlotillaServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import QueueEngine
import QueueModel
import Synchronization
import Testing

/// A clock the test moves by hand. The service reads it for every command it stamps and every read it serves.
final class ManualClock: Sendable {
    /// 2023-11-14T22:13:20Z: a whole second, so `age` and `created` are easy to predict.
    static let start = Timestamp(seconds: 1_700_000_000)
    static let startISO8601 = "2023-11-14T22:13:20Z"

    private let current = Mutex(ManualClock.start)

    var now: Timestamp { current.withLock { $0 } }

    /// Moves the clock forward (never backwards: the service would ignore it anyway).
    func advance(seconds: Int = 0, milliseconds: Int64 = 0) {
        precondition(seconds >= 0 && milliseconds >= 0, "time only moves forward")
        current.withLock { $0 = Timestamp(milliseconds: $0.milliseconds + Int64(seconds) * 1_000 + milliseconds) }
    }
}

/// Client ids used by the tests (§1.2 step 4: any spelling Python's `uuid.UUID` accepts).
enum Clients {
    static let alice = "3381af92-2b9e-11e3-b191-71861300734c"
    /// Alice's id spelled the way the tempest client sends it: uppercase, no dashes.
    static let aliceUpper = "3381AF922B9E11E3B19171861300734C"
    static let bob = "9c3d0a5e-5a2b-4c4e-8f53-0123456789ab"
}

/// The project every request uses unless a test overrides `X-Project-ID`.
let project = "proj"

/// One answer from the API, with helpers to read it.
struct Reply: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let bytes: [UInt8]

    init(_ response: TestResponse) {
        status = response.status
        headers = response.headers
        bytes = Array(response.body.readableBytesView)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }

    /// The body parsed with `JSONParser`, which keeps object key order.
    func json(sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            Issue.record("body is not JSON: \(text)", sourceLocation: sourceLocation)
            throw error
        }
    }
}

/// The API under test, a client for it and its clock.
struct API: Sendable {
    let client: any TestClientProtocol
    let clock: ManualClock

    /// Header overrides: a value replaces the standard header, nil removes it.
    typealias Headers = KeyValuePairs<String, String?>

    /// Sends a request with the standard headers (`Client-ID` = Alice, `X-Project-ID` = `proj`,
    /// `Accept: application/json`), changed by `headers`.
    /// - Parameters:
    ///   - body: the body's text; nil sends none (no Content-Length).
    ///   - standard: false sends only `headers`.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, body: String? = nil, headers: Headers = [:], standard: Bool = true
    ) async throws -> Reply {
        try await send(method, uri, bytes: body.map { Array($0.utf8) }, headers: headers, standard: standard)
    }

    func send(
        _ method: HTTPRequest.Method, _ uri: String, bytes: [UInt8]?, headers: Headers = [:], standard: Bool = true
    ) async throws -> Reply {
        var fields = HTTPFields()
        if standard {
            fields[HTTPField.Name("Client-ID")!] = Clients.alice
            fields[HTTPField.Name("X-Project-ID")!] = project
            fields[.accept] = "application/json"
            if bytes != nil { fields[.contentType] = "application/json" }
        }
        for (name, value) in headers {
            let field = HTTPField.Name(name)!
            fields[field] = nil
            if let value { fields.append(HTTPField(name: field, value: value)) }
        }
        let response = try await client.execute(
            uri: uri, method: method, headers: fields, body: bytes.map { ByteBuffer(bytes: $0) })
        return Reply(response)
    }

    // MARK: Shortcuts for the common steps of a scenario

    /// `PUT /v2/queues/{name}`, expecting 201.
    func createQueue(
        _ name: String, metadata: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let reply = try await send(.put, "/v2/queues/\(name)", body: metadata)
        #expect(reply.status == .created, "create \(name): \(reply.text)", sourceLocation: sourceLocation)
    }

    /// Posts the given message objects (JSON text each) and returns their ids, expecting 201.
    @discardableResult
    func post(
        _ queue: String, _ messages: [String], client: String = Clients.alice,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String] {
        let reply = try await send(
            .post, "/v2/queues/\(queue)/messages", body: #"{"messages": ["# + messages.joined(separator: ", ") + "]}",
            headers: ["Client-ID": client])
        try #require(reply.status == .created, "post: \(reply.text)", sourceLocation: sourceLocation)
        return try reply.json()["resources"].strings.map { String($0.split(separator: "/").last!) }
    }

    /// Posts `count` messages with bodies `0`, `1`, … and the given ttl.
    @discardableResult
    func post(
        _ queue: String, count: Int, ttl: Int = 300, client: String = Clients.alice,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String] {
        try await post(
            queue, (0..<count).map { #"{"ttl": \#(ttl), "body": \#($0)}"# }, client: client,
            sourceLocation: sourceLocation)
    }

    /// Claims with the given body and returns the claim id and the claimed message ids, expecting 201.
    func claim(
        _ queue: String, limit: Int? = nil, ttl: Int = 300, grace: Int = 60,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (id: String, messages: [String]) {
        let uri = "/v2/queues/\(queue)/claims" + (limit.map { "?limit=\($0)" } ?? "")
        let reply = try await send(.post, uri, body: #"{"ttl": \#(ttl), "grace": \#(grace)}"#)
        try #require(reply.status == .created, "claim: \(reply.status) \(reply.text)", sourceLocation: sourceLocation)
        let location = try #require(reply.header("Location"), sourceLocation: sourceLocation)
        let id = String(location.split(separator: "/").last!)
        return (id, try reply.json()["messages"].array.map { try #require($0["id"].string) })
    }

    /// The ids of `GET /v2/queues/{q}/messages` with the given query, expecting 200.
    func listIDs(
        _ queue: String, query: String = "echo=true", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String] {
        let reply = try await send(.get, "/v2/queues/\(queue)/messages?\(query)")
        try #require(reply.status == .ok, "list: \(reply.text)", sourceLocation: sourceLocation)
        return try reply.json()["messages"].array.map { try #require($0["id"].string) }
    }
}

/// Runs `test` against a fresh API (empty in-memory engine, clock at ``ManualClock/start``).
func withAPI(checksums: Bool = true, _ test: @escaping @Sendable (API) async throws -> Void) async throws {
    let clock = ManualClock()
    let service = try LocalQueueService(engine: try QueueEngine(path: nil), clock: { clock.now })
    let app = Application(responder: ZaqarAPI<BasicRequestContext>(service: service, checksums: checksums))
    try await app.test(.router) { client in
        try await test(API(client: client, clock: clock))
    }
}

// MARK: Assertions

/// Asserts a Zaqar error answer (§1.3): the status, `Content-Type: application/json`, and a body whose keys are
/// exactly `title` then `description` (or only `title` when `description` is nil).
func expectError(
    _ reply: Reply, _ status: HTTPResponse.Status, title: String, description: String?,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(reply.status == status, "body: \(reply.text)", sourceLocation: sourceLocation)
    #expect(reply.header("Content-Type") == "application/json", sourceLocation: sourceLocation)
    guard case .object(let object)? = try? JSONParser.parse(reply.bytes) else {
        Issue.record("error body is not a JSON object: \(reply.text)", sourceLocation: sourceLocation)
        return
    }
    #expect(object.keys == (description == nil ? ["title"] : ["title", "description"]), sourceLocation: sourceLocation)
    #expect(object["title"] == .string(title), sourceLocation: sourceLocation)
    if let description {
        #expect(object["description"] == .string(description), sourceLocation: sourceLocation)
    }
}

/// Asserts a 400 `Invalid API request` with the given description.
func expectInvalidAPIRequest(_ reply: Reply, _ description: String, sourceLocation: SourceLocation = #_sourceLocation) {
    expectError(
        reply, .badRequest, title: "Invalid API request", description: description, sourceLocation: sourceLocation)
}

/// Asserts a 400 `Invalid request body` with the given description.
func expectInvalidBody(_ reply: Reply, _ description: String, sourceLocation: SourceLocation = #_sourceLocation) {
    expectError(
        reply, .badRequest, title: "Invalid request body", description: description, sourceLocation: sourceLocation)
}

/// Asserts an answer without a body (204s, OPTIONS, 406).
func expectEmptyBody(_ reply: Reply, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(reply.bytes.isEmpty, "body: \(reply.text)", sourceLocation: sourceLocation)
}

// MARK: Reading JSON in tests

extension JSONValue {
    /// The member `key` of an object, `.null` if absent or not an object (so chains read like the JSON).
    subscript(key: String) -> JSONValue { objectValue?[key] ?? .null }

    /// Element `index` of an array, `.null` if absent.
    subscript(index: Int) -> JSONValue {
        guard case .array(let items) = self, items.indices.contains(index) else { return .null }
        return items[index]
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var int: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    var array: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    var strings: [String] { array.compactMap(\.string) }

    /// The object's keys in order ([] for anything else).
    var keys: [String] { objectValue?.keys ?? [] }

    /// Whether the object has `key` (present, even if null).
    func has(_ key: String) -> Bool { objectValue?.contains(key) ?? false }
}
