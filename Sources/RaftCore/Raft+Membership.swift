/// Applying membership changes (see ``ConfChange`` for why one node at a time, applied when committed).
extension Raft {
    /// Applies the change carried by a committed entry, called in index order as entries are applied.
    /// An entry that does not decode or is invalid against the membership in force is skipped on every node
    /// alike (the leader validated it when proposing, so this only happens to corrupted entries).
    mutating func applyConfChange(_ entry: Entry) {
        precondition(entry.kind == .configChange, "not a membership change")
        guard let change = try? ConfChange(decoding: entry.data),
            let newConf = try? tracker.conf.applying(change)
        else { return }
        tracker.switchConf(to: newConf, nextIndex: log.lastIndex() + 1)
        guard role == .leader else { return }
        if !newConf.isVoter(id) {
            // A removed leader steps down; the remaining voters elect a new one.
            becomeFollower(term: term, leader: .none)
            return
        }
        if leadTransferee != .none && !newConf.isVoter(leadTransferee) {
            leadTransferee = .none
        }
        // The quorum changed: the commit index may move, and new members need their first append.
        _ = maybeCommit()
        broadcastAppend()
    }
}
