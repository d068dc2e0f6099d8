import ArgumentParser
import Foundation
import QueueEngine
import QueueModel

/// `flotilla-engine-bench`: the queue engine's apply and claim costs, and its state size per message.
@main
struct EngineBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flotilla-engine-bench",
        abstract: "Benchmark the queue engine (SQLite state machine) on a file in DIR.",
        discussion: """
            post       apply post commands of 64 messages of 1 KiB, one command per transaction (and 16 per
                       transaction), measured in messages/s
            cycle      claim 10 + delete each with its claim id, one command per transaction, messages/s
            deep-claim claim 10 from a queue of --deep-messages messages, the first 10 % claimed ahead; latency
            size       database bytes per live message as messages are posted, and after they expire
            """)

    @Option(help: "Directory for the database files (created; removed afterwards).") var dir = "engine-bench"
    @Option(help: "Seconds per throughput measurement.") var seconds = 3.0
    @Option(help: "Repetitions of the throughput measurements.") var repeats = 3
    @Option(help: "Messages in the deep-claim queue.") var deepMessages = 1_000_000
    @Option(help: "Run only this measurement: post, cycle, deep-claim or size.") var only: String?

    func run() throws {
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var post1: [Double] = []
        var post16: [Double] = []
        var cycle1: [Double] = []
        var cycle16: [Double] = []
        var cycle64: [Double] = []
        func wanted(_ name: String) -> Bool { only == nil || only == name }
        for round in 0..<repeats {
            if wanted("post") {
                post1.append(try measurePosts(commandsPerApply: 1, name: "post1-\(round)"))
                post16.append(try measurePosts(commandsPerApply: 16, name: "post16-\(round)"))
            }
            if wanted("cycle") {
                cycle1.append(try measureClaimDeleteCycle(consumers: 1, name: "cycle1-\(round)"))
                cycle16.append(try measureClaimDeleteCycle(consumers: 16, name: "cycle16-\(round)"))
                cycle64.append(try measureClaimDeleteCycle(consumers: 64, name: "cycle64-\(round)"))
            }
        }
        if wanted("post") {
            report("post, 64 x 1 KiB per command, 1 command per apply", post1, unit: "messages/s")
            report("post, 64 x 1 KiB per command, 16 commands per apply", post16, unit: "messages/s")
        }
        if wanted("cycle") {
            report("claim 10 + 10 deletes with claim id, 1 consumer, 1 command per apply", cycle1, unit: "messages/s")
            report(
                "claim 10 + 10 deletes with claim id, 16 consumers, 16 commands per apply", cycle16, unit: "messages/s")
            report(
                "claim 10 + 10 deletes with claim id, 64 consumers, 64 commands per apply", cycle64, unit: "messages/s")
        }
        if wanted("deep-claim") { try measureDeepClaim() }
        if wanted("size") { try measureSize() }
    }

    private func report(_ name: String, _ values: [Double], unit: String) {
        let sorted = values.sorted()
        print(
            "\(name): median \(Int(sorted[sorted.count / 2])) \(unit) (min \(Int(sorted.first!)), max \(Int(sorted.last!)))"
        )
    }

    static let client = ClientID(parsing: "3381af92-2b9e-11e3-b191-71861300734c")!
    /// A 1 KiB JSON body (a string of 1,022 characters plus its quotes).
    static let body = "\"" + String(repeating: "x", count: 1_022) + "\""

    /// Feeds an engine commands at log indexes that keep increasing, at a steady fake time.
    /// Like a node's housekeeping: checkpoints the engine's WAL every 100 ms on another thread.
    struct Feeder {
        let engine: QueueEngine
        var index: UInt64 = 0
        var time = Timestamp(seconds: 1_800_000_000)
        private let housekeeping: Task<Void, Never>

        init(engine: QueueEngine) {
            self.engine = engine
            housekeeping = Task.detached {
                while !Task.isCancelled {
                    try? engine.checkpoint()
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
        }

        func stop() { housekeeping.cancel() }

        mutating func payload(_ command: QueueCommand) -> (index: UInt64, payload: [UInt8]) {
            index += 1
            return (index, CommandCodec.encode(CommandEnvelope(time: time, command: command)))
        }

        mutating func apply(_ commands: [QueueCommand]) throws -> [CommandResult?] {
            let entries = commands.map { payload($0) }
            return try engine.apply(entries)
        }
    }

    static func postCommand(_ queue: QueueRef, count: Int = 64) -> QueueCommand {
        .postMessages(
            queue, clientID: client,
            messages: Array(repeating: NewMessage(ttl: 3_600, delay: nil, body: body, checksum: nil), count: count),
            idempotencyKey: nil)
    }

    private func measurePosts(commandsPerApply: Int, name: String) throws -> Double {
        var feeder = Feeder(engine: try QueueEngine(path: "\(dir)/\(name).sqlite"))
        defer { feeder.stop() }
        let queue = QueueRef(project: "bench", name: "posts")
        let deadline = ContinuousClock.now + .seconds(seconds)
        let start = ContinuousClock.now
        var messages = 0
        while ContinuousClock.now < deadline {
            _ = try feeder.apply(Array(repeating: Self.postCommand(queue), count: commandsPerApply))
            messages += 64 * commandsPerApply
        }
        return Double(messages) / ((ContinuousClock.now - start) / .seconds(1))
    }

    /// `consumers` consumers each claim 10 and delete them with the claim id. Their commands are applied together,
    /// `consumers` per transaction, as a leader applies the entries of one Ready when that many clients are busy.
    private func measureClaimDeleteCycle(consumers: Int, name: String) throws -> Double {
        var feeder = Feeder(engine: try QueueEngine(path: "\(dir)/\(name).sqlite"))
        defer { feeder.stop() }
        let queue = QueueRef(project: "bench", name: "cycle")
        for _ in 0..<400 { _ = try feeder.apply([Self.postCommand(queue)]) }  // 25,600 messages ready
        let deadline = ContinuousClock.now + .seconds(seconds)
        let start = ContinuousClock.now
        var messages = 0
        while ContinuousClock.now < deadline {
            let claims = try feeder.apply(
                Array(repeating: .claimMessages(queue, limit: 10, ttl: 60, grace: 60), count: consumers)
            ).compactMap { result -> ClaimView? in
                guard case .claimed(let claim?)? = result else { return nil }
                return claim
            }
            guard !claims.isEmpty else {
                _ = try feeder.apply(Array(repeating: Self.postCommand(queue), count: 16))
                continue
            }
            // Round r holds every consumer's r-th delete.
            for round in 0..<10 {
                let deletes = claims.compactMap { claim -> QueueCommand? in
                    guard round < claim.messages.count else { return nil }
                    return .deleteMessage(queue, messageID: claim.messages[round].id, claimID: claim.id)
                }
                if !deletes.isEmpty { _ = try feeder.apply(deletes) }
                messages += deletes.count
            }
        }
        return Double(messages) / ((ContinuousClock.now - start) / .seconds(1))
    }

    /// Claims 10 from a queue of `deepMessages` whose first 10 % are already claimed.
    private func measureDeepClaim() throws {
        var feeder = Feeder(engine: try QueueEngine(path: "\(dir)/deep.sqlite"))
        defer { feeder.stop() }
        let queue = QueueRef(project: "bench", name: "deep")
        let fillStart = ContinuousClock.now
        for _ in 0..<(deepMessages / 1_024) {
            _ = try feeder.apply(Array(repeating: Self.postCommand(queue), count: 16))
        }
        let claimedAhead = deepMessages / 10
        for _ in 0..<(claimedAhead / 20) {
            _ = try feeder.apply([.claimMessages(queue, limit: 20, ttl: 43_200, grace: 60)])
        }
        print(
            "deep-claim setup: \(deepMessages / 1_024 * 1_024) messages, \(claimedAhead) claimed ahead, in \(Int((ContinuousClock.now - fillStart) / .seconds(1))) s"
        )
        var latencies: [Double] = []
        for _ in 0..<1_000 {
            let start = ContinuousClock.now
            let result = try feeder.apply([.claimMessages(queue, limit: 10, ttl: 43_200, grace: 60)])[0]
            latencies.append((ContinuousClock.now - start) / .microseconds(1))
            guard case .claimed(let claim?)? = result, claim.messages.count == 10 else {
                fatalError("claim came back short")
            }
        }
        latencies.sort()
        print(
            "deep-claim (claim 10, one command per apply): median \(Int(latencies[500])) us, p99 \(Int(latencies[990])) us, max \(Int(latencies.last!)) us"
        )
    }

    /// Database size per live message while posting, then after everything expired and housekeeping ran.
    private func measureSize() throws {
        let path = "\(dir)/size.sqlite"
        let engine = try QueueEngine(path: path)
        var feeder = Feeder(engine: engine)
        defer { feeder.stop() }
        let queue = QueueRef(project: "bench", name: "size")
        print("size (1 KiB bodies, ttl 3600 s):")
        var live = 0
        for step in 1...4 {
            for _ in 0..<(25_600 / 64 / 16) {
                _ = try feeder.apply(Array(repeating: Self.postCommand(queue), count: 16))
            }
            live = step * 25_600
            let bytes = try engine.databaseBytes()
            print(
                "  \(live) live messages: \(bytes.used / 1_048_576) MiB used, \(bytes.used / live) bytes per message, file \(bytes.file / 1_048_576) MiB"
            )
        }
        feeder.time = feeder.time.adding(seconds: 3_601)
        var removed = 0
        repeat {
            guard case .expired(let count)? = try feeder.apply([.expire(limit: 10_000)])[0] else {
                fatalError("expire failed")
            }
            removed = count
        } while removed > 0
        let bytes = try engine.databaseBytes()
        print("  after expiry: \(bytes.used / 1_048_576) MiB used, file \(bytes.file / 1_048_576) MiB")
    }
}
