/// The first entries of a new cluster's log.
///
/// A cluster's initial membership is written as committed ``ConfChange`` entries at term 1, indexes `1...n`,
/// identical on every founding node, instead of as out-of-band metadata. A node that joins later (with an empty
/// log) then learns the founding membership by replaying the log like everyone else; if the membership lived
/// only in the founders' storage, a joiner would apply the later changes to an empty membership and could
/// believe itself part of a phantom majority (the simulator found exactly that).
public enum Bootstrap {
    /// The log and hard state a founding node starts from.
    /// - Precondition: `voters` is non-empty and free of ``NodeID/none``.
    public static func initialLog(voters: [NodeID]) -> (entries: [Entry], hardState: HardState) {
        let sorted = Set(voters).sorted()
        precondition(!sorted.isEmpty && !sorted.contains(.none), "a cluster needs at least one voter")
        let entries = sorted.enumerated().map { offset, id in
            Entry(
                term: Term(1), index: LogIndex(UInt64(offset + 1)), kind: .configChange,
                data: ConfChange.addVoter(id).encoded())
        }
        return (entries, HardState(term: Term(1), vote: .none, commit: entries.last!.index))
    }
}
