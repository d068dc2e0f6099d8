extension CheckRun {
    /// ``Violation/Kind/deliveredTooOften`` (once per message), ``Violation/Kind/deadLetteredTooEarly`` and
    /// ``Violation/Kind/deadLetterMoveMissing`` (once per message). The server counts a claim of a message each
    /// time it hands it out, and on a claim that finds the count at `maxClaimCount` moves it instead: so at most
    /// `maxClaimCount` claims hand a message out, and one in the dead-letter queue was handed out that many times.
    func deadLetterViolations(passedOver: [PassedOver]) -> [Violation] {
        var violations: [Violation] = []
        for (body, claims) in index.okClaimsByBody.sorted(by: { ($0.value[0], $0.key) < ($1.value[0], $1.key) })
        where claims.count > maxClaimCount {
            violations.append(
                violation(
                    .deliveredTooOften,
                    "\(describe(body: body, id: nil)) was handed out by \(claims.count) claims, but once handed out "
                        + "maxClaimCount (\(maxClaimCount)) times it must move on its next claim instead",
                    postEvents(body) + claims.flatMap { index.claims[$0].record.eventIndices }))
        }
        if let deadLetterRead = index.finalDeadLetterRead {
            let unknownClaims = index.unknownClaims(invokedBefore: deadLetterRead.record.completionTime)
            for message in deadLetterRead.messages {
                let claims = index.okClaimsByBody[message.body] ?? []
                guard claims.count + unknownClaims < maxClaimCount else { continue }
                violations.append(
                    violation(
                        .deadLetteredTooEarly,
                        "\(describe(body: message.body, id: message.id)) is in the dead-letter queue, but only "
                            + "\(claims.count) ok and \(unknownClaims) unknown claims can have handed it out, fewer "
                            + "than maxClaimCount \(maxClaimCount)",
                        postEvents(message.body) + claims.flatMap { index.claims[$0].record.eventIndices }
                            + deadLetterRead.record.eventIndices))
            }
        }
        return violations + missingMoves(passedOver)
    }

    /// ``Violation/Kind/deadLetterMoveMissing``: a passed-over message whose claims were used up had to move, so a
    /// final read of the workload queue invoked after the passing claim completed must not list it.
    private func missingMoves(_ passedOver: [PassedOver]) -> [Violation] {
        guard let queueRead = index.finalQueueRead else { return [] }
        let listed = Set(queueRead.messages.map(\.body))
        var reported: Set<Int> = []
        var violations: [Violation] = []
        for fact in passedOver where fact.earlierClaims.count >= maxClaimCount {
            let claim = index.claims[fact.claim]
            let post = index.posts[fact.post]
            guard listed.contains(post.body), claim.record.completionTime < queueRead.record.invokeTime,
                reported.insert(fact.post).inserted
            else { continue }
            let summary =
                "\(describe(body: post.body, id: post.id)) had been handed out \(fact.earlierClaims.count) times "
                + "(maxClaimCount \(maxClaimCount)) and was free and older than a message a later claim handed out, "
                + "so that claim had to move it to the dead-letter queue; the final read still lists it in the queue"
            let eventIndices =
                post.record.eventIndices + fact.earlierClaims.flatMap { index.claims[$0].record.eventIndices }
                + claim.record.eventIndices + queueRead.record.eventIndices
            violations.append(violation(.deadLetterMoveMissing, summary, eventIndices))
        }
        return violations
    }

    /// The events of the post of `body`, if any post sent it.
    private func postEvents(_ body: String) -> [Int] {
        index.postByBody[body].map { index.posts[$0].record.eventIndices } ?? []
    }
}
