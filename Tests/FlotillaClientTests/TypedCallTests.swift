// Every typed call of FlotillaClient against the real Zaqar API (ZaqarAPI over a LocalQueueService on an in-memory
// engine) served over real HTTP on loopback.
import Flotilla
import Hummingbird
import QueueModel
import Testing

@Suite struct TypedCallTests {
    /// Goal: queue calls decode the real server's answers. Method: create (201 then 204), list in pages of one
    /// following `nextMarker` to the empty end page, detailed and counted listings, metadata get and JSON-patch
    /// (add, replace, remove of a stored and of an unstored reserved key), stats of an empty queue, purge, delete.
    @Test func queueCalls() async throws {
        try await withServers([try makeZaqarAPI()]) { servers async throws in
            try await withClient([servers[0].url]) { client async throws in
                #expect(try await client.ping())
                let metadata = JSONObject([("team", .string("shop")), ("_default_message_ttl", .int(600))])
                #expect(try await client.createQueue("orders", metadata: metadata))
                #expect(try await client.createQueue("orders") == false)
                #expect(try await client.createQueue("audit"))
                #expect(try await client.createQueue("billing"))

                var names: [String] = []
                var marker: String?
                var pages = 0
                repeat {
                    let page = try await client.listQueues(marker: marker, limit: 1)
                    names += page.queues.map(\.name)
                    marker = page.nextMarker
                    pages += 1
                    #expect(page.queues.allSatisfy { $0.metadata == nil })
                } while marker != nil && pages < 10
                #expect(names == ["audit", "billing", "orders"])
                #expect(pages == 4, "three pages of one, then the empty page that ends the listing")

                let detailed = try await client.listQueues(detailed: true, withCount: true, nameContains: "ord")
                #expect(detailed.queues.map(\.name) == ["orders"])
                #expect(detailed.queues.first?.metadata?["team"] == .string("shop"))
                #expect(detailed.count == 3, "the count ignores the name filter")

                let shown = try await client.queueMetadata("orders")
                #expect(shown["team"] == .string("shop"))
                #expect(shown["_default_message_ttl"] == .int(600))
                #expect(shown["_max_messages_post_size"] == .int(262_144), "reserved defaults are filled in")

                let patched = try await client.updateQueueMetadata(
                    "orders",
                    operations: [
                        MetadataPatch(.add, key: "a/b~c", value: .int(1)),
                        MetadataPatch(.replace, key: "team", value: .string("ops")),
                        MetadataPatch(.remove, key: "_enable_encrypt_messages"),
                    ])
                #expect(patched["a/b~c"] == .int(1), "a key with / and ~ survives the pointer escaping")
                #expect(patched["team"] == .string("ops"))
                let removed = try await client.updateQueueMetadata(
                    "orders", operations: [MetadataPatch(.remove, key: "a/b~c")])
                #expect(removed["a/b~c"] == nil)
                let conflict = await expectClientError {
                    try await client.updateQueueMetadata("orders", operations: [MetadataPatch(.remove, key: "nope")])
                }
                #expect(conflict?.status == 409)

                let empty = try await client.queueStats("audit")
                #expect(empty == QueueStatistics(claimed: 0, free: 0, total: 0, oldest: nil, newest: nil))

                try await client.postMessages("audit", [OutgoingMessage(body: .string("x"))])
                try await client.purgeQueue("audit")
                #expect(try await client.queueStats("audit").total == 0)

                try await client.deleteQueue("billing")
                try await client.deleteQueue("billing")  // deleting a missing queue succeeds
                #expect(try await client.listQueues().queues.map(\.name) == ["audit", "orders"])

                let badLimit = await expectClientError { try await client.listQueues(limit: 100) }
                guard case .api(let error)? = badLimit else {
                    Issue.record("expected an API error, got \(String(describing: badLimit))")
                    return
                }
                #expect(error.status == 400)
                #expect(error.title == "Invalid API request")
                #expect(error.detail == "Limit must be at least 1 and no greater than 20.")
                #expect(error.endpoint == servers[0].url)
            }
        }
    }

    /// Goal: message calls decode the real server's answers. Method: post a batch (ids in order), list it in pages
    /// of two with echo (the poster's own client id) and check another client id sees it without echo, get one
    /// and several by id (unknown ids skipped, none found is empty), stats with oldest/newest, bulk delete, pop.
    @Test func messageCalls() async throws {
        try await withServers([try makeZaqarAPI()]) { servers async throws in
            try await withClient([servers[0].url]) { client async throws in
                let bodies: [JSONValue] = [
                    .object(JSONObject([("n", .int(1)), ("tag", .string("é"))])), .array([.int(2), .null]),
                    .string("three"),
                ]
                let ids = try await client.postMessages(
                    "jobs", bodies.map { OutgoingMessage(body: $0, ttl: 120) })
                #expect(ids.count == 3)
                #expect(Set(ids).count == 3)

                let first = try await client.listMessages("jobs", limit: 2, echo: true)
                #expect(first.messages.map(\.id) == Array(ids.prefix(2)))
                #expect(first.messages.map(\.body) == Array(bodies.prefix(2)))
                #expect(first.messages.allSatisfy { $0.ttl == 120 && $0.age >= 0 && $0.claimID == nil })
                #expect(first.messages[0].checksum?.hasPrefix("MD5:") == true)
                let second = try await client.listMessages("jobs", marker: first.nextMarker, limit: 2, echo: true)
                #expect(second.messages.map(\.id) == [ids[2]])
                let end = try await client.listMessages("jobs", marker: second.nextMarker, limit: 2, echo: true)
                #expect(end.messages.isEmpty)
                #expect(end.nextMarker == nil)

                #expect(try await client.listMessages("jobs").messages.isEmpty, "own messages are hidden without echo")
                let seen = try await withClient([servers[0].url]) { other async throws in
                    try await other.listMessages("jobs")
                }
                #expect(seen.messages.map(\.id) == ids)

                let one = try await client.message("jobs", id: ids[1])
                #expect(one.id == ids[1])
                #expect(one.body == bodies[1])
                let some = try await client.messages("jobs", ids: [ids[2], "no-such-id", ids[0]])
                #expect(some.map(\.id) == [ids[2], ids[0]])
                #expect(try await client.messages("jobs", ids: ["no-such-id"]).isEmpty)
                let missing = await expectClientError { try await client.message("jobs", id: "no-such-id") }
                #expect(missing?.status == 404)

                let stats = try await client.queueStats("jobs")
                #expect(stats.total == 3)
                #expect(stats.free == 3)
                #expect(stats.claimed == 0)
                #expect(stats.oldest?.id == ids[0])
                #expect(stats.newest?.id == ids[2])
                #expect(stats.oldest?.created.hasSuffix("Z") == true)

                try await client.deleteMessages("jobs", ids: [ids[1], "no-such-id"])
                try await client.deleteMessage("jobs", id: "no-such-id")
                let popped = try await client.popMessages("jobs", count: 1)
                #expect(popped.map(\.id) == [ids[0]])
                #expect(popped.first?.claimCount == 0)
                #expect(popped.first?.body == bodies[0])
                #expect(try await client.popMessages("jobs", count: 5).map(\.id) == [ids[2]])
                #expect(try await client.popMessages("jobs", count: 5).isEmpty)
            }
        }
    }

    /// Goal: claim calls decode the real server's answers and the claim id reaches every claimed message. Method:
    /// claim two of three messages, read the claim, renew it, refuse a delete without the claim id (403), delete
    /// with it, release, and see the released message claimable again; an empty queue gives no claim.
    @Test func claimCalls() async throws {
        try await withServers([try makeZaqarAPI()]) { servers async throws in
            try await withClient([servers[0].url]) { client async throws in
                #expect(try await client.createClaim("work") == nil, "a missing queue has nothing to claim")
                let ids = try await client.postMessages(
                    "work", (1...3).map { OutgoingMessage(body: .int(Int64($0))) })
                guard let claim = try await client.createClaim("work", ttl: 90, grace: 60, limit: 2) else {
                    Issue.record("nothing claimed")
                    return
                }
                #expect(claim.messages.map(\.id) == Array(ids.prefix(2)))
                #expect(claim.messages.allSatisfy { $0.claimID == claim.id })
                #expect(claim.ttl == 90)

                let read = try await client.claim("work", id: claim.id)
                #expect(read.id == claim.id)
                #expect(read.ttl == 90)
                #expect(read.messages.map(\.id) == Array(ids.prefix(2)))

                try await client.renewClaim("work", id: claim.id, ttl: 200, grace: 60)
                #expect(try await client.claim("work", id: claim.id).ttl == 200)

                let refused = await expectClientError { try await client.deleteMessage("work", id: ids[0]) }
                #expect(refused?.status == 403)
                try await client.deleteMessage("work", id: ids[0], claimID: claim.id)
                #expect(try await client.claim("work", id: claim.id).messages.map(\.id) == [ids[1]])

                let visible = try await client.listMessages("work", echo: true)
                #expect(visible.messages.map(\.id) == [ids[2]], "claimed messages are hidden")
                let all = try await client.listMessages("work", echo: true, includeClaimed: true)
                #expect(all.messages.map(\.id) == [ids[1], ids[2]])
                #expect(all.messages.first?.claimID == claim.id)
                #expect(try await client.queueStats("work").claimed == 1)

                try await client.releaseClaim("work", id: claim.id)
                try await client.releaseClaim("work", id: claim.id)  // releasing twice succeeds
                let gone = await expectClientError { try await client.claim("work", id: claim.id) }
                #expect(gone?.status == 404)
                let again = try await client.createClaim("work", limit: 5)
                #expect(again?.messages.map(\.id) == [ids[1], ids[2]])
            }
        }
    }

    /// Goal: the service endpoints. Method: health with the admin role reports every self-test step; without it
    /// the answer is a 403 API error.
    @Test func serviceCalls() async throws {
        try await withServers([try makeZaqarAPI()]) { servers async throws in
            try await withClient([servers[0].url]) { client async throws in
                let report = try await client.health()
                #expect(report.storageReachable)
                #expect(report.operations.count == 8)
                #expect(report.operations.allSatisfy { $0.succeeded })
                #expect(report.operations.first?.name == "create_queue")
                let forbidden = await expectClientError { try await client.health(roles: []) }
                #expect(forbidden?.status == 403)
            }
        }
    }

    /// Goal: configuration mistakes are refused before anything is sent. Method: no endpoint, a URL with a path,
    /// and an empty project.
    @Test func invalidConfiguration() {
        #expect(throws: FlotillaClientError.self) { try FlotillaClient(endpoints: []) }
        #expect(throws: FlotillaClientError.self) { try FlotillaClient(endpoints: ["http://127.0.0.1:1/v2"]) }
        #expect(throws: FlotillaClientError.self) { try FlotillaClient(endpoints: ["127.0.0.1:8001"]) }
        #expect(throws: FlotillaClientError.self) { try FlotillaClient(endpoints: ["http://h:1"], project: "") }
    }
}
