import Crypto
import QueueModel

/// The reference's message checksum (§8.6): `"MD5:" + hex(md5(json.dumps(body)))` with Python's default
/// serialisation (ASCII escaping, `", "` and `": "`, keys in received order). A null body has none.
enum Checksum {
    static func of(_ body: JSONValue) -> String? {
        guard body != .null else { return nil }
        let text = JSONSerializer.serialize(body, escaping: .asciiOnly)
        let digest = Insecure.MD5.hash(data: Array(text.utf8))
        return "MD5:" + digest.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}
