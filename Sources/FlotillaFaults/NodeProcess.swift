#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a node process ended.
public enum NodeExit: Sendable, Hashable, CustomStringConvertible {
    /// It called `exit` with this status.
    case exited(Int32)
    /// A signal ended it (e.g. `SIGKILL` = 9).
    case signalled(Int32)

    /// Decodes a `waitpid` status word.
    init(waitStatus status: Int32) {
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift cannot import as macros.
        if status & 0x7F == 0 {
            self = .exited((status >> 8) & 0xFF)
        } else {
            self = .signalled(status & 0x7F)
        }
    }

    public var description: String {
        switch self {
        case .exited(let code): return "exited with status \(code)"
        case .signalled(let signal): return "killed by signal \(signal)"
        }
    }
}

/// One child process started with `posix_spawn`, its standard output and error appended to a log file.
///
/// Guarantees: it signals and reaps only its own PID, and reaps it at most once (after that, signalling is a
/// no-op, so a recycled PID is never hit); the child starts with default signal dispositions and an empty signal
/// mask whatever the harness has set, and inherits no file descriptor besides 0, 1 and 2. Not thread-safe: its
/// owner (``LocalCluster``) serialises calls.
struct NodeProcess {
    let pid: pid_t
    /// Set once the process has been reaped.
    private(set) var exit: NodeExit?

    /// Starts `executable` with `arguments`, appending its standard output and error to `logPath`.
    /// - Throws: ``LocalClusterError/spawnFailed(node:reason:)``.
    static func spawn(node: Int, executable: String, arguments: [String], logPath: String)
        throws(LocalClusterError) -> NodeProcess
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Harness descriptors must not leak into a node (a leaked listening socket would outlive its proxy).
        // NIO and this harness open theirs close-on-exec; this also covers anything else the host process opened.
        if let closeFrom = Self.closeFromAction { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw .spawnFailed(node: node, reason: "posix_spawn \(executable): \(String(cString: strerror(result)))")
        }
        return NodeProcess(pid: pid)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), looked up at run time because Swift's Glibc
    /// module does not import GNU extensions; nil where the C library lacks it.
    private static let closeFromAction:
        (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
            guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else {
                return nil
            }
            return unsafeBitCast(
                symbol,
                to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }()

    private init(pid: pid_t) {
        self.pid = pid
    }

    /// Sends `signal` unless the process has been reaped.
    func send(_ signal: Int32) {
        guard exit == nil else { return }
        kill(pid, signal)
    }

    /// Reaps the process if it has ended, without blocking.
    /// - Returns: how it ended, or nil while it runs (or is stopped).
    mutating func poll() -> NodeExit? {
        if let exit { return exit }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return nil }
        exit = NodeExit(waitStatus: status)
        return exit
    }

    /// Blocks until the process ends and reaps it. Call only after `SIGKILL`, which ends it promptly.
    mutating func waitForExit() -> NodeExit {
        if let exit { return exit }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            // EINTR: try again. ECHILD cannot happen: only this value reaps this PID.
            precondition(errno == EINTR, "waitpid(\(pid)) failed: errno \(errno)")
        }
        let ended = NodeExit(waitStatus: status)
        exit = ended
        return ended
    }
}
