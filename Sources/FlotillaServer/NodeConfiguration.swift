/// The settings of one cluster node, read from that node's YAML file (`Docs/CONFIGURATION.md`).
///
/// Every node has its own file. It says who the node is (``id``, ``name``), where it keeps its data, where it
/// listens, how peers and clients reach it, which TLS files prove its identity, and who the founding voters are.
///
/// ``load(path:)`` is the only way from a file to a value, and it validates everything before returning: a value
/// it returns satisfies every invariant stated on the fields below. A file with a problem produces a
/// ``ConfigurationError`` that names the file, the key path and what was expected, and loading changes nothing on
/// disk (it does not even create the data directory; the node does that when it starts).
///
/// The memberwise initializer exists for tests and tools that build a configuration in code; it checks nothing,
/// so such a value satisfies the invariants only if its author made it so.
public struct NodeConfiguration: Sendable, Hashable {
    /// The absolute path of the file this configuration came from (empty when built in code). Relative paths in
    /// the file were resolved against its directory.
    public var file: String

    /// This node's Raft id (`node.id`). Invariant: positive, and equal to the ``Member/id`` of exactly one entry
    /// of ``members``. 0 is reserved: Raft uses it for "no node" (no vote cast, no leader known).
    public var id: UInt64

    /// This node's name (`node.name`): 1 to 64 ASCII letters, digits, `.`, `-` or `_`. It must equal the common
    /// name (CN) of this node's certificate, which peers check during the mutual-TLS handshake; 64 is the X.509
    /// upper bound for a common name. Invariant: equal to the ``Member/name`` of this node's ``members`` entry.
    public var name: String

    /// The absolute, lexically normalized path of the directory holding this node's Raft log and queue database
    /// (`node.data`). It may not exist yet: the node creates it at startup. If it exists, it is a directory.
    public var dataDirectory: String

    /// Where the Zaqar v2 HTTP API listens (`listen.api`). May be a wildcard address such as `0.0.0.0`.
    public var listenAPI: HostAndPort

    /// Where peer (Raft) traffic listens, over mutual TLS (`listen.raft`). May be a wildcard address.
    /// Invariant: it does not collide with ``listenAPI`` (same port on the same or a wildcard host).
    public var listenRaft: HostAndPort

    /// The base URL clients should use to reach this node's API (`advertise.api`; by default `http://` followed by
    /// ``listenAPI``). Invariant: an `http://` or `https://` URL without a trailing `/`, whose host is not a
    /// wildcard, equal to the ``Member/apiURL`` of this node's ``members`` entry.
    public var advertisedAPIURL: String

    /// The address peers dial to reach this node's Raft listener (`advertise.raft`; by default ``listenRaft``).
    /// Invariant: not a wildcard, and equal to the raft address of this node's ``members`` entry.
    public var advertisedRaft: HostAndPort

    /// This node's TLS material (`tls`).
    public var tls: TLSFiles

    /// Every voter of the founding cluster, this node included, sorted by id (`members`, in any order in the
    /// file). Invariants: 1 to ``maximumMembers`` entries; ids, names, raft addresses and API URLs are each
    /// unique; no address is a wildcard. Every node of a cluster must list the same members.
    public var members: [Member]

    /// Raft timing and snapshot settings (`raft`).
    public var raft: RaftSettings

    /// How this node serves reads (`reads`).
    public var reads: ReadMode

    /// Whether posted messages get Zaqar's `MD5:` body checksum (`checksums`; Zaqar's `enable_checksum`).
    public var checksums: Bool

    /// The most voters a founding cluster may have. Every write waits for a majority and the leader replicates to
    /// every voter, so more voters cost latency and leader bandwidth for no gain in practice: 5 voters survive 2
    /// failures, 9 survive 4.
    public static let maximumMembers = 9

    /// Builds a configuration from values, without validation (see the type's documentation).
    public init(
        file: String = "", id: UInt64, name: String, dataDirectory: String, listenAPI: HostAndPort,
        listenRaft: HostAndPort, advertisedAPIURL: String, advertisedRaft: HostAndPort, tls: TLSFiles,
        members: [Member], raft: RaftSettings = RaftSettings(), reads: ReadMode = .linearizable,
        checksums: Bool = true
    ) {
        self.file = file
        self.id = id
        self.name = name
        self.dataDirectory = dataDirectory
        self.listenAPI = listenAPI
        self.listenRaft = listenRaft
        self.advertisedAPIURL = advertisedAPIURL
        self.advertisedRaft = advertisedRaft
        self.tls = tls
        self.members = members
        self.raft = raft
        self.reads = reads
        self.checksums = checksums
    }

    /// The other voters: ``members`` without this node, sorted by id.
    public var peers: [Member] { members.filter { $0.id != id } }
}

extension NodeConfiguration {
    /// One voter of the founding cluster (an entry of `members`).
    public struct Member: Sendable, Hashable {
        /// The voter's Raft id: positive, unique among members.
        public var id: UInt64
        /// The voter's name: the CN of its certificate, unique among members (same syntax as
        /// ``NodeConfiguration/name``).
        public var name: String
        /// The host peers dial for this voter's Raft traffic: an IPv4 address, an IPv6 address (without brackets)
        /// or a lowercased DNS name; never a wildcard.
        public var raftHost: String
        /// The port peers dial for this voter's Raft traffic, 1 to 65535.
        public var raftPort: Int
        /// The base URL of this voter's Zaqar API, which clients are redirected to when it leads: `http://` or
        /// `https://`, no trailing `/`, no wildcard host.
        public var apiURL: String

        public init(id: UInt64, name: String, raftHost: String, raftPort: Int, apiURL: String) {
            self.id = id
            self.name = name
            self.raftHost = raftHost
            self.raftPort = raftPort
            self.apiURL = apiURL
        }

        /// ``raftHost`` and ``raftPort`` as one value.
        public var raftAddress: HostAndPort { HostAndPort(host: raftHost, port: raftPort) }
    }

    /// The TLS files of a node (`tls`): absolute, lexically normalized paths of PEM files. ``load(path:)`` checked
    /// that each existed, was a readable regular file and contained a `-----BEGIN` line; it did not parse the
    /// certificates (the transport does, when the node starts).
    public struct TLSFiles: Sendable, Hashable {
        /// The cluster CA certificate: peers' certificates must chain to it (`tls.ca`).
        public var ca: String
        /// This node's certificate, whose CN is ``NodeConfiguration/name`` (`tls.certificate`).
        public var certificate: String
        /// This node's private key (`tls.key`).
        public var key: String

        public init(ca: String, certificate: String, key: String) {
            self.ca = ca
            self.certificate = certificate
            self.key = key
        }
    }

    /// Raft timing and log compaction (`raft`). Every field has a default, so the section is optional.
    ///
    /// The election timeout is `tick * electionTimeoutTicks` (randomized up to twice that on every reset, Raft
    /// §5.2); the heartbeat interval is `tick * heartbeatTimeoutTicks`. With the defaults: 500 ms to 1 s, and 50 ms.
    public struct RaftSettings: Sendable, Hashable {
        /// The wall-clock length of one Raft tick (`raft.tick`), 1 ms to 10 s. Default 50 ms.
        public var tick: Duration
        /// Ticks without a leader before a follower campaigns (`raft.election_ticks`), 2 to 10,000.
        /// Invariant: greater than ``heartbeatTimeoutTicks`` (Raft: heartbeats must arrive well within an
        /// election timeout, or followers campaign against a live leader). Default 10.
        public var electionTimeoutTicks: Int
        /// Ticks between a leader's heartbeats (`raft.heartbeat_ticks`), 1 to 1,000. Default 1.
        public var heartbeatTimeoutTicks: Int
        /// Applied entries between snapshots of the queue engine (`raft.snapshot_every`), 1 to 1,000,000,000.
        /// A snapshot lets the log before it be discarded. Default 100,000.
        public var snapshotIntervalEntries: Int

        public init(
            tick: Duration = .milliseconds(50), electionTimeoutTicks: Int = 10, heartbeatTimeoutTicks: Int = 1,
            snapshotIntervalEntries: Int = 100_000
        ) {
            self.tick = tick
            self.electionTimeoutTicks = electionTimeoutTicks
            self.heartbeatTimeoutTicks = heartbeatTimeoutTicks
            self.snapshotIntervalEntries = snapshotIntervalEntries
        }
    }

    /// How a node serves reads (`reads`).
    public enum ReadMode: String, Sendable, Hashable, CaseIterable {
        /// Every read reflects every write acknowledged before it started. The node first confirms, with a
        /// ReadIndex round (Raft thesis §6.4), that the leader still leads and learns its commit index; it then
        /// serves the read from local state once it has applied that index. Costs one heartbeat round trip. The
        /// default.
        case linearizable
        /// Reads are served from this node's applied state at once, without a ReadIndex round. A follower, or a
        /// deposed leader that has not noticed yet, may answer with state older than writes already acknowledged
        /// elsewhere. An explicit opt-in for lower read latency where that staleness is acceptable.
        case stale
    }
}

/// A host and a port, as in `127.0.0.1:7001`, `[::1]:7001` or `node-a.example.com:7001`.
public struct HostAndPort: Sendable, Hashable, CustomStringConvertible {
    /// An IPv4 address, an IPv6 address without brackets, or a DNS name (lowercased by
    /// ``NodeConfiguration/load(path:)``).
    public var host: String
    /// 1 to 65535 in a loaded configuration.
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port`, with an IPv6 host in brackets.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Whether the host is a wildcard (`0.0.0.0` or `::`): fine to listen on, meaningless to dial.
    public var isWildcard: Bool { host == "0.0.0.0" || host == "::" }
}
