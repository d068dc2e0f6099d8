public import RaftCore

/// Feedback for the Raft node about delivery, mirroring etcd's `ReportUnreachable` and `ReportSnapshot`.
///
/// Guarantees: `.unreachable(peer)` is reported whenever messages to `peer` were dropped (connection down or
/// lost, queue full, message too large) — at least once per drop episode, possibly more; every `.snapshot`
/// message passed to ``PeerTransport/send(_:)`` gets exactly one `.snapshotDelivered` (succeeded only when the
/// receiver acknowledged the whole snapshot), unless the transport is shut down first.
public enum TransportReport: Sendable, Hashable {
    /// Messages to this peer were dropped; the leader should probe it again rather than stream appends.
    case unreachable(NodeID)
    /// A snapshot transfer to `to` ended: `succeeded` when the receiver got all of it intact.
    case snapshotDelivered(to: NodeID, succeeded: Bool)
}
