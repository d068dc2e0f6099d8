/// One entry of the replicated log.
///
/// An entry is immutable once created by a leader: the pair (index, term) identifies it uniquely across the
/// cluster (Raft §5.3, Log Matching Property).
public struct Entry: Hashable, Sendable {
    /// What the entry carries.
    public enum Kind: UInt8, Sendable {
        /// Application data (a queue command). An empty normal entry is the leader's no-op (Raft §8).
        case normal = 0
        /// An encoded ``ConfChange``; the core applies it itself when the entry is applied.
        case configChange = 1
    }

    public var term: Term
    public var index: LogIndex
    public var kind: Kind
    public var data: [UInt8]

    public init(term: Term, index: LogIndex, kind: Kind = .normal, data: [UInt8] = []) {
        self.term = term
        self.index = index
        self.kind = kind
        self.data = data
    }

    /// Fixed per-entry overhead counted in byte limits besides the data (term, index, kind, length).
    public static let overheadBytes = 24

    /// The size this entry counts for in every byte limit (append batches, in-flight windows, reads).
    public var byteCount: Int { data.count + Entry.overheadBytes }
}

extension Entry: CustomStringConvertible {
    public var description: String {
        let body: String
        switch kind {
        case .normal: body = data.isEmpty ? "noop" : "\(data.count)B"
        case .configChange: body = (try? ConfChange(decoding: data)).map { "\($0)" } ?? "conf?"
        }
        return "\(term)/\(index) \(body)"
    }
}

extension Array where Element == Entry {
    /// The total of ``Entry/byteCount`` over the entries.
    var byteCount: Int { reduce(0) { $0 + $1.byteCount } }
}
