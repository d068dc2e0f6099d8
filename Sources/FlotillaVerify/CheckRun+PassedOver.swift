/// A message an `ok` claim provably had in its window but did not hand out (the "passed-over messages" of
/// ``QueueChecker``).
struct PassedOver {
    /// Position in ``HistoryIndex/claims`` of the claim.
    let claim: Int
    /// Position in ``HistoryIndex/posts`` of the passed-over message's post.
    let post: Int
    /// Position in ``HistoryIndex/posts`` of the post of a message the claim handed out that is provably younger.
    let youngerPost: Int
    /// Positions in ``HistoryIndex/claims`` of the `ok` claims that handed the message out before, all ended.
    let earlierClaims: [Int]
}

extension CheckRun {
    /// Every ``PassedOver`` fact, claims in completion order.
    ///
    /// It sweeps the claims by completion time, keeping the acked messages in ack order minus those that may be
    /// gone (possibly deleted or expired, which stays true as time grows). A claim's candidates are a prefix of
    /// that list (acked before its youngest message was posted), so a claim costs about the number of messages
    /// still in the queue, not the length of the history.
    func passedOverMessages() -> [PassedOver] {
        let firstUnknownClaim = index.unknownClaimInvokeTimes.first ?? .infinity
        let goneBy = index.posts.map(mayBeGoneFrom)
        let acked = index.posts.indices.filter { index.posts[$0].record.outcome == .ok }
            .sorted { index.posts[$0].record.completionTime < index.posts[$1].record.completionTime }
        let claims = index.claims.indices.filter { index.claims[$0].record.outcome == .ok }
            .sorted { index.claims[$0].record.completionTime < index.claims[$1].record.completionTime }
        var candidates: [Int] = []
        var nextAcked = 0
        var facts: [PassedOver] = []
        for position in claims {
            let claim = index.claims[position]
            let end = claim.record.completionTime
            // An unknown claim invoked before this one ended may have taken or moved any message.
            guard end < firstUnknownClaim else { break }
            while nextAcked < acked.count, index.posts[acked[nextAcked]].record.completionTime < end {
                candidates.append(acked[nextAcked])
                nextAcked += 1
            }
            candidates.removeAll { goneBy[$0] <= end }
            let handedOut = claim.messages.compactMap { index.postByBody[$0.body] }
            guard
                let younger = handedOut.max(by: {
                    index.posts[$0].record.invokeTime < index.posts[$1].record.invokeTime
                })
            else { continue }
            for candidate in candidates {
                guard index.posts[candidate].record.completionTime < index.posts[younger].record.invokeTime else {
                    break
                }
                // A message this claim handed out counts this claim among its earlier ones, which has not ended.
                let earlier = (index.okClaimsByBody[index.posts[candidate].body] ?? [])
                    .filter { index.claims[$0].record.invokeTime < end }
                guard earlier.allSatisfy({ surelyEnded(index.claims[$0], before: claim.record.invokeTime) }) else {
                    continue
                }
                facts.append(PassedOver(claim: position, post: candidate, youngerPost: younger, earlierClaims: earlier))
            }
        }
        return facts
    }

    /// The earliest time by which the message `post` sent may have left the queue: the first invoke of a delete of
    /// it that did not fail, or the earliest time it may have expired.
    private func mayBeGoneFrom(_ post: PostRecord) -> Double {
        let deletes = post.id.flatMap { index.deletesByID[$0] } ?? []
        let firstDelete = deletes.filter { $0.record.outcome != .fail }.map(\.record.invokeTime).min() ?? .infinity
        return min(firstDelete, post.record.invokeTime + Double(post.ttl) - clockMarginSeconds)
    }

    /// Whether `claim`'s lease had surely ended by `time`: it started by its completion and lasts its ttl (plus the
    /// clock margin).
    private func surelyEnded(_ claim: ClaimRecord, before time: Double) -> Bool {
        claim.record.completionTime + Double(claim.ttl) + clockMarginSeconds <= time
    }
}
