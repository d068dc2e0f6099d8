/// How many operations of each kind a history holds, by outcome; what the checker had to work with. An operation
/// still outstanding when the history ended counts as unknown.
public struct HistoryCounts: Sendable, Hashable, CustomStringConvertible {
    /// All operations (invokes).
    public var operations = 0
    /// Posts that completed `ok`: messages the queue must keep until deleted or expired.
    public var postsAcknowledged = 0
    /// Posts with an unknown outcome: messages that may or may not exist.
    public var postsUnknown = 0
    /// Posts that definitely failed: messages that must never show up.
    public var postsFailed = 0
    /// Claims that completed `ok` (including empty ones).
    public var claimsAcknowledged = 0
    /// Claims with an unknown outcome.
    public var claimsUnknown = 0
    /// Messages handed out by `ok` claims, counting each claim of a message once.
    public var deliveries = 0
    /// Deletes that completed `ok`.
    public var deletesAcknowledged = 0
    /// Deletes with an unknown outcome.
    public var deletesUnknown = 0
    /// Messages in the final read of the workload queue; nil without one.
    public var finalQueueMessages: Int?
    /// Messages in the final read of the dead-letter queue; nil without one.
    public var finalDeadLetterMessages: Int?

    /// One line with every count.
    public var description: String {
        let finalRead =
            "final read: \(finalQueueMessages.map(String.init) ?? "none") in the queue, "
            + "\(finalDeadLetterMessages.map(String.init) ?? "none") in the dead-letter queue"
        return "\(operations) operations; posts: \(postsAcknowledged) ok, \(postsUnknown) unknown, "
            + "\(postsFailed) failed; claims: \(claimsAcknowledged) ok (\(deliveries) deliveries), "
            + "\(claimsUnknown) unknown; deletes: \(deletesAcknowledged) ok, \(deletesUnknown) unknown; \(finalRead)"
    }
}

extension HistoryCounts {
    /// The counts of the operations `index` holds.
    init(_ index: HistoryIndex) {
        operations = index.events.count { $0.type == .invoke }
        postsAcknowledged = index.posts.count { $0.record.outcome == .ok }
        postsUnknown = index.posts.count { $0.record.outcome == .unknown }
        postsFailed = index.posts.count { $0.record.outcome == .fail }
        claimsAcknowledged = index.claims.count { $0.record.outcome == .ok }
        claimsUnknown = index.claims.count { $0.record.outcome == .unknown }
        deliveries = index.claims.reduce(0) { $0 + $1.messages.count }
        let deletes = index.deletesByID.values.joined()
        deletesAcknowledged = deletes.count { $0.record.outcome == .ok }
        deletesUnknown = deletes.count { $0.record.outcome == .unknown }
        finalQueueMessages = index.finalQueueRead?.messages.count
        finalDeadLetterMessages = index.finalDeadLetterRead?.messages.count
    }
}
