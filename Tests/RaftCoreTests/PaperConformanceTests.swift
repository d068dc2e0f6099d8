// Paper-conformance tests: one test per rule of the Raft paper ("In Search of an Understandable Consensus
// Algorithm", Ongaro & Ousterhout, 2014) or of Ongaro's thesis, in the manner of etcd-io/raft `raft_paper_test.go`.
// Each test quotes its rule and drives the core through its public API only. Where the core can be told to break a
// rule (`RaftConfig.injectedBugs`, package API), the test also runs the broken core and shows the check fails there.
import RaftCore
import Testing

/// Node 1 of voters 1, 2, 3 (PreVote off) elected leader of term 2 by hand, with its first `Ready` (the no-op)
/// processed. Messages it sent are discarded; the caller steps responses in.
private func handMadeLeader(configure: (inout RaftConfig) -> Void = { _ in }) throws -> CoreSoloNode {
    var solo = try CoreSoloNode(id: 1, voters: [1, 2, 3]) {
        $0.preVote = false
        configure(&$0)
    }
    solo.node.campaign()
    solo.drain()
    #expect(solo.step(CoreMsg.voteResponse(2, 1, term: 2, granted: true)) == .accepted)
    solo.drain()
    #expect(solo.status.role == .leader)
    return solo
}

/// A solo node of voters 1, 2, 3 in `role` (term 1 for follower and pre-candidate, 2 otherwise).
private func soloNode(id: NodeID = 1, in role: Role) throws -> CoreSoloNode {
    switch role {
    case .follower:
        return try CoreSoloNode(id: id, voters: [1, 2, 3])
    case .preCandidate:
        var solo = try CoreSoloNode(id: id, voters: [1, 2, 3])
        solo.node.campaign()
        solo.drain()
        return solo
    case .candidate:
        var solo = try CoreSoloNode(id: id, voters: [1, 2, 3]) { $0.preVote = false }
        solo.node.campaign()
        solo.drain()
        return solo
    case .leader:
        return try handMadeLeader()
    }
}

/// The log of a voter that holds entries 4 and 5 of term 2 after the bootstrap entries (term 1), none committed
/// past the bootstrap: the starting point of the log-matching and up-to-date tests.
private func storageWithTerm2Tail() -> MemoryStorage {
    let storage = MemoryStorage(bootstrapVoters: [1, 2, 3])
    storage.append(CoreFixtures.entries([(4, 2), (5, 2)]))
    storage.setHardState(HardState(term: 2, vote: .none, commit: 3))
    return storage
}

@Suite("Raft paper conformance")
struct PaperConformanceTests {
    // MARK: §5.1 Terms

    /// Raft §5.1: "Current terms are exchanged whenever servers communicate; if one server's current term is smaller
    /// than the other's, then it updates its current term to the larger value. If a candidate or leader discovers
    /// that its term is out of date, it immediately reverts to follower state."
    ///
    /// Goal: a node in any role adopts a higher term and becomes a follower. Method: put node 1 in each role and
    /// step a message of a term five higher (a heartbeat from a new leader, or a vote rejection); expect a
    /// follower of the new term, with the term about to be persisted.
    @Test(arguments: [Role.follower, .preCandidate, .candidate, .leader], [false, true])
    func higherTermMakesFollower(role: Role, viaHeartbeat: Bool) throws {
        var solo = try soloNode(in: role)
        #expect(solo.status.role == role)
        let newTerm = Term(solo.status.term.rawValue + 5)
        let message =
            viaHeartbeat
            ? CoreMsg.heartbeat(2, 1, term: newTerm, commit: 0)
            : CoreMsg.voteResponse(2, 1, term: newTerm, granted: false)
        solo.step(message)
        #expect(solo.status.role == .follower)
        #expect(solo.status.term == newTerm)
        #expect(solo.status.leader == (viaHeartbeat ? 2 : .none))
        let ready = solo.drain()
        #expect(ready?.hardState?.term == newTerm)
        #expect(ready?.mustSync == true)
    }

    /// Raft §5.1: "If a server receives a request with a stale term number, it rejects the request."
    ///
    /// Goal: a vote request of an older term is refused and records no vote. Method: a follower of term 2 gets a
    /// vote request of term 1; expect `.staleTerm`, no vote, no new term.
    @Test func staleTermRequestIsRejected() throws {
        var solo = try CoreSoloNode(id: 1, voters: [1, 2, 3])
        solo.step(CoreMsg.heartbeat(2, 1, term: 2, commit: 0))
        solo.drain()
        #expect(solo.step(CoreMsg.vote(3, 1, term: 1, lastIndex: 99, lastTerm: 1)) == .ignored(.staleTerm))
        #expect(solo.status.hardState == HardState(term: 2, vote: .none, commit: 3))
        #expect(
            solo.drain()?.messages.contains { if case .voteResponse(let r) = $0.payload { r.granted } else { false } }
                != true)
    }

    // MARK: §5.2 Leader election

    /// Raft §5.2: "Each server will vote for at most one candidate in a given term, on a first-come-first-served
    /// basis."
    ///
    /// Goal: once a vote is cast in a term, no other candidate gets one in that term (the same candidate may ask
    /// again). Method: node 1 gets vote requests of term 2 from 2, then 3, then 2 again, all with up-to-date logs;
    /// expect granted, rejected, granted, and a durable vote for 2. With the `voteTwicePerTerm` bug injected the
    /// second request is granted, which shows the check can fail.
    @Test(arguments: [false, true])
    func oneVotePerTerm(injectBug: Bool) throws {
        var solo = try CoreSoloNode(id: 1, voters: [1, 2, 3]) {
            if injectBug { $0.injectedBugs = [.voteTwicePerTerm] }
        }
        var grants: [Bool] = []
        for candidate: NodeID in [2, 3, 2] {
            #expect(solo.step(CoreMsg.vote(candidate, 1, term: 2, lastIndex: 3, lastTerm: 1)) == .accepted)
            let ready = solo.drain()
            let responses = ready?.messages ?? []
            #expect(responses.count == 1)
            guard let response = responses.first, case .voteResponse(let answer) = response.payload else {
                Issue.record("no vote response to \(candidate)")
                continue
            }
            #expect(response.to == candidate)
            grants.append(answer.granted)
        }
        if injectBug {
            #expect(grants == [true, true, true], "the injected bug should grant a second vote")
        } else {
            #expect(grants == [true, false, true])
            #expect(solo.storage.hardState.vote == 2)
            #expect(solo.storage.hardState.term == 2)
        }
    }

    /// Raft §5.2: "Raft uses randomized election timeouts to ensure that split votes are rare ... election timeouts
    /// are chosen randomly from a fixed interval (e.g., 150-300ms)." Here the interval is
    /// `[electionTimeoutTicks, 2 * electionTimeoutTicks)`.
    ///
    /// Goal: a follower that hears nothing campaigns after a timeout drawn from the interval. Method: for each seed
    /// count the ticks until a fresh follower starts a (pre-)election.
    @Test(arguments: Array(UInt64(0)..<32))
    func electionTimeoutIsInRandomizedRange(seed: UInt64) throws {
        let solo = try CoreSoloNode(id: 1, voters: [1, 2, 3], seed: seed)
        let timeout = RaftConfig(id: 1).electionTimeoutTicks
        let ticks = solo.ticksUntilCampaign(limit: 10 * timeout)
        #expect(
            ticks.map { (timeout..<(2 * timeout)).contains($0) } == true,
            "seed \(seed): campaigned after \(ticks as Int?) ticks")
    }

    /// Raft §5.2 (as above): the timeout is random, not fixed.
    ///
    /// Goal: different seeds give different timeouts, and a node draws a new one after each election. Method: over
    /// 32 seeds at least five distinct first timeouts appear; for one node the timeouts of eight successive
    /// elections are not all equal.
    @Test func electionTimeoutsVary() throws {
        var firsts: Set<Int> = []
        for seed in UInt64(0)..<32 {
            let solo = try CoreSoloNode(id: 1, voters: [1, 2, 3], seed: seed)
            if let ticks = solo.ticksUntilCampaign() { firsts.insert(ticks) }
        }
        #expect(firsts.count >= 5, "first timeouts \(firsts.sorted())")

        var solo = try CoreSoloNode(id: 1, voters: [1, 2, 3], seed: 7) { $0.preVote = false }
        var successive: [Int] = []
        for _ in 0..<8 {
            let before = solo.status.term
            var ticks = 0
            while solo.status.term == before && ticks < 100 {
                solo.node.tick()
                ticks += 1
            }
            solo.drain()
            successive.append(ticks)
        }
        #expect(Set(successive).count > 1, "successive timeouts \(successive)")
        #expect(successive.allSatisfy { $0 >= 10 && $0 < 20 }, "successive timeouts \(successive)")
    }

    /// Raft §5.2: "A candidate wins an election if it receives votes from a majority of the servers in the full
    /// cluster for the same term."
    ///
    /// Goal: a candidate becomes leader exactly when its granted votes (its own included) reach a majority.
    /// Method: node 1 of five campaigns in term 2; after one grant it is still a candidate (2 of 5), after the
    /// second it is leader (3 of 5). A rejection in between does not matter.
    @Test func candidateWinsWithMajority() throws {
        var solo = try CoreSoloNode(id: 1, voters: CoreFixtures.ids(5)) { $0.preVote = false }
        solo.node.campaign()
        let campaign = solo.drain()
        #expect(solo.status.role == .candidate)
        #expect(solo.status.term == 2)
        #expect(campaign?.hardState == HardState(term: 2, vote: 1, commit: 5))
        #expect(Set(campaign?.messages.map(\.to) ?? []) == [2, 3, 4, 5])
        solo.step(CoreMsg.voteResponse(2, 1, term: 2, granted: true))
        #expect(solo.status.role == .candidate)
        solo.step(CoreMsg.voteResponse(4, 1, term: 2, granted: false))
        #expect(solo.status.role == .candidate)
        solo.step(CoreMsg.voteResponse(3, 1, term: 2, granted: true))
        #expect(solo.status.role == .leader)
        #expect(solo.status.leader == 1)
        #expect(solo.status.term == 2)
    }

    /// Raft §5.2: a candidate that cannot win (a majority rejected it) waits as a follower; it does not become
    /// leader on a minority.
    ///
    /// Goal: rejections from a majority end the candidacy. Method: node 1 of five gets rejections from 2, 3, 4;
    /// after the third (no majority is reachable any more) it is a follower of the same term.
    @Test func candidateLosesOnMajorityRejection() throws {
        var solo = try CoreSoloNode(id: 1, voters: CoreFixtures.ids(5)) { $0.preVote = false }
        solo.node.campaign()
        solo.drain()
        solo.step(CoreMsg.voteResponse(2, 1, term: 2, granted: false))
        solo.step(CoreMsg.voteResponse(3, 1, term: 2, granted: false))
        #expect(solo.status.role == .candidate)
        solo.step(CoreMsg.voteResponse(4, 1, term: 2, granted: false))
        #expect(solo.status.role == .follower)
        #expect(solo.status.term == 2)
        #expect(solo.status.hardState.vote == 1)
    }

    /// Raft §5.2: "If the leader's term (included in its RPC) is at least as large as the candidate's current term,
    /// then the candidate recognizes the leader as legitimate and returns to follower state."
    ///
    /// Goal: a candidate yields to a leader of its own term. Method: candidate 1 of term 2 receives an append of
    /// term 2 from node 2; expect a follower of term 2 that knows leader 2, has kept its vote, and accepted the append.
    @Test func candidateYieldsToLeaderOfSameTerm() throws {
        var solo = try soloNode(in: .candidate)
        let entries = CoreFixtures.entries([(4, 2)])
        #expect(
            solo.step(CoreMsg.append(2, 1, term: 2, prevIndex: 3, prevTerm: 1, entries: entries, commit: 3))
                == .accepted)
        #expect(solo.status.role == .follower)
        #expect(solo.status.term == 2)
        #expect(solo.status.leader == 2)
        #expect(solo.status.hardState.vote == 1)
        #expect(solo.drain()?.entries == entries)
    }

    /// Raft §5.2: "each candidate will time out and start a new election by incrementing its term and initiating
    /// another round of RequestVote RPCs."
    ///
    /// Goal: a candidate that neither wins nor loses starts a new election of the next term. Method: candidate 1 of
    /// term 2 hears nothing; within two election timeouts it is a candidate of term 3 and has asked 2 and 3 again.
    @Test func candidateStartsNewElectionOnTimeout() throws {
        var solo = try soloNode(in: .candidate)
        for _ in 0..<(2 * RaftConfig(id: 1).electionTimeoutTicks) where solo.status.term == 2 {
            solo.node.tick()
        }
        #expect(solo.status.role == .candidate)
        #expect(solo.status.term == 3)
        let ready = solo.drain()
        #expect(ready?.hardState == HardState(term: 3, vote: 1, commit: 3))
        let requests = (ready?.messages ?? []).filter {
            if case .vote(let request) = $0.payload { !request.isPreVote && $0.term == 3 } else { false }
        }
        #expect(Set(requests.map(\.to)) == [2, 3])
    }

    // MARK: §5.3 Log replication

    /// Raft §8: "Raft handles this by having each leader commit a blank no-op entry into the log at the start of its
    /// term."
    ///
    /// Goal: the first thing a new leader does is append a no-op of its term and send it to every follower.
    /// Method: elect node 1 of three by hand; its first Ready as leader must hold exactly one empty normal entry at
    /// index 4, term 2, and appends carrying it (after 3, term 1) to nodes 2 and 3.
    @Test func leaderAppendsNoopOnElection() throws {
        var solo = try CoreSoloNode(id: 1, voters: [1, 2, 3]) { $0.preVote = false }
        solo.node.campaign()
        solo.drain()
        solo.step(CoreMsg.voteResponse(2, 1, term: 2, granted: true))
        let ready = solo.drain()
        let noop = Entry(term: 2, index: 4, kind: .normal, data: [])
        #expect(ready?.softState == SoftState(leader: 1, role: .leader))
        #expect(ready?.entries == [noop])
        var targets: Set<NodeID> = []
        for message in ready?.messages ?? [] {
            guard case .append(let request) = message.payload else { continue }
            #expect(request.prevIndex == 3 && request.prevTerm == 1)
            #expect(request.entries == [noop])
            targets.insert(message.to)
        }
        #expect(targets == [2, 3])
    }

    /// Raft §5.3: "The leader appends the command to its log as a new entry, then issues AppendEntries RPCs in
    /// parallel to each of the other servers to replicate the entry. ... A log entry is committed once the leader
    /// that created the entry has replicated it on a majority of the servers."
    ///
    /// Goal: a proposal ends up at the same index with the same term and data in every log and is applied by every
    /// node. Method: propose on the leader of three, stabilize, then compare the three storages and applied lists.
    @Test func leaderReplicatesAndCommits() throws {
        var cluster = try CoreTestCluster(voters: 3)
        cluster.elect(1)
        let outcome = cluster.nodes[1]!.propose([42, 43])
        #expect(outcome == .appended(term: 2, indexes: 5...5))
        cluster.stabilize()
        for id in cluster.ids {
            let stored = try cluster.storages[id]!.entries(in: 5..<6, maxBytes: .max)
            #expect(stored == [Entry(term: 2, index: 5, data: [42, 43])], "node \(id)")
            #expect(cluster.status(id).commit == 5, "node \(id)")
            #expect(cluster.applied[id]?.last == Entry(term: 2, index: 5, data: [42, 43]), "node \(id)")
        }
    }

    /// Raft §5.3: "If the follower does not find an entry in its log with the same index and term, then it refuses
    /// the new entries."
    ///
    /// Goal: an append whose (prevIndex, prevTerm) does not match is refused and changes no entry. Method: the
    /// follower holds 5@2; an append after (5, term 1) is refused with a hint at the last index whose term is at
    /// most 1 (index 3), and the log still ends 4@2, 5@2.
    @Test func followerRejectsOnMismatch() throws {
        var solo = try CoreSoloNode(id: 2, storage: storageWithTerm2Tail())
        let message = CoreMsg.append(
            1, 2, term: 3, prevIndex: 5, prevTerm: 1, entries: CoreFixtures.entries([(6, 3)]), commit: 5)
        #expect(solo.step(message) == .accepted)
        let ready = solo.drain()
        #expect(ready?.entries.isEmpty == true)
        #expect(
            ready?.messages == [CoreMsg.appendResponse(2, 1, term: 3, index: 5, reject: true, hint: 3, hintTerm: 1)])
        #expect(solo.node.lastIndex == 5)
        #expect(solo.node.term(at: 4) == 2 && solo.node.term(at: 5) == 2)
        #expect(solo.status.commit == 3)
    }

    /// Raft Figure 2, AppendEntries: "If an existing entry conflicts with a new one (same index but different
    /// terms), delete the existing entry and all that follow it (§5.3). Append any new entries not already in the log."
    ///
    /// Goal: a follower replaces a conflicting uncommitted suffix with the leader's entries. Method: the follower
    /// holds uncommitted 4@2, 5@2; the leader of term 3 sends 4@3 after (3, 1). Expect the log to end at 4@3, the
    /// Ready to persist exactly 4@3, and storage to hold that after persisting.
    @Test func followerTruncatesConflictingSuffix() throws {
        var solo = try CoreSoloNode(id: 2, storage: storageWithTerm2Tail())
        let message = CoreMsg.append(
            3, 2, term: 3, prevIndex: 3, prevTerm: 1, entries: CoreFixtures.entries([(4, 3)]), commit: 3)
        #expect(solo.step(message) == .accepted)
        #expect(solo.node.lastIndex == 4)
        #expect(solo.node.term(at: 4) == 3)
        let ready = solo.drain()
        #expect(ready?.entries == CoreFixtures.entries([(4, 3)]))
        #expect(ready?.messages == [CoreMsg.appendResponse(2, 3, term: 3, index: 4)])
        #expect(solo.storage.lastIndex() == 4)
        #expect((try? solo.storage.term(at: 4)) == 3)
    }

    /// Raft Figure 2, AppendEntries: "If leaderCommit > commitIndex, set commitIndex = min(leaderCommit, index of
    /// last new entry)."
    ///
    /// Goal: a follower never commits past what the append proved it holds. Method: append 4@2 with leader commit
    /// 10 on a log that also holds a stale 5@2 from before; the commit index must become 4, not 5 or 10.
    @Test func followerCommitIsBoundedByLastNewEntry() throws {
        var solo = try CoreSoloNode(id: 2, storage: storageWithTerm2Tail())
        let message = CoreMsg.append(
            1, 2, term: 2, prevIndex: 3, prevTerm: 1, entries: CoreFixtures.entries([(4, 2)]), commit: 10)
        #expect(solo.step(message) == .accepted)
        #expect(solo.status.commit == 4)
        let ready = solo.drain()
        #expect(ready?.committedEntries.map(\.index) == [4])
    }

    // MARK: §5.4 Safety

    /// Raft §5.4.1: "the voter denies its vote if its own log is more up-to-date than that of the candidate. ... If
    /// the logs have last entries with different terms, then the log with the later term is more up-to-date. If the
    /// logs end with the same term, then whichever log is longer is more up-to-date."
    ///
    /// Goal: the vote follows exactly this comparison. Method: a voter whose log ends at 5@2 gets a vote request of
    /// term 3 from a candidate with each (lastIndex, lastTerm); expect a grant iff the candidate's log is at least as
    /// up to date.
    @Test(
        arguments: [
            (10, 1, false), (4, 2, false), (5, 2, true), (6, 2, true), (1, 3, true), (3, 1, false),
        ] as [(UInt64, UInt64, Bool)])
    func voteOnlyForUpToDateLog(lastIndex: UInt64, lastTerm: UInt64, granted: Bool) throws {
        var solo = try CoreSoloNode(id: 2, storage: storageWithTerm2Tail())
        let request = CoreMsg.vote(1, 2, term: 3, lastIndex: LogIndex(lastIndex), lastTerm: Term(lastTerm))
        #expect(solo.step(request) == .accepted)
        let ready = solo.drain()
        #expect(ready?.messages == [CoreMsg.voteResponse(2, 1, term: 3, granted: granted)])
        #expect(solo.status.hardState.vote == (granted ? 1 : .none))
        #expect(solo.status.term == 3)
    }

    /// Raft §5.4.2: "Raft never commits log entries from previous terms by counting replicas. Only log entries from
    /// the leader's current term are committed by counting replicas; once an entry from the current term has been
    /// committed in this way, then all prior entries are committed indirectly because of the Log Matching Property."
    ///
    /// Goal: the Figure 8 situation. Method: node 1 holds 4@2 (uncommitted) and wins term 4, appending its no-op 5@4.
    /// Node 2 acknowledges index 4: 4@2 is now on a majority, but it must stay uncommitted. When node 2 acknowledges
    /// 5, both 4 and 5 commit at once. With the `commitOldTermEntries` bug injected, 4 commits early, which shows
    /// the check can fail.
    @Test(arguments: [false, true])
    func commitOnlyCurrentTermEntries(injectBug: Bool) throws {
        let storage = MemoryStorage(bootstrapVoters: [1, 2, 3])
        storage.append(CoreFixtures.entries([(4, 2)]))
        storage.setHardState(HardState(term: 3, vote: .none, commit: 3))
        var solo = try CoreSoloNode(id: 1, storage: storage) {
            $0.preVote = false
            if injectBug { $0.injectedBugs = [.commitOldTermEntries] }
        }
        solo.node.campaign()
        solo.drain()
        solo.step(CoreMsg.voteResponse(2, 1, term: 4, granted: true))
        #expect(solo.status.role == .leader)
        #expect(solo.drain()?.entries == [Entry(term: 4, index: 5)])

        #expect(solo.step(CoreMsg.appendResponse(2, 1, term: 4, index: 4)) == .accepted)
        if injectBug {
            #expect(solo.status.commit == 4, "the injected bug should commit the old-term entry")
            return
        }
        #expect(solo.status.commit == 3)
        #expect(solo.drain()?.committedEntries.isEmpty != false)

        #expect(solo.step(CoreMsg.appendResponse(2, 1, term: 4, index: 5)) == .accepted)
        #expect(solo.status.commit == 5)
        #expect(solo.drain()?.committedEntries.map(\.index) == [4, 5])
    }

    /// Raft thesis §10.2.1 (paraphrased): the leader may write to its disk in parallel with replicating, and an entry
    /// is committed once a majority has it durably; the leader counts itself toward that majority only once its own
    /// write completes. Here: only after `advance` acknowledges the `Ready` holding the entry.
    ///
    /// Goal: a single-node leader does not commit its proposal before it is persisted. Method: propose, take the
    /// Ready, persist it; the commit index must not move until `advance`, and then it must.
    @Test func singleLeaderCommitsOnlyAfterPersisting() throws {
        var cluster = try CoreTestCluster(voters: 1)
        cluster.elect(1)
        #expect(cluster.status(1).role == .leader)
        let before = cluster.status(1).commit
        guard case .appended(_, let indexes) = cluster.nodes[1]!.propose([5]) else {
            Issue.record("proposal refused")
            return
        }
        #expect(cluster.status(1).commit == before)
        let ready = cluster.nodes[1]!.ready()
        #expect(ready.entries.map(\.index) == [indexes.lowerBound])
        #expect(!ready.committedEntries.contains { $0.index == indexes.lowerBound })
        CoreFixtures.persist(ready, into: cluster.storages[1]!)
        #expect(cluster.status(1).commit == before)
        cluster.nodes[1]!.advance(ready)
        #expect(cluster.status(1).commit == indexes.lowerBound)
        #expect(cluster.processReady(1)?.committedEntries.map(\.index) == [indexes.lowerBound])
    }

    /// Raft thesis §10.2.1 (as above), with followers: one follower's acknowledgement plus the leader's own
    /// not-yet-acknowledged write is not a majority.
    ///
    /// Goal: the leader of three does not count its own unpersisted entry. Method: propose; hold the leader's Ready
    /// (not advanced); deliver its append to node 2 only and node 2's acknowledgement back. The commit index must
    /// not move; after the leader's `advance` it must.
    @Test func leaderCountsItselfOnlyAfterPersisting() throws {
        var cluster = try CoreTestCluster(voters: 3)
        cluster.elect(1)
        let before = cluster.status(1).commit
        guard case .appended(_, let indexes) = cluster.nodes[1]!.propose([5]) else {
            Issue.record("proposal refused")
            return
        }
        let ready = cluster.nodes[1]!.ready()
        CoreFixtures.persist(ready, into: cluster.storages[1]!)
        for message in ready.messages where message.to == 2 { cluster.deliver(message) }
        cluster.processReady(2)
        let acknowledgements = cluster.take { $0.to == 1 }
        #expect(acknowledgements.contains { $0.payload == .appendResponse(AppendResponse(index: indexes.lowerBound)) })
        for message in acknowledgements { cluster.deliver(message) }
        #expect(cluster.status(1).commit == before)
        cluster.nodes[1]!.advance(ready)
        #expect(cluster.status(1).commit == indexes.lowerBound)
    }

    // MARK: Leader leases and disruption (thesis §6.2, §9.6)

    /// Raft thesis §6.2: "a leader steps down if an election timeout elapses without a successful round of heartbeats
    /// to a majority of its cluster" (CheckQuorum).
    ///
    /// Goal: an isolated leader steps down within two election timeouts (one to notice silence, since it heard from
    /// everyone during its election) and keeps its term; a leader that hears back stays. Method: tick the leader of
    /// three with every message dropped; control: tick it with every message delivered; contrast: CheckQuorum off.
    @Test func checkQuorumStepsDownIsolatedLeader() throws {
        let timeout = RaftConfig(id: 1).electionTimeoutTicks
        var isolated = try CoreTestCluster(voters: 3)
        isolated.elect(1)
        for tick in 1...(2 * timeout) {
            isolated.tick(1)
            isolated.network.removeAll()
            if tick < 2 * timeout { #expect(isolated.status(1).role == .leader, "stepped down early, tick \(tick)") }
        }
        #expect(isolated.status(1).role == .follower)
        #expect(isolated.status(1).leader == .none)
        #expect(isolated.status(1).term == 2)

        var connected = try CoreTestCluster(voters: 3)
        connected.elect(1)
        for _ in 0..<(5 * timeout) {
            connected.tick(1)
            connected.stabilize()
        }
        #expect(connected.status(1).role == .leader)

        var unchecked = try CoreTestCluster(voters: 3) { $0.checkQuorum = false }
        unchecked.elect(1)
        for _ in 0..<(5 * timeout) {
            unchecked.tick(1)
            unchecked.network.removeAll()
        }
        #expect(unchecked.status(1).role == .leader)
    }

    /// Raft thesis §9.6: "In the Pre-Vote algorithm, a candidate only increments its term if it first learns from a
    /// majority of the cluster that they would be willing to grant the candidate their votes."
    ///
    /// Goal: a partitioned node that keeps timing out does not raise its term, and on rejoining does not disrupt
    /// the leader. Method: isolate node 3 of a cluster led by 1 (term 2) and tick it for ten election timeouts; it
    /// must have campaigned (as a pre-candidate) yet stayed in term 2, durable state included. Its PreVote requests
    /// then reach the others, who refuse them under the leader lease; a heartbeat brings it back as a follower of 1.
    /// Contrast: without PreVote the same isolation raises its term.
    @Test func preVoteDoesNotRaiseTerm() throws {
        let timeout = RaftConfig(id: 1).electionTimeoutTicks
        var cluster = try CoreTestCluster(voters: 3)
        cluster.elect(1)
        var campaigned = false
        for _ in 0..<(10 * timeout) {
            cluster.tick(3)
            campaigned = campaigned || cluster.status(3).role == .preCandidate
            cluster.network.removeAll()
        }
        #expect(campaigned)
        #expect(cluster.status(3).term == 2)
        #expect(cluster.storages[3]!.hardState.term == 2)

        cluster.nodes[3]!.campaign()
        cluster.processReady(3)
        let requests = cluster.take { $0.from == 3 }
        #expect(requests.count == 2)
        for request in requests {
            guard case .vote(let vote) = request.payload else {
                Issue.record("unexpected \(request)")
                continue
            }
            #expect(vote.isPreVote)
            #expect(cluster.deliver(request) == .ignored(.leaderLease))
        }
        cluster.tick(1)
        cluster.stabilize()
        for id in cluster.ids {
            #expect(cluster.status(id).term == 2, "node \(id)")
            #expect(cluster.status(id).leader == 1, "node \(id)")
        }

        var noPreVote = try CoreTestCluster(voters: 3) { $0.preVote = false }
        noPreVote.elect(1)
        for _ in 0..<(10 * timeout) {
            noPreVote.tick(3)
            noPreVote.network.removeAll()
        }
        #expect(noPreVote.status(3).term > 2)
    }
}
