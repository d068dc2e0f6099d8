/// What a run tells its observer while it runs: about once a second, never from more than one task at a time.
public enum BenchEvent: Sendable {
    /// Pre-filling the queue: `posted` of `total` messages are in.
    case prefilling(posted: Int, total: Int)
    /// The last interval of load (about a second).
    case interval(Interval)

    /// The load of one interval, across operation kinds, warmup included.
    public struct Interval: Sendable {
        /// The phase the interval began in.
        public enum Phase: String, Sendable {
            case warmup
            case measuring
            /// The window has closed; requests in flight are being waited for.
            case draining
        }

        public var phase: Phase
        /// From the start of the load (warmup included) to the end of this interval.
        public var elapsed: Duration
        /// Successful requests completed in the interval, per second.
        public var requestsPerSecond: Double
        /// Latency percentiles of those requests (zero if none).
        public var p50: Duration
        public var p99: Duration
        /// Failed requests in the interval.
        public var errors: Int
        /// Failed requests since the load began.
        public var errorsTotal: Int
    }

    /// The event as one line for a progress display, e.g.
    /// `[  3s] measuring  4821.0 req/s  p50 1.92 ms  p99 5.31 ms  errors 0 (total 0)`.
    public var line: String {
        switch self {
        case .prefilling(let posted, let total):
            return "pre-filling: \(posted)/\(total) messages"
        case .interval(let interval):
            let seconds = String(Int(BenchConfiguration.seconds(interval.elapsed).rounded()))
            return "[" + String(repeating: " ", count: max(0, 3 - seconds.count)) + seconds + "s] "
                + interval.phase.rawValue.padding(to: 11)
                + "\(BenchReport.number(interval.requestsPerSecond)) req/s  "
                + "p50 \(BenchReport.milliseconds(interval.p50)) ms  p99 \(BenchReport.milliseconds(interval.p99)) ms  "
                + "errors \(interval.errors) (total \(interval.errorsTotal))"
        }
    }
}
