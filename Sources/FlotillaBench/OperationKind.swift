/// The requests a benchmark times, each with its own latency histogram and counters.
public enum OperationKind: String, Sendable, Hashable, CaseIterable {
    /// One single-message post (`POST /v2/queues/{q}/messages`).
    case post
    /// One claim of up to the claim limit (`POST /v2/queues/{q}/claims`); a claim that finds nothing counts as
    /// an empty claim.
    case claim
    /// One delete of a claimed message under its claim (`DELETE /v2/queues/{q}/messages/{id}?claim_id=…`).
    case delete

    /// The position in the recorder's tallies and in reports: post, claim, delete.
    var index: Int {
        switch self {
        case .post: return 0
        case .claim: return 1
        case .delete: return 2
        }
    }

    /// The kinds a workload sends, in report order.
    static func kinds(of workload: BenchConfiguration.Workload) -> [OperationKind] {
        switch workload {
        case .post: return [.post]
        case .claimDelete: return [.claim, .delete]
        case .mixed: return [.post, .claim, .delete]
        }
    }
}
