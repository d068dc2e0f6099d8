extension History {
    /// Checks the well-formedness rules stated on ``History``, plus the ``WorkloadSetup`` assumptions, in one pass.
    ///
    /// ``QueueChecker`` relies on them to pair each invoke with its completion; it reports a history that breaks
    /// one as a ``Violation/Kind/malformedHistory`` instead of judging it.
    /// - Throws: The first rule broken, in event order.
    public func validate() throws(HistoryValidationError) {
        try setup.validate()
        var outstanding: [Int: Operation] = [:]
        var postBodies: Set<String> = []
        var previousTime = 0.0
        for (index, event) in events.enumerated() {
            guard event.time.isFinite, event.time >= 0 else { throw .invalidTime(eventIndex: index) }
            guard event.time >= previousTime else { throw .timeWentBackwards(eventIndex: index) }
            previousTime = event.time
            guard event.type == .ok || !event.operation.carriesResult else { throw .resultWithoutOK(eventIndex: index) }
            if event.type == .invoke {
                guard outstanding[event.process] == nil else { throw .invokeWhileOutstanding(eventIndex: index) }
                if case .post(let body, _, _, _, _) = event.operation {
                    guard postBodies.insert(body).inserted else { throw .duplicatePostBody(eventIndex: index) }
                }
                outstanding[event.process] = event.operation
            } else {
                guard let invoked = outstanding.removeValue(forKey: event.process) else {
                    throw .completionWithoutInvoke(eventIndex: index)
                }
                guard invoked.hasSameRequest(as: event.operation) else {
                    throw .completionMismatch(eventIndex: index)
                }
            }
        }
    }
}

extension WorkloadSetup {
    fileprivate func validate() throws(HistoryValidationError) {
        guard maxClaimCount >= 1 else { throw .invalidSetup(reason: "maxClaimCount \(maxClaimCount) is below 1") }
        guard !queue.isEmpty, !deadLetterQueue.isEmpty else { throw .invalidSetup(reason: "a queue name is empty") }
        guard queue != deadLetterQueue else { throw .invalidSetup(reason: "the queue is its own dead-letter queue") }
    }
}

extension Operation {
    /// Whether the operation holds a result, which only an `ok` completion may.
    fileprivate var carriesResult: Bool {
        switch self {
        case .post(_, _, _, _, let id): id != nil
        case .claim(_, _, _, let claimID, let messages): claimID != nil || !messages.isEmpty
        case .delete: false
        case .read(_, let messages): !messages.isEmpty
        }
    }

    /// Whether both operations ask the same thing, whatever their results.
    fileprivate func hasSameRequest(as other: Operation) -> Bool {
        switch (self, other) {
        case (
            .post(let body, let producer, let sequence, let ttl, _),
            .post(let body2, let producer2, let sequence2, let ttl2, _)
        ):
            body == body2 && producer == producer2 && sequence == sequence2 && ttl == ttl2
        case (.claim(let limit, let ttl, let grace, _, _), .claim(let limit2, let ttl2, let grace2, _, _)):
            limit == limit2 && ttl == ttl2 && grace == grace2
        case (.delete(let id, let claimID), .delete(let id2, let claimID2)):
            id == id2 && claimID == claimID2
        case (.read(let queue, _), .read(let queue2, _)):
            queue == queue2
        default:
            false
        }
    }
}
