import RaftCore
import Synchronization

/// The write queue of a ``DurableLog`` and its group commit, without a writer thread: the first caller that waits
/// for a write while nobody is flushing becomes the flusher. It takes every operation submitted so far, writes
/// them in order with one fsync per run of appends (`DurableLog.perform`), completes them, and repeats while
/// more arrived meanwhile. Everyone else waits on their ``PendingWrite``. So one fsync covers every append that
/// arrived while the previous fsync was in flight, and a lone writer pays no thread hand-off at all.
///
/// The flusher blocks its thread for the duration of the writes and fsyncs: that is the cost of durability the
/// caller is waiting for anyway. At most one thread flushes at a time (`flushing`), so operations are applied in
/// submission order.
final class LogWriter: Sendable {
    enum Operation: Sendable {
        case append(entries: [Entry], encoded: [UInt8])
        case installSnapshot(Snapshot)
        /// Adopt a snapshot whose file ``DurableLog`` has already written durably, compacting the log.
        case createSnapshot(Snapshot)
    }

    private struct Submitted: Sendable {
        var operation: Operation
        var completion: PendingWrite
    }

    private struct Queue {
        var submitted: [Submitted] = []
        /// A thread is performing a round; it keeps going until the queue is empty.
        var flushing = false
        var closed = false
    }

    private let queue = Mutex(Queue())

    /// Queues `operation` behind everything submitted before.
    func submit(_ operation: Operation, log: DurableLog) -> PendingWrite {
        let completion = PendingWrite(log: log)
        let accepted = queue.withLock { queue -> Bool in
            guard !queue.closed else { return false }
            queue.submitted.append(Submitted(operation: operation, completion: completion))
            return true
        }
        if !accepted { completion.finish(.closed) }
        return completion
    }

    /// Performs rounds on the calling thread until the queue is empty, unless another thread is already doing so
    /// (then that thread will reach whatever is queued).
    func flushIfIdle(log: DurableLog) {
        let becameFlusher = queue.withLock { queue -> Bool in
            guard !queue.flushing, !queue.submitted.isEmpty else { return false }
            queue.flushing = true
            return true
        }
        guard becameFlusher else { return }
        while true {
            let round = queue.withLock { queue -> [Submitted] in
                defer { queue.submitted = [] }
                if queue.submitted.isEmpty { queue.flushing = false }
                return queue.submitted
            }
            guard !round.isEmpty else { return }
            let results = log.perform(round.map(\.operation))
            for (submitted, result) in zip(round, results) {
                switch result {
                case .success: submitted.completion.finish(nil)
                case .failure(let error): submitted.completion.finish(error)
                }
            }
        }
    }

    /// Refuses new operations and completes the ones already submitted (waiting for a flusher on another thread).
    func close(log: DurableLog) {
        queue.withLock { $0.closed = true }
        while queue.withLock({ $0.flushing || !$0.submitted.isEmpty }) {
            flushIfIdle(log: log)
        }
    }
}
