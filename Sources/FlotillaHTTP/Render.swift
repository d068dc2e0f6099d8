public import HTTPTypes
public import Hummingbird
import NIOCore
import QueueModel

/// Response bodies in the reference's JSON (separators `", "` and `": "`, key order as observed).
enum Render {
    static let commitIndexHeader = HTTPField.Name("X-Flotilla-Commit-Index")!
    static let leaderHeader = HTTPField.Name("X-Flotilla-Leader")!

    static func json(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        json(JSONSerializer.serialize(value), status: status, headers: headers)
    }

    static func quoted(_ text: String) -> String { JSONSerializer.serialize(.string(text)) }

    static func unavailable() -> Response {
        ZaqarError(
            .serviceUnavailable, title: "Service temporarily unavailable",
            description: "The storage is not available. Please try again in a few seconds.", headers: [.retryAfter: "1"]
        ).response()
    }

    /// `GET /`: Flotilla serves only v2, so only v2 is listed (the reference also lists its deprecated v1 and
    /// v1.1); the odd date format is the reference's.
    static func versions() -> Response {
        json(
            #"{"versions": [{"id": "2", "status": "CURRENT", "updated": "2014-9-24T04:06:47Z", "media-types": [{"base": "application/json", "type": "application/vnd.openstack.messaging-v2+json"}], "links": [{"href": "/v2/", "rel": "self"}]}]}"#,
            status: .multipleChoices)
    }

    static func homeDocument() -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json-home", .cacheControl: "max-age=86400"],
            body: .init(byteBuffer: ByteBuffer(string: HomeDocument.text)))
    }

    static func messageHref(queue: String, id: String, claimID: String?) -> String {
        "/v2/queues/\(queue)/messages/\(id)" + (claimID.map { "?claim_id=\($0)" } ?? "")
    }

    /// A message as lists, gets and claims show it (§5): `id, href, ttl, age, body[, checksum]`.
    static func message(_ message: MessageView) -> String {
        var text = "{\"id\": " + quoted(message.id) + ", \"href\": "
        text += quoted(messageHref(queue: message.queue, id: message.id, claimID: message.claimID))
        text += ", \"ttl\": \(message.ttl), \"age\": \(message.age), \"body\": " + message.body
        if let checksum = message.checksum { text += ", \"checksum\": " + quoted(checksum) }
        return text + "}"
    }

    /// A popped message (§5.7): no href, `claim_id` null (decision 12).
    static func poppedMessage(_ message: MessageView) -> String {
        var text = "{\"id\": " + quoted(message.id) + ", \"age\": \(message.age), \"ttl\": \(message.ttl), \"body\": "
        text += message.body + ", \"claim_id\": null, \"claim_count\": \(message.claimCount)"
        if let checksum = message.checksum { text += ", \"checksum\": " + quoted(checksum) }
        return text + "}"
    }

    static func messageList(_ messages: [MessageView]) -> String {
        "[" + messages.map(message).joined(separator: ", ") + "]"
    }

    /// A `links` array holding one `next` link, or none.
    static func links(next: String?) -> String {
        guard let next else { return "[]" }
        return "[{\"rel\": \"next\", \"href\": " + quoted(next) + "}]"
    }

    /// `key=value&...` with falcon's `to_query_str` escaping.
    static func queryString(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\(percentEncoded($0.1))" }.joined(separator: "&")
    }

    private static func percentEncoded(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ","):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
