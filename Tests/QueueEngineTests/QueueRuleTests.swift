// One test per rule of Zaqar v2 queue semantics (reference doc §4, §7 and §8.7, with Flotilla's decisions of §12),
// driven through the engine's public command and query API at explicit times.
import QueueEngine
import QueueModel
import Testing

private let q = QueueRef(project: "p", name: "q")

/// The seven reserved keys in the order reads add them (§4.3).
private let reservedOrder = [
    "_max_messages_post_size", "_default_message_ttl", "_default_message_delay", "_dead_letter_queue",
    "_dead_letter_queue_messages_ttl", "_max_claim_count", "_enable_encrypt_messages",
]

@Suite("Queue rules")
struct QueueRuleTests {
    // MARK: §4 Lazy queues

    /// Rule §4 / §8.7 lazy queues: "Getting a queue that does not exist returns the defaults… Stats of a missing
    /// queue are zeros; listing its messages is an empty list; deleting it is a 204." Claim, list, get, delete, pop,
    /// stats and purge "do not create it, and do not fail for a missing queue".
    ///
    /// Goal: every read and every non-creating command treats a missing queue as an empty one and leaves it
    /// missing. Method: query a fresh engine, apply each non-creating command, and check the answers and that the
    /// state is unchanged.
    @Test func missingQueueReadsAsEmptyAndIsNotCreated() throws {
        var fixture = try EngineFixture()
        let before = try fixture.dump()
        #expect(try fixture.engine.metadata(q).keys == reservedOrder)
        #expect(try fixture.engine.storedMetadata(q) == nil)
        let stats = try fixture.engine.stats(q, at: second(0))
        #expect(stats.total == 0 && stats.claimed == 0 && stats.oldest == nil && stats.newest == nil)
        #expect(try fixture.list(q) == MessagePage(messages: [], nextMarker: nil))
        #expect(try fixture.engine.message(q, id: EntityID.message(index: 1, position: 0), at: second(0)) == nil)
        #expect(try fixture.engine.claim(q, id: EntityID.claim(index: 1), at: second(0)) == nil)

        #expect(try fixture.apply(.deleteQueue(q)) == .done)
        #expect(try fixture.apply(.purgeQueue(q, messages: true, subscriptions: true)) == .done)
        #expect(try fixture.apply(.claimMessages(q, limit: 10, ttl: 300, grace: 60)) == .claimed(nil))
        #expect(try fixture.apply(.popMessages(q, count: 5)) == .popped([]))
        #expect(try fixture.apply(.deleteMessage(q, messageID: "x", claimID: nil)) == .done)
        #expect(try fixture.apply(.deleteMessages(q, ids: ["x"])) == .done)
        #expect(try fixture.apply(.releaseClaim(q, claimID: "x")) == .done)
        #expect(try fixture.engine.queueExists(q) == false)
        #expect(try fixture.engine.listQueues(project: "p", marker: nil, limit: 10, detailed: false).total == 0)
        #expect(try fixture.dump() == before)
    }

    /// Rule §4 / §8.7 lazy creation: "Posting messages to a queue … creates it silently."
    ///
    /// Goal: a post to a missing queue creates it with no stored metadata. Method: post, then read the queue back.
    @Test func postCreatesTheQueueWithEmptyMetadata() throws {
        var fixture = try EngineFixture()
        try fixture.post(q, count: 1)
        #expect(try fixture.engine.queueExists(q))
        #expect(try fixture.engine.storedMetadata(q) == JSONObject())
        #expect(
            try fixture.engine.listQueues(project: "p", marker: nil, limit: 10, detailed: false).queues.map(\.name)
                == ["q"])
    }

    // MARK: §4.2 Create

    /// Rule §4.2 create: "201 if the queue was created, 204 if it already existed."
    ///
    /// Goal: the result tells a new queue from an existing one. Method: create the same queue twice, and once
    /// after a post created it lazily.
    @Test func createReportsCreatedThenExisting() throws {
        var fixture = try EngineFixture()
        #expect(try fixture.apply(.createQueue(q, metadata: JSONObject())) == .queueCreated(true))
        #expect(try fixture.apply(.createQueue(q, metadata: JSONObject())) == .queueCreated(false))
        let lazy = QueueRef(project: "p", name: "lazy")
        try fixture.post(lazy, count: 1)
        #expect(try fixture.apply(.createQueue(lazy, metadata: JSONObject())) == .queueCreated(false))
    }

    /// Rule §4.2 / decision 6: "When the queue already exists, the new metadata is ignored; the stored metadata is
    /// unchanged."
    ///
    /// Goal: a second create cannot change metadata. Method: create with `{a: 1}`, create again with other keys
    /// (reserved ones included), and compare the stored metadata.
    @Test func createOfAnExistingQueueKeepsItsMetadata() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, meta(("a", .int(1))))
        let before = try fixture.dump()
        let again = try fixture.apply(
            .createQueue(q, metadata: meta(("b", .int(2)), ("_default_message_ttl", .int(120)))))
        #expect(again == .queueCreated(false))
        #expect(try fixture.engine.storedMetadata(q) == meta(("a", .int(1))))
        #expect(try fixture.dump() == before)
    }

    /// Rule §4.2 step 3 / §7: "The reserved keys are validated (section 7); a failure is 400."
    ///
    /// Goal: invalid reserved metadata refuses the create and creates nothing. Method: create with each reserved
    /// value out of type or range and compare the error text with the reference's.
    @Test func createValidatesReservedMetadata() throws {
        var fixture = try EngineFixture()
        let cases: [(JSONObject, String)] = [
            (
                meta(("_default_message_ttl", .int(59))),
                "_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."
            ),
            (meta(("_default_message_ttl", .string("60"))), "_default_message_ttl must be integer."),
            (
                meta(("_default_message_ttl", .int(0))),
                "_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."
            ),
            (
                meta(("_max_messages_post_size", .int(262_145))),
                "_max_messages_post_size can not exceed 262144,  and must be at least greater than 0."
            ),
            (
                meta(("_default_message_delay", .int(901))),
                "The TTL can not exceed 900 seconds, and must be at least 0 seconds long."
            ),
            (meta(("_max_claim_count", .string("2"))), "_max_claim_count must be integer."),
            (
                meta(("_dead_letter_queue_messages_ttl", .int(1_209_601))),
                "The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long."
            ),
            (meta(("_enable_encrypt_messages", .int(1))), "_enable_encrypt_messages must be boolean."),
        ]
        for (metadata, text) in cases {
            let error = try fixture.expectRejected(.createQueue(q, metadata: metadata))
            #expect(error == .invalidMetadata(text), "\(metadata)")
            #expect(try fixture.engine.queueExists(q) == false)
        }
        // The bounds themselves are valid.
        try fixture.create(
            q,
            meta(
                ("_default_message_ttl", .int(60)), ("_max_messages_post_size", .int(262_144)),
                ("_default_message_delay", .int(900)), ("_dead_letter_queue_messages_ttl", .int(1_209_600)),
                ("_max_claim_count", .int(0)), ("_enable_encrypt_messages", .bool(true))))
    }

    /// Rule §4.2 check order: the reserved keys are validated (step 3) before the queue is created or found to
    /// exist; only a valid request gets the 201 or 204.
    ///
    /// Goal: a create with invalid reserved metadata is refused even when the queue already exists. Method: create
    /// a queue, then create it again with `_default_message_ttl: 59`.
    @Test func createValidatesBeforeReportingAnExistingQueue() throws {
        var fixture = try EngineFixture()
        try fixture.create(q)
        let error = try fixture.expectRejected(.createQueue(q, metadata: meta(("_default_message_ttl", .int(59)))))
        #expect(
            error
                == .invalidMetadata(
                    "_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."))
    }

    // MARK: §4.3 Metadata defaults

    /// Rule §4.3 metadata defaults: "The body is the stored metadata object. Then, for each reserved key that is
    /// absent or falsy in storage, the default is added in this order … The stored keys come first, in stored
    /// order."
    ///
    /// Goal: reads show stored keys first, then the missing reserved defaults in the reference's order and values.
    /// Method: create with `{a: 1, _default_message_ttl: 120}` and read the metadata of it and of a missing queue.
    @Test func metadataShowsStoredKeysThenReservedDefaults() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, meta(("a", .int(1)), ("_default_message_ttl", .int(120))))
        let expected = meta(
            ("a", .int(1)), ("_default_message_ttl", .int(120)), ("_max_messages_post_size", .int(262_144)),
            ("_default_message_delay", .int(0)), ("_dead_letter_queue", .null),
            ("_dead_letter_queue_messages_ttl", .null), ("_max_claim_count", .null),
            ("_enable_encrypt_messages", .bool(false)))
        #expect(try fixture.engine.metadata(q) == expected)
        let missing = QueueRef(project: "p", name: "missing")
        #expect(
            try fixture.engine.metadata(missing)
                == meta(
                    ("_max_messages_post_size", .int(262_144)), ("_default_message_ttl", .int(3_600)),
                    ("_default_message_delay", .int(0)), ("_dead_letter_queue", .null),
                    ("_dead_letter_queue_messages_ttl", .null), ("_max_claim_count", .null),
                    ("_enable_encrypt_messages", .bool(false))))
    }

    /// Rule §4.3 falsy values: "Because of the 'falsy' rule, a stored `_max_claim_count: 0` is shown as `null`."
    ///
    /// Goal: a stored falsy reserved value reads as its default, in its stored position, while the stored value is
    /// kept. Method: store `_max_claim_count: 0` and `_dead_letter_queue: ""` and read both forms.
    @Test func falsyReservedValuesReadAsDefaults() throws {
        var fixture = try EngineFixture()
        let stored = meta(("_max_claim_count", .int(0)), ("_dead_letter_queue", .string("")), ("z", .int(0)))
        try fixture.create(q, stored)
        let shown = try fixture.engine.metadata(q)
        #expect(shown.keys.prefix(3) == ["_max_claim_count", "_dead_letter_queue", "z"])
        #expect(shown["_max_claim_count"] == .null)
        #expect(shown["_dead_letter_queue"] == .null)
        #expect(shown["z"] == .int(0))
        #expect(try fixture.engine.storedMetadata(q) == stored)
    }

    // MARK: §4.4 Patch

    /// Rule §4.4 step 7 `add`: "set `k` to the value (insert or overwrite)"; the response is the full metadata
    /// with defaults filled in.
    ///
    /// Goal: add inserts new keys at the end and overwrites existing ones in place. Method: patch a queue holding
    /// `{a, b}` with add b and add c, and check the result and the stored metadata.
    @Test func patchAddInsertsOrOverwrites() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, meta(("a", .int(1)), ("b", .int(2))))
        let result = try fixture.apply(
            .patchMetadata(
                q,
                operations: [
                    MetadataPatch(.add, key: "b", value: .string("two")),
                    MetadataPatch(.add, key: "c", value: .array([.int(3)])),
                ]))
        let stored = meta(("a", .int(1)), ("b", .string("two")), ("c", .array([.int(3)])))
        #expect(result == .metadata(QueueMetadata.withDefaults(stored)))
        #expect(try fixture.engine.storedMetadata(q) == stored)
    }

    /// Rule §4.4 step 7 `replace`: "if `k` is in the stored metadata or is one of the 7 reserved keys, set it.
    /// Otherwise 409 … `Can't replace non-existent object k.`"
    ///
    /// Goal: replace works on stored keys and on unstored reserved keys, and conflicts on any other key without
    /// changing anything. Method: three patches on a queue holding `{a: 1}`.
    @Test func patchReplaceNeedsAStoredOrReservedKey() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, meta(("a", .int(1))))
        _ = try fixture.apply(.patchMetadata(q, operations: [MetadataPatch(.replace, key: "a", value: .int(5))]))
        _ = try fixture.apply(
            .patchMetadata(q, operations: [MetadataPatch(.replace, key: "_default_message_ttl", value: .int(120))]))
        #expect(try fixture.engine.storedMetadata(q) == meta(("a", .int(5)), ("_default_message_ttl", .int(120))))
        let error = try fixture.expectRejected(
            .patchMetadata(q, operations: [MetadataPatch(.replace, key: "nope", value: .int(1))]))
        #expect(error == .metadataConflict(operation: .replace, key: "nope"))
    }

    /// Rule §4.4 step 7 `remove`: "if `k` is stored, delete it. If it is a reserved key that is not stored, do
    /// nothing and succeed. Otherwise 409 … `Can't remove non-existent object k.`"
    ///
    /// Goal: zaqarclient's removes of unstored reserved keys succeed silently; other unknown keys conflict. Method:
    /// remove a stored key, remove two unstored reserved keys, then remove an unknown key.
    @Test func patchRemoveOfAnUnstoredReservedKeySucceeds() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, meta(("a", .int(1)), ("b", .int(2))))
        let result = try fixture.apply(
            .patchMetadata(
                q,
                operations: [
                    MetadataPatch(.remove, key: "a"), MetadataPatch(.remove, key: "_max_messages_post_size"),
                    MetadataPatch(.remove, key: "_enable_encrypt_messages"),
                ]))
        #expect(result == .metadata(QueueMetadata.withDefaults(meta(("b", .int(2))))))
        #expect(try fixture.engine.storedMetadata(q) == meta(("b", .int(2))))
        let error = try fixture.expectRejected(.patchMetadata(q, operations: [MetadataPatch(.remove, key: "a")]))
        #expect(error == .metadataConflict(operation: .remove, key: "a"))
    }

    /// Rule §4.4 step 7 "Apply the operations in order", and any failure aborts the whole patch.
    ///
    /// Goal: later operations see earlier ones, and a conflict after successful operations stores none of them.
    /// Method: add then replace then remove one key; then a patch whose second operation conflicts.
    @Test func patchAppliesOperationsInOrderAndAtomically() throws {
        var fixture = try EngineFixture()
        try fixture.create(q)
        _ = try fixture.apply(
            .patchMetadata(
                q,
                operations: [
                    MetadataPatch(.add, key: "x", value: .int(1)), MetadataPatch(.replace, key: "x", value: .int(2)),
                    MetadataPatch(.add, key: "y", value: .int(3)), MetadataPatch(.remove, key: "y"),
                ]))
        #expect(try fixture.engine.storedMetadata(q) == meta(("x", .int(2))))
        let error = try fixture.expectRejected(
            .patchMetadata(
                q, operations: [MetadataPatch(.add, key: "z", value: .int(9)), MetadataPatch(.remove, key: "nope")]))
        #expect(error == .metadataConflict(operation: .remove, key: "nope"))
        #expect(try fixture.engine.storedMetadata(q) == meta(("x", .int(2))))
    }

    /// Rule §4.4 step 6: "A missing queue gives 404 with `Queue {q} does not exist for project {p}`" (the only 404
    /// for a missing queue, §4).
    ///
    /// Goal: patching a missing queue is refused and does not create it. Method: patch with an add on a fresh
    /// engine.
    @Test func patchOfAMissingQueueIsNotFound() throws {
        var fixture = try EngineFixture()
        let error = try fixture.expectRejected(
            .patchMetadata(q, operations: [MetadataPatch(.add, key: "a", value: .int(1))]))
        #expect(error == .queueNotFound(q))
        #expect(try fixture.engine.queueExists(q) == false)
    }

    /// Rule §4.4 step 8: "Validate the resulting reserved values (section 7)" — after all operations, not per
    /// operation.
    ///
    /// Goal: a patch leaving an invalid reserved value is refused with nothing stored, while an invalid value that
    /// a later operation fixes is accepted. Method: two patches on `_default_message_ttl`.
    @Test func patchValidatesTheResultingMetadata() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, meta(("a", .int(1))))
        let error = try fixture.expectRejected(
            .patchMetadata(
                q,
                operations: [
                    MetadataPatch(.add, key: "b", value: .int(2)),
                    MetadataPatch(.add, key: "_default_message_ttl", value: .int(30)),
                ]))
        #expect(
            error
                == .invalidMetadata(
                    "_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long."))
        let fixed = try fixture.apply(
            .patchMetadata(
                q,
                operations: [
                    MetadataPatch(.add, key: "_default_message_ttl", value: .int(30)),
                    MetadataPatch(.replace, key: "_default_message_ttl", value: .int(90)),
                ]))
        #expect(
            fixed == .metadata(QueueMetadata.withDefaults(meta(("a", .int(1)), ("_default_message_ttl", .int(90))))))
    }

    /// Rule §4.4: "`[]` is a valid no-op that returns 200" with the full metadata.
    ///
    /// Goal: an empty patch returns the metadata with defaults and changes nothing. Method: patch with no
    /// operations and compare the dump.
    @Test func emptyPatchIsANoOp() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, meta(("a", .int(1))))
        let before = try fixture.dump()
        #expect(try fixture.apply(.patchMetadata(q, operations: [])) == .metadata(try fixture.engine.metadata(q)))
        #expect(try fixture.dump() == before)
    }

    // MARK: §4.5 Delete and §4.7 purge

    /// Rule §4.5 delete: "Always 204, including for a queue that does not exist … All of the queue's messages and
    /// claims are deleted."
    ///
    /// Goal: after a delete, nothing of the queue survives, even when a queue of the same name is created again.
    /// Method: post, claim, delete the queue, recreate it, and look for the old messages and claim.
    @Test func deleteRemovesTheQueueWithItsMessagesAndClaims() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, meta(("a", .int(1))))
        let ids = try fixture.post(q, count: 3)
        let claim = try #require(try fixture.claim(q, limit: 1))
        #expect(try fixture.apply(.deleteQueue(q), at: second(1)) == .done)
        #expect(try fixture.engine.queueExists(q) == false)
        #expect(try fixture.rowCount("messages") == 0)
        #expect(try fixture.rowCount("claims") == 0)

        try fixture.create(q, at: second(2))
        #expect(try fixture.engine.storedMetadata(q) == JSONObject())
        #expect(try fixture.engine.messages(q, ids: ids, at: second(2)).isEmpty)
        #expect(try fixture.engine.claim(q, id: claim.id, at: second(2)) == nil)
        #expect(try fixture.engine.stats(q, at: second(2)).total == 0)
        #expect(try fixture.apply(.deleteQueue(q), at: second(3)) == .done)
        #expect(try fixture.apply(.deleteQueue(q), at: second(3)) == .done)
    }

    /// Rule §4.7 purge with decision 9: "Purge every message" — claimed and delayed ones too, unlike the reference.
    ///
    /// Goal: a message purge leaves the queue and its metadata but no message or claim. Method: post a free, a
    /// claimed and a delayed message, purge messages, and read everything back.
    @Test func purgeRemovesEveryMessageIncludingClaimedAndDelayed() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, meta(("a", .int(1))))
        let claimedID = try fixture.post(q, count: 1)
        let claim = try #require(try fixture.claim(q, limit: 1))
        let freeID = try fixture.post(q, count: 1)
        let delayedID = try fixture.post(q, [msg(delay: 600)])
        #expect(try fixture.apply(.purgeQueue(q, messages: true, subscriptions: false), at: second(1)) == .done)
        #expect(try fixture.engine.messages(q, ids: claimedID + freeID + delayedID, at: second(1)).isEmpty)
        #expect(try fixture.engine.claim(q, id: claim.id, at: second(1)) == nil)
        #expect(try fixture.engine.stats(q, at: second(1)).total == 0)
        #expect(try fixture.rowCount("messages") == 0)
        #expect(try fixture.engine.storedMetadata(q) == meta(("a", .int(1))))
        // Nothing delayed comes back when its delay would have ended.
        #expect(try fixture.allIDs(q, at: second(700)).isEmpty)
    }

    /// Rule §4.7 resource types: `resource_types` selects what is purged; `["subscriptions"]` leaves messages.
    ///
    /// Goal: a purge of subscriptions only keeps every message and claim. Method: purge with `messages: false` and
    /// compare the dump.
    @Test func purgeOfSubscriptionsOnlyKeepsMessages() throws {
        var fixture = try EngineFixture()
        try fixture.post(q, count: 2)
        _ = try fixture.claim(q, limit: 1)
        let before = try fixture.dump()
        #expect(try fixture.apply(.purgeQueue(q, messages: false, subscriptions: true)) == .done)
        #expect(try fixture.dump() == before)
    }

    // MARK: §4.1 Listing

    /// Rule §4.1 sort order: "ascending by name (byte order) within the project"; names compare byte-wise (§15.14).
    ///
    /// Goal: the listing orders names by their bytes, so `-` < `.` < digits < upper case < `_` < lower case.
    /// Method: create queues in scrambled order and list them.
    @Test func listQueuesInByteOrder() throws {
        var fixture = try EngineFixture()
        for name in ["b", "a.b", "B", "_z", "a", "0", ".y", "-x", "Z9", "a-"] {
            try fixture.create(QueueRef(project: "p", name: name))
        }
        let page = try fixture.engine.listQueues(project: "p", marker: nil, limit: 20, detailed: false)
        #expect(page.queues.map(\.name) == ["-x", ".y", "0", "B", "Z9", "_z", "a", "a-", "a.b", "b"])
    }

    /// Rule §4.1 paging: "the page holds the queues whose name is strictly greater than `marker`" (the `>` rule,
    /// also for markers that name no queue).
    ///
    /// Goal: the marker itself is excluded, an unknown marker starts after its position, and a marker past the end
    /// gives an empty page. Method: list queues a, b, c, d with several markers.
    @Test func listQueuesStartsStrictlyAfterTheMarker() throws {
        var fixture = try EngineFixture()
        for name in ["a", "b", "c", "d"] { try fixture.create(QueueRef(project: "p", name: name)) }
        func names(after marker: String) throws -> [String] {
            try fixture.engine.listQueues(project: "p", marker: marker, limit: 20, detailed: false).queues.map(\.name)
        }
        #expect(try names(after: "b") == ["c", "d"])
        #expect(try names(after: "bb") == ["c", "d"])
        #expect(try names(after: "A") == ["a", "b", "c", "d"])
        #expect(try names(after: "d") == [])
        #expect(try names(after: "z") == [])
    }

    /// Rule §4.1 `limit`: a page holds at most `limit` queues, and following the last name as marker visits every
    /// queue once, then an empty page.
    ///
    /// Goal: paging with limit 2 walks five queues in order. Method: list page by page.
    @Test func listQueuesHonoursTheLimitAcrossPages() throws {
        var fixture = try EngineFixture()
        let all = ["q1", "q2", "q3", "q4", "q5"]
        for name in all.reversed() { try fixture.create(QueueRef(project: "p", name: name)) }
        var seen: [String] = []
        var marker: String?
        var pages = 0
        while true {
            let page = try fixture.engine.listQueues(project: "p", marker: marker, limit: 2, detailed: false)
            #expect(page.queues.count <= 2)
            guard let last = page.queues.last else { break }
            seen += page.queues.map(\.name)
            marker = last.name
            pages += 1
            if pages > 10 { break }
        }
        #expect(seen == all)
        #expect(pages == 3)
    }

    /// Rule §4.1 `detailed`: "With `detailed=true` each item is `{name, metadata, href}`. The metadata has the
    /// reserved defaults filled in, as in 4.3."
    ///
    /// Goal: detailed listings carry metadata with defaults; plain ones carry none. Method: list one queue both
    /// ways.
    @Test func detailedListingShowsMetadataWithDefaults() throws {
        var fixture = try EngineFixture()
        try fixture.create(q, meta(("a", .int(1)), ("_max_claim_count", .int(0))))
        let detailed = try fixture.engine.listQueues(project: "p", marker: nil, limit: 10, detailed: true)
        #expect(detailed.queues == [QueueSummary(name: "q", metadata: try fixture.engine.metadata(q))])
        #expect(detailed.queues.first?.metadata?["_max_claim_count"] == .null)
        #expect(detailed.queues.first?.metadata?["_default_message_ttl"] == .int(3_600))
        let plain = try fixture.engine.listQueues(project: "p", marker: nil, limit: 10, detailed: false)
        #expect(plain.queues == [QueueSummary(name: "q", metadata: nil)])
    }

    /// Rule §4.1 with decision 5, name filter: "`name` (substring match)", MongoDB's filter.
    ///
    /// Goal: only names containing the filter are listed, with marker and limit applying to the filtered list.
    /// Method: list alpha, alphabet, beta, gamma, ralph with `nameContains: "alph"`.
    @Test func nameFilterMatchesSubstrings() throws {
        var fixture = try EngineFixture()
        for name in ["gamma", "alphabet", "beta", "ralph", "alpha"] {
            try fixture.create(QueueRef(project: "p", name: name))
        }
        func names(_ filter: String, marker: String? = nil, limit: Int = 20) throws -> [String] {
            try fixture.engine.listQueues(
                project: "p", marker: marker, limit: limit, detailed: false, nameContains: filter
            ).queues.map(\.name)
        }
        #expect(try names("alph") == ["alpha", "alphabet", "ralph"])
        #expect(try names("alph", limit: 1) == ["alpha"])
        #expect(try names("alph", marker: "alpha", limit: 1) == ["alphabet"])
        #expect(try names("et") == ["alphabet", "beta"])
        #expect(try names("zzz") == [])
    }

    /// Rule §4.1 with decision 5, metadata filters: "extra parameters (metadata equality, with integer-looking
    /// values compared as integers)".
    ///
    /// Goal: a filter value that reads as an integer matches only an integer value; other values match strings;
    /// several filters must all match; a queue without the key never matches. Method: four queues with `n` as
    /// integer 5, string "5", string "x", and absent.
    @Test func metadataFiltersCompareIntegerLookingValuesAsIntegers() throws {
        var fixture = try EngineFixture()
        try fixture.create(QueueRef(project: "p", name: "int5"), meta(("n", .int(5)), ("c", .string("red"))))
        try fixture.create(QueueRef(project: "p", name: "str5"), meta(("n", .string("5")), ("c", .string("red"))))
        try fixture.create(QueueRef(project: "p", name: "strx"), meta(("n", .string("x"))))
        try fixture.create(QueueRef(project: "p", name: "none"), meta(("c", .string("red"))))
        func names(_ filters: [(key: String, value: String)]) throws -> [String] {
            try fixture.engine.listQueues(
                project: "p", marker: nil, limit: 20, detailed: false, metadataEquals: filters
            ).queues.map(\.name)
        }
        #expect(try names([("n", "5")]) == ["int5"])
        #expect(try names([("n", "x")]) == ["strx"])
        #expect(try names([("c", "red")]) == ["int5", "none", "str5"])
        #expect(try names([("c", "red"), ("n", "5")]) == ["int5"])
        #expect(try names([("n", "6")]) == [])
    }

    /// Rule §4.1 with decision 5: filters apply before `limit`, so a page is filled with matching queues even when
    /// many non-matching ones come first.
    ///
    /// Goal: limit 1 with a metadata filter skips six non-matching queues and pages on. Method: queues a1…a6
    /// without the value, then b and c with it.
    @Test func metadataFilterFillsThePageAcrossNonMatchingQueues() throws {
        var fixture = try EngineFixture()
        for index in 1...6 { try fixture.create(QueueRef(project: "p", name: "a\(index)"), meta(("k", .int(1)))) }
        try fixture.create(QueueRef(project: "p", name: "b"), meta(("k", .int(2))))
        try fixture.create(QueueRef(project: "p", name: "c"), meta(("k", .int(2))))
        func names(marker: String?) throws -> [String] {
            try fixture.engine.listQueues(
                project: "p", marker: marker, limit: 1, detailed: false, metadataEquals: [("k", "2")]
            ).queues.map(\.name)
        }
        #expect(try names(marker: nil) == ["b"])
        #expect(try names(marker: "b") == ["c"])
        #expect(try names(marker: "c") == [])
    }

    /// Rule §4.1 `count`: "the total number of queues in the project, ignoring filters".
    ///
    /// Goal: `total` counts every queue of the project whatever the marker, limit and filters, and no queue of
    /// another project. Method: five queues in p, two in p2, listed with filters that match one or none.
    @Test func totalCountsTheProjectsQueuesIgnoringFilters() throws {
        var fixture = try EngineFixture()
        for name in ["a", "b", "c", "d", "e"] { try fixture.create(QueueRef(project: "p", name: name)) }
        for name in ["a", "x"] { try fixture.create(QueueRef(project: "p2", name: name)) }
        let filtered = try fixture.engine.listQueues(
            project: "p", marker: "a", limit: 1, detailed: false, nameContains: "zzz", metadataEquals: [("k", "1")])
        #expect(filtered.queues.isEmpty)
        #expect(filtered.total == 5)
        #expect(try fixture.engine.listQueues(project: "p", marker: nil, limit: 2, detailed: false).total == 5)
        #expect(try fixture.engine.listQueues(project: "p2", marker: nil, limit: 20, detailed: true).total == 2)
        #expect(try fixture.engine.listQueues(project: "p3", marker: nil, limit: 20, detailed: false).total == 0)
    }

    // MARK: Projects

    /// Rule §12 (decisions): "A message, claim or subscription is only ever reachable through its own project and
    /// queue"; queue operations name a project and nothing crosses projects.
    ///
    /// Goal: two projects with a queue of the same name share nothing: metadata, listings, messages, claims,
    /// stats, deletes and purges. Method: populate p1/q, then operate on p2/q and check p1/q is untouched.
    @Test func projectsAreFullyIsolated() throws {
        var fixture = try EngineFixture()
        let mine = QueueRef(project: "p1", name: "q")
        let theirs = QueueRef(project: "p2", name: "q")
        try fixture.create(mine, meta(("owner", .string("p1"))))
        let ids = try fixture.post(mine, count: 3)
        let claim = try #require(try fixture.claim(mine, limit: 1))
        let before = try fixture.dump()

        #expect(try fixture.engine.queueExists(theirs) == false)
        #expect(try fixture.engine.metadata(theirs) == QueueMetadata.withDefaults(JSONObject()))
        #expect(try fixture.engine.listQueues(project: "p2", marker: nil, limit: 20, detailed: false).queues.isEmpty)
        #expect(try fixture.engine.stats(theirs, at: second(0)).total == 0)
        #expect(try fixture.allIDs(theirs).isEmpty)
        #expect(try fixture.engine.messages(theirs, ids: ids, at: second(0)).isEmpty)
        #expect(try fixture.engine.claim(theirs, id: claim.id, at: second(0)) == nil)
        #expect(try fixture.claim(theirs) == nil)
        #expect(try fixture.pop(theirs, count: 20).isEmpty)
        #expect(try fixture.apply(.deleteMessages(theirs, ids: ids)) == .done)
        #expect(try fixture.apply(.deleteMessage(theirs, messageID: ids[1], claimID: nil)) == .done)
        #expect(try fixture.apply(.releaseClaim(theirs, claimID: claim.id)) == .done)
        #expect(try fixture.apply(.deleteQueue(theirs)) == .done)
        let renew = try fixture.expectRejected(.renewClaim(theirs, claimID: claim.id, ttl: 300, grace: 60))
        #expect(renew == .claimNotFound(theirs, claimID: claim.id))
        #expect(try fixture.dump() == before)

        try fixture.create(theirs, meta(("owner", .string("p2"))))
        #expect(try fixture.apply(.purgeQueue(theirs, messages: true, subscriptions: true)) == .done)
        #expect(try fixture.apply(.deleteQueue(theirs)) == .done)
        #expect(try fixture.dump() == before)
        #expect(try fixture.allIDs(mine) == ids)
        #expect(try fixture.engine.storedMetadata(mine) == meta(("owner", .string("p1"))))
    }
}
