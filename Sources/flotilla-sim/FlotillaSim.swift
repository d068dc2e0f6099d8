import ArgumentParser
import RaftCore
import RaftSimulator

/// `flotilla-sim`: the deterministic cluster simulator from the command line.
@main
struct FlotillaSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flotilla-sim",
        abstract: "Run Flotilla's Raft core through the deterministic cluster simulator.",
        discussion: """
            Every seed picks its own fault mix (message loss, duplication, delay, partitions, crashes with torn
            writes, membership changes, leadership transfers), runs a safety phase with every invariant checked
            after every event, then heals and requires convergence. A failure prints the seed and the command
            that replays it with a full trace.

            Examples:
              flotilla-sim --seeds 1000 --nodes 5
              flotilla-sim --seed 42 --nodes 3 --verbose
              flotilla-sim bench --entries 2000000
            """,
        subcommands: [Run.self, Bench.self],
        defaultSubcommand: Run.self)
}

extension FlotillaSim {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run simulation seeds (the default).")

        @Option(help: "How many consecutive seeds to run.")
        var seeds: Int = 100

        @Option(help: "The first seed.")
        var firstSeed: UInt64 = 1

        @Option(help: "Run exactly this seed (overrides --seeds and --first-seed).")
        var seed: UInt64?

        @Option(help: "Voters at the start: 3 or 5.")
        var nodes: Int = 3

        @Flag(help: "Print every event of the run (use with --seed).")
        var verbose = false

        @Option(help: "Enable a deliberate core bug to see the checkers catch it: vote-twice or commit-old-term.")
        var injectBug: [String] = []

        func validate() throws {
            guard nodes == 3 || nodes == 5 else { throw ValidationError("--nodes must be 3 or 5") }
            guard seeds > 0 else { throw ValidationError("--seeds must be positive") }
            for name in injectBug where InjectedBug(flagName: name) == nil {
                throw ValidationError("--inject-bug \(name): expected vote-twice or commit-old-term")
            }
        }

        func run() throws {
            var runner = SeedRunner(nodeCount: nodes)
            runner.injectedBugs = Set(injectBug.compactMap(InjectedBug.init(flagName:)))
            if let seed, verbose {
                let report = Simulation(options: runner.options(seed: seed), traceSink: { print($0) }).run()
                print(
                    report.passed
                        ? "seed \(seed) passed: \(report.acknowledged) acknowledged writes" : runner.describe(report))
                if !report.passed { throw ExitCode.failure }
                return
            }
            let range = seed.map { $0...$0 } ?? firstSeed...(firstSeed + UInt64(seeds) - 1)
            let summary = runner.run(seeds: range)
            if let failure = summary.failure {
                print(runner.describe(failure))
                throw ExitCode.failure
            }
            print(
                "\(summary.seeds) seeds passed (\(nodes) nodes): \(summary.events) events, \(summary.acknowledged) acknowledged writes, "
                    + "\(summary.readsServed) linearizable reads, slowest convergence \(summary.maxLivenessTicks) ticks"
            )
            let marks = summary.coverage.counts.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }
            print("coverage: " + marks.joined(separator: " "))
            if !summary.coverage.missing.isEmpty { print("never reached: \(summary.coverage.missing.map(\.rawValue))") }
        }
    }
}
