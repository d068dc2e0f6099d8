import Flotilla
import Histogram
import Synchronization

/// The tallies of one run, shared by every load task: per operation kind, the latencies and counts of the
/// measured window; across kinds, what happened since the progress line last looked.
///
/// One `Mutex` guards everything: an operation costs one uncontended-in-practice lock and a histogram increment,
/// far below a request's cost, so the recorder never limits the load.
final class BenchRecorder: Sendable {
    /// What one operation kind did in the measured window. Latencies are of successful requests only.
    struct Tally: Sendable {
        /// Microseconds, from the (intended) start to the end of the answer.
        var latency = BenchRecorder.makeHistogram()
        /// Successful requests.
        var requests = 0
        /// Messages posted, claimed or deleted by those requests.
        var messages = 0
        /// Claims that found nothing to claim.
        var empty = 0
        /// Failed requests by ``ErrorKind`` name.
        var errors: [String: Int] = [:]
        /// The first error of each name, for the summary.
        var firstErrors: [String: String] = [:]
    }

    /// What all kinds did since the progress line last looked, warmup included.
    struct Interval: Sendable {
        var latency = BenchRecorder.makeHistogram()
        var requests = 0
        var errors = 0
        /// Errors since the run began (not reset by ``BenchRecorder/takeInterval()``).
        var errorsTotal = 0
    }

    private struct State {
        /// Indexed by ``OperationKind/index``.
        var tallies = [Tally](repeating: Tally(), count: OperationKind.allCases.count)
        var interval = Interval()
    }

    /// The longest latency told apart, an hour in microseconds; a longer one is recorded as an hour.
    static let highestMicroseconds: UInt64 = 3_600_000_000

    private let state = Mutex(State())

    /// A latency histogram: 1 µs to an hour, three significant digits.
    static func makeHistogram() -> Histogram<UInt64> {
        Histogram(lowestDiscernibleValue: 1, highestTrackableValue: highestMicroseconds)
    }

    /// Records a successful request.
    /// - Parameters:
    ///   - latency: from the request's (intended) start to its answer.
    ///   - messages: messages it posted, claimed or deleted.
    ///   - empty: a claim that found nothing.
    ///   - counted: whether it was sent in the measured window (else it only shows in progress).
    func succeeded(_ kind: OperationKind, latency: Duration, messages: Int, empty: Bool = false, counted: Bool) {
        let microseconds = min(Self.microseconds(latency), Self.highestMicroseconds)
        state.withLock { state in
            state.interval.latency.record(microseconds)
            state.interval.requests += 1
            guard counted else { return }
            state.tallies[kind.index].latency.record(microseconds)
            state.tallies[kind.index].requests += 1
            state.tallies[kind.index].messages += messages
            if empty { state.tallies[kind.index].empty += 1 }
        }
    }

    /// Records a failed request under its ``ErrorKind`` name.
    func failed(_ kind: OperationKind, error: FlotillaClientError, counted: Bool) {
        let name = ErrorKind.name(of: error)
        state.withLock { state in
            state.interval.errors += 1
            state.interval.errorsTotal += 1
            guard counted else { return }
            state.tallies[kind.index].errors[name, default: 0] += 1
            if state.tallies[kind.index].firstErrors[name] == nil {
                state.tallies[kind.index].firstErrors[name] = error.description
            }
        }
    }

    /// What happened since the last call, and a fresh interval in its place.
    func takeInterval() -> Interval {
        state.withLock { state in
            let taken = state.interval
            state.interval = Interval(errorsTotal: taken.errorsTotal)
            return taken
        }
    }

    /// The measured tallies, indexed by ``OperationKind/index``.
    var tallies: [Tally] { state.withLock { $0.tallies } }

    static func microseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000)
        return overflow ? .max : whole &+ UInt64(attoseconds / 1_000_000_000_000)
    }
}
