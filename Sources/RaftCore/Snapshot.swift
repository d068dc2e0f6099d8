/// What a snapshot covers: the log up to and including `index`, and the membership at that point.
public struct SnapshotMetadata: Hashable, Sendable {
    public var index: LogIndex
    public var term: Term
    public var confState: ConfState

    public init(index: LogIndex, term: Term, confState: ConfState) {
        self.index = index
        self.term = term
        self.confState = confState
    }
}

/// The application's state after applying every entry up to ``SnapshotMetadata/index``, plus its metadata.
///
/// The core never looks inside `data`; the application produced it and restores from it.
public struct Snapshot: Hashable, Sendable {
    public var metadata: SnapshotMetadata
    public var data: [UInt8]

    public init(metadata: SnapshotMetadata, data: [UInt8]) {
        self.metadata = metadata
        self.data = data
    }

    /// The placeholder for "no snapshot": index 0.
    public static let empty = Snapshot(
        metadata: SnapshotMetadata(index: .zero, term: .zero, confState: .empty), data: [])
    public var isEmpty: Bool { metadata.index == .zero }

    /// Whether the snapshot is well formed enough to install: a real index and term and at least one voter.
    var isWellFormed: Bool {
        metadata.index > .zero && metadata.term > .zero && !metadata.confState.voters.isEmpty
    }
}
