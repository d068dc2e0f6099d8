import AsyncHTTPClient
public import Flotilla
import NIOCore
public import QueueModel

/// Makes the ``FlotillaClient`` of a benchmark: one client for the whole run, whose HTTP connection pool keeps a
/// connection per concurrent request to a node, so requests never queue for a connection inside the load
/// generator (AsyncHTTPClient keeps 8 per host by default).
public enum BenchClient {
    /// Runs `body` with a client whose pool holds `connections` connections per node, and shuts the pool down
    /// afterwards, also when `body` throws.
    /// - Parameters:
    ///   - endpoints: the nodes' API base URLs.
    ///   - project: the project id (`X-Project-ID`).
    ///   - clientID: the `Client-ID`; a random one if nil.
    ///   - configuration: the router's limits; its `requestTimeout` is also the connect timeout.
    ///   - connections: connections kept per node; use ``BenchConfiguration/connections``.
    /// - Throws: ``FlotillaClientError/invalidArgument(_:)`` for a bad endpoint or project, or what `body` throws.
    public static func withClient<T>(
        endpoints: [String], project: String, clientID: ClientID? = nil, configuration: RouterConfiguration,
        connections: Int, _ body: (FlotillaClient) async throws -> T
    ) async throws -> T {
        precondition(connections >= 1, "a pool needs at least one connection")
        var settings = HTTPClient.Configuration()
        settings.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connections
        // As FlotillaClient's own pool: fail a refused connection at once so the router fails over.
        settings.connectionPool.retryConnectionEstablishment = false
        settings.timeout = .init(connect: .nanoseconds(Self.nanoseconds(configuration.requestTimeout)), read: nil)
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: settings)
        do {
            let client = try FlotillaClient(
                endpoints: endpoints, project: project, clientID: clientID, httpClient: http,
                configuration: configuration)
            let result = try await body(client)
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
