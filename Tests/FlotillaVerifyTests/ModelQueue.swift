import FlotillaVerify

/// An in-memory workload queue with Flotilla's claim, delete and dead-letter rules (QueueEngine's
/// `CommandApplier.claim` and `delete`), optionally with one deliberate bug, so the checker can be run on histories
/// of a correct queue (it must pass) and of a broken one (it must not).
struct ModelQueue {
    /// A deliberate deviation from the rules.
    enum Bug: CaseIterable {
        /// Every fifth acknowledged post is not stored.
        case losesPosts
        /// Claims take claimed messages too.
        case ignoresLeases
        /// Claims hand out used-up messages instead of moving them.
        case neverDeadLetters
        /// Claims take the newest free messages first.
        case newestFirst
    }

    private struct Message {
        let id: String
        let body: String
        var expires: Double
        var claimID: String?
        var claimExpires = 0.0
        var claimCount = 0
    }

    let maxClaimCount: Int
    let bug: Bug?
    /// The workload queue, oldest first.
    private var queue: [Message] = []
    /// The dead-letter queue, in move order.
    private var deadLetters: [Message] = []
    private var posted = 0
    private var claimsMade = 0

    init(maxClaimCount: Int, bug: Bug?) {
        self.maxClaimCount = maxClaimCount
        self.bug = bug
    }

    /// Stores a message (unless the bug loses it) and returns its id.
    mutating func post(body: String, ttl: Int, now: Double) -> String {
        posted += 1
        let id = "m\(posted)"
        guard bug != .losesPosts || !posted.isMultiple(of: 5) else { return id }
        queue.append(Message(id: id, body: body, expires: now + Double(ttl)))
        return id
    }

    /// Hands out up to `limit` of the oldest free unexpired messages, moving used-up ones to the dead-letter queue.
    /// - Returns: The claim's id (nil when nothing was handed out) and the messages.
    mutating func claim(limit: Int, ttl: Int, grace: Int, now: Double) -> (String?, [DeliveredMessage]) {
        claimsMade += 1
        let claimID = "c\(claimsMade)"
        var window = queue.indices.filter {
            queue[$0].expires > now && (queue[$0].claimExpires <= now || bug == .ignoresLeases)
        }
        if bug == .newestFirst { window.reverse() }
        var handedOut: [DeliveredMessage] = []
        var moved: [Int] = []
        for index in window.prefix(limit) {
            if queue[index].claimCount >= maxClaimCount && bug != .neverDeadLetters {
                moved.append(index)
                continue
            }
            queue[index].claimCount += 1
            queue[index].claimID = claimID
            queue[index].claimExpires = now + Double(ttl)
            queue[index].expires = max(queue[index].expires, now + Double(ttl + grace))
            handedOut.append(DeliveredMessage(id: queue[index].id, body: queue[index].body))
        }
        for index in moved.sorted(by: >) {
            var message = queue.remove(at: index)
            message.claimID = nil
            message.claimExpires = 0
            deadLetters.append(message)
        }
        return (handedOut.isEmpty ? nil : claimID, handedOut)
    }

    /// Deletes message `id` under `claimID`: true when it is gone afterwards (also when it already was), false when
    /// it is not claimed, or claimed by another claim.
    mutating func delete(id: String, claimID: String, now: Double) -> Bool {
        guard let index = queue.firstIndex(where: { $0.id == id && $0.expires > now }) else { return true }
        guard queue[index].claimExpires > now, queue[index].claimID == claimID else { return false }
        queue.remove(at: index)
        return true
    }

    /// The unexpired messages of `name` (the workload queue, or any other name for the dead-letter queue).
    func list(_ name: String, workloadQueue: String, now: Double) -> [DeliveredMessage] {
        (name == workloadQueue ? queue : deadLetters).filter { $0.expires > now }
            .map { DeliveredMessage(id: $0.id, body: $0.body) }
    }
}
