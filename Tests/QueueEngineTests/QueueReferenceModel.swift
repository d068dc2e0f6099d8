import QueueModel

/// A deliberately naive, in-memory model of the queue engine (reference doc §4–§8 with the decisions of §12):
/// plain arrays and a dictionary, every rule written out longhand, no indexes and no cleverness. The property
/// tests run the same commands against it and against ``QueueEngine`` and compare every answer.
///
/// The model stores rows the way the engine does, expired ones included, because the housekeeping command
/// (`expire`) reports how many expired rows it removed; every read filters by time.
struct QueueReferenceModel {
    struct Queue {
        /// SQLite's rowid rule without AUTOINCREMENT: one more than the largest rowid in the table, or 1.
        var rowID: Int64
        var metadata: JSONObject
    }

    struct Message {
        /// The global posting sequence (also bumped by a dead-letter move): FIFO order and the listing marker.
        var seq: Int64
        var id: String
        var queue: QueueRef
        var created: Timestamp
        var expires: Timestamp
        var ttl: Int
        var delayUntil: Timestamp
        /// The claim the message was last taken by; it counts only while that claim exists and is unexpired.
        var claimID: String?
        var claimCount: Int
        var clientID: ClientID
        var body: String
        var checksum: String?
    }

    struct Claim {
        var id: String
        var queue: QueueRef
        var renewed: Timestamp
        var expires: Timestamp
        var ttl: Int
        var grace: Int
    }

    struct PostKey {
        var queue: QueueRef
        var key: String
        var expires: Timestamp
        var messageIDs: [String]
    }

    /// The doc's reserved keys and their displayed defaults, in the order §4.3 adds them.
    static let reservedDefaults: [(String, JSONValue)] = [
        ("_max_messages_post_size", .int(262_144)),
        ("_default_message_ttl", .int(3_600)),
        ("_default_message_delay", .int(0)),
        ("_dead_letter_queue", .null),
        ("_dead_letter_queue_messages_ttl", .null),
        ("_max_claim_count", .null),
        ("_enable_encrypt_messages", .bool(false)),
    ]

    private(set) var queues: [QueueRef: Queue] = [:]
    /// Every stored message, in ascending `seq` (appending keeps the order: a new seq is always the largest).
    private(set) var messages: [Message] = []
    private(set) var claims: [Claim] = []
    private(set) var postKeys: [PostKey] = []
    private(set) var nextSeq: Int64 = 1
    private(set) var appliedIndex: UInt64 = 0

    /// What the command generator draws ids from: every message and claim id ever handed out.
    private(set) var everyMessageID: [String] = []
    private(set) var everyClaimID: [String] = []
    /// Counts of interesting things that happened (dead-letter moves, lifetime extensions, ...), to prove that a
    /// run reached them.
    private(set) var marks: [String: Int] = [:]

    // MARK: Applying

    /// Applies the entry at `index` (nil envelope: an undecodable entry). Entries at or below the applied index are
    /// skipped with nil, as the engine does on replay. A refused command changes nothing but the applied index.
    mutating func apply(index: UInt64, _ envelope: CommandEnvelope?) -> CommandResult? {
        guard index > appliedIndex else { return nil }
        appliedIndex = index
        guard let envelope else { return .failed(.invalidCommand("undecodable")) }
        var attempt = self
        let result = attempt.perform(envelope.command, index: index, now: envelope.time)
        if case .failed = result { return result }
        self = attempt
        return result
    }

    /// Entries up to `index` carried nothing for the engine.
    mutating func skip(through index: UInt64) {
        appliedIndex = max(appliedIndex, index)
    }

    private mutating func mark(_ name: String) { marks[name, default: 0] += 1 }

    private func invalid(_ reason: String) -> CommandResult { .failed(.invalidCommand(reason)) }

    private mutating func perform(_ command: QueueCommand, index: UInt64, now: Timestamp) -> CommandResult {
        // §1.2: a bad queue name or project is refused before anything else, whatever the command.
        if let queue = command.queue, !Self.isValidQueue(queue) { return invalid("queue") }
        switch command {
        case .createQueue(let queue, let metadata):
            // §4.2: the body is validated first; only then does an existing queue answer 204 and keep its metadata.
            if let error = Self.validationError(metadata) { return .failed(.invalidMetadata(error)) }
            if queues[queue] != nil { return .queueCreated(false) }
            createQueue(queue, metadata: metadata)
            return .queueCreated(true)

        case .patchMetadata(let queue, let operations):
            guard var metadata = queues[queue]?.metadata else { return .failed(.queueNotFound(queue)) }
            for operation in operations {
                let isReserved = Self.reservedDefaults.contains { $0.0 == operation.key }
                switch operation.operation {
                case .add:
                    guard let value = operation.value else { return invalid("add without value") }
                    metadata[operation.key] = value
                case .replace:
                    guard let value = operation.value else { return invalid("replace without value") }
                    guard metadata.contains(operation.key) || isReserved else {
                        return .failed(.metadataConflict(operation: .replace, key: operation.key))
                    }
                    metadata[operation.key] = value
                case .remove:
                    if metadata.contains(operation.key) {
                        metadata[operation.key] = nil
                    } else if !isReserved {
                        return .failed(.metadataConflict(operation: .remove, key: operation.key))
                    }
                }
            }
            if let error = Self.validationError(metadata) { return .failed(.invalidMetadata(error)) }
            queues[queue]?.metadata = metadata
            return .metadata(Self.withDefaults(metadata))

        case .deleteQueue(let queue):
            guard queues[queue] != nil else { return .done }
            queues[queue] = nil
            messages.removeAll { $0.queue == queue }
            claims.removeAll { $0.queue == queue }
            postKeys.removeAll { $0.queue == queue }
            return .done

        case .purgeQueue(let queue, let purgeMessages, _):
            // Decision 9: every message goes, claimed and delayed ones too. Remembered post keys stay.
            guard purgeMessages, queues[queue] != nil else { return .done }
            messages.removeAll { $0.queue == queue }
            claims.removeAll { $0.queue == queue }
            return .done

        case .postMessages(let queue, let clientID, let newMessages, let key):
            guard !newMessages.isEmpty else { return invalid("no messages") }
            for message in newMessages {
                if let ttl = message.ttl, ttl < 60 || ttl > 1_209_600 { return invalid("ttl") }
                if let delay = message.delay, delay < 0 || delay > 900 { return invalid("delay") }
            }
            if queues[queue] == nil { createQueue(queue, metadata: JSONObject()) }
            if let key,
                let remembered = postKeys.first(where: { $0.queue == queue && $0.key == key && $0.expires > now })
            {
                mark("idempotent replay")
                return .posted(messageIDs: remembered.messageIDs)
            }
            let settings = settings(of: queue)
            var ids: [String] = []
            for (position, message) in newMessages.enumerated() {
                let ttl = message.ttl ?? settings.defaultTTL
                let delay = message.delay ?? settings.defaultDelay
                if message.delay == nil && delay > 0 { mark("queue default delay") }
                let id = EntityID.message(index: index, position: position)
                messages.append(
                    Message(
                        seq: nextSeq, id: id, queue: queue, created: now, expires: now.adding(seconds: ttl), ttl: ttl,
                        delayUntil: now.adding(seconds: delay), claimID: nil, claimCount: 0, clientID: clientID,
                        body: message.body, checksum: message.checksum))
                nextSeq += 1
                ids.append(id)
            }
            everyMessageID += ids
            if let key {
                postKeys.removeAll { $0.queue == queue && $0.key == key }
                postKeys.append(PostKey(queue: queue, key: key, expires: now.adding(seconds: 600), messageIDs: ids))
            }
            return .posted(messageIDs: ids)

        case .claimMessages(let queue, let limit, let ttl, let grace):
            guard (1...20).contains(limit) else { return invalid("limit") }
            guard (60...43_200).contains(ttl) else { return invalid("ttl") }
            guard (60...43_200).contains(grace) else { return invalid("grace") }
            guard queues[queue] != nil else { return .claimed(nil) }
            dropExpiredClaims(of: queue, now: now)
            let settings = settings(of: queue)
            let claimID = EntityID.claim(index: index)
            let claimExpires = now.adding(seconds: ttl)
            var views: [MessageView] = []
            for candidate in available(in: queue, now: now).prefix(limit) {
                guard let position = messages.firstIndex(where: { $0.id == candidate.id }) else { continue }
                if let maxClaims = settings.maxClaimCount, let deadLetterQueue = settings.deadLetterQueue,
                    candidate.claimCount >= maxClaims
                {
                    // §7.2 with decision 10: moved unclaimed, visible at once, to the end of the dead-letter queue.
                    var moved = messages.remove(at: position)
                    let target = QueueRef(project: queue.project, name: deadLetterQueue)
                    if queues[target] == nil { createQueue(target, metadata: JSONObject()) }
                    moved.queue = target
                    moved.seq = nextSeq
                    nextSeq += 1
                    moved.claimID = nil
                    moved.delayUntil = now
                    if let deadLetterTTL = settings.deadLetterTTL {
                        moved.ttl = deadLetterTTL
                        moved.expires = now.adding(seconds: deadLetterTTL)
                    }
                    messages.append(moved)
                    mark("dead-letter move")
                    if target == queue { mark("dead-letter move to itself") }
                    continue
                }
                var message = messages[position]
                message.claimID = claimID
                if settings.maxClaimCount != nil && settings.deadLetterQueue != nil { message.claimCount += 1 }
                if message.expires < claimExpires {
                    message.expires = claimExpires.adding(seconds: grace)
                    message.ttl = ttl + grace
                    mark("lifetime extension on claim")
                }
                messages[position] = message
                var view = Self.view(message, at: now)
                view.claimID = claimID
                views.append(view)
            }
            guard !views.isEmpty else { return .claimed(nil) }
            claims.append(Claim(id: claimID, queue: queue, renewed: now, expires: claimExpires, ttl: ttl, grace: grace))
            everyClaimID.append(claimID)
            return .claimed(ClaimView(id: claimID, queue: queue.name, age: 0, ttl: ttl, messages: views))

        case .renewClaim(let queue, let claimID, let ttl, let grace):
            guard (60...43_200).contains(ttl) else { return invalid("ttl") }
            guard grace >= 0 else { return invalid("grace") }
            guard queues[queue] != nil,
                let position = claims.firstIndex(where: { $0.id == claimID && $0.queue == queue && $0.expires > now })
            else { return .failed(.claimNotFound(queue, claimID: claimID)) }
            let claimExpires = now.adding(seconds: ttl)
            claims[position].renewed = now
            claims[position].expires = claimExpires
            claims[position].ttl = ttl
            claims[position].grace = grace
            for position in messages.indices where messages[position].claimID == claimID {
                if messages[position].expires < claimExpires {
                    messages[position].expires = claimExpires.adding(seconds: grace)
                    messages[position].ttl = ttl + grace
                    mark("lifetime extension on renew")
                }
            }
            return .done

        case .releaseClaim(let queue, let claimID):
            guard queues[queue] != nil, claims.contains(where: { $0.id == claimID && $0.queue == queue }) else {
                return .done
            }
            removeClaim(claimID)
            mark("release")
            return .done

        case .deleteMessage(let queue, let messageID, let claimID):
            // §5.5 in the reference's order (a claim id that is not a UUID first), with decision 15.
            guard queues[queue] != nil,
                let message = messages.first(where: { $0.id == messageID && $0.queue == queue && $0.expires > now })
            else { return .done }
            let activeClaim = activeClaimID(of: message, now: now)
            if let claimID {
                guard ClientID(parsing: claimID) != nil else { return .failed(.claimInvalid) }
                guard let activeClaim else { return .failed(.messageNotClaimed) }
                if claimID != activeClaim {
                    let exists = claims.contains { $0.id == claimID && $0.queue == queue && $0.expires > now }
                    return .failed(exists ? .messageClaimed : .claimInvalid)
                }
                mark("delete with claim")
            } else if activeClaim != nil {
                return .failed(.messageClaimed)
            }
            messages.removeAll { $0.id == messageID }
            return .done

        case .deleteMessages(let queue, let ids):
            guard (1...20).contains(ids.count) else { return invalid("ids") }
            guard queues[queue] != nil else { return .done }
            messages.removeAll { $0.queue == queue && ids.contains($0.id) }
            return .done

        case .popMessages(let queue, let count):
            guard (1...20).contains(count) else { return invalid("count") }
            guard queues[queue] != nil else { return .popped([]) }
            dropExpiredClaims(of: queue, now: now)
            let taken = Array(available(in: queue, now: now).prefix(count))
            messages.removeAll { message in taken.contains { $0.id == message.id } }
            return .popped(taken.map { Self.view($0, at: now) })

        case .expire(let limit):
            guard limit > 0 else { return invalid("limit") }
            let expiredMessages = messages.filter { $0.expires <= now }
                .sorted { ($0.expires.milliseconds, $0.seq) < ($1.expires.milliseconds, $1.seq) }
                .prefix(limit).map(\.id)
            messages.removeAll { expiredMessages.contains($0.id) }
            let expiredClaims = claims.filter { $0.expires <= now }
                .sorted { ($0.expires.milliseconds, $0.id) < ($1.expires.milliseconds, $1.id) }
                .prefix(limit).map(\.id)
            for claimID in expiredClaims { removeClaim(claimID) }
            let expiredKeys = postKeys.filter { $0.expires <= now }
                .sorted {
                    ($0.expires.milliseconds, queues[$0.queue]!.rowID, $0.key)
                        < ($1.expires.milliseconds, queues[$1.queue]!.rowID, $1.key)
                }
                .prefix(limit).map { ($0.queue, $0.key) }
            postKeys.removeAll { key in expiredKeys.contains { $0 == key.queue && $1 == key.key } }
            return .expired(removed: expiredMessages.count + expiredClaims.count + expiredKeys.count)
        }
    }

    private mutating func createQueue(_ queue: QueueRef, metadata: JSONObject) {
        let rowID = (queues.values.map(\.rowID).max() ?? 0) + 1
        queues[queue] = Queue(rowID: rowID, metadata: metadata)
    }

    /// Deletes a claim; its messages are free again (their claim count and lifetime extension stay).
    private mutating func removeClaim(_ claimID: String) {
        claims.removeAll { $0.id == claimID }
        for position in messages.indices where messages[position].claimID == claimID {
            messages[position].claimID = nil
        }
    }

    /// Claims whose time is up disappear before a claim or a pop looks for messages.
    private mutating func dropExpiredClaims(of queue: QueueRef, now: Timestamp) {
        for claim in claims where claim.queue == queue && claim.expires <= now { removeClaim(claim.id) }
    }

    /// What a claim or pop may take, in FIFO order: unexpired, not under an active claim, not delayed.
    private func available(in queue: QueueRef, now: Timestamp) -> [Message] {
        messages.filter {
            $0.queue == queue && $0.expires > now && activeClaimID(of: $0, now: now) == nil && $0.delayUntil <= now
        }
    }

    /// The message's claim if that claim exists and has not expired.
    private func activeClaimID(of message: Message, now: Timestamp) -> String? {
        guard let claimID = message.claimID,
            claims.contains(where: { $0.id == claimID && $0.expires > now })
        else { return nil }
        return claimID
    }

    // MARK: Metadata rules (§4.3, §7)

    struct Settings {
        var defaultTTL: Int
        var defaultDelay: Int
        var maxClaimCount: Int?
        var deadLetterQueue: String?
        var deadLetterTTL: Int?
    }

    /// Python's `isinstance(v, int)`: booleans are integers.
    static func pythonInt(_ value: JSONValue) -> Int? {
        switch value {
        case .int(let number): return Int(number)
        case .bool(let flag): return flag ? 1 : 0
        default: return nil
        }
    }

    static func isTruthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        case .int(let number): return number != 0
        case .double(let number): return number != 0
        case .string(let text): return !text.isEmpty
        case .array(let items): return !items.isEmpty
        case .object(let object): return !object.isEmpty
        }
    }

    func settings(of queue: QueueRef) -> Settings {
        let stored = queues[queue]?.metadata ?? JSONObject()
        func truthyInt(_ key: String) -> Int? {
            guard let value = stored[key], Self.isTruthy(value) else { return nil }
            return Self.pythonInt(value)
        }
        var maxClaimCount: Int?
        if let value = stored["_max_claim_count"] { maxClaimCount = Self.pythonInt(value) }
        var deadLetterQueue: String?
        if case .string(let name)? = stored["_dead_letter_queue"], Self.isValidName(name) { deadLetterQueue = name }
        return Settings(
            defaultTTL: truthyInt("_default_message_ttl") ?? 3_600,
            defaultDelay: truthyInt("_default_message_delay") ?? 0,
            maxClaimCount: maxClaimCount, deadLetterQueue: deadLetterQueue,
            deadLetterTTL: truthyInt("_dead_letter_queue_messages_ttl"))
    }

    /// §4.3: stored keys first; each reserved key that is absent or falsy shows its default (in place if stored).
    static func withDefaults(_ stored: JSONObject) -> JSONObject {
        var shown = stored
        for (key, value) in reservedDefaults where !(stored[key].map(isTruthy) ?? false) {
            shown[key] = value
        }
        return shown
    }

    /// §7, the reference's checks in Python terms: a truthy non-integer fails the type check; then any non-null
    /// value must be an integer in range. The doc does not say which key is checked first when several are bad;
    /// this follows zaqar 15.0.0's order (`queue_metadata_putting`), as the engine does.
    static func validationError(_ metadata: JSONObject) -> String? {
        let integerKeys: [(String, ClosedRange<Int>?, String)] = [
            (
                "_default_message_ttl", 60...1_209_600,
                "_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."
            ),
            (
                "_max_messages_post_size", 1...262_144,
                "_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."
            ),
            ("_max_claim_count", nil, ""),
            (
                "_dead_letter_queue_messages_ttl", 60...1_209_600,
                "The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."
            ),
            (
                "_default_message_delay", 0...900,
                "The TTL can not exceed 900 seconds, and must be at least 0 seconds long."
            ),
        ]
        for (key, range, rangeMessage) in integerKeys {
            guard let value = metadata[key], value != .null else { continue }
            let number = pythonInt(value)
            if isTruthy(value) && number == nil { return "\(key) must be integer." }
            guard let range else { continue }
            if let number {
                if !range.contains(number) { return rangeMessage }
            } else if value == .double(0) {
                return rangeMessage
            } else {
                return "\(key) must be integer."
            }
        }
        if let value = metadata["_enable_encrypt_messages"], isTruthy(value) {
            if case .bool = value {} else { return "_enable_encrypt_messages must be boolean." }
        }
        return nil
    }

    static func isValidName(_ name: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")
        return !name.isEmpty && name.count <= 64 && name.allSatisfy { allowed.contains($0) }
    }

    static func isValidQueue(_ queue: QueueRef) -> Bool {
        isValidName(queue.name) && !queue.project.isEmpty && queue.project.utf8.count <= 256
    }

    // MARK: Queries

    static func wholeSeconds(_ now: Timestamp, since earlier: Timestamp) -> Int {
        Int(max(0, now.milliseconds - earlier.milliseconds) / 1_000)
    }

    static func view(_ message: Message, at now: Timestamp) -> MessageView {
        MessageView(
            id: message.id, queue: message.queue.name, ttl: message.ttl, age: wholeSeconds(now, since: message.created),
            body: message.body, checksum: message.checksum, claimID: nil, claimCount: message.claimCount)
    }

    /// A message as a read shows it: the claim id only while that claim is active.
    func readView(_ message: Message, at now: Timestamp) -> MessageView {
        var view = Self.view(message, at: now)
        view.claimID = activeClaimID(of: message, now: now)
        return view
    }

    private func live(in queue: QueueRef, at now: Timestamp) -> [Message] {
        messages.filter { $0.queue == queue && $0.expires > now }
    }

    func listQueues(
        project: String, marker: String?, limit: Int, detailed: Bool, nameContains: String?,
        metadataEquals: [(key: String, value: String)]
    ) -> QueuePage {
        let names = queues.keys.filter { $0.project == project }.map(\.name)
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var page: [QueueSummary] = []
        for name in names where page.count < limit {
            if let marker, !Array(marker.utf8).lexicographicallyPrecedes(Array(name.utf8)) { continue }
            if let nameContains, !name.contains(nameContains) { continue }
            let metadata = queues[QueueRef(project: project, name: name)]!.metadata
            let matches = metadataEquals.allSatisfy { filter in
                guard let value = metadata[filter.key] else { return false }
                if let number = Int64(filter.value) { return value == .int(number) }
                return value == .string(filter.value)
            }
            guard matches else { continue }
            page.append(QueueSummary(name: name, metadata: detailed ? Self.withDefaults(metadata) : nil))
        }
        return QueuePage(queues: page, total: names.count)
    }

    func metadata(_ queue: QueueRef) -> JSONObject { Self.withDefaults(queues[queue]?.metadata ?? JSONObject()) }

    func storedMetadata(_ queue: QueueRef) -> JSONObject? { queues[queue]?.metadata }

    func stats(_ queue: QueueRef, at now: Timestamp) -> QueueStats {
        let live = live(in: queue, at: now)
        func summary(_ message: Message?) -> MessageSummary? {
            message.map {
                MessageSummary(id: $0.id, age: Self.wholeSeconds(now, since: $0.created), created: $0.created)
            }
        }
        return QueueStats(
            total: live.count, claimed: live.filter { activeClaimID(of: $0, now: now) != nil }.count,
            oldest: summary(live.first), newest: summary(live.last))
    }

    func listMessages(
        _ queue: QueueRef, at now: Timestamp, marker: String?, limit: Int, clientID: ClientID, echo: Bool,
        includeClaimed: Bool, includeDelayed: Bool
    ) -> MessagePage {
        var after: Int64 = 0
        if let marker {
            // Decision 3: a marker that is not a decimal sequence number gives an empty page.
            guard let parsed = Int64(marker), parsed >= 0 else { return MessagePage(messages: [], nextMarker: nil) }
            after = parsed
        }
        let page = live(in: queue, at: now).filter { message in
            message.seq > after && (includeClaimed || activeClaimID(of: message, now: now) == nil)
                && (includeDelayed || message.delayUntil <= now) && (echo || message.clientID != clientID)
        }.prefix(limit)
        return MessagePage(messages: page.map { readView($0, at: now) }, nextMarker: page.last.map { String($0.seq) })
    }

    func messages(_ queue: QueueRef, ids: [String], at now: Timestamp) -> [MessageView] {
        var found: [MessageView] = []
        for (position, id) in ids.enumerated() where !ids[..<position].contains(id) {
            if let message = live(in: queue, at: now).first(where: { $0.id == id }) {
                found.append(readView(message, at: now))
            }
        }
        return found
    }

    func claim(_ queue: QueueRef, id: String, at now: Timestamp) -> ClaimView? {
        guard let claim = claims.first(where: { $0.id == id && $0.queue == queue && $0.expires > now }) else {
            return nil
        }
        return ClaimView(
            id: id, queue: queue.name, age: Self.wholeSeconds(now, since: claim.renewed), ttl: claim.ttl,
            messages: live(in: queue, at: now).filter { $0.claimID == id }.map { readView($0, at: now) })
    }
}
