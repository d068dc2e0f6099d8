import Foundation

/// The system's wall clock, read only by the node that plays the leader to stamp commands.
enum SystemTime {
    static func millisecondsSinceEpoch() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1_000).rounded(.down))
    }
}
