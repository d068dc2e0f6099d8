import HTTPTypes
import Hummingbird
import QueueModel

extension ZaqarAPI {
    static var idempotencyKeyHeader: HTTPField.Name { HTTPField.Name("Idempotency-Key")! }

    /// `POST /v2/queues/{q}/messages` (§5.1): everything is validated before the queue is touched (decision 7);
    /// per-message delay is always honoured and validated (decision 1).
    func postMessages(_ request: Request, _ checked: CheckedRequest) async throws(ZaqarError) -> Response {
        let queue = checked.queue!
        let stored = try await read { () throws(QueueServiceError) in try await service.storedMetadata(queue) }
        let limit = QueueMetadata.settings(stored ?? JSONObject()).maxPostBytes
        let tooLarge: ZaqarError
        if let queueLimit = stored?["_max_messages_post_size"], queueLimit.isTruthy, let value = queueLimit.pythonInt {
            tooLarge = .invalidAPIRequest(
                "Message collection size is too large. The max size for current queue is \(limit). It is calculated by max size = min(max_messages_post_size_config: \(ZaqarLimits.maxMessagesPostBytes), max_messages_post_size_queue: \(value))."
            )
        } else {
            tooLarge = .invalidAPIRequest(
                "Message collection size is too large. Max size \(ZaqarLimits.maxMessagesPostBytes)")
        }
        if let length = RequestBody.declaredLength(request), length > limit { throw tooLarge }
        let bytes = try await RequestBody.required(request, limit: limit, tooLarge: tooLarge)
        guard case .object(let document) = try RequestBody.parseJSON(bytes), let value = document["messages"] else {
            throw .invalidAPIRequest("No messages were found in the request body.")
        }
        guard case .array(let items) = value else { throw .documentTypeNotSupported }
        var messages: [NewMessage] = []
        messages.reserveCapacity(items.count)
        for item in items {
            guard case .object(let message) = item else { throw .documentTypeNotSupported }
            guard let body = message["body"] else { throw .invalidBody("Missing \"body\" field.") }
            let ttl = try Self.integerField("ttl", in: message)
            let delay = try Self.integerField("delay", in: message)
            messages.append(
                NewMessage(
                    ttl: ttl, delay: delay, body: JSONSerializer.serialize(body),
                    checksum: checksums ? Checksum.of(body) : nil))
        }
        guard !messages.isEmpty else { throw .invalidAPIRequest("No messages to enqueu.") }
        for message in messages {
            if let ttl = message.ttl, !ZaqarLimits.messageTTLRange.contains(ttl) {
                throw .invalidAPIRequest(
                    "The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long.")
            }
            if let delay = message.delay, !ZaqarLimits.messageDelayRange.contains(delay) {
                throw .invalidAPIRequest(
                    "The Delay TTL for a message may not exceed 900 seconds,and must be at least 0 seconds long.")
            }
        }
        let key = request.headers[Self.idempotencyKeyHeader].flatMap { $0.isEmpty ? nil : $0 }
        if let key, key.utf8.count > 256 {
            throw .invalidAPIRequest("The Idempotency-Key header may not exceed 256 bytes.")
        }
        let command = QueueCommand.postMessages(
            queue, clientID: checked.clientID!, messages: messages, idempotencyKey: key)
        return try await mutate(command) { result throws(ZaqarError) in
            guard case .posted(let ids) = result else { throw .invalidAPIRequest("unexpected result") }
            let resources = ids.map { Render.quoted("/v2/queues/\(queue.name)/messages/\($0)") }.joined(separator: ", ")
            return Render.json(
                "{\"resources\": [" + resources + "]}", status: .created,
                headers: [.location: "/v2/queues/\(queue.name)/messages?ids=" + ids.joined(separator: ",")])
        }
    }

    /// An optional integer field of a JSON object, the reference's way: booleans count, anything else is
    /// `The value of the "<name>" field must be a int.`
    static func integerField(_ name: String, in object: JSONObject) throws(ZaqarError) -> Int? {
        guard let value = object[name] else { return nil }
        guard let number = value.pythonInt, let result = Int(exactly: number) else {
            throw .invalidBody("The value of the \"\(name)\" field must be a int.")
        }
        return result
    }

    /// `GET /v2/queues/{q}/messages` (§5.2), or by ids (§5.3).
    func listMessages(_ checked: CheckedRequest) async throws(ZaqarError) -> Response {
        let query = checked.query
        let queue = checked.queue!
        if query.contains("ids") { return try await messagesByIDs(checked) }
        let limit = try query.int("limit") ?? ZaqarLimits.defaultPageSize
        guard (1...ZaqarLimits.maxMessagesPerPage).contains(limit) else {
            throw .invalidAPIRequest("Limit must be at least 1 and may not be greater than 20.")
        }
        let echo = try query.bool("echo") ?? false
        let includeClaimed = try query.bool("include_claimed") ?? false
        let includeDelayed = try query.bool("include_delayed") ?? false
        let marker = query.string("marker")
        let page = try await read { () throws(QueueServiceError) in
            try await service.listMessages(
                queue, marker: marker, limit: limit, clientID: checked.clientID!, echo: echo,
                includeClaimed: includeClaimed,
                includeDelayed: includeDelayed)
        }
        var next: String?
        if let nextMarker = page.nextMarker {
            var pairs: [(String, String)] = []
            if marker != nil { pairs.append(("marker", nextMarker)) }
            if query.contains("limit") { pairs.append(("limit", String(limit))) }
            if query.contains("echo") { pairs.append(("echo", String(echo))) }
            if query.contains("include_claimed") { pairs.append(("include_claimed", String(includeClaimed))) }
            if query.contains("include_delayed") { pairs.append(("include_delayed", String(includeDelayed))) }
            if marker == nil { pairs.append(("marker", nextMarker)) }
            next = "/v2/queues/\(queue.name)/messages?" + Render.queryString(pairs)
        }
        return Render.json(
            "{\"messages\": " + Render.messageList(page.messages) + ", \"links\": " + Render.links(next: next) + "}")
    }

    /// `GET /v2/queues/{q}/messages?ids=...` (§5.3): request order, unknown ids ignored, 404 if none found.
    /// Empty items are dropped; a repeated id is returned as often as it was asked for.
    private func messagesByIDs(_ checked: CheckedRequest) async throws(ZaqarError) -> Response {
        let ids = checked.query.list("ids").filter { !$0.isEmpty }
        guard (1...ZaqarLimits.maxMessagesPerPage).contains(ids.count) else {
            throw .invalidAPIRequest("Limit must be at least 1 and may not be greater than 20.")
        }
        let found = try await read { () throws(QueueServiceError) in
            try await service.messages(checked.queue!, ids: ids)
        }
        guard !found.isEmpty else { throw .from(.messagesNotFound(checked.queue!, ids: ids)) }
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return Render.json("{\"messages\": " + Render.messageList(ids.compactMap { byID[$0] }) + "}")
    }

    /// `GET /v2/queues/{q}/messages/{mid}` (§5.4).
    func getMessage(_ checked: CheckedRequest, id: String) async throws(ZaqarError) -> Response {
        let queue = checked.queue!
        let found = try await read { () throws(QueueServiceError) in try await service.messages(queue, ids: [id]) }
        guard let message = found.first else {
            let exists = try await read { () throws(QueueServiceError) in try await service.storedMetadata(queue) != nil
            }
            throw exists ? .from(.messageNotFound(queue, id: id)) : .from(.queueNotFound(queue))
        }
        return Render.json(Render.message(message))
    }

    /// `DELETE /v2/queues/{q}/messages/{mid}[?claim_id=...]` (§5.5).
    func deleteMessage(_ checked: CheckedRequest, id: String) async throws(ZaqarError) -> Response {
        let claimID = checked.query.string("claim_id")
        return try await mutate(.deleteMessage(checked.queue!, messageID: id, claimID: claimID)) { _ in
            Response(status: .noContent)
        }
    }

    /// `DELETE /v2/queues/{q}/messages?ids=...` (§5.6) or `?pop=N` (§5.7).
    func deleteMessages(_ checked: CheckedRequest) async throws(ZaqarError) -> Response {
        let query = checked.query
        let hasIDs = query.contains("ids")
        let hasPop = query.contains("pop")
        let count = try query.int("pop")  // parsed first: a bad pop is "Invalid parameter" even beside ids
        if hasIDs && hasPop {
            throw .invalidAPIRequest("pop and id params cannot be present together in the delete request.")
        }
        if !hasIDs && !hasPop {
            throw .invalidAPIRequest(
                "The request should have either \"ids\" or \"pop\" parameter in the request, to be able to delete.")
        }
        if hasIDs {
            let ids = query.list("ids").filter { !$0.isEmpty }
            guard (1...ZaqarLimits.maxMessagesPerPage).contains(ids.count) else {
                throw .invalidAPIRequest("ids parameter should have at least 1 and not greater than 20 values.")
            }
            return try await mutate(.deleteMessages(checked.queue!, ids: ids)) { _ in Response(status: .noContent) }
        }
        guard let count, (1...ZaqarLimits.maxMessagesPerClaimOrPop).contains(count) else {
            throw .invalidAPIRequest("Pop value must be at least 1 and may not be greater than 20.")
        }
        return try await mutate(.popMessages(checked.queue!, count: count)) { result throws(ZaqarError) in
            guard case .popped(let messages) = result else { throw .invalidAPIRequest("unexpected result") }
            return Render.json("{\"messages\": [" + messages.map(Render.poppedMessage).joined(separator: ", ") + "]}")
        }
    }
}
