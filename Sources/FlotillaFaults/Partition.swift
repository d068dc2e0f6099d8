/// A network partition as plain data: which nodes can still talk to which. Applied to a proxied ``LocalCluster``
/// with ``LocalCluster/apply(_:mode:)``, it cuts both directions of every link between nodes that may not talk.
public enum Partition: Sendable, Hashable, CustomStringConvertible {
    /// One node can reach nobody and nobody can reach it.
    case isolate(Int)
    /// The nodes in `minority` talk only among themselves, the rest only among themselves.
    case split(minority: [Int])
    /// `bridge` talks to everyone; `left` and the remaining nodes (the right side) cannot reach each other. With
    /// both sides smaller than a majority, each side plus the bridge is one (Jepsen's "bridge").
    case bridge(Int, left: [Int])

    /// Whether nodes `a` and `b` may talk under this partition.
    public func connects(_ a: Int, _ b: Int) -> Bool {
        switch self {
        case .isolate(let node):
            return a != node && b != node
        case .split(let minority):
            return minority.contains(a) == minority.contains(b)
        case .bridge(let bridge, let left):
            return a == bridge || b == bridge || left.contains(a) == left.contains(b)
        }
    }

    /// The directed links this partition cuts in a cluster of `size` nodes, sorted.
    public func cutLinks(size: Int) -> [Link] {
        Link.all(size: size).filter { !connects($0.from, $0.to) }
    }

    public var description: String {
        let names = { (nodes: [Int]) in nodes.sorted().map(LocalCluster.name).joined(separator: ",") }
        switch self {
        case .isolate(let node): return "isolate \(LocalCluster.name(node))"
        case .split(let minority): return "split off {\(names(minority))}"
        case .bridge(let bridge, let left):
            return "bridge \(LocalCluster.name(bridge)) between {\(names(left))} and the rest"
        }
    }
}
