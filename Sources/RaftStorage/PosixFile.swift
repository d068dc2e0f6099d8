#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file descriptor with the few operations durable storage needs, each mapping `errno` to a ``StorageError``
/// that names the file. Short reads and writes are retried until complete; EINTR is retried.
///
/// Not thread-safe by itself: every instance has one user at a time (the flusher thread, or a reader holding the
/// log's lock for the duration of a read).
final class PosixFile {
    let path: String
    private(set) var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    /// Opens an existing file for reading and writing.
    static func openExisting(_ path: String) throws(StorageError) -> PosixFile {
        let fd = Glibc.open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw .io(file: path, operation: "open", errno: errno) }
        return PosixFile(path: path, descriptor: fd)
    }

    /// Creates a new file, failing if it exists.
    static func create(_ path: String) throws(StorageError) -> PosixFile {
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(file: path, operation: "create", errno: errno) }
        return PosixFile(path: path, descriptor: fd)
    }

    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }

    func size() throws(StorageError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .io(file: path, operation: "fstat", errno: errno) }
        return Int(info.st_size)
    }

    /// Writes all of `bytes` at `offset`. ENOSPC and EFBIG become ``StorageError/diskFull(file:)``.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(StorageError) {
        var done = 0
        while done < bytes.count {
            let result = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == ENOSPC || code == EFBIG { throw .diskFull(file: path) }
                throw .io(file: path, operation: "write", errno: code)
            }
            done += result
        }
    }

    func write(_ bytes: [UInt8], at offset: Int) throws(StorageError) {
        var failure: StorageError?
        bytes.withUnsafeBytes { raw in
            do throws(StorageError) { try write(raw, at: offset) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Reads exactly `count` bytes at `offset`; nil if the file ends first.
    func read(count: Int, at offset: Int) throws(StorageError) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let result = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset + done))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .io(file: path, operation: "read", errno: errno)
            }
            if result == 0 { return nil }
            done += result
        }
        return bytes
    }

    /// Makes written data (and the size) durable.
    func syncData() throws(StorageError) {
        guard fdatasync(descriptor) == 0 else { throw .io(file: path, operation: "fdatasync", errno: errno) }
    }

    func truncate(to length: Int) throws(StorageError) {
        guard ftruncate(descriptor, off_t(length)) == 0 else {
            throw .io(file: path, operation: "ftruncate", errno: errno)
        }
    }
}

/// Directory operations: durable renames and removals need the directory itself fsynced.
enum DirectoryOps {
    static func syncDirectory(_ path: String) throws(StorageError) {
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(file: path, operation: "open directory", errno: errno) }
        defer { _ = Glibc.close(fd) }
        guard fsync(fd) == 0 else { throw .io(file: path, operation: "fsync directory", errno: errno) }
    }

    static func makeDirectory(_ path: String) throws(StorageError) {
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw .io(file: path, operation: "mkdir", errno: errno)
        }
    }

    /// The names in a directory, sorted.
    static func list(_ path: String) throws(StorageError) -> [String] {
        guard let directory = opendir(path) else { throw .io(file: path, operation: "opendir", errno: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func remove(_ path: String) throws(StorageError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw .io(file: path, operation: "unlink", errno: errno) }
    }

    static func rename(_ from: String, to: String) throws(StorageError) {
        guard Glibc.rename(from, to) == 0 else { throw .io(file: from, operation: "rename", errno: errno) }
    }

    /// Releases a lock taken with ``lock(_:directory:)``.
    static func unlock(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    /// Takes an exclusive advisory lock on `path` (created if needed) for the life of the returned descriptor.
    ///
    /// Retries for up to a second: when this process forks a child (to run another program) just as the previous
    /// holder of the lock closes it, the child briefly shares the lock's open file description until its `exec`
    /// closes it (`O_CLOEXEC`), so "locked" can be momentarily true of a lock nobody really holds.
    static func lock(_ path: String, directory: String) throws(StorageError) -> Int32 {
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(file: path, operation: "open lock", errno: errno) }
        for attempt in 0..<100 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return fd }
            if attempt < 99 { usleep(10_000) }
        }
        _ = Glibc.close(fd)
        throw .locked(directory: directory)
    }
}
