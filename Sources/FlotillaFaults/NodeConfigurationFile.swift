/// The YAML configuration of one ``LocalCluster`` node, in the format of `Docs/CONFIGURATION.md`.
///
/// Guarantee: the text passes `NodeConfiguration.load(path:)`: every member has a unique id, name, Raft address
/// and API URL; this node's own entry names its real Raft listener, while each peer's entry names the address
/// this node dials for it (the peer's Raft port, or the proxy of the link to it).
struct NodeConfigurationFile {
    /// The node's index (id = index + 1).
    var node: Int
    var size: Int
    /// Every node's API port, by index.
    var apiPorts: [Int]
    /// The port this node dials for each node's Raft traffic, by index; its own entry is its Raft listener.
    var raftAddresses: [Int]
    var dataDirectory: String
    var certificateDirectory: String
    /// A certificate file replacing the node's own, if any.
    var certificate: String?
    /// Its key file.
    var key: String?
    var snapshotEvery: Int?

    var yaml: String {
        let name = LocalCluster.name(node)
        var lines = [
            "# Written by LocalCluster (FlotillaFaults) for a test cluster on 127.0.0.1.",
            "node:",
            "  id: \(node + 1)",
            "  name: \(name)",
            "  data: \(quoted(dataDirectory))",
            "listen:",
            "  api: 127.0.0.1:\(apiPorts[node])",
            "  raft: 127.0.0.1:\(raftAddresses[node])",
            "tls:",
            "  ca: \(quoted(certificateDirectory + "/ca.pem"))",
            "  certificate: \(quoted(certificate ?? certificateDirectory + "/\(name).pem"))",
            "  key: \(quoted(key ?? certificateDirectory + "/\(name)-key.pem"))",
            "members:",
        ]
        for member in 0..<size {
            lines.append(
                "  - {id: \(member + 1), name: \(LocalCluster.name(member)), raft: 127.0.0.1:\(raftAddresses[member]), "
                    + "api: http://127.0.0.1:\(apiPorts[member])}")
        }
        if let snapshotEvery {
            lines.append("raft:")
            lines.append("  snapshot_every: \(snapshotEvery)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar (paths may contain characters YAML would otherwise read specially).
    private func quoted(_ text: String) -> String {
        "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }
}
