import FlotillaVerify

/// Builds history fixtures that read like the scenario they describe. Every operation runs on its own process, so
/// operations may overlap freely; ``history`` puts the events in time order (ties keep the order they were added).
/// A posted message's id is `id-<body>`; claims are named `c1`, `c2`, ... in the order they are added.
struct HistoryBuilder {
    private(set) var setup: WorkloadSetup
    private var events: [Event] = []
    private var nextProcess = 0
    private var claimsAdded = 0

    /// A builder for a workload on `q` with dead-letter queue `dlq`.
    init(maxClaimCount: Int = 3) {
        setup = WorkloadSetup(queue: "q", maxClaimCount: maxClaimCount, deadLetterQueue: "dlq")
    }

    /// The events so far, in time order.
    var history: History {
        let ordered = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        return History(setup: setup, events: ordered.map(\.element))
    }

    /// The id the server gives `body` in these fixtures.
    static func id(_ body: String) -> String { "id-\(body)" }

    /// The messages for `bodies`, with the fixtures' ids.
    static func messages(_ bodies: [String]) -> [DeliveredMessage] {
        bodies.map { DeliveredMessage(id: id($0), body: $0) }
    }

    /// Posts `body`, invoked at `time` and completed `took` seconds later with `outcome` (nil: still outstanding).
    mutating func post(
        _ body: String, producer: Int = 0, sequence: Int = 0, ttl: Int = 300, at time: Double, took: Double = 0.1,
        outcome: EventType? = .ok
    ) {
        let request = Operation.post(body: body, producer: producer, sequence: sequence, ttl: ttl, id: nil)
        let result = Operation.post(body: body, producer: producer, sequence: sequence, ttl: ttl, id: Self.id(body))
        run(request, result: result, at: time, took: took, outcome: outcome)
    }

    /// A claim that, when `ok`, hands out `bodies` with the fixtures' ids.
    /// - Returns: The claim's id (also when it did not complete `ok`, so tests can still delete under it).
    @discardableResult
    mutating func claim(
        _ bodies: [String], limit: Int = 10, ttl: Int = 30, at time: Double, took: Double = 0.1,
        outcome: EventType? = .ok
    ) -> String {
        claim(delivering: Self.messages(bodies), limit: limit, ttl: ttl, at: time, took: took, outcome: outcome)
    }

    /// A claim that, when `ok`, hands out exactly `messages`.
    /// - Returns: The claim's id.
    @discardableResult
    mutating func claim(
        delivering messages: [DeliveredMessage], limit: Int = 10, ttl: Int = 30, at time: Double,
        took: Double = 0.1, outcome: EventType? = .ok
    ) -> String {
        claimsAdded += 1
        let claimID = "c\(claimsAdded)"
        let request = Operation.claim(limit: limit, ttl: ttl, grace: 60, claimID: nil, messages: [])
        let result = Operation.claim(
            limit: limit, ttl: ttl, grace: 60, claimID: messages.isEmpty ? nil : claimID, messages: messages)
        run(request, result: result, at: time, took: took, outcome: outcome)
        return claimID
    }

    /// Deletes the message of `body` under `claimID`.
    mutating func delete(
        _ body: String, claim claimID: String, at time: Double, took: Double = 0.1, outcome: EventType? = .ok
    ) {
        let request = Operation.delete(id: Self.id(body), claimID: claimID)
        run(request, result: request, at: time, took: took, outcome: outcome)
    }

    /// An `ok` read of `queue` listing `bodies`.
    mutating func read(_ queue: String, _ bodies: [String], at time: Double, took: Double = 0.1) {
        run(
            .read(queue: queue, messages: []), result: .read(queue: queue, messages: Self.messages(bodies)), at: time,
            took: took, outcome: .ok)
    }

    /// The final reads: the workload queue listing `queue` at `time`, then the dead-letter queue listing
    /// `deadLetter` one second later.
    mutating func finalReads(queue: [String], deadLetter: [String] = [], at time: Double) {
        read(setup.queue, queue, at: time)
        read(setup.deadLetterQueue, deadLetter, at: time + 1)
    }

    private mutating func run(
        _ request: Operation, result: Operation, at time: Double, took: Double, outcome: EventType?
    ) {
        nextProcess += 1
        events.append(Event(process: nextProcess, type: .invoke, time: time, operation: request))
        guard let outcome else { return }
        let completion = outcome == .ok ? result : request
        events.append(Event(process: nextProcess, type: outcome, time: time + took, operation: completion))
    }
}

/// The kinds of the violations `history` shows, one entry per violation, in report order.
func violationKinds(_ history: History) -> [Violation.Kind] {
    QueueChecker.check(history).violations.map(\.kind)
}
