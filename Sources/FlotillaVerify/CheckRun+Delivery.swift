extension CheckRun {
    /// ``Violation/Kind/deliveredWhileClaimed``, ``Violation/Kind/deliveredAfterDelete`` and
    /// ``Violation/Kind/presentAfterDelete``: a message is handed to one live claim at a time and a delete is
    /// final. Claims are judged in invoke order, each against the earlier evidence about its messages.
    func doubleDeliveries() -> [Violation] {
        var violations: [Violation] = []
        for later in index.claims where later.record.outcome == .ok {
            for message in later.messages {
                let name = describe(body: message.body, id: message.id)
                for position in index.okClaimsByBody[message.body] ?? [] {
                    let earlier = index.claims[position]
                    guard provablyLive(earlier, throughout: later) else { continue }
                    violations.append(
                        violation(
                            .deliveredWhileClaimed,
                            "\(name) was handed out again while the claim that had it (ttl \(earlier.ttl) s) was "
                                + "still live", earlier.record.eventIndices + later.record.eventIndices))
                }
                if let delete = firstOKDelete(of: message.id, completedBefore: later.record.invokeTime) {
                    violations.append(
                        violation(
                            .deliveredAfterDelete, "\(name) was handed out after a delete of it succeeded",
                            delete.record.eventIndices + later.record.eventIndices))
                }
            }
        }
        return violations + presenceAfterDeletes()
    }

    /// ``Violation/Kind/presentAfterDelete``: a final read invoked after an `ok` delete of a message completed lists
    /// it. For the workload queue any `ok` delete counts; for the dead-letter queue only one made while the claim
    /// it named provably still held the message (so it did delete it: a claimed message is never moved), since a
    /// delete also answers 204 for a message that has already moved.
    private func presenceAfterDeletes() -> [Violation] {
        var violations: [Violation] = []
        if let queueRead = index.finalQueueRead {
            for message in queueRead.messages {
                guard let delete = firstOKDelete(of: message.id, completedBefore: queueRead.record.invokeTime) else {
                    continue
                }
                violations.append(
                    violation(
                        .presentAfterDelete,
                        "\(describe(body: message.body, id: message.id)) is in the final read of the queue after a "
                            + "delete of it succeeded", delete.record.eventIndices + queueRead.record.eventIndices))
            }
        }
        if let deadLetterRead = index.finalDeadLetterRead {
            let claimByID = Dictionary(
                index.claims.enumerated().compactMap { position, claim in
                    claimID(of: claim).map { ($0, position) }
                }, uniquingKeysWith: { first, _ in first })
            for message in deadLetterRead.messages {
                for delete in index.deletesByID[message.id] ?? []
                where delete.record.outcome == .ok && delete.record.completionTime < deadLetterRead.record.invokeTime {
                    guard let position = claimByID[delete.claimID] else { continue }
                    let claim = index.claims[position]
                    guard claim.messages.contains(where: { $0.id == message.id }),
                        delete.record.completionTime
                            < claim.record.invokeTime + Double(claim.ttl) - clockMarginSeconds
                    else { continue }
                    violations.append(
                        violation(
                            .presentAfterDelete,
                            "\(describe(body: message.body, id: message.id)) is in the final read of the dead-letter "
                                + "queue although it was deleted under a claim that still held it",
                            claim.record.eventIndices + delete.record.eventIndices
                                + deadLetterRead.record.eventIndices))
                    break
                }
            }
        }
        return violations
    }

    /// The id an `ok` claim answered with, if it handed anything out.
    private func claimID(of claim: ClaimRecord) -> String? {
        guard claim.record.outcome == .ok, case .claim(_, _, _, let claimID, _) = claim.record.operation else {
            return nil
        }
        return claimID
    }

    /// Whether `earlier`'s lease provably covered all of `later`: `later` was invoked after `earlier` completed
    /// (so the server acted on it second) and completed before `earlier`'s lease can have ended (its invoke plus
    /// its ttl, minus the clock margin).
    private func provablyLive(_ earlier: ClaimRecord, throughout later: ClaimRecord) -> Bool {
        later.record.invokeTime > earlier.record.completionTime
            && later.record.completionTime < earlier.record.invokeTime + Double(earlier.ttl) - clockMarginSeconds
    }

    /// The first `ok` delete of `id` (in invoke order) that completed before `time`.
    private func firstOKDelete(of id: String, completedBefore time: Double) -> DeleteRecord? {
        index.deletesByID[id]?.first { $0.record.outcome == .ok && $0.record.completionTime < time }
    }
}
