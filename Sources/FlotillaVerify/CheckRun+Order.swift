extension CheckRun {
    /// ``Violation/Kind/outOfOrder`` (at most one per claim or read) and ``Violation/Kind/olderMessageSkipped``.
    func orderViolations(passedOver: [PassedOver]) -> [Violation] {
        let results =
            index.claims.filter { $0.record.outcome == .ok }.map { ($0.record, $0.messages, "claim") }
            + (index.finalQueueRead.map { [($0.record, $0.messages, "final read of the queue")] } ?? [])
        var violations = results.compactMap { outOfOrder(record: $0, messages: $1, source: $2) }
        for fact in passedOver where fact.earlierClaims.count < maxClaimCount {
            let claim = index.claims[fact.claim]
            let older = index.posts[fact.post]
            let younger = index.posts[fact.youngerPost]
            let summary =
                "the claim handed out \(describe(body: younger.body, id: younger.id)) but not the older "
                + "\(describe(body: older.body, id: older.id)), which was free and unexpired and had been handed out "
                + "\(fact.earlierClaims.count) times, fewer than maxClaimCount (\(maxClaimCount))"
            let eventIndices =
                older.record.eventIndices + younger.record.eventIndices
                + fact.earlierClaims.flatMap { index.claims[$0].record.eventIndices } + claim.record.eventIndices
            violations.append(violation(.olderMessageSkipped, summary, eventIndices))
        }
        return violations
    }

    /// The first pair in `messages` where a message comes after one whose post was invoked only after its own post
    /// was acked. Scanning with the latest post invoke seen so far finds a pair whenever one exists.
    private func outOfOrder(record: OperationRecord, messages: [DeliveredMessage], source: String) -> Violation? {
        var latest: PostRecord?
        for message in messages {
            guard let position = index.postByBody[message.body] else { continue }
            let post = index.posts[position]
            if let latest, post.record.outcome == .ok, post.record.completionTime < latest.record.invokeTime {
                let summary =
                    "the \(source) lists \(describe(body: latest.body, id: latest.id)) before "
                    + "\(describe(body: post.body, id: post.id)), whose post was acked before the other's was invoked"
                return violation(
                    .outOfOrder, summary, post.record.eventIndices + latest.record.eventIndices + record.eventIndices)
            }
            if latest.map({ post.record.invokeTime > $0.record.invokeTime }) ?? true { latest = post }
        }
        return nil
    }
}
