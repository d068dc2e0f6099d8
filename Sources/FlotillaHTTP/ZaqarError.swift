public import HTTPTypes
public import Hummingbird
import QueueModel

/// An error response in Zaqar's shape: `{"title": ..., "description": ...}` (§1.3), or a bare body for the router's
/// 404 and 405 and for 406.
public struct ZaqarError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var title: String?
    public var description: String?
    public var extraHeaders: HTTPFields

    public init(_ status: HTTPResponse.Status, title: String?, description: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.title = title
        self.description = description
        self.extraHeaders = headers
    }

    static func invalidAPIRequest(_ description: String) -> ZaqarError {
        ZaqarError(.badRequest, title: "Invalid API request", description: description)
    }

    static func invalidBody(_ description: String) -> ZaqarError {
        ZaqarError(.badRequest, title: "Invalid request body", description: description)
    }

    static func invalidParameter(_ name: String, _ expectation: String) -> ZaqarError {
        ZaqarError(
            .badRequest, title: "Invalid parameter", description: "The \"\(name)\" parameter is invalid. \(expectation)"
        )
    }

    static func notFound(_ description: String) -> ZaqarError {
        ZaqarError(.notFound, title: "Not found", description: description)
    }

    static let routeNotFound = ZaqarError(.notFound, title: "404 Not Found")

    static let emptyBody = invalidBody("Request body can not be empty")
    static let unparseableBody = invalidBody("Request body could not be parsed.")
    static let integerTooLarge = invalidBody("JSON contains integer that is too large.")
    static let documentTypeNotSupported = invalidBody("Document type not supported.")

    /// The response. 406 answers have an empty body, as the reference's do for a client accepting neither JSON
    /// nor XML.
    public func response() -> Response {
        var headers = extraHeaders
        guard let title, status != .notAcceptable else {
            // The reference's bodiless errors still say JSON (its 406 also varies on Accept).
            headers[.contentType] = "application/json"
            if status == .notAcceptable { headers[.vary] = "Accept" }
            headers[.contentLength] = "0"
            return Response(status: status, headers: headers)
        }
        var object = JSONObject()
        object["title"] = .string(title)
        if let description { object["description"] = .string(description) }
        headers[.contentType] = "application/json"
        return Response(
            status: status, headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: JSONSerializer.serialize(.object(object)))))
    }

    /// The reference's answer to a ``QueueError`` from the engine, for `queue` and `project` in texts.
    static func from(_ error: QueueError) -> ZaqarError {
        switch error {
        case .queueNotFound(let queue):
            return notFound("Queue \(queue.name) does not exist for project \(queue.project)")
        case .metadataConflict(let operation, let key):
            return ZaqarError(
                .conflict, title: "Resource conflict",
                description: "Can't \(operation.rawValue) non-existent object \(key).")
        case .invalidMetadata(let description):
            return invalidAPIRequest(description)
        case .claimNotFound(let queue, let claimID):
            return notFound("Claim \(claimID) does not exist in queue \(queue.name) for project \(queue.project)")
        case .messagesNotFound(let queue, let ids):
            return notFound(
                "No messages with IDs: \(pythonList(ids)) found in the queue \(queue.name) for project \(queue.project)."
            )
        case .messageNotFound(let queue, let id):
            return notFound("Message \(id) does not exist in queue \(queue.name) for project \(queue.project)")
        case .messageClaimed:
            return ZaqarError(
                .forbidden, title: "Unable to delete",
                description: "This message is claimed; it cannot be deleted without a valid claim ID.")
        case .messageNotClaimed:
            return ZaqarError(
                .badRequest, title: "Unable to delete",
                description: "A claim was specified, but the message is not currently claimed.")
        case .claimInvalid:
            return ZaqarError(
                .badRequest, title: "Unable to delete",
                description: "The specified claim does not exist or has expired.")
        case .invalidCommand(let reason):
            return invalidAPIRequest(reason)
        }
    }

    /// The reference's answer when the service cannot serve.
    public static func from(_ error: QueueServiceError) -> ZaqarError {
        switch error {
        case .unavailable(let reason, let retryAfter):
            return ZaqarError(
                .serviceUnavailable, title: "Service temporarily unavailable",
                description: "\(reason) Please try again in a few seconds.", headers: [.retryAfter: String(retryAfter)])
        case .outcomeUnknown(let reason):
            return ZaqarError(
                .serviceUnavailable, title: "Service temporarily unavailable",
                description:
                    "\(reason) The outcome is unknown; retry with the same Idempotency-Key. Please try again in a few seconds.",
                headers: [.retryAfter: "1"])
        case .internalFailure(let reason):
            return ZaqarError(.internalServerError, title: "Internal server error", description: reason)
        }
    }

    /// Python's `repr` of a list of strings: `['a', 'b']`.
    static func pythonList(_ items: [String]) -> String {
        "[" + items.map { $0.contains("'") && !$0.contains("\"") ? "\"\($0)\"" : "'\($0)'" }.joined(separator: ", ")
            + "]"
    }
}
