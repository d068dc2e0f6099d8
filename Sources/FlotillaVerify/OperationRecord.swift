/// One client operation of a validated history: its invoke and, unless the history ended first, its completion.
struct OperationRecord {
    /// Position of the invoke event in ``History/events``.
    let invokeIndex: Int
    /// Position of the completion event; nil when the history ended with the operation outstanding.
    let completionIndex: Int?
    /// When the request was sent. The server acted on it at this time or later.
    let invokeTime: Double
    /// When the answer came; infinity while outstanding. An `ok` or `fail` operation took effect (or definitely did
    /// not) by this time; an `unknown` one may still take effect later.
    let completionTime: Double
    /// `ok`, `fail` or `unknown`; an outstanding operation counts as `unknown`.
    let outcome: EventType
    /// The completion's operation when `ok` (it carries the result), otherwise the invoke's.
    let operation: Operation

    /// The positions of the operation's events, invoke first.
    var eventIndices: [Int] { [invokeIndex] + (completionIndex.map { [$0] } ?? []) }

    /// The position of the operation's last event so far: its completion, or its invoke while outstanding.
    var lastEventIndex: Int { completionIndex ?? invokeIndex }

    /// Pairs every invoke of a validated history with its completion, in invoke order.
    static func pairing(_ events: [Event]) -> [OperationRecord] {
        var outstanding: [Int: Int] = [:]
        var records: [OperationRecord] = []
        for (index, event) in events.enumerated() {
            if event.type == .invoke {
                outstanding[event.process] = index
                continue
            }
            guard let invokeIndex = outstanding.removeValue(forKey: event.process) else {
                preconditionFailure("event #\(index) completes nothing; validate() the history first")
            }
            records.append(
                OperationRecord(
                    invokeIndex: invokeIndex, completionIndex: index, invokeTime: events[invokeIndex].time,
                    completionTime: event.time, outcome: event.type,
                    operation: event.type == .ok ? event.operation : events[invokeIndex].operation))
        }
        for invokeIndex in outstanding.values {
            let invoke = events[invokeIndex]
            records.append(
                OperationRecord(
                    invokeIndex: invokeIndex, completionIndex: nil, invokeTime: invoke.time, completionTime: .infinity,
                    outcome: .unknown, operation: invoke.operation))
        }
        return records.sorted { $0.invokeIndex < $1.invokeIndex }
    }
}
