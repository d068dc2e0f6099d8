import GRDB

extension QueueEngine {
    /// Pages in use and the file's size (after a WAL checkpoint), in bytes: what the state costs on disk.
    public func databaseBytes() throws(QueueEngineError) -> (used: Int, file: Int) {
        do {
            return try database.writeWithoutTransaction { db in
                try db.checkpoint(.truncate)
                let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                let free = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
                return ((pages - free) * pageSize, pages * pageSize)
            }
        } catch {
            throw .database("\(error)")
        }
    }
}
