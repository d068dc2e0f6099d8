/// Jittered exponential backoff for reconnection attempts.
///
/// Guarantees: every delay lies in [`min`, `max`]; the ceiling doubles per consecutive failure from `min` up to
/// `max`, and each delay is drawn uniformly from the upper half of the current ceiling (so peers that failed
/// together do not retry in lockstep); ``reset()`` after a successful connection starts again from `min`.
/// Randomness comes from the generator passed in, so tests can replay it.
@_spi(Testing) public struct ReconnectBackoff: Sendable {
    public let min: Duration
    public let max: Duration
    /// Consecutive failures since the last reset.
    public private(set) var failures = 0

    public init(min: Duration, max: Duration) {
        precondition(min > .zero && max >= min, "backoff needs 0 < min <= max")
        self.min = min
        self.max = max
    }

    /// The delay before the next attempt, counting one more failure.
    ///
    /// - Parameter generator: The source of jitter.
    /// - Returns: A delay in [`min`, `max`].
    public mutating func next(using generator: inout some RandomNumberGenerator) -> Duration {
        defer { failures += 1 }
        // The ceiling is min * 2^failures, capped at max; computed in nanoseconds, saturating.
        let minNanos = Self.nanoseconds(min)
        let maxNanos = Self.nanoseconds(max)
        let shift = Swift.min(failures, 62)
        let (scaled, overflow) = minNanos.multipliedReportingOverflow(by: Int64(1) << shift)
        let ceiling = overflow ? maxNanos : Swift.min(scaled, maxNanos)
        let floor = Swift.max(minNanos, ceiling / 2)
        let delay = floor >= ceiling ? ceiling : Int64.random(in: floor...ceiling, using: &generator)
        return .nanoseconds(delay)
    }

    /// Starts again from `min` (after a connection was established).
    public mutating func reset() { failures = 0 }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? Int64.max : scaled + attoseconds / 1_000_000_000
    }
}
