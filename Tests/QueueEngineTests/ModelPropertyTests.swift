// Property test, seeded (style guide §7.3): the SQLite engine against the naive ``QueueReferenceModel``. Each seed
// is a test argument; a failure names the seed, the step and the last commands, and replays exactly with
// `swift test --filter "ModelPropertyTests"` and that argument.
import QueueEngine
import QueueModel
import Testing

/// A seeded SplitMix64 (style guide §6: randomness is passed in explicitly).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One log entry: its index, the command (nil for an undecodable payload) and the payload the engine gets.
struct GeneratedEntry {
    var index: UInt64
    var envelope: CommandEnvelope?
    var payload: [UInt8]

    var summary: String {
        guard let envelope else { return "#\(index) <undecodable payload>" }
        return "#\(index) t=\(envelope.time.milliseconds) \(envelope.command)"
    }
}

/// Draws random commands over 2 projects × 3 queues, reading the model's state so that most commands name ids that
/// exist (and some name ids that do not). Time advances by 0 to 200 s per entry; log indexes sometimes skip.
struct CommandGenerator {
    static let projects = ["p1", "p2"]
    static let names = ["q0", "q1", "q2"]
    static let queues = projects.flatMap { project in names.map { QueueRef(project: project, name: $0) } }
    static let clients = [
        ClientID(parsing: "3381af92-2b9e-11e3-b191-71861300734c")!,
        ClientID(parsing: "00000000-0000-4000-8000-000000000002")!,
    ]
    static let neverCreated = QueueRef(project: "p-none", name: "q0")
    static let reservedKeys = QueueReferenceModel.reservedDefaults.map(\.0)
    /// Free-form keys; "é" and "e\u{301}" are distinct keys (Python compares code points).
    static let freeKeys = ["a", "b", "\u{E9}", "e\u{301}"]

    var random: SplitMix64
    var now = Timestamp(seconds: 1_700_000_000)
    var nextIndex: UInt64 = 1
    private var bodyCounter = 0
    /// Queues and keys of recent posts that carried an idempotency key, so that some posts retry them.
    private var keyedPosts: [(queue: QueueRef, key: String)] = []

    /// The run starts by creating the six queues in a random order, two of them with dead-letter settings (and one
    /// of those with a queue delay), so that every run reaches those paths; later commands change them at random.
    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
        let queues = Self.queues.shuffled(using: &random)
        for (position, queue) in queues.enumerated() {
            var metadata = position < 2 ? JSONObject() : metadata()
            if position < 2 {
                metadata["_max_claim_count"] =
                    position == 0 ? pick([.int(0), .int(1)]) : pick([.int(0), .int(1), .int(2)])
                // The first moves to another queue; the second may move to itself.
                let targets = position == 0 ? Self.names.filter { $0 != queue.name } : Self.names
                metadata["_dead_letter_queue"] = .string(pick(targets))
            }
            if position == 1 { metadata["_default_message_delay"] = .int(30) }
            followUps.append(.createQueue(queue, metadata: metadata))
        }
    }

    mutating func draw(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func chance(_ percent: Int) -> Bool { draw(1...100) <= percent }

    mutating func pick<T>(_ items: [T]) -> T { items[draw(0...items.count - 1)] }

    /// Reserves log indexes that carry nothing for the engine; returns the last one.
    mutating func skipIndexes() -> UInt64 {
        nextIndex += UInt64(draw(1...3))
        return nextIndex - 1
    }

    /// Command kinds and their weights (out of 100).
    private enum Kind: CaseIterable {
        case post, claim, renew, release, deleteMessage, deleteMessages, pop, create, patch, deleteQueue, purge, expire
        case undecodable

        var weight: Int {
            switch self {
            case .post: return 24
            case .claim: return 16
            case .renew: return 7
            case .release: return 4
            case .deleteMessage: return 10
            case .deleteMessages: return 4
            case .pop: return 5
            case .create: return 6
            case .patch: return 10
            case .deleteQueue: return 2
            case .purge: return 3
            case .expire: return 7
            case .undecodable: return 2
            }
        }
    }

    /// Commands to issue next, at the same time: the setup of a run, or a housekeeping run right after another one
    /// (which finds nothing).
    private var followUps: [QueueCommand] = []

    mutating func next(_ model: QueueReferenceModel) -> GeneratedEntry {
        let index = nextIndex
        nextIndex += chance(5) ? UInt64(draw(2...3)) : 1
        if !followUps.isEmpty {
            let command = followUps.removeFirst()
            let envelope = CommandEnvelope(time: now, command: command)
            return GeneratedEntry(index: index, envelope: envelope, payload: CommandCodec.encode(envelope))
        }
        // Half the entries share the previous time; most steps are short, some long enough to outlive claims.
        switch draw(1...100) {
        case 1...50: break
        case 51...85: now = Timestamp(milliseconds: now.milliseconds + Int64(draw(1...30_000)))
        default: now = Timestamp(milliseconds: now.milliseconds + Int64(draw(30_000...200_000)))
        }
        guard let command = command(model) else {
            return GeneratedEntry(index: index, envelope: nil, payload: [CommandCodec.magic, 0x7F, 0x00])
        }
        let envelope = CommandEnvelope(time: now, command: command)
        return GeneratedEntry(index: index, envelope: envelope, payload: CommandCodec.encode(envelope))
    }

    private mutating func command(_ model: QueueReferenceModel) -> QueueCommand? {
        var roll = draw(1...100)
        var kind = Kind.post
        for candidate in Kind.allCases {
            kind = candidate
            if roll <= candidate.weight { break }
            roll -= candidate.weight
        }
        var queue = pick(Self.queues)
        if chance(2) { queue = pick([QueueRef(project: "p1", name: "bad name"), QueueRef(project: "", name: "q0")]) }
        // Commands about claims mostly go where a claim is active, claims and pops where a message is available,
        // and creations mostly where no queue is yet.
        let claimedQueues = Self.queues.filter { queue in
            model.claims.contains { $0.queue == queue && $0.expires > now }
        }
        if [.renew, .release, .deleteMessage].contains(kind), chance(70), !claimedQueues.isEmpty {
            queue = pick(claimedQueues)
        }
        let queuesWithWork = Self.queues.filter { queue in
            model.messages.contains { message in
                message.queue == queue && message.expires > now && message.delayUntil <= now
                    && !model.claims.contains { $0.id == message.claimID && $0.expires > now }
            }
        }
        if [.claim, .pop].contains(kind), chance(60), !queuesWithWork.isEmpty { queue = pick(queuesWithWork) }
        let missingQueues = Self.queues.filter { model.queues[$0] == nil }
        if kind == .create && chance(50) || kind == .patch && chance(15), !missingQueues.isEmpty {
            queue = pick(missingQueues)
        }
        // A queue that is never created, for the missing-queue answers of the commands that do not create one.
        if ![.post, .create].contains(kind), chance(kind == .patch ? 10 : 3) { queue = Self.neverCreated }
        switch kind {
        case .post:
            var messages: [NewMessage] = []
            for _ in 0..<(chance(2) ? 0 : draw(1...4)) { messages.append(newMessage()) }
            if chance(15), !keyedPosts.isEmpty {
                let retry = pick(keyedPosts)
                return .postMessages(
                    retry.queue, clientID: pick(Self.clients), messages: messages, idempotencyKey: retry.key)
            }
            let key: String? = chance(30) ? pick(["k1", "k2"]) : nil
            if let key {
                keyedPosts.append((queue, key))
                keyedPosts = Array(keyedPosts.suffix(4))
            }
            return .postMessages(queue, clientID: pick(Self.clients), messages: messages, idempotencyKey: key)
        case .claim:
            return .claimMessages(
                queue, limit: chance(3) ? pick([0, 21]) : draw(1...6),
                ttl: chance(3) ? pick([59, 43_201]) : pick([60, 90, 300, 600, 3_600]),
                grace: chance(3) ? pick([59, 43_201]) : pick([60, 120, 300]))
        case .renew:
            let active = model.claims.filter { $0.queue == queue && $0.expires > now }.map(\.id)
            return .renewClaim(
                queue, claimID: chance(70) && !active.isEmpty ? pick(active) : claimID(in: queue, model),
                ttl: chance(3) ? 59 : pick([60, 300, 900, 3_600, 7_200]),
                grace: chance(2) ? -1 : pick([0, 30, 60, 300]))
        case .release:
            return .releaseClaim(queue, claimID: claimID(in: queue, model))
        case .deleteMessage:
            let claimed = model.messages.filter { message in
                message.queue == queue && message.expires > now
                    && model.claims.contains { $0.id == message.claimID && $0.expires > now }
            }.map(\.id)
            // A claimed message with no claim id, its own, another or an unknown one (the rows of §5.5); an
            // unclaimed one with no claim id or some claim id.
            if chance(55), !claimed.isEmpty {
                let messageID = pick(claimed)
                var claimID: String?
                switch draw(1...100) {
                case 1...35: claimID = nil
                case 36...65: claimID = model.messages.first { $0.id == messageID }?.claimID
                case 66...75: claimID = self.claimID(in: queue, model)
                default: claimID = pick(["123", EntityID.claim(index: 999_999_999)])
                }
                return .deleteMessage(queue, messageID: messageID, claimID: claimID)
            }
            return .deleteMessage(
                queue, messageID: messageID(in: queue, model), claimID: chance(50) ? nil : claimID(in: queue, model))
        case .deleteMessages:
            let count = chance(3) ? pick([0, 21]) : draw(1...4)
            var ids: [String] = []
            for _ in 0..<count { ids.append(messageID(in: queue, model)) }
            return .deleteMessages(queue, ids: ids)
        case .pop:
            return .popMessages(queue, count: chance(3) ? pick([0, 21]) : draw(1...5))
        case .create:
            return .createQueue(queue, metadata: metadata())
        case .patch:
            var operations: [MetadataPatch] = []
            if chance(15) {
                operations.append(
                    MetadataPatch(.add, key: "_default_message_delay", value: pick([.int(30), .int(120)])))
            }
            if chance(35) {
                operations.append(
                    MetadataPatch(.add, key: "_max_claim_count", value: pick([.int(0), .int(1), .int(2)])))
                operations.append(MetadataPatch(.add, key: "_dead_letter_queue", value: .string(pick(Self.names))))
            }
            // Few extra operations after the dead-letter settings, so that they are seldom rolled back.
            for _ in 0..<draw(chance(10) ? 0...0 : operations.count > 1 ? 0...1 : 1...3) {
                operations.append(patch())
            }
            return .patchMetadata(queue, operations: operations)
        case .deleteQueue:
            return .deleteQueue(queue)
        case .purge:
            return .purgeQueue(queue, messages: chance(85), subscriptions: chance(50))
        case .expire:
            let limit = chance(3) ? 0 : pick([1, 2, 3, 5, 100, 100])
            if limit == 100 && chance(30) { followUps.append(.expire(limit: 100)) }
            return .expire(limit: limit)
        case .undecodable:
            return nil
        }
    }

    private mutating func newMessage() -> NewMessage {
        bodyCounter += 1
        let body = pick([
            "{\"n\": \(bodyCounter)}", "null", "\"\\u00e9 \(bodyCounter)\"", "[\(bodyCounter), true]", "\(bodyCounter)",
        ])
        return NewMessage(
            ttl: chance(3) ? pick([59, 1_209_601]) : chance(50) ? nil : pick([60, 120, 300, 600, 1_800, 3_600]),
            delay: chance(3) ? pick([901, -1]) : chance(70) ? nil : pick([0, 10, 60, 300, 900]), body: body,
            checksum: chance(50) ? nil : "MD5:\(bodyCounter)")
    }

    /// Mostly a message of `queue` that is alive; sometimes any message ever posted, or an unknown id.
    mutating func messageID(in queue: QueueRef, _ model: QueueReferenceModel) -> String {
        let live = model.messages.filter { $0.queue == queue && $0.expires > now }.map(\.id)
        switch draw(1...100) {
        case 1...65 where !live.isEmpty: return pick(live)
        case 1...85 where !model.everyMessageID.isEmpty: return pick(model.everyMessageID)
        default: return pick(["-1", "123", EntityID.message(index: 999_999_999, position: 0)])
        }
    }

    /// Mostly a stored claim of `queue`; sometimes any claim ever made, or an unknown id.
    mutating func claimID(in queue: QueueRef, _ model: QueueReferenceModel) -> String {
        let stored = model.claims.filter { $0.queue == queue }.map(\.id)
        switch draw(1...100) {
        case 1...60 where !stored.isEmpty: return pick(stored)
        case 1...85 where !model.everyClaimID.isEmpty: return pick(model.everyClaimID)
        default: return pick(["123", "", EntityID.claim(index: 999_999_999)])
        }
    }

    /// A value for `key`: mostly valid for a reserved key, sometimes not (type or range).
    private mutating func value(for key: String) -> JSONValue {
        let good: [JSONValue]
        let bad: [JSONValue]
        switch key {
        case "_default_message_ttl":
            good = [.int(60), .int(120), .int(300), .int(1_209_600), .null]
            bad = [.int(59), .int(0), .string("x"), .double(0), .double(1.5)]
        case "_max_messages_post_size":
            good = [.int(100), .int(262_144), .null]
            bad = [.int(0), .int(262_145), .string("big")]
        case "_default_message_delay":
            good = [.int(0), .int(30), .int(120), .int(900), .bool(true), .bool(false)]
            bad = [.int(901), .int(-1), .string("x")]
        case "_max_claim_count":
            good = [.int(0), .int(1), .int(2), .bool(false), .null]
            bad = [.string("two"), .double(1.5)]
        case "_dead_letter_queue":
            good = [.string("q0"), .string("q1"), .string("q2"), .string("bad name"), .int(3), .null]
            bad = []
        case "_dead_letter_queue_messages_ttl":
            good = [.int(60), .int(300), .int(7_799), .null]
            bad = [.int(59), .string("x")]
        case "_enable_encrypt_messages":
            good = [.bool(true), .bool(false)]
            bad = [.int(1), .string("yes")]
        default:
            good = [
                .int(1), .int(-5), .double(2.5), .double(1e100), .string("x"), .string("日本\"\\ \u{1F600}"),
                .array([.int(1), .null, .bool(true)]), .object(JSONObject([("k", .bool(true)), ("j", .array([]))])),
                .null, .bool(false),
            ]
            bad = []
        }
        return !bad.isEmpty && chance(20) ? pick(bad) : pick(good)
    }

    private mutating func metadata() -> JSONObject {
        var metadata = JSONObject()
        if chance(25) { metadata["_default_message_delay"] = pick([.int(30), .int(120)]) }
        if chance(45) {
            metadata["_max_claim_count"] = pick([.int(0), .int(1), .int(1), .int(2)])
            metadata["_dead_letter_queue"] = .string(pick(Self.names))
            if chance(50) { metadata["_dead_letter_queue_messages_ttl"] = pick([.int(60), .int(300), .int(7_799)]) }
        }
        for _ in 0..<draw(0...3) {
            let key = pick(Self.reservedKeys + Self.freeKeys)
            metadata[key] = value(for: key)
        }
        return metadata
    }

    private mutating func patch() -> MetadataPatch {
        let operation: MetadataPatch.Operation = pick([.add, .add, .replace, .remove])
        let key = chance(15) ? "zz" : pick(Self.reservedKeys + Self.freeKeys)
        guard operation != .remove else { return MetadataPatch(.remove, key: key) }
        return MetadataPatch(operation, key: key, value: chance(2) ? nil : value(for: key))
    }
}

/// The kind of a command or result, for coverage counts.
func kind(of command: QueueCommand?) -> String {
    switch command {
    case nil: return "undecodable"
    case .createQueue?: return "createQueue"
    case .patchMetadata?: return "patchMetadata"
    case .deleteQueue?: return "deleteQueue"
    case .purgeQueue?: return "purgeQueue"
    case .postMessages?: return "postMessages"
    case .claimMessages?: return "claimMessages"
    case .renewClaim?: return "renewClaim"
    case .releaseClaim?: return "releaseClaim"
    case .deleteMessage?: return "deleteMessage"
    case .deleteMessages?: return "deleteMessages"
    case .popMessages?: return "popMessages"
    case .expire?: return "expire"
    }
}

func kind(of result: CommandResult?) -> String {
    switch result {
    case nil: return "skipped"
    case .queueCreated(let created)?: return "queueCreated(\(created))"
    case .metadata?: return "metadata"
    case .done?: return "done"
    case .posted?: return "posted"
    case .claimed(let claim)?: return claim == nil ? "claimed(nil)" : "claimed"
    case .popped(let messages)?: return messages.isEmpty ? "popped([])" : "popped"
    case .expired(let removed)?: return removed == 0 ? "expired(0)" : "expired"
    case .failed(let error)?:
        switch error {
        case .queueNotFound: return "failed.queueNotFound"
        case .metadataConflict: return "failed.metadataConflict"
        case .invalidMetadata: return "failed.invalidMetadata"
        case .claimNotFound: return "failed.claimNotFound"
        case .messagesNotFound: return "failed.messagesNotFound"
        case .messageNotFound: return "failed.messageNotFound"
        case .messageClaimed: return "failed.messageClaimed"
        case .messageNotClaimed: return "failed.messageNotClaimed"
        case .claimInvalid: return "failed.claimInvalid"
        case .invalidCommand: return "failed.invalidCommand"
        }
    }
}

/// The text of an `invalidCommand` refusal is a diagnostic, not part of the contract; only the kind is compared.
func normalized(_ result: CommandResult?) -> CommandResult? {
    if case .failed(.invalidCommand)? = result { return .failed(.invalidCommand("…")) }
    return result
}

/// One seeded run: commands go to the engine and the model in the same batches; every result and, every few
/// batches, every query answer must be equal.
struct PropertyRun {
    static let commandKinds = [
        "createQueue", "patchMetadata", "deleteQueue", "purgeQueue", "postMessages", "claimMessages", "renewClaim",
        "releaseClaim", "deleteMessage", "deleteMessages", "popMessages", "expire", "undecodable",
    ]
    static let resultKinds = [
        "queueCreated(true)", "queueCreated(false)", "metadata", "done", "posted", "claimed", "claimed(nil)", "popped",
        "popped([])", "expired", "expired(0)", "failed.queueNotFound", "failed.metadataConflict",
        "failed.invalidMetadata", "failed.claimNotFound", "failed.messageClaimed", "failed.messageNotClaimed",
        "failed.claimInvalid", "failed.invalidCommand", "skipped",
    ]
    static let modelMarks = [
        "dead-letter move", "idempotent replay", "lifetime extension on claim", "lifetime extension on renew",
        "release", "delete with claim", "queue default delay",
    ]

    let seed: UInt64
    let engine: QueueEngine
    var model = QueueReferenceModel()
    var generator: CommandGenerator
    var recent: [String] = []
    var step = 0
    var commandCounts: [String: Int] = [:]
    var resultCounts: [String: Int] = [:]
    var queryCounts: [String: Int] = [:]
    var failure: String?

    init(seed: UInt64) throws {
        self.seed = seed
        engine = try QueueEngine(path: nil)
        generator = CommandGenerator(seed: seed)
    }

    /// Records the first difference (with the seed, step and last commands) and stops the run.
    mutating func differ(_ what: String, expected: Any?, actual: Any?) {
        guard failure == nil else { return }
        failure = """
            seed \(seed), step \(step): \(what) differs
              model:  \(expected.map { "\($0)" } ?? "nil")
              engine: \(actual.map { "\($0)" } ?? "nil")
            last commands:
              \(recent.joined(separator: "\n  "))
            """
        Issue.record(Comment(rawValue: failure!))
    }

    mutating func same<T: Equatable>(_ what: @autoclosure () -> String, _ expected: T, _ actual: T) -> Bool {
        if expected == actual { return true }
        differ(what(), expected: expected, actual: actual)
        return false
    }

    mutating func run(batches: Int) throws {
        var lastBatch: [GeneratedEntry] = []
        while step < batches && failure == nil {
            step += 1
            if step % 25 == 0 || generator.chance(3), !lastBatch.isEmpty {
                // A duplicate delivery of entries already applied: skipped, with no effect.
                let results = try engine.apply(lastBatch.map { ($0.index, $0.payload) })
                guard same("re-applied batch results", [CommandResult?](repeating: nil, count: results.count), results)
                else { return }
                resultCounts["skipped", default: 0] += results.count
            }
            if step % 30 == 0 || generator.chance(3) {
                let through = generator.skipIndexes()
                try engine.skip(through: through)
                model.skip(through: through)
                recent.append("skip through #\(through)")
            }
            var batch: [GeneratedEntry] = []
            var expected: [CommandResult?] = []
            for _ in 0..<generator.draw(1...3) {
                let entry = generator.next(model)
                batch.append(entry)
                expected.append(model.apply(index: entry.index, entry.envelope))
                commandCounts[kind(of: entry.envelope?.command), default: 0] += 1
            }
            recent += batch.map(\.summary)
            recent = Array(recent.suffix(10))
            let actual = try engine.apply(batch.map { ($0.index, $0.payload) })
            for (position, entry) in batch.enumerated() {
                guard
                    same(
                        "result of entry #\(entry.index)", normalized(expected[position]), normalized(actual[position]))
                else { return }
                resultCounts[kind(of: actual[position]), default: 0] += 1
            }
            guard same("applied index", model.appliedIndex, (try engine.appliedIndex())) else { return }
            lastBatch = batch
            if step % 8 == 0 || step == batches {
                try compareQueries(at: generator.now)
                if generator.chance(50) {
                    try compareQueries(
                        at: Timestamp(milliseconds: generator.now.milliseconds + Int64(generator.draw(1...300_000))))
                }
            }
        }
    }

    /// Every query, for every queue of both projects (and a project with no queues), with random parameters.
    mutating func compareQueries(at now: Timestamp) throws {
        for project in CommandGenerator.projects + ["p-none"] {
            guard failure == nil else { return }
            // A full walk through the pages.
            let limit = generator.draw(1...4)
            let detailed = generator.chance(50)
            var marker: String?
            for _ in 0...CommandGenerator.names.count + 1 {
                let expected = model.listQueues(
                    project: project, marker: marker, limit: limit, detailed: detailed, nameContains: nil,
                    metadataEquals: [])
                let actual = try engine.listQueues(project: project, marker: marker, limit: limit, detailed: detailed)
                guard same("listQueues(\(project), marker: \(marker ?? "nil"), limit: \(limit))", expected, actual)
                else { return }
                guard let last = expected.queues.last?.name else { break }
                marker = last
                queryCounts["queue pages", default: 0] += 1
            }
            // One page with filters (decision 5).
            let randomMarker: String? = generator.pick([nil, "", "q0", "q1", "q15", "r", "a"])
            let nameContains: String? = generator.pick([nil, "q", "1", "x"])
            let filters: [(key: String, value: String)] = generator.pick([
                [], [("_max_claim_count", "1")], [("_dead_letter_queue", "q1")], [("a", "1")], [("a", "x")],
                [("_default_message_ttl", "120"), ("a", "1")],
            ])
            let filterLimit = generator.draw(1...20)
            let expected = model.listQueues(
                project: project, marker: randomMarker, limit: filterLimit, detailed: detailed,
                nameContains: nameContains, metadataEquals: filters)
            let actual = try engine.listQueues(
                project: project, marker: randomMarker, limit: filterLimit, detailed: detailed,
                nameContains: nameContains, metadataEquals: filters)
            guard
                same(
                    "listQueues(\(project), marker: \(randomMarker ?? "nil"), name: \(nameContains ?? "nil"), "
                        + "filters: \(filters))", expected, actual)
            else { return }
        }
        for queue in CommandGenerator.queues + [CommandGenerator.neverCreated] {
            guard failure == nil else { return }
            try compareQueueQueries(queue, at: now)
        }
    }

    mutating func compareQueueQueries(_ queue: QueueRef, at now: Timestamp) throws {
        guard same("metadata(\(queue))", model.metadata(queue), try engine.metadata(queue)),
            same("storedMetadata(\(queue))", model.storedMetadata(queue), try engine.storedMetadata(queue)),
            same("queueExists(\(queue))", model.storedMetadata(queue) != nil, try engine.queueExists(queue)),
            same(
                "stats(\(queue)) at \(now.milliseconds)", model.stats(queue, at: now), try engine.stats(queue, at: now))
        else { return }

        // A full walk with everything included, then random flags, markers and clients.
        let walkLimit = generator.draw(1...5)
        var marker: String?
        var seen = 0
        repeat {
            let expected = model.listMessages(
                queue, at: now, marker: marker, limit: walkLimit, clientID: CommandGenerator.clients[0], echo: true,
                includeClaimed: true, includeDelayed: true)
            let actual = try engine.listMessages(
                queue, at: now, marker: marker, limit: walkLimit, clientID: CommandGenerator.clients[0], echo: true,
                includeClaimed: true, includeDelayed: true)
            guard
                same("listMessages(\(queue)) walk at \(now.milliseconds), marker \(marker ?? "nil")", expected, actual)
            else { return }
            seen += expected.messages.count
            marker = expected.nextMarker
            queryCounts[expected.messages.isEmpty ? "empty message pages" : "message pages", default: 0] += 1
        } while marker != nil && seen <= model.messages.count
        for _ in 0..<3 {
            let marker: String? = generator.pick([
                nil, nil, "0", "-1", "abc", "", "+3", "99999999999999999999", String(model.nextSeq),
                model.messages.isEmpty ? nil : String(generator.pick(model.messages).seq),
            ])
            let limit = generator.draw(1...20)
            let client = generator.pick(CommandGenerator.clients)
            let (echo, includeClaimed, includeDelayed) = (
                generator.chance(50), generator.chance(50), generator.chance(50)
            )
            let expected = model.listMessages(
                queue, at: now, marker: marker, limit: limit, clientID: client, echo: echo,
                includeClaimed: includeClaimed, includeDelayed: includeDelayed)
            let actual = try engine.listMessages(
                queue, at: now, marker: marker, limit: limit, clientID: client, echo: echo,
                includeClaimed: includeClaimed, includeDelayed: includeDelayed)
            guard
                same(
                    "listMessages(\(queue), at: \(now.milliseconds), marker: \(marker ?? "nil"), limit: \(limit), "
                        + "client: \(client), echo: \(echo), claimed: \(includeClaimed), delayed: \(includeDelayed))",
                    expected, actual)
            else { return }
        }

        for _ in 0..<3 {
            let id = generator.messageID(in: queue, model)
            let expected = model.messages(queue, ids: [id], at: now).first
            guard same("message(\(queue), \(id))", expected, try engine.message(queue, id: id, at: now)) else {
                return
            }
            queryCounts[expected == nil ? "message missing" : "message found", default: 0] += 1
        }
        var ids: [String] = []
        for _ in 0..<generator.draw(1...5) { ids.append(generator.messageID(in: queue, model)) }
        guard
            same(
                "messages(\(queue), ids: \(ids))", model.messages(queue, ids: ids, at: now),
                try engine.messages(queue, ids: ids, at: now))
        else { return }

        var claimIDs = model.claims.filter { $0.queue == queue }.map(\.id)
        claimIDs.append(generator.claimID(in: queue, model))
        claimIDs.append("123")
        for id in claimIDs {
            let expected = model.claim(queue, id: id, at: now)
            guard
                same(
                    "claim(\(queue), \(id)) at \(now.milliseconds)", expected, try engine.claim(queue, id: id, at: now))
            else { return }
            queryCounts[expected == nil ? "claim missing" : "claim found", default: 0] += 1
        }
    }
}

@Suite struct ModelPropertyTests {
    /// Goal: the SQLite engine implements the doc's semantics (§4–§8 with §12's decisions), as written out naively
    /// in ``QueueReferenceModel``. Method: 300 batches of 1 to 3 random commands (about 600) over 2 projects × 3
    /// queues, with time advancing by up to 200 s per command, duplicate deliveries and skipped log indexes; every
    /// result is compared, and every 8 batches every query answer (at the current time and a little later). The run must exercise every command kind, every result
    /// kind and the interesting paths (dead-letter moves, idempotent replays, lifetime extensions).
    @Test(arguments: 1...24)
    func engineMatchesModel(seed: Int) throws {
        var run = try PropertyRun(seed: UInt64(seed))
        try run.run(batches: 300)
        guard run.failure == nil else { return }
        let total = run.commandCounts.values.reduce(0, +)
        #expect(total >= 500, "seed \(seed): only \(total) commands")
        for kind in PropertyRun.commandKinds {
            #expect(run.commandCounts[kind, default: 0] > 0, "seed \(seed): no \(kind) command was generated")
        }
        for kind in PropertyRun.resultKinds {
            #expect(run.resultCounts[kind, default: 0] > 0, "seed \(seed): no result of kind \(kind)")
        }
        for mark in PropertyRun.modelMarks {
            #expect(run.model.marks[mark, default: 0] > 0, "seed \(seed): the run never reached \(mark)")
        }
        for query in ["queue pages", "message pages", "message found", "claim found", "claim missing"] {
            #expect(run.queryCounts[query, default: 0] > 0, "seed \(seed): no query answer of kind \(query)")
        }
    }
}
