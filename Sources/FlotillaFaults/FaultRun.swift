public import Flotilla
import FlotillaVerify

/// A fault-injection run: a real local cluster, a recorded queue workload, and a seeded schedule of nemeses; at the
/// end the faults are healed, the queues are read in full, and ``QueueChecker`` judges the history.
///
/// Each round: wait for an agreed leader; draw a nemesis and its ``Fault`` from the seeded generator; apply it;
/// let the workload run for ``FaultRunOptions/roundDuration``; heal it; wait until a leader is agreed and every
/// node has caught up. If the cluster does not recover within ``FaultRunOptions/recoveryTimeout`` the run records
/// a liveness failure and stops injecting faults, but still heals everything and checks the history.
///
/// Guarantees: the workload runs throughout and stops only between operations, so every recorded operation is
/// complete; the final reads start only after the workers have stopped and every fault is healed; the history file
/// is written as the run goes; the run directory is kept whenever the run fails.
public struct FaultRun: Sendable {
    public var options: FaultRunOptions

    /// The project the workload's queues live in.
    public static let project = "fault-injection"

    public init(options: FaultRunOptions) {
        self.options = options
    }

    /// Runs the whole thing.
    /// - Parameter progress: receives one line per round and a few lines about setup and the end.
    /// - Returns: the report; check ``FaultRunReport/passed``.
    /// - Throws: ``FaultRunError`` when the run could not be carried out at all (the cluster did not start, the
    ///   queues could not be created); faults the cluster does not survive are reported, not thrown.
    public func run(progress: @escaping @Sendable (String) -> Void) async throws(FaultRunError) -> FaultRunReport {
        precondition(options.rounds >= 0 && !options.nemeses.isEmpty, "a run needs nemeses to draw from")
        let cluster: LocalCluster
        do {
            cluster = try await LocalCluster(
                nodes: options.nodes, executable: options.executable, directory: options.directory,
                proxied: options.nemeses.contains { $0.needsProxies }, snapshotEvery: options.snapshotEvery)
        } catch {
            throw .cluster(error)
        }
        progress("cluster: \(options.nodes) nodes in \(cluster.directory)")
        do {
            try await cluster.startAll()
            _ = try await cluster.waitForLeader(timeout: options.recoveryTimeout)
        } catch {
            cluster.keepDirectory = true
            throw .cluster(error)
        }
        let setup = WorkloadSetup(
            queue: "work-\(options.seed)", maxClaimCount: options.workload.maxClaimCount,
            deadLetterQueue: "dead-\(options.seed)")
        let historyPath = cluster.directory + "/history.jsonl"
        let recorder: HistoryRecorder
        do {
            recorder = try HistoryRecorder(setup: setup, path: historyPath)
        } catch {
            cluster.keepDirectory = true
            throw .history("\(historyPath): \(error)")
        }
        let workload = Workload(
            endpoints: cluster.endpoints, project: Self.project, setup: setup, options: options.workload,
            recorder: recorder, seed: options.seed)
        do {
            try await workload.createQueues()
        } catch {
            cluster.keepDirectory = true
            throw .setup(error)
        }

        var schedule = Schedule(options: options, cluster: cluster, progress: progress)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await workload.run() }
            await schedule.runRounds()
            await schedule.healEverything()
            workload.stop()
        }
        progress("workload stopped; reading the queues")
        await workload.finalRead(setup.queue)
        await workload.finalRead(setup.deadLetterQueue)
        recorder.closeFile()
        progress("checking \(recorder.history.events.count) events")
        var report = FaultRunReport(
            options: options, rounds: schedule.roundLines, leaderChanges: schedule.leaderChanges,
            livenessFailures: schedule.livenessFailures, check: QueueChecker.check(recorder.history),
            directory: cluster.directory, historyPath: historyPath, keptDirectory: false)
        cluster.stopAll()
        report.keptDirectory = options.keep || !report.passed
        cluster.keepDirectory = report.keptDirectory
        return report
    }
}

/// Why a ``FaultRun`` could not be carried out.
public enum FaultRunError: Error, Sendable, CustomStringConvertible {
    /// The cluster could not be prepared or started.
    case cluster(LocalClusterError)
    /// The history file could not be created.
    case history(String)
    /// The workload's queues could not be created.
    case setup(FlotillaClientError)

    public var description: String {
        switch self {
        case .cluster(let error): return "cluster: \(error)"
        case .history(let reason): return "history file: \(reason)"
        case .setup(let error): return "creating the queues: \(error)"
        }
    }
}
