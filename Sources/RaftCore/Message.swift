/// A message between two Raft nodes.
///
/// Every message carries the sender's term; the receiver's reaction to a higher or lower term is the same for
/// every payload (Raft §5.1) and is handled in one place before the payload is looked at.
public struct Message: Hashable, Sendable {
    public var from: NodeID
    public var to: NodeID
    /// The sender's term. For a PreVote request it is the term the sender *would* campaign in (its term + 1);
    /// for a granted PreVote response it echoes that term.
    public var term: Term
    public var payload: Payload

    public init(from: NodeID, to: NodeID, term: Term, payload: Payload) {
        self.from = from
        self.to = to
        self.term = term
        self.payload = payload
    }

    /// What the message asks or answers.
    public enum Payload: Hashable, Sendable {
        case append(AppendRequest)
        case appendResponse(AppendResponse)
        case vote(VoteRequest)
        case voteResponse(VoteResponse)
        case heartbeat(Heartbeat)
        case heartbeatResponse(HeartbeatResponse)
        case snapshot(Snapshot)
        /// Leadership transfer: "start an election now, skipping PreVote" (Raft thesis §3.10).
        case timeoutNow
        /// A follower asks the leader for a ReadIndex on behalf of one of its reads.
        case readIndex(ReadRequestID)
        case readIndexResponse(ReadIndexResponse)
        /// A non-leader forwards a leadership-transfer request to the leader.
        case transferLeadership(target: NodeID)
    }

    /// Whether only a leader sends this payload. A node accepts these from nodes outside its configuration,
    /// because a node being added learns its configuration only from the leader's messages.
    var isFromLeader: Bool {
        switch payload {
        case .append, .heartbeat, .snapshot, .timeoutNow, .readIndexResponse: return true
        default: return false
        }
    }

    /// The size this message counts for in transport limits (entries and snapshot data dominate).
    public var approximateByteCount: Int {
        switch payload {
        case .append(let request): return 64 + request.entries.byteCount
        case .snapshot(let snapshot): return 64 + snapshot.data.count + 8 * snapshot.metadata.confState.members.count
        default: return 64
        }
    }
}

/// AppendEntries (Raft §5.3): entries following (`prevIndex`, `prevTerm`), and the leader's commit index.
public struct AppendRequest: Hashable, Sendable {
    public var prevIndex: LogIndex
    public var prevTerm: Term
    /// Contiguous entries starting at `prevIndex + 1`, terms non-decreasing, none newer than the message term.
    public var entries: [Entry]
    public var commit: LogIndex

    public init(prevIndex: LogIndex, prevTerm: Term, entries: [Entry], commit: LogIndex) {
        self.prevIndex = prevIndex
        self.prevTerm = prevTerm
        self.entries = entries
        self.commit = commit
    }
}

/// The answer to an ``AppendRequest`` or an installed ``Snapshot``.
public struct AppendResponse: Hashable, Sendable {
    /// On success, the last index now known to match the leader. On rejection, the `prevIndex` rejected.
    public var index: LogIndex
    public var reject: Bool
    /// On rejection: the leader may retry from here (fast backtracking, etcd's findConflictByTerm).
    public var rejectHint: LogIndex
    /// On rejection: the term of the follower's entry at `rejectHint`.
    public var rejectHintTerm: Term

    public init(index: LogIndex, reject: Bool = false, rejectHint: LogIndex = .zero, rejectHintTerm: Term = .zero) {
        self.index = index
        self.reject = reject
        self.rejectHint = rejectHint
        self.rejectHintTerm = rejectHintTerm
    }
}

/// RequestVote (Raft §5.2) or a PreVote probe (thesis §9.6).
public struct VoteRequest: Hashable, Sendable {
    public var isPreVote: Bool
    public var lastIndex: LogIndex
    public var lastTerm: Term
    /// Set when the election was started by a leadership transfer: voters then ignore their leader lease.
    public var isLeadershipTransfer: Bool

    public init(isPreVote: Bool, lastIndex: LogIndex, lastTerm: Term, isLeadershipTransfer: Bool = false) {
        self.isPreVote = isPreVote
        self.lastIndex = lastIndex
        self.lastTerm = lastTerm
        self.isLeadershipTransfer = isLeadershipTransfer
    }
}

/// The answer to a ``VoteRequest``.
public struct VoteResponse: Hashable, Sendable {
    public var isPreVote: Bool
    public var granted: Bool

    public init(isPreVote: Bool, granted: Bool) {
        self.isPreVote = isPreVote
        self.granted = granted
    }
}

/// A leader's heartbeat. `readRound` numbers the heartbeat round so that ReadIndex requests can be confirmed.
public struct Heartbeat: Hashable, Sendable {
    /// `min(leader commit, follower match)`: never points past what the follower is known to hold.
    public var commit: LogIndex
    public var readRound: UInt64

    public init(commit: LogIndex, readRound: UInt64) {
        self.commit = commit
        self.readRound = readRound
    }
}

/// The answer to a ``Heartbeat``, echoing its read round.
public struct HeartbeatResponse: Hashable, Sendable {
    public var readRound: UInt64

    public init(readRound: UInt64) { self.readRound = readRound }
}

/// Identifies one linearizable read, chosen by the application on the node that issued it.
public struct ReadRequestID: Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt64

    public init(_ rawValue: UInt64) { self.rawValue = rawValue }
    public var description: String { "r\(rawValue)" }
}

/// The leader's answer to a forwarded read: serve it once the state machine has applied `index`.
public struct ReadIndexResponse: Hashable, Sendable {
    public var id: ReadRequestID
    public var index: LogIndex

    public init(id: ReadRequestID, index: LogIndex) {
        self.id = id
        self.index = index
    }
}

extension Message: CustomStringConvertible {
    public var description: String { "\(from)->\(to) t\(term) \(payload)" }
}

extension Message.Payload: CustomStringConvertible {
    public var description: String {
        switch self {
        case .append(let m):
            let entries = m.entries.map(\.description).joined(separator: ", ")
            return "append prev=\(m.prevTerm)/\(m.prevIndex) commit=\(m.commit) [\(entries)]"
        case .appendResponse(let m):
            return m.reject
                ? "append-resp reject index=\(m.index) hint=\(m.rejectHintTerm)/\(m.rejectHint)"
                : "append-resp index=\(m.index)"
        case .vote(let m):
            let kind = m.isPreVote ? "prevote" : "vote"
            return "\(kind) last=\(m.lastTerm)/\(m.lastIndex)\(m.isLeadershipTransfer ? " transfer" : "")"
        case .voteResponse(let m):
            return "\(m.isPreVote ? "prevote" : "vote")-resp \(m.granted ? "granted" : "rejected")"
        case .heartbeat(let m): return "heartbeat commit=\(m.commit) round=\(m.readRound)"
        case .heartbeatResponse(let m): return "heartbeat-resp round=\(m.readRound)"
        case .snapshot(let s):
            return "snapshot \(s.metadata.term)/\(s.metadata.index) \(s.metadata.confState) \(s.data.count)B"
        case .timeoutNow: return "timeout-now"
        case .readIndex(let id): return "read-index \(id)"
        case .readIndexResponse(let m): return "read-index-resp \(m.id) index=\(m.index)"
        case .transferLeadership(let target): return "transfer-leadership to=\(target)"
        }
    }
}
