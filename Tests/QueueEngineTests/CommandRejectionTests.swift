// The engine's guarantee "bad commands change nothing" (QueueEngine.swift): an undecodable entry, an unknown codec
// version or a command outside the API's limits yields `.failed(...)` and moves only the applied index; an entry at
// or below the applied index is skipped. Each test compares the content dump before and after.
import QueueEngine
import QueueModel
import Testing

private let q = QueueRef(project: "p", name: "q")
private let longName = String(repeating: "n", count: 65)
private let longProject = String(repeating: "p", count: 257)

/// The claim the seeded state holds (made by the command at index 3).
private let seededClaim = EntityID.claim(index: 3)

/// A queue with metadata, three messages and a live claim over the first: the state every rejection must leave
/// alone.
private func seeded() throws -> EngineFixture {
    var fixture = try EngineFixture()
    try fixture.create(q, meta(("a", .int(1))))
    try fixture.post(q, count: 3)
    let claim = try fixture.claim(q, limit: 1)
    #expect(claim?.id == seededClaim)
    return fixture
}

/// A named command for parameterised tests.
struct RejectedCommandCase: Sendable, CustomTestStringConvertible {
    let name: String
    let command: QueueCommand

    init(_ name: String, _ command: QueueCommand) {
        self.name = name
        self.command = command
    }

    var testDescription: String { name }
}

/// A named raw log entry for parameterised tests.
struct RejectedEntryCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]

    init(_ name: String, _ bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    var testDescription: String { name }
}

private func encoded(_ command: QueueCommand) -> [UInt8] {
    CommandCodec.encode(CommandEnvelope(time: testEpoch, command: command))
}

/// `"Q" 0x01 time` followed by `rest`: a version-1 header and a hand-made body.
private func versionOne(_ rest: [UInt8]) -> [UInt8] {
    let header = encoded(.expire(limit: 1))
    return Array(header[0..<10]) + rest
}

/// A codec string: `length:u32` little-endian and the bytes.
private func codecString(_ bytes: [UInt8]) -> [UInt8] {
    withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { Array($0) } + bytes
}

private let samplePost = encoded(.postMessages(q, clientID: Clients.a, messages: [msg()], idempotencyKey: nil))
private let samplePurge = encoded(.purgeQueue(q, messages: true, subscriptions: false))

private let undecodable: [RejectedEntryCase] = [
    RejectedEntryCase("empty entry", []),
    RejectedEntryCase("not a command", [0x00] + samplePost.dropFirst()),
    RejectedEntryCase("magic only", [UInt8(ascii: "Q")]),
    RejectedEntryCase("truncated time", Array(samplePost[0..<6])),
    RejectedEntryCase("truncated body", Array(samplePost.dropLast())),
    RejectedEntryCase("trailing byte", samplePost + [0]),
    RejectedEntryCase("unknown command tag 0", versionOne([0])),
    RejectedEntryCase("unknown command tag 255", versionOne([255])),
    RejectedEntryCase("boolean that is 2", Array(samplePurge.dropLast()) + [2]),
    RejectedEntryCase("string that is not UTF-8", versionOne([3] + codecString([0xFF, 0xFE]) + codecString([0x71]))),
    RejectedEntryCase(
        "count beyond the entry", versionOne([10] + codecString([0x70]) + codecString([0x71]) + [0, 0, 0, 1])),
    RejectedEntryCase(
        "unknown patch operation",
        versionOne(
            [2] + codecString(Array("p".utf8)) + codecString(Array("q".utf8)) + [1, 0, 0, 0]
                + codecString(Array("move".utf8)) + codecString(Array("a".utf8)) + [0])),
    RejectedEntryCase(
        "metadata that is not an object",
        versionOne([1] + codecString(Array("p".utf8)) + codecString(Array("q".utf8)) + codecString(Array("[]".utf8)))),
    RejectedEntryCase(
        "metadata that is not JSON",
        versionOne([1] + codecString(Array("p".utf8)) + codecString(Array("q".utf8)) + codecString(Array("{".utf8)))),
]

private func withVersion(_ version: UInt8, _ bytes: [UInt8]) -> [UInt8] {
    var copy = bytes
    copy[1] = version
    return copy
}

private let unknownVersions: [RejectedEntryCase] = [
    RejectedEntryCase("version 0", withVersion(0, samplePost)),
    RejectedEntryCase("version 2", withVersion(2, samplePost)),
    RejectedEntryCase("version 255", withVersion(255, samplePurge)),
]

private let outOfRange: [RejectedCommandCase] = [
    RejectedCommandCase("create: empty name", .createQueue(QueueRef(project: "p", name: ""), metadata: JSONObject())),
    RejectedCommandCase(
        "create: 65-character name", .createQueue(QueueRef(project: "p", name: longName), metadata: JSONObject())),
    RejectedCommandCase(
        "create: space in name", .createQueue(QueueRef(project: "p", name: "a b"), metadata: JSONObject())),
    RejectedCommandCase(
        "create: non-ASCII name", .createQueue(QueueRef(project: "p", name: "é"), metadata: JSONObject())),
    RejectedCommandCase(
        "create: empty project", .createQueue(QueueRef(project: "", name: "q2"), metadata: JSONObject())),
    RejectedCommandCase(
        "create: 257-character project",
        .createQueue(QueueRef(project: longProject, name: "q2"), metadata: JSONObject())
    ),
    RejectedCommandCase(
        "create: bad reserved metadata",
        .createQueue(QueueRef(project: "p", name: "q2"), metadata: meta(("_default_message_delay", .int(901))))),
    RejectedCommandCase(
        "post: ttl 59", .postMessages(q, clientID: Clients.a, messages: [msg(ttl: 59)], idempotencyKey: nil)),
    RejectedCommandCase(
        "post: ttl 1209601",
        .postMessages(q, clientID: Clients.a, messages: [msg(ttl: 1_209_601)], idempotencyKey: nil)),
    RejectedCommandCase(
        "post: ttl -60", .postMessages(q, clientID: Clients.a, messages: [msg(ttl: -60)], idempotencyKey: nil)),
    RejectedCommandCase(
        "post: delay -1", .postMessages(q, clientID: Clients.a, messages: [msg(delay: -1)], idempotencyKey: nil)),
    RejectedCommandCase(
        "post: delay 901", .postMessages(q, clientID: Clients.a, messages: [msg(delay: 901)], idempotencyKey: nil)),
    RejectedCommandCase(
        "post: bad last message",
        .postMessages(q, clientID: Clients.a, messages: [msg(), msg(), msg(ttl: 30)], idempotencyKey: "k")),
    RejectedCommandCase("post: empty batch", .postMessages(q, clientID: Clients.a, messages: [], idempotencyKey: nil)),
    RejectedCommandCase(
        "post: 65-character name",
        .postMessages(
            QueueRef(project: "p", name: longName), clientID: Clients.a, messages: [msg()], idempotencyKey: nil)),
    RejectedCommandCase(
        "post: empty project",
        .postMessages(QueueRef(project: "", name: "q"), clientID: Clients.a, messages: [msg()], idempotencyKey: nil)),
    RejectedCommandCase("patch: add without value", .patchMetadata(q, operations: [MetadataPatch(.add, key: "b")])),
    RejectedCommandCase(
        "patch: replace without value", .patchMetadata(q, operations: [MetadataPatch(.replace, key: "a")])),
    RejectedCommandCase(
        "patch: invalid result",
        .patchMetadata(q, operations: [MetadataPatch(.add, key: "_max_messages_post_size", value: .int(0))])),
    RejectedCommandCase(
        "patch: conflict after an add",
        .patchMetadata(
            q,
            operations: [
                MetadataPatch(.add, key: "b", value: .int(2)), MetadataPatch(.replace, key: "zz", value: .int(1)),
            ])),
    RejectedCommandCase(
        "patch: missing queue",
        .patchMetadata(
            QueueRef(project: "p", name: "missing"), operations: [MetadataPatch(.add, key: "b", value: .int(2))])),
    RejectedCommandCase("claim: limit 0", .claimMessages(q, limit: 0, ttl: 300, grace: 60)),
    RejectedCommandCase("claim: limit 21", .claimMessages(q, limit: 21, ttl: 300, grace: 60)),
    RejectedCommandCase("claim: limit -1", .claimMessages(q, limit: -1, ttl: 300, grace: 60)),
    RejectedCommandCase("claim: ttl 59", .claimMessages(q, limit: 1, ttl: 59, grace: 60)),
    RejectedCommandCase("claim: ttl 43201", .claimMessages(q, limit: 1, ttl: 43_201, grace: 60)),
    RejectedCommandCase("claim: grace 59", .claimMessages(q, limit: 1, ttl: 300, grace: 59)),
    RejectedCommandCase("claim: grace 43201", .claimMessages(q, limit: 1, ttl: 300, grace: 43_201)),
    RejectedCommandCase("renew: ttl 59", .renewClaim(q, claimID: seededClaim, ttl: 59, grace: 60)),
    RejectedCommandCase("renew: ttl 43201", .renewClaim(q, claimID: seededClaim, ttl: 43_201, grace: 60)),
    RejectedCommandCase("renew: grace -1", .renewClaim(q, claimID: seededClaim, ttl: 300, grace: -1)),
    RejectedCommandCase("renew: unknown claim", .renewClaim(q, claimID: "nope", ttl: 300, grace: 60)),
    RejectedCommandCase("bulk delete: no ids", .deleteMessages(q, ids: [])),
    RejectedCommandCase(
        "bulk delete: 21 ids",
        .deleteMessages(q, ids: (0..<21).map { "id\($0)" })),
    RejectedCommandCase(
        "delete: claimed without claim id",
        .deleteMessage(q, messageID: EntityID.message(index: 2, position: 0), claimID: nil)),
    RejectedCommandCase("pop: 0", .popMessages(q, count: 0)),
    RejectedCommandCase("pop: 21", .popMessages(q, count: 21)),
    RejectedCommandCase("pop: -1", .popMessages(q, count: -1)),
    RejectedCommandCase("expire: limit 0", .expire(limit: 0)),
    RejectedCommandCase("expire: limit -1", .expire(limit: -1)),
]

/// Commands that name a queue outside Zaqar's name and project rules (§2: 1 to 64 characters from
/// `[A-Za-z0-9_.-]`, project ids of at most 256 characters).
private let invalidQueueRefs: [RejectedCommandCase] = {
    let refs = [
        ("65-character name", QueueRef(project: "p", name: longName)),
        ("257-character project", QueueRef(project: longProject, name: "q")),
    ]
    var commands: [RejectedCommandCase] = []
    for (label, ref) in refs {
        commands += [
            RejectedCommandCase("delete queue, \(label)", .deleteQueue(ref)),
            RejectedCommandCase("purge, \(label)", .purgeQueue(ref, messages: true, subscriptions: true)),
            RejectedCommandCase("patch, \(label)", .patchMetadata(ref, operations: [])),
            RejectedCommandCase("claim, \(label)", .claimMessages(ref, limit: 1, ttl: 300, grace: 60)),
            RejectedCommandCase("renew, \(label)", .renewClaim(ref, claimID: seededClaim, ttl: 300, grace: 60)),
            RejectedCommandCase("release, \(label)", .releaseClaim(ref, claimID: seededClaim)),
            RejectedCommandCase("delete message, \(label)", .deleteMessage(ref, messageID: "m", claimID: nil)),
            RejectedCommandCase("bulk delete, \(label)", .deleteMessages(ref, ids: ["m"])),
            RejectedCommandCase("pop, \(label)", .popMessages(ref, count: 1)),
        ]
    }
    return commands
}()

@Suite("Command rejection")
struct CommandRejectionTests {
    /// Rule (QueueEngine guarantees): "Bad commands change nothing: an undecodable entry … yields `.failed(...)`;
    /// only the applied index moves."
    ///
    /// Goal: every kind of damaged entry is refused as an invalid command and leaves the state alone. Method:
    /// apply each payload to the seeded state and compare the dump and applied index.
    @Test(arguments: undecodable)
    func undecodableEntriesFailAndChangeNothing(entry: RejectedEntryCase) throws {
        var fixture = try seeded()
        try expectRefusedRaw(entry.bytes, &fixture)
    }

    /// Rule (CommandCodec): "A later release adds version 2 and keeps decoding version 1 … An unknown version …
    /// decode[s] to a typed `CommandDecodingError` — never a crash, never a partial command."
    ///
    /// Goal: an otherwise valid entry with an unknown version byte is refused and changes nothing. Method: change
    /// the version byte of a valid post and purge and apply them.
    @Test(arguments: unknownVersions)
    func unknownCodecVersionFailsAndChangesNothing(entry: RejectedEntryCase) throws {
        var fixture = try seeded()
        #expect(throws: CommandDecodingError.unknownVersion(entry.bytes[1])) {
            try CommandCodec.decode(entry.bytes)
        }
        try expectRefusedRaw(entry.bytes, &fixture)
    }

    /// Rule (QueueEngine guarantees): "a command outside the API's limits yields `.failed(...)`; only the applied
    /// index moves", and a refusal after partial work rolls that work back.
    ///
    /// Goal: every out-of-range field (§2 limits, §7 metadata, §6 claim bounds, §5.6 and §5.7 counts) and every
    /// refused operation leaves the seeded state unchanged. Method: apply each command to the seeded state.
    @Test(arguments: outOfRange)
    func outOfRangeFieldsFailAndChangeNothing(command: RejectedCommandCase) throws {
        var fixture = try seeded()
        _ = try fixture.expectRejected(command.command, at: second(1))
    }

    /// Rule (QueueEngine guarantees) with §2 queue-name and project rules: a command naming a queue no valid
    /// request can name is outside the API's limits, so it "yields `.failed(...)`" — whichever command it is,
    /// not only those that would create the queue.
    ///
    /// Goal: every command refuses an invalid queue reference and changes nothing. Method: apply each command
    /// with each invalid reference to the seeded state.
    @Test(arguments: invalidQueueRefs)
    func invalidQueueReferencesAreRefusedByEveryCommand(command: RejectedCommandCase) throws {
        var fixture = try seeded()
        _ = try fixture.expectRejected(command.command, at: second(1))
    }

    /// Rule (QueueEngine.apply): entries are applied "unless [their] index is at or below the applied index (a
    /// replay after a crash) … skipped entries give `nil`."
    ///
    /// Goal: re-applying old indexes changes nothing at all, the applied index included, and a batch mixing old
    /// and new entries applies only the new ones. Method: apply at the current and older indexes, then a mixed
    /// batch.
    @Test func entriesAtOrBelowTheAppliedIndexAreSkipped() throws {
        let fixture = try seeded()
        let engine = fixture.engine
        #expect((try engine.appliedIndex()) == 3)
        let before = try engine.contentDump()
        let postAgain = CommandEnvelope(
            time: second(1), command: .postMessages(q, clientID: Clients.a, messages: [msg()], idempotencyKey: nil))
        #expect(try engine.apply(index: 3, postAgain) == nil)
        #expect(try engine.apply(index: 1, CommandEnvelope(time: second(1), command: .deleteQueue(q))) == nil)
        #expect(try engine.apply([(2, [0xFF]), (0, encoded(.deleteQueue(q)))]) == [nil, nil])
        #expect(try engine.contentDump() == before)
        #expect((try engine.appliedIndex()) == 3)

        let results = try engine.apply([
            (4, CommandCodec.encode(postAgain)), (4, encoded(.deleteQueue(q))), (2, encoded(.deleteQueue(q))),
            (6, CommandCodec.encode(CommandEnvelope(time: second(1), command: .popMessages(q, count: 20)))),
        ])
        #expect(results.count == 4)
        #expect(results[0] == .posted(messageIDs: [EntityID.message(index: 4, position: 0)]))
        #expect(results[1] == nil && results[2] == nil)
        guard case .popped(let popped)? = results[3] else {
            Issue.record("pop: \(String(describing: results[3]))")
            return
        }
        #expect(popped.count == 3)
        #expect((try engine.appliedIndex()) == 6)
        #expect(try engine.queueExists(q))
    }

    /// Rule (QueueEngine.apply): a failed entry moves the applied index like any other, so it is not retried on
    /// replay, and each command of a batch stands alone: one refusal does not undo its neighbours.
    ///
    /// Goal: in a batch of good, bad and good entries the good ones apply and the bad one changes nothing; the
    /// bad index is skipped afterwards. Method: apply such a batch and compare with the same good commands alone.
    @Test func aRefusedEntryInABatchLeavesItsNeighboursApplied() throws {
        let fixture = try seeded()
        let good1 = encoded(.postMessages(q, clientID: Clients.b, messages: [msg("1")], idempotencyKey: nil))
        let bad = encoded(
            .postMessages(q, clientID: Clients.b, messages: [msg("2"), msg("3", ttl: 1)], idempotencyKey: nil))
        let good2 = encoded(.patchMetadata(q, operations: [MetadataPatch(.add, key: "b", value: .int(2))]))
        let results = try fixture.engine.apply([(4, good1), (5, bad), (6, good2)])
        guard case .failed(.invalidCommand) = results[1] else {
            Issue.record("bad entry: \(String(describing: results[1]))")
            return
        }
        #expect(results[0] == .posted(messageIDs: [EntityID.message(index: 4, position: 0)]))
        #expect(results[2] == .metadata(QueueMetadata.withDefaults(meta(("a", .int(1)), ("b", .int(2))))))
        #expect(try fixture.engine.apply([(5, good1)]) == [nil])

        let reference = try seeded()
        _ = try reference.engine.apply([(4, good1), (5, encoded(.expire(limit: 1))), (6, good2)])
        #expect(try fixture.dump() == reference.dump())
    }

    /// Rule (QueueEngine.skip): "Records that entries up to `index` carried nothing for the engine" — the applied
    /// index moves forward only, and nothing else changes.
    ///
    /// Goal: skipping moves the applied index forward, never back, and leaves the state alone. Method: skip to 10,
    /// then to 5, and compare dumps.
    @Test func skipMovesOnlyTheAppliedIndexForward() throws {
        let fixture = try seeded()
        let before = try fixture.dump()
        try fixture.engine.skip(through: 10)
        #expect((try fixture.engine.appliedIndex()) == 10)
        try fixture.engine.skip(through: 5)
        #expect((try fixture.engine.appliedIndex()) == 10)
        #expect(try fixture.dump() == before)
        #expect(try fixture.engine.apply(index: 10, CommandEnvelope(time: testEpoch, command: .deleteQueue(q))) == nil)
    }
}

/// Applies `payload` at the next index and requires an invalid-command refusal that moved only the applied index.
private func expectRefusedRaw(
    _ payload: [UInt8], _ fixture: inout EngineFixture, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let before = try fixture.dump()
    let indexBefore = (try fixture.engine.appliedIndex())
    let result = try fixture.apply(payload: payload)
    guard case .failed(.invalidCommand)? = result else {
        Issue.record("not refused: \(String(describing: result))", sourceLocation: sourceLocation)
        return
    }
    #expect((try fixture.engine.appliedIndex()) == indexBefore + 1, sourceLocation: sourceLocation)
    #expect(try fixture.dump() == before, sourceLocation: sourceLocation)
}
