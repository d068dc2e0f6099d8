/// One thing a history shows the queue did wrong, provably: every violation holds whatever the timing of the
/// server's actions within their invoke/completion windows and whatever the `unknown` operations did.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    /// The rule broken. See ``QueueChecker`` for exactly what each one flags.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        /// The history breaks a ``History`` well-formedness rule, so it was not judged.
        case malformedHistory
        /// The history has no `ok` read of the workload queue or of the dead-letter queue after the workload, so
        /// the checks that need the final contents were skipped.
        case missingFinalRead
        /// An acknowledged post is neither deleted, nor possibly expired, nor in a final read.
        case lostAcknowledgedMessage
        /// A claim handed out a message while an earlier claim's lease on it was provably still live.
        case deliveredWhileClaimed
        /// A claim invoked after an `ok` delete of a message handed that message out.
        case deliveredAfterDelete
        /// The final read of the workload queue, invoked after an `ok` delete of a message, listed it.
        case presentAfterDelete
        /// A message was handed out by more `ok` claims than `maxClaimCount`.
        case deliveredTooOften
        /// A message is in the dead-letter queue although it cannot have been claimed `maxClaimCount` times.
        case deadLetteredTooEarly
        /// A message whose claims were used up was provably due to move on a later claim, yet the final read still
        /// lists it in the workload queue.
        case deadLetterMoveMissing
        /// A claim or the final read of the workload queue returned a message before one posted provably earlier.
        case outOfOrder
        /// A claim handed out a message while a provably older one was free and not yet claimed up.
        case olderMessageSkipped
        /// A claim or read returned a body no post ever sent.
        case phantomMessage
        /// A claim or read returned the body of a post that definitely failed.
        case failedPostTookEffect
        /// One message id appeared with two bodies, or one body with two ids.
        case inconsistentIdentity

        /// Declaration order, which is the order reports list kinds in.
        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The rule broken.
    public var kind: Kind
    /// One or two sentences saying what happened to which message, and why that breaks `kind`.
    public var summary: String
    /// The events involved, in history order.
    public var events: [Event]

    /// A violation of `kind`, explained by `summary` and shown by `events` (in history order).
    public init(kind: Kind, summary: String, events: [Event]) {
        self.kind = kind
        self.summary = summary
        self.events = events
    }

    /// The summary followed by the excerpt of the history, one event a line, indented.
    public var explanation: String {
        (["\(kind.rawValue): \(summary)"] + events.map { "    \($0)" }).joined(separator: "\n")
    }

    /// Same as ``explanation``.
    public var description: String { explanation }
}
