extension CheckRun {
    /// ``Violation/Kind/lostAcknowledgedMessage``: every post acked before the final read of the workload queue was
    /// invoked must be in a final read, or have a delete that did not fail, or be possibly expired by the end of the
    /// final reads, or (when a move could fall between the two reads) possibly dead-lettered.
    func lostMessages() -> [Violation] {
        guard let queueRead = index.finalQueueRead, let deadLetterRead = index.finalDeadLetterRead else { return [] }
        let present = Set((queueRead.messages + deadLetterRead.messages).map(\.body))
        let readsEnd = max(queueRead.record.completionTime, deadLetterRead.record.completionTime)
        // A message moved after the dead-letter read looked and before the workload read looked is in neither.
        let moveMayFallBetweenReads = deadLetterRead.record.invokeTime < queueRead.record.completionTime
        let possibleUnknownClaims = index.unknownClaims(invokedBefore: readsEnd)
        var violations: [Violation] = []
        for post in index.posts where post.record.outcome == .ok {
            guard post.record.completionTime <= queueRead.record.invokeTime, !present.contains(post.body) else {
                continue
            }
            let deletes = post.id.flatMap { index.deletesByID[$0] } ?? []
            guard !deletes.contains(where: { $0.record.outcome != .fail }) else { continue }
            guard !mayHaveExpired(post, by: readsEnd) else { continue }
            let claims = index.okClaimsByBody[post.body] ?? []
            guard !moveMayFallBetweenReads || claims.count + possibleUnknownClaims < maxClaimCount else { continue }
            let summary =
                "\(describe(body: post.body, id: post.id)) was acknowledged but is in neither final read; no delete "
                + "of it succeeded or was left unknown, and with ttl \(post.ttl) s it cannot have expired before "
                + "the reads ended (ok claims that handed it out: \(claims.count))"
            let eventIndices =
                post.record.eventIndices + claims.flatMap { index.claims[$0].record.eventIndices }
                + deletes.flatMap(\.record.eventIndices) + queueRead.record.eventIndices
                + deadLetterRead.record.eventIndices
            violations.append(violation(.lostAcknowledgedMessage, summary, eventIndices))
        }
        return violations
    }
}
