/// How the leader currently sends to one follower (etcd-io/raft `tracker/progress.go`).
public enum FlowState: String, Sendable, CustomStringConvertible {
    /// The follower's match is unknown: send one append at a time and wait for the answer.
    case probe
    /// The follower is known to match: stream appends optimistically, bounded by ``Inflights``.
    case replicate
    /// The follower needs a snapshot; nothing else is sent until it is installed or fails.
    case snapshot

    public var description: String { rawValue }
}

/// The leader's view of one member's log.
///
/// Invariant: `match < next`.
struct Progress: Sendable {
    /// The highest index known to be durable on the member and to match the leader's log.
    var match: LogIndex
    /// The index of the next entry to send.
    var next: LogIndex
    var state: FlowState = .probe
    /// In `.snapshot` state: the index of the snapshot being sent.
    var pendingSnapshot: LogIndex = .zero
    /// Whether the member was heard from since the last CheckQuorum round.
    var recentActive = false
    /// In `.probe` state: an append is out and unanswered, so no other is sent.
    var probeSent = false
    var inflights: Inflights
    var isLearner: Bool

    init(next: LogIndex, maxInflight: Int, maxInflightBytes: Int, isLearner: Bool) {
        self.match = .zero
        self.next = next
        self.inflights = Inflights(maxCount: maxInflight, maxBytes: maxInflightBytes)
        self.isLearner = isLearner
    }

    /// Whether the leader must not send an append now.
    var isPaused: Bool {
        switch state {
        case .probe: return probeSent
        case .replicate: return inflights.isFull
        case .snapshot: return true
        }
    }

    private mutating func resetState(_ newState: FlowState) {
        probeSent = false
        pendingSnapshot = .zero
        state = newState
        inflights.reset()
    }

    mutating func becomeProbe() {
        if state == .snapshot {
            // Resume after the snapshot: the member holds at least that much once it installs it.
            let pending = pendingSnapshot
            resetState(.probe)
            next = max(match + 1, pending + 1)
        } else {
            resetState(.probe)
            next = match + 1
        }
    }

    mutating func becomeReplicate() {
        resetState(.replicate)
        next = match + 1
    }

    mutating func becomeSnapshot(index: LogIndex) {
        resetState(.snapshot)
        pendingSnapshot = index
    }

    /// Records an acknowledgement up to `index`. Returns whether `match` grew.
    mutating func maybeUpdate(_ index: LogIndex) -> Bool {
        var updated = false
        if match < index {
            match = index
            updated = true
            probeSent = false
        }
        next = max(next, index + 1)
        return updated
    }

    /// Handles a rejected append of `rejected` (its prevIndex); `hint` is where the follower's log may match.
    /// Returns false if the rejection is stale (answers an append already superseded).
    mutating func maybeDecrease(rejected: LogIndex, hint: LogIndex) -> Bool {
        if state == .replicate {
            guard rejected > match else { return false }
            next = match + 1
            return true
        }
        guard next - 1 == rejected else { return false }
        next = max(min(rejected, hint + 1), match + 1)
        probeSent = false
        return true
    }

    /// Records that an append carrying `entryCount` entries ending at `lastIndex` was sent.
    mutating func sentAppend(entryCount: Int, lastIndex: LogIndex, byteCount: Int) {
        switch state {
        case .replicate:
            if entryCount > 0 {
                next = lastIndex + 1
                inflights.add(lastIndex: lastIndex, byteCount: byteCount)
            }
        case .probe:
            probeSent = true
        case .snapshot:
            preconditionFailure("sending an append while a snapshot is in flight")
        }
    }
}
