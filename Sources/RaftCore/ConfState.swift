/// The membership of the cluster: who votes and who only replicates.
///
/// Invariant: `voters` and `learners` are sorted, free of duplicates and disjoint. Keeping them sorted gives every
/// iteration over members a stable order, which the determinism rules require.
public struct ConfState: Hashable, Sendable, CustomStringConvertible {
    /// Nodes that vote in elections and count toward commit quorums.
    public private(set) var voters: [NodeID]
    /// Non-voting members: they receive the log and can be promoted once caught up.
    public private(set) var learners: [NodeID]

    /// Creates a membership. Duplicates are removed; a node listed in both sets is a voter.
    public init(voters: [NodeID], learners: [NodeID] = []) {
        let voterSet = Set(voters)
        self.voters = voterSet.sorted()
        self.learners = Set(learners).subtracting(voterSet).sorted()
    }

    public static let empty = ConfState(voters: [])

    /// Whether the node is a voter or a learner.
    public func contains(_ id: NodeID) -> Bool { isVoter(id) || isLearner(id) }
    public func isVoter(_ id: NodeID) -> Bool { voters.contains(id) }
    public func isLearner(_ id: NodeID) -> Bool { learners.contains(id) }

    /// Every member, voters first, each group sorted.
    public var members: [NodeID] { voters + learners }

    /// The membership after `change`, or the reason the change is not allowed.
    ///
    /// Exactly one node changes per step, which is why the one-at-a-time scheme (see ``ConfChange``) is safe.
    public func applying(_ change: ConfChange) throws(ConfChangeError) -> ConfState {
        switch change {
        case .addVoter(let id):
            guard id != .none else { throw .invalidNode }
            guard !isVoter(id) else { throw .alreadyVoter(id) }
            return ConfState(voters: voters + [id], learners: learners.filter { $0 != id })
        case .addLearner(let id):
            guard id != .none else { throw .invalidNode }
            guard !isVoter(id) else { throw .demotionNotSupported(id) }
            guard !isLearner(id) else { throw .alreadyLearner(id) }
            return ConfState(voters: voters, learners: learners + [id])
        case .removeNode(let id):
            guard contains(id) else { throw .notMember(id) }
            guard voters != [id] else { throw .wouldRemoveLastVoter(id) }
            return ConfState(voters: voters.filter { $0 != id }, learners: learners.filter { $0 != id })
        }
    }

    public var description: String {
        "voters=\(voters.map(\.description).joined(separator: ",")) learners=\(learners.map(\.description).joined(separator: ","))"
    }
}

/// Why a membership change was refused.
public enum ConfChangeError: Error, Hashable, Sendable {
    case invalidNode
    case alreadyVoter(NodeID)
    case alreadyLearner(NodeID)
    case demotionNotSupported(NodeID)
    case notMember(NodeID)
    case wouldRemoveLastVoter(NodeID)
}
