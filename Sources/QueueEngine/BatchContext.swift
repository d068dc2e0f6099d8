import GRDB
import QueueModel

/// What one apply batch keeps in memory instead of re-reading it for every command: the queue rows it has read (a
/// burst of commands on one queue reads and parses its row once; writers of a row update or drop their entry;
/// keys compare by UTF-8 bytes, as SQLite compares the text) and the next message sequence number (read once,
/// written back once, by ``finish(_:)``).
final class BatchContext {
    private var rows: [[UInt8]: QueueRow] = [:]
    /// Queues whose row the batch created, changed or deleted (for the engine's metadata cache).
    private(set) var changed: Set<[UInt8]> = []

    private func key(_ queue: QueueRef) -> [UInt8] { MetadataCache.key(queue) }

    func fetch(_ queue: QueueRef, _ db: Database) throws -> QueueRow? {
        if let row = rows[key(queue)] { return row }
        let row = try QueueRow.fetch(queue, db)
        if let row { rows[key(queue)] = row }
        return row
    }

    func fetchOrCreate(_ queue: QueueRef, _ db: Database) throws -> QueueRow {
        if let row = try fetch(queue, db) { return row }
        let row = try QueueRow.fetchOrCreate(queue, db)
        rows[key(queue)] = row
        changed.insert(key(queue))
        return row
    }

    func created(_ queue: QueueRef) { changed.insert(key(queue)) }

    func updateMetadata(_ queue: QueueRef, _ metadata: JSONObject) {
        rows[key(queue)]?.metadata = metadata
        changed.insert(key(queue))
    }

    func remove(_ queue: QueueRef) {
        rows[key(queue)] = nil
        changed.insert(key(queue))
    }

    private var nextMessageSeq: Int64?
    private var seqChanged = false

    /// Reserves `count` consecutive message sequence numbers and returns the first.
    func reserveMessageSeqs(_ count: Int, _ db: Database) throws -> Int64 {
        let first = try nextMessageSeq ?? Schema.nextMessageSeq(db)
        nextMessageSeq = first + Int64(count)
        seqChanged = true
        return first
    }

    /// Writes back what the batch kept in memory, inside its transaction.
    func finish(_ db: Database) throws {
        if seqChanged, let nextMessageSeq { try Schema.setNextMessageSeq(nextMessageSeq, db) }
    }
}
