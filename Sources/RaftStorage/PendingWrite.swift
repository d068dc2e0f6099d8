import Synchronization

/// A write submitted to a ``DurableLog`` and not yet known durable. Obtained from ``DurableLog/beginAppend(_:)``;
/// ``wait()`` returns once the write is on stable storage or throws why it failed. Waiting is what drives the
/// write: if no other thread is flushing, the waiter flushes everything queued (see `LogWriter`).
///
/// Splitting submission from waiting lets a caller fix the order of writes synchronously (say, inside an actor)
/// and wait outside it, so many writers can share one fsync.
public final class PendingWrite: Sendable {
    private enum State {
        case pending(CheckedContinuation<Void, any Error>?)
        case finished(StorageError?)
    }

    private let state = Mutex(State.pending(nil))
    private let log: DurableLog

    init(log: DurableLog) {
        self.log = log
    }

    private var isFinished: Bool {
        state.withLock { if case .finished = $0 { return true } else { return false } }
    }

    /// Completes the write (writer thread). `error` nil means durable.
    func finish(_ error: StorageError?) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            guard case .pending(let continuation) = state else { preconditionFailure("a write finished twice") }
            state = .finished(error)
            return continuation
        }
        guard let waiter else { return }
        if let error { waiter.resume(throwing: error) } else { waiter.resume() }
    }

    /// Waits until the write is durable. Call at most once.
    public func wait() async throws(StorageError) {
        if !isFinished { log.writer.flushIfIdle(log: log) }
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = state.withLock { state -> StorageError?? in
                    switch state {
                    case .pending(nil):
                        state = .pending(continuation)
                        return nil
                    case .pending(_?):
                        preconditionFailure("a write was awaited twice")
                    case .finished(let error):
                        return .some(error)
                    }
                }
                guard let outcome else { return }
                if let error = outcome { continuation.resume(throwing: error) } else { continuation.resume() }
            }
        } catch let error as StorageError {
            throw error
        } catch {
            preconditionFailure("a write failed with a foreign error: \(error)")
        }
    }
}
