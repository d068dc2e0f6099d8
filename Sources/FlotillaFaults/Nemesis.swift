public import RaftCore

/// A family of faults the harness can inject. A nemesis turns the seeded generator and the current leader into
/// one concrete ``Fault`` per round, so a seed fixes the whole fault schedule (which node is "the leader" is
/// decided by the cluster at run time).
public enum Nemesis: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// SIGKILL, then restart, the leader or a random node.
    case kill
    /// SIGTERM (graceful stop with leadership handoff), then restart, the leader or a random node.
    case terminate
    /// SIGSTOP, then SIGCONT, the leader or a random node.
    case pause
    /// A network partition made by the link proxies: the leader or a random node isolated, a majority/minority
    /// split, or a bridge; links refuse or blackhole at random.
    case partition

    /// Whether the cluster must be proxied for this nemesis.
    public var needsProxies: Bool { self == .partition }

    /// The fault for this round.
    /// - Parameters:
    ///   - leader: the current leader's node index.
    ///   - size: the number of nodes.
    ///   - generator: the run's seeded generator.
    public func fault(leader: Int, size: Int, using generator: inout SplitMix64) -> Fault {
        // Half the time the leader: leader loss exercises elections, follower loss exercises catch-up.
        let target = Bool.random(using: &generator) ? leader : Int.random(in: 0..<size, using: &generator)
        switch self {
        case .kill: return .kill(target)
        case .terminate: return .terminate(target)
        case .pause: return .pause(target)
        case .partition:
            let mode = CutMode.allCases.randomElement(using: &generator)!
            let shuffled = Array(0..<size).shuffled(using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0:
                return .partition(.isolate(target), mode)
            case 1:
                // The largest minority; with the leader in it half the time, so it must step down or be ignored.
                var minority = Array(shuffled.prefix(size / 2))
                if Bool.random(using: &generator), !minority.contains(leader) { minority[0] = leader }
                return .partition(.split(minority: minority), mode)
            default:
                let bridge = shuffled[0]
                return .partition(.bridge(bridge, left: Array(shuffled[1...].prefix((size - 1) / 2))), mode)
            }
        }
    }

    public var description: String { rawValue }
}
