import NIOHTTP1
public import QueueModel

extension FlotillaClient {
    /// Creates a queue (`PUT /v2/queues/{name}`). An existing queue keeps its metadata (change it with
    /// ``updateQueueMetadata(_:operations:)``).
    /// - Parameters:
    ///   - name: 1–64 characters of `[A-Za-z0-9_.-]`.
    ///   - metadata: the queue's metadata, reserved keys (`_default_message_ttl`, ...) included.
    /// - Returns: true if the queue was created, false if it existed. After a retried attempt this may be false
    ///   for a queue this call created.
    /// - Throws: ``FlotillaClientError``; a bad name or metadata is an ``FlotillaClientError/api(_:)`` 400.
    @discardableResult
    public func createQueue(_ name: String, metadata: JSONObject = JSONObject()) async throws(FlotillaClientError)
        -> Bool
    {
        let response = try await call(
            .PUT, Self.queuePath(name), retry: .idempotentWrite, body: metadata.isEmpty ? nil : .object(metadata),
            expected: [201, 204])
        return response.status == 201
    }

    /// Deletes a queue with its messages and claims (`DELETE /v2/queues/{name}`); deleting a missing queue succeeds.
    /// - Throws: ``FlotillaClientError``.
    public func deleteQueue(_ name: String) async throws(FlotillaClientError) {
        _ = try await call(.DELETE, Self.queuePath(name), retry: .idempotentWrite, expected: [204])
    }

    /// Lists the project's queues, ascending by name (`GET /v2/queues`).
    /// - Parameters:
    ///   - marker: the ``QueueList/nextMarker`` of the previous page; nil for the first page.
    ///   - limit: 1–20 queues per page (the server's default is 10).
    ///   - detailed: include each queue's metadata.
    ///   - withCount: include the number of queues in the project.
    ///   - nameContains: only queues whose name contains this text.
    /// - Returns: one page; an empty page ends the listing.
    /// - Throws: ``FlotillaClientError``.
    public func listQueues(
        marker: String? = nil, limit: Int? = nil, detailed: Bool = false, withCount: Bool = false,
        nameContains: String? = nil
    ) async throws(FlotillaClientError) -> QueueList {
        var query = QueryBuilder()
        query.add("marker", marker)
        query.add("limit", limit)
        if detailed { query.add("detailed", true) }
        query.add("name", nameContains)
        if withCount { query.add("with_count", true) }
        let response = try await call(.GET, "/v2/queues" + query.text, retry: .read, expected: [200, 204])
        guard response.status == 200 else { return QueueList(queues: [], nextMarker: nil, count: nil) }
        let document = try JSONReader.parse(response.body, what: "queue list")
        var queues: [QueueListing] = []
        for item in try document.field("queues").array() {
            queues.append(
                QueueListing(
                    name: try item.field("name").string(), metadata: try item.optionalField("metadata")?.object()))
        }
        var nextMarker: String?
        if let last = queues.last {
            nextMarker =
                try Self.nextHref(document).flatMap { PercentEncoding.queryValue("marker", in: $0) } ?? last.name
        }
        return QueueList(queues: queues, nextMarker: nextMarker, count: try document.optionalField("count")?.int())
    }

    /// A queue's metadata with the reserved defaults filled in (`GET /v2/queues/{name}`); a missing queue shows
    /// the defaults.
    /// - Throws: ``FlotillaClientError``.
    public func queueMetadata(_ name: String) async throws(FlotillaClientError) -> JSONObject {
        let response = try await call(.GET, Self.queuePath(name), retry: .read, expected: [200])
        return try JSONReader.parse(response.body, what: "queue metadata").object()
    }

    /// Changes a queue's metadata with JSON-patch operations, applied atomically in order
    /// (`PATCH /v2/queues/{name}`).
    ///
    /// `add` sets a key; `replace` sets a key that exists (or is reserved), else 409; `remove` deletes a stored
    /// key (a reserved key that is not stored is a no-op), else 409.
    /// - Parameters:
    ///   - name: the queue, which must exist (else 404).
    ///   - operations: the changes; keys may contain any character (`/` and `~` are escaped).
    /// - Returns: the metadata afterwards, defaults filled in.
    /// - Throws: ``FlotillaClientError``. A patch that removes a non-reserved key is not idempotent (a repeat
    ///   answers 409), so it is only retried when nothing was sent.
    @discardableResult
    public func updateQueueMetadata(_ name: String, operations: [MetadataPatch]) async throws(FlotillaClientError)
        -> JSONObject
    {
        let body = JSONValue.array(
            operations.map { operation in
                var change = JSONObject()
                change["op"] = .string(operation.operation.rawValue)
                let key = operation.key.replacing("~", with: "~0").replacing("/", with: "~1")
                change["path"] = .string("/metadata/" + key)
                if operation.operation != .remove { change["value"] = operation.value ?? .null }
                return .object(change)
            })
        let idempotent = operations.allSatisfy {
            $0.operation != .remove || QueueMetadata.reservedKeys.contains($0.key)
        }
        let response = try await call(
            .PATCH, Self.queuePath(name), retry: idempotent ? .idempotentWrite : .nonIdempotentWrite, body: body,
            contentType: "application/openstack-messaging-v2.0-json-patch", expected: [200])
        return try JSONReader.parse(response.body, what: "queue metadata").object()
    }

    /// A queue's counters and its oldest and newest messages (`GET /v2/queues/{name}/stats`); a missing queue
    /// has zeros.
    /// - Throws: ``FlotillaClientError``.
    public func queueStats(_ name: String) async throws(FlotillaClientError) -> QueueStatistics {
        let response = try await call(.GET, Self.queuePath(name) + "/stats", retry: .read, expected: [200])
        let counters = try JSONReader.parse(response.body, what: "queue stats").field("messages")
        func mark(_ key: String) throws(FlotillaClientError) -> MessageMark? {
            guard let entry = try counters.optionalField(key) else { return nil }
            let href = try entry.field("href").string()
            return MessageMark(
                id: PercentEncoding.lastSegment(of: href), href: href, age: try entry.field("age").int(),
                created: try entry.field("created").string())
        }
        return QueueStatistics(
            claimed: try counters.field("claimed").int(), free: try counters.field("free").int(),
            total: try counters.field("total").int(), oldest: try mark("oldest"), newest: try mark("newest"))
    }

    /// Empties a queue (`POST /v2/queues/{name}/purge`): every message, claimed and delayed ones too.
    /// - Parameters:
    ///   - messages: purge the messages.
    ///   - subscriptions: purge the subscriptions (Flotilla has none yet; accepted for compatibility).
    /// - Throws: ``FlotillaClientError``.
    public func purgeQueue(_ name: String, messages: Bool = true, subscriptions: Bool = true)
        async throws(FlotillaClientError)
    {
        var types: [JSONValue] = []
        if messages { types.append(.string("messages")) }
        if subscriptions { types.append(.string("subscriptions")) }
        _ = try await call(
            .POST, Self.queuePath(name) + "/purge", retry: .idempotentWrite,
            body: .object(JSONObject([("resource_types", .array(types))])), expected: [204])
    }

    /// The `href` of a listing's `next` link, if it has one.
    static func nextHref(_ document: JSONReader) throws(FlotillaClientError) -> String? {
        guard let links = try document.optionalField("links") else { return nil }
        for link in try links.array() where try link.optionalField("rel")?.string() == "next" {
            return try link.field("href").string()
        }
        return nil
    }
}
