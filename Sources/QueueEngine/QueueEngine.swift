import GRDB
public import QueueModel

/// The Zaqar v2 state machine on SQLite. Replicas apply the same committed commands, in log order, and end in the
/// same state; queries read that state at a given time.
///
/// **Guarantees.**
/// - Determinism: a command's effect depends only on the database, the command and its envelope (the leader's
///   time; ids come from the log index). No clock, no randomness; every query that drives a decision has an
///   `ORDER BY`. The same commands give the same ``contentDump()`` on every replica.
/// - Atomic, idempotent apply: a batch of commands is one transaction that also stores the applied index, so after
///   a crash the database is at some whole batch and re-applying from its applied index skips what it has.
/// - Bad commands change nothing: an undecodable entry or a command outside the API's limits yields
///   `.failed(...)`; only the applied index moves.
///
/// Time-based rules (TTL, claim expiry, grace, delay) use the envelope's time when applying and the caller's read
/// time when querying.
public final class QueueEngine: Sendable {
    let database: any DatabaseWriter
    /// A second connection to the same file for passive WAL checkpoints, so that copying the WAL into the
    /// database and its fsync never stall the apply path (nil in memory).
    let checkpointer: DatabaseQueue?
    let metadataCache = MetadataCache()

    /// When a committed transaction is on stable storage.
    public enum Durability: Sendable {
        /// Commits are not fsynced: the Raft log is the durable record and replays whatever a power loss took
        /// (WAL with `synchronous = NORMAL`: consistent, may lose its last transactions).
        case replayedFromLog
        /// Every commit is fsynced before `apply` returns (`synchronous = FULL`): for a node with no log behind it.
        case fsyncEachCommit
    }

    /// Opens (or creates) the engine's database at `path`; `nil` keeps it in memory (tests, the simulator).
    /// - Throws: ``QueueEngineError`` if the file cannot be opened or its schema is not this release's.
    public init(path: String?, durability: Durability = .replayedFromLog) throws(QueueEngineError) {
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                // Must precede the first table: freed pages can then be returned to the file system, so the
                // database shrinks after messages expire (housekeeping runs an incremental vacuum). Only the
                // writer sets it; the pool's readers are read-only connections.
                if !db.configuration.readonly { try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL") }
                // 32 MiB of page cache and memory-mapped reads: the indexes of a busy queue stay in memory.
                try db.execute(sql: "PRAGMA cache_size = -32768")
                try db.execute(sql: "PRAGMA mmap_size = 268435456")
            }
            if let path {
                configuration.journalMode = .wal
                database = try DatabasePool(path: path, configuration: configuration)
            } else {
                database = try DatabaseQueue(configuration: configuration)
            }
            try database.writeWithoutTransaction { db in
                // Durability comes from the Raft log (an entry is replayed if its transaction is lost), so commits
                // need not fsync: NORMAL in WAL mode keeps the database consistent across a power loss and fsyncs
                // only at checkpoints. Checkpoints are run by `checkpoint()` off the apply path; the writer's own
                // automatic checkpoint is only a safety net at 50,000 pages (~200 MiB of WAL).
                try db.execute(
                    sql: durability == .fsyncEachCommit ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 50000")
                // After a checkpoint resets the WAL, truncate the file to at most 64 MiB.
                try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            }
            checkpointer = try path.map { path in
                var checkpointConfiguration = Configuration()
                checkpointConfiguration.label = "checkpointer"
                return try DatabaseQueue(path: path, configuration: checkpointConfiguration)
            }
            try database.write { db in try Schema.create(db) }
        } catch let error as QueueEngineError {
            throw error
        } catch {
            throw .database("\(error)")
        }
    }

    /// The index of the last log entry applied (0 for a new engine).
    /// - Throws: ``QueueEngineError`` if the database cannot be read (never a silent 0).
    public func appliedIndex() throws(QueueEngineError) -> UInt64 {
        try read { db in try Schema.appliedIndex(db) }
    }

    /// Applies committed entries in one transaction: each decoded and applied unless its index is at or below the
    /// applied index (a replay after a crash). Returns one result per entry; skipped entries give `nil`.
    /// - Throws: ``QueueEngineError`` if the database fails; then nothing of the batch is applied.
    public func apply(_ entries: [(index: UInt64, payload: [UInt8])]) throws(QueueEngineError) -> [CommandResult?] {
        let queues = BatchContext()
        // After the batch commits (or fails), forget the metadata of every queue it touched.
        defer { if !queues.changed.isEmpty { metadataCache.invalidate(queues.changed) } }
        do {
            return try database.write { db -> [CommandResult?] in
                var applied = try Schema.appliedIndex(db)
                var results: [CommandResult?] = []
                results.reserveCapacity(entries.count)
                for entry in entries {
                    guard entry.index > applied else {
                        results.append(nil)
                        continue
                    }
                    results.append(try applyOne(index: entry.index, payload: entry.payload, queues: queues, db))
                    applied = entry.index
                }
                try queues.finish(db)
                try Schema.setAppliedIndex(applied, db)
                return results
            }
        } catch let error as QueueEngineError {
            throw error
        } catch {
            throw .database("\(error)")
        }
    }

    /// Applies one command envelope at `index` (tests and single-node mode).
    public func apply(index: UInt64, _ envelope: CommandEnvelope) throws(QueueEngineError) -> CommandResult? {
        try apply([(index, CommandCodec.encode(envelope))])[0]
    }

    /// Copies the WAL into the database file and fsyncs it, without blocking the writer (a passive checkpoint on
    /// its own connection). The owner calls it periodically (housekeeping); in memory it does nothing.
    public func checkpoint() throws(QueueEngineError) {
        guard let checkpointer else { return }
        do {
            try checkpointer.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
        } catch {
            throw .database("\(error)")
        }
    }

    /// Closes the database connections (after a final passive checkpoint attempt), so that another engine may
    /// open the same file. The engine must not be used afterwards.
    public func close() throws(QueueEngineError) {
        do {
            try checkpointer?.close()
            try database.close()
        } catch {
            throw .database("\(error)")
        }
    }

    /// Records that entries up to `index` carried nothing for the engine (no-ops, membership changes).
    public func skip(through index: UInt64) throws(QueueEngineError) {
        do {
            try database.write { db in
                if try Schema.appliedIndex(db) < index { try Schema.setAppliedIndex(index, db) }
            }
        } catch {
            throw .database("\(error)")
        }
    }

    private func applyOne(index: UInt64, payload: [UInt8], queues: BatchContext, _ db: Database) throws
        -> CommandResult
    {
        let envelope: CommandEnvelope
        do {
            envelope = try CommandCodec.decode(payload)
        } catch {
            return .failed(.invalidCommand("undecodable entry at \(index): \(error)"))
        }
        // Invariant: a command validates everything before its first write, so a refusal has changed nothing
        // (checked here on every refusal, instead of paying for a savepoint on every command). A database error
        // aborts the whole batch's transaction.
        let changesBefore = db.totalChangesCount
        let result = try CommandApplier(db: db, index: index, now: envelope.time, queues: queues).apply(
            envelope.command)
        if case .failed = result {
            precondition(db.totalChangesCount == changesBefore, "command refused after writing: \(envelope.command)")
        }
        return result
    }
}

/// A failure of the engine's database itself (not of a command).
public enum QueueEngineError: Error, Hashable, Sendable {
    case database(String)
    case incompatibleSchema(found: Int, expected: Int)
    case snapshot(String)
}
