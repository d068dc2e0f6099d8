import RaftCore

/// Snapshot files, written atomically: a temporary file is written and fsynced, renamed into place, and the
/// directory fsynced; only then are older snapshots removed. A file is checksummed as a whole.
///
/// Format (little-endian): `"FLTSNP01" index:u64 term:u64 voterCount:u32 voters:u64* learnerCount:u32
/// learners:u64* dataLength:u64 data crc:u32`, named `<index, 20 digits>-<term, 20 digits>.snap`.
struct SnapshotStore {
    private static let magic: [UInt8] = Array("FLTSNP01".utf8)
    let directory: String

    /// The newest snapshot, or ``Snapshot/empty``. Leftover temporary files are removed.
    /// - Throws: ``StorageError/corrupted(file:offset:reason:)`` if the newest snapshot file is damaged: it was
    ///   fsynced before it got its name, so damage is not a torn write.
    func loadNewest() throws(StorageError) -> Snapshot {
        let names = try DirectoryOps.list(directory)
        for name in names where name.hasSuffix(".tmp") {
            try DirectoryOps.remove(directory + "/" + name)
        }
        guard let newest = names.filter({ $0.hasSuffix(".snap") }).max() else { return .empty }
        let path = directory + "/" + newest
        let file = try PosixFile.openExisting(path)
        defer { file.close() }
        let bytes = try file.read(count: try file.size(), at: 0) ?? []
        return try Self.decode(bytes, path: path)
    }

    /// The snapshot `metadata` names, or if a newer one superseded (and removed) its file, the newest one. Unlike
    /// ``loadNewest()`` it removes nothing, so it may run while a snapshot is being written.
    /// - Throws: ``StorageError/corrupted(file:offset:reason:)`` for a damaged file; `invalidRequest` if no file is
    ///   at least as new as `metadata`.
    func load(atLeast metadata: SnapshotMetadata) throws(StorageError) -> Snapshot {
        let wanted = Self.name(metadata)
        let names = try DirectoryOps.list(directory).filter { $0.hasSuffix(".snap") && $0 >= wanted }
        guard let name = names.contains(wanted) ? wanted : names.max() else {
            throw .invalidRequest("no snapshot file at or after \(metadata.index)")
        }
        let path = directory + "/" + name
        let file = try PosixFile.openExisting(path)
        defer { file.close() }
        let bytes = try file.read(count: try file.size(), at: 0) ?? []
        return try Self.decode(bytes, path: path)
    }

    /// Writes `snapshot` durably and removes the snapshots it supersedes.
    func save(_ snapshot: Snapshot) throws(StorageError) {
        let name = Self.name(snapshot.metadata)
        let temporary = directory + "/" + name + ".tmp"
        try DirectoryOps.remove(temporary)
        let file = try PosixFile.create(temporary)
        do {
            try file.write(Self.encode(snapshot), at: 0)
            try file.syncData()
            file.close()
        } catch {
            file.close()
            try? DirectoryOps.remove(temporary)
            throw error
        }
        try DirectoryOps.rename(temporary, to: directory + "/" + name)
        try DirectoryOps.syncDirectory(directory)
        for old in try DirectoryOps.list(directory) where old.hasSuffix(".snap") && old < name {
            try DirectoryOps.remove(directory + "/" + old)
        }
        try DirectoryOps.syncDirectory(directory)
    }

    private static func name(_ metadata: SnapshotMetadata) -> String {
        func padded(_ value: UInt64) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
        }
        return padded(metadata.index.rawValue) + "-" + padded(metadata.term.rawValue) + ".snap"
    }

    static func encode(_ snapshot: Snapshot) -> [UInt8] {
        var bytes = magic
        bytes.appendLittleEndian(snapshot.metadata.index.rawValue)
        bytes.appendLittleEndian(snapshot.metadata.term.rawValue)
        for group in [snapshot.metadata.confState.voters, snapshot.metadata.confState.learners] {
            bytes.appendLittleEndian(UInt32(group.count))
            for id in group { bytes.appendLittleEndian(id.rawValue) }
        }
        bytes.appendLittleEndian(UInt64(snapshot.data.count))
        bytes.append(contentsOf: snapshot.data)
        bytes.appendLittleEndian(CRC32C.checksum(bytes))
        return bytes
    }

    static func decode(_ bytes: [UInt8], path: String) throws(StorageError) -> Snapshot {
        func damaged(_ reason: String, _ offset: Int = 0) -> StorageError {
            .corrupted(file: path, offset: offset, reason: reason)
        }
        guard bytes.count >= 40, Array(bytes[0..<8]) == magic else { throw damaged("not a snapshot file") }
        let crc = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<(bytes.count - 4)])) }
        guard crc == bytes.loadLittleEndian(UInt32.self, at: bytes.count - 4) else {
            throw damaged("checksum mismatch", bytes.count - 4)
        }
        var offset = 8
        func read64() throws(StorageError) -> UInt64 {
            guard offset + 8 <= bytes.count - 4 else { throw damaged("truncated", offset) }
            defer { offset += 8 }
            return bytes.loadLittleEndian(UInt64.self, at: offset)
        }
        func readIDs() throws(StorageError) -> [NodeID] {
            guard offset + 4 <= bytes.count - 4 else { throw damaged("truncated", offset) }
            let count = Int(bytes.loadLittleEndian(UInt32.self, at: offset))
            offset += 4
            guard count <= (bytes.count - offset) / 8 else { throw damaged("member count \(count)", offset) }
            var ids: [NodeID] = []
            for _ in 0..<count { ids.append(NodeID(try read64())) }
            return ids
        }
        let index = LogIndex(try read64())
        let term = Term(try read64())
        let voters = try readIDs()
        let learners = try readIDs()
        let length = Int(try read64())
        guard length == bytes.count - 4 - offset else { throw damaged("data length \(length)", offset) }
        let data = Array(bytes[offset..<(offset + length)])
        let metadata = SnapshotMetadata(
            index: index, term: term, confState: ConfState(voters: voters, learners: learners))
        return Snapshot(metadata: metadata, data: data)
    }
}
