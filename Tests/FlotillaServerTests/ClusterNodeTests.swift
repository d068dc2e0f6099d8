import FlotillaHTTP
import FlotillaServer
import Foundation
import QueueEngine
import QueueModel
import RaftCore
import Testing

/// The cluster node's contract with real logs and engines on disk: acknowledged writes are committed on a quorum
/// and survive the leader's loss; replicas converge to the same state; a node that cannot reach a quorum never
/// acknowledges; a restarted or lagging node catches up (from a snapshot once the log was compacted).
@Suite(.serialized)
struct ClusterNodeTests {
    static let queue = QueueRef(project: "p", name: "orders")
    static let client = ClientID(bytes: Array(repeating: 7, count: 16))

    static func post(_ body: String) -> QueueCommand {
        .postMessages(
            queue, clientID: client, messages: [NewMessage(ttl: 300, delay: nil, body: body, checksum: nil)],
            idempotencyKey: nil)
    }

    static func postedIDs(_ result: CommandResult) -> [String] {
        if case .posted(let ids) = result { return ids }
        return []
    }

    /// Every message body in the queue, as `node`'s engine holds it.
    static func bodies(_ engine: QueueEngine) throws -> [String] {
        let page = try engine.listMessages(
            queue, at: Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1_000)), marker: nil, limit: 1_000,
            clientID: ClientID(bytes: Array(repeating: 9, count: 16)), echo: true, includeClaimed: true,
            includeDelayed: true)
        return page.messages.map(\.body)
    }

    /// Goal: a write acknowledged by the leader is applied identically on every replica. Method: create a queue
    /// and post 50 messages through the leader; each answer carries a growing log index; once every node has
    /// applied the last index, the three engines' full dumps are byte-identical and hold the 50 bodies in order.
    @Test func acknowledgedWritesReachEveryReplicaIdentically() async throws {
        let cluster = try InProcessCluster()
        let leader = try await cluster.waitForLeader()
        let node = cluster.node(leader)
        let (created, _) = try await node.propose(.createQueue(Self.queue, metadata: JSONObject()))
        #expect(created == .queueCreated(true))
        var lastIndex = LogIndex.zero
        for number in 0..<50 {
            let (result, index) = try await node.propose(Self.post("\"m\(number)\""))
            #expect(Self.postedIDs(result).count == 1)
            #expect(index > lastIndex)
            lastIndex = index
        }
        try await cluster.waitForApplied(lastIndex)
        let dumps = try cluster.ids.map { try cluster.engine($0).contentDump() }
        #expect(dumps.allSatisfy { $0 == dumps[0] })
        #expect(try Self.bodies(cluster.engine(leader)) == (0..<50).map { "\"m\($0)\"" })
        try await cluster.stopAll()
    }

    /// Goal: no acknowledged write is lost when the leader dies, and the survivors keep serving. Method: post 30
    /// acknowledged messages, stop the leader; the two others elect a new leader, which holds all 30 and accepts
    /// new writes.
    @Test func acknowledgedWritesSurviveTheLeadersLoss() async throws {
        let cluster = try InProcessCluster()
        let first = try await cluster.waitForLeader()
        _ = try await cluster.node(first).propose(.createQueue(Self.queue, metadata: JSONObject()))
        for number in 0..<30 { _ = try await cluster.node(first).propose(Self.post("\(number)")) }
        try await cluster.stop(first)
        let second = try await cluster.waitForLeader()
        #expect(second != first)
        let (result, index) = try await cluster.node(second).propose(Self.post("30"))
        #expect(Self.postedIDs(result).count == 1)
        try await cluster.waitForApplied(index)
        for id in cluster.running {
            #expect(try Self.bodies(cluster.engine(id)) == (0...30).map { "\($0)" })
        }
        try await cluster.stopAll()
    }

    /// Goal: a follower refuses proposals (only the leader proposes), and its linearizable read — a ReadIndex
    /// confirmed through the leader — sees every write the leader acknowledged. Method: propose on a follower:
    /// `unavailable`, nothing written; post through the leader, then pass the follower's read barrier: the
    /// follower's engine already holds the message.
    @Test func followerRefusesProposalsButServesLinearizableReads() async throws {
        let cluster = try InProcessCluster()
        let leader = try await cluster.waitForLeader()
        let follower = cluster.ids.first { $0 != leader }!
        await #expect {
            _ = try await cluster.node(follower).propose(.createQueue(Self.queue, metadata: JSONObject()))
        } throws: { error in
            if case QueueServiceError.unavailable = error { return true } else { return false }
        }
        #expect(try cluster.engine(follower).queueExists(Self.queue) == false)
        _ = try await cluster.node(leader).propose(.createQueue(Self.queue, metadata: JSONObject()))
        for number in 0..<5 {
            _ = try await cluster.node(leader).propose(Self.post("\(number)"))
            try await cluster.node(follower).readBarrier()
            #expect(try Self.bodies(cluster.engine(follower)).count == number + 1)
        }
        try await cluster.stopAll()
    }

    /// Goal: a leader cut off from its quorum never acknowledges a write, and its unacknowledged write does not
    /// appear on the majority side. Method: isolate the leader, propose on it: the answer is "outcome unknown"
    /// (never success); the other two elect a leader whose state lacks the queue; after healing, the old leader
    /// converges to the majority's state.
    @Test func isolatedLeaderNeverAcknowledges() async throws {
        let cluster = try InProcessCluster()
        let leader = try await cluster.waitForLeader()
        cluster.isolate(leader)
        await #expect {
            _ = try await cluster.node(leader).propose(.createQueue(Self.queue, metadata: JSONObject()))
        } throws: { error in
            switch error {
            case QueueServiceError.outcomeUnknown, QueueServiceError.unavailable: return true
            default: return false
            }
        }
        let others = cluster.ids.filter { $0 != leader }
        let majority = try await cluster.waitForLeader(among: others)
        let (_, index) = try await cluster.node(majority).propose(
            .createQueue(QueueRef(project: "p", name: "b"), metadata: JSONObject()))
        #expect(try cluster.engine(majority).queueExists(Self.queue) == false)
        cluster.heal()
        try await cluster.waitForApplied(index)
        #expect(try cluster.engine(leader).queueExists(Self.queue) == false)
        #expect(try cluster.engine(leader).queueExists(QueueRef(project: "p", name: "b")))
        try await cluster.stopAll()
    }

    /// Goal: a linearizable read sees every write acknowledged before it. Method: after each acknowledged post on
    /// the leader, pass the read barrier and read: the message is there.
    @Test func readBarrierSeesAcknowledgedWrites() async throws {
        let cluster = try InProcessCluster()
        let leader = try await cluster.waitForLeader()
        let node = cluster.node(leader)
        _ = try await node.propose(.createQueue(Self.queue, metadata: JSONObject()))
        for number in 0..<10 {
            _ = try await node.propose(Self.post("\(number)"))
            try await node.readBarrier()
            #expect(try Self.bodies(cluster.engine(leader)).count == number + 1)
        }
        try await cluster.stopAll()
    }

    /// Goal: a node that was down while the log was compacted catches up from a snapshot. Method: snapshots every
    /// 20 entries; stop a follower, post 200 messages, wait until the leader's log starts after the follower's
    /// last index, restart the follower: it reaches the leader's applied index with an identical engine dump.
    @Test func laggingNodeCatchesUpFromSnapshot() async throws {
        let cluster = try InProcessCluster(snapshotEvery: 20)
        let leader = try await cluster.waitForLeader()
        let follower = cluster.ids.first { $0 != leader }!
        _ = try await cluster.node(leader).propose(.createQueue(Self.queue, metadata: JSONObject()))
        let stoppedAt = cluster.node(follower).status!.lastIndex
        try await cluster.stop(follower)
        var index = LogIndex.zero
        for number in 0..<200 { (_, index) = try await cluster.node(leader).propose(Self.post("\(number)")) }
        try await cluster.waitUntil("the leader compacted past the follower") {
            (cluster.node(leader).status?.firstIndex ?? .zero) > stoppedAt + 1
        }
        try cluster.start(follower)
        try await cluster.waitForApplied(index)
        #expect(try cluster.engine(follower).contentDump() == cluster.engine(leader).contentDump())
        try await cluster.stopAll()
    }

    /// Goal: a restarted node keeps its log and term and rejoins. Method: write, stop every node, start them all
    /// again from disk: a leader is elected, the data is intact, and new writes are accepted.
    @Test func wholeClusterRestartKeepsData() async throws {
        let cluster = try InProcessCluster()
        let leader = try await cluster.waitForLeader()
        _ = try await cluster.node(leader).propose(.createQueue(Self.queue, metadata: JSONObject()))
        for number in 0..<5 { _ = try await cluster.node(leader).propose(Self.post("\(number)")) }
        for id in cluster.ids { try await cluster.stop(id) }
        for id in cluster.ids { try cluster.start(id) }
        let next = try await cluster.waitForLeader()
        let (_, index) = try await cluster.node(next).propose(Self.post("5"))
        try await cluster.waitForApplied(index)
        for id in cluster.ids { #expect(try Self.bodies(cluster.engine(id)) == (0...5).map { "\($0)" }) }
        try await cluster.stopAll()
    }
}
