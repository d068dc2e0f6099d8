/// One run of the checks of ``QueueChecker`` over an indexed history. Each check lives in its own extension file
/// and returns its violations in history order.
struct CheckRun {
    let index: HistoryIndex
    /// The widening of every timing comparison in the server's favour (``QueueChecker``).
    let clockMarginSeconds: Double

    var maxClaimCount: Int { index.setup.maxClaimCount }

    /// Every violation, check by check.
    func violations() -> [Violation] {
        let passedOver = passedOverMessages()
        return finalReadViolations() + lostMessages() + doubleDeliveries()
            + deadLetterViolations(passedOver: passedOver) + orderViolations(passedOver: passedOver)
            + provenanceViolations()
    }

    /// A violation whose excerpt is the events at `eventIndices` (each once, in history order).
    func violation(_ kind: Violation.Kind, _ summary: String, _ eventIndices: [Int]) -> Violation {
        Violation(kind: kind, summary: summary, events: index.excerpt(eventIndices))
    }

    /// Whether the message `post` sent may have expired by `time`: it can expire no earlier than its post's
    /// invoke plus its ttl (claims only extend a message's life), minus the clock margin.
    func mayHaveExpired(_ post: PostRecord, by time: Double) -> Bool {
        post.record.invokeTime + Double(post.ttl) - clockMarginSeconds <= time
    }

    /// A message as the summaries name it: body, and id when known.
    func describe(body: String, id: String?) -> String {
        id.map { "message \(quoted(body)) (id \($0))" } ?? "message \(quoted(body))"
    }

    /// ``Violation/Kind/missingFinalRead`` for each of the two queues without an `ok` read.
    private func finalReadViolations() -> [Violation] {
        let missing = [
            index.finalQueueRead == nil ? index.setup.queue : nil,
            index.finalDeadLetterRead == nil ? index.setup.deadLetterQueue : nil,
        ]
        return missing.compactMap { queue in
            queue.map {
                violation(
                    .missingFinalRead,
                    "no ok read of queue \($0) after the workload, so the checks that need its final contents "
                        + "(lost messages, dead-lettering) were skipped", [])
            }
        }
    }
}
