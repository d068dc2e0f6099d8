import ArgumentParser
import Foundation
import RaftCore

extension FlotillaSim {
    /// `flotilla-sim bench`: how fast the core alone commits entries, so it is never the bottleneck.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure entries committed per second through an in-memory 3-node cluster in one process.",
            discussion: """
                Three RaftNodes on MemoryStorage exchange messages directly (no network, no disk). The leader gets
                proposals in batches and keeps a bounded number of entries uncommitted; an entry counts once the
                leader has applied it (it is committed on a quorum). Every entry carries its own payload buffer.
                Build in release mode: swift run -c release flotilla-sim bench
                """)

        @Option(help: "Entries to commit per repetition.")
        var entries = 2_000_000

        @Option(help: "Entries per proposal batch.")
        var batch = 256

        @Option(help: "Payload bytes per entry.")
        var size = 1_024

        @Option(help: "The most entries proposed but not yet committed.")
        var window = 8_192

        @Option(help: "Repetitions; the median and spread are reported.")
        var repeats = 5

        func validate() throws {
            guard entries > 0, batch > 0, size >= 0, window >= batch, repeats > 0 else {
                throw ValidationError("--entries, --batch, --repeats must be positive, --window at least --batch")
            }
        }

        func run() throws {
            // Measured first, in a fresh heap: after the throughput runs, freed memory would be reused.
            let memory = InProcessCluster.memoryPerInflightEntry(payloadSize: size)
            print("core throughput: 3 nodes in one process, \(size) B entries, batches of \(batch), window \(window)")
            var rates: [Double] = []
            for round in 1...repeats {
                var cluster = InProcessCluster(voterCount: 3)
                let start = ContinuousClock.now
                cluster.commit(entries: entries, batch: batch, payloadSize: size, window: window)
                let seconds = (ContinuousClock.now - start) / .seconds(1)
                let rate = Double(entries) / seconds
                rates.append(rate)
                print("  run \(round): \(Int(rate)) entries/s (\(String(format: "%.2f", seconds)) s)")
            }
            rates.sort()
            let median = rates[rates.count / 2]
            print("median \(Int(median)) entries/s, min \(Int(rates.first!)), max \(Int(rates.last!))")
            print(memory)
        }
    }
}

/// Three (or more) nodes wired directly together: messages are stepped into their recipient as soon as the
/// sender's Ready is processed, and storage is `MemoryStorage`.
struct InProcessCluster {
    private var nodes: [RaftNode<MemoryStorage>] = []
    private var storages: [MemoryStorage] = []
    private var inbox: [Message] = []
    /// Entries the leader (node 1) has applied.
    private(set) var leaderApplied = 0

    init(voterCount: Int) {
        let voters = (1...UInt64(voterCount)).map { NodeID($0) }
        for id in voters {
            let storage = MemoryStorage(bootstrapVoters: voters)
            var config = RaftConfig(id: id)
            config.maxInflightAppends = 1_024
            storages.append(storage)
            nodes.append(try! RaftNode(config: config, storage: storage, random: SplitMix64(seed: id.rawValue)))
        }
        pump()  // Apply the bootstrap membership first: a node does not campaign with unapplied changes.
        nodes[0].campaign()
        while nodes[0].softState.role != .leader || nodes[0].appliedIndex < nodes[0].lastIndex { pump() }
        leaderApplied = 0
    }

    /// Proposes and commits `entries` entries of `payloadSize` bytes through the leader.
    mutating func commit(entries: Int, batch: Int, payloadSize: Int, window: Int) {
        let template = [UInt8](repeating: 0xA5, count: payloadSize)
        var proposed = 0
        while leaderApplied < entries {
            while proposed < entries && proposed - leaderApplied + batch <= window {
                let count = min(batch, entries - proposed)
                let payloads = (0..<count).map { offset -> [UInt8] in
                    var payload = template
                    if !payload.isEmpty { payload[0] = UInt8(truncatingIfNeeded: proposed + offset) }
                    return payload
                }
                guard case .appended = nodes[0].propose(batch: payloads) else {
                    fatalError("leader refused a proposal")
                }
                proposed += count
            }
            pump()
            compactIfLarge()
        }
    }

    /// One round: every node processes its Ready (persist, send, apply, advance), then messages are delivered.
    private mutating func pump() {
        for index in nodes.indices {
            while nodes[index].hasReady {
                let ready = nodes[index].ready()
                let storage = storages[index]
                if let snapshot = ready.snapshot { try! storage.applySnapshot(snapshot) }
                storage.append(ready.entries)
                if let hardState = ready.hardState { storage.setHardState(hardState) }
                inbox.append(contentsOf: ready.messages)
                if index == 0 {
                    leaderApplied += ready.committedEntries.lazy.filter { !$0.data.isEmpty }.count
                }
                nodes[index].advance(ready)
            }
        }
        let delivering = inbox
        inbox.removeAll(keepingCapacity: true)
        for message in delivering {
            nodes[Int(message.to.rawValue) - 1].step(message)
        }
    }

    /// Keeps memory bounded: drop applied entries from every log now and then.
    private mutating func compactIfLarge() {
        for index in nodes.indices {
            let storage = storages[index]
            let applied = nodes[index].appliedIndex
            if applied.distance(from: storage.firstIndex()) > 200_000 {
                storage.compact(through: applied - 10_000)
            }
        }
    }

    /// Measures what the core holds per uncommitted entry: the resident-memory growth of a leader holding
    /// 200,000 proposed entries it cannot commit (its followers never answer), less the payload bytes.
    static func memoryPerInflightEntry(payloadSize: Int) -> String {
        let count = 200_000
        let voters: [NodeID] = [1, 2, 3]
        let storage = MemoryStorage(bootstrapVoters: voters)
        var node = try! RaftNode(config: RaftConfig(id: 1), storage: storage, random: SplitMix64(seed: 1))
        node.advance(node.ready())  // Apply the bootstrap membership.
        node.campaign()
        let before = residentBytes()
        let template = [UInt8](repeating: 0x5A, count: payloadSize)
        var proposed = 0
        // Followers never answer, so the node never becomes leader: force it by stepping granted votes.
        for voter in [NodeID(2), NodeID(3)] {
            node.step(
                Message(
                    from: voter, to: 1, term: node.hardState.term.next,
                    payload: .voteResponse(VoteResponse(isPreVote: true, granted: true))))
        }
        for voter in [NodeID(2), NodeID(3)] {
            node.step(
                Message(
                    from: voter, to: 1, term: node.hardState.term,
                    payload: .voteResponse(VoteResponse(isPreVote: false, granted: true))))
        }
        precondition(node.softState.role == .leader, "benchmark leader did not win")
        while proposed < count {
            let payloads = (0..<256).map { offset -> [UInt8] in
                var payload = template
                payload[0] = UInt8(truncatingIfNeeded: offset)
                return payload
            }
            _ = node.propose(batch: payloads)
            proposed += 256
        }
        let after = residentBytes()
        let perEntry = Double(after - before) / Double(proposed)
        return
            "memory per in-flight entry: \(Int(perEntry)) B resident (payload \(payloadSize) B, core overhead ≈ \(Int(perEntry) - payloadSize) B; Entry stride \(MemoryLayout<Entry>.stride) B)"
    }

    private static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1_024
    }
}
