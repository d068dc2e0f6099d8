/// What one benchmark run does: the workload, how load is offered, how long, and the messages' shape.
///
/// A configuration is plain data; ``problem`` says whether it is runnable. ``BenchRunner`` refuses (with a
/// precondition) a configuration whose ``problem`` is not nil, so callers validate first.
public struct BenchConfiguration: Sendable, Hashable {
    /// The requests a run sends.
    public enum Workload: String, Sendable, Hashable, CaseIterable {
        /// Single-message posts.
        case post
        /// Claim up to ``BenchConfiguration/claimLimit`` messages, then delete each under the claim, one at a
        /// time; the queue is pre-filled first.
        case claimDelete = "claim-delete"
        /// Half the load posts and half claims and deletes, at the same time, on the same queue.
        case mixed
    }

    /// How load is offered.
    public enum Load: Sendable, Hashable {
        /// `clients` tasks, each with one request in flight at a time: the offered load follows the server's
        /// speed, so latency is per request and throughput is the server's at that concurrency.
        case closed(clients: Int)
        /// Requests (claim cycles, for claims) started at `perSecond` whatever the answers, at most
        /// `maxOutstanding` in flight. Latency runs from the intended start, so time spent waiting for a slot, a
        /// connection or the scheduler counts (no coordinated omission).
        case open(perSecond: Double, maxOutstanding: Int)
    }

    /// How a message body of ``BenchConfiguration/messageBytes`` is made.
    public enum BodyShape: String, Sendable, Hashable, CaseIterable {
        /// A JSON string, `"xxx…"`.
        case string
        /// A JSON object with one string field, `{"pad": "xxx…"}`.
        case object
    }

    /// The largest message body: a one-message post of it still fits Zaqar's 256 KiB post limit.
    public static let maxMessageBytes = 262_144 - 64

    public var workload: Workload
    public var load: Load
    /// The queue the run uses (created if missing).
    public var queue: String
    /// The measured time: operations started in it are counted.
    public var duration: Duration
    /// Time before ``duration``: the same load runs, but its operations are not counted.
    public var warmup: Duration
    /// The serialized size of every message body, in bytes.
    public var messageBytes: Int
    public var bodyShape: BodyShape
    /// The most messages one claim asks for, 1–20.
    public var claimLimit: Int
    /// How many messages to post before a run with claims; nil for ``defaultPrefill``.
    public var prefill: Int?

    public init(
        workload: Workload, load: Load, queue: String, duration: Duration = .seconds(10),
        warmup: Duration = .seconds(1), messageBytes: Int = 1024, bodyShape: BodyShape = .string, claimLimit: Int = 10,
        prefill: Int? = nil
    ) {
        self.workload = workload
        self.load = load
        self.queue = queue
        self.duration = duration
        self.warmup = warmup
        self.messageBytes = messageBytes
        self.bodyShape = bodyShape
        self.claimLimit = claimLimit
        self.prefill = prefill
    }

    /// Why this configuration cannot run, in words for a command line; nil if it can.
    public var problem: String? {
        switch load {
        case .closed(let clients):
            guard clients >= 1 else { return "--concurrency must be at least 1" }
            if workload == .mixed, clients < 2 { return "the mixed workload needs --concurrency 2 or more" }
        case .open(let perSecond, let maxOutstanding):
            guard perSecond > 0, perSecond <= 1_000_000 else { return "--rate must be between 0 and 1000000" }
            guard maxOutstanding >= 1 else { return "--max-outstanding must be at least 1" }
        }
        guard duration > .zero else { return "--duration must be positive" }
        guard warmup >= .zero else { return "--warmup may not be negative" }
        guard duration + warmup <= .seconds(86_400) else { return "--duration plus --warmup may be at most a day" }
        let smallest = MessageBody.smallestBytes(bodyShape)
        guard (smallest...Self.maxMessageBytes).contains(messageBytes) else {
            return "--size must be \(smallest)-\(Self.maxMessageBytes) bytes for \(bodyShape.rawValue) bodies"
        }
        guard (1...20).contains(claimLimit) else { return "--claim-limit must be 1-20" }
        if let prefill, prefill < 0 { return "--prefill may not be negative" }
        guard !queue.isEmpty, queue.count <= 64 else { return "--queue must be 1-64 characters" }
        return nil
    }

    /// Whether the workload claims, and so needs a pre-filled queue.
    var claims: Bool { workload != .post }

    /// Closed loop: how many clients post and how many claim (mixed: the first half, rounded up, post).
    var closedRoles: (posters: Int, consumers: Int)? {
        guard case .closed(let clients) = load else { return nil }
        switch workload {
        case .post: return (clients, 0)
        case .claimDelete: return (0, clients)
        case .mixed: return ((clients + 1) / 2, clients / 2)
        }
    }

    /// The HTTP connections per node the load needs: one per client or per request in flight, and at least one
    /// per pre-fill worker (see ``BenchClient``).
    public var connections: Int {
        switch load {
        case .closed(let clients): return max(clients, BenchRunner.prefillWorkers)
        case .open(_, let maxOutstanding): return max(maxOutstanding, BenchRunner.prefillWorkers)
        }
    }

    /// Warmup plus duration, in seconds.
    var totalSeconds: Double { Self.seconds(warmup + duration) }

    /// The messages to post before the run when ``prefill`` is nil: what the claims of the whole run (warmup
    /// included) would take, plus a fifth.
    ///
    /// Open loop: `claim cycles/s × claim limit × seconds`, the most the schedule can claim. Closed loop, the
    /// server's speed is unknown, so it assumes 50 claim cycles per second per consuming client, at most 1000 in
    /// all (11,000 requests/s with 10 deletes per claim); a run that empties the queue anyway reports its empty
    /// claims, and `prefill` sets the number.
    public var defaultPrefill: Int {
        guard claims else { return 0 }
        let cyclesPerSecond: Double
        switch load {
        case .closed:
            cyclesPerSecond = min(1000, 50 * Double(closedRoles?.consumers ?? 0))
        case .open(let perSecond, _):
            cyclesPerSecond = workload == .mixed ? perSecond / 2 : perSecond
        }
        return Int((cyclesPerSecond * Double(claimLimit) * totalSeconds * 1.2).rounded(.up))
    }

    /// The TTL every posted message gets: it outlives the run (with pre-filling) by an hour or more.
    var messageTTLSeconds: Int { min(1_209_600, max(3600, Int(totalSeconds * 2) + 3600)) }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
