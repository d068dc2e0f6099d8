// The engine of `flotilla bench` against the real Zaqar API (ZaqarAPI over a LocalQueueService on an in-memory
// engine) served over real HTTP on loopback. Runs are short; no assertion depends on how fast the machine is.
import Flotilla
import FlotillaBench
import QueueModel
import Testing

@Suite struct BenchTests {
    /// Goal: a closed-loop post run counts every post it made, without errors, with ordered percentiles, bodies of
    /// the asked size, and the documented JSON keys. Method: 4 clients post 100-byte object bodies for 0.5 s with
    /// no warmup; compare the report with the queue's stats (every post started in the window is counted), read
    /// one message back and measure its body, and list the JSON document's keys.
    @Test func closedLoopPostCountsEveryPost() async throws {
        let configuration = BenchConfiguration(
            workload: .post, load: .closed(clients: 4), queue: "bench-post", duration: .milliseconds(500),
            warmup: .zero, messageBytes: 100, bodyShape: .object)
        try await withBench(configuration) { client, report in
            let post = try #require(report[.post])
            #expect(post.requests > 0)
            #expect(post.messages == post.requests)
            #expect(post.errors.isEmpty, "\(post.firstErrors)")
            #expect(post.latency.p50 > .zero)
            #expect(post.latency.p50 <= post.latency.p90)
            #expect(post.latency.p90 <= post.latency.p99)
            #expect(post.latency.p99 <= post.latency.p999)
            #expect(post.latency.p999 <= post.latency.max)
            #expect(report.operations.map(\.kind) == [.post])
            #expect(try await client.queueStats("bench-post").total == post.requests)

            let page = try await client.listMessages("bench-post", limit: 1, echo: true)
            let body = try #require(page.messages.first?.body)
            #expect(JSONSerializer.serialize(body).utf8.count == 100)
            #expect(body.objectValue?.keys == ["pad"])

            guard case .object(let document) = report.json else {
                Issue.record("the JSON report is not an object")
                return
            }
            #expect(
                document.keys == [
                    "workload", "load", "queue", "message_bytes", "body", "claim_limit", "prefilled", "warmup_seconds",
                    "duration_seconds", "elapsed_seconds", "requests", "requests_per_second", "messages",
                    "messages_per_second", "errors", "empty_claims", "unsent", "operations",
                ])
            let latency = document["operations"]?.objectValue?["post"]?.objectValue?["latency_ms"]?.objectValue
            #expect(latency?.keys == ["p50", "p90", "p99", "p99_9", "max", "mean"])
        }
    }

    /// Goal: claim-delete pre-fills the queue, then deletes exactly the messages it claims. Method: pre-fill 300
    /// messages, 2 clients claim 5 at a time and delete them for 0.3 s; the messages claimed equal the messages
    /// deleted, and the queue afterwards holds the pre-fill minus those, none of them claimed.
    @Test func claimDeleteDeletesWhatItClaims() async throws {
        let configuration = BenchConfiguration(
            workload: .claimDelete, load: .closed(clients: 2), queue: "bench-claims", duration: .milliseconds(300),
            warmup: .zero, messageBytes: 64, claimLimit: 5, prefill: 300)
        try await withBench(configuration) { client, report in
            let claim = try #require(report[.claim])
            let delete = try #require(report[.delete])
            #expect(report.prefilled == 300)
            #expect(claim.requests > 0)
            #expect(claim.errors.isEmpty && delete.errors.isEmpty, "\(claim.firstErrors) \(delete.firstErrors)")
            #expect(delete.messages > 0)
            #expect(delete.messages == claim.messages)
            #expect(report.messages == delete.messages, "claims lease messages; only deletes move them")
            let stats = try await client.queueStats("bench-claims")
            #expect(stats.total == 300 - delete.messages)
            #expect(stats.claimed == 0)
        }
    }

    /// Goal: the open loop starts requests on its schedule, not on answers, and accounts for every scheduled
    /// start. Method: 200 posts/s for 0.5 s (100 starts); sent-and-answered, failed and unsent add up to exactly
    /// 100, most are answered, and the window lasts at least until the last start's intended time (0.495 s).
    @Test func openLoopKeepsItsSchedule() async throws {
        let configuration = BenchConfiguration(
            workload: .post, load: .open(perSecond: 200, maxOutstanding: 64), queue: "bench-open",
            duration: .milliseconds(500), warmup: .zero, messageBytes: 64)
        try await withBench(configuration) { _, report in
            let post = try #require(report[.post])
            #expect(post.requests + post.errorCount + report.unsent == 100)
            #expect(post.requests >= 50)
            #expect(report.elapsed >= .milliseconds(495))
        }
    }

    /// Runs `configuration` against a fresh in-memory server, then `check` with the run's client and report.
    private func withBench(
        _ configuration: BenchConfiguration, _ check: (FlotillaClient, BenchReport) async throws -> Void
    ) async throws {
        #expect(configuration.problem == nil)
        try await withServers([try makeZaqarAPI()]) { servers async throws in
            try await BenchClient.withClient(
                endpoints: [servers[0].url], project: "tests", configuration: testConfiguration(),
                connections: configuration.connections
            ) { client in
                let report = try await BenchRunner(client: client, configuration: configuration).run()
                try await check(client, report)
            }
        }
    }
}
