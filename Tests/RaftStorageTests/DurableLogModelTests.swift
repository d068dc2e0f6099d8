// Model-based property tests (style guide §7.3): `DurableLog` against `MemoryStorage`, the in-memory reference of
// the same read contract. A seeded random sequence of writes (appends, suffix replacements, compactions, snapshots
// from a leader that disagree with the log, hard-state saves, close + reopen) runs against both, and after EVERY
// step every read of the `LogStorage` contract must give the same answer on both. Segments are small (2–8 KiB) so
// they roll and get deleted often. Every seed is a test argument and every failure message names the seed and the
// step, so a failure replays exactly with `swift test --filter DurableLogModelTests` and that argument.
import Foundation
import RaftCore
import RaftStorage
import Testing

@Suite struct DurableLogModelTests {
    static let seeds: [UInt64] = Array(1...16)

    /// Goal: the durable log answers every read exactly like the reference model, whatever the history of writes.
    /// Method: 300 random steps per seed against both implementations; compare all reads after each step; stop at
    /// the first divergence and print the seed, the step and the last operations. At the end, require that the
    /// run really exercised what it claims to (segments rolled and deleted, reopens, both kinds of snapshot).
    @Test(arguments: seeds)
    func durableLogAgreesWithMemoryStorage(seed: UInt64) async throws {
        let run = try ModelRun(seed: seed, label: "model")
        defer { run.finish() }
        for step in 0..<300 {
            let operation: String
            do {
                operation = try await run.randomStep()
            } catch {
                Issue.record("seed \(seed) step \(step): the durable log threw \(error); history: \(run.recent)")
                return
            }
            let problems = run.differences()
            if !problems.isEmpty {
                Issue.record(
                    "seed \(seed) step \(step) after \(operation): \(problems.prefix(5)); history: \(run.recent)")
                return
            }
        }
        #expect(run.count("append") > 50, "seed \(seed): \(run.counts)")
        #expect(run.count("replace") > 5, "seed \(seed): \(run.counts)")
        #expect(run.count("createSnapshot") > 5, "seed \(seed): \(run.counts)")
        #expect(run.count("installSnapshot") > 2, "seed \(seed): \(run.counts)")
        #expect(run.count("reopen") > 5, "seed \(seed): \(run.counts)")
        #expect(run.count("hardState") > 10, "seed \(seed): \(run.counts)")
        #expect(run.mostSegmentFiles >= 2, "seed \(seed): never more than one segment (\(run.mostSegmentFiles))")
        #expect(run.segmentFilesCreated >= 5, "seed \(seed): segments rarely created (\(run.segmentFilesCreated))")
        #expect(run.segmentFilesDeleted >= 3, "seed \(seed): segments rarely deleted (\(run.segmentFilesDeleted))")
    }

    /// Goal: group commit is invisible to readers: appends submitted back to back (without waiting, so the writer
    /// takes several in one round and covers them with one fsync) give the same log as the same appends made one at
    /// a time. Method: each step submits a chain of 1–6 appends with `beginAppend` (each one contiguous after the
    /// previous, or replacing a suffix of what the chain wrote so far), then waits for all of them; every one must
    /// succeed, and the log must then agree with the model that applied them in order. Occasional reopens check
    /// that what was acknowledged is durable.
    @Test(arguments: seeds)
    func groupCommittedAppendsAgreeWithMemoryStorage(seed: UInt64) async throws {
        let run = try ModelRun(seed: seed, label: "group")
        defer { run.finish() }
        for step in 0..<60 {
            let operation: String
            do {
                operation = try await run.randomGroupStep()
            } catch {
                Issue.record("seed \(seed) step \(step): \(error); history: \(run.recent)")
                return
            }
            let problems = run.differences()
            if !problems.isEmpty {
                Issue.record(
                    "seed \(seed) step \(step) after \(operation): \(problems.prefix(5)); history: \(run.recent)")
                return
            }
        }
        #expect(run.count("group") > 30, "seed \(seed): \(run.counts)")
    }
}

/// Runs one seed's sequence against a `DurableLog` (in a fresh directory) and a `MemoryStorage`.
private final class ModelRun {
    let seed: UInt64
    let directory: String
    let options: DurableLog.Options
    private var random: SplitMix64
    private var log: DurableLog
    private let model = MemoryStorage()
    /// The highest term used so far: new entries never go below it, so terms in the log never decrease.
    private var term: UInt64 = 1
    private(set) var counts: [String: Int] = [:]
    private(set) var recent: [String] = []
    private(set) var mostSegmentFiles = 0
    private(set) var segmentFilesCreated = 0
    private(set) var segmentFilesDeleted = 0
    private var segmentNames: Set<String> = []

    init(seed: UInt64, label: String) throws {
        self.seed = seed
        random = SplitMix64(seed: seed)
        directory =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("flotilla-\(label)-\(seed)-\(UUID().uuidString)").path
        var options = DurableLog.Options()
        options.segmentBytes = [2_048, 4_096, 8_192][Int(seed % 3)]
        self.options = options
        log = try DurableLog.open(directory: directory, options: options)
    }

    func finish() {
        log.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func count(_ kind: String) -> Int { counts[kind, default: 0] }

    // MARK: Steps

    /// One random write, applied to both implementations. Returns its description.
    func randomStep() async throws -> String {
        let roll = Int.random(in: 0..<100, using: &random)
        let description: String
        switch roll {
        case 0..<40:
            description = try await appendContiguous()
        case 40..<52:
            if let replaced = try await replaceSuffix() {
                description = replaced
            } else {
                description = try await appendContiguous()
            }
        case 52..<62:
            if let compacted = try await createSnapshot() {
                description = compacted
            } else {
                description = try await appendContiguous()
            }
        case 62..<68:
            description = try await installDisagreeingSnapshot()
        case 68..<88:
            description = try saveHardState()
        default:
            description = try reopen()
        }
        note(description)
        return description
    }

    /// A chain of appends submitted without waiting, then awaited together.
    func randomGroupStep() async throws -> String {
        if Int.random(in: 0..<10, using: &random) == 0 {
            let description = try reopen()
            note(description)
            return description
        }
        let links = Int.random(in: 1...6, using: &random)
        var plannedLast = model.lastIndex()
        var chain: [[Entry]] = []
        for _ in 0..<links {
            let first: LogIndex
            if plannedLast >= model.firstIndex() && Int.random(in: 0..<4, using: &random) == 0 {
                first = LogIndex(UInt64.random(in: model.firstIndex().rawValue...plannedLast.rawValue, using: &random))
                term += 1
            } else {
                first = plannedLast + 1
            }
            let entries = makeEntries(from: first, count: Int.random(in: 1...5, using: &random))
            chain.append(entries)
            plannedLast = entries.last!.index
        }
        let pending = try chain.map { try log.beginAppend($0) }
        var failures: [String] = []
        for (link, write) in pending.enumerated() {
            do {
                try await write.wait()
            } catch {
                failures.append("link \(link) (\(chain[link].first!.index)...\(chain[link].last!.index)): \(error)")
            }
        }
        for entries in chain { model.append(entries) }
        let description = "group " + chain.map { "\($0.first!.index)...\($0.last!.index)" }.joined(separator: ", ")
        note(description)
        if !failures.isEmpty { throw GroupFailure(description: "\(description) failed: \(failures)") }
        return description
    }

    private struct GroupFailure: Error, CustomStringConvertible {
        var description: String
    }

    private func appendContiguous() async throws -> String {
        if Int.random(in: 0..<10, using: &random) == 0 { term += 1 }
        let count =
            Int.random(in: 0..<10, using: &random) == 0
            ? Int.random(in: 10...40, using: &random) : Int.random(in: 1...6, using: &random)
        let entries = makeEntries(from: model.lastIndex() + 1, count: count)
        try await log.append(entries)
        model.append(entries)
        return "append \(entries.first!.index)...\(entries.last!.index) term \(term)"
    }

    /// Replaces a suffix from a random index above both the snapshot and the commit index (Raft never replaces a
    /// committed entry), with entries of a newer term: what a new leader does to a follower's log.
    private func replaceSuffix() async throws -> String? {
        let lowest = max(model.firstIndex(), model.hardState.commit + 1)
        guard lowest <= model.lastIndex() else { return nil }
        let from = LogIndex(UInt64.random(in: lowest.rawValue...model.lastIndex().rawValue, using: &random))
        term += 1
        let entries = makeEntries(from: from, count: Int.random(in: 1...8, using: &random))
        let oldLast = model.lastIndex()
        try await log.append(entries)
        model.append(entries)
        return "replace \(from)...\(oldLast) with \(from)...\(entries.last!.index) term \(term)"
    }

    /// The application's snapshot at a random index of the log: compaction.
    private func createSnapshot() async throws -> String? {
        guard model.lastIndex() >= model.firstIndex() else { return nil }
        let index = LogIndex(
            UInt64.random(in: model.firstIndex().rawValue...model.lastIndex().rawValue, using: &random))
        let confState = randomConfState()
        let data = randomBytes(Int.random(in: 0...200, using: &random))
        try await log.createSnapshot(at: index, confState: confState, data: data)
        try model.createSnapshot(at: index, confState: confState, data: data)
        return "createSnapshot at \(index)"
    }

    /// A snapshot from the leader whose (index, term) the log does NOT hold: past the end of the log, or at an
    /// index the log holds but with another term (newer, or older: the follower's entry came from a deposed
    /// leader). The core produces exactly these; the log must then be discarded.
    private func installDisagreeingSnapshot() async throws -> String {
        let lowest = max(model.firstIndex(), model.hardState.commit + 1)
        let index = LogIndex(UInt64.random(in: lowest.rawValue...(model.lastIndex().rawValue + 10), using: &random))
        var snapshotTerm: UInt64
        if index <= model.lastIndex(), let held = try? model.term(at: index).rawValue, held > 1,
            Int.random(in: 0..<3, using: &random) == 0
        {
            snapshotTerm = UInt64.random(in: 1..<held, using: &random)
        } else {
            term += 1
            snapshotTerm = term
        }
        if index <= model.lastIndex(), (try? model.term(at: index))?.rawValue == snapshotTerm {
            term += 1
            snapshotTerm = term
        }
        let snapshot = Snapshot(
            metadata: SnapshotMetadata(index: index, term: Term(snapshotTerm), confState: randomConfState()),
            data: randomBytes(Int.random(in: 0...200, using: &random)))
        let oldLast = model.lastIndex()
        try await log.installSnapshot(snapshot)
        try model.applySnapshot(snapshot)
        return "installSnapshot \(index)/\(snapshotTerm) over a log ending at \(oldLast)"
    }

    /// A hard state whose commit index never decreases and never passes the last entry (the core saves it only
    /// after the entries it covers are durable).
    private func saveHardState() throws -> String {
        if Int.random(in: 0..<4, using: &random) == 0 { term += 1 }
        let commitLow = model.hardState.commit
        let commitHigh = max(commitLow, model.lastIndex())
        let state = HardState(
            term: Term(term), vote: NodeID(UInt64.random(in: 0...3, using: &random)),
            commit: LogIndex(UInt64.random(in: commitLow.rawValue...commitHigh.rawValue, using: &random)))
        let sync = Bool.random(using: &random)
        try log.saveHardState(state, sync: sync)
        model.setHardState(state)
        return "hardState term \(state.term) vote \(state.vote) commit \(state.commit) sync \(sync)"
    }

    private func reopen() throws -> String {
        log.close()
        log = try DurableLog.open(directory: directory, options: options)
        return "reopen"
    }

    private func note(_ description: String) {
        let kind = String(description.prefix { $0 != " " })
        counts[kind, default: 0] += 1
        recent.append(description)
        if recent.count > 10 { recent.removeFirst() }
        let names = Set(
            (try? FileManager.default.contentsOfDirectory(atPath: directory + "/log"))?.filter {
                $0.hasSuffix(".seg")
            } ?? [])
        mostSegmentFiles = max(mostSegmentFiles, names.count)
        segmentFilesCreated += names.subtracting(segmentNames).count
        segmentFilesDeleted += segmentNames.subtracting(names).count
        segmentNames = names
    }

    // MARK: Comparison

    /// Every difference between the two implementations' answers to the `LogStorage` reads.
    func differences() -> [String] {
        var problems: [String] = []
        let first = model.firstIndex()
        let last = model.lastIndex()
        if log.firstIndex() != first { problems.append("firstIndex \(log.firstIndex()), model \(first)") }
        if log.lastIndex() != last { problems.append("lastIndex \(log.lastIndex()), model \(last)") }
        guard problems.isEmpty else { return problems }

        // term(at:) over the whole readable range and one index past each end.
        let low = first.rawValue >= 2 ? first - 2 : first - 1
        var index = low
        while index <= last + 1 {
            let durable = outcome { () throws(LogStorageError) in try log.term(at: index) }
            let expected = outcome { () throws(LogStorageError) in try model.term(at: index) }
            if durable != expected { problems.append("term(at: \(index)) \(durable), model \(expected)") }
            index = index + 1
        }
        if first.rawValue >= 2, (try? log.term(at: first - 2)) != nil {
            problems.append("term(at: \(first - 2)) is below the snapshot but did not throw .compacted")
        }
        if outcome({ () throws(LogStorageError) in try log.term(at: last + 1) }) != .failure(.unavailable) {
            problems.append("term(at: \(last + 1)) past the end did not throw .unavailable")
        }

        // entries(in:maxBytes:): the whole log, then random ranges (reaching one past each end) and byte limits.
        var ranges: [(Range<LogIndex>, Int)] = [(first..<(last + 1), .max), (first..<(last + 1), 0)]
        for _ in 0..<8 {
            let lo = LogIndex(UInt64.random(in: (first.rawValue - 1)...(last.rawValue + 1), using: &random))
            let hi = LogIndex(UInt64.random(in: lo.rawValue...(last.rawValue + 2), using: &random))
            let limits = [0, 1, Int.random(in: 0...4_000, using: &random), .max]
            ranges.append((lo..<hi, limits[Int.random(in: 0..<limits.count, using: &random)]))
        }
        for (range, maxBytes) in ranges {
            let durable = outcome { () throws(LogStorageError) in try log.entries(in: range, maxBytes: maxBytes) }
            let expected = outcome { () throws(LogStorageError) in try model.entries(in: range, maxBytes: maxBytes) }
            if durable != expected {
                problems.append(
                    "entries(in: \(range), maxBytes: \(maxBytes)) \(summary(durable)), model \(summary(expected))")
            }
        }

        let snapshot = outcome { () throws(LogStorageError) in try log.snapshot() }
        if snapshot != .success(model.snapshot()) {
            problems.append("snapshot \(summary(snapshot)), model \(model.snapshot().metadata)")
        }
        let initial = outcome { () throws(LogStorageError) in try log.initialState() }
        switch initial {
        case .success(let state):
            let expected = model.initialState()
            if state.hardState != expected.hardState || state.confState != expected.confState {
                problems.append("initialState \(state), model \(expected)")
            }
        case .failure(let error):
            problems.append("initialState threw \(error)")
        }
        if log.hardState != model.hardState { problems.append("hardState \(log.hardState), model \(model.hardState)") }
        return problems
    }

    // MARK: Random values

    private func makeEntries(from first: LogIndex, count: Int) -> [Entry] {
        (0..<count).map { offset in
            let data = randomBytes(Int.random(in: 0...300, using: &random))
            let kind: Entry.Kind = Int.random(in: 0..<10, using: &random) == 0 ? .configChange : .normal
            return Entry(term: Term(term), index: first + UInt64(offset), kind: kind, data: data)
        }
    }

    private func randomBytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    private func randomConfState() -> ConfState {
        let voters = (1...5).filter { _ in Bool.random(using: &random) }.map { NodeID(UInt64($0)) }
        let learners = (6...8).filter { _ in Bool.random(using: &random) }.map { NodeID(UInt64($0)) }
        return ConfState(voters: voters.isEmpty ? [1] : voters, learners: learners)
    }
}

private func outcome<T>(_ body: () throws(LogStorageError) -> T) -> Result<T, LogStorageError> {
    do {
        return .success(try body())
    } catch {
        return .failure(error)
    }
}

private func summary<T>(_ result: Result<T, LogStorageError>) -> String {
    switch result {
    case .success(let value as [Entry]):
        return
            "\(value.count) entries \(value.first.map { "\($0.index)" } ?? "-")...\(value.last.map { "\($0.index)" } ?? "-")"
    case .success(let value as Snapshot):
        return "\(value.metadata) data \(value.data.count) bytes"
    case .success(let value):
        return "\(value)"
    case .failure(let error):
        return "threw \(error)"
    }
}
