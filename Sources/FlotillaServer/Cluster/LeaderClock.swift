import QueueModel
import Synchronization

/// The time a leader stamps on commands and reads: its wall clock, but never earlier than any time it has stamped
/// or applied before. Because every replica applies the previous leaders' stamps, a new leader whose clock lags
/// continues from the last applied time instead of going back (a claim never expires before it was made).
final class LeaderClock: Sendable {
    private let wallClock: @Sendable () -> Timestamp
    private let latest = Mutex(Int64.min)

    init(wallClock: @escaping @Sendable () -> Timestamp) {
        self.wallClock = wallClock
    }

    /// The time now, monotonic across calls and across the applied history.
    func now() -> Timestamp {
        let wall = wallClock().milliseconds
        return Timestamp(
            milliseconds: latest.withLock { latest in
                latest = max(latest, wall)
                return latest
            })
    }

    /// Records a time carried by an applied entry.
    func observe(_ time: Timestamp) {
        latest.withLock { $0 = max($0, time.milliseconds) }
    }
}
