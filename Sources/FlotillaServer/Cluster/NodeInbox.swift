import Dispatch
import FlotillaHTTP
import RaftCore
import Synchronization

/// What the transport learned about delivering to a peer.
enum PeerReport: Sendable {
    case unreachable(NodeID)
    case snapshot(NodeID, succeeded: Bool)
}

/// Everything handed to a cluster node's Raft loop from other threads, collected under one lock and taken by the
/// loop all at once: each loop turn steps every message and proposes every waiting command in one batch, which is
/// what lets one fsync cover many client writes.
///
/// Pushing never blocks on the loop; taking blocks the loop's own thread until there is work or a deadline.
final class NodeInbox: Sendable {
    /// A client command waiting to be proposed: its encoded envelope (time restamped by the leader) and who to
    /// tell once it is committed and applied.
    struct Proposal: Sendable {
        var payload: [UInt8]
        var waiter: CommitWaiters.Continuation
    }

    /// One turn's worth of work.
    struct Work: Sendable {
        var messages: [Message] = []
        var proposals: [Proposal] = []
        var reads: [ReadWaiters.Continuation] = []
        var reports: [PeerReport] = []
        var leadershipTransfers: [CheckedContinuation<Void, Never>] = []
        var stopping = false

        var isEmpty: Bool {
            messages.isEmpty && proposals.isEmpty && reads.isEmpty && reports.isEmpty
                && leadershipTransfers.isEmpty && !stopping
        }
    }

    private let work = Mutex(Work())
    private let signal = DispatchSemaphore(value: 0)

    func push(_ message: Message) { deliver { $0.messages.append(message) } }
    func push(_ proposal: Proposal) { deliver { $0.proposals.append(proposal) } }
    func pushRead(_ waiter: ReadWaiters.Continuation) { deliver { $0.reads.append(waiter) } }
    func push(_ report: PeerReport) { deliver { $0.reports.append(report) } }
    func pushLeadershipTransfer(_ done: CheckedContinuation<Void, Never>) {
        deliver { $0.leadershipTransfers.append(done) }
    }

    /// Asks the loop to finish its turn and stop.
    func stop() { deliver { $0.stopping = true } }

    private func deliver(_ change: (inout Work) -> Void) {
        let wasEmpty = work.withLock { work in
            let wasEmpty = work.isEmpty
            change(&work)
            return wasEmpty
        }
        // One signal per empty-to-nonempty transition: the loop takes everything that arrives meanwhile.
        if wasEmpty { signal.signal() }
    }

    /// Takes everything pushed so far, waiting until `deadline` if there is nothing. Loop thread only.
    func take(waitingUntil deadline: DispatchTime) -> Work {
        if let work = takeIfAny() { return work }
        _ = signal.wait(timeout: deadline)
        return takeIfAny() ?? Work()
    }

    private func takeIfAny() -> Work? {
        work.withLock { work in
            guard !work.isEmpty else { return nil }
            defer { work = Work(stopping: work.stopping) }
            return work
        }
    }
}
