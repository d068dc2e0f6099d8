import AsyncHTTPClient
import FlotillaHTTP
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// Forwards a client's request from a follower to the leader's API and streams the leader's answer back, so a
/// client may talk to any node. Bodies stream both ways; the leader applies every limit and check.
///
/// A forwarded request carries ``forwardedHeader``; a node that receives one while not leading answers 503
/// instead of forwarding again (no loops while leadership moves).
struct LeaderProxy: Sendable {
    static let forwardedHeader = HTTPField.Name("X-Flotilla-Forwarded-By")!

    let client: HTTPClient
    let nodeName: String
    let timeout: TimeAmount

    /// Headers that describe one connection, not the request (RFC 9110 §7.6.1), and the length AsyncHTTPClient
    /// sets itself.
    private static let connectionHeaders: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
        "content-length", "host",
    ]

    func forward(_ request: Request, to leaderURL: String) async -> Response {
        var outbound = HTTPClientRequest(url: leaderURL + request.uri.description)
        outbound.method = HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers where !Self.connectionHeaders.contains(field.name.canonicalName) {
            outbound.headers.add(name: field.name.rawName, value: field.value)
        }
        outbound.headers.add(name: Self.forwardedHeader.rawName, value: nodeName)
        if let length = request.headers[.contentLength].flatMap({ Int($0) }) {
            outbound.body = .stream(request.body, length: .known(Int64(length)))
        } else if request.headers[.transferEncoding] != nil {
            outbound.body = .stream(request.body, length: .unknown)
        }
        do {
            let answer = try await client.execute(outbound, timeout: timeout)
            var headers = HTTPFields()
            for (name, value) in answer.headers {
                guard let name = HTTPField.Name(name), !Self.connectionHeaders.contains(name.canonicalName) else {
                    continue
                }
                headers.append(HTTPField(name: name, value: value))
            }
            if let length = answer.headers.first(name: "content-length") { headers[.contentLength] = length }
            return Response(
                status: HTTPResponse.Status(code: Int(answer.status.code), reasonPhrase: answer.status.reasonPhrase),
                headers: headers, body: ResponseBody(asyncSequence: answer.body))
        } catch {
            // A mutation may have reached the leader before the connection failed: its outcome is unknown, which
            // the client resolves by retrying with its idempotency key. A read is simply retried.
            let reason = "The leader could not be reached from \(nodeName) (\(error))."
            let isRead = request.method == .get || request.method == .head
            return ZaqarError.from(
                isRead ? .unavailable(reason: reason, retryAfterSeconds: 1) : .outcomeUnknown(reason)
            ).response()
        }
    }
}
