import Logging
import NIOCore
import RaftCore
import Synchronization

/// Everything the transport keeps about sending to one peer: its address, the bounded send queue, and the state
/// of the current outbound connection.
///
/// Threading: ``PeerTransport/send(_:)`` enqueues from any thread; the connection's handler dequeues on its event
/// loop; the per-peer connection task moves the phase. All of it goes through one mutex, held only for queue and
/// state updates (never across I/O or an `await`).
///
/// Invariants (under the lock):
/// - `queuedBytes` is the sum of ``Message/approximateByteCount`` over `queue`.
/// - `drainScheduled` implies the phase is established and its handler will call ``dequeue(generation:)`` again
///   (a drain is scheduled on its loop, or it waits for the channel to become writable).
/// - In the `down` phase the queue is empty: messages sent then are dropped and reported.
final class PeerLink: Sendable {
    /// Phases of the outbound connection. A new attempt's number is `generation`; callbacks from an older
    /// connection carry an older number and are ignored.
    enum Phase: Sendable {
        /// Dialling (or TLS and hello in progress): messages are queued.
        case connecting
        /// Hello accepted: the handler drains the queue.
        case established(channel: any Channel, handler: NIOLoopBound<OutboundConnectionHandler>)
        /// The last attempt failed or the connection ended; waiting for the backoff to elapse.
        case down
    }

    struct State: Sendable {
        var address: PeerAddress
        var phase: Phase = .connecting
        var generation: UInt64 = 0
        /// Whether the connection of `generation` reached the established phase.
        var generationEstablished = false
        /// The channel of the current attempt once TCP connected, to close it on removal or address change.
        var channel: (any Channel)?
        var queue = CircularBuffer<Message>()
        var queuedBytes = 0
        var drainScheduled = false
        var removed = false
    }

    let id: NodeID
    private let events: TransportEvents
    private let state: Mutex<State>

    init(address: PeerAddress, events: TransportEvents) {
        self.id = address.id
        self.events = events
        self.state = Mutex(State(address: address))
    }

    var address: PeerAddress { state.withLock { $0.address } }

    // MARK: - Called by send()

    /// Appends `messages` in order, dropping those that do not fit (or all of them while the link is down).
    /// Reports `.unreachable` once if anything was dropped, and a failed delivery for every dropped snapshot.
    func enqueue(_ messages: [Message], maxQueuedBytes: Int) {
        var dropped = 0
        var droppedSnapshots = 0
        let drainer: NIOLoopBound<OutboundConnectionHandler>? = state.withLock { state in
            let accepting: Bool
            switch state.phase {
            case .connecting, .established: accepting = !state.removed
            case .down: accepting = false
            }
            for message in messages {
                let size = message.approximateByteCount
                if accepting && (state.queuedBytes == 0 || state.queuedBytes + size <= maxQueuedBytes) {
                    state.queue.append(message)
                    state.queuedBytes += size
                } else {
                    dropped += 1
                    if case .snapshot = message.payload { droppedSnapshots += 1 }
                }
            }
            guard case .established(_, let handler) = state.phase, !state.drainScheduled, !state.queue.isEmpty else {
                return nil
            }
            state.drainScheduled = true
            return handler
        }
        if let drainer {
            drainer.eventLoop.execute { drainer.value.drain() }
        }
        if dropped > 0 {
            events.logger.debug(
                "dropped messages to an unreachable or backed-up peer",
                metadata: ["peer": "\(id)", "count": "\(dropped)"])
            events.report(.unreachable(id))
            for _ in 0..<droppedSnapshots { events.report(.snapshotDelivered(to: id, succeeded: false)) }
        }
    }

    // MARK: - Called by the connection handler, on its event loop

    /// The next message to write, or nil when the queue is empty (which ends the drain) or the connection is stale.
    func dequeue(generation: UInt64) -> Message? {
        state.withLock { state in
            guard state.generation == generation, case .established = state.phase else { return nil }
            guard let message = state.queue.popFirst() else {
                state.drainScheduled = false
                return nil
            }
            state.queuedBytes -= message.approximateByteCount
            return message
        }
    }

    /// The connection of `generation` completed its handshake.
    ///
    /// - Returns: nil if the connection is stale (removed peer, newer attempt): the handler closes it. Otherwise
    ///   whether the handler must drain now (messages queued while connecting).
    func established(generation: UInt64, channel: any Channel, handler: NIOLoopBound<OutboundConnectionHandler>)
        -> Bool?
    {
        state.withLock { state in
            guard !state.removed, state.generation == generation, case .connecting = state.phase else { return nil }
            state.phase = .established(channel: channel, handler: handler)
            state.generationEstablished = true
            state.channel = channel
            state.drainScheduled = !state.queue.isEmpty
            return state.drainScheduled
        }
    }

    /// The connection of `generation` ended or could not be made: the link goes down, the queue is discarded
    /// and `.unreachable` reported (plus a failure for every queued snapshot). Idempotent per generation.
    func connectionEnded(generation: UInt64) {
        let discarded: (snapshots: Int, removed: Bool)? = state.withLock { state in
            guard state.generation == generation else { return nil }
            if case .down = state.phase { return nil }
            state.phase = .down
            state.channel = nil
            state.drainScheduled = false
            let snapshots = state.queue.reduce(0) { count, message in
                if case .snapshot = message.payload { return count + 1 }
                return count
            }
            state.queue.removeAll(keepingCapacity: false)
            state.queuedBytes = 0
            return (snapshots, state.removed)
        }
        guard let discarded, !discarded.removed else { return }
        events.report(.unreachable(id))
        for _ in 0..<discarded.snapshots { events.report(.snapshotDelivered(to: id, succeeded: false)) }
    }

    // MARK: - Called by the connection task

    /// Starts a new attempt: the phase becomes connecting (messages queue again).
    ///
    /// - Returns: The address to dial and the attempt's generation, or nil if the peer was removed.
    func beginAttempt() -> (address: PeerAddress, generation: UInt64)? {
        state.withLock { state in
            guard !state.removed else { return nil }
            state.generation += 1
            state.generationEstablished = false
            state.phase = .connecting
            state.channel = nil
            state.drainScheduled = false
            return (state.address, state.generation)
        }
    }

    /// The attempt's TCP connection is up (TLS and hello follow in its handler).
    ///
    /// - Returns: false if the peer was removed or its address changed meanwhile: close the channel.
    func attemptConnected(generation: UInt64, channel: any Channel) -> Bool {
        state.withLock { state in
            guard !state.removed, state.generation == generation else { return false }
            if case .down = state.phase { return false }
            state.channel = channel
            return true
        }
    }

    /// Ends the attempt (if its handler did not already) and says whether it got established.
    func endAttempt(generation: UInt64) -> Bool {
        connectionEnded(generation: generation)
        return state.withLock { $0.generation == generation && $0.generationEstablished }
    }

    // MARK: - Called by updatePeers() and shutdown

    /// Records a new address (or name). The current attempt or connection becomes stale (its callbacks are
    /// ignored from now on) and is returned to be closed; messages queue until the next attempt dials the new
    /// address.
    func update(address: PeerAddress) -> (any Channel)? {
        state.withLock { state in
            guard state.address != address else { return nil }
            state.address = address
            let channel = state.channel
            state.generation &+= 1
            state.generationEstablished = false
            state.phase = .connecting
            state.channel = nil
            state.drainScheduled = false
            return channel
        }
    }

    /// Removes the peer: queued messages are dropped (snapshots reported failed), the connection task ends.
    ///
    /// - Returns: The current connection, to be closed.
    func remove() -> (any Channel)? {
        let (channel, snapshots): ((any Channel)?, Int) = state.withLock { state in
            state.removed = true
            let snapshots = state.queue.reduce(0) { count, message in
                if case .snapshot = message.payload { return count + 1 }
                return count
            }
            state.queue.removeAll()
            state.queuedBytes = 0
            return (state.channel, snapshots)
        }
        for _ in 0..<snapshots { events.report(.snapshotDelivered(to: id, succeeded: false)) }
        return channel
    }

    /// The current connection, if any (for shutdown).
    var channel: (any Channel)? { state.withLock { $0.channel } }
}
