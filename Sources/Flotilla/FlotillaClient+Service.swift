import NIOHTTP1
import QueueModel

extension FlotillaClient {
    /// Whether a node can serve (`GET /v2/ping`).
    /// - Returns: true when a node answered 2xx; false when the nodes answered 503 (storage not available) until
    ///   the budget ran out.
    /// - Throws: ``FlotillaClientError`` when no node answered, or one refused the request.
    public func ping() async throws(FlotillaClientError) -> Bool {
        do {
            _ = try await call(.GET, "/v2/ping", retry: .read, expected: [200, 204])
            return true
        } catch .api(let error) where error.status == 503 {
            return false
        }
    }

    /// The server's self-test (`GET /v2/health`): it creates a queue, posts, claims, lists, deletes and drops it,
    /// timing each step.
    /// - Parameter roles: the `X-Roles` to send; the endpoint requires `admin` (else 403).
    /// - Throws: ``FlotillaClientError``; a failed self-test is an ``FlotillaClientError/api(_:)`` 503.
    public func health(roles: [String] = ["admin"]) async throws(FlotillaClientError) -> HealthReport {
        let headers = roles.isEmpty ? [] : [(name: "X-Roles", value: roles.joined(separator: ","))]
        let response = try await call(.GET, "/v2/health", retry: .read, headers: headers, expected: [200])
        let document = try JSONReader.parse(response.body, what: "health")
        let steps = try document.field("operation_status")
        var operations: [HealthReport.Operation] = []
        for name in try steps.object().keys {
            let step = try steps.field(name)
            operations.append(
                HealthReport.Operation(
                    name: name, succeeded: try step.field("succeeded").bool(),
                    seconds: try step.field("seconds").double()))
        }
        return HealthReport(storageReachable: try document.field("storage_reachable").bool(), operations: operations)
    }

    /// One node's Raft status (`GET /flotilla/v1/status` on that node; no failover).
    /// - Parameter endpoint: the node's API base URL (need not be one of ``endpoints``).
    /// - Throws: ``FlotillaClientError``: ``FlotillaClientError/transport(_:)`` if the node does not answer within
    ///   the per-request timeout.
    public func clusterStatus(endpoint: String) async throws(FlotillaClientError) -> ClusterStatus {
        guard let url = Router.normalised(endpoint) else {
            throw .invalidArgument("endpoint \"\(endpoint)\": expected a base URL such as http://127.0.0.1:8001")
        }
        let request = RouterRequest(method: .GET, target: "/flotilla/v1/status", retry: .read)
        let response = try await router.sendOnce(request, to: url)
        guard response.status == 200 else { throw .api(Router.apiError(response)) }
        return try ClusterStatus.decode(try JSONReader.parse(response.body, what: "cluster status"))
    }
}
