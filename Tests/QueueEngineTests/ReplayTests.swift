// Crash and replay tests (hashicorp/raft `fsm.go` contract): after a crash at any point, replaying the log from
// the first entry gives the same state as a run without a crash, byte for byte (`contentDump()`). Seeded; every
// failure names the seed and the crash point.
import Foundation
import QueueEngine
import QueueModel
import Testing

/// A directory of its own under the system's temporary directory; `remove()` deletes it with its contents.
struct ScratchDirectory {
    let url: URL

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "flotilla-\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A seeded command log (drawn with the model, so most commands name ids that exist), cut into batches of 1 to 4
/// entries, with its own random source for later cuts and crash points.
struct ReplayScript {
    let seed: UInt64
    var entries: [GeneratedEntry] = []
    /// Consecutive ranges of `entries`, one per `apply` call.
    var batches: [Range<Int>] = []
    var random: SplitMix64

    init(seed: UInt64, count: Int) {
        self.seed = seed
        var generator = CommandGenerator(seed: seed)
        var model = QueueReferenceModel()
        for _ in 0..<count {
            let entry = generator.next(model)
            _ = model.apply(index: entry.index, entry.envelope)
            entries.append(entry)
        }
        random = SplitMix64(seed: seed ^ 0xC0FF_EE00)
        batches = split(maxBatch: 4)
    }

    /// A random cut of all entries into consecutive batches of 1 to `maxBatch`.
    mutating func split(maxBatch: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < entries.count {
            let end = min(entries.count, start + Int.random(in: 1...maxBatch, using: &random))
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }

    func payloads(_ range: Range<Int>) -> [(index: UInt64, payload: [UInt8])] {
        entries[range].map { ($0.index, $0.payload) }
    }

    /// The applied index after the first `count` batches.
    func appliedIndex(afterBatches count: Int) -> UInt64 {
        count == 0 ? 0 : entries[batches[count - 1].upperBound - 1].index
    }
}

/// The uninterrupted run: every result by log index, and the final dump.
struct ReferenceRun {
    var results: [UInt64: CommandResult] = [:]
    var dump: [UInt8] = []

    init(_ script: ReplayScript, path: String) throws {
        let engine = try QueueEngine(path: path)
        for batch in script.batches {
            let answers = try engine.apply(script.payloads(batch))
            for (entry, answer) in zip(script.entries[batch], answers) {
                #expect(answer != nil, "seed \(script.seed): entry #\(entry.index) skipped in the reference run")
                results[entry.index] = answer
            }
        }
        dump = try engine.contentDump()
    }
}

@Suite struct ReplayTests {
    static let entryCount = 200

    /// Goal: an engine on a database file answers reads (the replay tests below all need it). Method: apply one
    /// command to a new file engine and read the applied index, a query and the dump; reopen the file and read again.
    @Test func fileEngineAnswersReads() throws {
        let scratch = try ScratchDirectory("replay-reads")
        defer { scratch.remove() }
        let queue = QueueRef(project: "p1", name: "q0")
        let path = scratch.path("engine.sqlite")
        do {
            let engine = try QueueEngine(path: path)
            let created = try engine.apply(
                index: 1,
                CommandEnvelope(time: Timestamp(seconds: 1_000), command: .createQueue(queue, metadata: .init())))
            #expect(created == .queueCreated(true))
            #expect((try engine.appliedIndex()) == 1)
            #expect(try engine.queueExists(queue))
            #expect(try !engine.contentDump().isEmpty)
        }
        let reopened = try QueueEngine(path: path)
        #expect((try reopened.appliedIndex()) == 1)
        #expect(try reopened.queueExists(queue))
    }

    /// Replays every entry from the first into `engine` (in a fresh random split) and checks the replay: entries at or
    /// below the engine's applied index are skipped (nil), the others answer what they answered in the reference run,
    /// and the final dump is the reference dump. Returns false after recording an issue.
    @discardableResult
    static func replayAll(
        into engine: QueueEngine, _ script: inout ReplayScript, reference: ReferenceRun, _ label: String
    ) throws -> Bool {
        let applied = (try engine.appliedIndex())
        for batch in script.split(maxBatch: 8) {
            let answers = try engine.apply(script.payloads(batch))
            for (entry, answer) in zip(script.entries[batch], answers) {
                if entry.index <= applied {
                    guard answer == nil else {
                        Issue.record("\(label): entry #\(entry.index) at or below applied \(applied) was re-applied")
                        return false
                    }
                } else {
                    guard answer == reference.results[entry.index] else {
                        Issue.record(
                            """
                            \(label): entry #\(entry.index) answered differently on replay
                              reference: \(String(describing: reference.results[entry.index]))
                              replay:    \(String(describing: answer))
                              command:   \(entry.summary)
                            """)
                        return false
                    }
                }
            }
        }
        let dump = try engine.contentDump()
        guard dump == reference.dump else {
            Issue.record(
                """
                \(label): dump after replay differs from the reference
                \(firstDifference(reference.dump, dump))
                """)
            return false
        }
        return true
    }

    /// Goal: `restoreSnapshot(from:)` installs what `writeSnapshot(to:)` wrote, on its own (both engines in memory,
    /// so no file-engine issue is involved). Method: snapshot an engine after 40 entries, restore into a fresh
    /// engine, compare applied index and dump.
    @Test func snapshotRestoresIntoMemoryEngine() throws {
        let scratch = try ScratchDirectory("replay-restore")
        defer { scratch.remove() }
        let script = ReplayScript(seed: 7, count: 40)
        let source = try QueueEngine(path: nil)
        _ = try source.apply(script.payloads(0..<script.entries.count))
        let index = try source.writeSnapshot(to: scratch.path("snapshot.sqlite"))
        #expect(index == script.entries.last!.index)
        let target = try QueueEngine(path: nil)
        try target.restoreSnapshot(from: scratch.path("snapshot.sqlite"))
        #expect((try target.appliedIndex()) == index)
        #expect(try target.contentDump() == source.contentDump())
    }

    static func firstDifference(_ expected: [UInt8], _ actual: [UInt8]) -> String {
        let expectedLines = String(decoding: expected, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        let actualLines = String(decoding: actual, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        for (number, (left, right)) in zip(expectedLines, actualLines).enumerated() where left != right {
            return "  line \(number + 1)\n    reference: \(left)\n    replay:    \(right)"
        }
        return "  line counts \(expectedLines.count) (reference) and \(actualLines.count) (replay)"
    }

    /// Goal: a crash between any two batches loses nothing and applies nothing twice. Method: for every batch
    /// boundary k, a fresh engine on a fresh file applies the first k batches and is dropped without any close; a
    /// new engine opens the file, reports the applied index of batch k, re-applies every entry from the first
    /// (skipping exactly those), and ends with the reference run's dump, entry answers included.
    @Test(arguments: [1, 2])
    func replayAfterDropAtEveryBatchBoundary(seed: Int) throws {
        var script = ReplayScript(seed: UInt64(seed), count: Self.entryCount)
        let scratch = try ScratchDirectory("replay-drop")
        defer { scratch.remove() }
        let reference = try ReferenceRun(script, path: scratch.path("reference.sqlite"))
        for crashPoint in 0...script.batches.count {
            let path = scratch.path("crash-\(crashPoint).sqlite")
            do {
                let engine = try QueueEngine(path: path)
                for batch in script.batches[..<crashPoint] { _ = try engine.apply(script.payloads(batch)) }
            }
            let reopened = try QueueEngine(path: path)
            let label = "seed \(seed), crash after batch \(crashPoint) of \(script.batches.count)"
            guard (try reopened.appliedIndex()) == script.appliedIndex(afterBatches: crashPoint) else {
                Issue.record(
                    "\(label): reopened at \((try reopened.appliedIndex())), expected \(script.appliedIndex(afterBatches: crashPoint))"
                )
                return
            }
            guard try Self.replayAll(into: reopened, &script, reference: reference, label) else { return }
        }
    }

    /// Goal: the same with the files as they are on disk while the engine still runs (no close, no final checkpoint:
    /// the committed batches may live only in the write-ahead log). Method: one engine applies the batches; before
    /// each next batch the database, `-wal` and `-shm` files are copied; afterwards each copy is opened and replayed
    /// from the first entry. A second copy keeps only a random prefix of the `-wal` file and no `-shm` (an unsynced
    /// log tail lost in a power cut): SQLite recovers some earlier whole batch, and replay must still converge.
    @Test(arguments: [1, 2])
    func replayFromFilesCopiedMidRun(seed: Int) throws {
        var script = ReplayScript(seed: UInt64(seed) + 100, count: Self.entryCount)
        let scratch = try ScratchDirectory("replay-copy")
        defer { scratch.remove() }
        let reference = try ReferenceRun(script, path: scratch.path("reference.sqlite"))
        let livePath = scratch.path("live.sqlite")
        var tornPrefixes: [Int: Int] = [:]
        do {
            let live = try QueueEngine(path: livePath)
            for crashPoint in 0...script.batches.count {
                for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: livePath + suffix) {
                    try FileManager.default.copyItem(
                        atPath: livePath + suffix, toPath: scratch.path("copy-\(crashPoint).sqlite") + suffix)
                }
                let torn = scratch.path("torn-\(crashPoint).sqlite")
                try FileManager.default.copyItem(atPath: livePath, toPath: torn)
                if let wal = FileManager.default.contents(atPath: livePath + "-wal") {
                    let prefix = Int.random(in: 0...wal.count, using: &script.random)
                    tornPrefixes[crashPoint] = prefix
                    FileManager.default.createFile(atPath: torn + "-wal", contents: wal.prefix(prefix))
                }
                if crashPoint < script.batches.count { _ = try live.apply(script.payloads(script.batches[crashPoint])) }
            }
            #expect(try live.contentDump() == reference.dump, "seed \(seed): the live run differs from the reference")
        }
        let boundaries = Set((0...script.batches.count).map { script.appliedIndex(afterBatches: $0) })
        var recoveredEarlier = 0
        for crashPoint in 0...script.batches.count {
            let label = "seed \(seed), files copied after batch \(crashPoint) of \(script.batches.count)"
            let copy = try QueueEngine(path: scratch.path("copy-\(crashPoint).sqlite"))
            guard (try copy.appliedIndex()) == script.appliedIndex(afterBatches: crashPoint) else {
                Issue.record("\(label): the copy opened at \((try copy.appliedIndex()))")
                return
            }
            guard try Self.replayAll(into: copy, &script, reference: reference, label) else { return }

            let tornLabel = label + ", -wal cut to \(tornPrefixes[crashPoint].map(String.init) ?? "none") bytes"
            let torn = try QueueEngine(path: scratch.path("torn-\(crashPoint).sqlite"))
            let recovered = try torn.appliedIndex()
            guard boundaries.contains(recovered), recovered <= script.appliedIndex(afterBatches: crashPoint) else {
                Issue.record("\(tornLabel): recovered applied index \(recovered) is not an earlier batch boundary")
                return
            }
            if recovered < script.appliedIndex(afterBatches: crashPoint) { recoveredEarlier += 1 }
            guard try Self.replayAll(into: torn, &script, reference: reference, tornLabel) else { return }
        }
        // The torn copies must actually have lost batches, or that half of the test proves nothing.
        #expect(
            recoveredEarlier > script.batches.count / 4, "seed \(seed): only \(recoveredEarlier) torn copies lost data")
    }

    /// Goal: the state depends only on the entries, not on how they were grouped into transactions or where the
    /// database lives. Method: one entry per apply in memory, everything in one apply in memory, and random batches
    /// of up to 8 in a file: every answer and the final dumps are equal.
    @Test(arguments: [1, 2, 3, 4])
    func batchSplitsAndStorageDoNotMatter(seed: Int) throws {
        var script = ReplayScript(seed: UInt64(seed) + 200, count: Self.entryCount)
        let scratch = try ScratchDirectory("replay-split")
        defer { scratch.remove() }
        let reference = try ReferenceRun(script, path: scratch.path("reference.sqlite"))

        let single = try QueueEngine(path: nil)
        for position in script.entries.indices {
            let answer = try single.apply(script.payloads(position..<position + 1))[0]
            let entry = script.entries[position]
            #expect(answer == reference.results[entry.index], "seed \(seed): entry #\(entry.index) one at a time")
        }
        #expect(try single.contentDump() == reference.dump, "seed \(seed): one entry per apply")

        let whole = try QueueEngine(path: nil)
        let answers = try whole.apply(script.payloads(0..<script.entries.count))
        #expect(answers == script.entries.map { reference.results[$0.index] }, "seed \(seed): all in one apply")
        #expect(try whole.contentDump() == reference.dump, "seed \(seed): all entries in one apply")

        let file = try QueueEngine(path: scratch.path("split.sqlite"))
        try Self.replayAll(into: file, &script, reference: reference, "seed \(seed), random batches in a file")
        #expect((try file.appliedIndex()) == script.entries.last!.index)
    }

    /// Goal: a snapshot taken mid-way, restored into another engine, continues exactly like the original. Method: a
    /// file engine applies the batches and writes a snapshot at several boundaries (its returned index must be the
    /// applied index). Each snapshot is restored into an engine that already holds unrelated state (another
    /// seed's entries, in memory or in a file), which must be replaced entirely; replaying every entry from the
    /// first then skips exactly the snapshot's entries and ends with the reference dump.
    @Test(arguments: [1, 2])
    func snapshotRestoreThenReplay(seed: Int) throws {
        var script = ReplayScript(seed: UInt64(seed) + 300, count: Self.entryCount)
        let scratch = try ScratchDirectory("replay-snapshot")
        defer { scratch.remove() }
        let reference = try ReferenceRun(script, path: scratch.path("reference.sqlite"))
        var points = Set([0, script.batches.count / 2, script.batches.count])
        while points.count < 8 { points.insert(Int.random(in: 0...script.batches.count, using: &script.random)) }

        var snapshots: [(point: Int, index: UInt64)] = []
        do {
            let live = try QueueEngine(path: scratch.path("live.sqlite"))
            for point in 0...script.batches.count {
                if points.contains(point) {
                    let index = try live.writeSnapshot(to: scratch.path("snapshot-\(point).sqlite"))
                    let liveIndex = try live.appliedIndex()
                    #expect(
                        index == script.appliedIndex(afterBatches: point) && index == liveIndex,
                        "seed \(seed): snapshot after batch \(point) holds index \(index)")
                    snapshots.append((point, index))
                }
                if point < script.batches.count { _ = try live.apply(script.payloads(script.batches[point])) }
            }
        }

        let other = ReplayScript(seed: UInt64(seed) + 400, count: 60)
        for (position, snapshot) in snapshots.enumerated() {
            let label = "seed \(seed), snapshot after batch \(snapshot.point)"
            let target = try QueueEngine(path: position % 2 == 0 ? nil : scratch.path("target-\(position).sqlite"))
            _ = try target.apply(other.payloads(0..<other.entries.count))
            try target.restoreSnapshot(from: scratch.path("snapshot-\(snapshot.point).sqlite"))
            guard (try target.appliedIndex()) == snapshot.index else {
                Issue.record("\(label): restored at \((try target.appliedIndex())), expected \(snapshot.index)")
                return
            }
            guard try Self.replayAll(into: target, &script, reference: reference, label) else { return }
        }
    }
}
