import ArgumentParser
import FlotillaServer
import Logging

/// `flotilla`: run a node, make certificates, and talk to a cluster (queues, messages, claims, status).
@main
struct Flotilla: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flotilla",
        abstract: "A replicated message queue that speaks OpenStack Zaqar's v2 API.",
        discussion: """
            A cluster is three (or five) `flotilla serve` nodes replicating one Raft log over mutual TLS; any \
            node answers the Zaqar v2 API, and a write is acknowledged once it is fsynced on a majority. The \
            client verbs find the leader by themselves (--endpoints; default: the local three-node cluster).

              Scripts/cluster-up.sh               # three nodes on 127.0.0.1:8001-8003
              flotilla cluster status             # who leads; what each node applied
              flotilla queue create orders
              flotilla message post orders '{"sku": "A-1"}'
              flotilla claim create orders --limit 5
              flotilla message delete orders ID --claim CLAIM-ID
              flotilla bench post --concurrency 64
            """,
        subcommands: [
            Serve.self, CertsCommands.self, ClusterCommands.self, QueueCommands.self, MessageCommands.self,
            ClaimCommands.self, BenchCommand.self,
        ])
}

extension Flotilla {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a node.",
            discussion: """
                With --config, run one member of a cluster as its YAML file describes (Docs/CONFIGURATION.md):
                a 2xx to a write means it is committed and fsynced on a majority of the members.

                  flotilla certs init --out certs --nodes n1,n2,n3
                  flotilla serve --config cluster-configs/local-3node/n1.yaml    # and n2, n3

                With --single-node, one process serves the Zaqar v2 API over its own SQLite database, with no
                replication: every acknowledged write is fsynced on this node.

                  flotilla serve --single-node --data /tmp/flotilla --listen 127.0.0.1:8080
                """)

        @Option(help: "This node's configuration file (YAML).") var config: String?
        @Flag(help: "Serve alone, without replication.") var singleNode = false
        @Option(help: "With --single-node: directory for the data (created if missing).") var data: String =
            "flotilla-data"
        @Option(help: "With --single-node: address to serve the Zaqar API on, HOST:PORT.") var listen: String =
            "127.0.0.1:8080"
        @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.") var logLevel: String =
            "notice"

        func validate() throws {
            guard singleNode != (config != nil) else {
                throw ValidationError("give either --config FILE (a cluster member) or --single-node")
            }
            guard Logger.Level(rawValue: logLevel) != nil else {
                throw ValidationError(
                    "--log-level \(logLevel): expected trace, debug, info, notice, warning, error or critical")
            }
            if singleNode {
                guard let colon = listen.lastIndex(of: ":"), Int(listen[listen.index(after: colon)...]) != nil else {
                    throw ValidationError("--listen \(listen): expected HOST:PORT, e.g. 127.0.0.1:8080")
                }
            }
        }

        func run() async throws {
            var logger = Logger(label: "flotilla")
            logger.logLevel = Logger.Level(rawValue: logLevel)!
            if let config {
                let configuration: NodeConfiguration
                do {
                    configuration = try NodeConfiguration.load(path: config)
                } catch {
                    throw ValidationError(error.description)
                }
                logger[metadataKey: "node"] = "\(configuration.name)"
                try await ClusterServer(configuration: configuration, logger: logger).run()
            } else {
                let colon = listen.lastIndex(of: ":")!
                try await SingleNodeServer(
                    dataDirectory: data, host: String(listen[..<colon]),
                    port: Int(listen[listen.index(after: colon)...])!, logger: logger
                ).run()
            }
        }
    }
}
