import ArgumentParser
import Flotilla
import QueueModel

/// `flotilla claim ...`: lease messages for processing, renew and release leases.
struct ClaimCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract: "Claim messages for processing; renew and release claims.",
        discussion: """
            A claim leases the oldest free messages of a queue for --ttl seconds: no one else can claim them \
            meanwhile. Process each message, then delete it with the claim id; if the claim expires or is \
            released first, the messages become free again.

              flotilla claim create orders --ttl 120 --limit 5
              flotilla message delete orders 7f0c... --claim 51db...
              flotilla claim renew orders 51db... --ttl 300
              flotilla claim release orders 51db...

            \(exitStatusHelp)
            """,
        subcommands: [Create.self, Get.self, Renew.self, Release.self])

    static func claimJSON(_ claim: Claim?) -> JSONValue {
        guard let claim else { return .object(JSONObject([("claim", .null)])) }
        return .object(
            JSONObject([
                ("claim", .string(claim.id)), ("ttl", .int(Int64(claim.ttl))), ("age", .int(Int64(claim.age))),
                ("messages", .array(claim.messages.map(Output.message))),
            ]))
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Claim up to --limit of a queue's oldest free messages.",
            discussion: """
                Prints the claim id, then the claimed messages. When nothing is free, prints "nothing to claim" \
                (with --json, {"claim": null}) and exits with status 0.

                Claiming is not idempotent: if no answer comes back after the request may have reached the \
                cluster, the command exits with status 4 rather than retry (a claim you never saw would hide \
                its messages until it expires).

                  flotilla claim create orders
                  flotilla claim create orders --ttl 60 --grace 60 --limit 20 --json
                """)

        @OptionGroup var client: ClientOptions
        @Argument(help: "The queue name.") var queue: String
        @Option(help: "Seconds the claim lasts, 60-43200.") var ttl: Int = 300
        @Option(help: "Seconds added to claimed messages that would expire during the claim, 60-43200.")
        var grace: Int = 60
        @Option(help: "The most messages to claim, 1-20 (default: the server's, 10).") var limit: Int?

        func run() async throws {
            try await client.withClient { flotilla in
                let claim = try await flotilla.createClaim(queue, ttl: ttl, grace: grace, limit: limit)
                if client.json {
                    Output.json(ClaimCommands.claimJSON(claim))
                } else if let claim {
                    print("claim \(claim.id) (ttl \(claim.ttl)s, \(Output.count(claim.messages.count, "message")))")
                    Output.messageTable(claim.messages)
                } else {
                    print("nothing to claim")
                }
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a claim and the messages it still holds.",
            discussion: """
                  flotilla claim get orders 51db...
                """)

        @OptionGroup var client: ClientOptions
        @Argument(help: "The queue name.") var queue: String
        @Argument(help: "The claim id.") var claimID: String

        func run() async throws {
            try await client.withClient { flotilla in
                let claim = try await flotilla.claim(queue, id: claimID)
                if client.json {
                    Output.json(ClaimCommands.claimJSON(claim))
                } else {
                    print(
                        "claim \(claim.id) (age \(claim.age)s, ttl \(claim.ttl)s, \(Output.count(claim.messages.count, "message")))"
                    )
                    Output.messageTable(claim.messages)
                }
            }
        }
    }

    struct Renew: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extend a claim: it lasts --ttl seconds from now.",
            discussion: """
                  flotilla claim renew orders 51db... --ttl 300
                """)

        @OptionGroup var client: ClientOptions
        @Argument(help: "The queue name.") var queue: String
        @Argument(help: "The claim id.") var claimID: String
        @Option(help: "Seconds the claim lasts from now, 60-43200.") var ttl: Int = 300
        @Option(help: "Seconds added to claimed messages that would expire during the claim.") var grace: Int = 60

        func run() async throws {
            try await client.withClient { flotilla in
                try await flotilla.renewClaim(queue, id: claimID, ttl: ttl, grace: grace)
                if client.json {
                    Output.json(.object(JSONObject([("claim", .string(claimID)), ("ttl", .int(Int64(ttl)))])))
                } else {
                    print("renewed claim \(claimID) for \(ttl)s")
                }
            }
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Release a claim: its messages become free at once.",
            discussion: """
                Releasing a claim that does not exist (or has expired) succeeds.

                  flotilla claim release orders 51db...
                """)

        @OptionGroup var client: ClientOptions
        @Argument(help: "The queue name.") var queue: String
        @Argument(help: "The claim id.") var claimID: String

        func run() async throws {
            try await client.withClient { flotilla in
                try await flotilla.releaseClaim(queue, id: claimID)
                if client.json {
                    Output.json(.object(JSONObject([("claim", .string(claimID)), ("released", .bool(true))])))
                } else {
                    print("released claim \(claimID)")
                }
            }
        }
    }
}
