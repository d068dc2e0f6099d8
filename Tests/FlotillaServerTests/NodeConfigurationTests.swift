// Node configuration tests: the committed example files load, paths resolve against the file's directory, and
// every validation rule rejects bad input with the exact message (file, line, key path, expectation) while leaving
// the disk untouched. Each test writes real files into its own scratch directory, so tests run in parallel and
// never sleep.
import FlotillaServer
import Foundation
import Testing

/// A scratch tree for one test, removed when the value is released:
///
///     <root>/certs/{ca,n1,n1-key}.pem   dummy PEM files (load checks presence and the BEGIN line only)
///     <root>/conf/n1.yaml               the configuration under test (``write(_:)``)
private final class Scratch {
    let root: String
    var config: String { root + "/conf/n1.yaml" }

    init() throws {
        root = FileManager.default.temporaryDirectory.path + "/flotilla-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/conf", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/certs", withIntermediateDirectories: true)
        for name in ["ca", "n1", "n1-key"] { try Self.writePEM(root + "/certs/\(name).pem") }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    static func writePEM(_ path: String) throws {
        try Data("-----BEGIN CERTIFICATE-----\nZHVtbXk=\n-----END CERTIFICATE-----\n".utf8).write(
            to: URL(fileURLWithPath: path))
    }

    func write(_ yaml: String) throws { try Data(yaml.utf8).write(to: URL(fileURLWithPath: config)) }

    /// Writes `yaml` as `conf/n1.yaml`, loads it, and returns the error's description (nil if it loaded).
    func problem(_ yaml: String) throws -> String? {
        try write(yaml)
        do {
            _ = try NodeConfiguration.load(path: config)
            return nil
        } catch {
            return error.description
        }
    }
}

/// A valid configuration for n1, with these line numbers (the messages below cite them):
///
///      1 node:            5 listen:           8 tls:              12 members:       16 raft:
///      2   id             6   api             9   ca              13   n1           17   tick
///      3   name           7   raft           10   certificate     14   n2           18   election_ticks
///      4   data                              11   key             15   n3           19   heartbeat_ticks
///                                                                                   20   snapshot_every
///     21 reads    22 checksums
private let validYAML = """
    node:
      id: 1
      name: n1
      data: ../data/n1
    listen:
      api: 127.0.0.1:8001
      raft: 127.0.0.1:7001
    tls:
      ca: ../certs/ca.pem
      certificate: ../certs/n1.pem
      key: ../certs/n1-key.pem
    members:
      - {id: 1, name: n1, raft: 127.0.0.1:7001, api: http://127.0.0.1:8001}
      - {id: 2, name: n2, raft: 127.0.0.1:7002, api: http://127.0.0.1:8002}
      - {id: 3, name: n3, raft: 127.0.0.1:7003, api: http://127.0.0.1:8003}
    raft:
      tick: 50ms
      election_ticks: 10
      heartbeat_ticks: 1
      snapshot_every: 100000
    reads: linearizable
    checksums: true

    """

/// ``validYAML`` with `old` (which must occur exactly once) replaced by `new`.
private func edited(_ old: String, _ new: String) throws -> String {
    let parts = validYAML.components(separatedBy: old)
    try #require(parts.count == 2, "test bug: \(old) occurs \(parts.count - 1) times")
    return parts.joined(separator: new)
}

/// The repository's root, found from this file's path (Tests/FlotillaServerTests/...).
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

// MARK: - The committed configurations

/// Goal: the three local-3node files work out of the box. Method: copy them into a scratch tree that mirrors the
/// repository (cluster-configs/local-3node next to certs/), add dummy certificates, load each, and check that the
/// relative paths land in <root>/certs and <root>/data and that the three files agree on the members.
@Test func localThreeNodeConfigurationsLoad() throws {
    let scratch = try Scratch()
    let directory = scratch.root + "/cluster-configs/local-3node"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for n in 1...3 {
        try FileManager.default.copyItem(
            atPath: repositoryRoot + "/cluster-configs/local-3node/n\(n).yaml", toPath: directory + "/n\(n).yaml")
        for file in ["n\(n).pem", "n\(n)-key.pem"] { try Scratch.writePEM(scratch.root + "/certs/" + file) }
    }
    let expectedMembers = (1...3).map { n in
        NodeConfiguration.Member(
            id: UInt64(n), name: "n\(n)", raftHost: "127.0.0.1", raftPort: 7000 + n, apiURL: "http://127.0.0.1:800\(n)")
    }
    for n in 1...3 {
        let configuration = try NodeConfiguration.load(path: directory + "/n\(n).yaml")
        #expect(configuration.file == directory + "/n\(n).yaml")
        #expect(configuration.id == UInt64(n))
        #expect(configuration.name == "n\(n)")
        #expect(configuration.dataDirectory == scratch.root + "/data/n\(n)")
        #expect(configuration.listenAPI == HostAndPort(host: "127.0.0.1", port: 8000 + n))
        #expect(configuration.listenRaft == HostAndPort(host: "127.0.0.1", port: 7000 + n))
        #expect(configuration.advertisedAPIURL == "http://127.0.0.1:800\(n)")
        #expect(configuration.advertisedRaft == configuration.listenRaft)
        #expect(
            configuration.tls
                == NodeConfiguration.TLSFiles(
                    ca: scratch.root + "/certs/ca.pem", certificate: scratch.root + "/certs/n\(n).pem",
                    key: scratch.root + "/certs/n\(n)-key.pem"))
        #expect(configuration.members == expectedMembers)
        #expect(configuration.peers.map(\.id) == [1, 2, 3].filter { $0 != UInt64(n) })
        #expect(configuration.raft == NodeConfiguration.RaftSettings())
        #expect(configuration.reads == .linearizable)
        #expect(configuration.checksums)
    }
    // Loading only reads: the data directories were not created.
    #expect(!FileManager.default.fileExists(atPath: scratch.root + "/data"))
}

/// Goal: the three-host example is valid apart from its files, which live on the hosts. Method: parse each with
/// file checks off and check the wildcard API listener is paired with an advertised URL.
@Test func highAvailabilityExampleConfigurationsParse() throws {
    for (index, letter) in ["a", "b", "c"].enumerated() {
        let path = repositoryRoot + "/cluster-configs/ha-example/node-\(letter).yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let configuration = try NodeConfiguration.parse(yaml: text, path: path, checkingFiles: false)
        #expect(configuration.id == UInt64(index + 1))
        #expect(configuration.name == "node-\(letter)")
        #expect(configuration.dataDirectory == "/var/lib/flotilla")
        #expect(configuration.listenAPI == HostAndPort(host: "0.0.0.0", port: 8888))
        #expect(configuration.advertisedAPIURL == "http://10.0.0.1\(index + 1):8888")
        #expect(configuration.advertisedRaft == HostAndPort(host: "10.0.0.1\(index + 1)", port: 7000))
        #expect(configuration.tls.key == "/etc/flotilla/tls/node-\(letter)-key.pem")
        #expect(configuration.members.map(\.name) == ["node-a", "node-b", "node-c"])
    }
}

// MARK: - Paths and defaults

/// Goal: relative paths are relative to the file, not to the current directory, and are normalized; absolute
/// paths are kept. Method: a config in <root>/conf naming `../data/./n1` and an absolute CA path.
@Test func relativePathsResolveAgainstTheFileDirectory() throws {
    let scratch = try Scratch()
    let yaml = try edited("data: ../data/n1", "data: ../data/./n1//")
        .replacingOccurrences(of: "ca: ../certs/ca.pem", with: "ca: \(scratch.root)/conf/../certs/ca.pem")
    try scratch.write(yaml)
    let configuration = try NodeConfiguration.load(path: scratch.config)
    #expect(configuration.dataDirectory == scratch.root + "/data/n1")
    #expect(configuration.tls.ca == scratch.root + "/certs/ca.pem")
    #expect(configuration.tls.certificate == scratch.root + "/certs/n1.pem")
    #expect(configuration.tls.key == scratch.root + "/certs/n1-key.pem")
}

/// Goal: the optional sections have the documented defaults, and an optional section with no value counts as
/// absent. Method: drop `raft`, `reads` and `checksums`, add an empty `advertise:`.
@Test func optionalSectionsDefault() throws {
    let scratch = try Scratch()
    let withoutRaft = try edited(
        "raft:\n  tick: 50ms\n  election_ticks: 10\n  heartbeat_ticks: 1\n  snapshot_every: 100000\n"
            + "reads: linearizable\nchecksums: true\n", "advertise:\n")
    try scratch.write(withoutRaft)
    let configuration = try NodeConfiguration.load(path: scratch.config)
    #expect(configuration.raft.tick == .milliseconds(50))
    #expect(configuration.raft.electionTimeoutTicks == 10)
    #expect(configuration.raft.heartbeatTimeoutTicks == 1)
    #expect(configuration.raft.snapshotIntervalEntries == 100_000)
    #expect(configuration.reads == .linearizable)
    #expect(configuration.checksums)
    #expect(configuration.advertisedAPIURL == "http://127.0.0.1:8001")
}

/// Goal: non-default values are read as written: units, `_` separators, stale reads, checksums off, IPv6,
/// DNS names (lowercased), an advertised address and URL paths without a trailing slash. Method: one config
/// using all of them.
@Test func explicitValuesAreRead() throws {
    let scratch = try Scratch()
    let yaml = """
        node: {id: 7, name: Node_7.a, data: /srv/flotilla}
        listen: {api: "[::]:8001", raft: "[::1]:7001"}
        advertise: {api: "https://Q.example.com/zaqar/", raft: "[0:0::1]:7001"}
        tls: {ca: ../certs/ca.pem, certificate: ../certs/n1.pem, key: ../certs/n1-key.pem}
        members:
          - {id: 7, name: Node_7.a, raft: "[::1]:7001", api: https://q.example.com/zaqar}
          - {id: 8, name: n8, raft: Peer.Example.com:7001, api: "http://[fe80::1]:8080"}
        raft: {tick: 2s, election_ticks: 20, heartbeat_ticks: 3, snapshot_every: 1_000_000}
        reads: stale
        checksums: false
        """
    try scratch.write(yaml)
    let configuration = try NodeConfiguration.load(path: scratch.config)
    #expect(configuration.dataDirectory == "/srv/flotilla")
    #expect(configuration.listenAPI == HostAndPort(host: "::", port: 8001))
    #expect(configuration.listenAPI.isWildcard)
    #expect(configuration.advertisedRaft == HostAndPort(host: "::1", port: 7001))
    #expect(configuration.advertisedRaft.description == "[::1]:7001")
    #expect(configuration.advertisedAPIURL == "https://q.example.com/zaqar")
    #expect(configuration.members[1].raftAddress == HostAndPort(host: "peer.example.com", port: 7001))
    #expect(configuration.members[1].apiURL == "http://[fe80::1]:8080")
    #expect(
        configuration.raft
            == NodeConfiguration.RaftSettings(
                tick: .seconds(2), electionTimeoutTicks: 20, heartbeatTimeoutTicks: 3,
                snapshotIntervalEntries: 1_000_000))
    #expect(configuration.reads == .stale)
    #expect(!configuration.checksums)
}

// MARK: - The file itself

/// Goal: a missing or non-file path names the file and what was expected. Method: load a path that does not
/// exist, then a directory.
@Test func unreadableFileIsReported() throws {
    let scratch = try Scratch()
    let missing = scratch.root + "/conf/absent.yaml"
    #expect(throws: ConfigurationError.self) { try NodeConfiguration.load(path: missing) }
    do {
        _ = try NodeConfiguration.load(path: missing)
    } catch {
        #expect(
            error.description == "\(missing): expected a readable configuration file, but \(missing) does not exist")
        #expect(error.kind == .unreadableFile)
    }
    let directory = scratch.root + "/conf"
    do {
        _ = try NodeConfiguration.load(path: directory)
    } catch {
        #expect(
            error.description == "\(directory): expected a readable configuration file, but \(directory) is a directory"
        )
    }
}

/// Goal: a file larger than 1 MiB (a data file named by mistake) is refused by its size, before it is read.
/// Method: a sparse file of 1 MiB + 1 byte.
@Test func oversizedFileIsRefused() throws {
    let scratch = try Scratch()
    try scratch.write("")
    let handle = try #require(FileHandle(forWritingAtPath: scratch.config))
    try handle.truncate(atOffset: UInt64(NodeConfiguration.maximumFileBytes + 1))
    try handle.close()
    do {
        _ = try NodeConfiguration.load(path: scratch.config)
        Issue.record("loaded an oversized file")
    } catch {
        #expect(
            error.description
                == "\(scratch.config): expected a configuration file of at most 1 MiB, but \(scratch.config) has "
                + "1048577 bytes")
    }
}

/// Goal: invalid UTF-8 is refused before parsing. Method: a file holding a lone continuation byte.
@Test func nonUTF8FileIsReported() throws {
    let scratch = try Scratch()
    try Data([0x6E, 0x6F, 0x64, 0x65, 0x3A, 0x20, 0x80]).write(to: URL(fileURLWithPath: scratch.config))
    do {
        _ = try NodeConfiguration.load(path: scratch.config)
        Issue.record("loaded invalid UTF-8")
    } catch {
        #expect(error.description == "\(scratch.config): expected UTF-8 text, but \(scratch.config) is not valid UTF-8")
    }
}

/// Goal: a YAML syntax error gives the line and column the parser reports. Method: an unclosed flow sequence
/// in a member on line 14.
@Test func yamlSyntaxErrorHasLineAndColumn() throws {
    let scratch = try Scratch()
    let problem = try scratch.problem(
        edited("  - {id: 2, name: n2, raft: 127.0.0.1:7002, api: http://127.0.0.1:8002}", "  - {id: 2, name: [n2"))
    #expect(
        problem
            == "\(scratch.config):15:5: expected valid YAML: did not find expected ',' or ']' "
            + "(while parsing a flow sequence at line 14)")
}

/// Goal: a key given twice in one mapping is a syntax error with a line, not a silent override. Method: a
/// second `id` under `node`.
@Test func duplicateKeyIsReported() throws {
    let scratch = try Scratch()
    let problem = try scratch.problem(edited("  name: n1\n", "  name: n1\n  id: 2\n"))
    #expect(problem == "\(scratch.config):2: expected each key once per mapping, got \"id\" more than once")
}

/// Goal: an empty file, or one whose top level is not a mapping, says what the top level must be.
@Test func emptyOrNonMappingDocumentIsReported() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem("# nothing yet\n")
            == "\(scratch.config): expected a mapping with keys node, listen, tls, members, got an empty document")
    #expect(
        try scratch.problem("- node\n")
            == "\(scratch.config):1: expected a mapping with keys node, listen, tls, members (and optionally "
            + "advertise, raft, reads, checksums), got a sequence")
}

// MARK: - Keys

/// Goal: typo protection. An unknown top-level key is an error naming it, suggesting the closest known key and
/// listing the known keys. Method: `lisen:` for `listen:`.
@Test func unknownTopLevelKeySuggestsClosest() throws {
    let scratch = try Scratch()
    try scratch.write(try edited("listen:", "lisen:"))
    do {
        _ = try NodeConfiguration.load(path: scratch.config)
        Issue.record("loaded a file with an unknown key")
    } catch {
        #expect(
            error.description
                == "\(scratch.config):5: lisen: unknown key; did you mean \"listen\"? expected one of: node, listen, "
                + "advertise, tls, members, raft, reads, checksums")
        #expect(error.kind == .unknownKey(suggestion: "listen"))
        #expect(error.keyPath == "lisen")
        #expect(error.line == 5)
    }
}

/// Goal: nested unknown keys get their full key path, and suggestions survive camelCase, transpositions and
/// abbreviations. Method: three misspellings in three sections.
@Test func unknownNestedKeySuggestsClosest() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("  election_ticks: 10", "  electionTicks: 10"))
            == "\(scratch.config):18: raft.electionTicks: unknown key; did you mean \"election_ticks\"? expected one "
            + "of: tick, election_ticks, heartbeat_ticks, snapshot_every")
    #expect(
        try scratch.problem(edited("  certificate: ../certs/n1.pem", "  cert: ../certs/n1.pem"))
            == "\(scratch.config):10: tls.cert: unknown key; did you mean \"certificate\"? expected one of: ca, "
            + "certificate, key")
    #expect(
        try scratch.problem(edited("name: n2, raft:", "name: n2, rfat:"))
            == "\(scratch.config):14: members[1].rfat: unknown key; did you mean \"raft\"? expected one of: id, name, "
            + "raft, api")
}

/// Goal: a section's key written at the top level is pointed to its section. Method: `snapshot_every` and
/// `tick` at the top level.
@Test func misplacedKeySuggestsItsSection() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("checksums: true", "checksums: true\nsnapshot_every: 5"))
            == "\(scratch.config):23: snapshot_every: unknown key; did you mean \"raft.snapshot_every\"? expected one "
            + "of: node, listen, advertise, tls, members, raft, reads, checksums")
    #expect(
        try scratch.problem(edited("checksums: true", "checksums: true\ntick: 10ms"))
            == "\(scratch.config):23: tick: unknown key; did you mean \"raft.tick\"? expected one of: node, listen, "
            + "advertise, tls, members, raft, reads, checksums")
}

/// Goal: a key with no close match is still rejected, with the known keys and no guess.
@Test func unknownKeyWithoutCloseMatchListsKnownKeys() throws {
    let scratch = try Scratch()
    try scratch.write(try edited("checksums: true", "checksums: true\nlogging: debug"))
    do {
        _ = try NodeConfiguration.load(path: scratch.config)
        Issue.record("loaded a file with an unknown key")
    } catch {
        #expect(
            error.description
                == "\(scratch.config):23: logging: unknown key; expected one of: node, listen, advertise, tls, "
                + "members, raft, reads, checksums")
        #expect(error.kind == .unknownKey(suggestion: nil))
    }
}

/// Goal: a missing required key names its full path and what it must hold; nested ones cite the line of the
/// mapping that lacks them. Method: remove `node.name`, then the whole `tls` section.
@Test func missingRequiredKeyIsReported() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("  name: n1\n", ""))
            == "\(scratch.config):2: node.name: missing; expected a name of 1 to 64 letters, digits, '.', '-' or '_'")
    #expect(
        try scratch.problem(
            edited("tls:\n  ca: ../certs/ca.pem\n  certificate: ../certs/n1.pem\n  key: ../certs/n1-key.pem\n", ""))
            == "\(scratch.config): tls: missing; expected a mapping with keys ca, certificate, key")
    #expect(
        try scratch.problem(edited("{id: 3, name: n3, ", "{id: 3, "))
            == "\(scratch.config):15: members[2].name: missing; expected a name of 1 to 64 letters, digits, '.', '-' "
            + "or '_'")
}

/// Goal: a section of the wrong shape says what shape was expected. Method: a scalar `node`, a mapping
/// `members`, a null required key.
@Test func wrongShapeIsReported() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("node:\n  id: 1\n  name: n1\n  data: ../data/n1\n", "node: n1\n"))
            == "\(scratch.config):1: node: expected a mapping with keys id, name, data, got \"n1\"")
    #expect(
        try scratch.problem(
            edited(
                "members:\n  - {id: 1, name: n1, raft: 127.0.0.1:7001, api: http://127.0.0.1:8001}\n",
                "members:\n  one: {id: 1, name: n1, raft: 127.0.0.1:7001, api: http://127.0.0.1:8001}\n"
            ).replacingOccurrences(of: "  - {id: 2", with: "  two: {id: 2")
                .replacingOccurrences(of: "  - {id: 3", with: "  three: {id: 3"))
            == "\(scratch.config):13: members: expected a sequence of members, each a mapping with keys id, name, "
            + "raft, api, got a mapping")
    #expect(
        try scratch.problem(edited("  id: 1\n", "  id:\n"))
            == "\(scratch.config):2: node.id: expected a positive integer, got nothing")
}

// MARK: - Values

/// Goal: ids are positive decimal integers. Method: 0, a negative number, a word, a leading zero, a value
/// past UInt64.
@Test func nodeIDMustBeAPositiveInteger() throws {
    let scratch = try Scratch()
    for (bad, expectation) in [
        ("0", "a positive integer"), ("-1", "a positive integer"), ("one", "a positive integer"),
        ("01", "a positive integer without leading zeros"), ("18446744073709551616", "a positive integer"),
    ] {
        #expect(
            try scratch.problem(edited("  id: 1\n", "  id: \(bad)\n"))
                == "\(scratch.config):2: node.id: expected \(expectation), got \"\(bad)\"")
    }
}

/// Goal: names are 1 to 64 portable characters (they are certificate CNs and file names).
@Test func nameMustBePortableAndShort() throws {
    let scratch = try Scratch()
    let long = String(repeating: "n", count: 65)
    for bad in ["n 1", "n/1", "\"\"", long] {
        let shown = bad == "\"\"" ? "" : bad
        #expect(
            try scratch.problem(edited("  name: n1\n", "  name: \(bad)\n"))
                == "\(scratch.config):3: node.name: expected a name of 1 to 64 letters, digits, '.', '-' or '_', got "
                + "\"\(shown)\"")
    }
}

/// Goal: HOST:PORT needs a port (the brief's example). Method: `members[2].raft: 127.0.0.1`.
@Test func hostAndPortNeedsAPort() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("raft: 127.0.0.1:7003", "raft: 127.0.0.1"))
            == "\(scratch.config):15: members[2].raft: expected HOST:PORT, got \"127.0.0.1\"")
}

/// Goal: ports are 1 to 65535, in decimal. (Quoted: unquoted, `127.0.0.1:` would be a YAML mapping.)
@Test func portMustBeInRange() throws {
    let scratch = try Scratch()
    for bad in ["0", "65536", "70x1", ""] {
        #expect(
            try scratch.problem(edited("  api: 127.0.0.1:8001", "  api: \"127.0.0.1:\(bad)\""))
                == "\(scratch.config):6: listen.api: expected HOST:PORT with a port from 1 to 65535, got "
                + "\"127.0.0.1:\(bad)\"")
    }
}

/// Goal: hosts are IPv4 addresses, bracketed IPv6 addresses or DNS names. Method: an unbracketed IPv6 address,
/// a bad bracketed one, an out-of-range IPv4 address, a name with an underscore.
@Test func hostMustBeAnAddressOrName() throws {
    let scratch = try Scratch()
    let cases = [
        ("::1:7001", "HOST:PORT with an IPv6 HOST in brackets, such as [::1]:7001"),
        ("[::g]:7001", "HOST:PORT with a valid IPv6 address in brackets"),
        ("300.0.0.1:7001", "HOST:PORT with HOST an IPv4 address, [IPv6] address or DNS name"),
        ("node_a:7001", "HOST:PORT with HOST an IPv4 address, [IPv6] address or DNS name"),
        (":7001", "HOST:PORT with HOST an IPv4 address, [IPv6] address or DNS name"),
    ]
    for (bad, expectation) in cases {
        #expect(
            try scratch.problem(edited("  raft: 127.0.0.1:7001", "  raft: \"\(bad)\""))
                == "\(scratch.config):7: listen.raft: expected \(expectation), got \"\(bad)\"")
    }
}

/// Goal: the API and Raft listeners cannot share a port on the same (or a wildcard) host.
@Test func listenersMustNotCollide() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("  raft: 127.0.0.1:7001", "  raft: 0.0.0.0:8001"))
            == "\(scratch.config):7: listen.raft: expected an address other than listen.api (127.0.0.1:8001), got "
            + "\"0.0.0.0:8001\"")
}

/// Goal: a wildcard listener needs an advertised address, since nobody can dial 0.0.0.0. Method: listen on
/// 0.0.0.0 without `advertise`, for the API and then for Raft.
@Test func wildcardListenerNeedsAdvertise() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("  api: 127.0.0.1:8001", "  api: 0.0.0.0:8001"))
            == "\(scratch.config): advertise.api: missing; expected an http:// or https:// URL clients can reach, "
            + "required because listen.api (0.0.0.0:8001) is a wildcard address")
    #expect(
        try scratch.problem(
            edited("  raft: 127.0.0.1:7001", "  raft: \"[::]:7001\"\nadvertise:\n  api: http://127.0.0.1:8001"))
            == "\(scratch.config):9: advertise.raft: missing; expected HOST:PORT peers can dial, required because "
            + "listen.raft ([::]:7001) is a wildcard address")
}

/// Goal: addresses others dial can't be wildcards. Method: a wildcard member raft address, a wildcard
/// advertised URL.
@Test func dialedAddressesMustNotBeWildcards() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("raft: 127.0.0.1:7002", "raft: 0.0.0.0:7002"))
            == "\(scratch.config):14: members[1].raft: expected an address peers can dial, got the wildcard "
            + "\"0.0.0.0:7002\"")
    #expect(
        try scratch.problem(edited("checksums: true", "checksums: true\nadvertise: {api: \"http://[::]:8001\"}"))
            == "\(scratch.config):23: advertise.api: expected an http:// or https:// URL clients can reach, not a "
            + "wildcard, got \"http://[::]:8001\"")
}

/// Goal: URLs start with http:// or https:// and are plain base URLs. Method: no scheme, another scheme, a
/// query, a bad port, no host.
@Test func urlMustBeHTTPBaseURL() throws {
    let scratch = try Scratch()
    let cases = [
        ("127.0.0.1:8002", "a URL starting with http:// or https://"),
        ("ftp://127.0.0.1:8002", "a URL starting with http:// or https://"),
        (
            "http://127.0.0.1:8002/?x=1",
            "an http:// or https:// URL without user information, query, fragment or spaces"
        ),
        ("http://127.0.0.1:99999", "an http:// or https:// URL with a port from 1 to 65535"),
        ("http://", "an http:// or https:// URL with a host (an IPv4 address, [IPv6] address or DNS name)"),
    ]
    for (bad, expectation) in cases {
        #expect(
            try scratch.problem(edited("api: http://127.0.0.1:8002", "api: \"\(bad)\""))
                == "\(scratch.config):14: members[1].api: expected \(expectation), got \"\(bad)\"")
    }
}

/// Goal: `members` is a non-empty sequence of at most nine voters.
@Test func membersCountIsBounded() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(
            edited("members:\n", "members: []\nx:\n").replacingOccurrences(of: "x:\n  - {id: 1", with: "#  - {id: 1")
                .replacingOccurrences(of: "  - {id: 2", with: "#  - {id: 2")
                .replacingOccurrences(of: "  - {id: 3", with: "#  - {id: 3"))
            == "\(scratch.config):12: members: expected every voter of the founding cluster, got an empty sequence")
    let ten = (1...10).map { "  - {id: \($0), name: n\($0), raft: 127.0.0.1:\(7000 + $0), api: http://h:\(8000 + $0)}" }
    let yaml = try edited(
        "  - {id: 2, name: n2, raft: 127.0.0.1:7002, api: http://127.0.0.1:8002}\n"
            + "  - {id: 3, name: n3, raft: 127.0.0.1:7003, api: http://127.0.0.1:8003}\n", ""
    )
    .replacingOccurrences(
        of: "  - {id: 1, name: n1, raft: 127.0.0.1:7001, api: http://127.0.0.1:8001}",
        with: ten.joined(separator: "\n"))
    #expect(try scratch.problem(yaml) == "\(scratch.config):13: members: expected at most 9 voters, got 10")
}

/// Goal: ids, names, raft addresses and API URLs are unique among members; the error points at the later entry
/// and names the earlier one. Equal addresses written differently still collide.
@Test func memberFieldsMustBeUnique() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("{id: 3,", "{id: 2,"))
            == "\(scratch.config):15: members[2].id: expected an id unique among members, got \"2\" (members[1].id has "
            + "it too)")
    #expect(
        try scratch.problem(edited("name: n3", "name: n2"))
            == "\(scratch.config):15: members[2].name: expected a name unique among members, got \"n2\" "
            + "(members[1].name has it too)")
    #expect(
        try scratch.problem(edited("raft: 127.0.0.1:7003", "raft: 127.0.0.1:7001"))
            == "\(scratch.config):15: members[2].raft: expected an address unique among members, got "
            + "\"127.0.0.1:7001\" (members[0].raft has it too)")
    #expect(
        try scratch.problem(edited("api: http://127.0.0.1:8003", "api: http://127.0.0.1:8002/"))
            == "\(scratch.config):15: members[2].api: expected a URL unique among members, got "
            + "\"http://127.0.0.1:8002/\" (members[1].api has it too)")
}

/// Goal: this node appears in `members`. Method: node.id 4 with members 1 to 3.
@Test func thisNodeMustBeAMember() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("  id: 1\n", "  id: 4\n"))
            == "\(scratch.config):13: members: expected an entry for this node (node.id 4), got ids 1, 2, 3")
}

/// Goal: this node's members entry agrees with the rest of the file: name, raft address, API URL. Method: change
/// each in turn, with and without `advertise`.
@Test func thisNodesEntryMustMatch() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("  name: n1\n", "  name: n9\n"))
            == "\(scratch.config):13: members[0].name: expected \"n9\" (node.name) in this node's entry, got \"n1\"")
    #expect(
        try scratch.problem(edited("  raft: 127.0.0.1:7001", "  raft: 127.0.0.1:7101"))
            == "\(scratch.config):13: members[0].raft: expected 127.0.0.1:7101 (listen.raft, as advertise.raft is "
            + "absent) in this node's entry, got \"127.0.0.1:7001\"")
    #expect(
        try scratch.problem(edited("checksums: true", "checksums: true\nadvertise: {raft: \"localhost:7001\"}"))
            == "\(scratch.config):13: members[0].raft: expected localhost:7001 (advertise.raft) in this node's "
            + "entry, got \"127.0.0.1:7001\"")
    #expect(
        try scratch.problem(edited("  api: 127.0.0.1:8001", "  api: 127.0.0.1:8101"))
            == "\(scratch.config):13: members[0].api: expected http://127.0.0.1:8101 (from listen.api, as "
            + "advertise.api is absent) in this node's entry, got \"http://127.0.0.1:8001\"")
}

/// Goal: durations have a unit and lie between 1 ms and 10 s.
@Test func tickMustBeADurationInRange() throws {
    let scratch = try Scratch()
    for bad in ["50", "50 ms", "1.5s", "fast"] {
        #expect(
            try scratch.problem(edited("  tick: 50ms", "  tick: \(bad)"))
                == "\(scratch.config):17: raft.tick: expected a duration such as 50ms or 1s, got \"\(bad)\"")
    }
    for bad in ["0ms", "500us", "11s", "1m"] {
        #expect(
            try scratch.problem(edited("  tick: 50ms", "  tick: \(bad)"))
                == "\(scratch.config):17: raft.tick: expected a duration from 1ms to 10s, got \"\(bad)\"")
    }
}

/// Goal: election_ticks > heartbeat_ticks >= 1, blaming the key the operator wrote.
@Test func electionTicksMustExceedHeartbeatTicks() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("  election_ticks: 10", "  election_ticks: 1"))
            == "\(scratch.config):18: raft.election_ticks: expected an integer from 2 to 10000, got \"1\"")
    #expect(
        try scratch.problem(edited("  heartbeat_ticks: 1", "  heartbeat_ticks: 0"))
            == "\(scratch.config):19: raft.heartbeat_ticks: expected an integer from 1 to 1000, got \"0\"")
    #expect(
        try scratch.problem(edited("  heartbeat_ticks: 1", "  heartbeat_ticks: 10"))
            == "\(scratch.config):18: raft.election_ticks: expected more than raft.heartbeat_ticks (10), got \"10\"")
    #expect(
        try scratch.problem(edited("  election_ticks: 10\n  heartbeat_ticks: 1", "  heartbeat_ticks: 12"))
            == "\(scratch.config):18: raft.heartbeat_ticks: expected fewer than raft.election_ticks (10, the "
            + "default), got \"12\"")
}

/// Goal: snapshot_every is a positive integer.
@Test func snapshotEveryMustBePositive() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("  snapshot_every: 100000", "  snapshot_every: 0"))
            == "\(scratch.config):20: raft.snapshot_every: expected an integer from 1 to 1000000000, got \"0\"")
}

/// Goal: `reads` is one of two words; stale reads are an explicit opt-in, so nothing else is guessed.
@Test func readsMustBeAKnownMode() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("reads: linearizable", "reads: Stale"))
            == "\(scratch.config):21: reads: expected \"linearizable\" or \"stale\", got \"Stale\"")
}

/// Goal: `checksums` is true or false; YAML 1.1's yes/no/on/off are refused rather than read differently by
/// different tools.
@Test func checksumsMustBeABoolean() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("checksums: true", "checksums: yes"))
            == "\(scratch.config):22: checksums: expected true or false, got \"yes\"")
}

// MARK: - Files named by the configuration

/// Goal: TLS files must exist, be files, and look like PEM; the message gives the value as written and the
/// resolved path. Method: a missing key file, a directory as CA, a certificate without a BEGIN line.
@Test func tlsFilesMustBeReadablePEM() throws {
    let scratch = try Scratch()
    let certs = scratch.root + "/certs"
    #expect(
        try scratch.problem(edited("key: ../certs/n1-key.pem", "key: ../certs/n2-key.pem"))
            == "\(scratch.config):11: tls.key: expected a readable PEM file, got \"../certs/n2-key.pem\" "
            + "(\(certs)/n2-key.pem does not exist)")
    #expect(
        try scratch.problem(edited("ca: ../certs/ca.pem", "ca: ../certs"))
            == "\(scratch.config):9: tls.ca: expected a readable PEM file, got \"../certs\" (\(certs) is a directory)")
    try Data("not a certificate".utf8).write(to: URL(fileURLWithPath: certs + "/n1.pem"))
    #expect(
        try scratch.problem(validYAML)
            == "\(scratch.config):10: tls.certificate: expected a readable PEM file, got \"../certs/n1.pem\" "
            + "(\(certs)/n1.pem has no -----BEGIN line)")
}

/// Goal: paths starting with ~ are refused (no shell expands them here), and an existing data path must be a
/// directory.
@Test func dataPathMustBeUsable() throws {
    let scratch = try Scratch()
    #expect(
        try scratch.problem(edited("data: ../data/n1", "data: ~/flotilla"))
            == "\(scratch.config):4: node.data: expected a directory path, absolute or relative to this file (~ is "
            + "not expanded), got \"~/flotilla\"")
    #expect(
        try scratch.problem(edited("data: ../data/n1", "data: ../certs/ca.pem"))
            == "\(scratch.config):4: node.data: expected a directory path, got \"../certs/ca.pem\" "
            + "(\(scratch.root)/certs/ca.pem is not a directory)")
}

/// Goal: rejecting a file changes nothing on disk. Method: a config whose only problem comes last (checksums),
/// so every earlier section was read; the data directory does not exist afterwards and the certificates are
/// unchanged.
@Test func rejectedConfigurationChangesNothing() throws {
    let scratch = try Scratch()
    let before = try FileManager.default.contentsOfDirectory(atPath: scratch.root).sorted()
    #expect(try scratch.problem(edited("checksums: true", "checksums: maybe")) != nil)
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.root).sorted() == before)
    #expect(!FileManager.default.fileExists(atPath: scratch.root + "/data"))
}
