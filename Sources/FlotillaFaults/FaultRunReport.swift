public import FlotillaVerify

/// The outcome of a ``FaultRun``: what was injected, what the workload did, and the checker's verdict.
///
/// A run passed if the history shows no violation and the cluster recovered after every fault.
public struct FaultRunReport: Sendable {
    /// The options the run used (their ``FaultRunOptions/replayArguments`` repeat it).
    public var options: FaultRunOptions
    /// One line per round that ran: the fault and how the cluster recovered.
    public var rounds: [String]
    /// How often the agreed leader differed from the one seen before (checked before each fault and after each
    /// recovery).
    public var leaderChanges: Int
    /// Times the cluster did not recover within the timeout, each with the cluster's state then. The run stops
    /// injecting faults after the first.
    public var livenessFailures: [String]
    /// The checker's report on the history.
    public var check: CheckReport
    /// The run directory (logs, configurations, the history).
    public var directory: String
    /// The history file (`History(jsonLines:)` reads it back; `flotilla-fault check` re-checks it).
    public var historyPath: String
    /// Whether the run directory, and so the history, was kept (the run failed, or `keep` was set).
    public var keptDirectory: Bool

    /// Whether the run found nothing wrong.
    public var passed: Bool { check.passed && livenessFailures.isEmpty }

    /// Acknowledged posts whose message is gone without a delete or an expiry.
    public var lost: Int { check.violationCounts[.lostAcknowledgedMessage] ?? 0 }

    /// Messages handed out twice when they must not have been: to a second claimant during a live claim, or
    /// after they were deleted.
    public var duplicates: Int {
        (check.violationCounts[.deliveredWhileClaimed] ?? 0) + (check.violationCounts[.deliveredAfterDelete] ?? 0)
    }

    /// Every other violation.
    public var otherViolations: Int {
        check.violationCounts.values.reduce(0, +) - lost - duplicates
    }

    /// The summary: rounds, operations, acknowledged posts, lost, duplicates, other violations.
    public var summary: String {
        let counts = check.counts
        return [
            "rounds: \(rounds.count)/\(options.rounds), leader changes: \(leaderChanges)",
            "operations: \(counts.operations); \(counts)",
            "acknowledged posts: \(counts.postsAcknowledged), lost: \(lost), duplicates: \(duplicates), "
                + "other violations: \(otherViolations), liveness failures: \(livenessFailures.count)",
            keptDirectory ? "history: \(historyPath)" : "run directory deleted (keep it with --keep)",
        ].joined(separator: "\n")
    }
}
