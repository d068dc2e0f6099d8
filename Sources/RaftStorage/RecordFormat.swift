import RaftCore

/// The on-disk format of log segments, version 1. All integers little-endian.
///
/// ```
/// segment  := header record*
/// header   := "FLTSEG01" version:u32 reserved:u32 firstIndex:u64 crc:u32 reserved:u32      (32 bytes)
/// record   := bodyLength:u32 lengthCRC:u32 bodyCRC:u32 body
/// body     := index:u64 term:u64 kind:u8 data:bytes         bodyLength = 17 + data.count
/// ```
///
/// `lengthCRC` is the CRC-32C of the four length bytes: a damaged length must not pass for a short write (which
/// recovery would cut off as a torn tail). `bodyCRC` is the CRC-32C of the body. A record is valid only if both
/// match and its index follows the previous one. What an invalid record means (a torn tail or damage) is decided
/// by ``SegmentScanner``.
enum RecordFormat {
    static let segmentMagic: [UInt8] = Array("FLTSEG01".utf8)
    static let version: UInt32 = 1
    static let segmentHeaderBytes = 32
    static let recordHeaderBytes = 12
    static let bodyFixedBytes = 17
    /// Larger bodies are treated as damage, so a flipped length bit never makes us allocate gigabytes.
    static let maxBodyBytes = 64 << 20

    /// The segment header for a segment whose first entry is `firstIndex`.
    static func segmentHeader(firstIndex: LogIndex) -> [UInt8] {
        var bytes = segmentMagic
        bytes.appendLittleEndian(version)
        bytes.appendLittleEndian(UInt32(0))
        bytes.appendLittleEndian(firstIndex.rawValue)
        let crc = CRC32C.checksum(bytes)
        bytes.appendLittleEndian(crc)
        bytes.appendLittleEndian(UInt32(0))
        assert(bytes.count == segmentHeaderBytes)
        return bytes
    }

    /// The first index a segment header declares, or nil if the header is not a valid version-1 header.
    static func parseSegmentHeader(_ bytes: [UInt8]) -> LogIndex? {
        guard bytes.count == segmentHeaderBytes, Array(bytes[0..<8]) == segmentMagic else { return nil }
        guard bytes.loadLittleEndian(UInt32.self, at: 8) == version else { return nil }
        guard
            bytes.withUnsafeBytes({ CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<24])) })
                == bytes.loadLittleEndian(UInt32.self, at: 24)
        else { return nil }
        return LogIndex(bytes.loadLittleEndian(UInt64.self, at: 16))
    }

    /// The bytes a record for `entry` takes on disk.
    static func recordBytes(_ entry: Entry) -> Int { recordHeaderBytes + bodyFixedBytes + entry.data.count }

    /// How much larger a record is on disk than the entry's ``Entry/byteCount``.
    static let recordBytesBeyondByteCount = recordHeaderBytes + bodyFixedBytes - Entry.overheadBytes

    /// Appends the record of `entry` to `buffer`.
    static func appendRecord(_ entry: Entry, to buffer: inout [UInt8]) {
        let start = buffer.count
        let length = UInt32(bodyFixedBytes + entry.data.count)
        buffer.appendLittleEndian(length)
        buffer.appendLittleEndian(lengthChecksum(length))
        buffer.appendLittleEndian(UInt32(0))  // body checksum, filled in below
        buffer.appendLittleEndian(entry.index.rawValue)
        buffer.appendLittleEndian(entry.term.rawValue)
        buffer.append(entry.kind.rawValue)
        buffer.append(contentsOf: entry.data)
        let crc = buffer.withUnsafeBytes {
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[(start + recordHeaderBytes)...]))
        }
        buffer.storeLittleEndian(crc, at: start + 8)
    }

    static func lengthChecksum(_ length: UInt32) -> UInt32 {
        Swift.withUnsafeBytes(of: length.littleEndian) { CRC32C.checksum($0) }
    }

    /// The outcome of decoding the record that starts at `offset` in `bytes`.
    enum Decoded {
        case entry(Entry, byteCount: Int)
        /// Fewer bytes remain than the header or the declared length needs.
        case truncated
        /// The length is intact but the body's checksum does not match.
        case checksumMismatch
        /// The length field is damaged or impossible, or the kind unknown.
        case malformed(String)
    }

    static func decodeRecord(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Decoded {
        guard bytes.count - offset >= recordHeaderBytes else { return .truncated }
        let length = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        let lengthCRC = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
        guard lengthChecksum(length) == lengthCRC else { return .malformed("record length field damaged") }
        let bodyLength = Int(length)
        guard bodyLength >= bodyFixedBytes, bodyLength <= maxBodyBytes else {
            return .malformed("record length \(bodyLength)")
        }
        let total = recordHeaderBytes + bodyLength
        guard bytes.count - offset >= total else { return .truncated }
        let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self))
        let body = UnsafeRawBufferPointer(rebasing: bytes[(offset + recordHeaderBytes)..<(offset + total)])
        guard CRC32C.checksum(body) == stored else { return .checksumMismatch }
        let index = UInt64(littleEndian: body.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let term = UInt64(littleEndian: body.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        guard let kind = Entry.Kind(rawValue: body[16]) else { return .malformed("entry kind \(body[16])") }
        let data = Array(body[bodyFixedBytes...])
        return .entry(Entry(term: Term(term), index: LogIndex(index), kind: kind, data: data), byteCount: total)
    }

    /// The file name of the segment starting at `firstIndex`: sortable by name.
    static func segmentName(firstIndex: LogIndex) -> String {
        let digits = String(firstIndex.rawValue)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".seg"
    }

    /// The first index a segment file name declares.
    static func parseSegmentName(_ name: String) -> LogIndex? {
        guard name.hasSuffix(".seg"), name.count == 24, let value = UInt64(name.dropLast(4)) else { return nil }
        return LogIndex(value)
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    mutating func storeLittleEndian<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        withUnsafeMutableBytes { $0.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self) }
    }

    func loadLittleEndian<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
        withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }
}
