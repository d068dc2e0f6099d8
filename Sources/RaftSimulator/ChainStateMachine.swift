import RaftCore

/// The simulator's state machine: a hash chain over every applied entry. Two replicas with the same hash at the
/// same applied index applied the same entries in the same order, which is exactly what state-machine safety
/// demands. It snapshots to 16 bytes and restores from them.
struct ChainStateMachine {
    private(set) var appliedIndex: LogIndex = .zero
    private(set) var hash: UInt64 = 0xCBF2_9CE4_8422_2325

    init() {}

    /// Restores from snapshot data written by ``encoded()`` (an empty snapshot means the initial state).
    init(snapshot: Snapshot) {
        guard !snapshot.isEmpty else { return }
        precondition(snapshot.data.count == 16, "simulator snapshot must be 16 bytes")
        let words = snapshot.data.withUnsafeBytes { raw in
            (
                raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
                raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            )
        }
        appliedIndex = LogIndex(UInt64(littleEndian: words.0))
        hash = UInt64(littleEndian: words.1)
        precondition(appliedIndex == snapshot.metadata.index, "snapshot data and metadata disagree")
    }

    func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: appliedIndex.rawValue.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: hash.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Applies the next entry. Precondition: it is the entry right after the last applied one.
    mutating func apply(_ entry: Entry) {
        precondition(entry.index == appliedIndex + 1, "applying \(entry.index) after \(appliedIndex)")
        appliedIndex = entry.index
        hash = Self.mix(hash, entry.term.rawValue)
        hash = Self.mix(hash, UInt64(entry.kind.rawValue))
        hash = Self.mix(hash, Self.fingerprint(entry.data))
    }

    /// FNV-1a over the bytes: a cheap fingerprint that distinguishes the simulator's small payloads.
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return value
    }

    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a ^ (b &+ 0x9E37_79B9_7F4A_7C15 &+ (a << 6) &+ (a >> 2))
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        return z ^ (z >> 31)
    }
}
