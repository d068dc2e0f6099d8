public import Flotilla
public import FlotillaVerify
import QueueModel
import RaftCore
import Synchronization

/// The shape of the queue workload a ``FaultRun`` drives.
public struct WorkloadOptions: Sendable, Hashable {
    /// Concurrent producers, each posting one message at a time.
    public var producers = 2
    /// Concurrent consumers, each claiming and then deleting under the claim.
    public var consumers = 2
    /// Each message's TTL in seconds: long enough that nothing expires during a run.
    public var messageTTL = 86_400
    /// Messages per claim.
    public var claimLimit = 5
    /// Claim TTL in seconds (Zaqar's minimum is 60).
    public var claimTTL = ZaqarLimits.claimTTLRange.lowerBound
    /// Claim grace in seconds (Zaqar's minimum is 60).
    public var claimGrace = ZaqarLimits.claimGraceRange.lowerBound
    /// The chance that a consumer leaves a claim's messages undeleted, so the claim expires and they are claimed
    /// again, and eventually moved to the dead-letter queue.
    public var skipDeleteProbability = 0.1
    /// The queue's `_max_claim_count`.
    public var maxClaimCount = 2
    /// Pause between one producer's posts (bounds the history's size).
    public var postInterval = Duration.milliseconds(20)
    /// Pause after a claim found nothing, or after any operation that did not succeed.
    public var idlePause = Duration.milliseconds(100)
    /// The limits of every worker's client: short attempts, so a paused node costs seconds, not minutes.
    public var router = RouterConfiguration(maxAttempts: 10, totalBudget: .seconds(10), requestTimeout: .seconds(3))

    public init() {}
}

/// Concurrent producers and consumers of one queue that record every operation in a ``HistoryRecorder``.
///
/// Process numbers in the history: producers are `0..<producers`, consumers follow, and the final reads use the
/// next number. Every operation is recorded as an invoke and then exactly one completion: `ok` with its result,
/// `fail` only when the error proves nothing happened, otherwise `unknown` (see ``Workload/outcome(of:)``).
/// Workers stop between operations once ``stop()`` is called, so no operation is cut short.
public final class Workload: Sendable {
    public let options: WorkloadOptions
    public let setup: WorkloadSetup
    private let endpoints: [String]
    private let project: String
    private let recorder: HistoryRecorder
    private let seed: UInt64
    private let stopping = Atomic<Bool>(false)

    /// - Parameters:
    ///   - endpoints: the cluster's API URLs.
    ///   - project: the project the queues live in.
    ///   - setup: the queue, its dead-letter queue and its max claim count.
    ///   - seed: seeds each worker's generator (worker `w` uses `seed &+ w`).
    public init(
        endpoints: [String], project: String, setup: WorkloadSetup, options: WorkloadOptions,
        recorder: HistoryRecorder, seed: UInt64
    ) {
        self.endpoints = endpoints
        self.project = project
        self.setup = setup
        self.options = options
        self.recorder = recorder
        self.seed = seed
    }

    /// The process number the final reads are recorded under.
    public var readerProcess: Int { options.producers + options.consumers }

    /// Creates the dead-letter queue and the workload queue with `_max_claim_count` and `_dead_letter_queue`.
    /// - Throws: ``FlotillaClientError``.
    public func createQueues() async throws(FlotillaClientError) {
        let client = try makeClient()
        do {
            try await client.createQueue(setup.deadLetterQueue)
            try await client.createQueue(
                setup.queue,
                metadata: JSONObject([
                    ("_max_claim_count", .int(Int64(setup.maxClaimCount))),
                    ("_dead_letter_queue", .string(setup.deadLetterQueue)),
                ]))
        } catch {
            try? await client.shutdown()
            throw error
        }
        try? await client.shutdown()
    }

    /// Runs every worker until ``stop()``; returns when all have finished their last operation.
    /// - Throws: ``FlotillaClientError/invalidArgument(_:)`` if the endpoints are malformed.
    public func run() async throws(FlotillaClientError) {
        var made: [FlotillaClient] = []
        for _ in 0..<(options.producers + options.consumers) { made.append(try makeClient()) }
        let clients = made
        await withTaskGroup(of: Void.self) { group in
            for producer in 0..<options.producers {
                group.addTask { await self.produce(producer, client: clients[producer]) }
            }
            for consumer in options.producers..<(options.producers + options.consumers) {
                group.addTask { await self.consume(consumer, client: clients[consumer]) }
            }
        }
        for client in clients { try? await client.shutdown() }
    }

    /// Asks every worker to stop after its current operation.
    public func stop() {
        stopping.store(true, ordering: .relaxed)
    }

    private var stopped: Bool { stopping.load(ordering: .relaxed) }

    private func makeClient() throws(FlotillaClientError) -> FlotillaClient {
        try FlotillaClient(endpoints: endpoints, project: project, configuration: options.router)
    }

    // MARK: - Workers

    /// Posts `p<producer>-<sequence>` bodies, one at a time, in sequence order.
    private func produce(_ process: Int, client: FlotillaClient) async {
        var sequence = 0
        while !stopped {
            let body = "p\(process)-\(sequence)"
            let request = Operation.post(
                body: body, producer: process, sequence: sequence, ttl: options.messageTTL, id: nil)
            recorder.invoke(process, request)
            do {
                let ids = try await client.postMessages(
                    setup.queue, [OutgoingMessage(body: .string(body), ttl: options.messageTTL)])
                recorder.complete(
                    process, .ok,
                    .post(body: body, producer: process, sequence: sequence, ttl: options.messageTTL, id: ids.first))
                try? await Task.sleep(for: options.postInterval)
            } catch {
                recorder.complete(process, Self.outcome(of: error), request)
                try? await Task.sleep(for: options.idlePause)
            }
            sequence += 1
        }
    }

    /// Claims, then deletes each claimed message under the claim, unless it decides to let this claim expire.
    private func consume(_ process: Int, client: FlotillaClient) async {
        var generator = SplitMix64(seed: seed &+ UInt64(process))
        let (limit, ttl, grace) = (options.claimLimit, options.claimTTL, options.claimGrace)
        while !stopped {
            let request = Operation.claim(limit: limit, ttl: ttl, grace: grace, claimID: nil, messages: [])
            recorder.invoke(process, request)
            let claim: Claim?
            do {
                claim = try await client.createClaim(setup.queue, ttl: ttl, grace: grace, limit: limit)
            } catch {
                recorder.complete(process, Self.outcome(of: error), request)
                try? await Task.sleep(for: options.idlePause)
                continue
            }
            let delivered = claim?.messages.map { DeliveredMessage(id: $0.id, body: Self.text(of: $0.body)) } ?? []
            recorder.complete(
                process, .ok, .claim(limit: limit, ttl: ttl, grace: grace, claimID: claim?.id, messages: delivered))
            guard let claim, !claim.messages.isEmpty else {
                try? await Task.sleep(for: options.idlePause)
                continue
            }
            guard Double.random(in: 0..<1, using: &generator) >= options.skipDeleteProbability else { continue }
            for message in claim.messages where !stopped {
                let delete = Operation.delete(id: message.id, claimID: claim.id)
                recorder.invoke(process, delete)
                do {
                    try await client.deleteMessage(setup.queue, id: message.id, claimID: claim.id)
                    recorder.complete(process, .ok, delete)
                } catch {
                    recorder.complete(process, Self.outcome(of: error), delete)
                }
            }
        }
    }

    // MARK: - Final reads

    /// Lists everything in `queue` (claimed messages and this client's own included), page by page, recorded as
    /// one `.read`; retried until one listing completes or `attempts` run out.
    /// - Returns: whether a listing completed `ok`.
    @discardableResult
    public func finalRead(_ queue: String, attempts: Int = 10) async -> Bool {
        guard let client = try? makeClient() else { return false }
        let completed = await finalRead(queue, attempts: attempts, client: client)
        try? await client.shutdown()
        return completed
    }

    private func finalRead(_ queue: String, attempts: Int, client: FlotillaClient) async -> Bool {
        let process = readerProcess
        for _ in 0..<attempts {
            recorder.invoke(process, .read(queue: queue, messages: []))
            do {
                var messages: [DeliveredMessage] = []
                var marker: String?
                repeat {
                    let page = try await client.listMessages(
                        queue, marker: marker, limit: ZaqarLimits.maxMessagesPerPage, echo: true, includeClaimed: true)
                    messages += page.messages.map { DeliveredMessage(id: $0.id, body: Self.text(of: $0.body)) }
                    marker = page.nextMarker
                } while marker != nil
                recorder.complete(process, .ok, .read(queue: queue, messages: messages))
                return true
            } catch {
                // A read changes nothing, so any failure is a plain failure.
                recorder.complete(process, .fail, .read(queue: queue, messages: []))
                try? await Task.sleep(for: options.idlePause)
            }
        }
        return false
    }

    // MARK: - Classification

    /// How an operation that threw completed, for the history.
    ///
    /// `fail` only where the client's contract says nothing was changed: a 4xx refusal, a transport failure (no
    /// attempt got an answer and none can have been applied), an argument refused before sending. A 5xx is
    /// `unknown`: Flotilla answers 503 also when a leader change left a proposal's fate open. So are
    /// ``FlotillaClientError/outcomeUnknown(_:)`` and an unreadable 2xx (something was answered, so something may
    /// have happened).
    public static func outcome(of error: FlotillaClientError) -> EventType {
        switch error {
        case .api(let refusal): return refusal.status < 500 ? .fail : .unknown
        case .transport, .invalidArgument: return .fail
        case .outcomeUnknown, .decoding: return .unknown
        }
    }

    /// A body as the history records it: the string itself for the workload's string bodies, else its JSON.
    static func text(of body: JSONValue) -> String {
        if case .string(let text) = body { return text }
        return JSONSerializer.serialize(body)
    }
}
