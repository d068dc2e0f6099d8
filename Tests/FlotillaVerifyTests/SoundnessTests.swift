// Property tests: random runs of a model queue. A correct queue's history must pass under every fault, with no
// clock margin at all (the model's clock is the harness's); each deliberate bug must be caught. A failure names its
// seed, which replays it exactly.
import FlotillaVerify
import Testing

@Suite("Soundness on simulated runs")
struct SoundnessTests {
    // Goal: no false positives: whatever the timing and the faults (unknown outcomes acting late or never, failed
    // requests, abandoned claims, dead-lettering, expiry), a correct queue's history passes. Method: 40 seeded runs
    // of six processes against the correct model, with faults and without (only then does the passed-over check
    // run all along), checked with a zero clock margin.
    @Test(arguments: 0..<40 as Range<UInt64>)
    func correctQueuePasses(seed: UInt64) {
        for faultRate in [0.15, 0] {
            let history = SimulatedRun.history(seed: seed, faultRate: faultRate)
            let report = QueueChecker.check(history, clockMarginSeconds: 0)
            #expect(report.passed, "seed \(seed), fault rate \(faultRate):\n\(report)")
            #expect(report.counts.deliveries > 0 && report.counts.postsAcknowledged > 0, "seed \(seed): trivial run")
        }
    }

    // Goal: the checker catches each deliberate bug of the model in every run the bug affects. Method: eight seeded
    // fault-free runs per bug (every outcome definite); a run whose history equals the correct model's under the
    // same seed never exercised the bug (e.g. no message was claimed up to its limit) and is not judged, but at
    // least six of the eight must exercise it; every other run must show one of the violation kinds that bug
    // produces (a queue ignoring leases with maxClaimCount 1 moves held messages to the dead-letter queue rather
    // than handing them out twice). With faults (unknown outcomes can hide the evidence) at least half of those
    // seeds must still be caught.
    @Test(arguments: [
        (ModelQueue.Bug.losesPosts, [Violation.Kind.lostAcknowledgedMessage]),
        (.ignoresLeases, [.deliveredWhileClaimed, .presentAfterDelete]),
        (.neverDeadLetters, [.deliveredTooOften]),
        (.newestFirst, [.outOfOrder]),
    ])
    func buggyQueueIsCaught(bug: ModelQueue.Bug, kinds: [Violation.Kind]) {
        var exercised = 0
        var caughtUnderFaults = 0
        for seed in 0..<8 as Range<UInt64> {
            let history = SimulatedRun.history(seed: seed, bug: bug, faultRate: 0)
            guard history != SimulatedRun.history(seed: seed, faultRate: 0) else { continue }
            exercised += 1
            let report = QueueChecker.check(history)
            #expect(kinds.contains { report.violationCounts[$0] != nil }, "seed \(seed), bug \(bug):\n\(report)")
            let faulty = QueueChecker.check(SimulatedRun.history(seed: seed, bug: bug))
            if kinds.contains(where: { faulty.violationCounts[$0] != nil }) { caughtUnderFaults += 1 }
        }
        #expect(exercised >= 6, "bug \(bug) changed only \(exercised) of 8 runs")
        #expect(caughtUnderFaults * 2 >= exercised, "bug \(bug) caught in \(caughtUnderFaults) faulty runs")
    }

    // Goal: the passed-over check catches a queue that hands out newer messages while older ones are free. Method:
    // eight fault-free seeded runs (an unknown claim would stand the check down) against a newest-first queue.
    @Test func newestFirstQueueIsCaughtSkippingOlderMessages() {
        for seed in 0..<8 as Range<UInt64> {
            let report = QueueChecker.check(SimulatedRun.history(seed: seed, bug: .newestFirst, faultRate: 0))
            #expect(report.violationCounts[.olderMessageSkipped] != nil, "seed \(seed):\n\(report)")
        }
    }
}
