// §3 of the reference doc: the versions document, the home document, ping and health. Checked against the
// reference Zaqar 15 server with curl; Flotilla lists only v2 in the versions document, which §3.1 allows.
import HTTPTypes
import QueueModel
import Testing

@Suite("§3 Version and service endpoints")
struct ServiceEndpointTests {
    /// Rule §3.1: "`GET /` … No headers are required. Status 300 Multiple Choices, `Content-Type:
    /// application/json`", with the odd date format of the reference. "A v2-only server could list just the `"2"`
    /// entry; clients look only for v2." Flotilla serves only v2 and lists only it.
    ///
    /// Goal: the versions document's status, type and the exact v2 entry (key order included).
    /// Method: GET `/` without any header and compare the body.
    @Test func versionsDocumentListsV2() async throws {
        try await withAPI { api in
            let reply = try await api.send(.get, "/", standard: false)
            #expect(reply.status == .multipleChoices)
            #expect(reply.header("Content-Type") == "application/json")
            let versions = try reply.json()["versions"].array
            try #require(versions.count == 1)
            let v2 = versions[0]
            #expect(v2.keys == ["id", "status", "updated", "media-types", "links"])
            #expect(v2["id"] == .string("2") && v2["status"] == .string("CURRENT"))
            #expect(v2["updated"] == .string("2014-9-24T04:06:47Z"))
            #expect(v2["media-types"][0]["base"] == .string("application/json"))
            #expect(v2["media-types"][0]["type"] == .string("application/vnd.openstack.messaging-v2+json"))
            #expect(v2["links"][0].keys == ["href", "rel"])
            #expect(v2["links"][0]["href"] == .string("/v2/") && v2["links"][0]["rel"] == .string("self"))
        }
    }

    /// Rule §3.2: "Requires `Client-ID` and `X-Project-ID`. 200 with `Content-Type: application/json-home`,
    /// `Cache-Control: max-age=86400`, and a pretty-printed body (indent 4)", with the resources of the table.
    /// Flotilla leaves out the subscription, pool and flavor resources it does not serve; the others must be the
    /// reference's entries.
    ///
    /// Goal: the home document's headers, formatting and resource table.
    /// Method: GET `/v2/` and compare with the reference's resource list (order kept) and a few entries.
    @Test func homeDocument() async throws {
        try await withAPI { api in
            let reply = try await api.send(.get, "/v2/")
            #expect(reply.status == .ok)
            #expect(reply.header("Content-Type") == "application/json-home")
            #expect(reply.header("Cache-Control") == "max-age=86400")
            #expect(
                reply.text.hasPrefix(
                    "{\n    \"resources\": {\n        \"rel/queues\": {\n            \"href-template\""))
            let resources = try reply.json()["resources"]
            #expect(
                resources.keys == [
                    "rel/queues", "rel/queue", "rel/queue_stats", "rel/queue_share", "rel/queue_purge", "rel/messages",
                    "rel/post_messages", "rel/messages_delete", "rel/message_delete", "rel/message_get", "rel/claim",
                    "rel/post_claim", "rel/patch_claim", "rel/delete_claim", "rel/ping", "rel/health",
                ])
            #expect(resources["rel/queue"]["href-template"] == .string("/v2/queues/{queue_name}"))
            #expect(resources["rel/queue"]["hints"]["allow"].strings == ["GET", "PUT", "DELETE", "PATCH"])
            #expect(
                resources["rel/messages"]["href-template"]
                    == .string("/v2/queues/{queue_name}/messages{?marker,limit,echo,include_claimed}"))
            #expect(resources["rel/post_messages"]["hints"]["accept-post"].strings == ["application/json"])
            #expect(
                resources["rel/message_delete"]["href-template"]
                    == .string("/v2/queues/{queue_name}/messages/{message_id}{?claim}"))
            #expect(resources["rel/health"]["href"] == .string("/v2/health"))
            #expect(resources["rel/queues"]["hints"]["formats"].keys == ["application/json"])

            let bare = try await api.send(.get, "/v2/", headers: ["X-Project-ID": nil])
            #expect(bare.status == .badRequest)
        }
    }

    /// Rule §3.3: "Both require `Client-ID` and `X-Project-ID` … GET: 204 with no body when storage is alive …
    /// HEAD: always 204."
    ///
    /// Goal: ping answers 204 without a body, for GET and HEAD, and needs the headers.
    /// Method: GET and HEAD `/v2/ping` with and without the headers.
    @Test func pingIs204() async throws {
        try await withAPI { api in
            for method in [HTTPRequest.Method.get, .head] {
                let reply = try await api.send(method, "/v2/ping")
                #expect(reply.status == .noContent)
                expectEmptyBody(reply)
                #expect(reply.header("Content-Type") == nil)
                let bare = try await api.send(method, "/v2/ping", headers: ["X-Project-ID": nil])
                #expect(bare.status == .badRequest)
            }
        }
    }

    /// Rule §3.4: "The server runs a real self-test and returns 200 (observed shape): `{"storage_reachable": true,
    /// "operation_status": {"create_queue": {"succeeded": true, "seconds": …, "ref": null}, "post_messages", …}}`"
    /// with the eight steps in the reference's order; "The self-test creates a random queue … and drops the
    /// queue."
    ///
    /// Goal: the health document's shape and key order, and that the self-test leaves no queue behind.
    /// Method: GET `/v2/health` as admin, then list the project's queues.
    @Test func healthRunsASelfTest() async throws {
        try await withAPI { api in
            let reply = try await api.send(.get, "/v2/health", headers: ["X-Roles": "admin"])
            #expect(reply.status == .ok)
            #expect(reply.header("Content-Type") == "application/json")
            let json = try reply.json()
            #expect(json.keys == ["storage_reachable", "operation_status"])
            #expect(json["storage_reachable"] == .bool(true))
            let steps = [
                "create_queue", "post_messages", "claim_messages", "list_messages", "delete_messages", "delete_claim",
                "bulk_delete_messages", "delete_queue",
            ]
            #expect(json["operation_status"].keys == steps)
            for step in steps {
                let status = json["operation_status"][step]
                #expect(status.keys == ["succeeded", "seconds", "ref"], "\(step)")
                #expect(status["succeeded"] == .bool(true), "\(step)")
                #expect(status["ref"] == .null, "\(step)")
                if case .double(let seconds) = status["seconds"] {
                    #expect(seconds >= 0)
                } else {
                    Issue.record("\(step) seconds is not a float: \(status["seconds"])")
                }
            }
            let queues = try await api.send(.get, "/v2/queues").json()
            #expect(queues["queues"].array.isEmpty)
        }
    }
}
