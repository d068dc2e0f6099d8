import Foundation
import GRDB
public import QueueModel

/// Reads at a given time. Every query filters out what has expired by `now`, so housekeeping never changes an
/// answer. Missing queues answer like empty ones (the reference's lazy queues); the HTTP layer decides statuses.
extension QueueEngine {
    func read<T>(_ body: (Database) throws -> T) throws(QueueEngineError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw .database("\(error)")
        }
    }

    /// §4.1: a page of the project's queues in byte order of name, strictly after `marker`. `nameContains` and
    /// `metadataEquals` are MongoDB's filters (decision 5); a filter value that reads as an integer matches an
    /// integer value. `total` counts the project's queues without filters.
    public func listQueues(
        project: String, marker: String?, limit: Int, detailed: Bool, nameContains: String? = nil,
        metadataEquals: [(key: String, value: String)] = []
    ) throws(QueueEngineError) -> QueuePage {
        try read { db in
            let total =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM queues WHERE project = ?", arguments: [project]) ?? 0
            var queues: [QueueSummary] = []
            var after = marker ?? ""
            // Filters are applied in Swift, so fetch in chunks until the page is full.
            while queues.count < limit {
                var sql = "SELECT name, metadata FROM queues WHERE project = ? AND name > ?"
                var arguments: StatementArguments = [project, after]
                if let nameContains {
                    sql += " AND instr(name, ?) > 0"
                    arguments += [nameContains]
                }
                sql += " ORDER BY name LIMIT ?"
                arguments += [limit * 2]
                let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
                for row in rows where queues.count < limit {
                    let name: String = row[0]
                    let metadata = QueueRow.parseMetadata(row[1])
                    guard Self.matches(metadata, metadataEquals) else { continue }
                    queues.append(
                        QueueSummary(name: name, metadata: detailed ? QueueMetadata.withDefaults(metadata) : nil))
                }
                guard rows.count == limit * 2, let last: String = rows.last?[0] else { break }
                after = last
            }
            return QueuePage(queues: queues, total: total)
        }
    }

    private static func matches(_ metadata: JSONObject, _ filters: [(key: String, value: String)]) -> Bool {
        filters.allSatisfy { filter in
            guard let value = metadata[filter.key] else { return false }
            if let number = Int64(filter.value) { return value == .int(number) }
            return value == .string(filter.value)
        }
    }

    /// §4.3: the metadata with reserved defaults; a missing queue shows the defaults alone.
    public func metadata(_ queue: QueueRef) throws(QueueEngineError) -> JSONObject {
        QueueMetadata.withDefaults(try storedMetadata(queue) ?? JSONObject())
    }

    /// The stored metadata (no defaults), or nil if the queue does not exist. Served from a cache that the
    /// writer invalidates (`MetadataCache`).
    public func storedMetadata(_ queue: QueueRef) throws(QueueEngineError) -> JSONObject? {
        let key = MetadataCache.key(queue)
        let cached = metadataCache.lookup(key)
        if let metadata = cached.metadata { return metadata }
        let metadata = try read { db in try QueueRow.fetch(queue, db)?.metadata }
        if let metadata { metadataCache.insert(key, metadata, generation: cached.generation) }
        return metadata
    }

    /// Whether the queue exists.
    public func queueExists(_ queue: QueueRef) throws(QueueEngineError) -> Bool {
        try storedMetadata(queue) != nil
    }

    /// §4.6: counts at `now`; delayed messages count as free.
    public func stats(_ queue: QueueRef, at now: Timestamp) throws(QueueEngineError) -> QueueStats {
        try read { db in
            guard let row = try QueueRow.fetch(queue, db) else {
                return QueueStats(total: 0, claimed: 0, oldest: nil, newest: nil)
            }
            let counts = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*), coalesce(sum(claim_id IS NOT NULL AND claim_expires_ms > ?), 0)
                    FROM messages WHERE queue_id = ? AND expires_ms > ?
                    """, arguments: [now.milliseconds, row.id, now.milliseconds])!
            func edge(_ order: String) throws -> MessageSummary? {
                try Row.fetchOne(
                    db,
                    sql:
                        "SELECT id, created_ms FROM messages WHERE queue_id = ? AND expires_ms > ? ORDER BY seq \(order) LIMIT 1",
                    arguments: [row.id, now.milliseconds]
                ).map { summary in
                    let created = Timestamp(milliseconds: summary[1])
                    return MessageSummary(id: summary[0], age: now.wholeSeconds(since: created), created: created)
                }
            }
            return QueueStats(total: counts[0], claimed: counts[1], oldest: try edge("ASC"), newest: try edge("DESC"))
        }
    }

    /// §5.2: up to `limit` messages strictly after `marker` in FIFO order, without claimed ones unless
    /// `includeClaimed`, delayed ones unless `includeDelayed`, and the caller's own unless `echo`. An unparseable
    /// marker gives an empty page (decision 3).
    public func listMessages(
        _ queue: QueueRef, at now: Timestamp, marker: String?, limit: Int, clientID: ClientID, echo: Bool,
        includeClaimed: Bool, includeDelayed: Bool
    ) throws(QueueEngineError) -> MessagePage {
        var after: Int64 = 0
        if let marker {
            guard let parsed = Int64(marker), parsed >= 0 else { return MessagePage(messages: [], nextMarker: nil) }
            after = parsed
        }
        return try read { db in
            guard let row = try QueueRow.fetch(queue, db) else { return MessagePage(messages: [], nextMarker: nil) }
            var sql = "SELECT \(MessageRow.columns) FROM messages WHERE queue_id = ? AND seq > ? AND expires_ms > ?"
            var arguments: StatementArguments = [row.id, after, now.milliseconds]
            if !includeClaimed {
                sql += " AND (claim_id IS NULL OR claim_expires_ms <= ?)"
                arguments += [now.milliseconds]
            }
            if !includeDelayed {
                sql += " AND delay_until_ms <= ?"
                arguments += [now.milliseconds]
            }
            if !echo {
                sql += " AND client_id != ?"
                arguments += [Data(clientID.bytes)]
            }
            sql += " ORDER BY seq LIMIT ?"
            arguments += [limit]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments).map(MessageRow.init(row:))
            return MessagePage(
                messages: rows.map { $0.view(queue: queue.name, at: now) }, nextMarker: rows.last.map { String($0.seq) }
            )
        }
    }

    /// §5.4: the message, claimed or delayed alike; nil if missing, expired or in another queue or project.
    public func message(_ queue: QueueRef, id: String, at now: Timestamp) throws(QueueEngineError) -> MessageView? {
        try messages(queue, ids: [id], at: now).first
    }

    /// §5.3: the messages among `ids` that exist, in request order (duplicates once).
    public func messages(_ queue: QueueRef, ids: [String], at now: Timestamp) throws(QueueEngineError) -> [MessageView]
    {
        try read { db in
            guard let row = try QueueRow.fetch(queue, db) else { return [] }
            let statement = try db.cachedStatement(
                sql: "SELECT \(MessageRow.columns) FROM messages WHERE id = ? AND queue_id = ? AND expires_ms > ?")
            var seen: Set<String> = []
            var found: [MessageView] = []
            for id in ids where seen.insert(id).inserted {
                if let message = try Row.fetchOne(statement, arguments: [id, row.id, now.milliseconds]) {
                    found.append(MessageRow(row: message).view(queue: queue.name, at: now))
                }
            }
            return found
        }
    }

    /// §6.2: the claim and the messages it still holds; nil if missing, released or expired.
    public func claim(_ queue: QueueRef, id: String, at now: Timestamp) throws(QueueEngineError) -> ClaimView? {
        try read { db in
            guard let row = try QueueRow.fetch(queue, db),
                let claim = try Row.fetchOne(
                    db, sql: "SELECT renewed_ms, ttl FROM claims WHERE id = ? AND queue_id = ? AND expires_ms > ?",
                    arguments: [id, row.id, now.milliseconds])
            else { return nil }
            let messages = try Row.fetchAll(
                db,
                sql: "SELECT \(MessageRow.columns) FROM messages WHERE claim_id = ? AND expires_ms > ? ORDER BY seq",
                arguments: [id, now.milliseconds]
            ).map { MessageRow(row: $0).view(queue: queue.name, at: now) }
            return ClaimView(
                id: id, queue: queue.name, age: now.wholeSeconds(since: Timestamp(milliseconds: claim[0])),
                ttl: claim[1],
                messages: messages)
        }
    }
}
