import RaftCore

/// The simulated clients: what they proposed where, what was acknowledged, and which reads are outstanding.
///
/// A write is acknowledged when the node that accepted the proposal applies an entry with the index *and term*
/// it was given (an entry with another term at that index means the proposal was lost). A crash of that node
/// before then leaves the outcome unknown, as for a real client whose connection dropped.
struct ClientTracker {
    private struct PendingWrite {
        var term: Term
    }

    private var pending: [NodeID: [LogIndex: PendingWrite]] = [:]
    private var reads: [ReadRequestID: (node: NodeID, requiredIndex: LogIndex)] = [:]
    private var nextValue: UInt64 = 1
    private var nextRead: UInt64 = 1
    /// The highest index of any acknowledged write: a read starting now must be served at or after it.
    private(set) var acknowledgedIndex: LogIndex = .zero
    private(set) var proposed = 0
    private(set) var acknowledged = 0
    private(set) var readsServed = 0

    /// A fresh, unique payload.
    mutating func nextPayload() -> [UInt8] {
        defer { nextValue += 1 }
        return withUnsafeBytes(of: nextValue.littleEndian) { Array($0) }
    }

    mutating func recordProposal(on node: NodeID, term: Term, indexes: ClosedRange<LogIndex>) {
        var index = indexes.lowerBound
        while index <= indexes.upperBound {
            pending[node, default: [:]][index] = PendingWrite(term: term)
            index = index + 1
        }
        proposed += indexes.upperBound.distance(from: indexes.lowerBound) + 1
    }

    /// Returns the term of a write acknowledged by applying `entry` on `node`, or nil if it acknowledges none.
    mutating func recordApplied(_ entry: Entry, on node: NodeID) -> Term? {
        guard let write = pending[node]?.removeValue(forKey: entry.index) else { return nil }
        guard write.term == entry.term else { return nil }
        acknowledged += 1
        acknowledgedIndex = max(acknowledgedIndex, entry.index)
        return write.term
    }

    /// The node crashed: its clients never learn the outcome of their writes.
    mutating func forget(_ node: NodeID) {
        pending[node] = nil
        reads = reads.filter { $0.value.node != node }
    }

    mutating func startRead(on node: NodeID) -> ReadRequestID {
        let id = ReadRequestID(nextRead)
        nextRead += 1
        reads[id] = (node, acknowledgedIndex)
        return id
    }

    mutating func cancelRead(_ id: ReadRequestID) { reads[id] = nil }

    /// The index the read must be served at or after; nil if the read is unknown (duplicate answer).
    mutating func finishRead(_ id: ReadRequestID) -> LogIndex? {
        guard let read = reads.removeValue(forKey: id) else { return nil }
        readsServed += 1
        return read.requiredIndex
    }
}
