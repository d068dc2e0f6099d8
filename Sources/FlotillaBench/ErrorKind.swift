import Flotilla

/// The names errors are counted under in reports: stable, short, and the same in text and JSON.
enum ErrorKind {
    /// `http_<status>` for a refusal, else `transport`, `outcome_unknown`, `decoding` or `invalid_argument`.
    static func name(of error: FlotillaClientError) -> String {
        switch error {
        case .api(let refusal): return "http_\(refusal.status)"
        case .transport: return "transport"
        case .outcomeUnknown: return "outcome_unknown"
        case .decoding: return "decoding"
        case .invalidArgument: return "invalid_argument"
        }
    }
}
