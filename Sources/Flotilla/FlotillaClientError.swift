/// Why a ``FlotillaClient`` call did not produce its result.
///
/// The cases separate what a caller must handle differently:
/// - ``api(_:)``: a node answered, and the answer is a refusal (a 4xx, or a 5xx the router did not or could not
///   retry). Nothing more is known than what the server said; for a 4xx, nothing was changed.
/// - ``transport(_:)``: no node gave an answer within the router's budget, and the call changed nothing that
///   matters: it was a read, or no attempt can have reached a server.
/// - ``outcomeUnknown(_:)``: the call was a mutation and an attempt may have reached a server without an answer
///   coming back (a timeout or a connection lost after sending, or, for claim creation and pop, a 503). The
///   mutation may or may not have been applied; look before retrying.
/// - ``decoding(_:)``: a node answered 2xx with a body this client cannot read (a version mismatch or a bug).
/// - ``invalidArgument(_:)``: the call was refused before anything was sent (a malformed endpoint URL, an empty
///   id list).
public enum FlotillaClientError: Error, Sendable, Hashable, CustomStringConvertible {
    case api(APIError)
    case transport(TransportFailure)
    case outcomeUnknown(String)
    case decoding(String)
    case invalidArgument(String)

    /// The HTTP status of an ``api(_:)`` error, nil for the other cases.
    public var status: Int? {
        if case .api(let error) = self { return error.status }
        return nil
    }

    public var description: String {
        switch self {
        case .api(let error): return error.description
        case .transport(let failure): return failure.description
        case .outcomeUnknown(let reason): return "outcome unknown: \(reason)"
        case .decoding(let reason): return "unreadable answer: \(reason)"
        case .invalidArgument(let reason): return "invalid argument: \(reason)"
        }
    }
}

/// A refusal from a node: its status and Zaqar's `{"title", "description"}` error body (either may be absent: the
/// router's 404 and 405 carry only a title, a 406 has no body).
public struct APIError: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code, e.g. 404.
    public var status: Int
    /// The error body's `title`.
    public var title: String?
    /// The error body's `description` (called `detail` here because `description` is the summary below).
    public var detail: String?
    /// The base URL of the node that answered.
    public var endpoint: String

    public init(status: Int, title: String?, description: String?, endpoint: String) {
        self.status = status
        self.title = title
        self.detail = description
        self.endpoint = endpoint
    }

    public var description: String {
        var text = "HTTP \(status)"
        if let title { text += " \(title)" }
        if let detail { text += ": \(detail)" }
        return text + " (from \(endpoint))"
    }
}

/// Why no node answered: every attempt failed to connect, timed out, or was answered with a 503, until the
/// router's attempts or time budget ran out.
public struct TransportFailure: Sendable, Hashable, CustomStringConvertible {
    /// How many attempts were made.
    public var attempts: Int
    /// The endpoints tried, in order (an endpoint appears once per attempt).
    public var endpoints: [String]
    /// The last attempt's failure, in words.
    public var lastError: String

    public init(attempts: Int, endpoints: [String], lastError: String) {
        self.attempts = attempts
        self.endpoints = endpoints
        self.lastError = lastError
    }

    public var description: String {
        "no node answered after \(attempts) attempt\(attempts == 1 ? "" : "s") (\(endpoints.joined(separator: ", "))): "
            + lastError
    }
}
