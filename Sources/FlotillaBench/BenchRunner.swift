public import Flotilla
import Histogram
import QueueModel

/// Runs one benchmark through a ``FlotillaClient``, so requests follow the leader as any client's do: creates the
/// queue (if missing), pre-fills it when the workload claims, offers the configured load for warmup plus
/// duration, and reports the measured window.
///
/// Guarantees: failed requests during the load are counted by kind in the report, never thrown; latencies are
/// those of successful requests, from their intended start; operations sent during the warmup are not counted.
/// The runner leaves the queue in place (deleting it is the caller's choice).
public struct BenchRunner: Sendable {
    /// Concurrent batch posters while pre-filling.
    static let prefillWorkers = 8

    public let client: FlotillaClient
    public let configuration: BenchConfiguration

    /// - Parameters:
    ///   - client: the client to send through; it must allow ``BenchConfiguration/connections`` concurrent
    ///     connections per node for the load to be the configured one (``BenchClient`` makes such a client).
    ///   - configuration: a configuration whose ``BenchConfiguration/problem`` is nil.
    public init(client: FlotillaClient, configuration: BenchConfiguration) {
        precondition(configuration.problem == nil, "invalid configuration: \(configuration.problem ?? "")")
        self.client = client
        self.configuration = configuration
    }

    /// Runs the benchmark.
    /// - Parameter events: told about the pre-fill and, once a second, the load (from one task at a time).
    /// - Returns: the report of the measured window.
    /// - Throws: ``FlotillaClientError`` when the queue cannot be created or pre-filled; nothing after that.
    public func run(events: @escaping @Sendable (BenchEvent) -> Void = { _ in }) async throws(FlotillaClientError)
        -> BenchReport
    {
        try await client.createQueue(configuration.queue)
        let prefilled = configuration.claims ? (configuration.prefill ?? configuration.defaultPrefill) : 0
        try await prefill(prefilled, events: events)

        let clock = ContinuousClock()
        let start = clock.now
        let measureStart = start.advanced(by: configuration.warmup)
        let schedule = LoadGenerator.Schedule(
            start: start, measureStart: measureStart, end: measureStart.advanced(by: configuration.duration))
        let recorder = BenchRecorder()
        let generator = LoadGenerator(
            client: client, configuration: configuration, recorder: recorder, schedule: schedule,
            postBatch: [
                OutgoingMessage(
                    body: MessageBody.make(bytes: configuration.messageBytes, shape: configuration.bodyShape),
                    ttl: configuration.messageTTLSeconds)
            ])
        let unsent = await withTicker(every: .seconds(1)) { due in
            // The interval is the second before `due`; it belongs to the phase it began in.
            let begun = due.advanced(by: .seconds(-1))
            let interval = recorder.takeInterval()
            events(
                .interval(
                    BenchEvent.Interval(
                        phase: begun >= schedule.end ? .draining : begun >= measureStart ? .measuring : .warmup,
                        elapsed: start.duration(to: due), requestsPerSecond: Double(interval.requests),
                        p50: .microseconds(interval.latency.valueAtPercentile(50)),
                        p99: .microseconds(interval.latency.valueAtPercentile(99)), errors: interval.errors,
                        errorsTotal: interval.errorsTotal)))
        } _: {
            await generator.run()
        }
        return BenchReport(
            configuration: configuration, prefilled: prefilled, elapsed: measureStart.duration(to: clock.now),
            unsent: unsent, tallies: recorder.tallies)
    }
}
