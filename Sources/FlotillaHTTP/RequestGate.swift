public import HTTPTypes
public import Hummingbird
import QueueModel

/// What the checks before a handler established about a request (§1.2).
struct CheckedRequest {
    let route: Route
    let clientID: ClientID?
    let project: String
    let query: QueryParameters
    /// The queue of the path, validated.
    var queue: QueueRef? { route.queueName.map { QueueRef(project: project, name: $0) } }
}

/// The checks every request passes before its handler, in the reference's order (§1.2): form content type,
/// Accept, Client-ID (on `/v2/...`), X-Project-ID (everywhere but `/`), the queue name and project id (on paths
/// with a queue), and the admin policy (on `/v2/health`). The first failure is the answer.
enum RequestGate {
    static let clientIDHeader = HTTPField.Name("Client-ID")!
    static let projectHeader = HTTPField.Name("X-Project-ID")!
    static let rolesHeader = HTTPField.Name("X-Roles")!

    /// - Parameter checkingPolicy: false for OPTIONS, which the reference answers without the admin policy.
    static func check(
        _ request: Request, route: Route, path: String, checkingPolicy: Bool = true
    ) throws(ZaqarError) -> CheckedRequest {
        if hasBody(request), let type = request.headers[.contentType],
            type.trimmed().lowercased() == "application/x-www-form-urlencoded"
        {
            throw ZaqarError(
                .badRequest, title: "Invalid Content-Type",
                description:
                    "Endpoint does not accept `application/x-www-form-urlencoded` content; currently supported media type is `application/json`; specify proper client-side media type with the \"Content-Type\" header."
            )
        }
        if let accept = request.headers[values: .accept].joined(separator: ",").nonEmpty, !acceptsJSON(accept) {
            throw ZaqarError(.notAcceptable, title: nil)
        }
        var clientID: ClientID?
        // Required on `/v2/...`; elsewhere (`/`) checked only when sent.
        if path.hasPrefix("/v2/") || request.headers[clientIDHeader] != nil {
            guard let raw = request.headers[clientIDHeader] else {
                throw ZaqarError(
                    .badRequest, title: "Missing header value", description: "The \"Client-ID\" header is required.")
            }
            guard let parsed = ClientID(parsing: raw.trimmed()) else {
                throw ZaqarError(.badRequest, title: "Wrong UUID value", description: "Malformed hexadecimal UUID.")
            }
            clientID = parsed
        }
        var project = ""
        if route != .versions {
            guard let raw = request.headers[projectHeader] else {
                throw ZaqarError(
                    .badRequest, title: "Project-Id Missing", description: "The header X-PROJECT-ID was missing")
            }
            guard !raw.trimmed().isEmpty else {
                throw ZaqarError(
                    .badRequest, title: "Empty project header not allowed",
                    description:
                        "X-PROJECT-ID cannot be an empty string. Specify the right header X-PROJECT-ID and retry.")
            }
            project = raw.trimmed()
        }
        if let name = route.queueName, !(QueueRef.isValidName(name) && QueueRef.isValidProject(project)) {
            throw ZaqarError(
                .badRequest, title: "Invalid queue identification",
                description: "The format of the submitted queue name or project id is not valid.")
        }
        if checkingPolicy && route == .health {
            // The reference compares role names case-insensitively but does not trim them ("member, admin" fails).
            let roles = request.headers[values: rolesHeader].flatMap { $0.split(separator: ",") }.map {
                $0.lowercased()
            }
            guard roles.contains("admin") else {
                throw ZaqarError(
                    .forbidden, title: "Not authorized", description: "You are not authorized to complete this action.")
            }
        }
        return CheckedRequest(
            route: route, clientID: clientID, project: project, query: QueryParameters(query: request.uri.query))
    }

    /// Whether the request carries a body (a non-zero Content-Length, or chunked transfer).
    static func hasBody(_ request: Request) -> Bool {
        if let length = request.headers[.contentLength], let value = Int(length) { return value > 0 }
        return request.headers[.transferEncoding]?.lowercased().contains("chunked") ?? false
    }

    /// Whether an `Accept` header admits JSON as the reference decides: `application/json`, `application/*` or
    /// `*/*`, matched case-sensitively, at any quality but 0 (which refuses).
    static func acceptsJSON(_ accept: String) -> Bool {
        accept.split(separator: ",").contains { range in
            let parts = range.split(separator: ";").map { $0.trimmed() }
            let mediaType = parts.first ?? ""
            guard mediaType == "application/json" || mediaType == "application/*" || mediaType == "*/*" else {
                return false
            }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
    }
}

extension StringProtocol {
    func trimmed() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }

    var nonEmpty: String? { isEmpty ? nil : String(self) }
}
