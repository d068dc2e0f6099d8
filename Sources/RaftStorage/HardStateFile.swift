import RaftCore

/// The hard state (term, vote, commit) in a file of two slots, so that a torn write never loses the last state
/// that was made durable.
///
/// Each slot holds `"FLTHS001" sequence term vote commit crc` (44 bytes; slot 0 at offset 0, slot 1 at 512, in
/// different sectors). Loading takes the valid slot with the highest sequence. **Invariant:** a write never
/// overwrites the slot holding the last *synced* state (`syncedSlot`); so whatever a crash does to the slot being
/// written, the other still holds at least the last synced state, and a vote once fsynced is never forgotten.
/// Unsynced writes (commit-index-only changes) may be lost, which the Raft contract allows.
final class HardStateFile {
    private static let magic: [UInt8] = Array("FLTHS001".utf8)
    private static let slotOffsets = [0, 512]
    private static let slotBytes = 44

    private let file: PosixFile
    private(set) var current: HardState
    private var sequence: UInt64
    /// The slot with the newest state known durable.
    private var syncedSlot: Int

    private init(file: PosixFile, current: HardState, sequence: UInt64, syncedSlot: Int) {
        self.file = file
        self.current = current
        self.sequence = sequence
        self.syncedSlot = syncedSlot
    }

    /// Opens (or creates) the file and loads the newest valid slot.
    /// - Throws: ``StorageError/corrupted(file:offset:reason:)`` if the file has content but no valid slot.
    static func open(path: String) throws(StorageError) -> HardStateFile {
        let file: PosixFile
        do {
            file = try PosixFile.openExisting(path)
        } catch {
            let created = try PosixFile.create(path)
            try created.write([UInt8](repeating: 0, count: 1024), at: 0)
            try created.syncData()
            return HardStateFile(file: created, current: .empty, sequence: 0, syncedSlot: 0)
        }
        var best: (sequence: UInt64, state: HardState, slot: Int)?
        var writtenSlots = 0
        for (slot, offset) in slotOffsets.enumerated() {
            guard let bytes = try file.read(count: slotBytes, at: offset) else { continue }
            if bytes.contains(where: { $0 != 0 }) { writtenSlots += 1 }
            guard let decoded = decode(bytes) else { continue }
            if best == nil || decoded.sequence > best!.sequence { best = (decoded.sequence, decoded.state, slot) }
        }
        guard let best else {
            // Both slots written and neither valid: damage. One slot never written: the only write ever made was
            // torn by a crash, so nothing durable is lost.
            if writtenSlots == 2 { throw .corrupted(file: path, offset: 0, reason: "no valid hard-state slot") }
            return HardStateFile(file: file, current: .empty, sequence: 0, syncedSlot: 0)
        }
        return HardStateFile(file: file, current: best.state, sequence: best.sequence, syncedSlot: best.slot)
    }

    /// Writes `state`; with `sync` it is durable on return and becomes the protected slot.
    func save(_ state: HardState, sync: Bool) throws(StorageError) {
        let slot = 1 - syncedSlot
        sequence += 1
        try file.write(Self.encode(state, sequence: sequence), at: Self.slotOffsets[slot])
        if sync {
            try file.syncData()
            syncedSlot = slot
        }
        current = state
    }

    func close() { file.close() }

    private static func encode(_ state: HardState, sequence: UInt64) -> [UInt8] {
        var bytes = magic
        bytes.appendLittleEndian(sequence)
        bytes.appendLittleEndian(state.term.rawValue)
        bytes.appendLittleEndian(state.vote.rawValue)
        bytes.appendLittleEndian(state.commit.rawValue)
        bytes.appendLittleEndian(CRC32C.checksum(bytes))
        return bytes
    }

    private static func decode(_ bytes: [UInt8]) -> (sequence: UInt64, state: HardState)? {
        guard bytes.count == slotBytes, Array(bytes[0..<8]) == magic else { return nil }
        let crc = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<40])) }
        guard crc == bytes.loadLittleEndian(UInt32.self, at: 40) else { return nil }
        let state = HardState(
            term: Term(bytes.loadLittleEndian(UInt64.self, at: 16)),
            vote: NodeID(bytes.loadLittleEndian(UInt64.self, at: 24)),
            commit: LogIndex(bytes.loadLittleEndian(UInt64.self, at: 32)))
        return (bytes.loadLittleEndian(UInt64.self, at: 8), state)
    }
}
