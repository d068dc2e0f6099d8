import ArgumentParser
import FlotillaServer
import Logging

/// `flotilla`: run a node, and (with the cluster work) manage certificates, the cluster, queues and messages.
@main
struct Flotilla: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flotilla",
        abstract: "A replicated message queue that speaks OpenStack Zaqar's v2 API.",
        subcommands: [Serve.self])
}

extension Flotilla {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a node.",
            discussion: """
                With --single-node, one process serves the Zaqar v2 API over its own SQLite database, with no
                replication: every acknowledged write is fsynced on this node. Try it:

                  flotilla serve --single-node --data /tmp/flotilla --listen 127.0.0.1:8080
                  curl -i -X PUT http://127.0.0.1:8080/v2/queues/demo \\
                       -H "Client-ID: $(uuidgen)" -H "X-Project-ID: demo"
                """)

        @Flag(help: "Serve alone, without replication.") var singleNode = false
        @Option(help: "Directory for this node's data (created if missing).") var data: String = "flotilla-data"
        @Option(help: "Address to serve the Zaqar API on, HOST:PORT.") var listen: String = "127.0.0.1:8080"

        func validate() throws {
            guard singleNode else { throw ValidationError("only --single-node is available in this release") }
            guard let colon = listen.lastIndex(of: ":"), Int(listen[listen.index(after: colon)...]) != nil else {
                throw ValidationError("--listen \(listen): expected HOST:PORT, e.g. 127.0.0.1:8080")
            }
        }

        func run() async throws {
            let colon = listen.lastIndex(of: ":")!
            var logger = Logger(label: "flotilla")
            logger.logLevel = .notice
            try await SingleNodeServer(
                dataDirectory: data, host: String(listen[..<colon]), port: Int(listen[listen.index(after: colon)...])!,
                logger: logger
            ).run()
        }
    }
}
