// Property tests, seeded (style guide §7.3): the optimized core against naive reference computations. Every seed
// is a test argument, and every failure message names the seed (and the step), so a failure replays exactly with
// `swift test --filter "QuorumPropertyTests"` and that argument.
import RaftCore
import Testing

// MARK: - Naive reference models

/// The membership as two plain sets, with the membership rules written out longhand.
private struct NaiveMembership: Equatable {
    var voters: Set<NodeID>
    var learners: Set<NodeID>

    func applying(_ change: ConfChange) -> Result<NaiveMembership, ConfChangeError> {
        var next = self
        switch change {
        case .addVoter(let id):
            if id == .none { return .failure(.invalidNode) }
            if voters.contains(id) { return .failure(.alreadyVoter(id)) }
            next.voters.insert(id)
            next.learners.remove(id)
        case .addLearner(let id):
            if id == .none { return .failure(.invalidNode) }
            if voters.contains(id) { return .failure(.demotionNotSupported(id)) }
            if learners.contains(id) { return .failure(.alreadyLearner(id)) }
            next.learners.insert(id)
        case .removeNode(let id):
            if !voters.contains(id) && !learners.contains(id) { return .failure(.notMember(id)) }
            if voters == [id] { return .failure(.wouldRemoveLastVoter(id)) }
            next.voters.remove(id)
            next.learners.remove(id)
        }
        return .success(next)
    }
}

/// A log as a plain array after a (snapshot index, snapshot term) placeholder, with `MemoryStorage`'s documented
/// behaviour written out longhand.
private struct NaiveLog {
    /// The index and term of the placeholder before the first entry (the last compacted entry).
    var offset: UInt64 = 0
    var offsetTerm = Term.zero
    /// Entries `offset + 1 ... offset + entries.count`.
    var entries: [Entry] = []
    var snapshot = Snapshot.empty
    var hardState = HardState.empty

    var firstIndex: UInt64 { offset + 1 }
    var lastIndex: UInt64 { offset + UInt64(entries.count) }

    func term(at index: UInt64) -> Result<Term, LogStorageError> {
        if index < offset { return .failure(.compacted) }
        if index > lastIndex { return .failure(.unavailable) }
        return .success(index == offset ? offsetTerm : entries[Int(index - offset - 1)].term)
    }

    func entries(_ lo: UInt64, _ hi: UInt64, maxBytes: Int) -> Result<[Entry], LogStorageError> {
        if lo <= offset { return .failure(.compacted) }
        if hi > lastIndex + 1 { return .failure(.unavailable) }
        if lo >= hi { return .success([]) }
        var result: [Entry] = []
        var bytes = 0
        for index in lo..<hi {
            let entry = entries[Int(index - offset - 1)]
            bytes += entry.byteCount
            // The first entry always comes back, whatever its size.
            if !result.isEmpty && bytes > maxBytes { break }
            result.append(entry)
        }
        return .success(result)
    }

    mutating func append(_ new: [Entry]) {
        let kept = new.filter { $0.index.rawValue > offset }
        guard let first = kept.first else { return }
        entries.removeLast(entries.count - Int(first.index.rawValue - offset - 1))
        entries.append(contentsOf: kept)
    }

    mutating func compact(through index: UInt64) {
        guard index > offset else { return }
        offsetTerm = try! term(at: index).get()
        entries.removeFirst(Int(index - offset))
        offset = index
    }

    mutating func createSnapshot(at index: UInt64, confState: ConfState, data: [UInt8]) -> LogStorageError? {
        guard index > offset else { return .compacted }
        let term = try! term(at: index).get()
        snapshot = Snapshot(
            metadata: SnapshotMetadata(index: LogIndex(index), term: term, confState: confState), data: data)
        compact(through: index)
        return nil
    }

    mutating func applySnapshot(_ new: Snapshot) -> LogStorageError? {
        guard new.metadata.index > snapshot.metadata.index else { return .compacted }
        snapshot = new
        offset = new.metadata.index.rawValue
        offsetTerm = new.metadata.term
        entries = []
        return nil
    }
}

/// Calls a typed-throwing storage read and returns its answer as a `Result`.
private func result<T>(_ body: () throws(LogStorageError) -> T) -> Result<T, LogStorageError> {
    do throws(LogStorageError) {
        return .success(try body())
    } catch {
        return .failure(error)
    }
}

/// A uniformly random integer in `range`, drawn from `random` (never from a global generator).
private func draw(_ range: ClosedRange<Int>, _ random: inout SplitMix64) -> Int {
    Int.random(in: range, using: &random)
}

private func randomBytes(maxCount: Int, _ random: inout SplitMix64) -> [UInt8] {
    (0..<draw(0...maxCount, &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
}

/// One randomized run of a small cluster for the commit-index property (see
/// `QuorumPropertyTests.leaderCommitMatchesNaiveQuorum`), reporting instead of asserting so that a control test can
/// show the checks fail on a deliberately broken core.
private struct CommitScenario {
    struct Report {
        /// The first step at which a leader's commit index disagreed with the naive computation, described.
        var violation: String?
        /// Messages between correct nodes that were ignored as malformed, misaddressed or conflicting.
        var badOutcomes: [String] = []
        var appendedProposals = 0
        /// Distinct (node, term) leaderships seen.
        var leaderships = 0
        var converged = false
        /// Failed checks on the converged cluster.
        var finalProblems: [String] = []
    }

    static func run(voters: Int, seed: UInt64, bugs: Set<InjectedBug> = []) throws -> Report {
        var random = SplitMix64(seed: seed &* 0x9E37_79B9 &+ UInt64(voters))
        // Small append batches and windows (for most seeds) make followers acknowledge a few entries at a time, so
        // a new leader sees acknowledgements of old-term entries before any of its own term.
        let maxAppendBytes = [1, 100, 1 << 20][draw(0...2, &random)]
        let maxInflightAppends = [2, 8, 256][draw(0...2, &random)]
        var cluster = try CoreTestCluster(voters: voters, seed: seed) {
            $0.injectedBugs = bugs
            $0.maxAppendBytes = maxAppendBytes
            $0.maxInflightAppends = maxInflightAppends
        }
        let dropPercent = draw(0...24, &random)
        var commitAtElection: [String: LogIndex] = [:]
        var report = Report()
        // Nodes currently partitioned away: everything they send or are sent is lost. Partitions (often of the
        // leader) force elections while entries are still uncommitted, which is where commit rules matter.
        var cutOff: Set<NodeID> = []

        func deliverRandomMessage() {
            guard !cluster.network.isEmpty else { return }
            let picked = cluster.network[draw(0...(cluster.network.count - 1), &random)]
            // The oldest message on the same path goes first: per-path order is kept, as the Ready contract asks.
            let index = cluster.network.firstIndex { $0.from == picked.from && $0.to == picked.to }!
            let message = cluster.network.remove(at: index)
            if cutOff.contains(message.from) || cutOff.contains(message.to) { return }
            if draw(0...99, &random) < dropPercent { return }
            let outcome = cluster.deliver(message)
            switch outcome {
            case .ignored(.malformed(_)), .ignored(.wrongRecipient),
                .ignored(.invalidSender), .ignored(.unknownSender):
                report.badOutcomes.append("\(message) -> \(outcome)")
            default:
                break
            }
        }

        for step in 0..<4_000 {
            let node = cluster.ids[draw(0...(voters - 1), &random)]
            if draw(0...299, &random) == 0 {
                if !cutOff.isEmpty {
                    cutOff = []
                } else {
                    let leader = cluster.leaders.first
                    let victim = leader != nil && draw(0...1, &random) == 0 ? leader! : node
                    cutOff = [victim]
                }
            }
            switch draw(0...99, &random) {
            case 0..<10:
                if cluster.nodes[node]!.softState.role == .leader {
                    let payload = randomBytes(maxCount: 16, &random) + [UInt8(truncatingIfNeeded: step)]
                    if case .appended = cluster.nodes[node]!.propose(payload) { report.appendedProposals += 1 }
                }
            case 10..<35:
                cluster.nodes[node]!.tick()
            case 35..<55:
                cluster.processReady(node)
            default:
                deliverRandomMessage()
            }
            report.violation = checkLeaders(
                cluster, &commitAtElection, context: "seed \(seed), \(voters) voters, step \(step)")
            report.leaderships = commitAtElection.count
            if report.violation != nil { return report }
        }

        // Liveness: heal the network and require convergence within a bounded number of rounds.
        for _ in 0..<300 {
            for id in cluster.ids { cluster.nodes[id]!.tick() }
            cluster.stabilize()
            report.violation = checkLeaders(
                cluster, &commitAtElection, context: "seed \(seed), \(voters) voters, healing")
            report.leaderships = commitAtElection.count
            if report.violation != nil { return report }
            if isConverged(cluster) {
                report.converged = true
                break
            }
        }
        guard report.converged else { return report }

        let leader = cluster.leaders[0]
        let status = cluster.status(leader)
        let durable = naiveDurableCommit(cluster, leader: leader)
        if status.commit != durable {
            report.finalProblems.append("leader commit \(status.commit), durable on a majority \(durable)")
        }
        let reference = cluster.applied[leader] ?? []
        if reference.map(\.index.rawValue) != Array(1...status.commit.rawValue) {
            report.finalProblems.append("leader applied \(reference.map(\.index)), not 1...\(status.commit)")
        }
        if !reference.contains(where: { $0.kind == .normal && !$0.data.isEmpty }) {
            report.finalProblems.append("no proposal was committed")
        }
        for id in cluster.ids where cluster.applied[id] != reference {
            report.finalProblems.append("node \(id) applied a different sequence than leader \(leader)")
        }
        return report
    }

    /// Checks every self-declared leader against the naive commit rule; describes the first disagreement.
    private static func checkLeaders(
        _ cluster: CoreTestCluster, _ commitAtElection: inout [String: LogIndex], context: String
    ) -> String? {
        for id in cluster.ids where cluster.nodes[id]!.softState.role == .leader {
            let node = cluster.nodes[id]!
            let status = node.status
            let key = "\(id)@\(status.term)"
            // The first time a node is seen leading a term is right after the event that elected it; winning an
            // election never moves the commit index by itself, so this is its commit index at election.
            let base = commitAtElection[key] ?? status.commit
            commitAtElection[key] = base

            let voters = status.confState.voters
            let majority = voters.count / 2 + 1
            var naive = LogIndex.zero
            var index = status.lastIndex
            while index > .zero, node.term(at: index) == status.term {
                let holders = voters.filter { (status.progress[$0]?.match ?? .zero) >= index }.count
                if holders >= majority {
                    naive = index
                    break
                }
                index = index - 1
            }
            let expected = max(base, naive)
            let matches = voters.map { "\($0):\(status.progress[$0]?.match ?? .zero)" }.joined(separator: " ")
            guard status.commit == expected else {
                return "\(context): leader \(id) of term \(status.term) has commit \(status.commit), naive \(expected) "
                    + "(quorum \(naive), at election \(base)); matches \(matches), last \(status.lastIndex)"
            }
            // Ground truth: the committed entry is durable, with the leader's term for it, on a majority.
            guard status.commit > .zero, let committedTerm = node.term(at: status.commit) else { continue }
            let durable = voters.filter { (try? cluster.storages[$0]!.term(at: status.commit)) == committedTerm }.count
            guard durable >= majority else {
                return
                    "\(context): leader \(id) committed \(status.commit)@\(committedTerm), durable on only \(durable) "
                    + "of \(voters.count)"
            }
        }
        return nil
    }

    /// One leader in the highest term; every node has its log, commit index and applied index.
    private static func isConverged(_ cluster: CoreTestCluster) -> Bool {
        let leaders = cluster.leaders
        guard leaders.count == 1 else { return false }
        let status = cluster.status(leaders[0])
        guard status.commit == status.lastIndex else { return false }
        for id in cluster.ids {
            let other = cluster.status(id)
            guard other.term == status.term, other.leader == leaders[0], other.lastIndex == status.lastIndex,
                other.commit == status.commit, other.applied == status.commit
            else { return false }
        }
        return true
    }

    /// The naive commit index from storage alone: the largest index whose entry has the leader's current term and
    /// is durable, with that term, in a majority of the voters' storages.
    private static func naiveDurableCommit(_ cluster: CoreTestCluster, leader: NodeID) -> LogIndex {
        let status = cluster.status(leader)
        let voters = status.confState.voters
        var index = status.lastIndex
        while index > .zero, cluster.nodes[leader]!.term(at: index) == status.term {
            let durable = voters.filter { (try? cluster.storages[$0]!.term(at: index)) == status.term }.count
            if durable >= voters.count / 2 + 1 { return index }
            index = index - 1
        }
        return .zero
    }
}

// MARK: - Tests

@Suite("Quorum and model properties")
struct QuorumPropertyTests {
    static let clusterSeeds: [UInt64] = Array(1...16)
    static let modelSeeds: [UInt64] = Array(1...24)

    // MARK: Leader commit vs a naive quorum

    /// Goal: at every point of a randomized run the leader's commit index is exactly what the naive rule gives: the
    /// largest index whose entry has the leader's current term and that a majority of voters (the leader's own
    /// match included) has acknowledged; or, if there is none yet, the commit index the node had when it won. The
    /// committed entry must also really be durable, with the leader's term for it, in a majority of storages.
    ///
    /// Method: a cluster of 3 or 5 real nodes; a seeded random schedule of proposals, ticks (elections happen),
    /// Ready processing and message deliveries, each message dropped with a per-seed probability (0-24%), order
    /// kept per sender-receiver pair; now and then one node (often the leader) is partitioned away for a while;
    /// append batches and in-flight windows are small for most seeds. After every event, every node that believes
    /// it is leader is checked (see ``CommitScenario``). No correct node may ever see a message from another correct
    /// node as malformed. Finally the network heals and the cluster must converge (one leader, identical logs,
    /// everything committed and applied alike).
    @Test(arguments: [3, 5], clusterSeeds)
    func leaderCommitMatchesNaiveQuorum(voters: Int, seed: UInt64) throws {
        let report = try CommitScenario.run(voters: voters, seed: seed)
        #expect(report.violation == nil, "\(report.violation ?? "")")
        #expect(report.badOutcomes.isEmpty, "seed \(seed): correct messages ignored: \(report.badOutcomes.prefix(5))")
        #expect(report.appendedProposals > 0, "seed \(seed): no proposal was ever appended; the run proves nothing")
        #expect(report.converged, "seed \(seed): the healed cluster did not converge")
        #expect(report.finalProblems.isEmpty, "seed \(seed): \(report.finalProblems)")
    }

    /// Goal: the checker of the previous test can fail. Method: run the same schedules on a core told to commit
    /// old-term entries by counting replicas (`InjectedBug.commitOldTermEntries`, the Figure 8 mistake); at least
    /// one seed must show a violation. Also shows the schedules do produce leadership changes.
    @Test(arguments: [3, 5])
    func naiveQuorumCheckCatchesOldTermCommit(voters: Int) throws {
        var violations: [UInt64] = []
        var leaderships = 0
        for seed in Self.clusterSeeds {
            let report = try CommitScenario.run(voters: voters, seed: seed, bugs: [.commitOldTermEntries])
            leaderships += report.leaderships
            if report.violation != nil { violations.append(seed) }
        }
        #expect(leaderships > Self.clusterSeeds.count, "too few leadership changes to matter")
        #expect(!violations.isEmpty, "no seed exposed the injected old-term commit")
    }

    // MARK: ConfChange codec

    /// Goal: every membership change survives encoding and decoding, and decoding accepts exactly the version-1
    /// encodings. Method: per seed, 500 random changes (any 64-bit node id, node 0 included) must round-trip through
    /// 10 bytes; 500 random byte strings (biased toward almost-valid ones) must decode iff a naive classifier says
    /// so, re-encode to the same bytes when they do, and otherwise fail with the classifier's typed error.
    @Test(arguments: modelSeeds)
    func confChangeRoundTrip(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for round in 0..<500 {
            let id = draw(0...9, &random) == 0 ? NodeID.none : NodeID(random.next())
            let change: ConfChange
            switch draw(0...2, &random) {
            case 0: change = .addVoter(id)
            case 1: change = .addLearner(id)
            default: change = .removeNode(id)
            }
            let bytes = change.encoded()
            #expect(bytes.count == 10, "seed \(seed) round \(round): \(change)")
            do throws(ConfChangeDecodingError) {
                let decoded = try ConfChange(decoding: bytes)
                #expect(decoded == change, "seed \(seed) round \(round)")
                #expect(decoded.node == id, "seed \(seed) round \(round)")
            } catch {
                Issue.record("seed \(seed) round \(round): \(change) encoded as \(bytes) does not decode: \(error)")
            }

            var candidate: [UInt8]
            if draw(0...9, &random) < 7 {
                candidate = (0..<10).map { _ in UInt8.random(in: 0...255, using: &random) }
                if draw(0...9, &random) < 7 { candidate[0] = 1 }
                if draw(0...9, &random) < 7 { candidate[1] = UInt8(draw(0...4, &random)) }
            } else {
                candidate = randomBytes(maxCount: 20, &random)
            }
            let expected: ConfChangeDecodingError?
            if candidate.count != 10 {
                expected = .wrongLength(candidate.count)
            } else if candidate[0] != 1 {
                expected = .unknownVersion(candidate[0])
            } else if !(1...3).contains(candidate[1]) {
                expected = .unknownKind(candidate[1])
            } else {
                expected = nil
            }
            do throws(ConfChangeDecodingError) {
                let decoded = try ConfChange(decoding: candidate)
                #expect(expected == nil, "seed \(seed) round \(round): \(candidate) decoded as \(decoded)")
                #expect(decoded.encoded() == candidate, "seed \(seed) round \(round)")
                let id = candidate[2...].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                #expect(decoded.node == NodeID(id), "seed \(seed) round \(round)")
            } catch {
                #expect(error == expected, "seed \(seed) round \(round): \(candidate)")
            }
        }
    }

    // MARK: ConfState vs sets

    /// Goal: `ConfState` behaves exactly like two plain sets with the membership rules written out, and keeps its
    /// invariants (sorted, duplicate-free, disjoint). Method: per seed, a random initial membership (duplicates and
    /// overlaps included, to exercise the initializer) and 300 random changes over ids 0...7; after each, compare the
    /// outcome (new membership or typed `ConfChangeError`) and every query with the model.
    @Test(arguments: modelSeeds)
    func confStateMatchesSetModel(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let initialVoters = (0..<draw(0...4, &random)).map { _ in NodeID(UInt64(draw(1...6, &random))) }
        let initialLearners = (0..<draw(0...3, &random)).map { _ in NodeID(UInt64(draw(1...6, &random))) }
        var conf = ConfState(voters: initialVoters, learners: initialLearners)
        var model = NaiveMembership(
            voters: Set(initialVoters), learners: Set(initialLearners).subtracting(initialVoters))

        for round in 0..<300 {
            let context = "seed \(seed) round \(round)"
            #expect(conf.voters == model.voters.sorted(), "\(context)")
            #expect(conf.learners == model.learners.sorted(), "\(context)")
            #expect(conf.members == model.voters.sorted() + model.learners.sorted(), "\(context)")
            for raw in UInt64(0)...7 {
                let id = NodeID(raw)
                #expect(conf.isVoter(id) == model.voters.contains(id), "\(context) id \(id)")
                #expect(conf.isLearner(id) == model.learners.contains(id), "\(context) id \(id)")
                #expect(conf.contains(id) == (model.voters.contains(id) || model.learners.contains(id)), "\(context)")
            }

            let id = NodeID(UInt64(draw(0...7, &random)))
            let change: ConfChange
            switch draw(0...2, &random) {
            case 0: change = .addVoter(id)
            case 1: change = .addLearner(id)
            default: change = .removeNode(id)
            }
            let expected = model.applying(change)
            do throws(ConfChangeError) {
                let next = try conf.applying(change)
                switch expected {
                case .success(let nextModel):
                    model = nextModel
                    conf = next
                case .failure(let error):
                    Issue.record("\(context): \(change) on \(conf) accepted, model refuses with \(error)")
                    return
                }
            } catch {
                switch expected {
                case .success:
                    Issue.record("\(context): \(change) on \(conf) refused with \(error), model accepts")
                    return
                case .failure(let modelError):
                    #expect(error == modelError, "\(context): \(change) on \(conf)")
                }
            }
        }
    }

    // MARK: MemoryStorage vs an array

    /// Goal: `MemoryStorage` behaves like a plain array after a snapshot placeholder, for every operation the
    /// application and the core use. Method: per seed, 1,000 random operations (append with truncation, appends
    /// overlapping the snapshot, compact, createSnapshot, applySnapshot, setHardState, and reads: term lookups and
    /// `entries(in:maxBytes:)` with limits from 0 bytes up) applied to both; every answer, typed error included,
    /// must agree, and the whole visible log is compared after every operation. Reads are also checked against the
    /// contract directly: at least one entry for a non-empty range, a prefix of the range, within `maxBytes` unless
    /// only one entry, and stopped only where the next entry would exceed the limit. Coverage marks prove that every
    /// seed reached every branch (truncation, overlap with the snapshot, each typed error, a limited read, ...).
    @Test(arguments: modelSeeds)
    func memoryStorageMatchesArrayModel(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let storage = MemoryStorage()
        var model = NaiveLog()
        var nextTerm: UInt64 = 1
        // Coverage marks: the branches this seed reached, so the test proves it exercised each of them.
        var marks: Set<String> = []

        for round in 0..<1_000 {
            let context = "seed \(seed) round \(round)"
            let last = model.lastIndex
            switch draw(0...99, &random) {
            case 0..<40:
                // From just below the snapshot placeholder (covered entries are ignored) up to right after the end.
                let lowest = model.offset > 1 ? Int(model.offset) - 1 : 1
                let start = UInt64(draw(lowest...Int(last + 1), &random))
                let count = draw(1...4, &random)
                var entries: [Entry] = []
                for offset in 0..<count {
                    if draw(0...3, &random) == 0 { nextTerm += 1 }
                    entries.append(
                        Entry(
                            term: Term(nextTerm), index: LogIndex(start + UInt64(offset)),
                            data: randomBytes(maxCount: 30, &random)))
                }
                if start <= last && start > model.offset { marks.insert("append truncates") }
                if start <= model.offset { marks.insert("append overlaps snapshot") }
                storage.append(entries)
                model.append(entries)
            case 40..<45:
                let index = UInt64(draw(0...Int(last), &random))
                storage.compact(through: LogIndex(index))
                model.compact(through: index)
            case 45..<50:
                let index = UInt64(draw(0...Int(last), &random))
                let conf = ConfState(voters: [NodeID(UInt64(draw(1...5, &random)))])
                let data = randomBytes(maxCount: 8, &random)
                let actual = result { () throws(LogStorageError) in
                    try storage.createSnapshot(at: LogIndex(index), confState: conf, data: data)
                }
                let expected = model.createSnapshot(at: index, confState: conf, data: data)
                marks.insert(expected == nil ? "createSnapshot" : "createSnapshot compacted")
                #expect(actual.failureValue == expected, "\(context): createSnapshot(at: \(index))")
            case 50..<53:
                let index = UInt64(draw(0...Int(last + 5), &random))
                nextTerm += 1
                let snapshot = Snapshot(
                    metadata: SnapshotMetadata(
                        index: LogIndex(index), term: Term(nextTerm), confState: ConfState(voters: [1, 2, 3])),
                    data: [UInt8(truncatingIfNeeded: round)])
                let actual = result { () throws(LogStorageError) in try storage.applySnapshot(snapshot) }
                let expected = model.applySnapshot(snapshot)
                marks.insert(expected == nil ? "applySnapshot" : "applySnapshot compacted")
                #expect(actual.failureValue == expected, "\(context): applySnapshot(\(index))")
            case 53..<55:
                let state = HardState(
                    term: Term(UInt64(draw(0...9, &random))), vote: NodeID(UInt64(draw(0...3, &random))),
                    commit: LogIndex(UInt64(draw(0...Int(last), &random))))
                storage.setHardState(state)
                model.hardState = state
            case 55..<70:
                let index = UInt64(draw(0...Int(last + 2), &random))
                let actual = result { () throws(LogStorageError) in try storage.term(at: LogIndex(index)) }
                let expected = model.term(at: index)
                marks.insert("term \(expected.failureValue.map { "\($0)" } ?? "found")")
                #expect(actual == expected, "\(context): term(at: \(index))")
            default:
                // Mostly from the placeholder on (sometimes from 0, to reach the compacted answer).
                let lowest = draw(0...9, &random) == 0 ? 0 : Int(model.offset)
                let lo = UInt64(draw(lowest...Int(last + 1), &random))
                let hi = UInt64(draw(Int(lo)...Int(last + 2), &random))
                let maxBytes = draw(0...4, &random) == 0 ? 0 : draw(0...250, &random)
                let actual = result { () throws(LogStorageError) in
                    try storage.entries(in: LogIndex(lo)..<LogIndex(hi), maxBytes: maxBytes)
                }
                let expected = model.entries(lo, hi, maxBytes: maxBytes)
                marks.insert("entries \(expected.failureValue.map { "\($0)" } ?? "found")")
                #expect(actual == expected, "\(context): entries(\(lo)..<\(hi), maxBytes: \(maxBytes))")
                if case .success(let got) = actual, lo < hi {
                    let full = (try? model.entries(lo, hi, maxBytes: .max).get()) ?? []
                    #expect(!got.isEmpty, "\(context): no entry returned for a non-empty range")
                    #expect(Array(full.prefix(got.count)) == got, "\(context): not a prefix of the range")
                    let bytes = got.reduce(0) { $0 + $1.byteCount }
                    #expect(got.count == 1 || bytes <= maxBytes, "\(context): \(bytes) bytes over \(maxBytes)")
                    if got.count < full.count {
                        marks.insert(
                            got.count == 1 && got[0].byteCount > maxBytes ? "entries one oversized" : "entries limited")
                        #expect(bytes + full[got.count].byteCount > maxBytes, "\(context): stopped early")
                    }
                }
            }

            // The whole visible state, after every operation.
            #expect(storage.firstIndex() == LogIndex(model.firstIndex), "\(context): firstIndex")
            #expect(storage.lastIndex() == LogIndex(model.lastIndex), "\(context): lastIndex")
            #expect(storage.snapshot() == model.snapshot, "\(context): snapshot")
            #expect(storage.hardState == model.hardState, "\(context): hard state")
            let initial = storage.initialState()
            #expect(initial.hardState == model.hardState, "\(context): initialState")
            #expect(initial.confState == model.snapshot.metadata.confState, "\(context): initialState")
            var index = model.offset
            while index <= model.lastIndex + 1 {
                let actual = result { () throws(LogStorageError) in try storage.term(at: LogIndex(index)) }
                guard actual == model.term(at: index) else {
                    Issue.record("\(context): term(at: \(index)) is \(actual), model \(model.term(at: index))")
                    return
                }
                index += 1
            }
            if model.offset > 0 {
                let below = result { () throws(LogStorageError) in try storage.term(at: LogIndex(model.offset - 1)) }
                #expect(below == .failure(.compacted), "\(context): below the placeholder")
            }
        }
        let required: Set<String> = [
            "append truncates", "append overlaps snapshot", "createSnapshot", "createSnapshot compacted",
            "applySnapshot", "applySnapshot compacted", "term found", "term compacted", "term unavailable",
            "entries found", "entries compacted", "entries unavailable", "entries limited", "entries one oversized",
        ]
        #expect(marks == required, "seed \(seed): branches not reached: \(required.subtracting(marks).sorted())")
    }
}

extension Result {
    fileprivate var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
