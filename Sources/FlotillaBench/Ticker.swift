/// Runs `body` while `tick` is called every `period` (first one period after the start, on a fixed schedule that
/// does not drift) with the instant the tick was due, and stops ticking when `body` returns or throws.
func withTicker<T, E: Error>(
    every period: Duration, _ tick: @escaping @Sendable (ContinuousClock.Instant) -> Void,
    _ body: () async throws(E) -> T
) async throws(E) -> T {
    let outcome: Result<T, E> = await withTaskGroup(of: Void.self) { group in
        group.addTask {
            let clock = ContinuousClock()
            var next = clock.now.advanced(by: period)
            while true {
                do {
                    try await clock.sleep(until: next)
                } catch {
                    return
                }
                tick(next)
                next = next.advanced(by: period)
            }
        }
        defer { group.cancelAll() }
        do throws(E) {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
    return try outcome.get()
}
