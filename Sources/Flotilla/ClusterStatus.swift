/// One node's view of the cluster: `GET /flotilla/v1/status` on that node.
public struct ClusterStatus: Sendable, Hashable {
    public var node: NodeStatus
    /// The replication progress of every member, as the leader tracks it; nil unless `node` is the leader.
    public var members: [MemberProgress]?

    public init(node: NodeStatus, members: [MemberProgress]?) {
        self.node = node
        self.members = members
    }

    /// Reads the status document:
    /// `{"node": {...}, "members": [...]}` (members only on the leader).
    static func decode(_ document: JSONReader) throws(FlotillaClientError) -> ClusterStatus {
        let node = try document.field("node")
        let status = NodeStatus(
            id: try node.field("id").uint64(), name: try node.field("name").string(),
            role: NodeRole(rawValue: try node.field("role").string()), term: try node.field("term").uint64(),
            commit: try node.field("commit").uint64(), applied: try node.field("applied").uint64(),
            lastIndex: try node.field("lastIndex").uint64(), leader: try node.optionalField("leader")?.string(),
            leaderEndpoint: try node.optionalField("leaderEndpoint")?.string())
        var members: [MemberProgress]?
        if let list = try document.optionalField("members") {
            members = []
            for member in try list.array() {
                members?.append(
                    MemberProgress(
                        id: try member.field("id").uint64(), name: try member.field("name").string(),
                        endpoint: try member.field("endpoint").string(), voter: try member.field("voter").bool(),
                        match: try member.field("match").uint64(), next: try member.field("next").uint64(),
                        state: try member.field("state").string()))
            }
        }
        return ClusterStatus(node: status, members: members)
    }
}

/// A node's Raft state.
public struct NodeStatus: Sendable, Hashable {
    /// The node id (Raft's `NodeID`).
    public var id: UInt64
    public var name: String
    public var role: NodeRole
    /// The node's current term.
    public var term: UInt64
    /// The node's commit index.
    public var commit: UInt64
    /// The index of the last entry applied to the node's queue state.
    public var applied: UInt64
    /// The index of the last entry in the node's log.
    public var lastIndex: UInt64
    /// The leader's name, as this node knows it (nil when it knows none).
    public var leader: String?
    /// The leader's API base URL, as this node knows it.
    public var leaderEndpoint: String?

    public init(
        id: UInt64, name: String, role: NodeRole, term: UInt64, commit: UInt64, applied: UInt64, lastIndex: UInt64,
        leader: String?, leaderEndpoint: String?
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.term = term
        self.commit = commit
        self.applied = applied
        self.lastIndex = lastIndex
        self.leader = leader
        self.leaderEndpoint = leaderEndpoint
    }
}

/// A node's Raft role. A struct rather than an enum so a role added by a newer server still decodes.
public struct NodeRole: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let leader = NodeRole(rawValue: "leader")
    public static let follower = NodeRole(rawValue: "follower")
    public static let candidate = NodeRole(rawValue: "candidate")
    public static let preCandidate = NodeRole(rawValue: "preCandidate")

    public var description: String { rawValue }
}

/// One member's replication progress, as the leader tracks it.
public struct MemberProgress: Sendable, Hashable {
    public var id: UInt64
    public var name: String
    /// The member's API base URL.
    public var endpoint: String
    /// Whether the member votes (false for a learner).
    public var voter: Bool
    /// The highest log index known to be replicated on the member.
    public var match: UInt64
    /// The next log index the leader will send it.
    public var next: UInt64
    /// The leader's replication state for it (`probe`, `replicate`, `snapshot`).
    public var state: String

    public init(id: UInt64, name: String, endpoint: String, voter: Bool, match: UInt64, next: UInt64, state: String) {
        self.id = id
        self.name = name
        self.endpoint = endpoint
        self.voter = voter
        self.match = match
        self.next = next
        self.state = state
    }
}
