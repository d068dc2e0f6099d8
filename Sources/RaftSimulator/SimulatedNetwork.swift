import RaftCore

/// Which links are cut. A cut link drops every message on it, in its direction only, so asymmetric
/// partitions are expressible. Delay, loss and duplication are applied by ``Simulation`` when it sends.
struct SimulatedNetwork {
    /// The shapes a partition takes.
    enum PartitionKind: CaseIterable {
        /// One node cut off both ways.
        case isolateOne
        /// The current leader cut off both ways.
        case isolateLeader
        /// A random minority on one side, the rest on the other.
        case majorityMinority
        /// Messages from one node to another are dropped, the reverse direction works.
        case oneWay
        /// Two groups that cannot talk, except through one bridge node that reaches both.
        case bridge
    }

    private struct Link: Hashable {
        var from: NodeID
        var to: NodeID
    }

    private var cut: Set<Link> = []

    var isHealed: Bool { cut.isEmpty }

    func isCut(from: NodeID, to: NodeID) -> Bool { cut.contains(Link(from: from, to: to)) }

    mutating func heal() { cut = [] }

    /// Cuts links between every node of `a` and every node of `b`, both ways.
    private mutating func separate(_ a: [NodeID], _ b: [NodeID]) {
        for x in a {
            for y in b where x != y {
                cut.insert(Link(from: x, to: y))
                cut.insert(Link(from: y, to: x))
            }
        }
    }

    /// Adds a partition of `kind` among `nodes` (sorted), returning a description for traces.
    mutating func partition(
        _ kind: PartitionKind, nodes: [NodeID], leader: NodeID?, using random: inout SplitMix64
    ) -> String {
        guard nodes.count >= 2 else { return "no partition (fewer than two nodes)" }
        var shuffled = nodes
        shuffled.shuffle(using: &random)
        switch kind {
        case .isolateOne:
            let victim = shuffled[0]
            separate([victim], nodes.filter { $0 != victim })
            return "isolate \(victim)"
        case .isolateLeader:
            let victim = leader ?? shuffled[0]
            separate([victim], nodes.filter { $0 != victim })
            return "isolate leader \(victim)"
        case .majorityMinority:
            let minoritySize = Int.random(in: 1...max(1, (nodes.count - 1) / 2), using: &random)
            let minority = Array(shuffled.prefix(minoritySize))
            separate(minority, Array(shuffled.dropFirst(minoritySize)))
            return "split \(minority.sorted()) | \(shuffled.dropFirst(minoritySize).sorted())"
        case .oneWay:
            cut.insert(Link(from: shuffled[0], to: shuffled[1]))
            return "cut \(shuffled[0])->\(shuffled[1])"
        case .bridge:
            guard nodes.count >= 3 else { return "no bridge (fewer than three nodes)" }
            let bridge = shuffled[0]
            let rest = Array(shuffled.dropFirst())
            let half = rest.count / 2
            separate(Array(rest.prefix(half)), Array(rest.dropFirst(half)))
            return "bridge \(bridge) between \(rest.prefix(half).sorted()) and \(rest.dropFirst(half).sorted())"
        }
    }
}
