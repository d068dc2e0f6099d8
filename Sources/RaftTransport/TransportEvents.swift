import Logging
import RaftCore
import Synchronization

/// The transport's two output streams, shared by every connection handler and peer link.
///
/// Sendable because its stored properties are: continuations are thread-safe, and the flags are atomics.
final class TransportEvents: Sendable {
    let inbound: AsyncStream<Message>.Continuation
    let reports: AsyncStream<TransportReport>.Continuation
    let logger: Logger
    /// Set when shutdown starts: connections closing then are not news for Raft.
    private let shuttingDown = Atomic<Bool>(false)
    /// Whether the inbound buffer overflowed and has not yet accepted a message since; logs once per episode.
    private let inboundOverflowing = Atomic<Bool>(false)

    init(
        inbound: AsyncStream<Message>.Continuation, reports: AsyncStream<TransportReport>.Continuation, logger: Logger
    ) {
        self.inbound = inbound
        self.reports = reports
        self.logger = logger
    }

    var isShuttingDown: Bool { shuttingDown.load(ordering: .acquiring) }

    func beginShutdown() { shuttingDown.store(true, ordering: .releasing) }

    /// Hands an authenticated message to the consumer of ``PeerTransport/inbound``.
    ///
    /// - Returns: Whether it was buffered (false when the buffer is full or the stream finished).
    func deliver(_ message: Message) -> Bool {
        switch inbound.yield(message) {
        case .enqueued:
            if inboundOverflowing.exchange(false, ordering: .relaxed) {
                logger.notice("inbound buffer accepts messages again")
            }
            return true
        case .dropped:
            if !inboundOverflowing.exchange(true, ordering: .relaxed) {
                logger.warning(
                    "inbound buffer full: dropping messages until the consumer catches up",
                    metadata: ["from": "\(message.from)"])
            }
            return false
        case .terminated:
            return false
        @unknown default:
            return false
        }
    }

    func report(_ report: TransportReport) {
        guard !isShuttingDown else { return }
        reports.yield(report)
    }

    func finish() {
        inbound.finish()
        reports.finish()
    }
}
