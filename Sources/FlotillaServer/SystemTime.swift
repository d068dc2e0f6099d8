#if canImport(Glibc)
    import Glibc
#endif

/// The system's wall clock, read only by the node that plays the leader to stamp commands.
enum SystemTime {
    static func millisecondsSinceEpoch() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
