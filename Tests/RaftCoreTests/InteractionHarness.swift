import RaftCore

// The data-driven interaction harness (etcd-io/raft `rafttest/interaction_env*.go`): it runs the commands of a
// `testdata/*.txt` scenario against real `RaftNode<MemoryStorage>` nodes and renders what the core did as text,
// which `InteractionTests` compares with the golden output under each `----`.
//
// The harness plays the application's part of the `Ready` contract itself, in the documented order: persist the
// snapshot, entries and hard state into the node's `MemoryStorage`, queue the messages, restore and apply, then
// `advance`. Messages wait in per-recipient inboxes until a `deliver-msgs` or `stabilize` hands them over, so a
// scenario controls every interleaving.
//
// Commands (node ids are positive integers; lists are written `(1,2,3)`):
//
//   add-nodes N [voters=(..)] [options]     N new nodes (ids continue after the highest existing one). Nodes in
//                                            `voters` (default: the N new ones) are founders with the bootstrap
//                                            log; the others start empty and join later. The options become the
//                                            defaults of later `add-node` commands.
//   add-node ID [options]                    a joining node with empty storage.
//     options: election=10 heartbeat=1 prevote=true checkquorum=true max-append-bytes=N max-inflight=N
//              max-inflight-bytes=N max-uncommitted-bytes=N bug=commit-old-term-entries|vote-twice-per-term
//   campaign ID | tick ID [n] | tick-all [n]
//   propose ID data | propose-conf-change ID add-voter=N|add-learner=N|remove=N
//   transfer-leader ID to=N | read-index ID rid=N
//   report-unreachable ID to=N | report-snapshot ID to=N [ok=false]
//   process-ready ID... | deliver-msgs ID... [from=N] [type=T] [drop=true] | stabilize [ID...]
//   crash ID | restart ID | partition (1) (2,3) | heal
//   raft-log ID | status ID | raft-state | compact ID index

/// A mistake in a scenario file (unknown command, missing argument, unknown node). The test fails on it; protocol
/// outcomes, by contrast, are printed as output.
struct InteractionError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}

// MARK: - Command parsing

/// One command line: a name, positional arguments and `key=value` options.
///
/// Guarantees: tokens are split on spaces, except inside parentheses, so `(1, 2)` is one token.
struct InteractionCommand {
    let name: String
    let arguments: [String]
    let options: [String: String]

    init(parsing line: String) throws(InteractionError) {
        var tokens: [String] = []
        var current = ""
        var depth = 0
        for character in line {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == " " && depth == 0 {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        guard depth == 0, let first = tokens.first else { throw InteractionError("cannot parse command '\(line)'") }
        var arguments: [String] = []
        var options: [String: String] = [:]
        for token in tokens.dropFirst() {
            if !token.hasPrefix("("), let equals = token.firstIndex(of: "=") {
                options[String(token[..<equals])] = String(token[token.index(after: equals)...])
            } else {
                arguments.append(token)
            }
        }
        name = first
        self.arguments = arguments
        self.options = options
    }

    /// Every positional argument as node ids (lists are flattened).
    func nodeIDs() throws(InteractionError) -> [NodeID] {
        var ids: [NodeID] = []
        for argument in arguments { ids += try Self.parseIDList(argument) }
        return ids
    }

    /// The single node id this command is about.
    func nodeID() throws(InteractionError) -> NodeID {
        guard let first = arguments.first else { throw InteractionError("\(name): needs a node id") }
        let ids = try Self.parseIDList(first)
        guard ids.count == 1 else { throw InteractionError("\(name): needs exactly one node id") }
        return ids[0]
    }

    func integer(_ key: String) throws(InteractionError) -> Int? {
        guard let text = options[key] else { return nil }
        guard let value = Int(text) else { throw InteractionError("\(name): \(key)=\(text) is not an integer") }
        return value
    }

    func boolean(_ key: String) throws(InteractionError) -> Bool? {
        guard let text = options[key] else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw InteractionError("\(name): \(key)=\(text) is not true or false")
        }
    }

    func node(_ key: String) throws(InteractionError) -> NodeID? {
        guard let text = options[key] else { return nil }
        let ids = try Self.parseIDList(text)
        guard ids.count == 1 else { throw InteractionError("\(name): \(key) needs one node id") }
        return ids[0]
    }

    func nodeList(_ key: String) throws(InteractionError) -> [NodeID]? {
        guard let text = options[key] else { return nil }
        return try Self.parseIDList(text)
    }

    /// `3` or `(1,2, 3)` or `()`.
    static func parseIDList(_ text: String) throws(InteractionError) -> [NodeID] {
        var body = Substring(text)
        if body.hasPrefix("(") && body.hasSuffix(")") { body = body.dropFirst().dropLast() }
        var ids: [NodeID] = []
        for part in body.split(separator: ",") {
            guard let value = UInt64(part.filter { $0 != " " }), value > 0 else {
                throw InteractionError("'\(text)' is not a node id list")
            }
            ids.append(NodeID(value))
        }
        return ids
    }
}

// MARK: - Node options

/// The `RaftConfig` settings a scenario can choose. Unset limits keep the core's defaults.
struct InteractionNodeOptions {
    var electionTicks = 10
    var heartbeatTicks = 1
    var preVote = true
    var checkQuorum = true
    var maxAppendBytes: Int?
    var maxInflightAppends: Int?
    var maxInflightBytes: Int?
    var maxUncommittedBytes: Int?
    var injectedBugs: Set<InjectedBug> = []

    /// These options with every option of `command` applied on top.
    func overridden(by command: InteractionCommand) throws(InteractionError) -> InteractionNodeOptions {
        var options = self
        if let value = try command.integer("election") { options.electionTicks = value }
        if let value = try command.integer("heartbeat") { options.heartbeatTicks = value }
        if let value = try command.boolean("prevote") { options.preVote = value }
        if let value = try command.boolean("checkquorum") { options.checkQuorum = value }
        if let value = try command.integer("max-append-bytes") { options.maxAppendBytes = value }
        if let value = try command.integer("max-inflight") { options.maxInflightAppends = value }
        if let value = try command.integer("max-inflight-bytes") { options.maxInflightBytes = value }
        if let value = try command.integer("max-uncommitted-bytes") { options.maxUncommittedBytes = value }
        if let bug = command.options["bug"] {
            switch bug {
            case "commit-old-term-entries": options.injectedBugs.insert(.commitOldTermEntries)
            case "vote-twice-per-term": options.injectedBugs.insert(.voteTwicePerTerm)
            default: throw InteractionError("unknown bug '\(bug)'")
            }
        }
        return options
    }

    func config(for id: NodeID) -> RaftConfig {
        var config = RaftConfig(id: id)
        config.electionTimeoutTicks = electionTicks
        config.heartbeatTimeoutTicks = heartbeatTicks
        config.preVote = preVote
        config.checkQuorum = checkQuorum
        if let maxAppendBytes { config.maxAppendBytes = maxAppendBytes }
        if let maxInflightAppends { config.maxInflightAppends = maxInflightAppends }
        if let maxInflightBytes { config.maxInflightBytes = maxInflightBytes }
        if let maxUncommittedBytes { config.maxUncommittedBytes = maxUncommittedBytes }
        config.injectedBugs = injectedBugs
        return config
    }

    var description: String {
        var parts = [
            "election=\(electionTicks)", "heartbeat=\(heartbeatTicks)", "prevote=\(preVote)",
            "checkquorum=\(checkQuorum)",
        ]
        if let maxAppendBytes { parts.append("max-append-bytes=\(maxAppendBytes)") }
        if let maxInflightAppends { parts.append("max-inflight=\(maxInflightAppends)") }
        if let maxInflightBytes { parts.append("max-inflight-bytes=\(maxInflightBytes)") }
        if let maxUncommittedBytes { parts.append("max-uncommitted-bytes=\(maxUncommittedBytes)") }
        if injectedBugs.contains(.commitOldTermEntries) { parts.append("bug=commit-old-term-entries") }
        if injectedBugs.contains(.voteTwicePerTerm) { parts.append("bug=vote-twice-per-term") }
        return parts.joined(separator: " ")
    }
}

// MARK: - State machine

/// The application state machine of a scenario: the data of every applied normal entry, plus the membership after
/// every applied change, so that `compact` can snapshot at any applied index with the membership of that index.
///
/// Guarantees: it applies each index at most once and in order; its snapshot data is the applied values joined by
/// commas, so a restored follower visibly holds the leader's state.
struct ScenarioStateMachine {
    private(set) var appliedIndex: LogIndex
    private var values: [(index: LogIndex, value: String)]
    private var memberships: [(index: LogIndex, conf: ConfState)]

    /// The state a snapshot describes (the empty snapshot gives the empty state).
    init(snapshot: Snapshot) {
        appliedIndex = snapshot.metadata.index
        let text = String(decoding: snapshot.data, as: UTF8.self)
        values = text.split(separator: ",").map { (snapshot.metadata.index, String($0)) }
        memberships = [(snapshot.metadata.index, snapshot.metadata.confState)]
    }

    /// Applies a committed entry. Returns false (and does nothing) if it was already applied.
    mutating func apply(_ entry: Entry) -> Bool {
        guard entry.index > appliedIndex else { return false }
        precondition(entry.index == appliedIndex + 1, "entry \(entry.index) applied after \(appliedIndex)")
        appliedIndex = entry.index
        switch entry.kind {
        case .normal:
            if !entry.data.isEmpty { values.append((entry.index, String(decoding: entry.data, as: UTF8.self))) }
        case .configChange:
            // The same rule as the core: an invalid change is skipped on every node alike.
            if let change = try? ConfChange(decoding: entry.data),
                let next = try? memberships.last!.conf.applying(change)
            {
                memberships.append((entry.index, next))
            }
        }
        return true
    }

    /// The applied values, in order.
    var contents: [String] { values.map(\.value) }

    /// The snapshot data for the state at `index` (at most `appliedIndex`).
    func snapshotData(through index: LogIndex) -> [UInt8] {
        Array(values.filter { $0.index <= index }.map(\.value).joined(separator: ",").utf8)
    }

    /// The membership in force once `index` is applied.
    func membership(at index: LogIndex) -> ConfState {
        memberships.last { $0.index <= index }!.conf
    }
}

// MARK: - Nodes

/// One node of the environment: the durable storage (it survives `crash`), the running core (nil while down), the
/// application state machine (lost on `crash`, rebuilt from the storage's snapshot on `restart`) and the inbox of
/// messages waiting for delivery.
final class InteractionNode {
    let id: NodeID
    let storage: MemoryStorage
    let options: InteractionNodeOptions
    var raft: RaftNode<MemoryStorage>?
    var stateMachine: ScenarioStateMachine
    var inbox: [Message] = []

    init(id: NodeID, storage: MemoryStorage, options: InteractionNodeOptions) throws(InteractionError) {
        self.id = id
        self.storage = storage
        self.options = options
        stateMachine = ScenarioStateMachine(snapshot: storage.snapshot())
        try start()
    }

    /// Starts the core from storage, with a generator seeded by the node id so every run draws the same timeouts.
    func start() throws(InteractionError) {
        do {
            raft = try RaftNode(
                config: options.config(for: id), storage: storage, random: SplitMix64(seed: id.rawValue))
        } catch {
            throw InteractionError("node \(id): \(error)")
        }
        stateMachine = ScenarioStateMachine(snapshot: storage.snapshot())
    }

    /// The role, term and leader, to report what a call changed.
    var summary: NodeSummary? {
        raft.map { NodeSummary(role: $0.softState.role, term: $0.hardState.term, leader: $0.softState.leader) }
    }
}

/// The part of a node's state whose changes the harness reports as transitions.
struct NodeSummary: Equatable {
    var role: Role
    var term: Term
    var leader: NodeID
}

// MARK: - Environment

/// Runs interaction commands against a set of in-memory Raft nodes and renders what happened as text.
///
/// Guarantees: the output is a function of the commands alone. Nodes are visited in ascending id order, each node's
/// random generator is `SplitMix64(seed: id)`, inboxes are FIFO per recipient, and no clock or global state is read.
/// Messages to a node that is down, unknown or on the other side of a partition are dropped when sent (and shown
/// as dropped), as a lossy network would.
final class InteractionEnvironment {
    private var nodes: [NodeID: InteractionNode] = [:]
    private var defaults = InteractionNodeOptions()
    /// Groups that can talk among themselves only; nodes not listed form one more group. Nil when healed.
    private var partition: [Set<NodeID>]?
    private var lines: [String] = []
    /// `stabilize` gives up after this many rounds, so a livelock fails the scenario instead of hanging it.
    private let maxStabilizeRounds = 200

    private var sortedIDs: [NodeID] { nodes.keys.sorted() }

    /// Runs one command line and returns its output ("ok" when it has nothing to say).
    func run(_ line: String) throws(InteractionError) -> String {
        let command = try InteractionCommand(parsing: line)
        lines = []
        try dispatch(command)
        return lines.isEmpty ? "ok" : lines.joined(separator: "\n")
    }

    private func emit(_ line: String) { lines.append(line) }

    private func dispatch(_ command: InteractionCommand) throws(InteractionError) {
        switch command.name {
        case "add-nodes": try addNodes(command)
        case "add-node": try addNode(command)
        case "campaign": try campaign(command)
        case "tick": try tick(command)
        case "tick-all": try tickAll(command)
        case "propose": try propose(command)
        case "propose-conf-change": try proposeConfChange(command)
        case "transfer-leader": try transferLeader(command)
        case "read-index": try readIndex(command)
        case "report-unreachable": try reportUnreachable(command)
        case "report-snapshot": try reportSnapshot(command)
        case "process-ready": try processReady(command)
        case "deliver-msgs": try deliverMessages(command)
        case "stabilize": try stabilize(command)
        case "crash": try crash(command)
        case "restart": try restart(command)
        case "partition": try partition(command)
        case "heal": heal()
        case "raft-log": try raftLog(command)
        case "status": try status(command)
        case "raft-state": raftState()
        case "compact": try compact(command)
        default: throw InteractionError("unknown command '\(command.name)'")
        }
    }

    private func node(_ id: NodeID) throws(InteractionError) -> InteractionNode {
        guard let node = nodes[id] else { throw InteractionError("no node \(id)") }
        return node
    }

    /// The node, which must be up.
    private func running(_ id: NodeID) throws(InteractionError) -> InteractionNode {
        let node = try node(id)
        guard node.raft != nil else { throw InteractionError("node \(id) is down") }
        return node
    }

    // MARK: Setup

    private func addNodes(_ command: InteractionCommand) throws(InteractionError) {
        guard let countText = command.arguments.first, let count = Int(countText), count > 0 else {
            throw InteractionError("add-nodes: needs a positive count")
        }
        let options = try defaults.overridden(by: command)
        defaults = options
        let firstID = (nodes.keys.max()?.rawValue ?? 0) + 1
        let newIDs = (0..<UInt64(count)).map { NodeID(firstID + $0) }
        let voters = try command.nodeList("voters") ?? newIDs
        emit("config: \(options.description)")
        for id in newIDs {
            let founder = voters.contains(id)
            let storage = founder ? MemoryStorage(bootstrapVoters: voters) : MemoryStorage()
            nodes[id] = try InteractionNode(id: id, storage: storage, options: options)
            if founder {
                let entries = storedEntries(storage)
                emit("\(id): founder, log \(Render.entries(entries)) commit=\(storage.hardState.commit)")
            } else {
                emit("\(id): joins later, empty log")
            }
        }
    }

    private func addNode(_ command: InteractionCommand) throws(InteractionError) {
        let id = try command.nodeID()
        guard nodes[id] == nil else { throw InteractionError("node \(id) exists") }
        let options = try defaults.overridden(by: command)
        nodes[id] = try InteractionNode(id: id, storage: MemoryStorage(), options: options)
        emit("\(id): joins, empty log (\(options.description))")
    }

    // MARK: Driving

    /// Runs `body` on a node's core and reports the role, term or leader change it caused.
    private func withTransition<R>(
        _ node: InteractionNode, prefix: String = "", _ body: (inout RaftNode<MemoryStorage>) -> R
    ) -> R {
        let (result, transition) = observingTransition(node, body)
        if let transition { emit(prefix + transition) }
        return result
    }

    /// Runs `body` on a node's core and returns the line describing the role, term or leader change, if any.
    private func observingTransition<R>(
        _ node: InteractionNode, _ body: (inout RaftNode<MemoryStorage>) -> R
    ) -> (R, String?) {
        let before = node.summary!
        let result = body(&node.raft!)
        return (result, Render.transition(node.id, from: before, to: node.summary!))
    }

    private func campaign(_ command: InteractionCommand) throws(InteractionError) {
        let node = try running(try command.nodeID())
        withTransition(node) { $0.campaign() }
        if lines.isEmpty, let now = node.summary {
            emit("no state change: \(node.id) is \(Render.role(now.role)) at term \(now.term)")
        }
    }

    private func tick(_ command: InteractionCommand) throws(InteractionError) {
        let node = try running(try command.nodeID())
        let count = command.arguments.count > 1 ? Int(command.arguments[1]) : 1
        guard let count, count > 0 else { throw InteractionError("tick: bad count") }
        for number in 1...count {
            withTransition(node, prefix: "tick \(number): ") { $0.tick() }
        }
        if lines.isEmpty { emit("no state change") }
    }

    private func tickAll(_ command: InteractionCommand) throws(InteractionError) {
        let count = command.arguments.first.map { Int($0) } ?? 1
        guard let count, count > 0 else { throw InteractionError("tick-all: bad count") }
        for number in 1...count {
            for id in sortedIDs where nodes[id]!.raft != nil {
                withTransition(nodes[id]!, prefix: "tick \(number): ") { $0.tick() }
            }
        }
        if lines.isEmpty { emit("no state change") }
    }

    private func propose(_ command: InteractionCommand) throws(InteractionError) {
        let node = try running(try command.nodeID())
        guard command.arguments.count == 2 else { throw InteractionError("propose: needs a node id and data") }
        let data = Array(command.arguments[1].utf8)
        let outcome = withTransition(node) { $0.propose(data) }
        emit(Render.proposal(outcome))
    }

    private func proposeConfChange(_ command: InteractionCommand) throws(InteractionError) {
        let node = try running(try command.nodeID())
        let change: ConfChange
        if let id = try command.node("add-voter") {
            change = .addVoter(id)
        } else if let id = try command.node("add-learner") {
            change = .addLearner(id)
        } else if let id = try command.node("remove") {
            change = .removeNode(id)
        } else {
            throw InteractionError("propose-conf-change: needs add-voter=, add-learner= or remove=")
        }
        let outcome = withTransition(node) { $0.proposeConfChange(change) }
        emit(Render.proposal(outcome))
    }

    private func transferLeader(_ command: InteractionCommand) throws(InteractionError) {
        let node = try running(try command.nodeID())
        guard let target = try command.node("to") else { throw InteractionError("transfer-leader: needs to=") }
        let outcome = withTransition(node) { $0.transferLeadership(to: target) }
        switch outcome {
        case .started: emit("transfer to \(target) started")
        case .forwarded(let leader): emit("forwarded to leader \(leader)")
        case .notLeader: emit("refused: no leader known")
        case .rejected: emit("rejected: \(target) is not a voter or is already the leader")
        }
    }

    private func readIndex(_ command: InteractionCommand) throws(InteractionError) {
        let node = try running(try command.nodeID())
        guard let rid = try command.integer("rid"), rid >= 0 else { throw InteractionError("read-index: needs rid=") }
        let outcome = withTransition(node) { $0.requestRead(ReadRequestID(UInt64(rid))) }
        switch outcome {
        case .pending: emit("read r\(rid) pending")
        case .notLeader(let hint): emit("read r\(rid) refused: not leader (hint \(Render.node(hint)))")
        case .dropped: emit("read r\(rid) dropped: too many pending reads")
        }
    }

    private func reportUnreachable(_ command: InteractionCommand) throws(InteractionError) {
        let node = try running(try command.nodeID())
        guard let peer = try command.node("to") else { throw InteractionError("report-unreachable: needs to=") }
        node.raft!.reportUnreachable(peer)
    }

    private func reportSnapshot(_ command: InteractionCommand) throws(InteractionError) {
        let node = try running(try command.nodeID())
        guard let peer = try command.node("to") else { throw InteractionError("report-snapshot: needs to=") }
        node.raft!.reportSnapshot(to: peer, succeeded: try command.boolean("ok") ?? true)
    }

    // MARK: Ready and messages

    private func processReady(_ command: InteractionCommand) throws(InteractionError) {
        let ids = try command.nodeIDs()
        guard !ids.isEmpty else { throw InteractionError("process-ready: needs node ids") }
        for id in ids { try processReady(try node(id)) }
    }

    /// Plays the application's part of one ``Ready``: persist, send, apply, advance, printing each step.
    private func processReady(_ node: InteractionNode) throws(InteractionError) {
        guard node.raft != nil else {
            emit("> \(node.id) is down")
            return
        }
        guard node.raft!.hasReady else {
            emit("> \(node.id) has no Ready")
            return
        }
        let before = node.summary!
        let ready = node.raft!.ready()
        emit("> \(node.id) handling Ready\(ready.mustSync ? " (must sync)" : "")")
        if let soft = ready.softState {
            emit("  soft-state: \(Render.role(soft.role)), leader \(Render.node(soft.leader))")
        }
        if let hard = ready.hardState {
            emit("  hard-state: term=\(hard.term) vote=\(Render.node(hard.vote)) commit=\(hard.commit)")
        }
        if let snapshot = ready.snapshot { emit("  snapshot: \(Render.snapshot(snapshot))") }
        if !ready.entries.isEmpty { emit("  entries: \(Render.entries(ready.entries))") }
        if !ready.committedEntries.isEmpty { emit("  committed: \(Render.entries(ready.committedEntries))") }
        if !ready.readStates.isEmpty {
            emit("  read-states: " + ready.readStates.map { "\($0.id)@\($0.index)" }.joined(separator: ", "))
        }
        // 1. Persist: snapshot, then entries, then hard state.
        if let snapshot = ready.snapshot {
            do {
                try node.storage.applySnapshot(snapshot)
            } catch {
                throw InteractionError("node \(node.id): the core handed out a stale snapshot: \(error)")
            }
        }
        node.storage.append(ready.entries)
        if let hard = ready.hardState { node.storage.setHardState(hard) }
        // 2. Send.
        if !ready.messages.isEmpty {
            emit("  messages:")
            for message in ready.messages {
                let dropReason = enqueue(message)
                emit("    " + Render.message(message) + (dropReason.map { " (dropped: \($0))" } ?? ""))
            }
        }
        // 3. Restore and apply.
        if let snapshot = ready.snapshot {
            node.stateMachine = ScenarioStateMachine(snapshot: snapshot)
            let position = "\(snapshot.metadata.term)/\(snapshot.metadata.index)"
            emit("  restored state machine from snapshot \(position): \(Render.values(node.stateMachine.contents))")
        }
        let skipped = ready.committedEntries.filter { !node.stateMachine.apply($0) }
        if !skipped.isEmpty { emit("  skipped (already applied): \(Render.entries(skipped))") }
        // 4. The read states were printed above; a scenario's reads have nothing more to serve.
        // 5. Advance (membership changes among the committed entries take effect here).
        node.raft!.advance(ready)
        if let line = Render.transition(node.id, from: before, to: node.summary!) { emit("  " + line) }
    }

    /// Queues a message for its recipient, or returns why it is dropped.
    private func enqueue(_ message: Message) -> String? {
        guard let recipient = nodes[message.to] else { return "\(message.to) does not exist" }
        guard recipient.raft != nil else { return "\(message.to) is down" }
        guard canReach(message.from, message.to) else { return "partitioned" }
        recipient.inbox.append(message)
        return nil
    }

    private func group(of id: NodeID) -> Int {
        partition?.firstIndex { $0.contains(id) } ?? -1
    }

    private func canReach(_ from: NodeID, _ to: NodeID) -> Bool {
        partition == nil || group(of: from) == group(of: to)
    }

    private func deliverMessages(_ command: InteractionCommand) throws(InteractionError) {
        let ids = try command.nodeIDs()
        guard !ids.isEmpty else { throw InteractionError("deliver-msgs: needs recipients") }
        let drop = try command.boolean("drop") ?? false
        let sender = try command.node("from")
        let type = command.options["type"]
        if let type, !Render.messageTypes.contains(type) {
            throw InteractionError("deliver-msgs: unknown type '\(type)'")
        }
        for id in ids {
            let node = try node(id)
            deliver(to: node, drop: drop) { message in
                (sender == nil || message.from == sender) && (type == nil || Render.type(of: message) == type)
            }
        }
        if lines.isEmpty { emit("no messages") }
    }

    /// Steps (or drops) the inbox messages of `node` that match, in arrival order; the others stay queued.
    private func deliver(to node: InteractionNode, drop: Bool, matching filter: (Message) -> Bool = { _ in true }) {
        let selected = node.inbox.filter(filter)
        guard !selected.isEmpty else { return }
        node.inbox.removeAll(where: filter)
        if drop {
            emit("> \(node.id) dropping messages")
            for message in selected { emit("  " + Render.message(message)) }
            return
        }
        emit("> \(node.id) receiving messages")
        for message in selected {
            let (outcome, transition) = observingTransition(node) { $0.step(message) }
            var printed = "  " + Render.message(message)
            if case .ignored(let reason) = outcome { printed += " (ignored: \(Render.reason(reason)))" }
            emit(printed)
            if let transition { emit("    " + transition) }
        }
    }

    private func stabilize(_ command: InteractionCommand) throws(InteractionError) {
        let requested = try command.nodeIDs()
        let ids = requested.isEmpty ? sortedIDs : requested.sorted()
        for id in ids { _ = try node(id) }
        for _ in 0..<maxStabilizeRounds {
            var progressed = false
            for id in ids where nodes[id]!.raft?.hasReady == true {
                try processReady(nodes[id]!)
                progressed = true
            }
            for id in ids where !nodes[id]!.inbox.isEmpty {
                deliver(to: nodes[id]!, drop: false)
                progressed = true
            }
            if !progressed { return }
        }
        throw InteractionError("stabilize: still busy after \(maxStabilizeRounds) rounds")
    }

    // MARK: Faults

    private func crash(_ command: InteractionCommand) throws(InteractionError) {
        let node = try running(try command.nodeID())
        node.raft = nil
        let lost = node.inbox.count
        node.inbox = []
        let hard = node.storage.hardState
        let durable = "term=\(hard.term) vote=\(Render.node(hard.vote)) commit=\(hard.commit)"
        emit("\(node.id) crashed; durable: \(durable) last index=\(node.storage.lastIndex())")
        if lost > 0 { emit("\(lost) undelivered message(s) to \(node.id) lost") }
    }

    private func restart(_ command: InteractionCommand) throws(InteractionError) {
        let node = try node(try command.nodeID())
        guard node.raft == nil else { throw InteractionError("node \(node.id) is up") }
        try node.start()
        let status = node.raft!.status
        let log = "commit=\(status.commit) applied=\(status.applied) last index=\(status.lastIndex)"
        emit("\(node.id) restarted: \(Render.role(status.role)) term=\(status.term) \(log)")
    }

    private func partition(_ command: InteractionCommand) throws(InteractionError) {
        var groups: [Set<NodeID>] = []
        for argument in command.arguments {
            groups.append(Set(try InteractionCommand.parseIDList(argument)))
        }
        guard !groups.isEmpty else { throw InteractionError("partition: needs groups") }
        partition = groups
        let rest = sortedIDs.filter { group(of: $0) == -1 }
        var described = groups.map { Render.idList($0.sorted()) }
        if !rest.isEmpty { described.append(Render.idList(rest)) }
        emit("partitioned: " + described.joined(separator: " | "))
        // Messages already queued across the cut are lost too.
        for id in sortedIDs {
            let node = nodes[id]!
            for message in node.inbox where !canReach(message.from, message.to) {
                emit("dropped in flight: " + Render.message(message))
            }
            node.inbox.removeAll { !canReach($0.from, $0.to) }
        }
    }

    private func heal() {
        partition = nil
        emit("healed")
    }

    // MARK: Inspection

    private func storedEntries(_ storage: MemoryStorage) -> [Entry] {
        let first = storage.firstIndex()
        let last = storage.lastIndex()
        guard first <= last else { return [] }
        return (try? storage.entries(in: first..<last + 1, maxBytes: Int.max)) ?? []
    }

    private func raftLog(_ command: InteractionCommand) throws(InteractionError) {
        let node = try node(try command.nodeID())
        let snapshot = node.storage.snapshot()
        if !snapshot.isEmpty { emit("snapshot \(Render.snapshot(snapshot))") }
        let entries = storedEntries(node.storage)
        if entries.isEmpty { emit("no entries after index \(node.storage.firstIndex() - 1)") }
        for entry in entries { emit(Render.entry(entry)) }
    }

    private func status(_ command: InteractionCommand) throws(InteractionError) {
        let node = try node(try command.nodeID())
        guard let raft = node.raft else {
            emit("\(node.id) is down")
            return
        }
        let status = raft.status
        let vote = "vote=\(Render.node(status.hardState.vote)) leader=\(Render.node(status.leader))"
        emit("\(status.id): \(Render.role(status.role)) term=\(status.term) \(vote)")
        emit(
            "log: first=\(status.firstIndex) last=\(status.lastIndex) commit=\(status.commit) applied=\(status.applied)"
        )
        emit("membership: \(status.confState)")
        if status.leadTransferee != .none { emit("transferring leadership to \(status.leadTransferee)") }
        for member in status.progress.keys.sorted() {
            let progress = status.progress[member]!
            emit("progress \(member): match=\(progress.match) next=\(progress.next) \(progress.state)")
        }
        let values = node.stateMachine.contents
        emit("state machine: applied=\(node.stateMachine.appliedIndex) \(Render.values(values))")
    }

    private func raftState() {
        for id in sortedIDs {
            guard let raft = nodes[id]!.raft else {
                emit("\(id): down")
                continue
            }
            let status = raft.status
            let role = "\(Render.role(status.role)) term=\(status.term) leader=\(Render.node(status.leader))"
            emit("\(id): \(role) commit=\(status.commit) last=\(status.lastIndex)")
        }
    }

    private func compact(_ command: InteractionCommand) throws(InteractionError) {
        let node = try node(try command.nodeID())
        guard command.arguments.count == 2, let raw = UInt64(command.arguments[1]) else {
            throw InteractionError("compact: needs a node id and an index")
        }
        let index = LogIndex(raw)
        guard index <= node.stateMachine.appliedIndex else {
            throw InteractionError(
                "compact: \(index) is not applied on \(node.id) (applied \(node.stateMachine.appliedIndex))")
        }
        let conf = node.stateMachine.membership(at: index)
        do {
            try node.storage.createSnapshot(
                at: index, confState: conf, data: node.stateMachine.snapshotData(through: index))
        } catch {
            throw InteractionError("compact: \(error)")
        }
        let snapshot = Render.snapshot(node.storage.snapshot())
        emit("\(node.id): snapshot \(snapshot); log now starts at \(node.storage.firstIndex())")
    }
}

// MARK: - Rendering

/// How the harness prints the core's values. Entries show their data as text, so scenarios read like the
/// proposals that created them.
enum Render {
    static func node(_ id: NodeID) -> String { id == .none ? "none" : id.description }

    static func idList(_ ids: [NodeID]) -> String { "(" + ids.map(\.description).joined(separator: ",") + ")" }

    static func role(_ role: Role) -> String {
        switch role {
        case .follower: return "follower"
        case .preCandidate: return "pre-candidate"
        case .candidate: return "candidate"
        case .leader: return "leader"
        }
    }

    static func entry(_ entry: Entry) -> String {
        switch entry.kind {
        case .normal:
            if entry.data.isEmpty { return "\(entry.term)/\(entry.index) noop" }
            let printable = entry.data.allSatisfy { $0 > 0x20 && $0 < 0x7F }
            return "\(entry.term)/\(entry.index) "
                + (printable ? String(decoding: entry.data, as: UTF8.self) : "\(entry.data.count)B")
        case .configChange:
            return entry.description
        }
    }

    static func entries(_ entries: [Entry]) -> String { "[" + entries.map(entry).joined(separator: ", ") + "]" }

    static func values(_ values: [String]) -> String { "[" + values.joined(separator: " ") + "]" }

    static func snapshot(_ snapshot: Snapshot) -> String {
        let data = String(decoding: snapshot.data, as: UTF8.self)
        return "\(snapshot.metadata.term)/\(snapshot.metadata.index) \(snapshot.metadata.confState) data=\"\(data)\""
    }

    static func message(_ message: Message) -> String {
        guard case .append(let request) = message.payload else { return message.description }
        return "\(message.from)->\(message.to) t\(message.term) append prev=\(request.prevTerm)/\(request.prevIndex) "
            + "commit=\(request.commit) \(entries(request.entries))"
    }

    /// The names `deliver-msgs type=` accepts.
    static let messageTypes: Set<String> = [
        "append", "append-resp", "vote", "vote-resp", "prevote", "prevote-resp", "heartbeat", "heartbeat-resp",
        "snapshot", "timeout-now", "read-index", "read-index-resp", "transfer-leadership",
    ]

    static func type(of message: Message) -> String {
        switch message.payload {
        case .append: return "append"
        case .appendResponse: return "append-resp"
        case .vote(let request): return request.isPreVote ? "prevote" : "vote"
        case .voteResponse(let response): return response.isPreVote ? "prevote-resp" : "vote-resp"
        case .heartbeat: return "heartbeat"
        case .heartbeatResponse: return "heartbeat-resp"
        case .snapshot: return "snapshot"
        case .timeoutNow: return "timeout-now"
        case .readIndex: return "read-index"
        case .readIndexResponse: return "read-index-resp"
        case .transferLeadership: return "transfer-leadership"
        }
    }

    static func transition(_ id: NodeID, from before: NodeSummary, to after: NodeSummary) -> String? {
        guard before != after else { return nil }
        let of = after.role == .follower && after.leader != .none ? " of \(after.leader)" : ""
        return "\(id) is now \(role(after.role))\(of) at term \(after.term)"
    }

    static func proposal(_ outcome: ProposalOutcome) -> String {
        switch outcome {
        case .appended(let term, let indexes):
            let range =
                indexes.lowerBound == indexes.upperBound
                ? "\(indexes.lowerBound)" : "\(indexes.lowerBound)...\(indexes.upperBound)"
            return "appended at term \(term), index \(range)"
        case .notLeader(let hint):
            return "refused: not leader (hint \(node(hint)))"
        case .dropped(let reason):
            return "dropped: " + dropReason(reason)
        }
    }

    static func dropReason(_ reason: ProposalDropReason) -> String {
        switch reason {
        case .leadershipTransferInProgress: return "leadership transfer in progress"
        case .configChangePending: return "a membership change (or the leader's first entry) is not yet applied"
        case .invalidConfChange(let error): return "invalid membership change: \(confChangeError(error))"
        case .tooManyUncommittedBytes: return "too many uncommitted bytes"
        case .leaderRemoved: return "the leader was removed"
        case .emptyBatch: return "empty batch"
        }
    }

    static func confChangeError(_ error: ConfChangeError) -> String {
        switch error {
        case .invalidNode: return "invalid node"
        case .alreadyVoter(let id): return "\(id) is already a voter"
        case .alreadyLearner(let id): return "\(id) is already a learner"
        case .demotionNotSupported(let id): return "\(id) is a voter; demotion is not supported"
        case .notMember(let id): return "\(id) is not a member"
        case .wouldRemoveLastVoter(let id): return "\(id) is the last voter"
        }
    }

    static func reason(_ reason: IgnoreReason) -> String {
        switch reason {
        case .wrongRecipient: return "wrong recipient"
        case .invalidSender: return "invalid sender"
        case .unknownSender: return "sender not in the membership"
        case .staleTerm: return "stale term"
        case .leaderLease: return "leader lease"
        case .unexpected: return "unexpected"
        case .malformed(let detail): return "malformed: \(detail)"
        }
    }
}
