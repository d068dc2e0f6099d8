/// A Raft term: a logical clock that only moves forward (Raft §5.1).
///
/// Terms, log indexes and node ids are distinct types so that one is never passed where another is meant.
public struct Term: Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The numeric value; term 0 means "no term yet" (an empty log, a fresh node).
    public var rawValue: UInt64

    public init(_ rawValue: UInt64) { self.rawValue = rawValue }
    public init(integerLiteral value: UInt64) { self.rawValue = value }

    public static let zero = Term(0)

    /// The following term.
    public var next: Term { Term(rawValue + 1) }

    public static func < (lhs: Term, rhs: Term) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// The position of an entry in the replicated log. Index 0 is "before the first entry"; the first entry is 1.
public struct LogIndex: Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The numeric value.
    public var rawValue: UInt64

    public init(_ rawValue: UInt64) { self.rawValue = rawValue }
    public init(integerLiteral value: UInt64) { self.rawValue = value }

    public static let zero = LogIndex(0)

    public static func < (lhs: LogIndex, rhs: LogIndex) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }

    /// The index `count` positions later.
    public static func + (lhs: LogIndex, count: UInt64) -> LogIndex { LogIndex(lhs.rawValue + count) }

    /// The index `count` positions earlier. Precondition: the result is not negative.
    public static func - (lhs: LogIndex, count: UInt64) -> LogIndex {
        precondition(lhs.rawValue >= count, "log index underflow: \(lhs) - \(count)")
        return LogIndex(lhs.rawValue - count)
    }

    /// The number of positions from `base` up to this index, for array offsets. Precondition: `self >= base`.
    public func distance(from base: LogIndex) -> Int {
        precondition(self >= base, "log index distance underflow: \(self) from \(base)")
        return Int(rawValue - base.rawValue)
    }
}

/// The identity of a Raft node. Node ids are never reused for a different node; 0 means "none".
public struct NodeID: Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The numeric value; 0 is reserved for "no node".
    public var rawValue: UInt64

    public init(_ rawValue: UInt64) { self.rawValue = rawValue }
    public init(integerLiteral value: UInt64) { self.rawValue = value }

    /// "No node": no vote cast, no leader known.
    public static let none = NodeID(0)

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}
