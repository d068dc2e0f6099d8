/// Why ``History/validate()`` rejected a history: the first broken well-formedness rule, with the position of the
/// offending event in ``History/events`` (0-based).
public enum HistoryValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The setup cannot describe a dead-lettering workload (see ``WorkloadSetup``).
    case invalidSetup(reason: String)
    /// The event's time is negative, infinite or not a number.
    case invalidTime(eventIndex: Int)
    /// The event happened before the event preceding it.
    case timeWentBackwards(eventIndex: Int)
    /// A completion (`ok`, `fail`, `unknown`) of a process with no operation outstanding.
    case completionWithoutInvoke(eventIndex: Int)
    /// An invoke of a process whose previous operation has not completed.
    case invokeWhileOutstanding(eventIndex: Int)
    /// A completion whose request differs from its invoke's (another kind, or other arguments).
    case completionMismatch(eventIndex: Int)
    /// A result (a post's id, a claim's id or messages, a read's messages) on an event other than `ok`.
    case resultWithoutOK(eventIndex: Int)
    /// A post invoke whose body an earlier post already used.
    case duplicatePostBody(eventIndex: Int)

    /// The position in ``History/events`` of the offending event; nil for ``invalidSetup(reason:)``.
    public var eventIndex: Int? {
        switch self {
        case .invalidSetup: nil
        case .invalidTime(let index), .timeWentBackwards(let index), .completionWithoutInvoke(let index),
            .invokeWhileOutstanding(let index), .completionMismatch(let index), .resultWithoutOK(let index),
            .duplicatePostBody(let index):
            index
        }
    }

    /// One line naming the rule and the event.
    public var description: String {
        switch self {
        case .invalidSetup(let reason): "invalid workload setup: \(reason)"
        case .invalidTime(let index): "event #\(index): time is negative or not finite"
        case .timeWentBackwards(let index): "event #\(index): time is earlier than the previous event's"
        case .completionWithoutInvoke(let index): "event #\(index): completion without an outstanding invoke"
        case .invokeWhileOutstanding(let index): "event #\(index): invoke while the process has one outstanding"
        case .completionMismatch(let index): "event #\(index): completion of a different request than its invoke"
        case .resultWithoutOK(let index): "event #\(index): a result on an event that is not ok"
        case .duplicatePostBody(let index): "event #\(index): post body already used by an earlier post"
        }
    }
}
