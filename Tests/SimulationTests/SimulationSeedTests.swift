import RaftCore
import RaftSimulator
import Testing

/// The simulator's main job in CI: many swarm seeds on 3 and 5 nodes, every invariant checked after every event,
/// then a liveness phase. 2 node counts x 10 batches x 100 seeds = 2,000 seeds; batches run in parallel.
@Suite struct SimulationSeedTests {
    static let seedsPerBatch: UInt64 = 100

    /// Goal: no seed violates safety or liveness. Method: run a batch of consecutive seeds through `SeedRunner`;
    /// on failure the message carries the seed, the trace and the replay command.
    @Test(arguments: [3, 5], 0..<10)
    func seedBatchPasses(nodes: Int, batch: UInt64) {
        let runner = SeedRunner(nodeCount: nodes)
        let first = 1 + batch * Self.seedsPerBatch
        let summary = runner.run(seeds: first...(first + Self.seedsPerBatch - 1))
        #expect(summary.failure == nil, "\(summary.failure.map(runner.describe) ?? "")")
        #expect(summary.seeds == Int(Self.seedsPerBatch))
        // The workload really ran: writes were acknowledged and reads served across the batch.
        #expect(summary.acknowledged > 0)
        #expect(summary.readsServed > 0)
    }

    /// Goal: the seeds reach every fault and protocol path the checkers are meant to judge (coverage marks):
    /// torn writes, snapshots installed, transfers, membership changes, a removed leader stepping down, lease and
    /// unknown-sender rejections, and so on. Method: run 300 seeds and require every `CoverageMark` at least once.
    @Test(arguments: [3, 5])
    func seedsReachEveryCoverageMark(nodes: Int) {
        let summary = SeedRunner(nodeCount: nodes).run(seeds: 1...300)
        #expect(summary.failure == nil)
        #expect(summary.coverage.missing.isEmpty, "never reached: \(summary.coverage.missing)")
    }

    /// Goal: a run is a pure function of its seed (so a printed seed replays the failure exactly).
    /// Method: run the same seed twice and compare everything the report holds.
    @Test func sameSeedSameRun() {
        let options = SeedRunner(nodeCount: 5).options(seed: 4242)
        let first = Simulation(options: options, traceCapacity: 1_000).run()
        let second = Simulation(options: options, traceCapacity: 1_000).run()
        #expect(first.events == second.events)
        #expect(first.acknowledged == second.acknowledged)
        #expect(first.committedIndex == second.committedIndex)
        #expect(first.recentTrace == second.recentTrace)
        #expect(first.events > 1_000)
    }

    /// Goal: seeds differ in their fault mix (swarm testing). Method: count distinct option sets over 50 seeds.
    @Test func seedsPickDifferentFaultMixes() {
        let descriptions = Set(
            (1...50).map {
                SimulationOptions.swarm(seed: $0, nodeCount: 3).description.split(separator: " ").dropFirst().joined()
            })
        #expect(descriptions.count > 40)
    }
}

/// The checkers are proven able to fail: with a deliberate bug in the core, the simulator must report a violation
/// within a bounded number of seeds.
@Suite struct CheckerSensitivityTests {
    /// Goal: granting a second vote in one term (breaking Raft §5.2) is caught as two leaders in one term.
    /// Method: enable `voteTwicePerTerm` and run up to 300 swarm seeds on 3 nodes.
    @Test func doubleVoteIsCaught() throws {
        var runner = SeedRunner(nodeCount: 3)
        runner.injectedBugs = [.voteTwicePerTerm]
        let summary = runner.run(seeds: 1...300)
        let failure = try #require(summary.failure, "300 seeds ran without noticing double votes")
        #expect(failure.violation?.property == "election safety")
        #expect(
            runner.describe(failure).contains(
                "flotilla-sim --seed \(failure.options.seed) --nodes 3 --verbose --inject-bug vote-twice"))
    }

    /// Goal: committing an earlier term's entry by counting replicas (breaking Raft §5.4.2, Figure 8) is caught
    /// as a committed entry lost or overwritten. Method: enable `commitOldTermEntries` under a fault profile rich
    /// in crashes, slow disks and one-entry appends, and run up to 600 seeds on 3 nodes.
    @Test func oldTermCommitIsCaught() throws {
        var runner = SeedRunner(nodeCount: 3)
        runner.injectedBugs = [.commitOldTermEntries]
        runner.adjustOptions = { options in
            options.crashProbability = 0.05
            options.restartProbability = 0.3
            options.maxAppendBytes = 40
            options.maxInflightAppends = 1
            options.snapshotInterval = 0
            options.partitionProbability = 0.05
            options.healProbability = 0.2
            options.proposeProbability = 0.9
            options.dropProbability = 0.05
            options.maxDiskLatencyUnits = 40
            options.maxDelayUnits = 30
            options.membershipChangeProbability = 0
        }
        let summary = runner.run(seeds: 1...600)
        let failure = try #require(summary.failure, "600 seeds ran without noticing old-term commits")
        let property = failure.violation?.property ?? ""
        #expect(
            ["leader completeness", "committed entries are permanent", "state-machine safety"].contains(property),
            "\(property)")
    }
}
