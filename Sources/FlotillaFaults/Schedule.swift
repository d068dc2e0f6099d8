import Foundation
import RaftCore

/// The nemesis side of a ``FaultRun``: draws each round's fault from the seeded generator, applies it, heals it,
/// and waits for the cluster to recover, keeping a line per round.
///
/// Guarantee: at most one fault is active at a time, and ``healEverything()`` leaves every node running and
/// unpaused and every link healed.
struct Schedule {
    let options: FaultRunOptions
    let cluster: LocalCluster
    let progress: @Sendable (String) -> Void
    private var generator: SplitMix64
    private(set) var roundLines: [String] = []
    private(set) var leaderChanges = 0
    private(set) var livenessFailures: [String] = []
    /// The last agreed leader seen.
    private var lastLeader: Int?

    init(options: FaultRunOptions, cluster: LocalCluster, progress: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.cluster = cluster
        self.progress = progress
        generator = SplitMix64(seed: options.seed)
    }

    /// Runs the rounds, stopping early after a liveness failure.
    mutating func runRounds() async {
        guard options.rounds > 0 else { return }
        for round in 1...options.rounds {
            let clock = ContinuousClock()
            let started = clock.now
            let leader: Int
            do {
                leader = try await cluster.waitForLeader(timeout: options.recoveryTimeout)
            } catch {
                fail("round \(round): before the fault: \(error)")
                return
            }
            observe(leader)
            let nemesis = options.nemeses.randomElement(using: &generator)!
            let fault = nemesis.fault(leader: leader, size: cluster.size, using: &generator)
            do {
                try await fault.apply(to: cluster)
                try? await Task.sleep(for: options.roundDuration)
                try await fault.heal(cluster)
            } catch {
                fail("round \(round): \(fault): \(error)")
                return
            }
            let healed = clock.now
            let recovered: Int
            do {
                recovered = try await cluster.waitForReplication(timeout: options.recoveryTimeout)
            } catch {
                fail("round \(round): after healing \(fault): \(error)")
                return
            }
            observe(recovered)
            let recovery = LocalCluster.seconds(healed.duration(to: clock.now))
            let total = LocalCluster.seconds(started.duration(to: clock.now))
            let line =
                "round \(round)/\(options.rounds): \(fault) (leader was \(LocalCluster.name(leader))); "
                + "recovered in \(format(recovery)) s, leader \(LocalCluster.name(recovered)); round \(format(total)) s"
            roundLines.append(line)
            progress(line)
        }
    }

    /// Heals every link, resumes every paused node and starts every stopped one, then waits for a leader.
    mutating func healEverything() async {
        cluster.healAll()
        for node in 0..<cluster.size where cluster.isPaused(node) { cluster.resume(node) }
        do {
            try await cluster.startAll()
            observe(try await cluster.waitForReplication(timeout: options.recoveryTimeout))
        } catch {
            fail("after healing everything: \(error)")
        }
    }

    private mutating func observe(_ leader: Int) {
        if let lastLeader, lastLeader != leader { leaderChanges += 1 }
        lastLeader = leader
    }

    private mutating func fail(_ reason: String) {
        livenessFailures.append(reason)
        progress("LIVENESS FAILURE: \(reason)")
    }

    private func format(_ seconds: Double) -> String {
        String(format: "%.1f", seconds)
    }
}
