/// Applying membership changes (see ``ConfChange`` for why one node at a time, applied when committed).
extension Raft {
    /// Applies the change carried by a committed entry, called in index order as entries are applied.
    /// An entry that does not decode or is invalid against the membership in force is skipped on every node
    /// alike (the leader validated it when proposing, so this only happens to corrupted entries).
    mutating func applyConfChange(_ entry: Entry) {
        precondition(entry.kind == .configChange, "not a membership change")
        guard entry.index > confIndex else { return }
        confIndex = entry.index
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

    /// At start: apply the membership changes among the committed entries after the snapshot.
    mutating func loadCommittedMembership() {
        precondition(role == .follower && leader == .none, "membership is loaded before the node runs")
        var next = confIndex + 1
        while next <= log.committed {
            let page = log.entries(from: next, to: log.committed + 1, maxBytes: config.maxApplyBytesPerReady)
            for entry in page where entry.kind == .configChange {
                applyConfChange(entry)
            }
            next = page.last!.index + 1
        }
        confIndex = log.committed
    }
}
