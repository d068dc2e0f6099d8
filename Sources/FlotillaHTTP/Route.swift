public import HTTPTypes

/// A path of the Zaqar v2 API and the methods it answers (§1.1). Paths are matched segment by segment after
/// percent-decoding each segment; anything else is a 404 before any header is checked.
enum Route: Equatable {
    case versions
    case home
    case ping
    case health
    case queues
    case queue(String)
    case stats(String)
    case purge(String)
    case share(String)
    case messages(String)
    case message(String, id: String)
    case claims(String)
    case claim(String, id: String)

    init?(path: String) {
        guard path.hasPrefix("/") else { return nil }
        if path == "/" {
            self = .versions
            return
        }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            Self.percentDecoded(String($0))
        }
        guard segments.count >= 2, segments[0] == "v2" else { return nil }
        switch Array(segments.dropFirst()) {
        case [""]: self = .home
        case ["ping"]: self = .ping
        case ["health"]: self = .health
        case ["queues"]: self = .queues
        case let rest where rest.first == "queues" && rest.count >= 2:
            let name = rest[1]
            switch Array(rest.dropFirst(2)) {
            case []: self = .queue(name)
            case ["stats"]: self = .stats(name)
            case ["purge"]: self = .purge(name)
            case ["share"]: self = .share(name)
            case ["messages"]: self = .messages(name)
            case ["claims"]: self = .claims(name)
            case let tail where tail.count == 2 && tail[0] == "messages":
                self = .message(name, id: tail[1])
            case let tail where tail.count == 2 && tail[0] == "claims":
                self = .claim(name, id: tail[1])
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The queue name in the path, if the route has one.
    var queueName: String? {
        switch self {
        case .queue(let name), .stats(let name), .purge(let name), .share(let name), .messages(let name),
            .message(let name, _), .claims(let name), .claim(let name, _):
            return name
        default:
            return nil
        }
    }

    /// The methods the route answers besides OPTIONS, sorted (the order of the reference's `Allow` header).
    var methods: [HTTPRequest.Method] {
        switch self {
        case .versions, .home, .health, .queues, .stats: return [.get]
        case .ping: return [.get, .head]
        case .queue: return [.delete, .get, .patch, .put]
        case .purge, .share, .claims: return [.post]
        case .messages: return [.delete, .get, .post]
        case .message: return [.delete, .get]
        case .claim: return [.delete, .get, .patch]
        }
    }

    /// The `Allow` header value: the route's methods, then OPTIONS.
    var allowHeader: String { (methods.map(\.rawValue) + ["OPTIONS"]).joined(separator: ", ") }

    /// Decodes `%XX` escapes (invalid ones are kept as they are) and reads the bytes as UTF-8.
    static func percentDecoded(_ text: String, plusIsSpace: Bool = false) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "%"), index + 2 < source.count,
                let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
