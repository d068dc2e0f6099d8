import ClusterCertificates
import Flotilla
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A Flotilla cluster of real `flotilla serve --config` processes on 127.0.0.1, for tests and the fault-injection
/// harness.
///
/// ```swift
/// let cluster = try await LocalCluster(nodes: 3)
/// try await cluster.startAll()
/// let leader = try await cluster.waitForLeader()
/// cluster.kill(leader)                      // SIGKILL
/// _ = try await cluster.waitForLeader()     // the survivors elect another
/// try await cluster.start(leader)           // it rejoins and catches up
/// cluster.stopAll()
/// ```
///
/// **Nodes** are numbered from 0: node `i` has Raft id `i + 1`, name `n<i+1>`, API URL ``endpoints``[i]. Everything
/// lives in ``directory``: `certs/` (a fresh CA and one certificate per node, for 127.0.0.1), `n1.yaml` (each
/// node's configuration), `n1/` (its data), `n1.log` (its standard output and error, appended across restarts).
/// Ports are free ports found at creation and kept for the cluster's lifetime, so a restarted node comes back at
/// the same address.
///
/// **Proxied** clusters route every directed peer link i→j through its own ``LinkProxy``: node i's configuration
/// names the proxy's port as node j's Raft address. The partition helpers (``cut(from:to:mode:)``,
/// ``apply(_:mode:)``, ``healAll()``) work only then.
///
/// Guarantees: it signals only the processes it started, by PID, and reaps each one; ``start(_:)`` returns only once
/// the node answers `GET /flotilla/v1/status` (or throws with the end of its log); ``stopAll()`` (also run on
/// deinit) SIGKILLs every node still running; deinit also closes the proxies. A cluster that created its own directory
/// deletes it on deinit unless ``keepDirectory`` is set. Thread-safe: the process table is behind a lock, and no
/// lock is held across an `await`.
public final class LocalCluster: Sendable {
    /// The number of nodes.
    public let size: Int
    /// The scratch directory holding certificates, configurations, data and logs.
    public let directory: String
    /// The `flotilla` executable the nodes run.
    public let executable: String
    /// Whether peer links go through proxies (and can be cut).
    public let proxied: Bool
    /// Each node's API base URL, e.g. `http://127.0.0.1:41234`, by node index.
    public let endpoints: [String]

    let raftPorts: [Int]
    let apiPorts: [Int]
    /// The proxy of each directed link, when ``proxied``.
    let proxies: [Link: LinkProxy]
    private let snapshotEvery: Int?
    private let ownsDirectory: Bool
    private let state: Mutex<State>

    private struct State {
        /// The running (or paused) process of each node; nil when it is not running.
        var processes: [NodeProcess?]
        var paused: Set<Int> = []
        /// Certificate and key files replacing a node's own (``useCertificates(of:from:)``).
        var certificateOverrides: [Int: (certificate: String, key: String)] = [:]
        var keepDirectory = false
    }

    /// The default `flotilla` executable: the one next to the running binary (tests and `flotilla-fault` are built
    /// into the same directory).
    public static var defaultExecutable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("flotilla")
            .path
    }

    /// Prepares a cluster: finds ports, writes certificates and configurations, and (if `proxied`) starts the
    /// link proxies. No node is started yet.
    /// - Parameters:
    ///   - nodes: how many nodes, 1 to 9 (3 or 5 make sense).
    ///   - executable: the `flotilla` binary; ``defaultExecutable`` if nil.
    ///   - directory: where to put everything (created if missing); a fresh temporary directory if nil, deleted
    ///     on deinit unless ``keepDirectory`` is set.
    ///   - proxied: route every peer link through a ``LinkProxy`` so it can be cut.
    ///   - snapshotEvery: the nodes' `raft.snapshot_every`; nil keeps the server's default. A small value makes a
    ///     restarted node catch up from a snapshot.
    /// - Throws: ``LocalClusterError``.
    public init(
        nodes: Int, executable: String? = nil, directory: String? = nil, proxied: Bool = false,
        snapshotEvery: Int? = nil
    ) async throws(LocalClusterError) {
        guard (1...9).contains(nodes) else { throw .invalidState("a cluster has 1 to 9 nodes, not \(nodes)") }
        size = nodes
        self.executable = executable ?? Self.defaultExecutable
        self.proxied = proxied
        self.snapshotEvery = snapshotEvery
        if let directory {
            self.directory = directory
            ownsDirectory = false
        } else {
            self.directory = try Self.makeTemporaryDirectory()
            ownsDirectory = true
        }
        let ports = try FreePort.reserve(2 * nodes)
        apiPorts = Array(ports[0..<nodes])
        raftPorts = Array(ports[nodes...])
        endpoints = apiPorts.map { "http://127.0.0.1:\($0)" }
        var proxies: [Link: LinkProxy] = [:]
        if proxied {
            for link in Link.all(size: nodes) {
                do {
                    proxies[link] = try await LinkProxy.start(upstreamPort: raftPorts[link.to])
                } catch {
                    for proxy in proxies.values { proxy.close() }
                    throw .io(operation: "proxy bind (\(error))", path: "127.0.0.1:0", errno: 0)
                }
            }
        }
        self.proxies = proxies
        state = Mutex(State(processes: Array(repeating: nil, count: nodes)))
        try createDirectory(self.directory)
        do {
            try CertificateFiles.writeCluster(
                directory: certificateDirectory, nodes: (0..<nodes).map(Self.name), hosts: ["127.0.0.1"])
        } catch {
            throw .certificates(error.description)
        }
        for node in 0..<nodes { try writeConfiguration(node) }
    }

    deinit {
        stopAll()
        for proxy in proxies.values { proxy.close() }
        if ownsDirectory, !keepDirectory { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Keep ``directory`` on deinit even though the cluster created it (to read the logs of a failed run).
    public var keepDirectory: Bool {
        get { state.withLock { $0.keepDirectory } }
        set { state.withLock { $0.keepDirectory = newValue } }
    }

    // MARK: - Names and paths

    /// Node `index`'s name: `n1` for node 0.
    public static func name(_ index: Int) -> String { "n\(index + 1)" }

    /// Where node `index`'s standard output and error go (appended across restarts).
    public func logPath(_ node: Int) -> String { directory + "/\(Self.name(node)).log" }

    /// Node `index`'s configuration file.
    public func configurationPath(_ node: Int) -> String { directory + "/\(Self.name(node)).yaml" }

    /// Node `index`'s data directory.
    public func dataDirectory(_ node: Int) -> String { directory + "/\(Self.name(node))" }

    /// The directory of the cluster's CA and node certificates.
    public var certificateDirectory: String { directory + "/certs" }

    /// Node `index`'s API base URL (``endpoints``[index]).
    public func apiURL(_ node: Int) -> String { endpoints[node] }

    // MARK: - Processes

    /// Whether node `index` has a process (running or paused).
    public func isRunning(_ node: Int) -> Bool { state.withLock { $0.processes[node] != nil } }

    /// Whether node `index` is paused (SIGSTOP).
    public func isPaused(_ node: Int) -> Bool { state.withLock { $0.paused.contains(node) } }

    /// Starts node `index` and waits until it answers its status.
    /// - Parameter timeout: how long it may take to answer.
    /// - Throws: ``LocalClusterError/invalidState(_:)`` if it runs already; ``LocalClusterError/exitedEarly(node:exit:logTail:)``
    ///   or ``LocalClusterError/notReady(node:seconds:logTail:)`` if it does not come up.
    public func start(_ node: Int, timeout: Duration = .seconds(30)) async throws(LocalClusterError) {
        try spawn(node)
        try await waitUntilAnswering(node, timeout: timeout)
    }

    /// Starts every node that is not running, all at once, and waits until each answers its status.
    /// - Throws: the first node's ``LocalClusterError``.
    public func startAll(timeout: Duration = .seconds(30)) async throws(LocalClusterError) {
        let stopped = (0..<size).filter { !isRunning($0) }
        for node in stopped { try spawn(node) }
        for node in stopped { try await waitUntilAnswering(node, timeout: timeout) }
    }

    /// SIGKILLs node `index` and reaps it (a paused node too). Nothing happens if it is not running.
    /// - Returns: how it ended, or nil if it was not running.
    @discardableResult
    public func kill(_ node: Int) -> NodeExit? {
        let exit = state.withLock { state -> NodeExit? in
            guard var process = state.processes[node] else { return nil }
            process.send(SIGKILL)
            let exit = process.waitForExit()
            state.processes[node] = nil
            state.paused.remove(node)
            return exit
        }
        if let exit { appendToLog(node, "--- harness: SIGKILL \(Self.name(node)): \(exit) ---") }
        return exit
    }

    /// Sends SIGTERM to node `index` (SIGCONT too, if paused) and waits for it to stop gracefully; SIGKILLs it if
    /// it has not stopped within `timeout`.
    /// - Returns: how it ended (`.exited(0)` for a clean stop), or nil if it was not running.
    @discardableResult
    public func terminate(_ node: Int, timeout: Duration = .seconds(30)) async -> NodeExit? {
        let wasRunning = state.withLock { state -> Bool in
            guard let process = state.processes[node] else { return false }
            process.send(SIGTERM)
            if state.paused.remove(node) != nil { process.send(SIGCONT) }
            return true
        }
        guard wasRunning else { return nil }
        appendToLog(node, "--- harness: SIGTERM \(Self.name(node)) ---")
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if let exit = reapIfEnded(node) { return exit }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return kill(node)
    }

    /// Stops node `index` with SIGSTOP: it keeps its sockets but does nothing until ``resume(_:)``.
    public func pause(_ node: Int) {
        let paused = state.withLock { state -> Bool in
            guard let process = state.processes[node], !state.paused.contains(node) else { return false }
            process.send(SIGSTOP)
            state.paused.insert(node)
            return true
        }
        if paused { appendToLog(node, "--- harness: SIGSTOP \(Self.name(node)) ---") }
    }

    /// Continues a paused node with SIGCONT.
    public func resume(_ node: Int) {
        let resumed = state.withLock { state -> Bool in
            guard let process = state.processes[node], state.paused.remove(node) != nil else { return false }
            process.send(SIGCONT)
            return true
        }
        if resumed { appendToLog(node, "--- harness: SIGCONT \(Self.name(node)) ---") }
    }

    /// SIGKILLs node `index` (if running) and starts it again with the same data, ports and configuration.
    /// - Throws: as ``start(_:timeout:)``.
    public func restart(_ node: Int, timeout: Duration = .seconds(30)) async throws(LocalClusterError) {
        kill(node)
        try await start(node, timeout: timeout)
    }

    /// SIGKILLs and reaps every running node. The cluster can be started again; the proxies stay until deinit.
    public func stopAll() {
        for node in 0..<size { kill(node) }
    }

    /// Makes node `index` present `directory`'s certificate and key for its name (`<name>.pem`, `<name>-key.pem`,
    /// as ``CertificateFiles`` writes them) instead of its own, while still trusting this cluster's CA. Takes
    /// effect at the node's next start. Use it to show that peers refuse a node whose certificate comes from
    /// another CA.
    /// - Throws: ``LocalClusterError/io(operation:path:errno:)`` if the files are missing.
    public func useCertificates(of node: Int, from directory: String) throws(LocalClusterError) {
        let certificate = directory + "/" + CertificateFiles.certificateFile(node: Self.name(node))
        let key = directory + "/" + CertificateFiles.privateKeyFile(node: Self.name(node))
        for path in [certificate, key] where !FileManager.default.fileExists(atPath: path) {
            throw .io(operation: "open", path: path, errno: ENOENT)
        }
        state.withLock { $0.certificateOverrides[node] = (certificate, key) }
        try writeConfiguration(node)
    }

    // MARK: - Helpers

    /// Starts node `index`'s process.
    /// - Throws: ``LocalClusterError/invalidState(_:)`` if it is running already, or the spawn error.
    private func spawn(_ node: Int) throws(LocalClusterError) {
        appendToLog(node, "--- harness: starting \(Self.name(node)) ---")
        try state.withLock { (state) throws(LocalClusterError) in
            guard state.processes[node] == nil else { throw .invalidState("node \(node) is already running") }
            state.processes[node] = try NodeProcess.spawn(
                node: node, executable: executable, arguments: ["serve", "--config", configurationPath(node)],
                logPath: logPath(node))
        }
    }

    /// Reaps node `index` if its process has ended.
    func reapIfEnded(_ node: Int) -> NodeExit? {
        state.withLock { state -> NodeExit? in
            guard var process = state.processes[node], let exit = process.poll() else { return nil }
            state.processes[node] = nil
            state.paused.remove(node)
            return exit
        }
    }

    /// The last `lines` lines of node `index`'s log.
    public func logTail(_ node: Int, lines: Int = 40) -> String {
        guard let text = try? String(contentsOfFile: logPath(node), encoding: .utf8) else { return "(no log)" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    private func appendToLog(_ node: Int, _ line: String) {
        let fd = open(logPath(node), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    private func writeConfiguration(_ node: Int) throws(LocalClusterError) {
        let override = state.withLock { $0.certificateOverrides[node] }
        let text = NodeConfigurationFile(
            node: node, size: size, apiPorts: apiPorts,
            raftAddresses: (0..<size).map { peer in
                guard peer != node, let proxy = proxies[Link(from: node, to: peer)] else { return raftPorts[peer] }
                return proxy.port
            },
            dataDirectory: dataDirectory(node), certificateDirectory: certificateDirectory,
            certificate: override?.certificate, key: override?.key, snapshotEvery: snapshotEvery
        ).yaml
        do {
            try text.write(toFile: configurationPath(node), atomically: true, encoding: .utf8)
        } catch {
            throw .io(operation: "write", path: configurationPath(node), errno: EIO)
        }
    }

    private func createDirectory(_ path: String) throws(LocalClusterError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .io(operation: "mkdir", path: path, errno: EIO)
        }
    }

    private static func makeTemporaryDirectory() throws(LocalClusterError) -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array((base + "/flotilla-cluster-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw .io(operation: "mkdtemp", path: base, errno: errno)
        }
        return String(cString: made)
    }
}
