import QueueModel
import RaftCore

/// `GET /flotilla/v1/status`: this node's view of the cluster, as JSON. Every node answers it itself (it is never
/// forwarded), so an operator or the client router can ask any node who leads.
///
/// Shape (what the `Flotilla` client's `ClusterStatus` decodes): `{"node": {"id", "name", "role", "term",
/// "commit", "applied", "lastIndex", "leader"?, "leaderEndpoint"?}, "members"?: [{"id", "name", "endpoint",
/// "voter", "match", "next", "state"}]}`. `leader` is absent when no leader is known; `members` is present only
/// on the leader, which alone tracks replication progress.
enum StatusDocument {
    static let path = "/flotilla/v1/status"

    static func render(_ status: RaftStatus, nodeName: String, directory: ClusterDirectory) -> JSONValue {
        var node = JSONObject()
        node["id"] = .int(Int64(status.id.rawValue))
        node["name"] = .string(nodeName)
        node["role"] = .string(status.role.rawValue)
        node["term"] = .int(Int64(status.term.rawValue))
        node["commit"] = .int(Int64(status.commit.rawValue))
        node["applied"] = .int(Int64(status.applied.rawValue))
        node["lastIndex"] = .int(Int64(status.lastIndex.rawValue))
        if let leader = directory[status.leader] {
            node["leader"] = .string(leader.name)
            node["leaderEndpoint"] = .string(leader.apiURL)
        }
        var document = JSONObject()
        document["node"] = .object(node)
        if status.role == .leader {
            document["members"] = .array(
                directory.members.compactMap { member -> JSONValue? in
                    guard let progress = status.progress[member.id] else { return nil }
                    var entry = JSONObject()
                    entry["id"] = .int(Int64(member.id.rawValue))
                    entry["name"] = .string(member.name)
                    entry["endpoint"] = .string(member.apiURL)
                    entry["voter"] = .bool(status.confState.isVoter(member.id))
                    entry["match"] = .int(Int64(progress.match.rawValue))
                    entry["next"] = .int(Int64(progress.next.rawValue))
                    entry["state"] = .string(progress.state.rawValue)
                    return .object(entry)
                })
        }
        return .object(document)
    }
}
