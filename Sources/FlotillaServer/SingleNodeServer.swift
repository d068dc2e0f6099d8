import FlotillaHTTP
import Foundation
import Hummingbird
public import Logging
import QueueEngine

/// A one-node Flotilla: the Zaqar API over a local engine, no replication (`flotilla serve --single-node`).
/// It stops gracefully on SIGTERM or SIGINT (Hummingbird's service group): it stops accepting, finishes
/// in-flight requests, and closes the database.
public struct SingleNodeServer: Sendable {
    public var dataDirectory: String
    public var host: String
    public var port: Int
    public var logger: Logger

    public init(dataDirectory: String, host: String, port: Int, logger: Logger) {
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
        self.logger = logger
    }

    public func run() async throws {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let engine = try QueueEngine(path: dataDirectory + "/queues.sqlite", durability: .fsyncEachCommit)
        let service = try LocalQueueService(engine: engine)
        // Housekeeping: a passive WAL checkpoint every second keeps each checkpoint small (a large one competes
        // with commit fsyncs for the disk); expired state is dropped every ten seconds.
        let housekeeping = Task.detached {
            var tick = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                tick += 1
                await service.housekeep(expire: tick % 10 == 0)
            }
        }
        defer { housekeeping.cancel() }
        let app = Application(
            responder: ZaqarAPI<BasicRequestContext>(service: service),
            configuration: .init(address: .hostname(host, port: port), serverName: "Flotilla"),
            onServerRunning: { [host] channel in
                // One machine-readable line on standard output: scripts and tests that asked for port 0 read the
                // real port here.
                let port = channel.localAddress?.port ?? 0
                FileHandle.standardOutput.write(Data("listening on \(host):\(port)\n".utf8))
                logger.notice("serving the Zaqar v2 API", metadata: ["address": "\(host):\(port)"])
            },
            logger: logger)
        try await app.runService()
    }
}
