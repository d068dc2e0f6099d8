// Helpers for the queue-rule tests: an in-memory engine whose commands get consecutive log indexes at explicit
// times, shortcuts for the common commands and queries, and a dump comparison that ignores the applied index.
import QueueEngine
import QueueModel
import Testing

/// Client ids used by the tests; `clientA` is also spelled in other ways by the echo test.
enum Clients {
    static let a = ClientID(parsing: "3381af92-2b9e-11e3-b191-71861300734c")!
    static let b = ClientID(parsing: "7f3a0a52-8d7e-4c1b-9a43-5f0d2c7e9b11")!
    static let c = ClientID(parsing: "00000000-0000-4000-8000-000000000001")!
}

/// The tests' time origin: an arbitrary instant, far from zero.
let testEpoch = Timestamp(seconds: 1_000_000)

/// `seconds` after ``testEpoch``.
func second(_ seconds: Int) -> Timestamp { testEpoch.adding(seconds: seconds) }

/// `milliseconds` after ``testEpoch`` (for checks one millisecond either side of a deadline).
func millisecond(_ milliseconds: Int64) -> Timestamp {
    Timestamp(milliseconds: testEpoch.milliseconds + milliseconds)
}

/// A metadata object from key-value pairs, in order.
func meta(_ pairs: (String, JSONValue)...) -> JSONObject { JSONObject(pairs) }

/// A message of a post with a JSON body.
func msg(_ body: String = "{\"n\": 0}", ttl: Int? = nil, delay: Int? = nil) -> NewMessage {
    NewMessage(ttl: ttl, delay: delay, body: body, checksum: nil)
}

/// An in-memory ``QueueEngine``. Every command gets the next log index and the time the test names; nothing reads
/// a clock.
struct EngineFixture {
    let engine: QueueEngine
    /// The log index of the last command applied through the fixture (tests that apply raw batches move it on).
    var lastIndex: UInt64 = 0

    init() throws {
        engine = try QueueEngine(path: nil)
    }

    /// Applies `command` at the next log index with envelope time `time`.
    @discardableResult
    mutating func apply(
        _ command: QueueCommand, at time: Timestamp = testEpoch, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CommandResult {
        lastIndex += 1
        let result = try engine.apply(index: lastIndex, CommandEnvelope(time: time, command: command))
        return try #require(result, "index \(lastIndex) was skipped", sourceLocation: sourceLocation)
    }

    /// Applies a raw log entry at the next index; nil if the engine skipped it.
    mutating func apply(payload: [UInt8]) throws -> CommandResult? {
        lastIndex += 1
        return try engine.apply([(lastIndex, payload)])[0]
    }

    /// Creates `queue` with `metadata` and requires that it was created.
    mutating func create(
        _ queue: QueueRef, _ metadata: JSONObject = JSONObject(), at time: Timestamp = testEpoch,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try apply(.createQueue(queue, metadata: metadata), at: time, sourceLocation: sourceLocation)
        #expect(result == .queueCreated(true), sourceLocation: sourceLocation)
    }

    /// Posts `messages` and returns their ids (requires success).
    @discardableResult
    mutating func post(
        _ queue: QueueRef, _ messages: [NewMessage], client: ClientID = Clients.a, key: String? = nil,
        at time: Timestamp = testEpoch, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String] {
        let result = try apply(
            .postMessages(queue, clientID: client, messages: messages, idempotencyKey: key), at: time,
            sourceLocation: sourceLocation)
        guard case .posted(let ids) = result else {
            Issue.record("post failed: \(result)", sourceLocation: sourceLocation)
            throw EngineFixtureError.unexpected(result)
        }
        return ids
    }

    /// Posts `count` messages with bodies `{"n": i}` and the given ttl and delay; returns their ids.
    @discardableResult
    mutating func post(
        _ queue: QueueRef, count: Int, ttl: Int? = nil, delay: Int? = nil, client: ClientID = Clients.a,
        at time: Timestamp = testEpoch, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String] {
        try post(
            queue, (0..<count).map { msg("{\"n\": \($0)}", ttl: ttl, delay: delay) }, client: client, at: time,
            sourceLocation: sourceLocation)
    }

    /// Claims and returns the claim, or nil for the reference's 204 (requires a `.claimed` result).
    mutating func claim(
        _ queue: QueueRef, limit: Int = 10, ttl: Int = 300, grace: Int = 60, at time: Timestamp = testEpoch,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ClaimView? {
        let result = try apply(
            .claimMessages(queue, limit: limit, ttl: ttl, grace: grace), at: time, sourceLocation: sourceLocation)
        guard case .claimed(let claim) = result else {
            Issue.record("claim failed: \(result)", sourceLocation: sourceLocation)
            throw EngineFixtureError.unexpected(result)
        }
        return claim
    }

    /// Pops and returns the popped messages (requires a `.popped` result).
    mutating func pop(
        _ queue: QueueRef, count: Int, at time: Timestamp = testEpoch, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [MessageView] {
        let result = try apply(.popMessages(queue, count: count), at: time, sourceLocation: sourceLocation)
        guard case .popped(let messages) = result else {
            Issue.record("pop failed: \(result)", sourceLocation: sourceLocation)
            throw EngineFixtureError.unexpected(result)
        }
        return messages
    }

    /// A listing page; by default as another client with echo on and neither claimed nor delayed messages.
    func list(
        _ queue: QueueRef, at time: Timestamp = testEpoch, marker: String? = nil, limit: Int = 20,
        client: ClientID = Clients.b, echo: Bool = true, includeClaimed: Bool = false, includeDelayed: Bool = false
    ) throws -> MessagePage {
        try engine.listMessages(
            queue, at: time, marker: marker, limit: limit, clientID: client, echo: echo,
            includeClaimed: includeClaimed, includeDelayed: includeDelayed)
    }

    /// The ids of ``list(_:at:marker:limit:client:echo:includeClaimed:includeDelayed:)``.
    func listIDs(
        _ queue: QueueRef, at time: Timestamp = testEpoch, marker: String? = nil, limit: Int = 20,
        client: ClientID = Clients.b, echo: Bool = true, includeClaimed: Bool = false, includeDelayed: Bool = false
    ) throws -> [String] {
        try list(
            queue, at: time, marker: marker, limit: limit, client: client, echo: echo,
            includeClaimed: includeClaimed, includeDelayed: includeDelayed
        ).messages.map(\.id)
    }

    /// Every message of the queue that has not expired at `time`, claimed and delayed ones included, in FIFO order.
    func allIDs(_ queue: QueueRef, at time: Timestamp = testEpoch) throws -> [String] {
        try listIDs(queue, at: time, includeClaimed: true, includeDelayed: true)
    }

    /// The engine's content dump as text, with the applied index blanked out: equal for equal queue state.
    func dump() throws -> String {
        let text = String(decoding: try engine.contentDump(), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: " ", omittingEmptySubsequences: false).map { token in
                token.hasPrefix("applied_index:") ? "applied_index:_" : String(token)
            }.joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// How many rows `table` holds, from the content dump.
    func rowCount(_ table: String) throws -> Int {
        let lines = String(decoding: try engine.contentDump(), as: UTF8.self).split(separator: "\n")
        guard let start = lines.firstIndex(of: Substring("# \(table)")) else { return 0 }
        return lines[(start + 1)...].prefix { !$0.hasPrefix("# ") }.count
    }

    /// Applies `command` and requires a `.failed` result that changed nothing but the applied index; returns the
    /// error.
    @discardableResult
    mutating func expectRejected(
        _ command: QueueCommand, at time: Timestamp = testEpoch, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> QueueError? {
        let before = try dump()
        let indexBefore = (try engine.appliedIndex())
        let result = try apply(command, at: time, sourceLocation: sourceLocation)
        #expect(try dump() == before, "state changed by \(command)", sourceLocation: sourceLocation)
        #expect((try engine.appliedIndex()) == indexBefore + 1, sourceLocation: sourceLocation)
        guard case .failed(let error) = result else {
            Issue.record("\(command) was not refused: \(result)", sourceLocation: sourceLocation)
            return nil
        }
        return error
    }
}

enum EngineFixtureError: Error {
    case unexpected(CommandResult)
}
