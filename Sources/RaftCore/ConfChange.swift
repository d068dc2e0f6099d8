/// One membership change, carried in a ``Entry/Kind/configChange`` entry.
///
/// **Why one node at a time, applied when committed.** Flotilla changes membership one node per entry
/// (Raft thesis §4.1) instead of joint consensus (§4.3). Any two majorities of configurations that differ by one
/// voter overlap, so no two leaders can be elected in one term across the change. A change takes effect on a
/// node when the node *applies* the entry (as in etcd-io/raft), and a leader accepts a new change only once the
/// previous one is applied and it has committed an entry of its own term — the fix for the single-server-change
/// bug Ongaro described in 2015. Learners give the catch-up phase that joint consensus would otherwise be used
/// for: add a node as a learner, let it catch up, then promote it. Joint consensus buys atomic multi-node
/// replacement, which Flotilla's three- and five-node deployments do not need, at the cost of much more code
/// in the part that must never be wrong.
public enum ConfChange: Hashable, Sendable, CustomStringConvertible {
    /// Add a voter, or promote an existing learner.
    case addVoter(NodeID)
    /// Add a non-voting member.
    case addLearner(NodeID)
    /// Remove a voter or learner. A leader that removes itself steps down once the change is applied.
    case removeNode(NodeID)

    /// The node the change is about.
    public var node: NodeID {
        switch self {
        case .addVoter(let id), .addLearner(let id), .removeNode(let id): return id
        }
    }

    /// Encoding version 1: `[version=1][kind][node id, 8 bytes big-endian]`.
    static let encodingVersion: UInt8 = 1

    /// The entry payload for this change.
    public func encoded() -> [UInt8] {
        let kind: UInt8
        switch self {
        case .addVoter: kind = 1
        case .addLearner: kind = 2
        case .removeNode: kind = 3
        }
        var bytes: [UInt8] = [ConfChange.encodingVersion, kind]
        withUnsafeBytes(of: node.rawValue.bigEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Decodes an entry payload written by ``encoded()``.
    /// - Throws: ``ConfChangeDecodingError`` when the bytes are not a version-1 change.
    public init(decoding bytes: [UInt8]) throws(ConfChangeDecodingError) {
        guard bytes.count == 10 else { throw .wrongLength(bytes.count) }
        guard bytes[0] == ConfChange.encodingVersion else { throw .unknownVersion(bytes[0]) }
        let id = NodeID(bytes[2..<10].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        switch bytes[1] {
        case 1: self = .addVoter(id)
        case 2: self = .addLearner(id)
        case 3: self = .removeNode(id)
        default: throw .unknownKind(bytes[1])
        }
    }

    public var description: String {
        switch self {
        case .addVoter(let id): return "add-voter \(id)"
        case .addLearner(let id): return "add-learner \(id)"
        case .removeNode(let id): return "remove \(id)"
        }
    }
}

/// Why a configuration-change payload could not be decoded.
public enum ConfChangeDecodingError: Error, Hashable, Sendable {
    case wrongLength(Int)
    case unknownVersion(UInt8)
    case unknownKind(UInt8)
}
