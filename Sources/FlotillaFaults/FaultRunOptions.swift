/// Everything that defines a fault-injection run. With the same options (seed included) a run injects the same
/// sequence of nemeses; which node is the leader at each round is up to the cluster.
public struct FaultRunOptions: Sendable, Hashable {
    /// Cluster size (3 or 5).
    public var nodes = 3
    /// Nemesis rounds.
    public var rounds = 20
    /// Seeds the nemesis schedule and the consumers' choices.
    public var seed: UInt64 = 1
    /// How long each fault lasts while the workload runs.
    public var roundDuration = Duration.seconds(4)
    /// The nemeses to draw from, uniformly.
    public var nemeses: [Nemesis] = Nemesis.allCases
    /// How long the cluster may take to elect a leader and catch up after a fault is healed; longer is a
    /// liveness failure.
    public var recoveryTimeout = Duration.seconds(30)
    /// The nodes' `raft.snapshot_every`: small, so restarted nodes sometimes catch up from a snapshot.
    public var snapshotEvery = 1_000
    /// The workload.
    public var workload = WorkloadOptions()
    /// The `flotilla` binary; ``LocalCluster/defaultExecutable`` if nil.
    public var executable: String?
    /// The run directory (cluster files, logs, `history.jsonl`); a fresh temporary one if nil.
    public var directory: String?
    /// Keep the run directory even when the run passes (it is always kept when it fails).
    public var keep = false

    public init() {}

    /// The `flotilla-fault` arguments that repeat this run.
    public var replayArguments: String {
        var words = [
            "--nodes \(nodes)", "--rounds \(rounds)", "--seed \(seed)",
            "--producers \(workload.producers)", "--consumers \(workload.consumers)",
            "--round-seconds \(LocalCluster.seconds(roundDuration))",
            "--nemeses \(nemeses.map(\.rawValue).joined(separator: ","))",
        ]
        if snapshotEvery != FaultRunOptions().snapshotEvery { words.append("--snapshot-every \(snapshotEvery)") }
        return words.joined(separator: " ")
    }
}
