import RaftCore

/// Seeded random Raft messages covering every payload case, for codec and transport round trips.
struct MessageGenerator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func u64() -> UInt64 {
        // Mix small and extreme values: boundaries are where encodings break.
        switch random.next() % 4 {
        case 0: return random.next() % 16
        case 1: return UInt64.max - random.next() % 4
        default: return random.next()
        }
    }

    mutating func bool() -> Bool { random.next() % 2 == 0 }

    mutating func bytes(maxCount: Int) -> [UInt8] {
        let count = Int(random.next() % UInt64(maxCount + 1))
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    mutating func entry() -> Entry {
        // Mostly small entries, sometimes a big one (up to 256 KiB).
        let maxCount = random.next() % 8 == 0 ? 256 << 10 : 64
        return Entry(
            term: Term(u64()), index: LogIndex(u64()), kind: bool() ? .normal : .configChange,
            data: bytes(maxCount: maxCount))
    }

    mutating func confState() -> ConfState {
        let voters = (0..<Int(random.next() % 6)).map { _ in NodeID(u64()) }
        let learners = (0..<Int(random.next() % 3)).map { _ in NodeID(u64()) }
        return ConfState(voters: voters, learners: learners)
    }

    mutating func payload(tag: Int) -> Message.Payload {
        switch tag {
        case 0:
            return .append(
                AppendRequest(
                    prevIndex: LogIndex(u64()), prevTerm: Term(u64()),
                    entries: (0..<Int(random.next() % 5)).map { _ in entry() }, commit: LogIndex(u64())))
        case 1:
            return .appendResponse(
                AppendResponse(
                    index: LogIndex(u64()), reject: bool(), rejectHint: LogIndex(u64()), rejectHintTerm: Term(u64())))
        case 2:
            return .vote(
                VoteRequest(
                    isPreVote: bool(), lastIndex: LogIndex(u64()), lastTerm: Term(u64()),
                    isLeadershipTransfer: bool()))
        case 3: return .voteResponse(VoteResponse(isPreVote: bool(), granted: bool()))
        case 4: return .heartbeat(Heartbeat(commit: LogIndex(u64()), readRound: u64()))
        case 5: return .heartbeatResponse(HeartbeatResponse(readRound: u64()))
        case 6:
            return .snapshot(
                Snapshot(
                    metadata: SnapshotMetadata(index: LogIndex(u64()), term: Term(u64()), confState: confState()),
                    data: bytes(maxCount: random.next() % 4 == 0 ? 300 << 10 : 100)))
        case 7: return .timeoutNow
        case 8: return .readIndex(ReadRequestID(u64()))
        case 9: return .readIndexResponse(ReadIndexResponse(id: ReadRequestID(u64()), index: LogIndex(u64())))
        default: return .transferLeadership(target: NodeID(u64()))
        }
    }

    static let payloadKinds = 11

    mutating func message(tag: Int? = nil) -> Message {
        let tag = tag ?? Int(random.next() % UInt64(Self.payloadKinds))
        return Message(from: NodeID(u64()), to: NodeID(u64()), term: Term(u64()), payload: payload(tag: tag))
    }
}
