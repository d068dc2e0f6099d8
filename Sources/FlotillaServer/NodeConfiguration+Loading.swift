import Foundation
import Yams

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Loading and validating a node's YAML file. The format is specified in `Docs/CONFIGURATION.md`; this file is its
// implementation. The rules are checked in a fixed order (see `ConfigurationReader.read(_:)`) and the first
// problem is thrown, so the same file always produces the same error.

extension NodeConfiguration {
    /// The largest configuration file accepted. Real files are a few hundred bytes; the limit catches a path that
    /// names the wrong file (a log, a database) before it is read into memory.
    public static let maximumFileBytes = 1 << 20

    /// Reads, parses and validates the configuration file at `path`.
    ///
    /// Relative paths inside the file are resolved against the file's directory. Loading only reads: it creates,
    /// changes and deletes nothing.
    ///
    /// - Parameter path: The file to read, absolute or relative to the current directory. Error messages name the
    ///   file as given here.
    /// - Returns: A configuration satisfying every invariant documented on ``NodeConfiguration``.
    /// - Throws: ``ConfigurationError`` describing the first problem found: the file cannot be read, is not valid
    ///   YAML, has an unknown or missing key, a value of the wrong form, or values that contradict each other, or a
    ///   TLS file is missing or unreadable.
    public static func load(path: String) throws(ConfigurationError) -> NodeConfiguration {
        let absolute = ConfigurationReader.absolute(path)
        func fail(_ problem: String) -> ConfigurationError {
            ConfigurationError(file: path, keyPath: "", problem: problem, kind: .unreadableFile)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw fail("expected a readable configuration file, but \(absolute) does not exist")
        }
        guard !isDirectory.boolValue else {
            throw fail("expected a readable configuration file, but \(absolute) is a directory")
        }
        // The size is checked before reading, so that naming a large file by mistake reads nothing.
        let size = ConfigurationReader.fileSize(absolute)
        guard size <= maximumFileBytes else {
            throw fail("expected a configuration file of at most 1 MiB, but \(absolute) has \(size) bytes")
        }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw fail("expected a readable configuration file, but \(absolute) cannot be read by this user")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw fail("expected UTF-8 text, but \(absolute) is not valid UTF-8")
        }
        return try parse(yaml: text, path: path, checkingFiles: true)
    }

    /// Parses and validates configuration text as if it had been read from `path` (which names the file in errors
    /// and anchors relative paths). With `checkingFiles` false the TLS files and the data directory are not looked
    /// at, so that tests can validate the deployment examples, whose files live on other machines.
    package static func parse(
        yaml: String, path: String, checkingFiles: Bool
    ) throws(ConfigurationError) -> NodeConfiguration {
        let reader = ConfigurationReader(
            file: path, directory: ConfigurationReader.directory(of: ConfigurationReader.absolute(path)),
            checkingFiles: checkingFiles)
        return try reader.read(yaml)
    }
}

/// Why a configuration file was rejected.
///
/// The ``description`` always names the file (as the caller gave it), the key path of the offending value when
/// there is one, and what was expected, in the form `FILE[:LINE[:COLUMN]]: KEY.PATH: PROBLEM`, for example
/// `n1.yaml:14: members[2].raft: expected HOST:PORT, got "127.0.0.1"`. The line is that of the offending value (or,
/// for a missing key, of the mapping that lacks it) whenever the YAML parser recorded one; the column is given for
/// YAML syntax errors only. Sequence indexes in key paths count from 0.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The broad class of problem, for callers that react differently (never match on ``description``).
    public enum Kind: Sendable, Hashable {
        /// The file does not exist, is a directory, cannot be read, is too large or is not UTF-8.
        case unreadableFile
        /// The text is not valid YAML (or holds several documents, an undefined alias or a duplicate key).
        case syntax
        /// A key the format does not know: usually a typo. `suggestion` is the closest known key, if one is close.
        case unknownKey(suggestion: String?)
        /// A required key is absent (or has no value).
        case missingKey
        /// A value has the wrong form or range, contradicts another value, or names an unusable file.
        case invalidValue
    }

    /// The configuration file, exactly as the caller named it.
    public var file: String
    /// The 1-based line of the problem, when known.
    public var line: Int?
    /// The 1-based column of the problem, for YAML syntax errors.
    public var column: Int?
    /// The key path of the offending value, such as `members[2].raft` (indexes from 0); empty when the problem
    /// concerns the whole file.
    public var keyPath: String
    /// What was expected and what was found, such as `expected HOST:PORT, got "127.0.0.1"`.
    public var problem: String
    /// The class of problem.
    public var kind: Kind

    public init(file: String, line: Int? = nil, column: Int? = nil, keyPath: String, problem: String, kind: Kind) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.problem = problem
        self.kind = kind
    }

    /// `FILE[:LINE[:COLUMN]]: [KEY.PATH: ]PROBLEM`.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return keyPath.isEmpty ? "\(location): \(problem)" : "\(location): \(keyPath): \(problem)"
    }
}

/// One key a mapping may hold: its name, whether it must be present, and what its value must be (the phrase
/// completes "expected ...").
struct ConfigurationKey {
    var name: String
    var required: Bool
    var expectation: String
}

/// A mapping whose keys have been checked against its schema: no unknown key, every required key present.
struct CheckedMapping {
    /// The mapping node itself (its line is reported for missing keys).
    var node: Node
    /// The mapping's key path.
    var path: String
    /// Values by key; an optional key whose value is null is absent.
    var values: [String: Node]

    subscript(key: String) -> Node? { values[key] }

    /// The key path of `key` in this mapping.
    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// Turns YAML text into a ``NodeConfiguration`` or the first ``ConfigurationError``. A value type with no state
/// beyond its inputs; every method either returns a checked value or throws.
struct ConfigurationReader {
    /// The file as the caller named it (for messages).
    var file: String
    /// The absolute directory relative paths are resolved against.
    var directory: String
    /// Whether TLS files and the data directory are examined on disk.
    var checkingFiles: Bool

    // MARK: Schema

    static let topKeys = [
        ConfigurationKey(name: "node", required: true, expectation: "a mapping with keys id, name, data"),
        ConfigurationKey(name: "listen", required: true, expectation: "a mapping with keys api, raft"),
        ConfigurationKey(name: "advertise", required: false, expectation: "a mapping with optional keys api, raft"),
        ConfigurationKey(name: "tls", required: true, expectation: "a mapping with keys ca, certificate, key"),
        ConfigurationKey(
            name: "members", required: true,
            expectation: "a sequence of members, each a mapping with keys id, name, raft, api"),
        ConfigurationKey(
            name: "raft", required: false,
            expectation: "a mapping with optional keys tick, election_ticks, heartbeat_ticks, snapshot_every"),
        ConfigurationKey(name: "reads", required: false, expectation: #""linearizable" or "stale""#),
        ConfigurationKey(name: "checksums", required: false, expectation: "true or false"),
    ]
    static let nodeKeys = [
        ConfigurationKey(name: "id", required: true, expectation: "a positive integer"),
        ConfigurationKey(name: "name", required: true, expectation: nameExpectation),
        ConfigurationKey(name: "data", required: true, expectation: "a directory path"),
    ]
    static let listenKeys = [
        ConfigurationKey(name: "api", required: true, expectation: "HOST:PORT"),
        ConfigurationKey(name: "raft", required: true, expectation: "HOST:PORT"),
    ]
    static let advertiseKeys = [
        ConfigurationKey(name: "api", required: false, expectation: urlExpectation),
        ConfigurationKey(name: "raft", required: false, expectation: "HOST:PORT"),
    ]
    static let tlsKeys = [
        ConfigurationKey(name: "ca", required: true, expectation: "a path to the cluster CA's PEM certificate"),
        ConfigurationKey(name: "certificate", required: true, expectation: "a path to this node's PEM certificate"),
        ConfigurationKey(name: "key", required: true, expectation: "a path to this node's PEM private key"),
    ]
    static let memberKeys = [
        ConfigurationKey(name: "id", required: true, expectation: "a positive integer"),
        ConfigurationKey(name: "name", required: true, expectation: nameExpectation),
        ConfigurationKey(name: "raft", required: true, expectation: "HOST:PORT"),
        ConfigurationKey(name: "api", required: true, expectation: urlExpectation),
    ]
    static let raftKeys = [
        ConfigurationKey(name: "tick", required: false, expectation: "a duration from 1ms to 10s"),
        ConfigurationKey(name: "election_ticks", required: false, expectation: "an integer from 2 to 10000"),
        ConfigurationKey(name: "heartbeat_ticks", required: false, expectation: "an integer from 1 to 1000"),
        ConfigurationKey(name: "snapshot_every", required: false, expectation: "an integer from 1 to 1000000000"),
    ]
    /// Keys of exactly one section, by name: where a key written at the top level probably belongs.
    static let misplaced: [String: String] = {
        var sections: [String: [String]] = [:]
        for (section, keys) in [
            ("node", nodeKeys), ("listen", listenKeys), ("advertise", advertiseKeys), ("tls", tlsKeys),
            ("raft", raftKeys),
        ] {
            for key in keys { sections[key.name, default: []].append("\(section).\(key.name)") }
        }
        return sections.compactMapValues { $0.count == 1 ? $0[0] : nil }
    }()
    static let nameExpectation = "a name of 1 to 64 letters, digits, '.', '-' or '_'"
    static let urlExpectation = "an http:// or https:// URL"

    // MARK: The document

    /// Checks, in this order: YAML syntax; the top-level keys (unknown, then missing); the sections `node`,
    /// `listen`, `advertise`, `tls`, `members`, `raft`, `reads`, `checksums` (each: unknown keys, missing keys,
    /// then each value in schema order); finally the rules that relate sections (this node's `members` entry).
    func read(_ text: String) throws(ConfigurationError) -> NodeConfiguration {
        let root = try compose(text)
        guard let root else {
            throw ConfigurationError(
                file: file, keyPath: "",
                problem: "expected a mapping with keys node, listen, tls, members, got an empty document",
                kind: .missingKey)
        }
        let top = try checkedMapping(
            root, at: "",
            expectation: "a mapping with keys node, listen, tls, members (and optionally advertise, raft, reads, "
                + "checksums)",
            keys: Self.topKeys)

        // node
        let node = try checkedMapping(top["node"]!, at: "node", keys: Self.nodeKeys)
        let id = try integer(node["id"]!, at: node.path("id"), in: 1...UInt64.max, expectation: "a positive integer")
        let name = try nodeName(node["name"]!, at: node.path("name"))
        let dataDirectory = try resolvedPath(node["data"]!, at: node.path("data"), expectation: "a directory path")
        if checkingFiles { try checkDirectoryIfPresent(dataDirectory, node["data"]!, at: node.path("data")) }

        // listen
        let listen = try checkedMapping(top["listen"]!, at: "listen", keys: Self.listenKeys)
        let listenAPI = try hostAndPort(listen["api"]!, at: listen.path("api"), allowingWildcard: true)
        let listenRaft = try hostAndPort(listen["raft"]!, at: listen.path("raft"), allowingWildcard: true)
        if listenAPI.port == listenRaft.port
            && (listenAPI.host == listenRaft.host || listenAPI.isWildcard || listenRaft.isWildcard)
        {
            throw invalid(
                listen["raft"]!, at: listen.path("raft"),
                "expected an address other than listen.api (\(listenAPI)), got \(quoted(listen["raft"]!))")
        }

        // advertise (each part defaults to the listen address, which must then be dialable)
        let advertise = try top["advertise"].map { (section) throws(ConfigurationError) in
            try checkedMapping(section, at: "advertise", keys: Self.advertiseKeys)
        }
        let advertisedAPIURL: String
        if let value = advertise?["api"] {
            advertisedAPIURL = try url(value, at: "advertise.api")
        } else if listenAPI.isWildcard {
            throw missing(
                "advertise.api", in: advertise?.node,
                "expected \(Self.urlExpectation) clients can reach, required because listen.api (\(listenAPI)) is "
                    + "a wildcard address")
        } else {
            advertisedAPIURL = "http://\(listenAPI)"
        }
        let advertisedRaft: HostAndPort
        if let value = advertise?["raft"] {
            advertisedRaft = try hostAndPort(value, at: "advertise.raft", allowingWildcard: false)
        } else if listenRaft.isWildcard {
            throw missing(
                "advertise.raft", in: advertise?.node,
                "expected HOST:PORT peers can dial, required because listen.raft (\(listenRaft)) is a wildcard "
                    + "address")
        } else {
            advertisedRaft = listenRaft
        }

        // tls
        let tlsSection = try checkedMapping(top["tls"]!, at: "tls", keys: Self.tlsKeys)
        var tlsPaths: [String] = []
        for key in Self.tlsKeys {
            let value = tlsSection[key.name]!
            let path = try resolvedPath(value, at: tlsSection.path(key.name), expectation: key.expectation)
            if checkingFiles { try checkPEMFile(path, value, at: tlsSection.path(key.name)) }
            tlsPaths.append(path)
        }
        let tls = NodeConfiguration.TLSFiles(ca: tlsPaths[0], certificate: tlsPaths[1], key: tlsPaths[2])

        // members
        let (members, memberNodes) = try readMembers(top["members"]!)

        // raft
        let raft = try readRaftSettings(top["raft"])

        // reads, checksums
        var reads = NodeConfiguration.ReadMode.linearizable
        if let value = top["reads"] {
            guard let text = scalarText(value), let mode = NodeConfiguration.ReadMode(rawValue: text) else {
                throw invalid(value, at: "reads", #"expected "linearizable" or "stale", got \#(quoted(value))"#)
            }
            reads = mode
        }
        var checksums = true
        if let value = top["checksums"] {
            switch scalarText(value) {
            case "true", "True", "TRUE": checksums = true
            case "false", "False", "FALSE": checksums = false
            default: throw invalid(value, at: "checksums", "expected true or false, got \(quoted(value))")
            }
        }

        // This node's own entry in members: present, and saying the same as the rest of the file.
        guard let index = members.firstIndex(where: { $0.id == id }) else {
            let ids = members.map { String($0.id) }.joined(separator: ", ")
            throw invalid(
                top["members"]!, at: "members",
                "expected an entry for this node (node.id \(id)), got ids \(ids)")
        }
        let entry = members[index]
        let entryNode = memberNodes[index]
        let entryPath = "members[\(entryNode.index)]"
        guard entry.name == name else {
            throw invalid(
                entryNode.fields["name"]!, at: "\(entryPath).name",
                "expected \"\(name)\" (node.name) in this node's entry, got \(quoted(entryNode.fields["name"]!))")
        }
        guard entry.raftAddress == advertisedRaft else {
            let source = advertise?["raft"] == nil ? "listen.raft, as advertise.raft is absent" : "advertise.raft"
            throw invalid(
                entryNode.fields["raft"]!, at: "\(entryPath).raft",
                "expected \(advertisedRaft) (\(source)) in this node's entry, got "
                    + quoted(entryNode.fields["raft"]!))
        }
        guard entry.apiURL == advertisedAPIURL else {
            let source = advertise?["api"] == nil ? "from listen.api, as advertise.api is absent" : "advertise.api"
            throw invalid(
                entryNode.fields["api"]!, at: "\(entryPath).api",
                "expected \(advertisedAPIURL) (\(source)) in this node's entry, got "
                    + quoted(entryNode.fields["api"]!))
        }

        return NodeConfiguration(
            file: Self.absolute(file), id: id, name: name, dataDirectory: dataDirectory, listenAPI: listenAPI,
            listenRaft: listenRaft, advertisedAPIURL: advertisedAPIURL, advertisedRaft: advertisedRaft, tls: tls,
            members: members.sorted { $0.id < $1.id }, raft: raft, reads: reads, checksums: checksums)
    }

    /// A `members` entry as written: its index in the file and its checked fields (for later error messages).
    struct MemberNode {
        var index: Int
        var fields: CheckedMapping
    }

    /// Reads `members` in file order, checking each entry and uniqueness against the entries before it.
    func readMembers(_ value: Node) throws(ConfigurationError) -> ([NodeConfiguration.Member], [MemberNode]) {
        guard case .sequence(let sequence) = value else {
            let expectation = Self.topKeys.first { $0.name == "members" }!.expectation
            throw invalid(value, at: "members", "expected \(expectation), got \(describe(value))")
        }
        guard !sequence.isEmpty else {
            throw invalid(
                value, at: "members", "expected every voter of the founding cluster, got an empty sequence")
        }
        guard sequence.count <= NodeConfiguration.maximumMembers else {
            throw invalid(
                value, at: "members",
                "expected at most \(NodeConfiguration.maximumMembers) voters, got \(sequence.count)")
        }
        var members: [NodeConfiguration.Member] = []
        var nodes: [MemberNode] = []
        for (index, element) in sequence.enumerated() {
            let path = "members[\(index)]"
            let fields = try checkedMapping(element, at: path, keys: Self.memberKeys)
            let id = try integer(
                fields["id"]!, at: fields.path("id"), in: 1...UInt64.max, expectation: "a positive integer")
            let name = try nodeName(fields["name"]!, at: fields.path("name"))
            let raft = try hostAndPort(fields["raft"]!, at: fields.path("raft"), allowingWildcard: false)
            let api = try url(fields["api"]!, at: fields.path("api"))
            let duplicates: [(String, (NodeConfiguration.Member) -> Bool)] = [
                ("id", { $0.id == id }), ("name", { $0.name == name }), ("raft", { $0.raftAddress == raft }),
                ("api", { $0.apiURL == api }),
            ]
            for (key, isDuplicate) in duplicates {
                if let earlier = members.firstIndex(where: isDuplicate) {
                    let what = ["id": "an id", "name": "a name", "raft": "an address", "api": "a URL"][key]!
                    throw invalid(
                        fields[key]!, at: fields.path(key),
                        "expected \(what) unique among members, got "
                            + "\(quoted(fields[key]!)) (members[\(earlier)].\(key) has it too)")
                }
            }
            members.append(
                NodeConfiguration.Member(id: id, name: name, raftHost: raft.host, raftPort: raft.port, apiURL: api))
            nodes.append(MemberNode(index: index, fields: fields))
        }
        return (members, nodes)
    }

    /// Reads the optional `raft` section, applying defaults.
    func readRaftSettings(_ value: Node?) throws(ConfigurationError) -> NodeConfiguration.RaftSettings {
        var settings = NodeConfiguration.RaftSettings()
        guard let value else { return settings }
        let raft = try checkedMapping(value, at: "raft", keys: Self.raftKeys)
        if let tick = raft["tick"] { settings.tick = try duration(tick, at: "raft.tick") }
        if let ticks = raft["election_ticks"] {
            settings.electionTimeoutTicks = Int(
                try integer(ticks, at: "raft.election_ticks", in: 2...10_000, expectation: "an integer from 2 to 10000")
            )
        }
        if let ticks = raft["heartbeat_ticks"] {
            settings.heartbeatTimeoutTicks = Int(
                try integer(ticks, at: "raft.heartbeat_ticks", in: 1...1000, expectation: "an integer from 1 to 1000"))
        }
        if let entries = raft["snapshot_every"] {
            settings.snapshotIntervalEntries = Int(
                try integer(
                    entries, at: "raft.snapshot_every", in: 1...1_000_000_000,
                    expectation: "an integer from 1 to 1000000000"))
        }
        // Blame the key the operator wrote: election_ticks if present, else heartbeat_ticks.
        if settings.electionTimeoutTicks <= settings.heartbeatTimeoutTicks {
            if let election = raft["election_ticks"] {
                throw invalid(
                    election, at: "raft.election_ticks",
                    "expected more than raft.heartbeat_ticks (\(settings.heartbeatTimeoutTicks)), got "
                        + quoted(election))
            }
            throw invalid(
                raft["heartbeat_ticks"]!, at: "raft.heartbeat_ticks",
                "expected fewer than raft.election_ticks (\(settings.electionTimeoutTicks), the default), got "
                    + quoted(raft["heartbeat_ticks"]!))
        }
        return settings
    }

    // MARK: YAML structure

    /// Parses the text into a node tree, mapping the parser's errors (which carry positions) to ours.
    func compose(_ text: String) throws(ConfigurationError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, text: text)
        } catch {
            throw ConfigurationError(
                file: file, keyPath: "", problem: "expected valid YAML: \(error)", kind: .syntax)
        }
    }

    func syntaxError(_ error: YamlError, text: String) -> ConfigurationError {
        func located(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> ConfigurationError {
            var problem = "expected valid YAML: " + problem
            if let context { problem += " (\(context.text) at line \(context.mark.line))" }
            return ConfigurationError(
                file: file, line: mark.line, column: mark.column, keyPath: "", problem: problem, kind: .syntax)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return located(problem, context, mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return ConfigurationError(
                file: file, line: context.mark.line, keyPath: "",
                problem: "expected each key once per mapping, got \(keys) more than once", kind: .syntax)
        case .reader(let problem, let offset, _, _):
            // The offset counts characters; turn it into a line.
            let line = offset.map { offset in text.prefix(offset).reduce(1) { $1 == "\n" ? $0 + 1 : $0 } }
            return ConfigurationError(
                file: file, line: line, keyPath: "", problem: "expected valid YAML: \(problem)", kind: .syntax)
        default:
            return ConfigurationError(
                file: file, keyPath: "", problem: "expected valid YAML: \(error)", kind: .syntax)
        }
    }

    /// Checks that `node` is a mapping holding only known keys and every required one. An optional key with a
    /// null value (such as `advertise:` with everything under it commented out) counts as absent.
    func checkedMapping(
        _ node: Node, at path: String, expectation: String? = nil, keys: [ConfigurationKey]
    ) throws(ConfigurationError) -> CheckedMapping {
        let expectation =
            expectation ?? "a mapping with keys " + keys.map(\.name).joined(separator: ", ")
        guard case .mapping(let mapping) = node else {
            throw invalid(node, at: path, "expected \(expectation), got \(describe(node))")
        }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                throw invalid(keyNode, at: path, "expected keys that are plain names, got \(describe(keyNode))")
            }
            let key = scalar.string
            guard let spec = keys.first(where: { $0.name == key }) else {
                let known = keys.map(\.name)
                // A top-level key that belongs in one section (`tick:` for `raft.tick`) is suggested there.
                let suggestion =
                    Self.closest(to: key, among: known) ?? (path.isEmpty ? Self.misplaced[key] : nil)
                let shown = key.count > 80 ? String(key.prefix(80)) + "..." : key
                let keyPath = path.isEmpty ? shown : "\(path).\(shown)"
                let hint = suggestion.map { "did you mean \"\($0)\"? " } ?? ""
                throw ConfigurationError(
                    file: file, line: keyNode.mark?.line, keyPath: keyPath,
                    problem: "unknown key; \(hint)expected one of: " + known.joined(separator: ", "),
                    kind: .unknownKey(suggestion: suggestion))
            }
            if !spec.required && isNull(value) { continue }
            values[key] = value
        }
        for spec in keys where spec.required && values[spec.name] == nil {
            let keyPath = path.isEmpty ? spec.name : "\(path).\(spec.name)"
            throw ConfigurationError(
                file: file, line: path.isEmpty ? nil : node.mark?.line, keyPath: keyPath,
                problem: "missing; expected \(spec.expectation)", kind: .missingKey)
        }
        return CheckedMapping(node: node, path: path, values: values)
    }

    // MARK: Values

    /// A scalar's text, or nil for a mapping, a sequence or a null.
    func scalarText(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) else { return nil }
        return scalar.string
    }

    /// A plain scalar spelling YAML's null (`~`, `null`, or nothing at all). Quoted `"null"` is a string.
    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A string value: any non-null scalar. Quoting never changes meaning.
    func string(_ node: Node, at path: String, expectation: String) throws(ConfigurationError) -> String {
        guard let text = scalarText(node) else {
            throw invalid(node, at: path, "expected \(expectation), got \(describe(node))")
        }
        return text
    }

    /// A decimal integer in `range`. `_` may separate digits (`100_000`); leading zeros are refused because YAML
    /// 1.1 reads them as octal, so `010` would mean 8 to some tools and 10 to others.
    func integer(
        _ node: Node, at path: String, in range: ClosedRange<UInt64>, expectation: String
    ) throws(ConfigurationError) -> UInt64 {
        let text = try string(node, at: path, expectation: expectation)
        let digits = text.replacingOccurrences(of: "_", with: "")
        guard !digits.isEmpty, !text.hasPrefix("_"), !text.hasSuffix("_"),
            digits.allSatisfy({ $0.isASCII && $0.isNumber })
        else {
            throw invalid(node, at: path, "expected \(expectation), got \(quoted(node))")
        }
        guard digits.count == 1 || digits.first != "0" else {
            throw invalid(
                node, at: path, "expected \(expectation) without leading zeros, got \(quoted(node))")
        }
        guard let value = UInt64(digits), range.contains(value) else {
            throw invalid(node, at: path, "expected \(expectation), got \(quoted(node))")
        }
        return value
    }

    /// A node or member name: it must equal a certificate's CN (at most 64 characters in X.509) and appears in
    /// certificate file names, so it is kept to a portable character set.
    func nodeName(_ node: Node, at path: String) throws(ConfigurationError) -> String {
        let name = try string(node, at: path, expectation: Self.nameExpectation)
        guard (1...64).contains(name.utf8.count),
            name.unicodeScalars.allSatisfy({
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0))
            })
        else {
            throw invalid(node, at: path, "expected \(Self.nameExpectation), got \(quoted(node))")
        }
        return name
    }

    /// A duration: a positive decimal number with a unit, `us`, `ms`, `s` or `m` (`50ms`, `1s`), from 1 ms to
    /// 10 s. Below a millisecond, timers cannot keep up; above 10 s, failover takes minutes.
    func duration(_ node: Node, at path: String) throws(ConfigurationError) -> Duration {
        let expectation = "a duration such as 50ms or 1s"
        let text = try string(node, at: path, expectation: expectation)
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let unit = text.dropFirst(digits.count)
        let units: [Substring: (Int64) -> Duration] = [
            "us": { .microseconds($0) }, "ms": { .milliseconds($0) }, "s": { .seconds($0) },
            "m": { .seconds($0 * 60) },
        ]
        guard !digits.isEmpty, digits.count <= 9, let make = units[unit], let count = Int64(digits) else {
            throw invalid(node, at: path, "expected \(expectation), got \(quoted(node))")
        }
        let value = make(count)
        guard value >= .milliseconds(1), value <= .seconds(10) else {
            throw invalid(node, at: path, "expected a duration from 1ms to 10s, got \(quoted(node))")
        }
        return value
    }

    /// A path, resolved against the configuration file's directory when relative and normalized lexically
    /// (`.` and `..` removed without following symbolic links).
    func resolvedPath(_ node: Node, at path: String, expectation: String) throws(ConfigurationError) -> String {
        let text = try string(node, at: path, expectation: expectation)
        guard !text.isEmpty else { throw invalid(node, at: path, "expected \(expectation), got \(quoted(node))") }
        guard !text.hasPrefix("~") else {
            throw invalid(
                node, at: path,
                "expected \(expectation), absolute or relative to this file (~ is not expanded), got "
                    + quoted(node))
        }
        return Self.normalize(text.hasPrefix("/") ? text : directory + "/" + text)
    }

    /// `HOST:PORT`: an IPv4 address, a bracketed IPv6 address or a DNS name, then a port from 1 to 65535. DNS
    /// names are lowercased (they are case-insensitive) and IP addresses put in canonical form, so that equal
    /// addresses compare equal.
    func hostAndPort(_ node: Node, at path: String, allowingWildcard: Bool) throws(ConfigurationError) -> HostAndPort {
        let text = try string(node, at: path, expectation: "HOST:PORT")
        let address: HostAndPort
        switch Self.parseHostAndPort(text) {
        case .success(let parsed): address = parsed
        case .failure(let failure):
            throw invalid(node, at: path, "expected \(failure.expectation), got \(quoted(node))")
        }
        guard allowingWildcard || !address.isWildcard else {
            throw invalid(node, at: path, "expected an address peers can dial, got the wildcard \(quoted(node))")
        }
        return address
    }

    /// An `http://` or `https://` base URL: a host (not a wildcard), an optional port, an optional path; no user
    /// information, query or fragment. A trailing `/` is dropped so that equal URLs compare equal.
    func url(_ node: Node, at path: String) throws(ConfigurationError) -> String {
        let text = try string(node, at: path, expectation: Self.urlExpectation)
        func fail(_ expectation: String) -> ConfigurationError {
            invalid(node, at: path, "expected \(expectation), got \(quoted(node))")
        }
        let scheme: String
        if text.hasPrefix("http://") {
            scheme = "http://"
        } else if text.hasPrefix("https://") {
            scheme = "https://"
        } else {
            throw fail("a URL starting with http:// or https://")
        }
        let rest = text.dropFirst(scheme.count)
        let authority = rest.prefix { $0 != "/" }
        var pathPart = String(rest.dropFirst(authority.count))
        guard !text.contains(where: { $0 == "?" || $0 == "#" || $0 == "@" || $0.isWhitespace }) else {
            throw fail("\(Self.urlExpectation) without user information, query, fragment or spaces")
        }
        // The authority is HOST or HOST:PORT; reuse the HOST:PORT rules, with the scheme's port when absent.
        let hasPort = authority.hasPrefix("[") ? authority.contains("]:") : authority.contains(":")
        let defaultPort = scheme == "https://" ? 443 : 80
        let parsed: HostAndPort
        switch Self.parseHostAndPort(hasPort ? String(authority) : "\(authority):\(defaultPort)") {
        case .success(let address): parsed = address
        case .failure(let failure):
            throw fail(
                failure.port
                    ? "\(Self.urlExpectation) with a port from 1 to 65535"
                    : "\(Self.urlExpectation) with a host (an IPv4 address, [IPv6] address or DNS name)")
        }
        guard !parsed.isWildcard else { throw fail("\(Self.urlExpectation) clients can reach, not a wildcard") }
        while pathPart.hasSuffix("/") { pathPart.removeLast() }
        let host = parsed.host.contains(":") ? "[\(parsed.host)]" : parsed.host
        return scheme + host + (hasPort ? ":\(parsed.port)" : "") + pathPart
    }

    // MARK: Files

    /// A TLS file must exist, be a readable regular file of at most 1 MiB, and look like PEM.
    func checkPEMFile(_ absolute: String, _ node: Node, at path: String) throws(ConfigurationError) {
        func fail(_ reason: String) -> ConfigurationError {
            invalid(node, at: path, "expected a readable PEM file, got \(quoted(node)) (\(absolute) \(reason))")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw fail("does not exist")
        }
        guard !isDirectory.boolValue else { throw fail("is a directory") }
        guard Self.fileSize(absolute) <= NodeConfiguration.maximumFileBytes else { throw fail("is larger than 1 MiB") }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw fail("cannot be read by this user")
        }
        guard data.range(of: Data("-----BEGIN ".utf8)) != nil else { throw fail("has no -----BEGIN line") }
    }

    /// The data directory is created at startup; if something is already there, it must be a directory.
    func checkDirectoryIfPresent(_ absolute: String, _ node: Node, at path: String) throws(ConfigurationError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw invalid(
                node, at: path, "expected a directory path, got \(quoted(node)) (\(absolute) is not a directory)")
        }
    }

    // MARK: Errors

    func invalid(_ node: Node, at path: String, _ problem: String) -> ConfigurationError {
        ConfigurationError(file: file, line: node.mark?.line, keyPath: path, problem: problem, kind: .invalidValue)
    }

    /// A key that is absent although required by another value; the line is that of its parent mapping, if any.
    func missing(_ path: String, in parent: Node?, _ problem: String) -> ConfigurationError {
        ConfigurationError(
            file: file, line: parent?.mark?.line, keyPath: path, problem: "missing; " + problem, kind: .missingKey)
    }

    /// What a node is, for "got ...": a quoted scalar, "nothing" for null, or the kind of collection.
    func describe(_ node: Node) -> String {
        switch node {
        case .scalar: isNull(node) ? "nothing" : quoted(node)
        case .mapping: "a mapping"
        case .sequence: "a sequence"
        case .alias: "an alias"
        }
    }

    /// A scalar's text in double quotes, escaped, and cut at 80 characters (a limit on what an error echoes).
    func quoted(_ node: Node) -> String {
        guard case .scalar(let scalar) = node else { return describe(node) }
        var text = scalar.string
        if text.count > 80 { text = String(text.prefix(80)) + "..." }
        var result = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case _ where character.value < 0x20: result += "\\u{\(String(character.value, radix: 16))}"
            default: result.unicodeScalars.append(character)
            }
        }
        return result + "\""
    }

    // MARK: Helpers (pure)

    /// Why a `HOST:PORT` text was refused: what was expected, and whether the port (rather than the host) was
    /// at fault.
    struct AddressFailure: Error {
        var expectation: String
        var port: Bool
    }

    /// Parses `HOST:PORT` (see ``hostAndPort(_:at:allowingWildcard:)``).
    static func parseHostAndPort(_ text: String) -> Result<HostAndPort, AddressFailure> {
        let hostText: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return .failure(AddressFailure(expectation: "HOST:PORT", port: false))
            }
            hostText = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
            guard let canonical = canonicalIP(String(hostText), family: AF_INET6) else {
                return .failure(
                    AddressFailure(expectation: "HOST:PORT with a valid IPv6 address in brackets", port: false))
            }
            return port(portText).map { HostAndPort(host: canonical, port: $0) }
        }
        guard let colon = text.lastIndex(of: ":") else {
            return .failure(AddressFailure(expectation: "HOST:PORT", port: false))
        }
        hostText = text[..<colon]
        portText = text[text.index(after: colon)...]
        guard !hostText.contains(":") else {
            return .failure(
                AddressFailure(expectation: "HOST:PORT with an IPv6 HOST in brackets, such as [::1]:7001", port: false))
        }
        guard let host = canonicalHost(String(hostText)) else {
            return .failure(
                AddressFailure(
                    expectation: "HOST:PORT with HOST an IPv4 address, [IPv6] address or DNS name", port: false))
        }
        return port(portText).map { HostAndPort(host: host, port: $0) }
    }

    /// A port: decimal digits, 1 to 65535.
    static func port(_ text: Substring) -> Result<Int, AddressFailure> {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(text),
            (1...65535).contains(port)
        else {
            return .failure(AddressFailure(expectation: "HOST:PORT with a port from 1 to 65535", port: true))
        }
        return .success(port)
    }

    /// An IPv4 address in canonical form, or a valid DNS name lowercased; nil otherwise. Text made only of digits
    /// and dots must be an IPv4 address (so `10.0.0` or `300.1.1.1` are refused, not taken for names).
    static func canonicalHost(_ text: String) -> String? {
        if text.allSatisfy({ $0 == "." || ($0.isASCII && $0.isNumber) }) {
            return canonicalIP(text, family: AF_INET)
        }
        guard (1...253).contains(text.utf8.count) else { return nil }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            else { return nil }
        }
        return text.lowercased()
    }

    /// The canonical text of an IP address (`inet_pton` then `inet_ntop`), or nil if `text` is not one.
    static func canonicalIP(_ text: String, family: Int32) -> String? {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard inet_pton(family, text, &bytes) == 1 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(family, bytes, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The size of the file at `path` in bytes (0 if unknown: reading then fails or finds little).
    static func fileSize(_ path: String) -> Int {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// `path` made absolute against the current directory.
    static func absolute(_ path: String) -> String {
        normalize(path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path)
    }

    /// The directory part of an absolute path.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// Removes `.`, `..` and repeated `/` from an absolute path without touching the file system.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The known key closest to a misspelt one, if any is close: equal ignoring case, `_` and `-` (so
    /// `electionTicks` finds `election_ticks`); within an edit distance of a third of the shorter length (at least
    /// 1, transpositions counting once); or one a prefix of the other, from 3 characters. Keys longer than 64
    /// characters get no suggestion.
    static func closest(to key: String, among known: [String]) -> String? {
        func simplified(_ text: String) -> [Character] {
            Array(text.lowercased().filter { $0 != "_" && $0 != "-" })
        }
        let typed = simplified(key)
        guard typed.count <= 64 else { return nil }  // a limit on the quadratic distance table
        var best: (name: String, distance: Int)?
        for candidate in known {
            let target = simplified(candidate)
            let distance = editDistance(typed, target)
            let limit = max(1, min(typed.count, target.count) / 3)
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        if let best { return best.name }
        return known.first { candidate in
            let target = simplified(candidate)
            return min(typed.count, target.count) >= 3
                && (target.starts(with: typed) || typed.starts(with: target))
        }
    }

    /// The optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
