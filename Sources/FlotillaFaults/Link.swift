/// A directed peer link: node `from` dialling node `to` (node indexes of a ``LocalCluster``). It carries `from`'s
/// Raft messages to `to`.
public struct Link: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var from: Int
    public var to: Int

    public init(from: Int, to: Int) {
        precondition(from != to, "a link joins two different nodes")
        self.from = from
        self.to = to
    }

    /// Every directed link of a cluster of `size` nodes, in (from, to) order.
    public static func all(size: Int) -> [Link] {
        (0..<size).flatMap { from in (0..<size).filter { $0 != from }.map { Link(from: from, to: $0) } }
    }

    public static func < (lhs: Link, rhs: Link) -> Bool { (lhs.from, lhs.to) < (rhs.from, rhs.to) }

    public var description: String { "\(LocalCluster.name(from))→\(LocalCluster.name(to))" }
}
