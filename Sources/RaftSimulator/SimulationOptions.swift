package import RaftCore

/// Everything that shapes one simulation run. ``swarm(seed:nodeCount:)`` derives it from the seed, so each seed
/// explores its own mix of faults (swarm testing, as in TigerBeetle's VOPR): one seed drops a lot of messages,
/// another crashes nodes often, another never partitions.
///
/// Time is counted in units; a Raft tick is ``tickUnits`` units, so message and disk delays can be shorter
/// than a tick.
public struct SimulationOptions: Sendable, CustomStringConvertible {
    public var seed: UInt64
    /// Voters at the start (3 or 5). Spare nodes beyond them can join through membership changes.
    public var nodeCount: Int
    public var spareCount = 2
    public var tickUnits = 10
    /// Ticks of the fault phase, during which safety is checked after every event.
    public var safetyTicks = 300
    /// The bound for the liveness phase: after healing, a leader and full commit must appear within it.
    public var livenessTicks = 600

    // Network faults.
    public var dropProbability = 0.0
    public var duplicateProbability = 0.0
    public var minDelayUnits = 1
    public var maxDelayUnits = 10

    // Disk: a Ready that must be fsynced completes after a delay; a crash meanwhile keeps a torn prefix.
    public var maxDiskLatencyUnits = 5

    // Nemesis, per tick.
    public var crashProbability = 0.0
    public var restartProbability = 0.1
    public var partitionProbability = 0.0
    public var healProbability = 0.05
    public var membershipChangeProbability = 0.0
    public var transferProbability = 0.0

    // Workload, per tick.
    public var proposeProbability = 0.5
    public var maxProposalsPerTick = 3
    public var readProbability = 0.1
    /// Applied entries between snapshots; 0 means never compact.
    public var snapshotInterval = 0

    // Core limits, small so flow control and batching limits are exercised.
    public var maxAppendBytes = 256
    public var maxInflightAppends = 4

    /// Deliberate core bugs, to show the checkers catch them.
    package var injectedBugs: Set<InjectedBug> = []

    public init(seed: UInt64, nodeCount: Int) {
        self.seed = seed
        self.nodeCount = nodeCount
    }

    /// The options seed `seed` picks for itself.
    public static func swarm(seed: UInt64, nodeCount: Int) -> SimulationOptions {
        var random = SplitMix64(seed: seed ^ 0x5157_4152_4D00_0000)
        var options = SimulationOptions(seed: seed, nodeCount: nodeCount)
        func pick<T>(_ choices: [T]) -> T { choices[Int.random(in: 0..<choices.count, using: &random)] }
        options.dropProbability = pick([0, 0, 0.01, 0.05, 0.15])
        options.duplicateProbability = pick([0, 0.01, 0.05])
        options.maxDelayUnits = pick([2, 10, 25, 50])
        options.maxDiskLatencyUnits = pick([0, 3, 10, 30])
        options.crashProbability = pick([0, 0.003, 0.01, 0.03])
        options.restartProbability = pick([0.03, 0.1, 0.3])
        options.partitionProbability = pick([0, 0.005, 0.02, 0.05])
        options.healProbability = pick([0.02, 0.05, 0.2])
        options.membershipChangeProbability = pick([0, 0.005, 0.02])
        options.transferProbability = pick([0, 0.005, 0.02])
        options.proposeProbability = pick([0.2, 0.5, 0.9])
        options.readProbability = pick([0, 0.1, 0.3])
        options.snapshotInterval = pick([0, 5, 20, 100])
        options.maxAppendBytes = pick([64, 256, 4096])
        options.maxInflightAppends = pick([1, 4, 64])
        return options
    }

    public var description: String {
        "seed=\(seed) nodes=\(nodeCount) drop=\(dropProbability) dup=\(duplicateProbability) delay=\(minDelayUnits)-\(maxDelayUnits)"
            + " disk=\(maxDiskLatencyUnits) crash=\(crashProbability) partition=\(partitionProbability)"
            + " membership=\(membershipChangeProbability) transfer=\(transferProbability) propose=\(proposeProbability)"
            + " read=\(readProbability) snapshotEvery=\(snapshotInterval) appendBytes=\(maxAppendBytes) inflight=\(maxInflightAppends)"
    }
}
