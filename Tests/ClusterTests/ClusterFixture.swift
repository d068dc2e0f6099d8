import AsyncHTTPClient
import Flotilla
import FlotillaFaults
import Foundation
import NIOCore
import NIOHTTP1
import QueueModel
import Testing

/// Shared pieces of the real-process cluster tests: a started three-node cluster, clients for it, and raw HTTP.
struct ClusterFixture {
    let cluster: LocalCluster
    let client: FlotillaClient

    static let project = "cluster-tests"
    static let clientID = "3381af92-2b9e-11e3-b191-71861300734c"

    /// Starts a three-node cluster of `flotilla serve --config` processes and waits for an agreed leader.
    static func started(proxied: Bool = false) async throws -> ClusterFixture {
        let cluster = try await LocalCluster(nodes: 3, proxied: proxied)
        try await cluster.startAll()
        _ = try await cluster.waitForLeader()
        return ClusterFixture(cluster: cluster, client: try client(for: cluster.endpoints))
    }

    /// A client router over `endpoints` with a budget long enough to ride out an election.
    static func client(for endpoints: [String]) throws -> FlotillaClient {
        try FlotillaClient(
            endpoints: endpoints, project: project,
            configuration: RouterConfiguration(maxAttempts: 50, totalBudget: .seconds(20)))
    }

    /// Stops every node and the client.
    func stop() async throws {
        cluster.stopAll()
        try await client.shutdown()
    }

    /// The index of a node that is neither `node` nor any of `excluded`.
    static func other(than excluded: Int...) -> Int {
        (0..<3).first { !excluded.contains($0) }!
    }

    /// Claims everything claimable from `queue` (20 at a time, claim ttl 300 s) until a claim comes back empty,
    /// returning the claimed message ids in the order they were handed out.
    static func claimAll(_ queue: String, with client: FlotillaClient) async throws -> [String] {
        var ids: [String] = []
        while let claim = try await client.createClaim(queue, ttl: 300, grace: 60, limit: 20) {
            ids += claim.messages.map(\.id)
        }
        return ids
    }

    /// One raw HTTP request to `url` with the Zaqar headers, returning status, headers and body text.
    static func request(
        _ method: HTTPMethod, _ url: String, body: String? = nil
    ) async throws -> (status: Int, headers: HTTPHeaders, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Client-ID", value: clientID)
        request.headers.add(name: "X-Project-ID", value: project)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers, String(buffer: bytes))
    }
}
