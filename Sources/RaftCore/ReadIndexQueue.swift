/// A leader's ReadIndex requests waiting for a heartbeat round to confirm its leadership (Raft thesis §6.4).
///
/// Each request gets the next round number and the commit index at arrival. A heartbeat carries the latest round;
/// a follower's answer to round `r` shows it still followed this leader after every request of round `<= r`
/// arrived. Once a quorum (counting the leader) has answered round `r`, every request of round `<= r` is
/// released at its recorded index. Requests are released in arrival order.
struct ReadIndexQueue: Sendable {
    /// One read waiting for confirmation.
    struct Pending: Sendable {
        var id: ReadRequestID
        /// The node that asked (the leader itself or a follower) and gets the answer.
        var requester: NodeID
        /// The leader's commit index when the read arrived: the read is served at this index or later.
        var index: LogIndex
        var round: UInt64
    }

    /// The latest round handed out; heartbeats carry it.
    private(set) var round: UInt64 = 0
    private var pending: [Pending] = []
    /// The highest round each follower has answered in this term.
    private var acknowledged: [NodeID: UInt64] = [:]
    /// The most reads that may wait at once; beyond it new reads are refused.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    var isEmpty: Bool { pending.isEmpty }
    var isFull: Bool { pending.count >= capacity }

    /// Queues a read at `index`, returning its round.
    mutating func add(id: ReadRequestID, requester: NodeID, index: LogIndex) -> UInt64 {
        precondition(!isFull, "read queue over capacity")
        round += 1
        pending.append(Pending(id: id, requester: requester, index: index, round: round))
        return round
    }

    /// Records that `follower` answered heartbeat round `answered`; returns the reads now confirmed.
    mutating func acknowledge(from follower: NodeID, round answered: UInt64, voters: [NodeID], leader: NodeID)
        -> [Pending]
    {
        guard answered > 0, answered <= round else { return [] }
        acknowledged[follower] = max(acknowledged[follower] ?? 0, answered)
        let rounds = voters.map { $0 == leader ? round : (acknowledged[$0] ?? 0) }
        let confirmed = Quorum.acknowledgedRound(rounds)
        let releasable = pending.prefix { $0.round <= confirmed }
        guard !releasable.isEmpty else { return [] }
        let released = Array(releasable)
        pending.removeFirst(released.count)
        return released
    }

    /// Drops everything (leadership lost or a new term).
    mutating func reset() {
        pending = []
        acknowledged = [:]
    }
}
