import Flotilla
import QueueModel

/// Offers one run's load: the closed loop's clients or the open loop's schedule, from the start of the warmup to
/// the end of the measured window, then waits for the requests in flight. Every request is recorded in the
/// ``BenchRecorder``; nothing here throws.
struct LoadGenerator: Sendable {
    /// When the run's phases begin and end.
    struct Schedule: Sendable {
        let start: ContinuousClock.Instant
        /// Invariant: `start <= measureStart < end`.
        let measureStart: ContinuousClock.Instant
        let end: ContinuousClock.Instant

        /// Whether an operation (or claim cycle) sent at `instant` is counted: it was sent in the measured window.
        func counts(_ instant: ContinuousClock.Instant) -> Bool { instant >= measureStart && instant < end }
    }

    /// Claim TTL and grace: the API's minimum, far longer than one claim cycle takes.
    static let claimTTLSeconds = 60

    let client: FlotillaClient
    let configuration: BenchConfiguration
    let recorder: BenchRecorder
    let schedule: Schedule
    /// The one-message post every post sends, built once.
    let postBatch: [OutgoingMessage]
    let clock = ContinuousClock()

    /// Offers the load and waits for every request it started.
    /// - Returns: open loop, the scheduled starts not sent because `maxOutstanding` requests were in flight
    ///   when the window closed; 0 for the closed loop.
    func run() async -> Int {
        switch configuration.load {
        case .closed:
            await closedLoop()
            return 0
        case .open(let perSecond, let maxOutstanding):
            return await openLoop(perSecond: perSecond, maxOutstanding: maxOutstanding)
        }
    }

    /// Each client sends its next request (or claim cycle) as soon as the last one ended, until the window closes.
    private func closedLoop() async {
        let roles = configuration.closedRoles!
        await withDiscardingTaskGroup { group in
            for index in 0..<(roles.posters + roles.consumers) {
                let posts = index < roles.posters
                group.addTask {
                    while true {
                        let started = clock.now
                        guard started < schedule.end else { return }
                        let counted = schedule.counts(started)
                        if posts {
                            await post(intended: started, counted: counted)
                        } else {
                            await claimAndDelete(intended: started, counted: counted)
                        }
                    }
                }
            }
        }
    }

    /// Starts request *i* at `start + i / perSecond` whatever the answers; mixed alternates posts and claim
    /// cycles. With `maxOutstanding` requests in flight the schedule waits for one to end; the wait counts in
    /// the latency, which runs from the intended start. Whether a request is counted depends on when it was
    /// sent, so a schedule running late still measures the window's requests (not the warmup's backlog).
    /// Starts not sent before the window closed are returned as unsent: every scheduled start is either sent
    /// or unsent.
    private func openLoop(perSecond: Double, maxOutstanding: Int) async -> Int {
        let window = BenchConfiguration.seconds(schedule.start.duration(to: schedule.end))
        let scheduled = Int((window * perSecond).rounded(.up))
        return await withTaskGroup(of: Void.self) { group in
            // Children started and not yet reaped: those still in flight plus those ended but not reaped. Reaping
            // only when the bound is reached keeps at most `maxOutstanding` child tasks alive.
            var children = 0
            var sent = 0
            while sent < scheduled {
                let intended = schedule.start.advanced(by: .seconds(Double(sent) / perSecond))
                if intended > clock.now { try? await clock.sleep(until: intended) }
                while children >= maxOutstanding {
                    await group.next()
                    children -= 1
                }
                let sending = clock.now
                guard sending < schedule.end else { break }
                let counted = schedule.counts(sending)
                let claims =
                    configuration.workload == .claimDelete || (configuration.workload == .mixed && sent % 2 == 1)
                group.addTask {
                    if claims {
                        await claimAndDelete(intended: intended, counted: counted)
                    } else {
                        await post(intended: intended, counted: counted)
                    }
                }
                children += 1
                sent += 1
            }
            return scheduled - sent
        }
    }

    /// Posts one message; latency from `intended`.
    private func post(intended: ContinuousClock.Instant, counted: Bool) async {
        do throws(FlotillaClientError) {
            try await client.postMessages(configuration.queue, postBatch)
            recorder.succeeded(.post, latency: intended.duration(to: clock.now), messages: 1, counted: counted)
        } catch {
            recorder.failed(.post, error: error, counted: counted)
        }
    }

    /// Claims up to the claim limit (latency from `intended`), then deletes each claimed message under the claim,
    /// one at a time (each latency from its own start). The whole cycle is counted, or not, as its claim is.
    private func claimAndDelete(intended: ContinuousClock.Instant, counted: Bool) async {
        let claim: Claim?
        do throws(FlotillaClientError) {
            claim = try await client.createClaim(
                configuration.queue, ttl: Self.claimTTLSeconds, grace: Self.claimTTLSeconds,
                limit: configuration.claimLimit)
        } catch {
            recorder.failed(.claim, error: error, counted: counted)
            return
        }
        let messages = claim?.messages ?? []
        recorder.succeeded(
            .claim, latency: intended.duration(to: clock.now), messages: messages.count, empty: messages.isEmpty,
            counted: counted)
        guard let claim else { return }
        for message in messages {
            let started = clock.now
            do throws(FlotillaClientError) {
                try await client.deleteMessage(configuration.queue, id: message.id, claimID: claim.id)
                recorder.succeeded(.delete, latency: started.duration(to: clock.now), messages: 1, counted: counted)
            } catch {
                recorder.failed(.delete, error: error, counted: counted)
            }
        }
    }
}
