import ClusterCertificates
import RaftCore
import RaftTransport
import Testing

/// A CA and node certificates for loopback tests (every node certificate has the IP SAN 127.0.0.1).
struct TestCluster {
    let ca: ClusterCA
    let nodes: [String: NodeCertificate]

    init(_ names: [String]) throws {
        ca = try ClusterCA.create()
        var nodes: [String: NodeCertificate] = [:]
        for name in names { nodes[name] = try ca.issueNodeCertificate(name: name, hosts: ["127.0.0.1"]) }
        self.nodes = nodes
    }

    func identity(_ name: String) -> TransportIdentity {
        TransportIdentity(
            caCertificatePEM: ca.certificatePEM, certificateChainPEM: nodes[name]!.certificatePEM,
            privateKeyPEM: nodes[name]!.privateKeyPEM)
    }

    /// A transport for node `id` named `name`, listening on a system-picked loopback port.
    func transport(
        id: NodeID, name: String, identity: TransportIdentity? = nil, peers: [PeerAddress] = [], port: Int = 0,
        configure: (inout TransportConfiguration) -> Void = { _ in }
    ) throws -> PeerTransport {
        var configuration = TransportConfiguration(
            localID: id, localName: name, listenHost: "127.0.0.1", listenPort: port, peers: peers,
            identity: identity ?? self.identity(name))
        configure(&configuration)
        return try PeerTransport(configuration: configuration)
    }
}

func peer(_ id: NodeID, _ name: String, port: Int) -> PeerAddress {
    PeerAddress(id: id, name: name, host: "127.0.0.1", port: port)
}

/// A transport whose `run()` is going in a task; `stop()` cancels it and waits until everything is closed.
struct Running {
    let transport: PeerTransport
    let task: Task<Void, any Error>

    init(_ transport: PeerTransport) {
        self.transport = transport
        task = Task { try await transport.run() }
    }

    func stop() async throws {
        task.cancel()
        try await task.value
    }
}

struct TimedOut: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}

struct StreamEnded: Error, CustomStringConvertible {
    let what: String
    var description: String { "stream ended while waiting for \(what)" }
}

/// Runs `body`, failing with ``TimedOut`` if it takes longer than `seconds`. The timeout is only a safety net:
/// the tests synchronise on the events `body` awaits, never on elapsed time.
func within<T: Sendable>(
    _ what: String, seconds: Int = 30, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw TimedOut(what: what)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// The first element of `stream` matching `predicate` (earlier ones are consumed and discarded).
func first<T: Sendable>(
    _ stream: AsyncStream<T>, _ what: String, where predicate: @escaping @Sendable (T) -> Bool = { _ in true }
) async throws -> T {
    try await within(what) {
        for await element in stream where predicate(element) { return element }
        throw StreamEnded(what: what)
    }
}

/// The next `count` elements of `stream`.
func collect<T: Sendable>(_ stream: AsyncStream<T>, count: Int, _ what: String) async throws -> [T] {
    try await within(what) {
        var elements: [T] = []
        for await element in stream {
            elements.append(element)
            if elements.count == count { return elements }
        }
        throw StreamEnded(what: "\(what) (got \(elements.count) of \(count))")
    }
}

func heartbeat(from: NodeID, to: NodeID, round: UInt64) -> Message {
    Message(from: from, to: to, term: 1, payload: .heartbeat(Heartbeat(commit: 0, readRound: round)))
}
