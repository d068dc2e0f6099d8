import HTTPTypes
import Hummingbird
import QueueModel

extension ZaqarAPI {
    /// The `{"ttl": int, "grace": int}` of a claim body: a missing field, or null (what python-zaqarclient sends
    /// by default), takes the default.
    private func claimTiming(_ bytes: [UInt8]?) throws(ZaqarError) -> (ttl: Int, grace: Int) {
        guard let bytes else { return (ZaqarLimits.defaultClaimTTL, ZaqarLimits.defaultClaimGrace) }
        guard case .object(var object) = try RequestBody.parseJSON(bytes) else { throw .documentTypeNotSupported }
        for key in ["ttl", "grace"] where object[key] == .null { object[key] = nil }
        return (
            try Self.integerField("ttl", in: object) ?? ZaqarLimits.defaultClaimTTL,
            try Self.integerField("grace", in: object) ?? ZaqarLimits.defaultClaimGrace
        )
    }

    private static var claimTTLError: ZaqarError {
        .invalidAPIRequest("The TTL for a claim may not exceed 43200 seconds, and must be at least 60 seconds long.")
    }

    private static var claimBodyTooLarge: ZaqarError { .invalidAPIRequest("Request body is too large.") }

    /// `POST /v2/queues/{q}/claims[?limit=N]` (§6.1): 201 with the claimed messages, or 204.
    func createClaim(_ request: Request, _ checked: CheckedRequest) async throws(ZaqarError) -> Response {
        let queue = checked.queue!
        let limit = try checked.query.int("limit") ?? ZaqarLimits.defaultClaimLimit
        let bytes = try await RequestBody.read(
            request, limit: ZaqarLimits.maxQueueMetadataBytes, tooLarge: Self.claimBodyTooLarge)
        let timing = try claimTiming(bytes)
        guard ZaqarLimits.claimTTLRange.contains(timing.ttl) else { throw Self.claimTTLError }
        guard (1...ZaqarLimits.maxMessagesPerClaimOrPop).contains(limit) else {
            throw .invalidAPIRequest("Limit must be at least 1 and may not be greater than 20.")
        }
        guard ZaqarLimits.claimGraceRange.contains(timing.grace) else {
            throw .invalidAPIRequest(
                "The grace for a claim may not exceed 43200 seconds, and must be at least 60 seconds long.")
        }
        return try await mutate(.claimMessages(queue, limit: limit, ttl: timing.ttl, grace: timing.grace)) {
            result throws(ZaqarError) in
            guard case .claimed(let claim) = result else { throw .invalidAPIRequest("unexpected result") }
            guard let claim else { return Response(status: .noContent) }
            return Render.json(
                "{\"messages\": " + Render.messageList(claim.messages) + "}", status: .created,
                headers: [.location: "/v2/queues/\(queue.name)/claims/\(claim.id)"])
        }
    }

    /// `GET /v2/queues/{q}/claims/{cid}` (§6.2).
    func getClaim(_ checked: CheckedRequest, id: String) async throws(ZaqarError) -> Response {
        let queue = checked.queue!
        let claim = try await read { () throws(QueueServiceError) in try await service.claim(queue, id: id) }
        guard let claim else { throw .from(.claimNotFound(queue, claimID: id)) }
        return Render.json(
            "{\"age\": \(claim.age), \"ttl\": \(claim.ttl), \"messages\": " + Render.messageList(claim.messages)
                + ", \"href\": " + Render.quoted("/v2/queues/\(queue.name)/claims/\(id)") + "}")
    }

    /// `PATCH /v2/queues/{q}/claims/{cid}` (§6.3): absent fields take the defaults; only `ttl` is range-checked
    /// (a negative grace is refused, which the reference would accept).
    func renewClaim(_ request: Request, _ checked: CheckedRequest, id: String) async throws(ZaqarError) -> Response {
        let bytes = try await RequestBody.required(
            request, limit: ZaqarLimits.maxQueueMetadataBytes, tooLarge: Self.claimBodyTooLarge)
        let timing = try claimTiming(bytes)
        guard ZaqarLimits.claimTTLRange.contains(timing.ttl) else { throw Self.claimTTLError }
        guard timing.grace >= 0 else {
            throw .invalidAPIRequest(
                "The grace for a claim may not exceed 43200 seconds, and must be at least 60 seconds long.")
        }
        return try await mutate(.renewClaim(checked.queue!, claimID: id, ttl: timing.ttl, grace: timing.grace)) { _ in
            Response(status: .noContent)
        }
    }
}
