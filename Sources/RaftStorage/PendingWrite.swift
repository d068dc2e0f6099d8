import Dispatch
import Synchronization

/// A write submitted to a ``DurableLog`` and not yet known durable. Obtained from ``DurableLog/beginAppend(_:)``;
/// ``wait()`` (or ``waitBlocking()``) returns once the write is on stable storage or throws why it failed. Waiting
/// is what drives the write: if no other thread is flushing, the waiter flushes everything queued (see
/// `LogWriter`).
///
/// Splitting submission from waiting lets a caller fix the order of writes synchronously (say, inside an actor)
/// and wait outside it, so many writers can share one fsync.
public final class PendingWrite: Sendable {
    private enum Waiter {
        case task(CheckedContinuation<Void, any Error>)
        case thread(DispatchSemaphore)
    }

    private enum State {
        case pending(Waiter?)
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
        let waiter = state.withLock { state -> Waiter? in
            guard case .pending(let waiter) = state else { preconditionFailure("a write finished twice") }
            state = .finished(error)
            return waiter
        }
        switch waiter {
        case nil: return
        case .task(let continuation):
            if let error { continuation.resume(throwing: error) } else { continuation.resume() }
        case .thread(let semaphore):
            semaphore.signal()
        }
    }

    /// Registers `waiter` unless the write has finished; returns the outcome if it has.
    private func register(_ waiter: Waiter) -> StorageError?? {
        state.withLock { state -> StorageError?? in
            switch state {
            case .pending(nil):
                state = .pending(waiter)
                return nil
            case .pending(_?):
                preconditionFailure("a write was awaited twice")
            case .finished(let error):
                return .some(error)
            }
        }
    }

    /// Waits until the write is durable. Call at most once (this or ``waitBlocking()``).
    public func wait() async throws(StorageError) {
        if !isFinished { log.writer.flushIfIdle(log: log) }
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                guard let outcome = register(.task(continuation)) else { return }
                if let error = outcome { continuation.resume(throwing: error) } else { continuation.resume() }
            }
        } catch let error as StorageError {
            throw error
        } catch {
            preconditionFailure("a write failed with a foreign error: \(error)")
        }
    }

    /// Waits until the write is durable, blocking the calling thread: for an owner that runs on a dedicated
    /// thread (the cluster node's Raft loop), never for code on the cooperative pool. Call at most once.
    public func waitBlocking() throws(StorageError) {
        if !isFinished { log.writer.flushIfIdle(log: log) }
        let semaphore = DispatchSemaphore(value: 0)
        if let outcome = register(.thread(semaphore)) {
            if let error = outcome { throw error }
            return
        }
        semaphore.wait()
        guard case .finished(let error) = state.withLock({ $0 }) else {
            preconditionFailure("a write signalled before finishing")
        }
        if let error { throw error }
    }
}
