import AsyncHTTPClient
import FlotillaHTTP
import Foundation
import Hummingbird
public import Logging
import QueueEngine
import RaftCore
import RaftStorage
import RaftTransport
import ServiceLifecycle
import UnixSignals

/// A cluster node as a process (`flotilla serve --config FILE`): the Raft node, its peer transport, the Zaqar API
/// (served on the leader, forwarded from followers), and an orderly stop.
///
/// **Stopping.** On SIGTERM or SIGINT the node first hands leadership to the most up-to-date follower (so clients
/// fail over at once instead of after an election timeout), then stops accepting HTTP requests and finishes the
/// ones in flight, then stops the Raft loop and the transport and closes the log and the database. Services are
/// stopped in the reverse of their listed order (swift-service-lifecycle).
public struct ClusterServer: Sendable {
    public var configuration: NodeConfiguration
    public var logger: Logger

    public init(configuration: NodeConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        let config = configuration
        let data = config.dataDirectory
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let identity = TransportIdentity(
            caCertificatePEM: try String(contentsOfFile: config.tls.ca, encoding: .utf8),
            certificateChainPEM: try String(contentsOfFile: config.tls.certificate, encoding: .utf8),
            privateKeyPEM: try String(contentsOfFile: config.tls.key, encoding: .utf8))
        let transport = try PeerTransport(
            configuration: TransportConfiguration(
                localID: NodeID(config.id), localName: config.name, listenHost: config.listenRaft.host,
                listenPort: config.listenRaft.port,
                peers: config.peers.map {
                    PeerAddress(id: NodeID($0.id), name: $0.name, host: $0.raftHost, port: $0.raftPort)
                },
                identity: identity),
            logger: logger)
        let log = try DurableLog.open(directory: data + "/raft")
        defer { log.close() }
        let engine = try QueueEngine(path: data + "/queues.sqlite", durability: .replayedFromLog)
        defer { try? engine.close() }
        var settings = ClusterNodeSettings(
            id: NodeID(config.id), founders: config.members.map { NodeID($0.id) }, scratchDirectory: data)
        settings.tick = config.raft.tick
        settings.electionTicks = config.raft.electionTimeoutTicks
        settings.heartbeatTicks = config.raft.heartbeatTimeoutTicks
        settings.snapshotEvery = UInt64(config.raft.snapshotIntervalEntries)
        let node = try ClusterNode(
            settings: settings, log: log, engine: engine, wallClock: LocalQueueService.wallClock,
            send: { transport.send($0) }, logger: logger)

        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 256
        // A leader that just died refuses connections: answer 503 at once (the client retries, by then against a
        // new leader) instead of retrying the connection until the forward's deadline.
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        clientConfiguration.timeout.connect = .seconds(1)
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        let directory = ClusterDirectory(
            config.members.map { ClusterDirectory.Member(id: NodeID($0.id), name: $0.name, apiURL: $0.apiURL) })
        let service = ClusterQueueService(
            node: node, nodeName: config.name, linearizableReads: config.reads == .linearizable)
        let responder = ClusterResponder<BasicRequestContext>(
            api: ZaqarAPI(service: service, checksums: config.checksums), node: node, nodeName: config.name,
            directory: directory, proxy: LeaderProxy(client: httpClient, nodeName: config.name, timeout: .seconds(30)))
        let api = config.listenAPI
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(api.host, port: api.port), serverName: "Flotilla"),
            onServerRunning: { [logger, name = config.name] channel in
                // One machine-readable line on standard output, as in single-node mode.
                let port = channel.localAddress?.port ?? 0
                FileHandle.standardOutput.write(Data("listening on \(api.host):\(port)\n".utf8))
                logger.notice(
                    "serving the Zaqar v2 API", metadata: ["node": "\(name)", "address": "\(api.host):\(port)"])
            },
            logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: RaftService(node: node, transport: transport, engine: engine)),
                    .init(service: app),
                    .init(service: LeadershipHandoff(node: node)),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
    }
}

/// The Raft loop, the transport and housekeeping, as one service: it ends when the loop stops (on graceful
/// shutdown) and fails the whole process if the loop fails (storage).
private struct RaftService: Service {
    let node: ClusterNode
    let transport: PeerTransport
    let engine: QueueEngine

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await transport.run() }
            group.addTask { for await message in transport.inbound { node.receive(message) } }
            group.addTask {
                for await report in transport.reports {
                    switch report {
                    case .unreachable(let peer): node.reportUnreachable(peer)
                    case .snapshotDelivered(let peer, let succeeded):
                        node.reportSnapshot(to: peer, succeeded: succeeded)
                    }
                }
            }
            group.addTask {
                // A passive WAL checkpoint every second keeps each one small (see SingleNodeServer).
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(1))
                    try? engine.checkpoint()
                }
            }
            try await withGracefulShutdownHandler {
                try await node.run()
            } onGracefulShutdown: {
                node.stop()
            }
            group.cancelAll()
        }
    }
}

/// Listed last, so stopped first: hands leadership away before the HTTP server stops accepting requests.
private struct LeadershipHandoff: Service {
    let node: ClusterNode

    func run() async throws {
        try? await gracefulShutdown()
        await node.transferLeadership()
    }
}
