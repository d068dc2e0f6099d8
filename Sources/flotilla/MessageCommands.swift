import ArgumentParser
import Flotilla
import QueueModel

/// `flotilla message ...`: post, list, get, delete and pop messages.
struct MessageCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message",
        abstract: "Post, list, get, delete and pop messages.",
        discussion: """
            Message bodies are JSON. A queue keeps its messages in FIFO order; a message lives for its TTL \
            (default 3600 s) and is hidden while delayed or claimed.

              flotilla message post orders '{"sku": "A-1", "qty": 2}' '{"sku": "B-7", "qty": 1}'
              flotilla message list orders --include-claimed
              flotilla message get orders 7f0c...
              flotilla message delete orders 7f0c... --claim 51db...
              flotilla message pop orders --count 5

            \(exitStatusHelp)
            """,
        subcommands: [Post.self, List.self, Get.self, Delete.self, Pop.self])

    struct Post: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Post messages to a queue (created if needed), as one atomic batch.",
            discussion: """
                Each BODY is a JSON value; with --text each is sent as a JSON string instead. With --stdin the \
                bodies are read from standard input, one per line. The ids are printed in order.

                The post carries an Idempotency-Key: if the leader changes mid-post and the client retries, the \
                batch is still stored once. Pass --idempotency-key to make your own reruns deduplicate too \
                (the server remembers keys for 10 minutes).

                  flotilla message post orders '{"sku": "A-1"}' '{"sku": "B-7"}' --ttl 600
                  flotilla message post alerts --text "disk full" "cpu hot"
                  jq -c '.[]' events.json | flotilla message post events --stdin
                """)

        @OptionGroup var client: ClientOptions
        @Argument(help: "The queue name.") var queue: String
        @Argument(help: "Message bodies, as JSON (or text with --text).") var bodies: [String] = []
        @Option(help: "Seconds each message lives, 60-1209600 (default: the queue's, else 3600).") var ttl: Int?
        @Option(help: "Seconds before each message becomes visible, 0-900.") var delay: Int?
        @Flag(help: "Send each body as a JSON string.") var text = false
        @Flag(help: "Read bodies from standard input, one per line.") var stdin = false
        @Option(help: ArgumentHelp("The Idempotency-Key to send (default: a new UUID).", valueName: "key"))
        var idempotencyKey: String?

        func run() async throws {
            var lines = bodies
            if stdin {
                while let line = readLine() {
                    if !line.isEmpty { lines.append(line) }
                }
            }
            guard !lines.isEmpty else { throw ValidationError("nothing to post: give bodies or --stdin") }
            let messages = try lines.map { line -> OutgoingMessage in
                if text { return OutgoingMessage(body: .string(line), ttl: ttl, delay: delay) }
                guard let body = try? JSONParser.parse(line) else {
                    throw ValidationError("not JSON: \(line) (use --text to send plain text)")
                }
                return OutgoingMessage(body: body, ttl: ttl, delay: delay)
            }
            try await client.withClient { flotilla in
                let ids = try await flotilla.postMessages(queue, messages, idempotencyKey: idempotencyKey)
                if client.json {
                    Output.json(
                        .object(JSONObject([("queue", .string(queue)), ("ids", .array(ids.map { .string($0) }))])))
                } else {
                    ids.forEach { print($0) }
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a queue's messages in FIFO order.",
            discussion: """
                By default the listing hides claimed and delayed messages and those posted with the same \
                --client-id. Without --all one page is printed, followed by the marker that fetches the next one.

                  flotilla message list orders
                  flotilla message list orders --include-claimed --include-delayed --all
                  flotilla message list orders --limit 5 --marker 42
                """)

        @OptionGroup var client: ClientOptions
        @Argument(help: "The queue name.") var queue: String
        @Option(help: "Messages per page, 1-20.") var limit: Int = 20
        @Option(help: "Start after this marker (printed by a previous page).") var marker: String?
        @Flag(help: "Include messages posted under this --client-id.") var echo = false
        @Flag(help: "Include messages under an active claim.") var includeClaimed = false
        @Flag(help: "Include messages whose delay has not passed.") var includeDelayed = false
        @Flag(help: "Fetch every page.") var all = false

        func run() async throws {
            try await client.withClient { flotilla in
                var messages: [Message] = []
                var next = marker
                var last = marker
                repeat {
                    let page = try await flotilla.listMessages(
                        queue, marker: next, limit: limit, echo: echo, includeClaimed: includeClaimed,
                        includeDelayed: includeDelayed)
                    messages += page.messages
                    if page.nextMarker != nil { last = page.nextMarker }
                    next = page.nextMarker
                } while all && next != nil
                if client.json {
                    Output.json(
                        .object(
                            JSONObject([
                                ("messages", .array(messages.map(Output.message))),
                                ("next_marker", Output.optional(last)),
                            ])))
                    return
                }
                Output.messageTable(messages)
                if !all, let next { print("(next page: --marker \(next))") }
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show messages by id, claimed and delayed ones included.",
            discussion: """
                With one id an unknown id is an error (exit status 1); with several, unknown ids are skipped.

                  flotilla message get orders 7f0c...
                  flotilla message get orders 7f0c... 81aa... --json
                """)

        @OptionGroup var client: ClientOptions
        @Argument(help: "The queue name.") var queue: String
        @Argument(help: "Message ids (up to 20).") var ids: [String]

        func validate() throws {
            guard (1...20).contains(ids.count) else { throw ValidationError("give 1 to 20 message ids") }
        }

        func run() async throws {
            try await client.withClient { flotilla in
                let messages =
                    ids.count == 1
                    ? [try await flotilla.message(queue, id: ids[0])] : try await flotilla.messages(queue, ids: ids)
                if client.json {
                    Output.json(.object(JSONObject([("messages", .array(messages.map(Output.message)))])))
                } else if messages.count == 1 {
                    let message = messages[0]
                    Output.pairs([
                        ("id", message.id), ("age", "\(message.age)s"), ("ttl", "\(message.ttl)s"),
                        ("claim", message.claimID ?? "-"), ("checksum", message.checksum ?? "-"),
                        ("body", JSONSerializer.serialize(message.body)),
                    ])
                } else {
                    Output.messageTable(messages)
                }
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete messages by id.",
            discussion: """
                A message under an active claim can only be deleted with that claim's id (--claim). Without \
                --claim, several ids are deleted in one request whatever their claims. Unknown ids are ignored.

                  flotilla message delete orders 7f0c... --claim 51db...
                  flotilla message delete orders 7f0c... 81aa... 93be...
                """)

        @OptionGroup var client: ClientOptions
        @Argument(help: "The queue name.") var queue: String
        @Argument(help: "Message ids (up to 20).") var ids: [String]
        @Option(help: ArgumentHelp("The id of the claim holding the messages.", valueName: "claim-id"))
        var claim: String?

        func validate() throws {
            guard (1...20).contains(ids.count) else { throw ValidationError("give 1 to 20 message ids") }
        }

        func run() async throws {
            try await client.withClient { flotilla in
                if ids.count == 1 || claim != nil {
                    for id in ids { try await flotilla.deleteMessage(queue, id: id, claimID: claim) }
                } else {
                    try await flotilla.deleteMessages(queue, ids: ids)
                }
                if client.json {
                    Output.json(.object(JSONObject([("deleted", .array(ids.map { .string($0) }))])))
                } else {
                    ids.forEach { print("deleted \($0)") }
                }
            }
        }
    }

    struct Pop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take and delete the oldest unclaimed messages, printing them.",
            discussion: """
                Popping is not idempotent: if no answer comes back after the request may have reached the \
                cluster, the command exits with status 4 rather than retry, because the messages may already be \
                gone.

                  flotilla message pop orders --count 5
                """)

        @OptionGroup var client: ClientOptions
        @Argument(help: "The queue name.") var queue: String
        @Option(help: "How many messages, 1-20.") var count: Int = 1

        func run() async throws {
            try await client.withClient { flotilla in
                let messages = try await flotilla.popMessages(queue, count: count)
                if client.json {
                    Output.json(.object(JSONObject([("messages", .array(messages.map(Output.message)))])))
                } else if messages.isEmpty {
                    print("nothing to pop")
                } else {
                    Output.messageTable(messages)
                }
            }
        }
    }
}
