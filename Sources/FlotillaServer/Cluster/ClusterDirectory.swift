import RaftCore

/// The founding members as the HTTP side needs them: names and API URLs by Raft id.
struct ClusterDirectory: Sendable {
    struct Member: Sendable {
        var id: NodeID
        var name: String
        var apiURL: String
    }

    let members: [Member]

    init(_ members: [Member]) {
        self.members = members.sorted { $0.id < $1.id }
    }

    subscript(id: NodeID) -> Member? { members.first { $0.id == id } }
}
