import NIOHTTP1
import QueueModel

extension FlotillaClient {
    /// Claims up to `limit` of the oldest unclaimed, visible messages for `ttl` seconds
    /// (`POST /v2/queues/{queue}/claims`).
    ///
    /// Not idempotent: retried only when nothing was sent. If an attempt may have reached a node without an
    /// answer, the call fails with ``FlotillaClientError/outcomeUnknown(_:)`` (a claim may exist that this client
    /// never learned of; its messages come back when it expires).
    /// - Parameters:
    ///   - ttl: the claim's lifetime, 60–43200 seconds.
    ///   - grace: extra lifetime given to claimed messages that would expire during the claim, 60–43200 seconds.
    ///   - limit: 1–20 messages (the server's default is 10).
    /// - Returns: the claim with its messages, or nil when there was nothing to claim.
    /// - Throws: ``FlotillaClientError``.
    public func createClaim(_ queue: String, ttl: Int = 300, grace: Int = 60, limit: Int? = nil)
        async throws(FlotillaClientError) -> Claim?
    {
        var query = QueryBuilder()
        query.add("limit", limit)
        let body = JSONValue.object(JSONObject([("ttl", .int(Int64(ttl))), ("grace", .int(Int64(grace)))]))
        let response = try await call(
            .POST, Self.queuePath(queue) + "/claims" + query.text, retry: .nonIdempotentWrite, body: body,
            expected: [201, 204])
        guard response.status == 201 else { return nil }
        let document = try JSONReader.parse(response.body, what: "claim")
        var messages: [Message] = []
        for item in try document.field("messages").array() { messages.append(try Message.decode(item)) }
        // The Location names the claim; zaqarclient's fallback is the claim id ending each message's href.
        guard
            let id = response.header("Location").map(PercentEncoding.lastSegment(of:)) ?? messages.first?.claimID,
            !id.isEmpty
        else {
            throw .decoding("claim: a 201 without a Location or a claimed message naming the claim")
        }
        return Claim(id: id, ttl: ttl, age: 0, messages: messages)
    }

    /// A claim and the messages it still holds (`GET /v2/queues/{queue}/claims/{id}`).
    /// - Throws: ``FlotillaClientError``; a missing, expired or released claim is an ``FlotillaClientError/api(_:)``
    ///   404.
    public func claim(_ queue: String, id: String) async throws(FlotillaClientError) -> Claim {
        let response = try await call(
            .GET, Self.queuePath(queue) + "/claims/" + PercentEncoding.encode(id), retry: .read, expected: [200])
        let document = try JSONReader.parse(response.body, what: "claim")
        var messages: [Message] = []
        for item in try document.field("messages").array() { messages.append(try Message.decode(item)) }
        return Claim(
            id: id, ttl: try document.field("ttl").int(), age: try document.field("age").int(), messages: messages)
    }

    /// Renews a claim: its lifetime restarts at `ttl` seconds from now (`PATCH /v2/queues/{queue}/claims/{id}`).
    /// - Parameters:
    ///   - ttl: 60–43200 seconds.
    ///   - grace: extra lifetime for claimed messages that would expire during the claim.
    /// - Throws: ``FlotillaClientError``; a missing or expired claim is an ``FlotillaClientError/api(_:)`` 404.
    public func renewClaim(_ queue: String, id: String, ttl: Int = 300, grace: Int = 60)
        async throws(FlotillaClientError)
    {
        let body = JSONValue.object(JSONObject([("ttl", .int(Int64(ttl))), ("grace", .int(Int64(grace)))]))
        _ = try await call(
            .PATCH, Self.queuePath(queue) + "/claims/" + PercentEncoding.encode(id), retry: .idempotentWrite,
            body: body, expected: [204])
    }

    /// Releases a claim: its messages become claimable at once (`DELETE /v2/queues/{queue}/claims/{id}`); a
    /// missing claim is fine.
    /// - Throws: ``FlotillaClientError``.
    public func releaseClaim(_ queue: String, id: String) async throws(FlotillaClientError) {
        _ = try await call(
            .DELETE, Self.queuePath(queue) + "/claims/" + PercentEncoding.encode(id), retry: .idempotentWrite,
            expected: [204])
    }
}
