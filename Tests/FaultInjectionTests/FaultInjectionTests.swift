import Flotilla
import FlotillaFaults
import FlotillaVerify
import Testing

/// The bounded fault-injection run CI does, and the proof that the link proxies really partition the cluster.
/// Serialized: each test runs a cluster of real processes, and this machine has few cores.
@Suite(.serialized)
struct FaultInjectionTests {
    @Test func boundedRunUnderEveryNemesisShowsNoViolation() async throws {
        // Goal: under SIGKILL, SIGTERM, SIGSTOP and partitions of every shape, a 3-node cluster loses no
        // acknowledged message, delivers none twice and keeps the other queue rules, while making progress.
        // Method: a seeded 20-round FaultRun (3 s faults) with 2 producers and 2 consumers through the client
        // router; QueueChecker judges the recorded history; the counts show the workload did real work.
        var options = FaultRunOptions()
        options.nodes = 3
        options.rounds = 20
        options.seed = 20_250_607
        options.roundDuration = .seconds(3)
        let report = try await FaultRun(options: options).run { print("fault-injection: \($0)") }
        print(report.summary)
        let replay = "replay: Scripts/fault-test.sh \(options.replayArguments)"
        #expect(report.check.passed, "\(report.check)\n\(replay)")
        #expect(report.livenessFailures.isEmpty, "\(report.livenessFailures)\n\(replay)")
        #expect(report.rounds.count == options.rounds)
        #expect(report.check.counts.postsAcknowledged >= 500, "the producers barely made progress")
        #expect(report.check.counts.deletesAcknowledged > 0, "the consumers deleted nothing")
        #expect(report.leaderChanges >= 1, "no nemesis ever moved the leadership")
    }

    @Test func isolatingTheLeaderElectsAnotherOnTheMajoritySide() async throws {
        // Goal: a cut link proxy really separates nodes: the isolated leader's followers stop hearing it.
        // Method: a proxied 3-node cluster; isolate the agreed leader (both directions of its links refused);
        // the other two must agree on a new leader in a later term; once healed, all three converge on it.
        let cluster = try await LocalCluster(nodes: 3, proxied: true)
        defer { cluster.stopAll() }
        try await cluster.startAll()
        let isolated = try await cluster.isolateLeader()
        #expect(cluster.cutLinks.count == 4)
        let leader = try await cluster.waitForLeader(timeout: .seconds(20), excluding: [isolated])
        let before = try await cluster.status(isolated)
        let after = try await cluster.status(leader)
        #expect(after.node.term > before.node.term || before.node.leader != LocalCluster.name(leader))
        cluster.healAll()
        #expect(cluster.cutLinks.isEmpty)
        let healedLeader = try await cluster.waitForReplication(timeout: .seconds(30))
        let rejoined = try await cluster.status(isolated)
        #expect(rejoined.node.leader == LocalCluster.name(healedLeader))
    }

    @Test func partitionsCutExactlyTheLinksBetweenSides() {
        // Goal: each partition shape separates exactly the node pairs it describes, in both directions.
        // Method: enumerate the links each shape cuts in a 5-node cluster and compare with the pairs by hand.
        let isolate = Set(Partition.isolate(2).cutLinks(size: 5))
        #expect(isolate.count == 8)
        #expect(isolate.allSatisfy { $0.from == 2 || $0.to == 2 })

        let split = Set(Partition.split(minority: [0, 4]).cutLinks(size: 5))
        #expect(split.count == 12)
        #expect(split.contains(Link(from: 0, to: 1)) && split.contains(Link(from: 1, to: 0)))
        #expect(!split.contains(Link(from: 0, to: 4)) && !split.contains(Link(from: 2, to: 3)))

        let bridge = Set(Partition.bridge(1, left: [0, 2]).cutLinks(size: 5))
        #expect(bridge.count == 8)
        #expect(bridge.allSatisfy { $0.from != 1 && $0.to != 1 })
        #expect(bridge.contains(Link(from: 0, to: 3)) && bridge.contains(Link(from: 4, to: 2)))
        #expect(!bridge.contains(Link(from: 0, to: 2)) && !bridge.contains(Link(from: 3, to: 4)))
    }
}
