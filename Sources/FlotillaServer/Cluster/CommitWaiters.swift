import FlotillaHTTP
import QueueModel
import RaftCore

/// Clients waiting for their proposals, keyed by the log index the leader gave each one.
///
/// **Acknowledgement rule** (the "no acknowledged write is lost" guarantee ends here): a waiter is answered with
/// success only when the entry at its index is *applied* — committed on a quorum of fsynced logs — and carries the
/// *term* it was proposed in. A different term at that index means another leader overwrote it: the outcome is
/// reported as unknown, never as success. A waiter whose entry is not applied within its deadline (leadership
/// lost, quorum gone) is also answered "unknown", so the client retries with its idempotency key.
struct CommitWaiters {
    typealias Continuation = CheckedContinuation<(CommandResult, LogIndex), any Error>

    private struct Waiter {
        var term: Term
        var continuation: Continuation
        var deadline: UInt64
    }

    private var waiting: [LogIndex: Waiter] = [:]

    var count: Int { waiting.count }

    /// Registers the proposals appended at `indexes` in `term`, in order. They expire at tick `deadline`.
    mutating func register(
        _ continuations: [Continuation], term: Term, indexes: ClosedRange<LogIndex>, deadline: UInt64
    ) {
        precondition(UInt64(continuations.count) == indexes.upperBound.rawValue - indexes.lowerBound.rawValue + 1)
        for (offset, continuation) in continuations.enumerated() {
            let index = indexes.lowerBound + UInt64(offset)
            // A leader never hands out an index twice within its term; an older waiter at this index lost its
            // entry to this leader's log.
            waiting.updateValue(Waiter(term: term, continuation: continuation, deadline: deadline), forKey: index)?
                .continuation.resume(throwing: QueueServiceError.outcomeUnknown("Another leader replaced the write."))
        }
    }

    /// Answers the waiter at `entry.index`, if any, with `result` when the term matches.
    mutating func applied(_ entry: Entry, result: CommandResult?) {
        guard !waiting.isEmpty, let waiter = waiting.removeValue(forKey: entry.index) else { return }
        if waiter.term == entry.term {
            // Durability point: the entry is applied, hence committed on a quorum of fsynced logs.
            waiter.continuation.resume(returning: (result ?? .done, entry.index))
        } else {
            waiter.continuation.resume(
                throwing: QueueServiceError.outcomeUnknown("A leader change replaced the write."))
        }
    }

    /// Answers every waiter whose deadline has passed with "outcome unknown".
    mutating func expire(now tick: UInt64) {
        guard !waiting.isEmpty else { return }
        for (index, waiter) in waiting where waiter.deadline <= tick {
            waiting.removeValue(forKey: index)
            waiter.continuation.resume(
                throwing: QueueServiceError.outcomeUnknown("The write was not committed in time (leadership changed)."))
        }
    }

    /// Answers every waiter (the node is stopping).
    mutating func failAll(_ error: QueueServiceError) {
        for waiter in waiting.values { waiter.continuation.resume(throwing: error) }
        waiting = [:]
    }
}

/// Linearizable reads waiting for the leader to confirm its leadership (ReadIndex) and then for the state machine
/// to reach the confirmed index.
///
/// Guarantee: a read is released only once the engine has applied every entry up to an index that the leader
/// confirmed with a quorum *after* the read arrived, so it sees every write acknowledged before it started.
struct ReadWaiters {
    typealias Continuation = CheckedContinuation<Void, any Error>

    private struct Batch {
        var continuations: [Continuation]
        var deadline: UInt64
    }

    private var nextID: UInt64 = 1
    /// Reads sent to the core, by request id.
    private var requested: [ReadRequestID: Batch] = [:]
    /// Confirmed reads waiting for the engine, with their read index.
    private var confirmed: [(index: LogIndex, batch: Batch)] = []

    /// Allocates a request id for a batch of reads.
    mutating func request(_ continuations: [Continuation], deadline: UInt64) -> ReadRequestID {
        let id = ReadRequestID(nextID)
        nextID += 1
        requested[id] = Batch(continuations: continuations, deadline: deadline)
        return id
    }

    /// Forgets a request the core refused, returning its reads.
    mutating func cancel(_ id: ReadRequestID) -> [Continuation] {
        requested.removeValue(forKey: id)?.continuations ?? []
    }

    /// The core confirmed `state`.
    mutating func confirm(_ state: ReadState) {
        guard let batch = requested.removeValue(forKey: state.id) else { return }
        confirmed.append((state.index, batch))
    }

    /// Releases the confirmed reads whose index is applied.
    mutating func release(applied: LogIndex) {
        guard !confirmed.isEmpty else { return }
        confirmed.removeAll { index, batch in
            guard index <= applied else { return false }
            for continuation in batch.continuations { continuation.resume() }
            return true
        }
    }

    /// Fails reads the core dropped (leadership lost before confirmation) once their deadline passes.
    mutating func expire(now tick: UInt64) {
        for (id, batch) in requested where batch.deadline <= tick {
            requested.removeValue(forKey: id)
            for continuation in batch.continuations {
                continuation.resume(
                    throwing: QueueServiceError.unavailable(
                        reason: "Leadership could not be confirmed for the read.", retryAfterSeconds: 1))
            }
        }
    }

    mutating func failAll(_ error: QueueServiceError) {
        for batch in requested.values + confirmed.map(\.batch) {
            for continuation in batch.continuations { continuation.resume(throwing: error) }
        }
        requested = [:]
        confirmed = []
    }
}
