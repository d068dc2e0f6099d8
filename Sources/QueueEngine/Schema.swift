import GRDB

/// The engine's tables. Messages use a global, monotonically increasing rowid as their FIFO sequence: within a
/// queue, ascending rowid is posting order, and the decimal rowid is the listing marker.
enum Schema {
    static let version = 1

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS engine_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    schema_version INTEGER NOT NULL,
                    applied_index INTEGER NOT NULL,
                    next_message_seq INTEGER NOT NULL);
                INSERT OR IGNORE INTO engine_state VALUES (1, \(version), 0, 1);
                CREATE TABLE IF NOT EXISTS queues (
                    id INTEGER PRIMARY KEY,
                    project TEXT NOT NULL,
                    name TEXT NOT NULL,
                    metadata TEXT NOT NULL,
                    UNIQUE (project, name));
                CREATE TABLE IF NOT EXISTS messages (
                    seq INTEGER PRIMARY KEY,
                    queue_id INTEGER NOT NULL,
                    id TEXT NOT NULL UNIQUE,
                    created_ms INTEGER NOT NULL,
                    expires_ms INTEGER NOT NULL,
                    ttl INTEGER NOT NULL,
                    delay_until_ms INTEGER NOT NULL,
                    claim_id TEXT,
                    claim_expires_ms INTEGER NOT NULL,
                    claim_count INTEGER NOT NULL,
                    client_id BLOB NOT NULL,
                    body TEXT NOT NULL,
                    checksum TEXT);
                CREATE INDEX IF NOT EXISTS messages_by_queue ON messages(queue_id);
                CREATE INDEX IF NOT EXISTS messages_unclaimed ON messages(queue_id) WHERE claim_id IS NULL;
                CREATE INDEX IF NOT EXISTS messages_by_claim ON messages(claim_id) WHERE claim_id IS NOT NULL;
                CREATE INDEX IF NOT EXISTS messages_by_expiry ON messages(expires_ms);
                CREATE TABLE IF NOT EXISTS claims (
                    id TEXT PRIMARY KEY,
                    queue_id INTEGER NOT NULL,
                    renewed_ms INTEGER NOT NULL,
                    expires_ms INTEGER NOT NULL,
                    ttl INTEGER NOT NULL,
                    grace INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS claims_by_queue ON claims(queue_id, expires_ms);
                CREATE INDEX IF NOT EXISTS claims_by_expiry ON claims(expires_ms);
                CREATE TABLE IF NOT EXISTS post_keys (
                    queue_id INTEGER NOT NULL,
                    key TEXT NOT NULL,
                    expires_ms INTEGER NOT NULL,
                    message_ids TEXT NOT NULL,
                    PRIMARY KEY (queue_id, key));
                CREATE INDEX IF NOT EXISTS post_keys_by_expiry ON post_keys(expires_ms);
                """)
        let found = try Int.fetchOne(db, sql: "SELECT schema_version FROM engine_state WHERE id = 1") ?? 0
        guard found == version else { throw QueueEngineError.incompatibleSchema(found: found, expected: version) }
    }

    static func appliedIndex(_ db: Database) throws -> UInt64 {
        UInt64(try Int64.fetchOne(db.cachedStatement(sql: "SELECT applied_index FROM engine_state WHERE id = 1")) ?? 0)
    }

    static func setAppliedIndex(_ index: UInt64, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE engine_state SET applied_index = ? WHERE id = 1").execute(arguments: [
            Int64(index)
        ])
    }

    static func nextMessageSeq(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT next_message_seq FROM engine_state WHERE id = 1")) ?? 1
    }

    static func setNextMessageSeq(_ seq: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE engine_state SET next_message_seq = ? WHERE id = 1").execute(arguments: [
            seq
        ])
    }
}
