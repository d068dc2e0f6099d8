/// Events a simulation run can reach. Counting them proves the seeds exercise what the checkers are meant to
/// judge (TigerBeetle's coverage marks): a fault that never happens proves nothing.
public enum CoverageMark: String, CaseIterable, Sendable, Comparable {
    case crash
    /// A crash kept only part of a write in progress.
    case tornWrite
    case partition
    case duplicateDelivered
    case appendRejected
    case snapshotInstalled
    case leadershipTransferred
    case proposalRefusedDuringTransfer
    case membershipChangeApplied
    /// A leader applied its own removal and stepped down.
    case removedLeaderSteppedDown
    case voteIgnoredByLease
    case unknownSenderIgnored
    case staleTermIgnored
    case readServed

    public static func < (lhs: CoverageMark, rhs: CoverageMark) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Counts of ``CoverageMark``s.
public struct Coverage: Sendable {
    public private(set) var counts: [CoverageMark: Int] = [:]

    public init() {}

    mutating func hit(_ mark: CoverageMark) { counts[mark, default: 0] += 1 }

    public subscript(_ mark: CoverageMark) -> Int { counts[mark] ?? 0 }

    /// Marks never reached.
    public var missing: [CoverageMark] { CoverageMark.allCases.filter { self[$0] == 0 } }

    mutating func merge(_ other: Coverage) {
        for (mark, count) in other.counts { counts[mark, default: 0] += count }
    }
}
