// §4.4 of the reference doc: `PATCH /v2/queues/{q}`, a JSON patch of the queue metadata, with its checks in the
// reference's order and zaqarclient's update sequence. Every text was observed on the reference Zaqar 15 server;
// the non-array body follows decision 8.
import HTTPTypes
import QueueModel
import Testing

private let patchType = "application/openstack-messaging-v2.0-json-patch"

/// A PATCH operation list the reference refuses while parsing it, with the error text (§4.4 step 5).
struct PatchOperationCase: Sendable, CustomTestStringConvertible {
    let body: String
    let description: String
    var testDescription: String { body }

    static let all: [PatchOperationCase] = [
        .init(body: "[5]", description: "Operations must be JSON objects."),
        .init(
            body: #"[{"op": "add", "path": "/metadata/a", "value": 1}, "x"]"#,
            description: "Operations must be JSON objects."),
        .init(
            body: "[{}]",
            description:
                "Unable to find `op` in JSON Schema change. It must be one of the following: add, remove, replace."),
        .init(
            body: #"[{"op": null}]"#,
            description:
                "Unable to find `op` in JSON Schema change. It must be one of the following: add, remove, replace."),
        .init(
            body: #"[{"op": "move", "path": "/metadata/a"}]"#,
            description: "Invalid operation: `move`. It must be one of the following: add, remove, replace."),
        .init(
            body: #"[{"op": 5, "path": "/metadata/a"}]"#,
            description: "Invalid operation: `5`. It must be one of the following: add, remove, replace."),
        .init(body: #"[{"op": "add"}]"#, description: "Unable to find 'path' in JSON Schema change"),
        .init(
            body: #"[{"op": "add", "path": "metadata/a", "value": 1}]"#,
            description: "Pointer `metadata/a` does not start with \"/\"."),
        .init(
            body: #"[{"op": "add", "path": "/metadata//a", "value": 1}]"#,
            description: "Pointer `/metadata//a` contains adjacent \"/\"."),
        .init(
            body: #"[{"op": "add", "path": "/metadata/a/", "value": 1}]"#,
            description: "Pointer `/metadata/a/` end with \"/\"."),
        .init(
            body: #"[{"op": "add", "path": "/metadata/~2", "value": 1}]"#,
            description: "Pointer `/metadata/~2` contains \"~\" not part of a recognized escape sequence."),
        .init(
            body: #"[{"op": "add", "path": "/metadata/a~", "value": 1}]"#,
            description: "Pointer `/metadata/a~` contains \"~\" not part of a recognized escape sequence."),
        .init(
            body: #"[{"op": "add", "path": "/metadata/a/b", "value": 1}]"#,
            description: "Invalid JSON pointer for this resource: '/metadata/a/b, e.g /metadata/key'"),
        .init(
            body: #"[{"op": "add", "path": "/metadata", "value": 1}]"#,
            description: "Invalid JSON pointer for this resource: '/metadata, e.g /metadata/key'"),
        .init(
            body: #"[{"op": "add", "path": "/", "value": 1}]"#,
            description: "Invalid JSON pointer for this resource: '/, e.g /metadata/key'"),
        .init(
            body: #"[{"op": "add", "path": "/metadata/a"}]"#,
            description: "Operation \"add\" requires a member named \"value\"."),
        .init(
            body: #"[{"op": "replace", "path": "/metadata/a"}]"#,
            description: "Operation \"replace\" requires a member named \"value\"."),
        .init(
            body: #"[{"op": "add", "path": "/other/a", "value": 1}]"#,
            description: "The root of path must be metadata, e.g /metadata/key."),
        .init(
            body: #"[{"op": "replace", "path": "/ /a", "value": 1}]"#,
            description: "The root of path must be metadata, e.g /metadata/key."),
    ]
}

@Suite("§4.4 Queue PATCH")
struct QueuePatchTests {
    /// Sends a PATCH with the json-patch content type.
    private func patch(_ api: API, _ body: String?, queue: String = "q1") async throws -> Reply {
        try await api.send(.patch, "/v2/queues/\(queue)", body: body, headers: ["Content-Type": patchType])
    }

    /// Rule §4.4: "`Content-Type` must equal `application/openstack-messaging-v2.0-json-patch` exactly:
    /// case-sensitive and with no parameters; `; charset=utf-8` is rejected (observed). Otherwise the answer is 415
    /// with only a title (observed): `{"title": "Accepted media type for PATCH: {'Accept-Patch':
    /// 'application/openstack-messaging-v2.0-json-patch'}."}`."
    ///
    /// Goal: every other content type (or none) is a title-only 415, and nothing changes.
    /// Method: PATCH an existing queue with four wrong content types; GET the metadata.
    @Test func patchNeedsTheExactJSONPatchContentType() async throws {
        try await withAPI { api in
            try await api.createQueue("q1")
            let body = #"[{"op": "add", "path": "/metadata/a", "value": 1}]"#
            for type in [
                "application/json", patchType + "; charset=utf-8", "Application/openstack-messaging-v2.0-json-patch",
                nil,
            ] {
                let reply = try await api.send(.patch, "/v2/queues/q1", body: body, headers: ["Content-Type": type])
                expectError(
                    reply, .unsupportedMediaType,
                    title: "Accepted media type for PATCH: {'Accept-Patch': '\(patchType)'}.", description: nil)
            }
            #expect(try await api.send(.get, "/v2/queues/q1").text == defaultMetadataText)
        }
    }

    /// Rule §4.4 step 1: "Content-Length over 65536 gives 400 with `Invalid request body` and `Queue metadata is too
    /// large. Max size: 65536` (checked before the 415)."
    ///
    /// Goal: the size check comes first and uses the PATCH title.
    /// Method: PATCH a 65537-byte body with `application/json`, then with the right type.
    @Test func patchOver65536BytesIsRefusedBeforeTheContentType() async throws {
        try await withAPI { api in
            try await api.createQueue("q1")
            let value = String(
                repeating: "x", count: 65_537 - #"[{"op": "add", "path": "/metadata/a", "value": ""}]"#.utf8.count)
            let body = #"[{"op": "add", "path": "/metadata/a", "value": "\#(value)"}]"#
            #expect(body.utf8.count == 65_537)
            for type in ["application/json", patchType] {
                let reply = try await api.send(.patch, "/v2/queues/q1", body: body, headers: ["Content-Type": type])
                expectInvalidBody(reply, "Queue metadata is too large. Max size: 65536")
            }
        }
    }

    /// Rule §4.4 step 3: "An empty body gives 400 with `Invalid request body` and `PATCH body could not be empty
    /// for update.`" (observed with no body and with Content-Length 0).
    ///
    /// Goal: both empty forms get the text.
    /// Method: PATCH without a body and with `""`.
    @Test func emptyPatchBodyIsRefused() async throws {
        try await withAPI { api in
            try await api.createQueue("q1")
            for body in [nil, ""] as [String?] {
                expectInvalidBody(try await patch(api, body), "PATCH body could not be empty for update.")
            }
        }
    }

    /// Rule §4.4 step 4: "A body that cannot be parsed gives 400 with `Invalid request body` and `Request body
    /// could not be parsed.` A body that is not an array makes the reference return 503 … (a bug); return 400 with
    /// `Request body must be a JSON array of operation objects.` instead" (decision 8). A top-level scalar is a
    /// parse error (§1.4; observed `"x"` and `5` → "could not be parsed").
    ///
    /// Goal: the three non-array cases.
    /// Method: PATCH `{bad`, `{}`, `"x"` and `5`.
    @Test func nonArrayPatchBodyIsRefused() async throws {
        try await withAPI { api in
            try await api.createQueue("q1")
            expectInvalidBody(try await patch(api, "{bad"), "Request body could not be parsed.")
            expectInvalidBody(
                try await patch(api, #"{"op": "add"}"#), "Request body must be a JSON array of operation objects.")
            for body in [#""x""#, "5"] {
                expectInvalidBody(try await patch(api, body), "Request body could not be parsed.")
            }
        }
    }

    /// Rule §4.4 step 5: "Each operation is checked. Every failure is 400 with `Invalid request body`", with the
    /// texts observed on the reference (including its grammar: "end with", "e.g /metadata/key").
    ///
    /// Goal: every operation and pointer error, and nothing applied.
    /// Method: PATCH the queue with each bad operation list; check the metadata is unchanged.
    @Test(arguments: PatchOperationCase.all)
    func patchOperationErrors(_ test: PatchOperationCase) async throws {
        try await withAPI { api in
            try await api.createQueue("q1", metadata: #"{"a": 1}"#)
            expectInvalidBody(try await patch(api, test.body), test.description)
            #expect(try await api.send(.get, "/v2/queues/q1").json()["a"] == .int(1))
            #expect(try await api.send(.get, "/v2/queues/q1").json().keys.count == 8)
        }
    }

    /// Rule §4.4 step 5: a `path` that is not a string. The reference answers 503 `Queue could not be updated.`
    /// (observed), a bug of the kind §12 row 8 turns into "400 with `Invalid request body`"; Flotilla says the
    /// path is missing.
    ///
    /// Goal: a non-string path is a 400 `Invalid request body`, not a server error.
    /// Method: PATCH `[{"op": "add", "path": 5, "value": 1}]`.
    @Test func nonStringPathIsInvalidBody() async throws {
        try await withAPI { api in
            try await api.createQueue("q1")
            expectInvalidBody(
                try await patch(api, #"[{"op": "add", "path": 5, "value": 1}]"#),
                "Unable to find 'path' in JSON Schema change")
        }
    }

    /// Rule §4.4 step 6: "A missing queue gives 404 with `Queue {q} does not exist for project {p}`" — after the
    /// operations are validated (observed: a bad operation on a missing queue is the 400).
    ///
    /// Goal: 404 with the text for a valid patch, 400 for an invalid one, and the queue is not created.
    /// Method: PATCH a missing queue with `[]`, an add, and `[{}]`.
    @Test func patchOfAMissingQueueIs404() async throws {
        try await withAPI { api in
            for body in ["[]", #"[{"op": "add", "path": "/metadata/a", "value": 1}]"#] {
                expectError(
                    try await patch(api, body, queue: "nope"), .notFound, title: "Not found",
                    description: "Queue nope does not exist for project proj")
            }
            expectInvalidBody(
                try await patch(api, "[{}]", queue: "nope"),
                "Unable to find `op` in JSON Schema change. It must be one of the following: add, remove, replace.")
            #expect(try await api.send(.get, "/v2/queues").json()["queues"].array.isEmpty)
        }
    }

    /// Rule §4.4 step 7: "`replace`: if `k` is in the stored metadata or is one of the 7 reserved keys, set it.
    /// Otherwise 409 with `Resource conflict` and `Can't replace non-existent object k.` `remove`: … Otherwise 409
    /// with `Can't remove non-existent object k.`" Operations apply atomically: a conflict later in the list
    /// leaves the earlier ones unapplied.
    ///
    /// Goal: both conflict texts, and nothing applied on conflict.
    /// Method: PATCH replace and remove of an unknown key (after an add in the same list).
    @Test func replaceOrRemoveOfAnUnknownKeyIs409() async throws {
        try await withAPI { api in
            try await api.createQueue("q1", metadata: #"{"a": 1}"#)
            for (op, value) in [("replace", #", "value": 1"#), ("remove", "")] {
                let body =
                    #"[{"op": "add", "path": "/metadata/b", "value": 2}, {"op": "\#(op)", "path": "/metadata/nope"\#(value)}]"#
                expectError(
                    try await patch(api, body), .conflict, title: "Resource conflict",
                    description: "Can't \(op) non-existent object nope.")
            }
            #expect(!(try await api.send(.get, "/v2/queues/q1").json().has("b")))
        }
    }

    /// Rule §4.4 step 7 and §15.9: "`replace` and `remove` of an *unstored reserved* key must succeed"; "`remove`
    /// does not check the `/metadata` root, so `/anything/key` removes `key`"; "the first segment must be
    /// `metadata` (case-insensitive)" for add; pointer escapes `~1` → `/`, `~0` → `~`, and spaces are trimmed
    /// (observed: `/metadata/ a~1b ` adds the key `a/b`).
    ///
    /// Goal: the lenient cases all succeed with the reference's effect.
    /// Method: one PATCH per case on a queue with `{"a": 1, "zz": 2}`, checking the resulting metadata.
    @Test func lenientOperationsSucceed() async throws {
        try await withAPI { api in
            try await api.createQueue("q1", metadata: #"{"a": 1, "zz": 2}"#)
            let replaced = try await patch(
                api, #"[{"op": "replace", "path": "/metadata/_dead_letter_queue", "value": "d"}]"#)
            #expect(replaced.status == .ok)
            #expect(try replaced.json()["_dead_letter_queue"] == .string("d"))
            let removed = try await patch(api, #"[{"op": "remove", "path": "/metadata/_max_messages_post_size"}]"#)
            #expect(try removed.json()["_max_messages_post_size"] == .int(262_144))
            let anyRoot = try await patch(api, #"[{"op": "remove", "path": "/anything/zz"}]"#)
            #expect(!(try anyRoot.json().has("zz")))
            let upperRoot = try await patch(api, #"[{"op": "add", "path": "/METADATA/up", "value": 1}]"#)
            #expect(try upperRoot.json()["up"] == .int(1))
            let escaped = try await patch(api, #"[{"op": "add", "path": "/metadata/ a~1b~0c ", "value": 3}]"#)
            #expect(try escaped.json()["a/b~c"] == .int(3))
            let overwrite = try await patch(api, #"[{"op": "add", "path": "/metadata/a", "value": [1]}]"#)
            #expect(try overwrite.json()["a"] == .array([.int(1)]))
        }
    }

    /// Rule §4.4 step 8: "Validate the resulting reserved values (section 7). A failure is 400, but **with title
    /// `Invalid request body`** (PUT uses `Invalid API request`)."
    ///
    /// Goal: reserved-key errors on PATCH carry the PATCH title and change nothing.
    /// Method: PATCH each invalid reserved value of the §7 table.
    @Test(arguments: ReservedMetadataCase.all)
    func reservedMetadataErrorsOnPatch(_ test: ReservedMetadataCase) async throws {
        try await withAPI { api in
            try await api.createQueue("q1")
            let object = try #require(try JSONParser.parse(test.body).objectValue)
            let (key, value) = try #require(object.entries.first)
            let body = #"[{"op": "add", "path": "/metadata/\#(key)", "value": \#(JSONSerializer.serialize(value))}]"#
            expectInvalidBody(try await patch(api, body), test.description)
            #expect(try await api.send(.get, "/v2/queues/q1").text == defaultMetadataText)
        }
    }

    /// Rule §4.4 "Response: **200** with the full metadata, defaults filled in as in 4.3. `[]` is a valid no-op
    /// that returns 200"; tempest then sees the patched values plus the defaults on GET.
    ///
    /// Goal: the PATCH answer is exactly what GET shows afterwards, stored keys first.
    /// Method: PATCH `[]`, then add `_max_claim_count: 2` and `_dead_letter_queue_messages_ttl: 7799`, compare with
    /// GET.
    @Test func patchAnswersTheFullMetadata() async throws {
        try await withAPI { api in
            try await api.createQueue("q1", metadata: #"{"a": 1}"#)
            let noOp = try await patch(api, "[]")
            #expect(noOp.status == .ok)
            #expect(noOp.header("Content-Type") == "application/json")
            #expect(noOp.text == #"{"a": 1, "# + defaultMetadataText.dropFirst())
            let body =
                #"[{"op": "add", "path": "/metadata/_max_claim_count", "value": 2}, {"op": "add", "path": "/metadata/_dead_letter_queue_messages_ttl", "value": 7799}]"#
            let reply = try await patch(api, body)
            #expect(reply.status == .ok)
            #expect(
                reply.text
                    == #"{"a": 1, "_max_claim_count": 2, "_dead_letter_queue_messages_ttl": 7799, "_max_messages_post_size": 262144, "_default_message_ttl": 3600, "_default_message_delay": 0, "_dead_letter_queue": null, "_enable_encrypt_messages": false}"#
            )
            #expect(try await api.send(.get, "/v2/queues/q1").text == reply.text)
        }
    }

    /// Rule §4.4 "What zaqarclient does for `queue.metadata(new_meta=...)`: It GETs the queue; the result includes
    /// the reserved defaults. For each key in the new metadata it sends `replace` if the current value is not null,
    /// and `add` otherwise. It sends `remove` for every other key it got back, including reserved keys that are not
    /// stored … Those removes must succeed silently, or the client breaks."
    ///
    /// Goal: the client's exact sequence works and leaves exactly the new metadata.
    /// Method: store `{"a": 1, "b": 1}`; GET; build the client's patch for `{"a": 2, "c": 3}`; send it; GET.
    @Test func zaqarclientMetadataUpdateSequence() async throws {
        try await withAPI { api in
            try await api.createQueue("q1", metadata: #"{"a": 1, "b": 1}"#)
            let current = try #require(try await api.send(.get, "/v2/queues/q1").json().objectValue)
            let new: [(String, JSONValue)] = [("a", .int(2)), ("c", .int(3))]
            var operations: [String] = []
            for (key, value) in new {
                let op = (current[key] ?? .null) == .null ? "add" : "replace"
                operations.append(
                    #"{"op": "\#(op)", "path": "/metadata/\#(key)", "value": \#(JSONSerializer.serialize(value))}"#)
            }
            for key in current.keys where !new.contains(where: { $0.0 == key }) {
                operations.append(#"{"op": "remove", "path": "/metadata/\#(key)"}"#)
            }
            #expect(operations.count == 10)
            let reply = try await patch(api, "[" + operations.joined(separator: ", ") + "]")
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(
                try await api.send(.get, "/v2/queues/q1").text == #"{"a": 2, "c": 3, "#
                    + defaultMetadataText.dropFirst())
        }
    }
}
