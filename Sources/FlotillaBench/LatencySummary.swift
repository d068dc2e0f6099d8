import Histogram

/// Latency percentiles of one operation kind, read from an HdrHistogram with three significant digits (so each
/// figure is within 0.1% of the recorded value). All are zero when nothing was recorded.
///
/// Invariant: `p50 <= p90 <= p99 <= p999 <= max`.
public struct LatencySummary: Sendable, Hashable {
    public var p50: Duration
    public var p90: Duration
    public var p99: Duration
    /// The 99.9th percentile.
    public var p999: Duration
    public var max: Duration
    public var mean: Duration

    public init(p50: Duration, p90: Duration, p99: Duration, p999: Duration, max: Duration, mean: Duration) {
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
        self.mean = mean
    }

    /// The summary of a histogram of microseconds.
    init(microseconds histogram: Histogram<UInt64>) {
        func at(_ percentile: Double) -> Duration { .microseconds(histogram.valueAtPercentile(percentile)) }
        self.init(
            p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: .microseconds(histogram.maxRecorded),
            mean: .microseconds(histogram.mean))
    }
}

extension Duration {
    /// The duration in milliseconds, as a fraction.
    var milliseconds: Double { BenchConfiguration.seconds(self) * 1000 }
}
