/// The result of one run: per operation kind, the counts, throughput, latency percentiles and errors of the
/// operations sent in the measured window (warmup excluded; operations in flight when the window closed
/// are waited for and counted).
///
/// Throughput divides by ``elapsed``, the measured window plus that drain, so it never overstates.
public struct BenchReport: Sendable {
    /// What one operation kind did.
    public struct Operation: Sendable {
        public var kind: OperationKind
        /// Successful requests.
        public var requests: Int
        /// Messages those requests posted, claimed or deleted.
        public var messages: Int
        /// Claims that found the queue empty (always 0 for other kinds).
        public var empty: Int
        /// Failed requests by error name: `http_<status>`, `transport`, `outcome_unknown`, `decoding`,
        /// `invalid_argument`.
        public var errors: [String: Int]
        /// The first error of each name, in words.
        public var firstErrors: [String: String]
        /// Latencies of the successful requests.
        public var latency: LatencySummary

        /// All failed requests.
        public var errorCount: Int { errors.values.reduce(0, +) }
    }

    public var configuration: BenchConfiguration
    /// Messages posted before the run.
    public var prefilled: Int
    /// From the start of the measured window until the last counted operation ended.
    public var elapsed: Duration
    /// Open loop only: starts the schedule could not make before the window closed because
    /// `maxOutstanding` requests were in flight (the server fell behind the rate).
    public var unsent: Int
    /// The kinds the workload sends, in the order post, claim, delete.
    public var operations: [Operation]

    /// The operation report of `kind`, if the workload sends it.
    public subscript(kind: OperationKind) -> Operation? { operations.first { $0.kind == kind } }

    /// Successful requests of all kinds.
    public var requests: Int { operations.reduce(0) { $0 + $1.requests } }
    /// Messages through the queue: posted plus deleted (claims only lease them).
    public var messages: Int { (self[.post]?.messages ?? 0) + (self[.delete]?.messages ?? 0) }
    /// Failed requests of all kinds.
    public var errorCount: Int { operations.reduce(0) { $0 + $1.errorCount } }
    /// Claims that found the queue empty: the run ran dry (raise the pre-fill).
    public var emptyClaims: Int { self[.claim]?.empty ?? 0 }

    /// `count` per second of ``elapsed``.
    public func perSecond(_ count: Int) -> Double {
        let seconds = BenchConfiguration.seconds(elapsed)
        return seconds > 0 ? Double(count) / seconds : 0
    }

    /// Assembles the report from a recorder's tallies.
    init(
        configuration: BenchConfiguration, prefilled: Int, elapsed: Duration, unsent: Int,
        tallies: [BenchRecorder.Tally]
    ) {
        self.configuration = configuration
        self.prefilled = prefilled
        self.elapsed = elapsed
        self.unsent = unsent
        operations = OperationKind.kinds(of: configuration.workload).map { kind in
            let tally = tallies[kind.index]
            return Operation(
                kind: kind, requests: tally.requests, messages: tally.messages, empty: tally.empty,
                errors: tally.errors, firstErrors: tally.firstErrors,
                latency: LatencySummary(microseconds: tally.latency))
        }
    }
}
