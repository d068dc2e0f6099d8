/// A broken safety or liveness property, with what the checker saw.
public struct InvariantViolation: Error, Sendable, CustomStringConvertible {
    /// Which property broke, e.g. "election safety".
    public var property: String
    public var detail: String
    /// Simulated time of the event after which it was detected.
    public var time: Int

    public var description: String { "\(property) violated at t=\(time): \(detail)" }
}
