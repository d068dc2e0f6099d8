import NIOCore
public import RaftCore

/// Rebuilds snapshot messages from ``SnapshotChunk``s received on one connection.
///
/// Guarantees: a message is produced only when every byte from 0 to `totalBytes` arrived, in order, for one
/// transfer, with the header of its first chunk; anything else (a gap, an overlap, a second transfer starting
/// before the first ended, a header on a later chunk, a size over the limit) is an error, after which the caller
/// closes the connection and the partial data is dropped.
@_spi(Testing) public struct SnapshotReassembler: Sendable {
    /// What a chunk completed.
    public enum Outcome: Hashable, Sendable {
        /// More chunks are needed.
        case incomplete
        /// The transfer is complete: `message` is the header's message with the whole data.
        case complete(transferID: UInt64, message: Message)
    }

    private struct Transfer: Sendable {
        var id: UInt64
        var header: Message
        var totalBytes: UInt64
        var data: [UInt8]
    }

    /// The largest snapshot accepted.
    public let maxSnapshotBytes: Int
    private var transfer: Transfer?

    /// - Parameter maxSnapshotBytes: The largest snapshot accepted.
    public init(maxSnapshotBytes: Int) {
        self.maxSnapshotBytes = maxSnapshotBytes
    }

    /// Whether a transfer has started and not completed.
    public var isReceiving: Bool { transfer != nil }

    /// Adds one chunk.
    ///
    /// - Parameter chunk: The next chunk received on the connection.
    /// - Returns: Whether the transfer is complete.
    /// - Throws: ``SnapshotReassemblyError`` if the chunk does not continue the stream.
    public mutating func receive(_ chunk: SnapshotChunk) throws(SnapshotReassemblyError) -> Outcome {
        if var current = transfer {
            guard chunk.transferID == current.id else {
                throw .interleaved(inProgress: current.id, received: chunk.transferID)
            }
            guard chunk.header == nil, chunk.totalBytes == current.totalBytes else {
                throw .inconsistent(transferID: current.id, reason: "header or total size changed mid-transfer")
            }
            guard chunk.offset == UInt64(current.data.count) else {
                throw .gap(transferID: current.id, expectedOffset: UInt64(current.data.count), offset: chunk.offset)
            }
            transfer = nil  // Keep `data` uniquely referenced while appending.
            current.data.append(contentsOf: chunk.data.readableBytesView)
            return finishOrKeep(current)
        }
        guard let header = chunk.header, chunk.offset == 0 else {
            throw .gap(transferID: chunk.transferID, expectedOffset: 0, offset: chunk.offset)
        }
        guard case .snapshot(let snapshot) = header.payload else {
            throw .inconsistent(transferID: chunk.transferID, reason: "header is not a snapshot message")
        }
        guard chunk.totalBytes <= UInt64(maxSnapshotBytes) else {
            throw .tooLarge(transferID: chunk.transferID, totalBytes: chunk.totalBytes, limit: maxSnapshotBytes)
        }
        var data = snapshot.data
        // Reserve what was announced, up to 64 MiB; past that the array grows as bytes actually arrive.
        data.reserveCapacity(Int(min(chunk.totalBytes, 64 << 20)))
        data.append(contentsOf: chunk.data.readableBytesView)
        return finishOrKeep(Transfer(id: chunk.transferID, header: header, totalBytes: chunk.totalBytes, data: data))
    }

    private mutating func finishOrKeep(_ current: Transfer) -> Outcome {
        precondition(UInt64(current.data.count) <= current.totalBytes, "frame decoding bounds chunks by the total")
        guard UInt64(current.data.count) == current.totalBytes else {
            transfer = current
            return .incomplete
        }
        guard case .snapshot(var snapshot) = current.header.payload else {
            preconditionFailure("checked when the transfer started")
        }
        snapshot.data = current.data
        var message = current.header
        message.payload = .snapshot(snapshot)
        return .complete(transferID: current.id, message: message)
    }
}

/// Why a snapshot chunk does not continue the transfer on its connection.
@_spi(Testing) public enum SnapshotReassemblyError: Error, Hashable, Sendable, CustomStringConvertible {
    case interleaved(inProgress: UInt64, received: UInt64)
    case gap(transferID: UInt64, expectedOffset: UInt64, offset: UInt64)
    case inconsistent(transferID: UInt64, reason: String)
    case tooLarge(transferID: UInt64, totalBytes: UInt64, limit: Int)

    public var description: String {
        switch self {
        case .interleaved(let inProgress, let received):
            return "snapshot transfer \(received) started while \(inProgress) is in progress"
        case .gap(let id, let expected, let offset):
            return "snapshot transfer \(id): chunk at offset \(offset), expected \(expected)"
        case .inconsistent(let id, let reason): return "snapshot transfer \(id): \(reason)"
        case .tooLarge(let id, let total, let limit):
            return "snapshot transfer \(id) of \(total) bytes exceeds the limit of \(limit)"
        }
    }
}
