import FlotillaVerify
import RaftCore

/// A seeded run of producers and consumers against a ``ModelQueue``, recorded as a ``History`` the way the harness
/// records one: each operation acts on the queue at a random instant inside its invoke/completion window, and a
/// fault turns the outcome into `unknown` (acted on, possibly after the completion, or not at all) or `fail` (not
/// acted on). Consumers delete what they claimed, but sometimes abandon a claim so leases run out, messages come back
/// and get dead-lettered.
struct SimulatedRun {
    /// Processes 1...3 post, 4...6 claim and delete.
    private static let producers = 1...3
    private static let operationsPerProcess = 40

    /// What happens at an instant: a process sends its next request, an operation acts on the queue, or its answer
    /// arrives.
    private enum Step {
        case invoke(process: Int)
        case act(operation: Int)
        case complete(operation: Int)
    }

    /// One operation in flight.
    private struct InFlight {
        let process: Int
        let request: Operation
        var outcome: EventType
        var result: Operation?
    }

    private var random: SplitMix64
    /// The chance that an operation meets a fault: a third of faults fail, the rest end unknown.
    private let faultRate: Double
    private var queue: ModelQueue
    private let setup: WorkloadSetup
    private var steps: [(time: Double, order: Int, step: Step)] = []
    private var stepsAdded = 0
    private var operations: [InFlight] = []
    private var events: [Event] = []
    private var operationsLeft: [Int: Int] = [:]
    private var nextSequence: [Int: Int] = [:]
    /// Per consumer, the messages it holds under its last claim and still means to delete.
    private var held: [Int: [(id: String, claimID: String)]] = [:]

    /// The history of the run of `seed`, against a queue with `bug` (nil: a correct queue), where each operation
    /// meets a fault with probability `faultRate`.
    static func history(seed: UInt64, bug: ModelQueue.Bug? = nil, faultRate: Double = 0.15) -> History {
        var run = SimulatedRun(seed: seed, bug: bug, faultRate: faultRate)
        return run.record()
    }

    private init(seed: UInt64, bug: ModelQueue.Bug?, faultRate: Double) {
        random = SplitMix64(seed: seed)
        self.faultRate = faultRate
        let maxClaimCount = Int.random(in: 1...2, using: &random)
        setup = WorkloadSetup(queue: "q", maxClaimCount: maxClaimCount, deadLetterQueue: "dlq")
        queue = ModelQueue(maxClaimCount: maxClaimCount, bug: bug)
    }

    private mutating func record() -> History {
        for process in 1...6 {
            operationsLeft[process] = Self.operationsPerProcess
            schedule(.invoke(process: process), at: Double.random(in: 0..<0.5, using: &random))
        }
        while let next = steps.indices.min(by: { (steps[$0].time, steps[$0].order) < (steps[$1].time, steps[$1].order) }
        ) {
            let (time, _, step) = steps.remove(at: next)
            switch step {
            case .invoke(let process): invoke(process, at: time)
            case .act(let operation): act(operation, at: time)
            case .complete(let operation): complete(operation, at: time)
            }
        }
        // The final reads, after every late action, the workload queue first (so no move can fall between them).
        let end = (steps.map(\.time).max() ?? events.last?.time ?? 0) + 1
        for (offset, name) in [setup.queue, setup.deadLetterQueue].enumerated() {
            let invoked = end + Double(offset)
            events.append(Event(process: 0, type: .invoke, time: invoked, operation: .read(queue: name, messages: [])))
            let messages = queue.list(name, workloadQueue: setup.queue, now: invoked + 0.05)
            events.append(
                Event(process: 0, type: .ok, time: invoked + 0.1, operation: .read(queue: name, messages: messages)))
        }
        return History(setup: setup, events: events)
    }

    private mutating func schedule(_ step: Step, at time: Double) {
        stepsAdded += 1
        steps.append((time, stepsAdded, step))
    }

    private mutating func invoke(_ process: Int, at time: Double) {
        guard let left = operationsLeft[process], left > 0 else { return }
        operationsLeft[process] = left - 1
        let request = nextRequest(of: process)
        events.append(Event(process: process, type: .invoke, time: time, operation: request))
        let duration = Double.random(in: 0.01...0.5, using: &random)
        let fault = Double.random(in: 0..<1, using: &random)
        var inFlight = InFlight(process: process, request: request, outcome: .ok)
        if fault < faultRate / 3 {
            inFlight.outcome = .fail
        } else if fault < faultRate {
            inFlight.outcome = .unknown
            if Bool.random(using: &random) {
                schedule(
                    .act(operation: operations.count), at: time + Double.random(in: 0...(duration + 3), using: &random))
            }
        } else {
            schedule(.act(operation: operations.count), at: time + Double.random(in: 0..<duration, using: &random))
        }
        schedule(.complete(operation: operations.count), at: time + duration)
        operations.append(inFlight)
    }

    /// A producer posts its next message; a consumer deletes the next message it holds, or else claims.
    private mutating func nextRequest(of process: Int) -> Operation {
        if Self.producers.contains(process) {
            let sequence = nextSequence[process, default: 0]
            nextSequence[process] = sequence + 1
            let ttl = Int.random(in: 10...120, using: &random)
            return .post(body: "p\(process)-\(sequence)", producer: process, sequence: sequence, ttl: ttl, id: nil)
        }
        if Double.random(in: 0..<1, using: &random) < 0.15 { held[process] = [] }
        if let (id, claimID) = held[process]?.first {
            held[process]?.removeFirst()
            return .delete(id: id, claimID: claimID)
        }
        let ttl = Int.random(in: 2...6, using: &random)
        return .claim(limit: Int.random(in: 1...4, using: &random), ttl: ttl, grace: 5, claimID: nil, messages: [])
    }

    /// The operation acts on the queue at `time`; only an `ok` one keeps the answer.
    private mutating func act(_ operation: Int, at time: Double) {
        let result: Operation
        switch operations[operation].request {
        case .post(let body, let producer, let sequence, let ttl, _):
            let id = queue.post(body: body, ttl: ttl, now: time)
            result = .post(body: body, producer: producer, sequence: sequence, ttl: ttl, id: id)
        case .claim(let limit, let ttl, let grace, _, _):
            let (claimID, messages) = queue.claim(limit: limit, ttl: ttl, grace: grace, now: time)
            result = .claim(limit: limit, ttl: ttl, grace: grace, claimID: claimID, messages: messages)
        case .delete(let id, let claimID):
            result = operations[operation].request
            if !queue.delete(id: id, claimID: claimID, now: time), operations[operation].outcome == .ok {
                operations[operation].outcome = .fail
            }
        case .read:
            preconditionFailure("the workload does not read")
        }
        operations[operation].result = result
    }

    private mutating func complete(_ operation: Int, at time: Double) {
        let inFlight = operations[operation]
        let completion = inFlight.outcome == .ok ? inFlight.result ?? inFlight.request : inFlight.request
        events.append(Event(process: inFlight.process, type: inFlight.outcome, time: time, operation: completion))
        if inFlight.outcome == .ok, case .claim(_, _, _, let claimID?, let messages) = completion {
            held[inFlight.process] = messages.map { ($0.id, claimID) }
        }
        schedule(.invoke(process: inFlight.process), at: time + Double.random(in: 0...0.2, using: &random))
    }
}
