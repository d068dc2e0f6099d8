import Foundation
import RaftCore
import Synchronization

/// The single writer of a ``DurableLog``: a dedicated thread that takes every operation submitted since its last
/// round, writes them in order, fsyncs once, publishes the result to the log's state and resumes the callers.
/// This is the group commit: appends that arrive while an fsync is in flight share the next one.
///
/// A failed round (disk full, I/O error) fails every operation of that round and cuts the active segment back to
/// where the round started, so nothing of it is ever read back; later operations run as usual.
final class LogWriter: Sendable {
    enum Operation: Sendable {
        case append(entries: [Entry], encoded: [UInt8])
        case installSnapshot(Snapshot)
        case createSnapshot(index: LogIndex, confState: ConfState, data: [UInt8])
    }

    private struct Submitted: Sendable {
        var operation: Operation
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct Queue {
        var submitted: [Submitted] = []
        var stopping = false
    }

    private let queue = Mutex(Queue())
    private let wakeUp = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    func start(log: DurableLog) {
        let thread = Thread { [self] in
            run(log: log)
            stopped.signal()
        }
        thread.name = "flotilla-log-writer"
        thread.start()
    }

    /// Queues `operation` and returns once it is durable (or failed).
    func submit(_ operation: Operation) async throws(StorageError) {
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let accepted = queue.withLock { queue -> Bool in
                    guard !queue.stopping else { return false }
                    queue.submitted.append(Submitted(operation: operation, continuation: continuation))
                    return true
                }
                if accepted { wakeUp.signal() } else { continuation.resume(throwing: StorageError.closed) }
            }
        } catch let error as StorageError {
            throw error
        } catch {
            throw .invalidRequest("unexpected error \(error)")
        }
    }

    /// Finishes the operations already submitted, then stops the thread.
    func stop() {
        let wasRunning = queue.withLock { queue -> Bool in
            defer { queue.stopping = true }
            return !queue.stopping
        }
        guard wasRunning else { return }
        wakeUp.signal()
        stopped.wait()
    }

    private func run(log: DurableLog) {
        while true {
            wakeUp.wait()
            let (round, stopping) = queue.withLock { queue -> ([Submitted], Bool) in
                defer { queue.submitted = [] }
                return (queue.submitted, queue.stopping)
            }
            if !round.isEmpty {
                let results = log.perform(round.map(\.operation))
                for (submitted, result) in zip(round, results) {
                    switch result {
                    case .success: submitted.continuation.resume()
                    case .failure(let error): submitted.continuation.resume(throwing: error)
                    }
                }
            }
            if stopping && queue.withLock({ $0.submitted.isEmpty }) { return }
        }
    }
}
