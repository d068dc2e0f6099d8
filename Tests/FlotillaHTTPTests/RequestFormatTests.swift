// §1.3–1.5 of the reference doc: the error body, how JSON bodies are parsed and re-serialised, and how query
// parameters are read. Every expectation was checked against the reference Zaqar 15 server with curl, except the
// NaN/Infinity rule, where the doc tells Flotilla to differ.
import HTTPTypes
import QueueModel
import Testing

private let unparseable = "Request body could not be parsed."

@Suite("§1.3–1.5 Errors, JSON and query parameters")
struct RequestFormatTests {
    // MARK: §1.3 Error body

    /// Rule §1.3: "Every error is JSON with `Content-Type: application/json`. The keys appear in the order `title`,
    /// then `description`", e.g. `{"title": "Invalid API request", "description": "Limit must be at least 1 and no
    /// greater than 20."}`, with the reference's separators.
    ///
    /// Goal: the error body is byte-for-byte the reference's.
    /// Method: list queues with `limit=0` and compare the raw body.
    @Test func errorBodyIsTitleThenDescription() async throws {
        try await withAPI { api in
            let reply = try await api.send(.get, "/v2/queues?limit=0")
            #expect(reply.status == .badRequest)
            #expect(reply.header("Content-Type") == "application/json")
            #expect(
                reply.text
                    == #"{"title": "Invalid API request", "description": "Limit must be at least 1 and no greater than 20."}"#
            )
        }
    }

    // MARK: §1.4 JSON bodies

    /// Rule §1.4: "A top-level scalar such as `123` or `"x"`, or invalid JSON, gives 400 with `Invalid request
    /// body` and `Request body could not be parsed.` (observed)." Observed for queue PUT, message POST, claim POST,
    /// claim PATCH and purge alike (`null` and `true` too).
    ///
    /// Goal: a scalar document is a parse error everywhere a body is read, not a type error.
    /// Method: send `123`, `"x"`, `null` and `true` to each body-reading endpoint.
    @Test func topLevelScalarIsUnparseable() async throws {
        try await withAPI { api in
            try await api.post("q1", count: 1)
            let claim = try await api.claim("q1")
            let endpoints: [(HTTPRequest.Method, String)] = [
                (.put, "/v2/queues/q2"), (.post, "/v2/queues/q1/messages"), (.post, "/v2/queues/q1/claims"),
                (.patch, "/v2/queues/q1/claims/\(claim.id)"), (.post, "/v2/queues/q1/purge"),
            ]
            for (method, path) in endpoints {
                for body in ["123", #""x""#, "null", "true"] {
                    let reply = try await api.send(method, path, body: body)
                    expectInvalidBody(reply, unparseable)
                }
            }
        }
    }

    /// Rule §1.4: invalid JSON gives `Request body could not be parsed.`; §4.2: "Invalid JSON, or a
    /// whitespace-only body" too.
    ///
    /// Goal: malformed documents, trailing garbage and whitespace-only bodies are parse errors.
    /// Method: PUT a queue with each.
    @Test func invalidJSONIsUnparseable() async throws {
        try await withAPI { api in
            for body in ["{bad", #"{"a":1}x"#, "   ", "{\"a\": 1,}", "[1 2]", "{'a': 1}"] {
                let reply = try await api.send(.put, "/v2/queues/q1", body: body)
                expectInvalidBody(reply, unparseable)
            }
            #expect(try await api.send(.get, "/v2/queues").json()["queues"].array.isEmpty)
        }
    }

    /// Rule §1.4: "An integer outside the signed 64-bit range gives 400 with `Invalid request body` and `JSON
    /// contains integer that is too large.`" (observed at 2^63 and -2^63-1; the bounds themselves are accepted).
    ///
    /// Goal: the 64-bit bounds are exact.
    /// Method: PUT queues with metadata at and just beyond both bounds.
    @Test func integerOutside64BitsIsTooLarge() async throws {
        try await withAPI { api in
            for value in ["9223372036854775808", "-9223372036854775809", "123456789012345678901234567890"] {
                let reply = try await api.send(.put, "/v2/queues/q1", body: #"{"a": \#(value)}"#)
                expectInvalidBody(reply, "JSON contains integer that is too large.")
            }
            for (name, value) in [("max", "9223372036854775807"), ("min", "-9223372036854775808")] {
                try await api.createQueue(name, metadata: #"{"a": \#(value)}"#)
                let metadata = try await api.send(.get, "/v2/queues/\(name)")
                #expect(metadata.text.hasPrefix(#"{"a": \#(value), "#))
            }
        }
    }

    /// Rule §1.4: "Python's parser also accepts `NaN`, `Infinity` and `-Infinity` and echoes them back unchanged,
    /// which is not valid JSON (observed). Flotilla should reject them with 400." A literal that overflows a double
    /// (`1e400`) becomes `Infinity` in the reference and is rejected for the same reason.
    ///
    /// Goal: the decision: non-finite numbers are unparseable, and nothing is created.
    /// Method: PUT a queue with each and check the queue list stays empty.
    @Test func nonFiniteNumbersAreRejected() async throws {
        try await withAPI { api in
            for literal in ["NaN", "Infinity", "-Infinity", "1e400"] {
                let reply = try await api.send(.put, "/v2/queues/q1", body: #"{"a": \#(literal)}"#)
                expectInvalidBody(reply, unparseable)
            }
            #expect(try await api.send(.get, "/v2/queues").json()["queues"].array.isEmpty)
        }
    }

    /// Rule §1.4: "Responses are re-serialised from the parsed values: non-ASCII characters are written raw as
    /// UTF-8; the separators are `", "` and `": "`; object key order is kept as received; floats keep a fractional
    /// part: `1.50` becomes `1.5`, and `1e2` becomes `100.0` (observed)."
    ///
    /// Goal: stored metadata comes back exactly as the reference prints it.
    /// Method: PUT `{"z": 1.50, "b": 1e2, "c": "é", "a": [true, null]}` and compare the GET body's prefix.
    @Test func bodiesAreReserialisedLikePython() async throws {
        try await withAPI { api in
            try await api.createQueue("q1", metadata: #"{"z":1.50,"b":1e2,"c":"é","a":[true,null]}"#)
            let reply = try await api.send(.get, "/v2/queues/q1")
            #expect(
                reply.text.hasPrefix(#"{"z": 1.5, "b": 100.0, "c": "é", "a": [true, null], "_max_messages_post_size""#))
        }
    }

    // MARK: §1.5 Query parameters

    /// Rule §1.5: "A parameter with an empty value, such as `?limit=&marker=`, is treated as absent (observed)."
    ///
    /// Goal: empty values fall back to the defaults and are not repeated in the next link.
    /// Method: create 12 queues, list with `?limit=&marker=`: 10 queues from the first, next link has only the
    /// marker.
    @Test func emptyParameterValueMeansAbsent() async throws {
        try await withAPI { api in
            for index in 10..<22 { try await api.createQueue("q\(index)") }
            let reply = try await api.send(.get, "/v2/queues?limit=&marker=")
            let json = try reply.json()
            #expect(json["queues"].array.map { $0["name"].string } == (10..<20).map { "q\($0)" })
            #expect(json["links"][0]["href"].string == "/v2/queues?marker=q19")
            let emptyLast = try await api.send(.get, "/v2/queues?limit=3&limit=")
            #expect(try emptyLast.json()["queues"].array.count == 3)
        }
    }

    /// Rule §1.5: "When a parameter is repeated, the last value wins (`limit=1&limit=2` means 2)."
    ///
    /// Goal: the last value is used, and is the one repeated in the next link.
    /// Method: list with `limit=1&limit=2`.
    @Test func repeatedParameterLastValueWins() async throws {
        try await withAPI { api in
            for name in ["a1", "b2", "c3"] { try await api.createQueue(name) }
            let json = try await api.send(.get, "/v2/queues?limit=1&limit=2").json()
            #expect(json["queues"].array.map { $0["name"].string } == ["a1", "b2"])
            #expect(json["links"][0]["href"].string == "/v2/queues?limit=2&marker=b2")
        }
    }

    /// Rule §1.5: "Integers are parsed leniently: ` 1`, `+1` and `01` are all 1" (Python's `int()`, which also
    /// takes `1_0` as 10, observed); the next link shows the parsed value.
    ///
    /// Goal: each lenient spelling is the number Python reads.
    /// Method: list with each spelling and check the page size and the link's `limit`.
    @Test func integersAreParsedLikePython() async throws {
        try await withAPI { api in
            for index in 10..<22 { try await api.createQueue("q\(index)") }
            for (spelling, value) in [("%201", 1), ("%2B1", 1), ("01", 1), ("+1", 1), ("1_0", 10), ("%201%20", 1)] {
                let json = try await api.send(.get, "/v2/queues?limit=\(spelling)").json()
                #expect(json["queues"].array.count == value, "limit=\(spelling)")
                #expect(json["links"][0]["href"].string == "/v2/queues?limit=\(value)&marker=q\(9 + value)")
            }
        }
    }

    /// Rule §1.5: "`1.0` and `abc` give 400 with title `Invalid parameter` and description `The "limit" parameter
    /// is invalid. The value must be an integer.`"
    ///
    /// Goal: non-integers are refused with the exact text.
    /// Method: list queues with each value.
    @Test func nonIntegerIsAnInvalidParameter() async throws {
        try await withAPI { api in
            for value in ["1.0", "abc", "1_", "0x1", "%20"] {
                let reply = try await api.send(.get, "/v2/queues?limit=\(value)")
                expectError(
                    reply, .badRequest, title: "Invalid parameter",
                    description: "The \"limit\" parameter is invalid. The value must be an integer.")
            }
        }
    }

    /// Rule §1.5: "Booleans: true: `true`, `True`, `t`, `yes`, `y`, `1`, `on`; false: `false`, `False`, `f`, `no`,
    /// `n`, `0`, `off`." The next link writes them `true`/`false` (observed).
    ///
    /// Goal: every spelling is read as its value.
    /// Method: list queues with `detailed=<spelling>&limit=1` and check for `metadata` and the link.
    @Test func booleanSpellings() async throws {
        try await withAPI { api in
            try await api.createQueue("a1")
            for (spellings, value) in [
                (["true", "True", "t", "yes", "y", "1", "on"], true),
                (["false", "False", "f", "no", "n", "0", "off"], false),
            ] {
                for spelling in spellings {
                    let json = try await api.send(.get, "/v2/queues?detailed=\(spelling)&limit=1").json()
                    #expect(json["queues"][0].has("metadata") == value, "detailed=\(spelling)")
                    #expect(json["links"][0]["href"].string == "/v2/queues?limit=1&detailed=\(value)&marker=a1")
                }
            }
        }
    }

    /// Rule §1.5: "the match is case-sensitive, so `TRUE` and `None` are rejected … 400 with title `Invalid
    /// parameter` and description `The "detailed" parameter is invalid. The value of the parameter must be "true"
    /// or "false".` (observed)."
    ///
    /// Goal: spellings outside Python's list are refused with the parameter's name in the text.
    /// Method: list queues with `detailed=TRUE`, `detailed=None`, `with_count=None` and messages with `echo=TRUE`.
    @Test func booleanOutsidePythonsSpellingsIsInvalid() async throws {
        try await withAPI { api in
            let cases = [
                ("/v2/queues?detailed=TRUE", "detailed"), ("/v2/queues?detailed=None", "detailed"),
                ("/v2/queues?with_count=None", "with_count"), ("/v2/queues/q1/messages?echo=TRUE", "echo"),
                ("/v2/queues/q1/messages?include_claimed=None", "include_claimed"),
            ]
            for (path, name) in cases {
                let reply = try await api.send(.get, path)
                expectError(
                    reply, .badRequest, title: "Invalid parameter",
                    description:
                        "The \"\(name)\" parameter is invalid. The value of the parameter must be \"true\" or \"false\"."
                )
            }
        }
    }
}
