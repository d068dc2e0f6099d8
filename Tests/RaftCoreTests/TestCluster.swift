// Shared helpers for the hand-written RaftCore tests (BadInputTests, PaperConformanceTests, QuorumPropertyTests).
//
// Everything here drives the core only through its public API, exactly as an application would: take a `Ready`,
// persist it into a `MemoryStorage` (snapshot, then entries, then hard state), hand its messages to a network,
// record its committed entries as applied, then `advance`. The names carry a `Core` prefix so they cannot
// collide with the data-driven interaction harness that lives in the same test target.
import RaftCore

/// Small constructors and the persistence step of the `Ready` contract.
enum CoreFixtures {
    /// Writes what a `Ready` asks to `storage`, in contract order: snapshot, then entries, then hard state.
    static func persist(_ ready: Ready, into storage: MemoryStorage) {
        if let snapshot = ready.snapshot {
            do {
                try storage.applySnapshot(snapshot)
            } catch {
                preconditionFailure("the core handed out a snapshot older than storage's: \(error)")
            }
        }
        storage.append(ready.entries)
        if let hardState = ready.hardState {
            storage.setHardState(hardState)
        }
    }

    /// Entries given as (index, term) pairs; the payload is empty unless `data` is given.
    static func entries(_ pairs: [(index: UInt64, term: UInt64)], data: [UInt8] = []) -> [Entry] {
        pairs.map { Entry(term: Term($0.term), index: LogIndex($0.index), data: data) }
    }

    /// The node ids `1...count`.
    static func ids(_ count: Int) -> [NodeID] {
        (1...count).map { NodeID(UInt64($0)) }
    }
}

/// Builders for the messages the tests inject. Arguments are in the order "from, to, term".
enum CoreMsg {
    static func append(
        _ from: NodeID, _ to: NodeID, term: Term, prevIndex: LogIndex, prevTerm: Term, entries: [Entry] = [],
        commit: LogIndex
    ) -> Message {
        Message(
            from: from, to: to, term: term,
            payload: .append(AppendRequest(prevIndex: prevIndex, prevTerm: prevTerm, entries: entries, commit: commit)))
    }

    static func appendResponse(
        _ from: NodeID, _ to: NodeID, term: Term, index: LogIndex, reject: Bool = false, hint: LogIndex = .zero,
        hintTerm: Term = .zero
    ) -> Message {
        Message(
            from: from, to: to, term: term,
            payload: .appendResponse(
                AppendResponse(index: index, reject: reject, rejectHint: hint, rejectHintTerm: hintTerm)))
    }

    static func heartbeat(_ from: NodeID, _ to: NodeID, term: Term, commit: LogIndex, round: UInt64 = 0) -> Message {
        Message(from: from, to: to, term: term, payload: .heartbeat(Heartbeat(commit: commit, readRound: round)))
    }

    static func vote(
        _ from: NodeID, _ to: NodeID, term: Term, lastIndex: LogIndex, lastTerm: Term, preVote: Bool = false
    ) -> Message {
        Message(
            from: from, to: to, term: term,
            payload: .vote(VoteRequest(isPreVote: preVote, lastIndex: lastIndex, lastTerm: lastTerm)))
    }

    static func voteResponse(_ from: NodeID, _ to: NodeID, term: Term, granted: Bool, preVote: Bool = false) -> Message
    {
        Message(
            from: from, to: to, term: term, payload: .voteResponse(VoteResponse(isPreVote: preVote, granted: granted)))
    }

    static func snapshot(
        _ from: NodeID, _ to: NodeID, term: Term, index: LogIndex, snapshotTerm: Term, voters: [NodeID]
    ) -> Message {
        let metadata = SnapshotMetadata(index: index, term: snapshotTerm, confState: ConfState(voters: voters))
        return Message(from: from, to: to, term: term, payload: .snapshot(Snapshot(metadata: metadata, data: [7])))
    }
}

/// Everything observable about one node and its storage, to prove that a step changed nothing.
struct CoreFingerprint: Equatable, CustomStringConvertible {
    var status: RaftStatus
    var hasReady: Bool
    /// The term of every index from `firstIndex - 1` through `lastIndex`, as the node sees its log.
    var logTerms: [Term?]
    var storedHardState: HardState
    var storedFirstIndex: LogIndex
    var storedLastIndex: LogIndex
    var storedSnapshot: Snapshot

    init(_ node: RaftNode<MemoryStorage>, _ storage: MemoryStorage) {
        status = node.status
        hasReady = node.hasReady
        var terms: [Term?] = []
        var index = node.firstIndex - 1
        while index <= node.lastIndex {
            terms.append(node.term(at: index))
            index = index + 1
        }
        logTerms = terms
        storedHardState = storage.hardState
        storedFirstIndex = storage.firstIndex()
        storedLastIndex = storage.lastIndex()
        storedSnapshot = storage.snapshot()
    }

    var description: String {
        "status=\(status) hasReady=\(hasReady) log=\(logTerms.map { $0.map(\.description) ?? "-" }) "
            + "stored=\(storedHardState) \(storedFirstIndex)...\(storedLastIndex)"
    }
}

/// One node with its own storage, stepped by hand.
struct CoreSoloNode {
    var node: RaftNode<MemoryStorage>
    let storage: MemoryStorage
    /// Committed entries handed out so far, in order.
    private(set) var applied: [Entry] = []

    /// A node over `storage`, with its first `Ready` (the bootstrap membership) already processed.
    init(
        id: NodeID, storage: MemoryStorage, seed: UInt64 = 1, configure: (inout RaftConfig) -> Void = { _ in }
    ) throws(RaftConfigError) {
        var config = RaftConfig(id: id)
        configure(&config)
        self.storage = storage
        node = try RaftNode(config: config, storage: storage, random: SplitMix64(seed: seed))
        while drain() != nil {}
    }

    /// A founding member of a cluster of `voters`, bootstrapped and with its membership applied.
    init(
        id: NodeID, voters: [NodeID], seed: UInt64 = 1, configure: (inout RaftConfig) -> Void = { _ in }
    ) throws(RaftConfigError) {
        try self.init(id: id, storage: MemoryStorage(bootstrapVoters: voters), seed: seed, configure: configure)
    }

    @discardableResult
    mutating func step(_ message: Message) -> StepOutcome { node.step(message) }

    /// Takes the pending `Ready` (if any), persists it, records its committed entries and advances.
    @discardableResult
    mutating func drain() -> Ready? {
        guard node.hasReady else { return nil }
        let ready = node.ready()
        CoreFixtures.persist(ready, into: storage)
        applied.append(contentsOf: ready.committedEntries)
        node.advance(ready)
        return ready
    }

    var fingerprint: CoreFingerprint { CoreFingerprint(node, storage) }
    var status: RaftStatus { node.status }

    /// How many ticks from now this node would start campaigning, measured on a copy (the node is a value and its
    /// random generator is copied with it, so the real node later draws the same timeout). Nil if it never does
    /// within `limit` ticks.
    func ticksUntilCampaign(limit: Int = 1_000) -> Int? {
        var copy = node
        for tick in 1...limit {
            copy.tick()
            if copy.softState.role != .follower { return tick }
        }
        return nil
    }
}

/// A tiny in-process cluster: every node runs the real `RaftNode` over its own `MemoryStorage`; messages wait in
/// `network` until a test delivers (or drops) them. Processing a node's `Ready` is atomic (persist, send, apply,
/// advance): these tests look at protocol decisions, not at torn writes, which the simulator covers.
struct CoreTestCluster {
    let ids: [NodeID]
    var nodes: [NodeID: RaftNode<MemoryStorage>] = [:]
    let storages: [NodeID: MemoryStorage]
    /// Messages sent and not yet delivered, in send order.
    var network: [Message] = []
    /// Committed entries each node handed to its state machine, in order.
    var applied: [NodeID: [Entry]] = [:]
    /// Nodes whose inbound and outbound messages `stabilize` drops.
    var isolated: Set<NodeID> = []

    /// A new cluster of `count` founding voters (ids `1...count`) with their bootstrap entries applied.
    init(voters count: Int, seed: UInt64 = 1, configure: (inout RaftConfig) -> Void = { _ in }) throws(RaftConfigError)
    {
        ids = CoreFixtures.ids(count)
        var storages: [NodeID: MemoryStorage] = [:]
        for id in ids {
            let storage = MemoryStorage(bootstrapVoters: ids)
            storages[id] = storage
            var config = RaftConfig(id: id)
            configure(&config)
            // A distinct stream per node, all derived from the one seed.
            nodes[id] = try RaftNode(
                config: config, storage: storage, random: SplitMix64(seed: seed &* 1_000 &+ id.rawValue))
        }
        self.storages = storages
        for id in ids { processReady(id) }
    }

    func status(_ id: NodeID) -> RaftStatus { nodes[id]!.status }

    /// The nodes that currently believe they are leader, highest term first.
    var leaders: [NodeID] {
        ids.filter { nodes[$0]!.softState.role == .leader }.sorted { status($0).term > status($1).term }
    }

    /// Processes `id`'s pending `Ready`, if any: persist, queue messages, record applied entries, advance.
    @discardableResult
    mutating func processReady(_ id: NodeID) -> Ready? {
        guard nodes[id]!.hasReady else { return nil }
        let ready = nodes[id]!.ready()
        CoreFixtures.persist(ready, into: storages[id]!)
        network.append(contentsOf: ready.messages)
        applied[id, default: []].append(contentsOf: ready.committedEntries)
        nodes[id]!.advance(ready)
        return ready
    }

    /// Steps one message into its recipient.
    @discardableResult
    mutating func deliver(_ message: Message) -> StepOutcome {
        precondition(nodes[message.to] != nil, "message to unknown node \(message.to)")
        return nodes[message.to]!.step(message)
    }

    /// Removes and returns the queued messages matching `filter`, keeping the rest queued.
    mutating func take(where filter: (Message) -> Bool) -> [Message] {
        let taken = network.filter(filter)
        network.removeAll(where: filter)
        return taken
    }

    /// Processes every `Ready` and delivers every message (dropping those to or from an isolated node, or matched by
    /// `drop`) until nothing is left to do. No ticks happen, so this always terminates for a correct core.
    mutating func stabilize(drop: (Message) -> Bool = { _ in false }) {
        for _ in 0..<10_000 {
            var progressed = false
            for id in ids where processReady(id) != nil { progressed = true }
            if !network.isEmpty {
                progressed = true
                let batch = network
                network = []
                for message in batch {
                    if isolated.contains(message.from) || isolated.contains(message.to) || drop(message) { continue }
                    deliver(message)
                }
            }
            if !progressed { return }
        }
        preconditionFailure("cluster did not stabilize")
    }

    /// Has `id` campaign and stabilizes; the caller checks that it won.
    mutating func elect(_ id: NodeID) {
        nodes[id]!.campaign()
        stabilize()
    }

    /// Ticks `id` once and processes its `Ready` (messages stay queued).
    mutating func tick(_ id: NodeID) {
        nodes[id]!.tick()
        processReady(id)
    }
}
