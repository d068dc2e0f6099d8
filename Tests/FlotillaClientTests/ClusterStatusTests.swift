// `GET /flotilla/v1/status` decoding and the cluster overview, against scripted nodes serving the documented JSON.
import Flotilla
import Hummingbird
import Testing

@Suite struct ClusterStatusTests {
    /// A status document; `members` is JSON text or nil.
    static func statusJSON(
        id: Int, name: String, role: String, term: Int, commit: Int, applied: Int, lastIndex: Int, leader: String?,
        leaderEndpoint: String?, members: String? = nil
    ) -> String {
        func quoted(_ text: String?) -> String { text.map { "\"\($0)\"" } ?? "null" }
        var text = """
            {"node": {"id": \(id), "name": "\(name)", "role": "\(role)", "term": \(term), "commit": \(commit), \
            "applied": \(applied), "lastIndex": \(lastIndex), "leader": \(quoted(leader)), \
            "leaderEndpoint": \(quoted(leaderEndpoint))}
            """
        if let members { text += ", \"members\": " + members }
        return text + "}"
    }

    /// A node serving `document()` at `/flotilla/v1/status` and 404 elsewhere.
    static func statusNode(_ document: @escaping @Sendable () -> String) -> ScriptedResponder {
        ScriptedResponder { request, _ in
            guard request.uri.path == "/flotilla/v1/status" else {
                return jsonResponse(.notFound, #"{"title": "404 Not Found"}"#)
            }
            return jsonResponse(.ok, document())
        }
    }

    /// Goal: the status JSON decodes exactly, on a leader (with members) and on a follower that knows no leader
    /// (nulls); the overview finds the leader, computes lag = leader's last index - node's applied, and also
    /// asks a member the leader reports that is not configured. Method: scripted leader and follower, and a
    /// member endpoint where nothing listens.
    @Test func overviewOfLeaderFollowerAndDownMember() async throws {
        let down = try await closedEndpoint()
        let leaderURL = SharedText()
        let followerURL = SharedText()
        let leader = Self.statusNode {
            Self.statusJSON(
                id: 1, name: "n1", role: "leader", term: 3, commit: 120, applied: 119, lastIndex: 121, leader: "n1",
                leaderEndpoint: leaderURL.text,
                members: """
                    [{"id": 1, "name": "n1", "endpoint": "\(leaderURL.text)", "voter": true, "match": 121, "next": 122, "state": "replicate"}, \
                    {"id": 2, "name": "n2", "endpoint": "\(followerURL.text)", "voter": true, "match": 118, "next": 119, "state": "replicate"}, \
                    {"id": 3, "name": "n3", "endpoint": "\(down)", "voter": false, "match": 0, "next": 1, "state": "probe"}]
                    """)
        }
        let follower = Self.statusNode {
            Self.statusJSON(
                id: 2, name: "n2", role: "preCandidate", term: 3, commit: 118, applied: 117, lastIndex: 119,
                leader: nil, leaderEndpoint: nil)
        }
        try await withServers([leader, follower]) { servers async throws in
            leaderURL.set(servers[0].url)
            followerURL.set(servers[1].url)
            try await withClient([servers[1].url, servers[0].url]) { client async throws in
                let status = try await client.clusterStatus(endpoint: servers[0].url)
                #expect(
                    status.node
                        == NodeStatus(
                            id: 1, name: "n1", role: .leader, term: 3, commit: 120, applied: 119, lastIndex: 121,
                            leader: "n1", leaderEndpoint: servers[0].url))
                #expect(status.members?.count == 3)
                #expect(
                    status.members?[2]
                        == MemberProgress(
                            id: 3, name: "n3", endpoint: down, voter: false, match: 0, next: 1, state: "probe"))
                let followerStatus = try await client.clusterStatus(endpoint: servers[1].url)
                #expect(followerStatus.node.role == .preCandidate)
                #expect(followerStatus.node.leader == nil)
                #expect(followerStatus.node.leaderEndpoint == nil)
                #expect(followerStatus.members == nil)

                let overview = await client.clusterOverview()
                #expect(overview.entries.map(\.endpoint) == [servers[1].url, servers[0].url, down])
                #expect(overview.leader?.node.name == "n1")
                #expect(overview.entries[0].status.map { overview.lag(of: $0.node) } == 4)
                #expect(overview.entries[1].status.map { overview.lag(of: $0.node) } == 2)
                #expect(overview.entries[2].status == nil)
                guard case .transport? = overview.entries[2].error else {
                    Issue.record(
                        "the down member should be a transport error: \(String(describing: overview.entries[2]))")
                    return
                }
            }
        }
    }

    /// Goal: a status answer that does not match the documented shape is a decoding error naming the field.
    /// Method: a node whose `term` is a string.
    @Test func malformedStatusIsADecodingError() async throws {
        let node = Self.statusNode {
            #"{"node": {"id": 1, "name": "n1", "role": "leader", "term": "3", "commit": 1, "applied": 1, "lastIndex": 1}}"#
        }
        try await withServers([node]) { servers async throws in
            try await withClient([servers[0].url]) { client async throws in
                let error = await expectClientError { try await client.clusterStatus(endpoint: servers[0].url) }
                guard case .decoding(let reason)? = error else {
                    Issue.record("expected a decoding error, got \(String(describing: error))")
                    return
                }
                #expect(reason.contains("node.term"), "\(reason)")
            }
        }
    }
}
