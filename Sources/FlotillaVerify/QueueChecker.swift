/// Judges a recorded ``History`` against Zaqar's queue semantics as Flotilla implements them (claims hide
/// messages until their ttl ends, deletes are final, messages expire after their ttl, a claim takes the oldest free
/// messages by post order and moves a message already claimed `maxClaimCount` times to the dead-letter queue
/// instead of handing it out).
///
/// Every check flags only what no timing and no `unknown` outcome can explain, so a violation is a real bug (of the
/// server, or of the harness's recording). The reasoning behind that:
/// - The server acted on an operation at some instant between its invoke and its completion (for `unknown`, at any
///   instant after its invoke, or never). A claim's lease, a message's ttl and a post's place in the queue order
///   all start at that instant.
/// - So a post acked before another post was invoked is older in the queue's order; a message posted at invoke
///   time `p` with ttl `t` cannot expire before `p + t`; a claim with ttl `t` that completed at `c` has surely
///   ended by `c + t`. Harness and server clocks differ by up to `clockMarginSeconds`, which widens every such
///   comparison in the server's favour.
/// - A claim with an unknown outcome may have handed out, counted a claim of, or dead-lettered any message.
///
/// The checks, by ``Violation/Kind``:
/// - ``Violation/Kind/lostAcknowledgedMessage``: a post acked before the final read of the workload queue was
///   invoked, whose body is in neither final read, with no delete of its id that completed `ok` or `unknown`,
///   that cannot have expired by the last final read's completion, and (when the dead-letter read began before the
///   workload read ended, so a move could fall between them) that cannot have used up its claims counting every
///   unknown claim as one of them.
/// - ``Violation/Kind/deliveredWhileClaimed``: `ok` claims A and B handed out the same message, B was invoked
///   after A completed and B completed before A's invoke + A's ttl - margin (A's lease was live throughout B).
/// - ``Violation/Kind/deliveredAfterDelete``: an `ok` claim invoked after an `ok` delete of a message's id
///   completed handed it out.
/// - ``Violation/Kind/presentAfterDelete``: the final read of the workload queue, invoked after an `ok` delete of a
///   message's id completed, lists it; or the final read of the dead-letter queue lists a message after an `ok`
///   delete of it that completed before the invoke + ttl - margin of the `ok` claim it named, which had handed it
///   out (that claim still held it, so the delete removed it; any other delete may have answered 204 for a message
///   that had already moved).
/// - ``Violation/Kind/deliveredTooOften``: more than `maxClaimCount` `ok` claims handed out one message (the
///   server moves it instead of handing it out once it has been claimed `maxClaimCount` times).
/// - ``Violation/Kind/deadLetteredTooEarly``: the final dead-letter read lists a message that fewer than
///   `maxClaimCount` claims can have handed out (`ok` claims that did, plus every unknown claim invoked before the
///   read completed).
/// - ``Violation/Kind/deadLetterMoveMissing`` and ``Violation/Kind/olderMessageSkipped``: see "passed-over
///   messages" below.
/// - ``Violation/Kind/outOfOrder``: within one `ok` claim, or the final read of the workload queue, a message
///   whose post was acked before the post of a message listed ahead of it was invoked. This covers a single
///   producer's sequence order (one post at a time) whenever the earlier post was acked; the message listed later
///   must come from an `ok` post, since an unknown one may have been applied late. The dead-letter queue is in move
///   order, so it is not checked.
/// - ``Violation/Kind/phantomMessage``: an `ok` claim or read returned a body no post operation sent.
/// - ``Violation/Kind/failedPostTookEffect``: an `ok` claim or read returned the body of a post that completed
///   `fail`.
/// - ``Violation/Kind/inconsistentIdentity``: across `ok` posts, claims and reads, one id came with two bodies or
///   one body with two ids.
/// - ``Violation/Kind/missingFinalRead``: no `ok` read of the workload queue, or of the dead-letter queue; the
///   checks that need them are skipped.
///
/// Passed-over messages: an `ok` claim C that handed out message k passed over message j when j's post was acked
/// before k's post was invoked (so j is older), and at C's instant j was provably in the queue, free and
/// unexpired: no unknown claim at all was invoked before C completed, no delete of j's id that did not fail was
/// invoked before C completed, j cannot have expired by C's completion, and every `ok` claim that handed out j and
/// was invoked before C completed ended (its completion + ttl + margin) by C's invoke. The server takes the oldest
/// free messages first, so j was in C's window (whatever C's limit, since the younger k was): C had to hand it out
/// if those earlier claims number fewer than `maxClaimCount` (otherwise ``Violation/Kind/olderMessageSkipped``),
/// or else move it to the dead-letter queue, so a final workload read invoked after C completed must not list it
/// (otherwise ``Violation/Kind/deadLetterMoveMissing``). After the first unknown claim this check stops, since that
/// claim may have taken any message at any later time.
public enum QueueChecker {
    /// Checks `history` and reports what it holds and every violation found.
    /// - Parameters:
    ///   - history: The recorded run; a history that fails ``History/validate()`` yields a single
    ///     ``Violation/Kind/malformedHistory`` violation and empty counts.
    ///   - clockMarginSeconds: How far the server's notion of elapsed time may differ from the harness's (clock
    ///     granularity, leader changes); every timing comparison is widened by it in the server's favour.
    ///   - examplesPerKind: At most this many violations of each kind are kept in ``CheckReport/violations``;
    ///     ``CheckReport/violationCounts`` still counts them all.
    /// - Returns: The report; ``CheckReport/passed`` tells whether the history shows no violation.
    public static func check(_ history: History, clockMarginSeconds: Double = 0.5, examplesPerKind: Int = 20)
        -> CheckReport
    {
        precondition(clockMarginSeconds.isFinite && clockMarginSeconds >= 0, "the clock margin is a duration")
        precondition(examplesPerKind >= 1, "a report shows at least one example of each kind")
        let counts: HistoryCounts
        let found: [Violation]
        do throws(HistoryValidationError) {
            try history.validate()
            let index = HistoryIndex(history)
            counts = HistoryCounts(index)
            found = CheckRun(index: index, clockMarginSeconds: clockMarginSeconds).violations()
        } catch {
            counts = HistoryCounts()
            let events = error.eventIndex.map { [history.events[$0]] } ?? []
            found = [Violation(kind: .malformedHistory, summary: error.description, events: events)]
        }
        let byKind = Dictionary(grouping: found, by: \.kind)
        return CheckReport(
            counts: counts,
            violations: Violation.Kind.allCases.flatMap { (byKind[$0] ?? []).prefix(examplesPerKind) },
            violationCounts: byKind.mapValues(\.count))
    }
}
