/// What ``QueueChecker/check(_:clockMarginSeconds:examplesPerKind:)`` found: the counts of the history and the
/// violations. The history passed if and only if ``violationCounts`` is empty.
public struct CheckReport: Sendable, Hashable, CustomStringConvertible {
    /// What the history holds.
    public var counts: HistoryCounts
    /// Examples of the violations found: at most the checker's `examplesPerKind` of each kind, ordered by kind
    /// (declaration order of ``Violation/Kind``) and then by history order.
    public var violations: [Violation]
    /// How many violations of each kind were found, examples or not. A kind with none is absent.
    public var violationCounts: [Violation.Kind: Int]

    /// A report on a history with `counts`, of which `violations` are examples and `violationCounts` the totals.
    public init(counts: HistoryCounts, violations: [Violation], violationCounts: [Violation.Kind: Int]) {
        self.counts = counts
        self.violations = violations
        self.violationCounts = violationCounts
    }

    /// Whether the history shows no violation at all.
    public var passed: Bool { violationCounts.isEmpty }

    /// The counts, a verdict, and each example violation's explanation, ready to print.
    public var description: String {
        guard !passed else { return "history: \(counts)\nverdict: no violations" }
        let totals = violationCounts.keys.sorted().map { "\(violationCounts[$0]!) \($0.rawValue)" }
        let shown = violations.count < violationCounts.values.reduce(0, +) ? " (examples below are capped)" : ""
        return
            (["history: \(counts)", "verdict: \(totals.joined(separator: ", "))\(shown)"]
            + violations.map(\.explanation)).joined(separator: "\n")
    }
}
