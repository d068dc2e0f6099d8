import ArgumentParser
import Flotilla
import Foundation
import QueueModel

/// The options every client command shares: where the cluster is, whose queues, who is asking, and how to print.
struct ClientOptions: ParsableArguments {
    static let defaultEndpoints = "http://127.0.0.1:8001,http://127.0.0.1:8002,http://127.0.0.1:8003"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The nodes' API base URLs, comma-separated. The client starts with the leader it learns of and fails over between them.",
            discussion: "Default: $FLOTILLA_ENDPOINTS, else \(ClientOptions.defaultEndpoints).",
            valueName: "url[,url...]"))
    var endpoints: String?

    @Option(
        help: ArgumentHelp(
            "The project id (X-Project-ID) that owns the queues.",
            discussion: "Default: $FLOTILLA_PROJECT, else \"default\".", valueName: "id"))
    var project: String?

    @Option(
        name: .customLong("client-id"),
        help: ArgumentHelp(
            "This client's UUID (Client-ID). Default: a new random UUID per run.",
            discussion: "Listings hide messages posted under the same client id unless --echo is given.",
            valueName: "uuid"))
    var clientID: String?

    @Flag(help: "Print JSON (one document on standard output) instead of text.")
    var json = false

    @Option(help: ArgumentHelp("The most seconds one command may take, retries included.", valueName: "seconds"))
    var timeout: Double = 15

    var resolvedEndpoints: [String] {
        let text = endpoints ?? ProcessInfo.processInfo.environment["FLOTILLA_ENDPOINTS"] ?? Self.defaultEndpoints
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    var resolvedProject: String {
        project ?? ProcessInfo.processInfo.environment["FLOTILLA_PROJECT"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "default"
    }

    func validate() throws {
        if resolvedEndpoints.isEmpty { throw ValidationError("--endpoints: at least one URL is needed") }
        if let clientID, ClientID(parsing: clientID) == nil {
            throw ValidationError("--client-id \(clientID): not a UUID")
        }
        guard timeout > 0, timeout <= 3600 else {
            throw ValidationError("--timeout must be between 0 and 3600 seconds")
        }
    }

    /// A client for these options. Each attempt may take up to 5 s (or the whole timeout, if shorter).
    func makeClient() throws -> FlotillaClient {
        let budget = Duration.milliseconds(Int64(timeout * 1000))
        do {
            return try FlotillaClient(
                endpoints: resolvedEndpoints, project: resolvedProject,
                clientID: clientID.flatMap { ClientID(parsing: $0) },
                configuration: RouterConfiguration(
                    maxAttempts: 20, totalBudget: budget, requestTimeout: min(.seconds(5), budget)))
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Runs `body` with a client and shuts the client down. A ``FlotillaClientError`` is printed on standard
    /// error and becomes the exit status of ``exitCode(for:)``.
    func withClient(_ body: (FlotillaClient) async throws -> Void) async throws {
        let client = try makeClient()
        do {
            try await body(client)
        } catch let error as FlotillaClientError {
            try? await client.shutdown()
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw Self.exitCode(for: error)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try? await client.shutdown()
    }

    /// The exit status for a client error, so scripts can tell what happened (see ``exitStatusHelp``).
    static func exitCode(for error: FlotillaClientError) -> ExitCode {
        switch error {
        case .api: return ExitCode(1)
        case .invalidArgument: return ExitCode(2)
        case .transport: return ExitCode(3)
        case .outcomeUnknown: return ExitCode(4)
        case .decoding: return ExitCode(5)
        }
    }
}

/// The exit statuses, for the discussions of the client commands.
let exitStatusHelp = """
    Exit status: 0 success; 1 the server refused the request (4xx, or 5xx after retries); 2 bad arguments; \
    3 no node answered within --timeout; 4 a change may or may not have been applied (look before retrying); \
    5 an answer this client cannot read.
    """

/// Text and JSON output.
enum Output {
    /// Prints one JSON document.
    static func json(_ value: JSONValue) {
        print(JSONSerializer.serialize(value))
    }

    /// Prints rows as a table with left-aligned columns separated by two spaces; the last column is not padded.
    static func table(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        for row in all {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            print(line)
        }
    }

    /// Prints `name  value` lines with the names aligned (a record, as opposed to a table of records).
    static func pairs(_ rows: [(String, String)]) {
        let width = rows.map(\.0.count).max() ?? 0
        for (name, value) in rows { print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value) }
    }

    /// "1 message", "2 messages".
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    /// A JSON value in one line, cut to `limit` characters for tables.
    static func brief(_ value: JSONValue, limit: Int = 60) -> String {
        let text = JSONSerializer.serialize(value)
        return text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// A message as JSON for `--json`: the API's field names.
    static func message(_ message: Message) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(message.id)
        object["ttl"] = .int(Int64(message.ttl))
        object["age"] = .int(Int64(message.age))
        object["body"] = message.body
        if let checksum = message.checksum { object["checksum"] = .string(checksum) }
        object["claim_id"] = message.claimID.map { .string($0) } ?? .null
        if let count = message.claimCount { object["claim_count"] = .int(Int64(count)) }
        return .object(object)
    }

    /// Messages as a table: id, age, ttl, claim, body.
    static func messageTable(_ messages: [Message]) {
        table(
            ["ID", "AGE", "TTL", "CLAIM", "BODY"],
            messages.map { [$0.id, "\($0.age)s", "\($0.ttl)s", $0.claimID ?? "-", brief($0.body)] })
    }

    static func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
}
