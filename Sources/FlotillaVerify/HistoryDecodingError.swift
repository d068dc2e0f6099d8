/// Why ``History/init(jsonLines:)`` could not read a history file.
public struct HistoryDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the text that could not be decoded (the first line is the ``WorkloadSetup``), or 0 when
    /// the text has no setup line at all.
    public var line: Int
    /// What the decoder said about it.
    public var reason: String

    /// An error about `line` (1-based; 0 for a text without lines).
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    /// `line N: reason`.
    public var description: String { "line \(line): \(reason)" }
}
