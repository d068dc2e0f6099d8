import ArgumentParser

/// `flotilla-fault`: fault injection against a real local cluster, judged by the queue-semantics checker.
@main
struct FlotillaFault: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flotilla-fault",
        abstract: "Inject faults into a local Flotilla cluster under a recorded workload and check the history.",
        discussion: """
            `run` (the default) starts a cluster of real `flotilla serve` processes on 127.0.0.1, runs producers
            and consumers through the client router, and each round applies one nemesis (SIGKILL or SIGTERM and
            restart, SIGSTOP/SIGCONT, or a network partition made by TCP proxies on every peer link) for a few
            seconds, heals it and waits for the cluster to recover. At the end it reads both queues in full and
            checks that no acknowledged message was lost, none was delivered twice, dead-lettering and FIFO held,
            and nothing appeared that was never posted. The exit status is non-zero on any violation or liveness
            failure; the output names the seed and the command that replays the schedule.

            Examples:
              flotilla-fault --rounds 20 --seed 7
              flotilla-fault --nodes 5 --rounds 500 --nemeses kill,partition --keep
              flotilla-fault check /tmp/flotilla-cluster-abc123/history.jsonl
            """,
        subcommands: [Run.self, Check.self],
        defaultSubcommand: Run.self)
}
