import Foundation

/// The history file format: the ``WorkloadSetup`` as a JSON object on the first line, then one ``Event`` a line in
/// the order they happened. A harness can append each event's ``Event/jsonLine`` as it happens, so a run that dies
/// midway still leaves a readable file. Keys are sorted, so the same history always gives the same text.
extension History {
    /// The whole history in the file format, each line ending in a newline.
    /// - Returns: The setup line followed by one line per event.
    public func jsonLines() -> String {
        var text = setup.jsonLine + "\n"
        for event in events { text += event.jsonLine + "\n" }
        return text
    }

    /// Reads a history from the file format; blank lines are skipped, so a trailing newline is fine.
    /// - Parameter jsonLines: The file's text.
    /// - Throws: The first line that is not the JSON this format expects. It does not validate the history; call
    ///   ``validate()`` (``QueueChecker`` does).
    public init(jsonLines: String) throws(HistoryDecodingError) {
        let decoder = JSONDecoder()
        var setup: WorkloadSetup?
        var events: [Event] = []
        for (offset, line) in jsonLines.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            do {
                if setup == nil {
                    setup = try decoder.decode(WorkloadSetup.self, from: Data(line.utf8))
                } else {
                    events.append(try decoder.decode(Event.self, from: Data(line.utf8)))
                }
            } catch {
                throw HistoryDecodingError(line: offset + 1, reason: String(describing: error))
            }
        }
        guard let setup else { throw HistoryDecodingError(line: 0, reason: "no workload setup line") }
        self.init(setup: setup, events: events)
    }
}

extension WorkloadSetup {
    /// The setup as the first line of a history file (no newline).
    public var jsonLine: String { encodeJSONLine(self) }
}

extension Event {
    /// The event as one line of a history file (no newline).
    public var jsonLine: String { encodeJSONLine(self) }
}

/// One value as compact JSON with sorted keys. Encoding these plain value types fails only for a non-finite
/// `Event.time`, which is a harness bug, so it stops the program.
private func encodeJSONLine(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    } catch {
        preconditionFailure("history values encode to JSON unless a time is not finite: \(error)")
    }
}
