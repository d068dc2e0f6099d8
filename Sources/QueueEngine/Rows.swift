import Foundation
import GRDB
import QueueModel

/// A queue's row.
struct QueueRow {
    static let columns = "id, metadata"

    var id: Int64
    var metadata: JSONObject

    init(row: Row) {
        id = row[0]
        metadata = Self.parseMetadata(row[1])
    }

    /// Stored metadata is always a JSON object the engine itself wrote.
    static func parseMetadata(_ text: String) -> JSONObject {
        guard case .object(let object) = try? JSONParser.parse(text) else {
            preconditionFailure("stored queue metadata is not a JSON object: \(text)")
        }
        return object
    }

    static func fetch(_ queue: QueueRef, _ db: Database) throws -> QueueRow? {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM queues WHERE project = ? AND name = ?")
        return try Row.fetchOne(statement, arguments: [queue.project, queue.name]).map(QueueRow.init(row:))
    }

    /// The queue's row, creating the queue with empty metadata if needed (lazy creation on post).
    static func fetchOrCreate(_ queue: QueueRef, _ db: Database) throws -> QueueRow {
        if let existing = try fetch(queue, db) { return existing }
        try db.execute(
            sql: "INSERT INTO queues (project, name, metadata) VALUES (?, ?, '{}')",
            arguments: [queue.project, queue.name])
        return QueueRow(id: db.lastInsertedRowID, metadata: JSONObject())
    }

    init(id: Int64, metadata: JSONObject) {
        self.id = id
        self.metadata = metadata
    }
}

/// A message's row, as every read selects it.
struct MessageRow {
    static let columns =
        "seq, id, created_ms, expires_ms, ttl, delay_until_ms, claim_id, claim_expires_ms, claim_count, body, checksum, client_id"

    var seq: Int64
    var id: String
    var created: Timestamp
    var expires: Timestamp
    var ttl: Int
    var delayUntil: Timestamp
    var claimID: String?
    var claimExpires: Timestamp
    var claimCount: Int
    var body: String
    var checksum: String?
    var clientID: [UInt8]

    init(row: Row) {
        seq = row[0]
        id = row[1]
        created = Timestamp(milliseconds: row[2])
        expires = Timestamp(milliseconds: row[3])
        ttl = row[4]
        delayUntil = Timestamp(milliseconds: row[5])
        claimID = row[6]
        claimExpires = Timestamp(milliseconds: row[7])
        claimCount = row[8]
        body = row[9]
        checksum = row[10]
        clientID = [UInt8](row[11] as Data)
    }

    /// Whether an unexpired claim holds the message at `now`.
    func isClaimed(at now: Timestamp) -> Bool { claimID != nil && claimExpires > now }

    func view(queue: String, at now: Timestamp) -> MessageView {
        MessageView(
            id: id, queue: queue, ttl: ttl, age: now.wholeSeconds(since: created), body: body, checksum: checksum,
            claimID: isClaimed(at: now) ? claimID : nil, claimCount: claimCount)
    }
}
