import ArgumentParser
import Flotilla
import FlotillaBench
import Foundation
import QueueModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `flotilla bench`: offers load to a cluster through the client router and reports latency percentiles and
/// throughput per operation kind.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure latency and throughput: post, claim+delete or mixed load, closed or open loop.",
        discussion: """
            Requests go through the same leader-following client as every other command, so a benchmark \
            measures what an application sees. Latencies are recorded in an HdrHistogram (three significant \
            digits) per operation kind: post, claim, delete.

            Workloads:
              post          single-message posts of --size bytes (--body string or object)
              claim-delete  claim --claim-limit messages, then delete each under the claim
              mixed         half the load posts, half claims and deletes, on one queue
            Bodies are built once. Before a run with claims the queue is pre-filled by batch posts: --prefill \
            messages, or an estimate (open loop: what the schedule can claim; closed loop: 50 claim cycles per \
            second per client, at most 1000 in all). The summary warns when claims found the queue empty.

            Load models:
              --concurrency N  closed loop: N clients, one request in flight each (16)
              --rate R         open loop: R starts per second, whatever the answers
            In the open loop a claim and its deletes are one start, and mixed alternates posts and claims. \
            Latency runs from the intended start, so a server that falls behind shows it (no coordinated \
            omission). At most --max-outstanding requests are in flight; starts still waiting for a slot when \
            the run ends are reported as unsent.

            Requests sent during --warmup are not counted. Requests in flight when --duration ends are waited \
            for and counted, and throughput divides by that whole window. Failed requests are counted by error \
            (http_<status>, transport, outcome_unknown, decoding) and never stop the run; only failing to \
            create or pre-fill the queue does. --timeout bounds each request, retries included.

            A progress line goes to standard error once a second (rate, p50/p99 of that second, errors); the \
            summary table goes to standard output. With --json, standard output is one JSON document instead, \
            with the keys: \(BenchReport.jsonKeysHelp)

            The queue is a fresh bench-XXXXXXXX, deleted afterwards unless --keep-queue. A queue named with \
            --queue is never deleted (it may hold your messages); a pre-fill leaves its unclaimed messages there.

            Examples:
              flotilla bench post --concurrency 16 --duration 10
              flotilla bench post --rate 2000 --size 256 --json > post.json
              flotilla bench claim-delete --concurrency 8 --prefill 100000
              flotilla bench mixed --rate 1000 --body object --quiet
              flotilla bench post --endpoints http://10.0.0.1:8001 --duration 60

            \(exitStatusHelp)
            """)

    @OptionGroup var client: ClientOptions
    @Argument(help: ArgumentHelp("What to send: post, claim-delete or mixed.", valueName: "workload"))
    var workload: String
    @Option(
        help: ArgumentHelp(
            "Closed loop: this many clients, each with one request in flight (default 16).", valueName: "n"))
    var concurrency: Int?
    @Option(help: ArgumentHelp("Open loop: starts per second, whatever the answers.", valueName: "per-second"))
    var rate: Double?
    @Option(help: ArgumentHelp("Open loop: the most requests in flight.", valueName: "n"))
    var maxOutstanding: Int = 256
    @Option(help: ArgumentHelp("Seconds of measured load.", valueName: "seconds"))
    var duration: Double = 10
    @Option(help: ArgumentHelp("Seconds of load before the measurement, not counted.", valueName: "seconds"))
    var warmup: Double = 1
    @Option(help: ArgumentHelp("Bytes of each message body, serialized.", valueName: "bytes"))
    var size: Int = 1024
    @Option(help: ArgumentHelp("Body shape: string (\"xx…\") or object ({\"pad\": \"xx…\"}).", valueName: "shape"))
    var body: String = "string"
    @Option(help: ArgumentHelp("Messages per claim, 1-20.", valueName: "n"))
    var claimLimit: Int = 10
    @Option(help: ArgumentHelp("Messages to post before a run with claims (default: an estimate).", valueName: "n"))
    var prefill: Int?
    @Option(
        help: ArgumentHelp("The queue to use (default: a fresh bench-XXXXXXXX, deleted afterwards).", valueName: "name")
    )
    var queue: String?
    @Flag(help: "Keep the fresh queue afterwards.") var keepQueue = false
    @Flag(help: "No progress line.") var quiet = false

    func validate() throws {
        guard BenchConfiguration.Workload(rawValue: workload) != nil else {
            throw ValidationError("workload \(workload): expected post, claim-delete or mixed")
        }
        guard BenchConfiguration.BodyShape(rawValue: body) != nil else {
            throw ValidationError("--body \(body): expected string or object")
        }
        if concurrency != nil, rate != nil { throw ValidationError("give --concurrency or --rate, not both") }
        guard duration.isFinite, warmup.isFinite else {
            throw ValidationError("--duration and --warmup must be numbers")
        }
        if let problem = benchConfiguration(queue: queue ?? "bench").problem { throw ValidationError(problem) }
    }

    func benchConfiguration(queue: String) -> BenchConfiguration {
        let load: BenchConfiguration.Load =
            rate.map { .open(perSecond: $0, maxOutstanding: maxOutstanding) } ?? .closed(clients: concurrency ?? 16)
        return BenchConfiguration(
            workload: BenchConfiguration.Workload(rawValue: workload)!, load: load, queue: queue,
            duration: .seconds(duration), warmup: .seconds(warmup), messageBytes: size,
            bodyShape: BenchConfiguration.BodyShape(rawValue: body)!, claimLimit: claimLimit, prefill: prefill)
    }

    func run() async throws {
        let fresh = queue == nil
        let configuration = benchConfiguration(queue: queue ?? Self.freshQueueName())
        let budget = Duration.milliseconds(Int64(client.timeout * 1000))
        let progress = ProgressLine(enabled: !quiet)
        do {
            try await BenchClient.withClient(
                endpoints: client.resolvedEndpoints, project: client.resolvedProject,
                clientID: client.clientID.flatMap { ClientID(parsing: $0) },
                configuration: RouterConfiguration(
                    maxAttempts: 20, totalBudget: budget, requestTimeout: min(.seconds(5), budget)),
                connections: configuration.connections
            ) { flotilla in
                let report: BenchReport
                do {
                    report = try await BenchRunner(client: flotilla, configuration: configuration).run { event in
                        progress.show(event.line)
                    }
                } catch {
                    progress.finish()
                    if fresh { try? await flotilla.deleteQueue(configuration.queue) }
                    throw error
                }
                progress.finish()
                if fresh, !keepQueue {
                    do throws(FlotillaClientError) {
                        try await flotilla.deleteQueue(configuration.queue)
                    } catch {
                        Self.standardError("warning: could not delete queue \(configuration.queue): \(error)\n")
                    }
                }
                if client.json {
                    Output.json(report.json)
                } else {
                    print(report.summary)
                }
            }
        } catch let error as FlotillaClientError {
            Self.standardError("error: \(error)\n")
            throw ClientOptions.exitCode(for: error)
        }
    }

    /// `bench-` and 8 random hex digits.
    static func freshQueueName() -> String {
        var generator = SystemRandomNumberGenerator()
        return "bench-" + String(UInt32.random(in: .min ... .max, using: &generator), radix: 16).leftPadded(to: 8)
    }

    static func standardError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// The live progress line on standard error: rewritten in place (`\r`, erase to the end) on a terminal, one line
/// per update otherwise (so a log file keeps them all).
private struct ProgressLine: Sendable {
    let enabled: Bool
    let terminal = isatty(STDERR_FILENO) == 1

    func show(_ line: String) {
        guard enabled else { return }
        BenchCommand.standardError(terminal ? "\r" + line + "\u{1B}[K" : line + "\n")
    }

    /// Ends a line rewritten in place, so what follows starts on its own line.
    func finish() {
        if enabled, terminal { BenchCommand.standardError("\n") }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
