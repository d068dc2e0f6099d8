import HTTPTypes
import Hummingbird
import QueueModel

extension ZaqarAPI {
    /// `GET /v2/queues` (§4.1), with MongoDB's `name` and metadata filters (decision 5).
    func listQueues(_ checked: CheckedRequest) async throws(ZaqarError) -> Response {
        let query = checked.query
        let limit = try query.int("limit") ?? ZaqarLimits.defaultPageSize
        guard (1...ZaqarLimits.maxQueuesPerPage).contains(limit) else {
            throw .invalidAPIRequest("Limit must be at least 1 and no greater than 20.")
        }
        let detailed = try query.bool("detailed") ?? false
        let withCount = try query.bool("with_count") ?? false
        let marker = query.string("marker")
        let name = query.string("name")
        let recognised: Set<String> = ["marker", "limit", "detailed", "with_count", "name"]
        var filters: [(key: String, value: String)] = []
        for pair in query.pairs where !recognised.contains(pair.name) {
            filters.removeAll { $0.key == pair.name }
            filters.append((pair.name, pair.value))
        }
        let page = try await read { () throws(QueueServiceError) in
            try await service.listQueues(
                project: checked.project, marker: marker, limit: limit, detailed: detailed, nameContains: name,
                metadataEquals: filters)
        }
        let items = page.queues.map { queue -> String in
            var item = "{\"name\": " + Render.quoted(queue.name)
            if let metadata = queue.metadata {
                item += ", \"metadata\": " + JSONSerializer.serialize(.object(metadata))
            }
            return item + ", \"href\": " + Render.quoted("/v2/queues/\(queue.name)") + "}"
        }
        var next: String?
        if let last = page.queues.last {
            // The recognised parameters the request sent, in this order; the marker takes the last name, and is
            // appended if the request had none.
            var pairs: [(String, String)] = []
            if query.contains("marker") { pairs.append(("marker", last.name)) }
            if let value = query.string("limit") {
                pairs.append(("limit", String(QueryParameters.pythonInt(value) ?? limit)))
            }
            if query.contains("detailed") { pairs.append(("detailed", String(detailed))) }
            if let name { pairs.append(("name", name)) }
            if query.contains("with_count") { pairs.append(("with_count", String(withCount))) }
            if !query.contains("marker") { pairs.append(("marker", last.name)) }
            next = "/v2/queues?" + Render.queryString(pairs)
        }
        var body = "{\"queues\": [" + items.joined(separator: ", ") + "], \"links\": " + Render.links(next: next)
        if withCount && page.total > 0 { body += ", \"count\": \(page.total)" }
        return Render.json(body + "}")
    }

    /// The metadata object of a PUT body: absent means none; it must be a JSON object (§4.2).
    private func metadataBody(_ request: Request, tooLarge: ZaqarError) async throws(ZaqarError) -> JSONObject {
        if let length = RequestBody.declaredLength(request), length > ZaqarLimits.maxQueueMetadataBytes {
            throw tooLarge
        }
        guard
            let bytes = try await RequestBody.read(
                request, limit: ZaqarLimits.maxQueueMetadataBytes, tooLarge: tooLarge)
        else {
            return JSONObject()
        }
        guard case .object(let object) = try RequestBody.parseJSON(bytes) else { throw .documentTypeNotSupported }
        return object
    }

    /// `PUT /v2/queues/{q}` (§4.2): 201 when created, 204 when it existed (its metadata unchanged).
    func createQueue(_ request: Request, _ checked: CheckedRequest) async throws(ZaqarError) -> Response {
        let queue = checked.queue!
        let metadata = try await metadataBody(
            request,
            tooLarge: .invalidAPIRequest("Queue metadata is too large. Max size: \(ZaqarLimits.maxQueueMetadataBytes)"))
        if let error = QueueMetadata.validationError(metadata) { throw .invalidAPIRequest(error) }
        return try await mutate(.createQueue(queue, metadata: metadata)) { result throws(ZaqarError) in
            guard case .queueCreated(let created) = result else { throw .invalidAPIRequest("unexpected result") }
            return Response(
                status: created ? .created : .noContent,
                headers: created
                    ? [.location: "/v2/queues/\(queue.name)", .contentLength: "0", .contentType: "application/json"]
                    : [.location: "/v2/queues/\(queue.name)"])
        }
    }

    /// `GET /v2/queues/{q}` (§4.3): 200 with the metadata and reserved defaults, also for a missing queue.
    func getQueue(_ checked: CheckedRequest) async throws(ZaqarError) -> Response {
        let stored = try await read { () throws(QueueServiceError) in try await service.storedMetadata(checked.queue!) }
        return Render.json(.object(QueueMetadata.withDefaults(stored ?? JSONObject())))
    }

    static var patchContentType: String { "application/openstack-messaging-v2.0-json-patch" }

    /// `PATCH /v2/queues/{q}` (§4.4): JSON-patch operations on the metadata, checked in the reference's order.
    func patchQueue(_ request: Request, _ checked: CheckedRequest) async throws(ZaqarError) -> Response {
        let tooLarge = ZaqarError.invalidBody(
            "Queue metadata is too large. Max size: \(ZaqarLimits.maxQueueMetadataBytes)")
        if let length = RequestBody.declaredLength(request), length > ZaqarLimits.maxQueueMetadataBytes {
            throw tooLarge
        }
        guard request.headers[.contentType] == Self.patchContentType else {
            throw ZaqarError(
                .unsupportedMediaType,
                title: "Accepted media type for PATCH: {'Accept-Patch': '\(Self.patchContentType)'}.",
                headers: [HTTPField.Name("Accept-Patch")!: Self.patchContentType])
        }
        guard
            let bytes = try await RequestBody.read(
                request, limit: ZaqarLimits.maxQueueMetadataBytes, tooLarge: tooLarge)
        else {
            throw .invalidBody("PATCH body could not be empty for update.")
        }
        guard case .array(let changes) = try RequestBody.parseJSON(bytes) else {
            throw .invalidBody("Request body must be a JSON array of operation objects.")
        }
        let operations = try changes.map { change throws(ZaqarError) in try MetadataPatchParser.parse(change) }
        // Validation failures after the patch is applied are titled "Invalid request body" (PUT says
        // "Invalid API request").
        let refusal: (QueueError) -> ZaqarError = { error in
            if case .invalidMetadata(let description) = error { return .invalidBody(description) }
            return .from(error)
        }
        return try await mutate(.patchMetadata(checked.queue!, operations: operations), refusal: refusal) {
            result throws(ZaqarError) in
            guard case .metadata(let metadata) = result else { throw .invalidAPIRequest("unexpected result") }
            return Render.json(.object(metadata))
        }
    }

    /// `GET /v2/queues/{q}/stats` (§4.6), `oldest`/`newest` as `{age, href, created}` (decision 13).
    func stats(_ checked: CheckedRequest) async throws(ZaqarError) -> Response {
        let stats = try await read { () throws(QueueServiceError) in try await service.stats(checked.queue!) }
        var body = "{\"messages\": {\"claimed\": \(stats.claimed), \"free\": \(stats.free), \"total\": \(stats.total)"
        for (name, summary) in [("oldest", stats.oldest), ("newest", stats.newest)] {
            guard let summary else { continue }
            body += ", \"\(name)\": {\"age\": \(summary.age), \"href\": "
            body += Render.quoted(Render.messageHref(queue: checked.queue!.name, id: summary.id, claimID: nil))
            body += ", \"created\": " + Render.quoted(summary.created.iso8601) + "}"
        }
        return Render.json(body + "}}")
    }

    /// `POST /v2/queues/{q}/purge` (§4.7): every message goes (decision 9); subscriptions are not implemented.
    func purge(_ request: Request, _ checked: CheckedRequest) async throws(ZaqarError) -> Response {
        var messages = true
        var subscriptions = true
        let tooLarge = ZaqarError.invalidAPIRequest("Request body is too large.")
        if let bytes = try await RequestBody.read(request, limit: ZaqarLimits.maxQueueMetadataBytes, tooLarge: tooLarge)
        {
            // `"resource_types" not in body` is also true of an array, so the reference gives the key error.
            guard case .object(let document) = try RequestBody.parseJSON(bytes), let types = document["resource_types"]
            else {
                throw .invalidAPIRequest("Post body must contain key \"resource_types\".")
            }
            let invalid = ZaqarError.invalidAPIRequest(
                "Resource types must be a sub set of {'messages', 'subscriptions'}.")
            guard case .array(let items) = types else { throw invalid }
            var names: Set<String> = []
            for item in items {
                guard case .string(let name) = item, name == "messages" || name == "subscriptions" else {
                    throw invalid
                }
                names.insert(name)
            }
            messages = names.contains("messages")
            subscriptions = names.contains("subscriptions")
        }
        return try await mutate(.purgeQueue(checked.queue!, messages: messages, subscriptions: subscriptions)) { _ in
            Response(status: .noContent)
        }
    }

    /// `POST /v2/queues/{q}/share` (§4.8): pre-signed URLs need a signing key, which Flotilla does not configure;
    /// the body is validated as the reference does, then the reference's no-key answer is given.
    func share(_ request: Request, _ checked: CheckedRequest) async throws(ZaqarError) -> Response {
        let bytes = try await RequestBody.required(
            request, limit: ZaqarLimits.maxQueueMetadataBytes,
            tooLarge: .invalidAPIRequest("Request body is too large."))
        guard case .object(let document) = try RequestBody.parseJSON(bytes) else { throw .documentTypeNotSupported }
        let unknown = document.keys.filter { !["paths", "methods", "expires"].contains($0) }
        if !unknown.isEmpty {
            throw .invalidAPIRequest("Unknown keys: {" + unknown.map { "'\($0)'" }.joined(separator: ", ") + "}")
        }
        if case .array(let paths)? = document["paths"] {
            let invalid = paths.compactMap { path -> String? in
                guard case .string(let name) = path else { return JSONSerializer.serialize(path) }
                return ["messages", "subscriptions", "claims"].contains(name) ? nil : "'\(name)'"
            }
            if !invalid.isEmpty { throw .invalidAPIRequest("Invalid paths: {" + invalid.joined(separator: ", ") + "}") }
        }
        throw .invalidAPIRequest("The `key` can't be None")
    }
}
