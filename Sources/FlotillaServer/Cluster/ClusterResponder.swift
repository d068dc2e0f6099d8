import FlotillaHTTP
import HTTPTypes
import Hummingbird
import QueueModel
import RaftCore

/// The HTTP front of a cluster node. Reads (GET, HEAD) are served by whichever node receives them — on a follower
/// after a ReadIndex round through the leader, so they are as linearizable as the leader's (``ClusterQueueService``),
/// unless the node is configured for stale reads. Mutations are served by the leader; a follower forwards them
/// (``LeaderProxy``); with no leader known the answer is 503 with `Retry-After`. `GET /flotilla/v1/status` is
/// always answered locally.
///
/// Every answer names the leader this node knows in `X-Flotilla-Leader` (its name) and
/// `X-Flotilla-Leader-Endpoint` (its API base URL), so a client's router can go straight there next time.
struct ClusterResponder<Context: RequestContext>: HTTPResponder {
    static var leaderHeader: HTTPField.Name { HTTPField.Name("X-Flotilla-Leader")! }
    static var leaderEndpointHeader: HTTPField.Name { HTTPField.Name("X-Flotilla-Leader-Endpoint")! }

    let api: ZaqarAPI<Context>
    let node: ClusterNode
    let nodeName: String
    let directory: ClusterDirectory
    let proxy: LeaderProxy

    func respond(to request: Request, context: Context) async throws -> Response {
        guard let status = node.status else {
            return Self.unavailable("The node is starting or stopping.")
        }
        if request.uri.path == StatusDocument.path, request.method == .get {
            let document = StatusDocument.render(status, nodeName: nodeName, directory: directory)
            var headers: HTTPFields = [.contentType: "application/json"]
            addLeader(status, to: &headers)
            return Response(
                status: .ok, headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: JSONSerializer.serialize(document))))
        }
        let isRead = request.method == .get || request.method == .head
        if status.role == .leader || isRead {
            var response = try await api.respond(to: request, context: context)
            addLeader(status, to: &response.headers)
            return response
        }
        if request.headers[LeaderProxy.forwardedHeader] != nil {
            return Self.unavailable("The request was forwarded to \(nodeName), which does not lead any more.")
        }
        guard let leader = directory[status.leader] else {
            return Self.unavailable("The cluster has no leader (an election is under way).")
        }
        return await proxy.forward(request, to: leader.apiURL)
    }

    private func addLeader(_ status: RaftStatus, to headers: inout HTTPFields) {
        guard let leader = directory[status.leader] else { return }
        headers[Self.leaderHeader] = leader.name
        headers[Self.leaderEndpointHeader] = leader.apiURL
    }

    private static func unavailable(_ reason: String) -> Response {
        ZaqarError.from(QueueServiceError.unavailable(reason: reason, retryAfterSeconds: 1)).response()
    }
}
