// Bad-input tests: every kind of invalid, stale or foreign input is rejected or ignored, with the documented
// outcome, and leaves the node's observable state (status, hard state, log, storage, pending Ready) untouched.
// `IgnoreReason` promises "The node's state is unchanged in every case"; these tests hold the core to it.
import RaftCore
import Testing

/// A follower (node 2 of voters 1, 2, 3) that has heard from leader 1 in term 2: commit 3, last index 3 (the three
/// bootstrap entries of term 1), nothing pending.
private func followerInTerm2() throws -> CoreSoloNode {
    var follower = try CoreSoloNode(id: 2, voters: [1, 2, 3])
    let outcome = follower.step(CoreMsg.heartbeat(1, 2, term: 2, commit: 3))
    #expect(outcome == .accepted)
    follower.drain()
    #expect(follower.status.term == 2)
    #expect(follower.status.leader == 1)
    #expect(follower.status.commit == 3)
    #expect(!follower.node.hasReady)
    return follower
}

/// As ``followerInTerm2()`` plus entries 4 and 5 of term 2, committed (commit 5).
private func followerWithCommittedTerm2Entries() throws -> CoreSoloNode {
    var follower = try followerInTerm2()
    let outcome = follower.step(
        CoreMsg.append(
            1, 2, term: 2, prevIndex: 3, prevTerm: 1, entries: CoreFixtures.entries([(4, 2), (5, 2)]), commit: 5))
    #expect(outcome == .accepted)
    follower.drain()
    #expect(follower.status.commit == 5)
    #expect(follower.node.lastIndex == 5)
    return follower
}

/// A three-node cluster whose node 1 won the election of term 2 and replicated its no-op (index 4) everywhere.
private func clusterWithLeader1(configure: (inout RaftConfig) -> Void = { _ in }) throws -> CoreTestCluster {
    var cluster = try CoreTestCluster(voters: 3, configure: configure)
    cluster.elect(1)
    #expect(cluster.status(1).role == .leader)
    #expect(cluster.status(1).term == 2)
    #expect(cluster.status(1).commit == 4)
    return cluster
}

/// Steps `message` into `solo` and checks that nothing observable changed and no `Ready` is pending.
/// - Returns: the outcome, for the caller to check.
private func stepExpectingNoEffect(
    _ solo: inout CoreSoloNode, _ message: Message, sourceLocation: SourceLocation = #_sourceLocation
) -> StepOutcome {
    let before = solo.fingerprint
    let outcome = solo.step(message)
    let after = solo.fingerprint
    #expect(after == before, "stepping \(message) changed the node", sourceLocation: sourceLocation)
    #expect(solo.drain() == nil, "stepping \(message) produced a Ready", sourceLocation: sourceLocation)
    return outcome
}

/// Steps `message` into `solo` and checks that its state is unchanged and that the only output is `expected`.
private func stepExpectingOnlyReply(
    _ solo: inout CoreSoloNode, _ message: Message, reply expected: [Message],
    sourceLocation: SourceLocation = #_sourceLocation
) -> StepOutcome {
    var before = solo.fingerprint
    let outcome = solo.step(message)
    var after = solo.fingerprint
    #expect(after.hasReady, "expected a reply to \(message)", sourceLocation: sourceLocation)
    before.hasReady = false
    after.hasReady = false
    #expect(after == before, "stepping \(message) changed the node", sourceLocation: sourceLocation)
    let ready = solo.drain()
    #expect(ready?.messages == expected, sourceLocation: sourceLocation)
    #expect(ready?.hardState == nil, sourceLocation: sourceLocation)
    #expect(ready?.softState == nil, sourceLocation: sourceLocation)
    #expect(ready?.snapshot == nil, sourceLocation: sourceLocation)
    #expect(ready?.entries.isEmpty == true, sourceLocation: sourceLocation)
    #expect(ready?.committedEntries.isEmpty == true, sourceLocation: sourceLocation)
    return outcome
}

private func isMalformed(_ outcome: StepOutcome) -> Bool {
    if case .ignored(.malformed(_)) = outcome { return true }
    return false
}

@Suite("Bad input is rejected or ignored without changing state")
struct BadInputTests {
    // MARK: Addressing

    /// Goal: a message addressed to another node is ignored. Method: step into node 2 an append (which would
    /// otherwise raise its term and add an entry) addressed to node 3; expect `.wrongRecipient` and no change.
    @Test func messageAddressedToAnotherNode() throws {
        var follower = try followerInTerm2()
        let message = CoreMsg.append(
            1, 3, term: 3, prevIndex: 3, prevTerm: 1, entries: CoreFixtures.entries([(4, 3)]), commit: 4)
        #expect(stepExpectingNoEffect(&follower, message) == .ignored(.wrongRecipient))
    }

    /// Goal: a message claiming to come from the receiver itself is ignored. Method: step a higher-term append
    /// "from" node 2 into node 2; expect `.invalidSender` and no change (in particular no new term).
    @Test func messageFromSelf() throws {
        var follower = try followerInTerm2()
        let message = CoreMsg.append(
            2, 2, term: 5, prevIndex: 3, prevTerm: 1, entries: CoreFixtures.entries([(4, 5)]), commit: 4)
        #expect(stepExpectingNoEffect(&follower, message) == .ignored(.invalidSender))
    }

    /// Goal: a message from node 0 ("no node") is ignored. Method: step a higher-term vote request from node 0;
    /// expect `.invalidSender` and no change (no new term, no vote cast).
    @Test func messageFromNodeZero() throws {
        var follower = try followerInTerm2()
        let message = CoreMsg.vote(.none, 2, term: 5, lastIndex: 9, lastTerm: 4)
        #expect(stepExpectingNoEffect(&follower, message) == .ignored(.invalidSender))
    }

    // MARK: Membership

    /// Goal: a vote request from a node outside the configuration cannot raise the term or win a vote. Method: node
    /// 4 (not a member) asks node 2 for a vote in term 9 with a longer log, as a real vote and as a PreVote; expect
    /// `.unknownSender` and no change.
    @Test func voteRequestFromOutsideConfiguration() throws {
        var follower = try followerInTerm2()
        let vote = CoreMsg.vote(4, 2, term: 9, lastIndex: 100, lastTerm: 9)
        #expect(stepExpectingNoEffect(&follower, vote) == .ignored(.unknownSender))
        let preVote = CoreMsg.vote(4, 2, term: 9, lastIndex: 100, lastTerm: 9, preVote: true)
        #expect(stepExpectingNoEffect(&follower, preVote) == .ignored(.unknownSender))
    }

    /// Goal: a vote response from a node outside the configuration is not counted. Method: node 2 (voters 1, 2, 3,
    /// PreVote off) campaigns in term 2; a granted vote from non-member 4 would, with its own, make a majority of
    /// three. Expect `.unknownSender`, and that it is still a candidate with nothing to do.
    @Test func voteResponseFromOutsideConfiguration() throws {
        var candidate = try CoreSoloNode(id: 2, voters: [1, 2, 3]) { $0.preVote = false }
        candidate.node.campaign()
        candidate.drain()
        #expect(candidate.status.role == .candidate)
        #expect(candidate.status.term == 2)
        let response = CoreMsg.voteResponse(4, 2, term: 2, granted: true)
        #expect(stepExpectingNoEffect(&candidate, response) == .ignored(.unknownSender))
        #expect(candidate.status.role == .candidate)
    }

    /// Goal: a node removed from the membership cannot disrupt the cluster. Method: elect 1 in a three-node
    /// cluster, remove node 3 through a committed membership change, then have node 3 send vote and PreVote
    /// requests with a far higher term and a longer log to both remaining nodes. Expect `.unknownSender` at both,
    /// node 1 still leader of term 2, and that node 3 itself no longer campaigns.
    @Test func removedNodeCannotDisrupt() throws {
        var cluster = try clusterWithLeader1()
        let outcome = cluster.nodes[1]!.proposeConfChange(.removeNode(3))
        guard case .appended = outcome else {
            Issue.record("removal not appended: \(outcome)")
            return
        }
        cluster.stabilize()
        #expect(cluster.status(1).confState == ConfState(voters: [1, 2]))
        #expect(cluster.status(2).confState == ConfState(voters: [1, 2]))

        for target: NodeID in [1, 2] {
            let before = CoreFingerprint(cluster.nodes[target]!, cluster.storages[target]!)
            for preVote in [false, true] {
                let request = CoreMsg.vote(3, target, term: 50, lastIndex: 1_000, lastTerm: 49, preVote: preVote)
                #expect(cluster.deliver(request) == .ignored(.unknownSender), "to \(target), preVote \(preVote)")
            }
            #expect(CoreFingerprint(cluster.nodes[target]!, cluster.storages[target]!) == before)
        }
        #expect(cluster.status(1).role == .leader)
        #expect(cluster.status(1).term == 2)
        // The removed node is no longer a voter in its own view either once it applied the change, so it does
        // not campaign at all.
        if !cluster.status(3).confState.isVoter(3) {
            cluster.nodes[3]!.campaign()
            #expect(cluster.status(3).role == .follower)
        }
    }

    // MARK: Terms

    /// Goal: a message from an older term is ignored, and a stale leader's append is answered with the current
    /// term. Method: step into the term-2 follower an append of term 1 from node 3; expect `.staleTerm`, no state
    /// change, and exactly one reply: an append response to node 3 carrying term 2.
    @Test func staleTermMessage() throws {
        var follower = try followerInTerm2()
        let stale = CoreMsg.append(
            3, 2, term: 1, prevIndex: 3, prevTerm: 1, entries: CoreFixtures.entries([(4, 1)]), commit: 3)
        let reply = CoreMsg.appendResponse(2, 3, term: 2, index: 0)
        #expect(stepExpectingOnlyReply(&follower, stale, reply: [reply]) == .ignored(.staleTerm))
    }

    /// Goal: a stale leader learns of the newer term from a follower's answer and steps down (with CheckQuorum and
    /// PreVote nobody else would tell it). Method: elect 1 in term 2; node 2 then hears from a leader 3 of term 3;
    /// node 1 proposes, its append reaches node 2 and is ignored as stale; node 2's answer goes back to node 1.
    /// Expect node 1 to become a follower of term 3.
    @Test func staleLeaderStepsDownOnAnswer() throws {
        var cluster = try clusterWithLeader1()
        #expect(cluster.deliver(CoreMsg.heartbeat(3, 2, term: 3, commit: 0)) == .accepted)
        cluster.processReady(2)
        cluster.network.removeAll()
        #expect(cluster.status(2).term == 3)

        guard case .appended = cluster.nodes[1]!.propose([1, 2, 3]) else {
            Issue.record("leader refused the proposal")
            return
        }
        cluster.processReady(1)
        let appends = cluster.take { $0.to == 2 }
        #expect(!appends.isEmpty)
        for append in appends {
            #expect(cluster.deliver(append) == .ignored(.staleTerm))
        }
        cluster.processReady(2)
        let answers = cluster.take { $0.to == 1 }
        #expect(answers.count == appends.count)
        #expect(answers.allSatisfy { $0.term == 3 })
        for answer in answers { cluster.deliver(answer) }
        #expect(cluster.status(1).role == .follower)
        #expect(cluster.status(1).term == 3)
    }

    // MARK: Appends

    /// Goal: an append whose entries skip an index is rejected before touching the log. Method: entries 4 and 6
    /// after prevIndex 3; expect `.malformed` and no change.
    @Test func appendWithNonContiguousEntries() throws {
        var follower = try followerInTerm2()
        let message = CoreMsg.append(
            1, 2, term: 2, prevIndex: 3, prevTerm: 1, entries: CoreFixtures.entries([(4, 2), (6, 2)]), commit: 3)
        #expect(isMalformed(stepExpectingNoEffect(&follower, message)))
    }

    /// Goal: an append whose entry terms decrease is rejected. Method: entries 4@2 then 5@1; expect `.malformed`.
    @Test func appendWithDecreasingTerms() throws {
        var follower = try followerInTerm2()
        let message = CoreMsg.append(
            1, 2, term: 2, prevIndex: 3, prevTerm: 1, entries: CoreFixtures.entries([(4, 2), (5, 1)]), commit: 3)
        #expect(isMalformed(stepExpectingNoEffect(&follower, message)))
    }

    /// Goal: an append whose first entry is older than `prevTerm` is rejected (terms decrease across the
    /// boundary). Method: prevTerm 2, entry 4@1; expect `.malformed`.
    @Test func appendWithEntryTermBelowPrevTerm() throws {
        var follower = try followerWithCommittedTerm2Entries()
        let message = CoreMsg.append(
            1, 2, term: 2, prevIndex: 5, prevTerm: 2, entries: CoreFixtures.entries([(6, 1)]), commit: 5)
        #expect(isMalformed(stepExpectingNoEffect(&follower, message)))
    }

    /// Goal: an append carrying an entry newer than the message's own term is rejected (no leader creates one).
    /// Method: message term 2 with entry 4@3; expect `.malformed`.
    @Test func appendWithEntryTermAboveMessageTerm() throws {
        var follower = try followerInTerm2()
        let message = CoreMsg.append(
            1, 2, term: 2, prevIndex: 3, prevTerm: 1, entries: CoreFixtures.entries([(4, 3)]), commit: 3)
        #expect(isMalformed(stepExpectingNoEffect(&follower, message)))
    }

    /// Goal: an append whose prevIndex lies past the follower's log is refused with a hint, log unchanged
    /// (Raft §5.3). Method: prevIndex 10 on a log ending at 3 (term 1); expect `.accepted`, no state change, and
    /// exactly one reply: a rejection of index 10 hinting at 3 (term 1), where the leader can resume.
    @Test func appendWithPrevIndexPastLog() throws {
        var follower = try followerInTerm2()
        let message = CoreMsg.append(
            1, 2, term: 2, prevIndex: 10, prevTerm: 2, entries: CoreFixtures.entries([(11, 2)]), commit: 3)
        let reply = CoreMsg.appendResponse(2, 1, term: 2, index: 10, reject: true, hint: 3, hintTerm: 1)
        #expect(stepExpectingOnlyReply(&follower, message, reply: [reply]) == .accepted)
    }

    /// Goal: an append that would overwrite committed entries leaves them in place. Method: the follower holds 4@2
    /// and 5@2, committed; an append after (3, 1) carries 4@1 and 5@1. Expect the entries untouched and one reply
    /// that tells the leader the follower already matches through its commit index 5.
    @Test func appendOverwritingCommittedEntries() throws {
        var follower = try followerWithCommittedTerm2Entries()
        let message = CoreMsg.append(
            1, 2, term: 2, prevIndex: 3, prevTerm: 1, entries: CoreFixtures.entries([(4, 1), (5, 1)]), commit: 5)
        let reply = CoreMsg.appendResponse(2, 1, term: 2, index: 5)
        // The leader's entries below our commit index are not even compared: the answer says where we match.
        #expect(stepExpectingOnlyReply(&follower, message, reply: [reply]) == .accepted)
        #expect(follower.node.term(at: 4) == 2)
        #expect(follower.node.term(at: 5) == 2)
    }

    // MARK: Heartbeats

    /// Goal: a heartbeat whose commit index lies past the follower's last index is ignored (a correct leader sends
    /// at most the follower's match). Method: commit 9 on a log ending at 3; expect `.malformed`, no change and no
    /// reply.
    @Test func heartbeatCommitPastLastIndex() throws {
        var follower = try followerInTerm2()
        #expect(isMalformed(stepExpectingNoEffect(&follower, CoreMsg.heartbeat(1, 2, term: 2, commit: 9))))
    }

    /// Goal: the ignored heartbeat of the previous test changes no hidden state either: it neither teaches the node
    /// a leader, nor resets its election timer, nor ends a candidacy. Method: (a) a follower that voted in term 2 and
    /// knows no leader gets a malformed heartbeat; its status must still show no leader. (b) A follower whose next
    /// campaign is due in T ticks (measured on a copy) is ticked T - 1 times, gets the malformed heartbeat, and is
    /// ticked once more; it must campaign now. (c) A candidate of term 2 gets a malformed heartbeat of term 2; it
    /// must still be a candidate.
    @Test func malformedHeartbeatChangesNoHiddenState() throws {
        var voter = try CoreSoloNode(id: 2, voters: [1, 2, 3])
        #expect(voter.step(CoreMsg.vote(3, 2, term: 2, lastIndex: 3, lastTerm: 1)) == .accepted)
        voter.drain()
        #expect(voter.status.hardState.vote == 3)
        #expect(voter.status.leader == .none)
        let before = voter.fingerprint
        #expect(isMalformed(voter.step(CoreMsg.heartbeat(1, 2, term: 2, commit: 9))))
        #expect(voter.status.leader == .none, "an ignored heartbeat taught the node a leader")
        #expect(voter.fingerprint == before)

        var follower = try followerInTerm2()
        let due = try #require(follower.ticksUntilCampaign())
        for _ in 1..<due { follower.node.tick() }
        #expect(follower.status.role == .follower)
        #expect(isMalformed(follower.step(CoreMsg.heartbeat(1, 2, term: 2, commit: 9))))
        follower.node.tick()
        #expect(follower.status.role == .preCandidate, "an ignored heartbeat reset the election timer")

        var candidate = try CoreSoloNode(id: 2, voters: [1, 2, 3]) { $0.preVote = false }
        candidate.node.campaign()
        candidate.drain()
        #expect(candidate.status.role == .candidate)
        let candidateBefore = candidate.fingerprint
        #expect(isMalformed(candidate.step(CoreMsg.heartbeat(1, 2, term: 2, commit: 9))))
        #expect(candidate.status.role == .candidate, "an ignored heartbeat ended the candidacy")
        #expect(candidate.fingerprint == candidateBefore)
    }

    // MARK: Append responses

    /// Goal: an append response acknowledging an index past the leader's last index is ignored. Method: the leader
    /// of a stable three-node cluster (last index 4) gets an acknowledgement of 99 from node 2; expect
    /// `.malformed`, its status (including node 2's match) unchanged and nothing to do.
    @Test func appendResponsePastLeaderLastIndex() throws {
        var cluster = try clusterWithLeader1()
        let before = CoreFingerprint(cluster.nodes[1]!, cluster.storages[1]!)
        let outcome = cluster.deliver(CoreMsg.appendResponse(2, 1, term: 2, index: 99))
        #expect(isMalformed(outcome))
        #expect(CoreFingerprint(cluster.nodes[1]!, cluster.storages[1]!) == before)
        #expect(cluster.processReady(1) == nil)
    }

    /// Goal: the ignored acknowledgement of the previous test does not count as contact with a quorum either
    /// (CheckQuorum). Method: tick the leader through one CheckQuorum round (it heard from everyone during the
    /// election), drop everything it sends, and during the second round deliver only malformed acknowledgements from
    /// node 2. A leader that heard nothing valid from a quorum must step down at the end of the second round.
    @Test(arguments: [false, true])
    func malformedAppendResponseDoesNotKeepLeaderAlive(sendMalformed: Bool) throws {
        // With `sendMalformed` false this is the control: the same leader, hearing nothing, steps down on time.
        var cluster = try clusterWithLeader1()
        let timeout = RaftConfig(id: 1).electionTimeoutTicks
        for _ in 0..<timeout { cluster.tick(1) }
        cluster.network.removeAll()
        #expect(cluster.status(1).role == .leader)
        for _ in 0..<timeout {
            if sendMalformed {
                #expect(isMalformed(cluster.deliver(CoreMsg.appendResponse(2, 1, term: 2, index: 99))))
            }
            cluster.tick(1)
            cluster.network.removeAll()
        }
        #expect(cluster.status(1).role == .follower, "malformed responses counted as quorum contact")
        #expect(cluster.status(1).term == 2)
    }

    // MARK: Snapshots

    /// Goal: a snapshot with index 0 is rejected. Expect `.malformed` and no change.
    @Test func snapshotWithIndexZero() throws {
        var follower = try followerInTerm2()
        let message = CoreMsg.snapshot(1, 2, term: 2, index: 0, snapshotTerm: 2, voters: [1, 2, 3])
        #expect(isMalformed(stepExpectingNoEffect(&follower, message)))
    }

    /// Goal: a snapshot without voters is rejected (installing it would leave a node with no quorum).
    /// Expect `.malformed` and no change.
    @Test func snapshotWithoutVoters() throws {
        var follower = try followerInTerm2()
        let message = CoreMsg.snapshot(1, 2, term: 2, index: 10, snapshotTerm: 2, voters: [])
        #expect(isMalformed(stepExpectingNoEffect(&follower, message)))
    }

    /// Goal: a snapshot whose last term is above the message's term is rejected. Expect `.malformed`, no change.
    @Test func snapshotTermAboveMessageTerm() throws {
        var follower = try followerInTerm2()
        let message = CoreMsg.snapshot(1, 2, term: 2, index: 10, snapshotTerm: 3, voters: [1, 2, 3])
        #expect(isMalformed(stepExpectingNoEffect(&follower, message)))
    }

    /// Goal: control for the snapshot tests above and below: a well-formed snapshot newer than the commit index is
    /// installed, so their "no change" results are due to the defect each one carries. Method: snapshot 10@2 with
    /// voters 1, 2, 3, 4; expect it in the Ready, then in storage, with the node's log, commit, applied index and
    /// membership moved to it, and an acknowledgement of 10.
    @Test func wellFormedSnapshotIsInstalled() throws {
        var follower = try followerInTerm2()
        #expect(
            follower.step(CoreMsg.snapshot(1, 2, term: 2, index: 10, snapshotTerm: 2, voters: [1, 2, 3, 4]))
                == .accepted)
        let ready = follower.drain()
        #expect(ready?.snapshot?.metadata.index == 10)
        #expect(ready?.messages == [CoreMsg.appendResponse(2, 1, term: 2, index: 10)])
        #expect(follower.storage.snapshot().metadata.index == 10)
        #expect(follower.status.commit == 10)
        #expect(follower.status.applied == 10)
        #expect(follower.node.lastIndex == 10)
        #expect(follower.node.term(at: 10) == 2)
        #expect(follower.status.confState == ConfState(voters: [1, 2, 3, 4]))
    }

    /// Goal: a snapshot at or below the commit index is not installed. Method: the follower has commit 3; step
    /// snapshots at indexes 1...3 from the leader. Expect no state change and no snapshot in the Ready, only a reply
    /// telling the leader the follower's commit index.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func snapshotNotNewerThanCommit(index: UInt64) throws {
        var follower = try followerInTerm2()
        let message = CoreMsg.snapshot(1, 2, term: 2, index: LogIndex(index), snapshotTerm: 1, voters: [1, 2, 3])
        let reply = CoreMsg.appendResponse(2, 1, term: 2, index: 3)
        #expect(stepExpectingOnlyReply(&follower, message, reply: [reply]) == .accepted)
        #expect(follower.storage.snapshot().isEmpty)
    }

    // MARK: Membership changes

    /// Goal: a membership-change payload that does not decode is reported with the typed error saying why.
    /// Method: decode a wrong length, an unknown version and an unknown kind; catch as `ConfChangeDecodingError`.
    @Test(
        arguments: [
            ([1, 1, 0, 0], ConfChangeDecodingError.wrongLength(4)),
            ([], ConfChangeDecodingError.wrongLength(0)),
            ([2, 1, 0, 0, 0, 0, 0, 0, 0, 1], ConfChangeDecodingError.unknownVersion(2)),
            ([0, 1, 0, 0, 0, 0, 0, 0, 0, 1], ConfChangeDecodingError.unknownVersion(0)),
            ([1, 4, 0, 0, 0, 0, 0, 0, 0, 1], ConfChangeDecodingError.unknownKind(4)),
            ([1, 0, 0, 0, 0, 0, 0, 0, 0, 1], ConfChangeDecodingError.unknownKind(0)),
        ] as [([UInt8], ConfChangeDecodingError)])
    func confChangeThatDoesNotDecode(bytes: [UInt8], expected: ConfChangeDecodingError) {
        do throws(ConfChangeDecodingError) {
            let change = try ConfChange(decoding: bytes)
            Issue.record("\(bytes) decoded as \(change)")
        } catch {
            #expect(error == expected)
        }
    }

    /// Goal: a committed membership-change entry whose payload does not decode is skipped, not applied (every node
    /// skips it alike). Method: the follower receives and commits such an entry; after applying it the membership
    /// must be unchanged and the entry recorded as applied.
    @Test func committedUndecodableConfChangeIsSkipped() throws {
        var follower = try followerInTerm2()
        let garbage = Entry(term: 2, index: 4, kind: .configChange, data: [9, 9, 9])
        let message = CoreMsg.append(1, 2, term: 2, prevIndex: 3, prevTerm: 1, entries: [garbage], commit: 4)
        #expect(follower.step(message) == .accepted)
        let ready = follower.drain()
        #expect(ready?.committedEntries == [garbage])
        #expect(follower.status.confState == ConfState(voters: [1, 2, 3]))
        #expect(follower.status.applied == 4)
    }

    /// Goal: invalid membership changes are refused with the typed `ConfChangeError`, appending nothing. Method: on
    /// the leader of a stable three-node cluster propose demoting a voter, adding an existing voter, removing a
    /// non-member and adding node 0; expect `.dropped(.invalidConfChange(...))` and no change at all.
    @Test(
        arguments: [
            (ConfChange.addLearner(2), ConfChangeError.demotionNotSupported(2)),
            (ConfChange.addVoter(3), ConfChangeError.alreadyVoter(3)),
            (ConfChange.removeNode(9), ConfChangeError.notMember(9)),
            (ConfChange.addVoter(.none), ConfChangeError.invalidNode),
            (ConfChange.addLearner(.none), ConfChangeError.invalidNode),
        ] as [(ConfChange, ConfChangeError)])
    func invalidMembershipChange(change: ConfChange, expected: ConfChangeError) throws {
        var cluster = try clusterWithLeader1()
        let before = CoreFingerprint(cluster.nodes[1]!, cluster.storages[1]!)
        #expect(cluster.nodes[1]!.proposeConfChange(change) == .dropped(.invalidConfChange(expected)))
        #expect(CoreFingerprint(cluster.nodes[1]!, cluster.storages[1]!) == before)
    }

    /// Goal: removing the last voter is refused. Method: a single-node cluster elects itself and proposes removing
    /// itself; expect `.wouldRemoveLastVoter` and no change.
    @Test func removingLastVoter() throws {
        var cluster = try CoreTestCluster(voters: 1)
        cluster.elect(1)
        #expect(cluster.status(1).role == .leader)
        let before = CoreFingerprint(cluster.nodes[1]!, cluster.storages[1]!)
        #expect(
            cluster.nodes[1]!.proposeConfChange(.removeNode(1))
                == .dropped(.invalidConfChange(.wouldRemoveLastVoter(1))))
        #expect(CoreFingerprint(cluster.nodes[1]!, cluster.storages[1]!) == before)
    }

    /// Goal: adding a learner twice is refused. Method: add learner 4 and apply it, then propose it again; expect
    /// `.alreadyLearner(4)` and no change.
    @Test func addingExistingLearner() throws {
        var cluster = try clusterWithLeader1()
        guard case .appended = cluster.nodes[1]!.proposeConfChange(.addLearner(4)) else {
            Issue.record("adding learner 4 was refused")
            return
        }
        cluster.stabilize(drop: { $0.to == 4 })
        #expect(cluster.status(1).confState == ConfState(voters: [1, 2, 3], learners: [4]))
        let before = CoreFingerprint(cluster.nodes[1]!, cluster.storages[1]!)
        #expect(cluster.nodes[1]!.proposeConfChange(.addLearner(4)) == .dropped(.invalidConfChange(.alreadyLearner(4))))
        #expect(CoreFingerprint(cluster.nodes[1]!, cluster.storages[1]!) == before)
    }

    // MARK: Configuration

    /// One invalid `RaftConfig` value, and the field its error must name.
    enum InvalidSetting: String, CaseIterable, Sendable {
        case id, heartbeatTimeoutTicks, electionTimeoutTicks, electionNotAboveHeartbeat, maxAppendBytes
        case maxInflightAppends, maxInflightBytes, maxUncommittedBytes, maxApplyBytesPerReady, maxPendingReads

        var field: String { self == .electionNotAboveHeartbeat ? "electionTimeoutTicks" : rawValue }

        func corrupt(_ config: inout RaftConfig) {
            switch self {
            case .id: config.id = .none
            case .heartbeatTimeoutTicks: config.heartbeatTimeoutTicks = 0
            case .electionTimeoutTicks: config.electionTimeoutTicks = 0
            case .electionNotAboveHeartbeat:
                config.heartbeatTimeoutTicks = 5
                config.electionTimeoutTicks = 5
            case .maxAppendBytes: config.maxAppendBytes = 0
            case .maxInflightAppends: config.maxInflightAppends = 0
            case .maxInflightBytes: config.maxInflightBytes = -1
            case .maxUncommittedBytes: config.maxUncommittedBytes = 0
            case .maxApplyBytesPerReady: config.maxApplyBytesPerReady = 0
            case .maxPendingReads: config.maxPendingReads = -5
            }
        }
    }

    /// Goal: every invalid `RaftConfig` value is refused with a typed `RaftConfigError` naming the field, both by
    /// `validate()` and by `RaftNode.init`. Method: corrupt one field of an otherwise valid config per case.
    @Test(arguments: InvalidSetting.allCases)
    func invalidRaftConfig(setting: InvalidSetting) {
        var config = RaftConfig(id: 1)
        do throws(RaftConfigError) {
            try config.validate()
        } catch {
            Issue.record("the default config is invalid: \(error)")
        }
        setting.corrupt(&config)
        do throws(RaftConfigError) {
            try config.validate()
            Issue.record("\(setting) was accepted by validate()")
        } catch {
            #expect(error.field == setting.field)
            #expect(error.description.contains(setting.field))
        }
        do throws(RaftConfigError) {
            _ = try RaftNode(config: config, storage: MemoryStorage(bootstrapVoters: [1]), random: SplitMix64(seed: 1))
            Issue.record("\(setting) was accepted by RaftNode.init")
        } catch {
            #expect(error.field == setting.field)
        }
    }

    // MARK: Proposals

    /// Goal: a follower refuses proposals of every kind and names the leader it knows. Method: on follower 2 of a
    /// stable cluster led by 1, propose an entry, a batch and a membership change; expect `.notLeader(hint: 1)`
    /// and no change. A node that knows no leader answers with hint `.none`.
    @Test func proposalOnFollower() throws {
        var cluster = try clusterWithLeader1()
        let before = CoreFingerprint(cluster.nodes[2]!, cluster.storages[2]!)
        #expect(cluster.nodes[2]!.propose([1]) == .notLeader(hint: 1))
        #expect(cluster.nodes[2]!.propose(batch: [[1], [2]]) == .notLeader(hint: 1))
        #expect(cluster.nodes[2]!.proposeConfChange(.addLearner(4)) == .notLeader(hint: 1))
        #expect(CoreFingerprint(cluster.nodes[2]!, cluster.storages[2]!) == before)

        var lonely = try CoreSoloNode(id: 2, voters: [1, 2, 3])
        let lonelyBefore = lonely.fingerprint
        #expect(lonely.node.propose([1]) == .notLeader(hint: .none))
        #expect(lonely.fingerprint == lonelyBefore)
    }

    /// Goal: an empty batch is refused rather than appended as nothing. Method: the leader proposes `batch: []`;
    /// expect `.dropped(.emptyBatch)` and no change.
    @Test func emptyProposalBatch() throws {
        var cluster = try clusterWithLeader1()
        let before = CoreFingerprint(cluster.nodes[1]!, cluster.storages[1]!)
        #expect(cluster.nodes[1]!.propose(batch: []) == .dropped(.emptyBatch))
        #expect(CoreFingerprint(cluster.nodes[1]!, cluster.storages[1]!) == before)
    }

    /// Goal: a leadership transfer to a node that cannot lead is refused, whether asked of the leader directly or
    /// forwarded by a follower. Method: ask the leader to transfer to itself, to non-member 9 and to learner 4;
    /// expect `.rejected` (or `.ignored(.unexpected)` for the forwarded request), no transferee and no change.
    @Test func leadershipTransferToInvalidTarget() throws {
        var cluster = try clusterWithLeader1()
        guard case .appended = cluster.nodes[1]!.proposeConfChange(.addLearner(4)) else {
            Issue.record("adding learner 4 was refused")
            return
        }
        cluster.stabilize(drop: { $0.to == 4 })
        let before = CoreFingerprint(cluster.nodes[1]!, cluster.storages[1]!)
        for target: NodeID in [1, 9, 4] {
            #expect(cluster.nodes[1]!.transferLeadership(to: target) == .rejected, "target \(target)")
            let forwarded = Message(from: 2, to: 1, term: 2, payload: .transferLeadership(target: target))
            #expect(cluster.deliver(forwarded) == .ignored(.unexpected), "forwarded target \(target)")
        }
        #expect(cluster.status(1).leadTransferee == .none)
        #expect(CoreFingerprint(cluster.nodes[1]!, cluster.storages[1]!) == before)
        #expect(cluster.nodes[1]!.propose([1]) != .dropped(.leadershipTransferInProgress))
    }

    /// Goal: while a leadership transfer is under way the leader refuses proposals. Method: the leader starts a
    /// transfer to node 2; then an entry, a batch and a membership change are all `.dropped(.leadershipTransfer
    /// InProgress)` and its log does not grow.
    @Test func proposalDuringLeadershipTransfer() throws {
        var cluster = try clusterWithLeader1()
        #expect(cluster.nodes[1]!.transferLeadership(to: 2) == .started)
        #expect(cluster.status(1).leadTransferee == 2)
        let lastIndex = cluster.nodes[1]!.lastIndex
        #expect(cluster.nodes[1]!.propose([1]) == .dropped(.leadershipTransferInProgress))
        #expect(cluster.nodes[1]!.propose(batch: [[1], [2]]) == .dropped(.leadershipTransferInProgress))
        #expect(cluster.nodes[1]!.proposeConfChange(.addLearner(4)) == .dropped(.leadershipTransferInProgress))
        #expect(cluster.nodes[1]!.lastIndex == lastIndex)
        #expect(cluster.status(1).role == .leader)
    }
}
