/// The limits of the leader-following router: how often and for how long a call is retried, how long it waits
/// between attempts, and how long one attempt may take (style guide §0.4: a limit on everything).
///
/// A call ends at whichever comes first: ``maxAttempts`` attempts, or ``totalBudget`` elapsed since it started.
/// Between attempts the router waits a jittered exponential backoff: attempt *n*'s wait is drawn uniformly from
/// [d/2, d] with d = min(``backoffMax``, ``backoffMin`` × 2ⁿ⁻¹) ("equal jitter", so clients that failed together
/// do not retry together), or longer when a 503 asked for it with `Retry-After`. A wait that would end after the
/// budget is not taken: the call fails at once with what it has.
public struct RouterConfiguration: Sendable, Hashable {
    /// The most attempts one call makes, the first included. At least 1.
    public var maxAttempts: Int
    /// The most time one call takes, waits and attempts included.
    public var totalBudget: Duration
    /// The first backoff (before jitter).
    public var backoffMin: Duration
    /// The largest backoff (before jitter).
    public var backoffMax: Duration
    /// The most time one attempt may take, from sending to the last byte of the answer. An attempt never runs
    /// past the call's budget either.
    public var requestTimeout: Duration

    /// - Parameters:
    ///   - maxAttempts: the most attempts per call (default 8).
    ///   - totalBudget: the most time per call (default 15 s).
    ///   - backoffMin: the first backoff (default 50 ms).
    ///   - backoffMax: the largest backoff (default 2 s).
    ///   - requestTimeout: the most time per attempt (default 5 s).
    public init(
        maxAttempts: Int = 8, totalBudget: Duration = .seconds(15), backoffMin: Duration = .milliseconds(50),
        backoffMax: Duration = .seconds(2), requestTimeout: Duration = .seconds(5)
    ) {
        precondition(maxAttempts >= 1, "a call makes at least one attempt")
        precondition(totalBudget > .zero && requestTimeout > .zero, "budgets must be positive")
        precondition(backoffMin >= .zero && backoffMax >= backoffMin, "need 0 <= backoffMin <= backoffMax")
        self.maxAttempts = maxAttempts
        self.totalBudget = totalBudget
        self.backoffMin = backoffMin
        self.backoffMax = backoffMax
        self.requestTimeout = requestTimeout
    }

    /// The backoff before attempt `attempt + 1`, after `attempt` failed attempts (1-based), before jitter.
    func backoffCeiling(afterAttempt attempt: Int) -> Duration {
        precondition(attempt >= 1, "backoff follows a failed attempt")
        var delay = backoffMin
        for _ in 1..<min(attempt, 32) {
            delay = delay * 2
            if delay >= backoffMax { return backoffMax }
        }
        return min(delay, backoffMax)
    }

    /// The jittered backoff after `attempt` failed attempts: uniform in [ceiling/2, ceiling].
    func backoff(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = backoffCeiling(afterAttempt: attempt)
        let nanoseconds = ceiling.nanoseconds
        guard nanoseconds > 1 else { return ceiling }
        return .nanoseconds(Int64.random(in: (nanoseconds / 2)...nanoseconds, using: &generator))
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating at `Int64.max`).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        return whole + attoseconds / 1_000_000_000
    }
}
