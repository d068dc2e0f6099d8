import NIOHTTP1
import QueueModel

extension FlotillaClient {
    /// The header that makes a post idempotent: the server stores a batch once per key (within 10 minutes) and
    /// answers a repeat with the first post's ids.
    static let idempotencyKeyHeader = "Idempotency-Key"

    /// Posts a batch of messages atomically, in order (`POST /v2/queues/{queue}/messages`); the queue is created
    /// if needed.
    ///
    /// Every attempt of this call carries the same `Idempotency-Key`, so a post retried across a failover is
    /// stored once and the ids returned are those of the one stored batch.
    /// - Parameters:
    ///   - queue: the queue name.
    ///   - messages: at least one message; the whole request body may be at most 256 KiB.
    ///   - idempotencyKey: the key to send (at most 256 bytes); a fresh UUID if nil. Pass your own to make your
    ///     own retries of this call deduplicate too; an ``FlotillaClientError/outcomeUnknown(_:)`` names the key
    ///     it used.
    /// - Returns: the new messages' ids, in request order.
    /// - Throws: ``FlotillaClientError``.
    @discardableResult
    public func postMessages(_ queue: String, _ messages: [OutgoingMessage], idempotencyKey: String? = nil)
        async throws(FlotillaClientError) -> [String]
    {
        let key = idempotencyKey ?? Self.randomUUID()
        let body = JSONValue.object(JSONObject([("messages", .array(messages.map(\.json)))]))
        let response: RouterResponse
        do {
            response = try await call(
                .POST, Self.queuePath(queue) + "/messages", retry: .idempotentWrite, body: body,
                headers: [(name: Self.idempotencyKeyHeader, value: key)], expected: [201])
        } catch .outcomeUnknown(let reason) {
            // The key is what resolves the doubt: a post with it within 10 minutes is stored at most once.
            throw .outcomeUnknown(reason + "; post again with idempotencyKey \"\(key)\" to store it exactly once")
        }
        let document = try JSONReader.parse(response.body, what: "post answer")
        var ids: [String] = []
        for resource in try document.field("resources").array() {
            ids.append(PercentEncoding.lastSegment(of: try resource.string()))
        }
        return ids
    }

    /// Lists a queue's messages in FIFO order (`GET /v2/queues/{queue}/messages`).
    /// - Parameters:
    ///   - marker: the ``MessageList/nextMarker`` of the previous page; nil for the first page.
    ///   - limit: 1–20 messages per page (the server's default is 10).
    ///   - echo: include messages this client (this `Client-ID`) posted.
    ///   - includeClaimed: include messages under an active claim.
    ///   - includeDelayed: include messages whose delay has not passed.
    /// - Returns: one page; an empty page ends the listing.
    /// - Throws: ``FlotillaClientError``.
    public func listMessages(
        _ queue: String, marker: String? = nil, limit: Int? = nil, echo: Bool = false, includeClaimed: Bool = false,
        includeDelayed: Bool = false
    ) async throws(FlotillaClientError) -> MessageList {
        var query = QueryBuilder()
        query.add("marker", marker)
        query.add("limit", limit)
        if echo { query.add("echo", true) }
        if includeClaimed { query.add("include_claimed", true) }
        if includeDelayed { query.add("include_delayed", true) }
        let response = try await call(
            .GET, Self.queuePath(queue) + "/messages" + query.text, retry: .read, expected: [200, 204])
        guard response.status == 200 else { return MessageList(messages: [], nextMarker: nil) }
        let document = try JSONReader.parse(response.body, what: "message list")
        var messages: [Message] = []
        for item in try document.field("messages").array() { messages.append(try Message.decode(item)) }
        var nextMarker: String?
        if !messages.isEmpty {
            nextMarker = try Self.nextHref(document).flatMap { PercentEncoding.queryValue("marker", in: $0) }
            guard nextMarker != nil else {
                throw .decoding("message list: a non-empty page without a next link carrying a marker")
            }
        }
        return MessageList(messages: messages, nextMarker: nextMarker)
    }

    /// One message by id, claimed or delayed or not (`GET /v2/queues/{queue}/messages/{id}`).
    /// - Throws: ``FlotillaClientError``; an unknown id is an ``FlotillaClientError/api(_:)`` 404.
    public func message(_ queue: String, id: String) async throws(FlotillaClientError) -> Message {
        let response = try await call(
            .GET, Self.queuePath(queue) + "/messages/" + PercentEncoding.encode(id), retry: .read, expected: [200])
        return try Message.decode(try JSONReader.parse(response.body, what: "message"))
    }

    /// The messages with these ids that exist, in request order (`GET /v2/queues/{queue}/messages?ids=...`).
    /// - Parameter ids: 1–20 ids.
    /// - Returns: the ones found; empty when none is (the server's 404).
    /// - Throws: ``FlotillaClientError``.
    public func messages(_ queue: String, ids: [String]) async throws(FlotillaClientError) -> [Message] {
        var query = QueryBuilder()
        query.add("ids", list: ids)
        let response = try await call(
            .GET, Self.queuePath(queue) + "/messages" + query.text, retry: .read, expected: [200, 404])
        guard response.status == 200 else {
            // 404 is also a malformed path or project; only the "no such messages" answer means "none".
            let error = Router.apiError(response)
            guard error.title == "Not found" else { throw .api(error) }
            return []
        }
        let document = try JSONReader.parse(response.body, what: "messages")
        var messages: [Message] = []
        for item in try document.field("messages").array() { messages.append(try Message.decode(item)) }
        return messages
    }

    /// Deletes a message (`DELETE /v2/queues/{queue}/messages/{id}[?claim_id=...]`); a missing one is fine.
    /// - Parameters:
    ///   - claimID: required when the message is under an active claim: that claim's id.
    /// - Throws: ``FlotillaClientError``: 403 when the message is claimed and `claimID` is not its claim, 400
    ///   when `claimID` is given but is no active claim or the message is not claimed.
    public func deleteMessage(_ queue: String, id: String, claimID: String? = nil) async throws(FlotillaClientError) {
        var query = QueryBuilder()
        query.add("claim_id", claimID)
        _ = try await call(
            .DELETE, Self.queuePath(queue) + "/messages/" + PercentEncoding.encode(id) + query.text,
            retry: .idempotentWrite, expected: [204])
    }

    /// Deletes messages by id whatever their claims (`DELETE /v2/queues/{queue}/messages?ids=...`); unknown ids
    /// are ignored.
    /// - Parameter ids: 1–20 ids.
    /// - Throws: ``FlotillaClientError``.
    public func deleteMessages(_ queue: String, ids: [String]) async throws(FlotillaClientError) {
        var query = QueryBuilder()
        query.add("ids", list: ids)
        _ = try await call(
            .DELETE, Self.queuePath(queue) + "/messages" + query.text, retry: .idempotentWrite, expected: [204])
    }

    /// Atomically takes and deletes up to `count` of the oldest unclaimed, visible messages
    /// (`DELETE /v2/queues/{queue}/messages?pop=N`).
    ///
    /// Not idempotent: retried only when nothing was sent. If an attempt may have reached a node without an
    /// answer, the call fails with ``FlotillaClientError/outcomeUnknown(_:)`` (the messages may be gone).
    /// - Parameter count: 1–20.
    /// - Returns: the messages taken (possibly none), with their claim counts.
    /// - Throws: ``FlotillaClientError``.
    public func popMessages(_ queue: String, count: Int) async throws(FlotillaClientError) -> [Message] {
        var query = QueryBuilder()
        query.add("pop", count)
        let response = try await call(
            .DELETE, Self.queuePath(queue) + "/messages" + query.text, retry: .nonIdempotentWrite, expected: [200])
        let document = try JSONReader.parse(response.body, what: "pop answer")
        var messages: [Message] = []
        for item in try document.field("messages").array() { messages.append(try Message.decode(item)) }
        return messages
    }
}
