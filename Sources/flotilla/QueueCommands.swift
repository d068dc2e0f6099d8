import ArgumentParser
import Flotilla
import QueueModel

/// `flotilla queue ...`: create, list, inspect and delete queues.
struct QueueCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Create, list, inspect and delete queues.",
        discussion: """
            Queues belong to a project (--project) and are created on demand: posting to a queue that does not \
            exist creates it. Every command talks to the cluster through --endpoints and follows the leader.

              flotilla queue create orders --metadata '{"_default_message_ttl": 600}'
              flotilla queue list --detailed
              flotilla queue stats orders
              flotilla queue delete orders

            \(exitStatusHelp)
            """,
        subcommands: [Create.self, List.self, Stats.self, Delete.self, Purge.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a queue (an existing queue is left as it is).",
            discussion: """
                The metadata is a JSON object; reserved keys set the queue's behaviour, e.g. \
                _default_message_ttl (seconds), _max_messages_post_size (bytes), _dead_letter_queue and \
                _max_claim_count. Creating a queue that exists succeeds and does not change its metadata.

                  flotilla queue create orders
                  flotilla queue create orders --metadata '{"_default_message_ttl": 600, "team": "shop"}'
                """)

        @OptionGroup var client: ClientOptions
        @Argument(help: "The queue name: 1-64 characters of A-Z a-z 0-9 _ - .") var name: String
        @Option(help: ArgumentHelp("The queue's metadata, a JSON object.", valueName: "json")) var metadata: String?

        func run() async throws {
            var object = JSONObject()
            if let metadata {
                guard case .object(let parsed)? = try? JSONParser.parse(metadata) else {
                    throw ValidationError("--metadata: expected a JSON object, e.g. '{\"_default_message_ttl\": 600}'")
                }
                object = parsed
            }
            try await client.withClient { flotilla in
                let created = try await flotilla.createQueue(name, metadata: object)
                if client.json {
                    Output.json(.object(JSONObject([("queue", .string(name)), ("created", .bool(created))])))
                } else {
                    print(created ? "created queue \(name)" : "queue \(name) already exists (metadata unchanged)")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the project's queues, by name.",
            discussion: """
                Pages hold up to --limit queues. Without --all one page is printed, followed by the marker that \
                fetches the next one; with --all every page is fetched.

                  flotilla queue list
                  flotilla queue list --all --detailed
                  flotilla queue list --limit 5 --marker orders
                """)

        @OptionGroup var client: ClientOptions
        @Option(help: "Queues per page, 1-20.") var limit: Int = 20
        @Option(help: "Start after this queue name (the marker a previous page printed).") var marker: String?
        @Option(help: "Only queues whose name contains this text.") var name: String?
        @Flag(help: "Show each queue's metadata.") var detailed = false
        @Flag(help: "Fetch every page.") var all = false

        func run() async throws {
            try await client.withClient { flotilla in
                var queues: [QueueListing] = []
                var next = marker
                repeat {
                    let page = try await flotilla.listQueues(
                        marker: next, limit: limit, detailed: detailed, nameContains: name)
                    queues += page.queues
                    next = page.nextMarker
                } while all && next != nil
                if client.json {
                    let items = queues.map { queue -> JSONValue in
                        var object = JSONObject([("name", .string(queue.name))])
                        if let metadata = queue.metadata { object["metadata"] = .object(metadata) }
                        return .object(object)
                    }
                    Output.json(
                        .object(JSONObject([("queues", .array(items)), ("next_marker", Output.optional(next))])))
                    return
                }
                if detailed {
                    Output.table(
                        ["NAME", "METADATA"],
                        queues.map { [$0.name, $0.metadata.map { JSONSerializer.serialize(.object($0)) } ?? "{}"] })
                } else {
                    queues.forEach { print($0.name) }
                }
                if !all, let next { print("(next page: --marker \(next))") }
            }
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a queue's message counts and its oldest and newest messages.",
            discussion: """
                "free" counts messages not under a claim (delayed ones included); "claimed" those under an \
                active claim. A queue that does not exist shows zeros.

                  flotilla queue stats orders
                  flotilla queue stats orders --json
                """)

        @OptionGroup var client: ClientOptions
        @Argument(help: "The queue name.") var name: String

        func run() async throws {
            try await client.withClient { flotilla in
                let stats = try await flotilla.queueStats(name)
                if client.json {
                    func mark(_ mark: MessageMark?) -> JSONValue {
                        guard let mark else { return .null }
                        return .object(
                            JSONObject([
                                ("id", .string(mark.id)), ("age", .int(Int64(mark.age))),
                                ("created", .string(mark.created)),
                            ]))
                    }
                    Output.json(
                        .object(
                            JSONObject([
                                ("queue", .string(name)), ("claimed", .int(Int64(stats.claimed))),
                                ("free", .int(Int64(stats.free))), ("total", .int(Int64(stats.total))),
                                ("oldest", mark(stats.oldest)), ("newest", mark(stats.newest)),
                            ])))
                    return
                }
                var rows = [("total", "\(stats.total)"), ("free", "\(stats.free)"), ("claimed", "\(stats.claimed)")]
                if let oldest = stats.oldest {
                    rows.append(("oldest", "\(oldest.id) (age \(oldest.age)s, posted \(oldest.created))"))
                }
                if let newest = stats.newest {
                    rows.append(("newest", "\(newest.id) (age \(newest.age)s, posted \(newest.created))"))
                }
                print("queue \(name)")
                Output.pairs(rows)
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a queue with all its messages and claims.",
            discussion: """
                Deleting a queue that does not exist succeeds.

                  flotilla queue delete orders
                """)

        @OptionGroup var client: ClientOptions
        @Argument(help: "The queue name.") var name: String

        func run() async throws {
            try await client.withClient { flotilla in
                try await flotilla.deleteQueue(name)
                if client.json {
                    Output.json(.object(JSONObject([("queue", .string(name)), ("deleted", .bool(true))])))
                } else {
                    print("deleted queue \(name)")
                }
            }
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove every message of a queue, keeping the queue and its metadata.",
            discussion: """
                Claimed and delayed messages are removed too.

                  flotilla queue purge orders
                """)

        @OptionGroup var client: ClientOptions
        @Argument(help: "The queue name.") var name: String

        func run() async throws {
            try await client.withClient { flotilla in
                try await flotilla.purgeQueue(name)
                if client.json {
                    Output.json(.object(JSONObject([("queue", .string(name)), ("purged", .bool(true))])))
                } else {
                    print("purged queue \(name)")
                }
            }
        }
    }
}
