import Dispatch
public import FlotillaHTTP
import Foundation
public import Logging
public import QueueEngine
public import QueueModel
public import RaftCore
public import RaftStorage
import Synchronization

/// The settings of a cluster node's Raft loop.
public struct ClusterNodeSettings: Sendable {
    public var id: NodeID
    /// The founding voters, written as the first log entries (``Bootstrap``) when the log is empty.
    public var founders: [NodeID]
    /// The length of one Raft tick.
    public var tick: Duration = .milliseconds(50)
    public var electionTicks = 10
    public var heartbeatTicks = 1
    /// An engine snapshot is taken, and the log compacted, once this many entries were applied since the last.
    public var snapshotEvery: UInt64 = 100_000
    /// How often the leader proposes dropping expired messages and claims.
    public var expireEvery: Duration = .seconds(10)
    /// Where snapshots are staged while they are copied.
    public var scratchDirectory: String

    public init(id: NodeID, founders: [NodeID], scratchDirectory: String) {
        self.id = id
        self.founders = founders
        self.scratchDirectory = scratchDirectory
    }
}

/// One member of a Flotilla cluster: the Raft core, its durable log and the queue engine, driven by one loop on a
/// dedicated thread (the blocking fsyncs and SQLite transactions never occupy the cooperative thread pool).
///
/// **Guarantees.**
/// - A proposal's caller is answered with success only after its entry is applied: committed on a quorum of
///   logs that fsynced it (the leader's and the followers' `Ready` persistence precedes their acknowledgements).
///   Otherwise it gets ``QueueServiceError/unavailable(reason:retryAfterSeconds:)`` (nothing was proposed) or
///   ``QueueServiceError/outcomeUnknown(_:)`` (it may have been committed by a later leader).
/// - ``readBarrier()`` returns once this leader has confirmed its leadership with a quorum after the call and the
///   engine has applied everything committed before it, so a read that follows sees every acknowledged write.
/// - Commands are stamped with the leader's clock (``LeaderClock``): every replica applies the same times.
/// - Storage failure stops the node (``run()`` throws) rather than continue on a log it cannot trust.
public final class ClusterNode: Sendable {
    public let id: NodeID
    let settings: ClusterNodeSettings
    let log: DurableLog
    let engine: QueueEngine
    let clock: LeaderClock
    let inbox = NodeInbox()
    let send: @Sendable ([Message]) -> Void
    let membership: MembershipHistory
    let logger: Logger
    private let published: Mutex<RaftStatus?> = Mutex(nil)
    private let seed: UInt64

    /// Opens the node over `log` and `engine`. A node whose log is empty writes the founding membership first;
    /// an engine that is behind the log's snapshot (its file lost transactions the log compacted away) is
    /// restored from that snapshot.
    /// - Parameters:
    ///   - send: hands messages to the transport; must not block.
    ///   - wallClock: the leader clock's source (tests pass a manual one).
    public init(
        settings: ClusterNodeSettings, log: DurableLog, engine: QueueEngine,
        wallClock: @escaping @Sendable () -> Timestamp, send: @escaping @Sendable ([Message]) -> Void,
        logger: Logger
    ) throws {
        self.id = settings.id
        self.settings = settings
        self.log = log
        self.engine = engine
        self.clock = LeaderClock(wallClock: wallClock)
        self.send = send
        self.logger = logger
        var random = SystemRandomNumberGenerator()
        self.seed = random.next()
        if log.lastIndex() == .zero {
            let (entries, hardState) = Bootstrap.initialLog(voters: settings.founders)
            try log.beginAppend(entries).waitBlocking()
            try log.saveHardState(hardState, sync: true)
            logger.notice("bootstrapped a new cluster log", metadata: ["voters": "\(settings.founders)"])
        }
        let snapshotMetadata = log.snapshotMetadata
        membership = MembershipHistory(index: snapshotMetadata.index, conf: try log.initialState().confState)
        if snapshotMetadata.index > .zero, try engine.appliedIndex() < snapshotMetadata.index.rawValue {
            let snapshot = try log.snapshot()
            try Self.restore(engine, from: snapshot, scratch: settings.scratchDirectory)
            logger.notice(
                "restored the engine from the log's snapshot", metadata: ["index": "\(snapshot.metadata.index)"])
        }
    }

    /// Replaces the engine's state with a snapshot's.
    static func restore(_ engine: QueueEngine, from snapshot: Snapshot, scratch: String) throws {
        let path = scratch + "/restore.sqlite"
        try Data(snapshot.data).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try engine.restoreSnapshot(from: path)
    }

    /// Runs the Raft loop on its own thread until ``stop()``; throws if storage failed.
    public func run() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread { [self] in
                do {
                    var loop = try RaftLoop(node: self, seed: seed)
                    try loop.run()
                    continuation.resume()
                } catch {
                    logger.critical("the Raft loop stopped", metadata: ["error": "\(error)"])
                    continuation.resume(throwing: error)
                }
                published.withLock { $0 = nil }
            }
            thread.name = "flotilla-raft-\(id)"
            thread.start()
        }
    }

    /// Asks the loop to stop after its current turn; waiting clients are told the service is unavailable.
    public func stop() { inbox.stop() }

    /// The node's Raft state as of the loop's last turn; nil before it starts and after it stops.
    public var status: RaftStatus? { published.withLock { $0 } }

    func publish(_ status: RaftStatus) { published.withLock { $0 = status } }

    // MARK: Inputs

    /// Steps a message from a peer.
    public func receive(_ message: Message) { inbox.push(message) }

    /// The transport could not deliver to `member`.
    public func reportUnreachable(_ member: NodeID) { inbox.push(.unreachable(member)) }

    /// A snapshot sent to `member` was delivered (or failed).
    public func reportSnapshot(to member: NodeID, succeeded: Bool) {
        inbox.push(.snapshot(member, succeeded: succeeded))
    }

    /// Proposes `command` and waits until it is applied (see the type's guarantees).
    /// - Returns: the engine's result and the log index it was committed at.
    public func propose(_ command: QueueCommand) async throws(QueueServiceError) -> (CommandResult, LogIndex) {
        // The time is a placeholder; the loop restamps it with the leader's clock when it proposes.
        let payload = CommandCodec.encode(CommandEnvelope(time: Timestamp(milliseconds: 0), command: command))
        do {
            return try await withCheckedThrowingContinuation { continuation in
                inbox.push(NodeInbox.Proposal(payload: payload, waiter: continuation))
            }
        } catch let error as QueueServiceError {
            throw error
        } catch {
            throw .internalFailure("\(error)")
        }
    }

    /// Waits until a linearizable read may be served from the engine (see the type's guarantees).
    public func readBarrier() async throws(QueueServiceError) {
        do {
            try await withCheckedThrowingContinuation { continuation in inbox.pushRead(continuation) }
        } catch let error as QueueServiceError {
            throw error
        } catch {
            throw .internalFailure("\(error)")
        }
    }

    /// The leader's time for a read.
    public func readTime() -> Timestamp { clock.now() }

    /// If this node leads, hands leadership to the most up-to-date follower and waits (at most two election
    /// timeouts) until it has stepped down. Used before a graceful stop so that clients fail over at once.
    public func transferLeadership() async {
        await withCheckedContinuation { continuation in inbox.pushLeadershipTransfer(continuation) }
    }
}
