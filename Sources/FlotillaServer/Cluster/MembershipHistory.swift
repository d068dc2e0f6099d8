import RaftCore
import Synchronization

/// The membership in force at each log index since the node started, so that a snapshot taken at some applied
/// index records the membership of that index (the snapshot thread reads it while the Raft loop appends).
final class MembershipHistory: Sendable {
    private let changes: Mutex<[(index: LogIndex, conf: ConfState)]>

    init(index: LogIndex, conf: ConfState) {
        changes = Mutex([(index, conf)])
    }

    /// Records that `conf` is in force from `index` on (the loop, after applying a change or a snapshot).
    func record(_ conf: ConfState, from index: LogIndex) {
        changes.withLock { changes in
            changes.removeAll { $0.index >= index }
            changes.append((index, conf))
            // Only the latest change at or below any future snapshot index is ever asked for.
            if changes.count > 16 { changes.removeFirst(changes.count - 16) }
        }
    }

    /// The membership in force at `index`.
    func conf(at index: LogIndex) -> ConfState {
        changes.withLock { changes in
            changes.last { $0.index <= index }?.conf ?? changes[0].conf
        }
    }
}
