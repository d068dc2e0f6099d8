import ArgumentParser
import FlotillaFaults
import FlotillaVerify
import Foundation

extension FlotillaFault {
    /// `flotilla-fault run`: one seeded fault-injection run.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run nemesis rounds against a fresh local cluster and check the recorded history.")

        @Option(help: "Cluster size: 3 or 5.") var nodes = 3
        @Option(help: "Nemesis rounds.") var rounds = 20
        @Option(help: "Seed of the nemesis schedule and the consumers' choices (random if omitted).")
        var seed: UInt64?
        @Option(help: "Concurrent producers.") var producers = 2
        @Option(help: "Concurrent consumers.") var consumers = 2
        @Option(help: "Seconds each fault lasts.") var roundSeconds = 4.0
        @Option(help: "Seconds the cluster may take to recover after a fault is healed.") var recoverySeconds = 30.0
        @Option(
            help: "Nemeses to draw from, comma-separated: \(Nemesis.allCases.map(\.rawValue).joined(separator: ",")).")
        var nemeses = Nemesis.allCases.map(\.rawValue).joined(separator: ",")
        @Option(help: "The nodes' raft.snapshot_every.") var snapshotEvery = FaultRunOptions().snapshotEvery
        @Option(help: "The run directory (default: a fresh temporary directory).") var directory: String?
        @Option(help: "The flotilla binary (default: the one next to flotilla-fault).") var flotilla: String?
        @Flag(help: "Keep the run directory even if the run passes.") var keep = false

        func validate() throws {
            guard nodes == 3 || nodes == 5 else { throw ValidationError("--nodes: expected 3 or 5, got \(nodes)") }
            guard rounds >= 0, producers >= 1, consumers >= 1 else {
                throw ValidationError("--rounds must be at least 0, --producers and --consumers at least 1")
            }
            guard roundSeconds > 0, recoverySeconds > 0, snapshotEvery >= 1 else {
                throw ValidationError("--round-seconds, --recovery-seconds and --snapshot-every must be positive")
            }
            _ = try parsedNemeses()
        }

        func run() async throws {
            var options = FaultRunOptions()
            options.nodes = nodes
            options.rounds = rounds
            options.seed = seed ?? UInt64.random(in: 0...UInt64(UInt32.max))
            options.workload.producers = producers
            options.workload.consumers = consumers
            options.roundDuration = .milliseconds(Int64(roundSeconds * 1000))
            options.recoveryTimeout = .milliseconds(Int64(recoverySeconds * 1000))
            options.nemeses = try parsedNemeses()
            options.snapshotEvery = snapshotEvery
            options.directory = directory
            options.executable = flotilla
            options.keep = keep
            say("seed \(options.seed): flotilla-fault \(options.replayArguments)")
            let report = try await FaultRun(options: options).run { say($0) }
            say(report.summary)
            guard report.passed else {
                say(report.check.description)
                for failure in report.livenessFailures { say("liveness failure: \(failure)") }
                say("FAILED. Logs and history kept in \(report.directory)")
                say("replay the schedule: Scripts/fault-test.sh \(options.replayArguments)")
                say("re-check the history: flotilla-fault check \(report.historyPath)")
                throw ExitCode(1)
            }
            say("passed")
        }

        private func parsedNemeses() throws -> [Nemesis] {
            var chosen: [Nemesis] = []
            for word in nemeses.split(separator: ",") {
                guard let nemesis = Nemesis(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError(
                        "--nemeses: unknown \"\(word)\"; expected some of "
                            + Nemesis.allCases.map(\.rawValue).joined(separator: ","))
                }
                if !chosen.contains(nemesis) { chosen.append(nemesis) }
            }
            guard !chosen.isEmpty else { throw ValidationError("--nemeses: name at least one nemesis") }
            return chosen
        }
    }
}

/// Writes a line to standard output at once (unbuffered), so progress shows while the run goes and lines from
/// different tasks never interleave within a line.
@Sendable private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
