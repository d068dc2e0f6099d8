// §1.2 of the reference doc: the checks every request passes before its handler, in the reference's order — form
// content type, Accept, Client-ID, X-Project-ID, queue name and project id, admin policy. Every expectation was
// checked against the reference Zaqar 15 server with curl.
import HTTPTypes
import QueueModel
import Testing

private let invalidQueue = "The format of the submitted queue name or project id is not valid."

@Suite("§1.2 Header gate")
struct RequestGateTests {
    /// Rule §1.2 step 2: "If the request has a body and its `Content-Type` equals
    /// `application/x-www-form-urlencoded` exactly (case-insensitive, no parameters), the answer is 400 with title
    /// `Invalid Content-Type`"; it comes before every other check.
    ///
    /// Goal: a form-encoded body is refused before the Accept and Client-ID checks; a parameter (`; charset=`)
    /// or the absence of a body lets the request through.
    /// Method: PUT with the form type and no other header, in two spellings; then with `; charset=utf-8`; then a
    /// body-less GET with the form type.
    @Test func formContentTypeWithABodyIsRefusedFirst() async throws {
        try await withAPI { api in
            for type in ["application/x-www-form-urlencoded", "Application/X-WWW-Form-Urlencoded"] {
                let reply = try await api.send(
                    .put, "/v2/queues/q1", body: "{}", headers: ["Content-Type": type, "Accept": "text/plain"],
                    standard: false)
                #expect(reply.status == .badRequest, "\(type)")
            }
            let reply = try await api.send(
                .put, "/v2/queues/q1", body: "{}", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                standard: false)
            expectError(
                reply, .badRequest, title: "Invalid Content-Type",
                description:
                    "Endpoint does not accept `application/x-www-form-urlencoded` content; currently supported media type is `application/json`; specify proper client-side media type with the \"Content-Type\" header."
            )
            let withCharset = try await api.send(
                .put, "/v2/queues/q1", body: "{}",
                headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"])
            #expect(withCharset.status == .created)
            let noBody = try await api.send(
                .get, "/v2/queues/q1", headers: ["Content-Type": "application/x-www-form-urlencoded"])
            #expect(noBody.status == .ok)
        }
    }

    /// Rule §1.2 step 3: "A missing `Accept`, `*/*`, `application/*`, or a list that contains JSON at any `q`
    /// value are all fine."
    ///
    /// Goal: every Accept form that admits JSON passes.
    /// Method: list queues with each Accept value (and with none).
    @Test func acceptHeadersAdmittingJSONPass() async throws {
        try await withAPI { api in
            let values: [String?] = [
                nil, "*/*", "application/*", "text/html, application/json;q=0.1", "application/json",
            ]
            for value in values {
                let reply = try await api.send(.get, "/v2/queues", headers: ["Accept": value])
                #expect(reply.status == .ok, "Accept: \(value ?? "(none)")")
            }
        }
    }

    /// Rule §1.2 step 3: "Otherwise the answer is 406. The body is empty when the client accepts neither JSON nor
    /// XML." It runs before the Client-ID check.
    ///
    /// Goal: `Accept: text/plain` gets a 406 with an empty body, even without Client-ID.
    /// Method: list queues with `Accept: text/plain` and no other header.
    @Test func acceptWithoutJSONIs406WithAnEmptyBody() async throws {
        try await withAPI { api in
            let reply = try await api.send(.get, "/v2/queues", headers: ["Accept": "text/plain"], standard: false)
            #expect(reply.status == .notAcceptable)
            expectEmptyBody(reply)
            let versions = try await api.send(.get, "/", headers: ["Accept": "text/plain"], standard: false)
            #expect(versions.status == .notAcceptable)
        }
    }

    /// Observed on the reference (falcon's `client_accepts`): `application/json;q=0` means "not acceptable" and
    /// gives 406 (empty body), and media types are matched case-sensitively, so `Accept: APPLICATION/JSON` is a
    /// 406 too. The doc's "JSON at any `q` value" does not cover q=0.
    ///
    /// Goal: the edge cases of the Accept match answer as the reference does.
    /// Method: list queues with `application/json;q=0` and with `APPLICATION/JSON`.
    @Test func acceptJSONAtQualityZeroOrInUppercaseIs406() async throws {
        try await withAPI { api in
            for value in ["application/json;q=0", "APPLICATION/JSON"] {
                let reply = try await api.send(.get, "/v2/queues", headers: ["Accept": value])
                #expect(reply.status == .notAcceptable, "Accept: \(value) gave \(reply.status)")
            }
        }
    }

    /// Rule §1.2 step 3: the 406 body is "XML when it accepts only XML" in the reference; Docs/COMPATIBILITY.md
    /// ("406 for an `Accept` of only XML") documents that Flotilla sends an empty body instead ("Nothing reads
    /// it").
    ///
    /// Goal: a client accepting only XML gets a 406 with an empty body.
    /// Method: list queues with `Accept: application/xml` and with `text/*`.
    @Test func acceptOnlyXMLIs406WithAnEmptyBody() async throws {
        try await withAPI { api in
            for value in ["application/xml", "text/*"] {
                let reply = try await api.send(.get, "/v2/queues", headers: ["Accept": value])
                #expect(reply.status == .notAcceptable, "Accept: \(value)")
                expectEmptyBody(reply)
            }
        }
    }

    /// Rule §1.2 step 4: "Client-ID applies only to paths starting with `/v2/`, which includes `/v2/` itself,
    /// `/v2/ping` and `/v2/health`. Missing: 400 with title `Missing header value`."
    ///
    /// Goal: every `/v2/...` path requires Client-ID.
    /// Method: request four such paths without Client-ID.
    @Test func missingClientIDIs400OnEveryV2Path() async throws {
        try await withAPI { api in
            for path in ["/v2/queues", "/v2/", "/v2/ping", "/v2/health", "/v2/queues/q1/messages"] {
                let reply = try await api.send(.get, path, headers: ["Client-ID": nil, "X-Roles": "admin"])
                expectError(
                    reply, .badRequest, title: "Missing header value",
                    description: "The \"Client-ID\" header is required.")
            }
        }
    }

    /// Rule §1.2 step 4: "Not a UUID (the default `client_id_uuid_safe = strict`), or empty: 400 with title `Wrong
    /// UUID value` and description `Malformed hexadecimal UUID.`" The prefixes are removed case-sensitively (the
    /// reference refuses `URN:UUID:`).
    ///
    /// Goal: empty and malformed ids are refused with the reference's texts.
    /// Method: list queues with each bad value (each observed as 400 on the reference).
    @Test func emptyOrMalformedClientIDIs400() async throws {
        try await withAPI { api in
            let values = [
                "", "not-a-uuid", "3381af922b9e11e3b19171861300734", "3381af92-2b9e-11e3-b191-71861300734c0",
                "3381af92-2b9e-11e3-b191-71861300734g", "URN:UUID:3381af92-2b9e-11e3-b191-71861300734c",
            ]
            for value in values {
                let reply = try await api.send(.get, "/v2/queues", headers: ["Client-ID": value])
                expectError(reply, .badRequest, title: "Wrong UUID value", description: "Malformed hexadecimal UUID.")
            }
        }
    }

    /// Rule §1.2 step 4: "'UUID' means the value parses the way Python's `uuid.UUID(str)` does: after removing an
    /// optional `urn:`/`uuid:` prefix, surrounding braces and every `-` (wherever it sits), exactly 32 hex digits
    /// must remain; letters may be in either case."
    ///
    /// Goal: every spelling the reference accepts is accepted.
    /// Method: list queues with each spelling (each observed as 200 on the reference).
    @Test func everyPythonUUIDSpellingIsAccepted() async throws {
        try await withAPI { api in
            let values = [
                Clients.aliceUpper, "{3381af92-2b9e-11e3-b191-71861300734c}",
                "urn:uuid:3381af92-2b9e-11e3-b191-71861300734c", "uuid:3381af92-2b9e-11e3-b191-71861300734c",
                "3381af92-2b9e11e3-b19171861300734c", "{3381af922b9e11e3b19171861300734c",
                "--3381af922b9e11e3b19171861300734c--", "{urn:uuid:3381af922b9e11e3b19171861300734c}",
                "urn:3381af922b9e11e3b19171861300734c", "  3381af922b9e11e3b19171861300734c  ",
            ]
            for value in values {
                let reply = try await api.send(.get, "/v2/queues", headers: ["Client-ID": value])
                #expect(reply.status == .ok, "Client-ID \(value): \(reply.text)")
            }
        }
    }

    /// Observed on the reference (`require_client_id` in zaqar's wsgi helpers): outside `/v2/` a Client-ID is not
    /// required, but one that is present is still validated, so `GET /` with `Client-ID: zz` is a 400 `Wrong UUID
    /// value`.
    ///
    /// Goal: a malformed Client-ID is refused on the versions document too, while a missing one is fine.
    /// Method: GET `/` with no headers, then with `Client-ID: zz`.
    @Test func malformedClientIDIsRefusedEvenOnVersions() async throws {
        try await withAPI { api in
            let bare = try await api.send(.get, "/", standard: false)
            #expect(bare.status == .multipleChoices)
            let bad = try await api.send(.get, "/", headers: ["Client-ID": "zz"], standard: false)
            expectError(bad, .badRequest, title: "Wrong UUID value", description: "Malformed hexadecimal UUID.")
        }
    }

    /// Rule §1.2 step 5: "Header present but empty: 400 with title `Empty project header not allowed` … Header
    /// missing: 400 with title `Project-Id Missing`." Client-ID is checked first.
    ///
    /// Goal: both project errors with their texts, and the order Client-ID before project.
    /// Method: list queues without the project, with an empty one, and with a bad Client-ID and no project.
    @Test func projectIDMissingOrEmptyIs400() async throws {
        try await withAPI { api in
            let missing = try await api.send(.get, "/v2/queues", headers: ["X-Project-ID": nil])
            expectError(
                missing, .badRequest, title: "Project-Id Missing", description: "The header X-PROJECT-ID was missing")
            let empty = try await api.send(.get, "/v2/queues", headers: ["X-Project-ID": ""])
            expectError(
                empty, .badRequest, title: "Empty project header not allowed",
                description: "X-PROJECT-ID cannot be an empty string. Specify the right header X-PROJECT-ID and retry.")
            let both = try await api.send(.get, "/v2/queues", headers: ["X-Project-ID": nil, "Client-ID": "zz"])
            expectError(both, .badRequest, title: "Wrong UUID value", description: "Malformed hexadecimal UUID.")
            let beforeName = try await api.send(.get, "/v2/queues/b@d", headers: ["X-Project-ID": nil])
            expectError(
                beforeName, .badRequest, title: "Project-Id Missing", description: "The header X-PROJECT-ID was missing"
            )
        }
    }

    /// Rule §1.2 step 6: "The name must match `^[a-zA-Z0-9_\-.]+$` (the dot is allowed in 15.0.0) and be at most
    /// 64 characters long … Percent-encoded characters are decoded before the check, so `bad%40name` fails."
    /// Tempest: "a name of 65 `q`s, `@$@^qw@` or a non-ASCII name gives 400; a numeric name gives 201."
    ///
    /// Goal: the name rule, with the reference's texts, on each kind of bad name; good names create queues.
    /// Method: PUT each name.
    @Test func queueNameRules() async throws {
        try await withAPI { api in
            let bad = [String(repeating: "q", count: 65), "@$@%5Eqw@", "bad%40name", "%E6%97%A5%E6%9C%AC", "a%20b"]
            for name in bad {
                let reply = try await api.send(.put, "/v2/queues/\(name)")
                expectError(reply, .badRequest, title: "Invalid queue identification", description: invalidQueue)
            }
            for name in [String(repeating: "q", count: 64), "a.b", "ok%2Dname", "A-z_0.9"] {
                let reply = try await api.send(.put, "/v2/queues/\(name)")
                #expect(reply.status == .created, "\(name): \(reply.text)")
            }
            let numeric = try await api.send(.put, "/v2/queues/1617428841")
            #expect(numeric.status == .created)
            #expect(numeric.header("Location") == "/v2/queues/1617428841")
        }
    }

    /// Rule §1.2 step 6: "The project id must be at most 256 characters long. It is checked only here, so `GET
    /// /v2/queues` with a 300-character project works."
    ///
    /// Goal: the project length is checked on queue paths only.
    /// Method: list queues with a 300-character project, then read a queue with it and with 256 characters.
    @Test func projectIDLengthIsCheckedOnlyOnQueuePaths() async throws {
        try await withAPI { api in
            let long = String(repeating: "p", count: 300)
            let list = try await api.send(.get, "/v2/queues", headers: ["X-Project-ID": long])
            #expect(list.status == .ok)
            let queue = try await api.send(.get, "/v2/queues/x", headers: ["X-Project-ID": long])
            expectError(queue, .badRequest, title: "Invalid queue identification", description: invalidQueue)
            let limit = try await api.send(
                .get, "/v2/queues/x", headers: ["X-Project-ID": String(repeating: "p", count: 256)])
            #expect(limit.status == .ok)
        }
    }

    /// Rule §1.2 step 7: "Admin only: `/v2/health` … Failure: 403 with title `Not authorized` and description `You
    /// are not authorized to complete this action.`" With `X-Roles: admin` it works (§3.4).
    ///
    /// Goal: health needs the admin role, taken from `X-Roles` (comma-separated).
    /// Method: GET health without roles, with `member`, with `admin`, with `member,admin`, and with two headers.
    @Test func healthRequiresTheAdminRole() async throws {
        try await withAPI { api in
            for roles in [nil, "member", "administrator"] as [String?] {
                let reply = try await api.send(.get, "/v2/health", headers: ["X-Roles": roles])
                expectError(
                    reply, .forbidden, title: "Not authorized",
                    description: "You are not authorized to complete this action.")
            }
            for roles in ["admin", "member,admin", "admin,member"] {
                let reply = try await api.send(.get, "/v2/health", headers: ["X-Roles": roles])
                #expect(reply.status == .ok, "X-Roles: \(roles)")
            }
        }
    }

    /// Observed on the reference (oslo.policy compares roles case-insensitively): `X-Roles: Admin` and `X-Roles:
    /// ADMIN` pass the admin policy (200).
    ///
    /// Goal: the role match is case-insensitive, as in the reference.
    /// Method: GET health with `Admin` and `ADMIN`.
    @Test func adminRoleMatchIsCaseInsensitive() async throws {
        try await withAPI { api in
            for roles in ["Admin", "ADMIN", "member,Admin"] {
                let reply = try await api.send(.get, "/v2/health", headers: ["X-Roles": roles])
                #expect(reply.status == .ok, "X-Roles: \(roles) gave \(reply.status)")
            }
        }
    }
}
