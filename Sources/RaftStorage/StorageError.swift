/// Why a durable-storage operation failed. Operational errors are values a node handles; none is a crash.
public enum StorageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The bytes at `offset` in `file` are damaged (a checksum or framing mismatch that is not a torn tail).
    /// The node must not start on this log: it would serve damaged data or forget acknowledged entries.
    case corrupted(file: String, offset: Int, reason: String)
    /// No space left (ENOSPC) or the file-size limit reached (EFBIG): nothing was made durable; retry later.
    case diskFull(file: String)
    /// Another I/O failure, with the operation and `errno`.
    case io(file: String, operation: String, errno: Int32)
    /// The caller broke the storage contract (a gap in indexes, a snapshot past the log, ...).
    case invalidRequest(String)
    /// Another process holds the directory's lock.
    case locked(directory: String)
    /// The log was closed.
    case closed

    public var description: String {
        switch self {
        case .corrupted(let file, let offset, let reason):
            return "corrupted log: \(file) at offset \(offset): \(reason)"
        case .diskFull(let file): return "disk full writing \(file)"
        case .io(let file, let operation, let errno): return "\(operation) \(file) failed: errno \(errno)"
        case .invalidRequest(let reason): return "invalid storage request: \(reason)"
        case .locked(let directory): return "\(directory) is locked by another process"
        case .closed: return "storage is closed"
        }
    }
}
