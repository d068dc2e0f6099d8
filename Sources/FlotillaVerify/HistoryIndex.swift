/// A post operation with its request (and its id when `ok`).
struct PostRecord {
    let record: OperationRecord
    let body: String
    let ttl: Int
    /// The server's id for the message; set only when the post completed `ok`.
    let id: String?
}

/// A claim operation; `messages` are what it handed out, empty unless it completed `ok`.
struct ClaimRecord {
    let record: OperationRecord
    let ttl: Int
    let messages: [DeliveredMessage]
}

/// A delete operation of message `id` under claim `claimID`.
struct DeleteRecord {
    let record: OperationRecord
    let id: String
    let claimID: String
}

/// A read that completed `ok`, with what it listed.
struct ReadRecord {
    let record: OperationRecord
    let queue: String
    let messages: [DeliveredMessage]
}

/// The lookups the checks share, built once from a validated history. Lists keep history order (invoke order for
/// operations), so every check reports in a deterministic order.
struct HistoryIndex {
    let events: [Event]
    let setup: WorkloadSetup
    let posts: [PostRecord]
    /// Position in `posts` of the post of each body (bodies are unique, ``History/validate()`` checks it).
    let postByBody: [String: Int]
    let claims: [ClaimRecord]
    /// Positions in `claims` of the `ok` claims that handed out each body, in invoke order.
    let okClaimsByBody: [String: [Int]]
    /// Positions in `claims` of the `ok` claims that handed out each message id, in invoke order.
    let okClaimsByID: [String: [Int]]
    let deletesByID: [String: [DeleteRecord]]
    /// `ok` claims and `ok` reads with what they returned, in completion order.
    let deliveries: [(record: OperationRecord, messages: [DeliveredMessage])]
    /// The last `ok` read of the workload queue, if any.
    let finalQueueRead: ReadRecord?
    /// The last `ok` read of the dead-letter queue, if any.
    let finalDeadLetterRead: ReadRecord?
    /// Invoke times of the claims whose outcome is unknown, ascending.
    let unknownClaimInvokeTimes: [Double]

    init(_ history: History) {
        events = history.events
        setup = history.setup
        var posts: [PostRecord] = []
        var claims: [ClaimRecord] = []
        var deletesByID: [String: [DeleteRecord]] = [:]
        var reads: [ReadRecord] = []
        for record in OperationRecord.pairing(history.events) {
            switch record.operation {
            case .post(let body, _, _, let ttl, let id):
                posts.append(PostRecord(record: record, body: body, ttl: ttl, id: id))
            case .claim(_, let ttl, _, _, let messages):
                claims.append(ClaimRecord(record: record, ttl: ttl, messages: messages))
            case .delete(let id, let claimID):
                deletesByID[id, default: []].append(DeleteRecord(record: record, id: id, claimID: claimID))
            case .read(let queue, let messages) where record.outcome == .ok:
                reads.append(ReadRecord(record: record, queue: queue, messages: messages))
            case .read:
                break
            }
        }
        var okClaimsByBody: [String: [Int]] = [:]
        var okClaimsByID: [String: [Int]] = [:]
        for (position, claim) in claims.enumerated() {
            for message in claim.messages {
                okClaimsByBody[message.body, default: []].append(position)
                okClaimsByID[message.id, default: []].append(position)
            }
        }
        let completedReads = reads.sorted { $0.record.lastEventIndex < $1.record.lastEventIndex }
        self.posts = posts
        postByBody = Dictionary(uniqueKeysWithValues: posts.enumerated().map { ($1.body, $0) })
        self.claims = claims
        self.okClaimsByBody = okClaimsByBody
        self.okClaimsByID = okClaimsByID
        self.deletesByID = deletesByID
        deliveries =
            (claims.filter { $0.record.outcome == .ok }.map { ($0.record, $0.messages) }
            + reads.map { ($0.record, $0.messages) })
            .sorted { $0.record.lastEventIndex < $1.record.lastEventIndex }
        finalQueueRead = completedReads.last { $0.queue == history.setup.queue }
        finalDeadLetterRead = completedReads.last { $0.queue == history.setup.deadLetterQueue }
        unknownClaimInvokeTimes = claims.filter { $0.record.outcome == .unknown }.map(\.record.invokeTime).sorted()
    }

    /// How many claims with an unknown outcome were invoked before `time`: each may have handed out (and counted a
    /// claim of) any message, or moved it to the dead-letter queue, without the history showing it.
    func unknownClaims(invokedBefore time: Double) -> Int {
        unknownClaimInvokeTimes.prefix { $0 < time }.count
    }

    /// The events at `indices`, each once, in history order.
    func excerpt(_ indices: [Int]) -> [Event] {
        Set(indices).sorted().map { events[$0] }
    }
}
