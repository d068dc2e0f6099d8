import Flotilla
import QueueModel
import Synchronization

extension BenchRunner {
    /// Posts `count` messages of the run's size in batches (as many as fit one post), from
    /// ``prefillWorkers`` concurrent posters, telling `events` the progress once a second.
    /// - Throws: the first post's error that exhausted the router's retries; the other posters stop then.
    func prefill(_ count: Int, events: @escaping @Sendable (BenchEvent) -> Void) async throws(FlotillaClientError) {
        guard count > 0 else { return }
        let batchSize = MessageBody.batchSize(bytes: configuration.messageBytes)
        let message = OutgoingMessage(
            body: MessageBody.make(bytes: configuration.messageBytes, shape: configuration.bodyShape),
            ttl: configuration.messageTTLSeconds)
        let batches = (count + batchSize - 1) / batchSize
        let progress = PrefillProgress()
        let failure: FlotillaClientError? = await withTicker(every: .seconds(1)) { _ in
            events(.prefilling(posted: progress.posted, total: count))
        } _: {
            await withTaskGroup(of: FlotillaClientError?.self) { group in
                for _ in 0..<min(batches, Self.prefillWorkers) {
                    group.addTask {
                        while !Task.isCancelled, let batch = progress.claimBatch(below: batches) {
                            let size = min(batchSize, count - batch * batchSize)
                            do throws(FlotillaClientError) {
                                try await client.postMessages(
                                    configuration.queue, Array(repeating: message, count: size))
                            } catch {
                                return error
                            }
                            progress.add(size)
                        }
                        return nil
                    }
                }
                for await case let error? in group {
                    group.cancelAll()
                    return error
                }
                return nil
            }
        }
        if let failure { throw failure }
        events(.prefilling(posted: progress.posted, total: count))
    }
}

/// The pre-fill's shared state: which batch is next, and how many messages are in.
private final class PrefillProgress: Sendable {
    private struct State {
        var nextBatch = 0
        var posted = 0
    }

    private let state = Mutex(State())

    /// The next batch number to post, or nil when all `batches` have been handed out.
    func claimBatch(below batches: Int) -> Int? {
        state.withLock { state in
            guard state.nextBatch < batches else { return nil }
            defer { state.nextBatch += 1 }
            return state.nextBatch
        }
    }

    func add(_ messages: Int) { state.withLock { $0.posted += messages } }

    var posted: Int { state.withLock { $0.posted } }
}
