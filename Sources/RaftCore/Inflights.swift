/// The appends sent to one follower and not yet acknowledged, bounded in count and bytes.
///
/// A ring buffer of the last index of each append in flight, in send order. When it is full the leader stops
/// sending to that follower until an acknowledgement frees room (etcd-io/raft `tracker/inflights.go`).
struct Inflights: Sendable {
    private var lastIndexes: [LogIndex]
    private var byteCounts: [Int]
    private var start = 0
    private(set) var count = 0
    private(set) var bytes = 0
    let maxCount: Int
    let maxBytes: Int

    init(maxCount: Int, maxBytes: Int) {
        precondition(maxCount > 0 && maxBytes > 0, "in-flight limits must be positive")
        self.maxCount = maxCount
        self.maxBytes = maxBytes
        lastIndexes = Array(repeating: .zero, count: maxCount)
        byteCounts = Array(repeating: 0, count: maxCount)
    }

    /// No more appends may be sent.
    var isFull: Bool { count == maxCount || bytes >= maxBytes }

    /// Records an append ending at `index` carrying `byteCount` bytes. Precondition: not full, indexes increase.
    mutating func add(lastIndex index: LogIndex, byteCount: Int) {
        precondition(!isFull, "adding to full in-flight window")
        if count > 0 {
            precondition(index > lastIndexes[(start + count - 1) % maxCount], "in-flight indexes must increase")
        }
        let slot = (start + count) % maxCount
        lastIndexes[slot] = index
        byteCounts[slot] = byteCount
        count += 1
        bytes += byteCount
    }

    /// Frees every append ending at or below `index` (acknowledged).
    mutating func free(through index: LogIndex) {
        while count > 0 && lastIndexes[start] <= index {
            bytes -= byteCounts[start]
            start = (start + 1) % maxCount
            count -= 1
        }
        if count == 0 { start = 0 }
    }

    /// Frees the oldest append in flight.
    mutating func freeFirst() {
        guard count > 0 else { return }
        free(through: lastIndexes[start])
    }

    mutating func reset() {
        start = 0
        count = 0
        bytes = 0
    }
}
