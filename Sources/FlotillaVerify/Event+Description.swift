/// The one-line form of an event that violation excerpts use: time with millisecond precision, process, type and
/// operation, e.g. `  12.503s p3  ok      claim limit=5 ttl=30 grace=30 -> claim c1 [m1 "b7"]`.
extension Event: CustomStringConvertible {
    /// The event on one line; a read lists only how many messages it returned.
    public var description: String {
        let process = "p\(process)".padding(to: 4)
        let type = type.rawValue.padding(to: 7)
        return "\(Self.seconds(time)) \(process) \(type) \(operationDescription)"
    }

    private var operationDescription: String {
        let isResult = type == .ok
        switch operation {
        case .post(let body, let producer, let sequence, let ttl, let id):
            let request = "post \(quoted(body)) producer=\(producer) sequence=\(sequence) ttl=\(ttl)"
            return isResult ? "\(request) -> id \(id ?? "none")" : request
        case .claim(let limit, let ttl, let grace, let claimID, let messages):
            let request = "claim limit=\(limit) ttl=\(ttl) grace=\(grace)"
            guard isResult else { return request }
            guard let claimID else { return "\(request) -> nothing to claim" }
            let listed = messages.map { "\($0.id) \(quoted($0.body))" }.joined(separator: ", ")
            return "\(request) -> claim \(claimID) [\(listed)]"
        case .delete(let id, let claimID):
            return "delete \(id) under claim \(claimID)"
        case .read(let queue, let messages):
            return isResult ? "read \(queue) -> \(messages.count) messages" : "read \(queue)"
        }
    }

    /// `time` right-aligned with three decimals and a unit, without Foundation's formatter.
    private static func seconds(_ time: Double) -> String {
        guard time.isFinite else { return "\(time)s" }
        let milliseconds = Int((time.magnitude * 1000).rounded())
        let fraction = String(milliseconds % 1000)
        let sign = time < 0 ? "-" : ""
        let text = "\(sign)\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)s"
        return String(repeating: " ", count: max(0, 10 - text.count)) + text
    }
}

/// `text` in double quotes, so bodies with spaces read unambiguously.
func quoted(_ text: String) -> String { "\"\(text)\"" }

extension String {
    /// The string followed by spaces up to `width` characters (unchanged when already that long).
    fileprivate func padding(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
