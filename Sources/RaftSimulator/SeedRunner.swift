package import RaftCore

/// Runs many seeds and summarises them: what `flotilla-sim` and the CI tests both use.
public struct SeedRunner: Sendable {
    /// The result of a batch of seeds: the first failure (with its replay command) or totals.
    public struct Summary: Sendable {
        public var seeds = 0
        public var events = 0
        public var acknowledged = 0
        public var readsServed = 0
        public var maxLivenessTicks = 0
        public var coverage = Coverage()
        public var failure: Simulation.Report?
    }

    public var nodeCount: Int
    package var injectedBugs: Set<InjectedBug> = []
    /// Applied to every seed's swarm options, e.g. to force a fault profile in a test.
    public var adjustOptions: @Sendable (inout SimulationOptions) -> Void = { _ in }

    public init(nodeCount: Int) {
        self.nodeCount = nodeCount
    }

    /// The options a seed runs with.
    public func options(seed: UInt64) -> SimulationOptions {
        var options = SimulationOptions.swarm(seed: seed, nodeCount: nodeCount)
        options.injectedBugs = injectedBugs
        adjustOptions(&options)
        return options
    }

    /// Runs `seeds` in order, stopping at the first failure.
    public func run(seeds: some Sequence<UInt64>) -> Summary {
        var summary = Summary()
        for seed in seeds {
            let report = Simulation(options: options(seed: seed)).run()
            summary.seeds += 1
            summary.events += report.events
            summary.acknowledged += report.acknowledged
            summary.readsServed += report.readsServed
            summary.maxLivenessTicks = max(summary.maxLivenessTicks, report.livenessTicksUsed ?? 0)
            summary.coverage.merge(report.coverage)
            if !report.passed {
                summary.failure = report
                break
            }
        }
        return summary
    }

    /// The one command that replays `seed` with a full trace.
    public func replayCommand(seed: UInt64) -> String {
        var command = "swift run -c release flotilla-sim --seed \(seed) --nodes \(nodeCount) --verbose"
        for bug in injectedBugs.sorted(by: { "\($0)" < "\($1)" }) { command += " --inject-bug \(bug.flagName)" }
        return command
    }

    /// A failure report: the violation, the seed's options, the trace leading to it and the replay command.
    public func describe(_ report: Simulation.Report) -> String {
        var lines = ["FAILED seed \(report.options.seed): \(report.violation.map { "\($0)" } ?? "?")"]
        lines.append("options: \(report.options)")
        lines.append("last events:")
        lines += report.recentTrace.map { "  \($0)" }
        lines.append("replay: \(replayCommand(seed: report.options.seed))")
        return lines.joined(separator: "\n")
    }
}

extension InjectedBug {
    /// The `--inject-bug` value naming this bug.
    package var flagName: String {
        switch self {
        case .voteTwicePerTerm: return "vote-twice"
        case .commitOldTermEntries: return "commit-old-term"
        }
    }

    package init?(flagName: String) {
        switch flagName {
        case "vote-twice": self = .voteTwicePerTerm
        case "commit-old-term": self = .commitOldTermEntries
        default: return nil
        }
    }
}
