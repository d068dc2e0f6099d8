import ArgumentParser
import Flotilla
import QueueModel

/// `flotilla cluster ...`: look at the cluster's nodes.
struct ClusterCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Inspect the cluster's nodes.",
        discussion: """
              flotilla cluster status \
              flotilla cluster status --endpoints http://10.0.0.1:8001,http://10.0.0.2:8001 --json

            \(exitStatusHelp)
            """,
        subcommands: [Status.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every node's role, term, commit and applied index, and how far it trails the leader.",
            discussion: """
                Asks each endpoint (and each member the leader reports) for GET /flotilla/v1/status, at the \
                same time. LAG is the leader's last log index minus the node's applied index: 0 means the node \
                has applied everything the leader has. Below the table, the leader's view of each member's \
                replication (MATCH: the highest index known to be on it; NEXT: the next index it will be sent).

                  flotilla cluster status

                  NODE  ENDPOINT               ROLE      TERM  COMMIT  APPLIED  LAG
                  n1    http://127.0.0.1:8001  leader    3     120     120      0
                  n2    http://127.0.0.1:8002  follower  3     120     118      2
                  -     http://127.0.0.1:8003  down      -     -       -        -

                A node that does not answer shows as down, with the reason at the end of its row. Exits with \
                status 3 when no node answers, else 0.
                """)

        @OptionGroup var client: ClientOptions

        func run() async throws {
            try await client.withClient { flotilla in
                let overview = await flotilla.clusterOverview()
                if client.json {
                    Output.json(Self.json(overview))
                } else {
                    Self.printTable(overview)
                }
                // The table already says why each node did not answer.
                if overview.entries.allSatisfy({ $0.status == nil }) { throw ExitCode(3) }
            }
        }

        static func json(_ overview: ClusterOverview) -> JSONValue {
            let nodes = overview.entries.map { entry -> JSONValue in
                var object = JSONObject([("endpoint", .string(entry.endpoint))])
                if let node = entry.status?.node {
                    object["id"] = .int(Int64(truncatingIfNeeded: node.id))
                    object["name"] = .string(node.name)
                    object["role"] = .string(node.role.rawValue)
                    object["term"] = .int(Int64(truncatingIfNeeded: node.term))
                    object["commit"] = .int(Int64(truncatingIfNeeded: node.commit))
                    object["applied"] = .int(Int64(truncatingIfNeeded: node.applied))
                    object["lastIndex"] = .int(Int64(truncatingIfNeeded: node.lastIndex))
                    object["leader"] = Output.optional(node.leader)
                    object["lag"] = overview.lag(of: node).map { .int(Int64(truncatingIfNeeded: $0)) } ?? .null
                } else {
                    object["error"] = .string(Self.reason(entry.error))
                }
                return .object(object)
            }
            let members = (overview.leader?.members ?? []).map { member -> JSONValue in
                .object(
                    JSONObject([
                        ("id", .int(Int64(truncatingIfNeeded: member.id))), ("name", .string(member.name)),
                        ("endpoint", .string(member.endpoint)), ("voter", .bool(member.voter)),
                        ("match", .int(Int64(truncatingIfNeeded: member.match))),
                        ("next", .int(Int64(truncatingIfNeeded: member.next))), ("state", .string(member.state)),
                    ]))
            }
            return .object(
                JSONObject([
                    ("leader", Output.optional(overview.leader?.node.name)), ("nodes", .array(nodes)),
                    ("members", .array(members)),
                ]))
        }

        /// Why a node gave no status, in a few words (a transport failure's cause, not the router's summary).
        static func reason(_ error: FlotillaClientError?) -> String {
            switch error {
            case .transport(let failure)?: return failure.lastError
            case .api(let refusal)?: return "HTTP \(refusal.status)" + (refusal.title.map { " \($0)" } ?? "")
            case let other?: return other.description
            case nil: return "no answer"
            }
        }

        static func printTable(_ overview: ClusterOverview) {
            let rows = overview.entries.map { entry -> [String] in
                guard let node = entry.status?.node else {
                    return ["-", entry.endpoint, "down", "-", "-", "-", "-", "(\(Self.reason(entry.error)))"]
                }
                return [
                    node.name, entry.endpoint, node.role.rawValue, "\(node.term)", "\(node.commit)", "\(node.applied)",
                    overview.lag(of: node).map { "\($0)" } ?? "?", "",
                ]
            }
            Output.table(["NODE", "ENDPOINT", "ROLE", "TERM", "COMMIT", "APPLIED", "LAG", ""], rows)
            guard let leader = overview.leader else {
                print("\nno leader answered; LAG is unknown")
                return
            }
            guard let members = leader.members, !members.isEmpty else { return }
            print("\nreplication, as leader \(leader.node.name) sees it (term \(leader.node.term)):")
            Output.table(
                ["MEMBER", "VOTER", "MATCH", "NEXT", "STATE"],
                members.map { [$0.name, $0.voter ? "yes" : "no", "\($0.match)", "\($0.next)", $0.state] })
        }
    }
}
