import Hummingbird
import NIOCore
import QueueModel

/// Reading request bodies under a size limit while they stream in: a body over the limit is refused after
/// `limit + 1` bytes, never buffered whole.
enum RequestBody {
    /// The declared Content-Length, if any.
    static func declaredLength(_ request: Request) -> Int? {
        request.headers[.contentLength].flatMap { Int($0) }
    }

    /// Whether the request declares an empty body (`Content-Length: 0`), which some endpoints answer differently
    /// from a missing one ("could not be parsed" rather than "can not be empty").
    static func isDeclaredEmpty(_ request: Request) -> Bool { declaredLength(request) == 0 }

    /// The body's bytes, or nil if the request has none (no body, or Content-Length 0).
    /// - Parameter tooLarge: the answer when more than `limit` bytes arrive.
    static func read(_ request: Request, limit: Int, tooLarge: ZaqarError) async throws(ZaqarError) -> [UInt8]? {
        guard RequestGate.hasBody(request) else { return nil }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return buffer.readableBytes == 0 ? nil : Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        } catch {
            throw ZaqarError.unparseableBody
        }
    }

    /// Parses JSON with the reference's errors (§1.4): the top level must be an object or an array.
    static func parseJSON(_ bytes: [UInt8]) throws(ZaqarError) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch .integerTooLarge {
            throw ZaqarError.integerTooLarge
        } catch {
            throw ZaqarError.unparseableBody
        }
        switch value {
        case .object, .array: return value
        default: throw ZaqarError.unparseableBody
        }
    }

    /// The body, or the right error when it is missing: "could not be parsed" for `Content-Length: 0`, "can not be
    /// empty" for no body at all.
    static func required(_ request: Request, limit: Int, tooLarge: ZaqarError) async throws(ZaqarError) -> [UInt8] {
        guard let bytes = try await read(request, limit: limit, tooLarge: tooLarge) else {
            throw isDeclaredEmpty(request) ? ZaqarError.unparseableBody : ZaqarError.emptyBody
        }
        return bytes
    }
}
