import RaftCore

/// One node of the simulated cluster: the real ``RaftNode``, a disk, and the state machine.
///
/// The disk is `storage`: what is in it survives a crash; everything else (the core, the state machine, a
/// ``Ready`` whose write has not completed) is lost. A write completes after a simulated latency; a crash
/// before that keeps a torn prefix of it, in the order the ``Ready`` contract allows (snapshot, entries, hard
/// state).
final class SimulatedNode {
    let id: NodeID
    let storage: MemoryStorage
    private(set) var raft: RaftNode<MemoryStorage>?
    private(set) var stateMachine = ChainStateMachine()
    /// A ``Ready`` being written; its messages wait for the write.
    private(set) var writing: Ready?
    /// Bumped by every crash, so a disk-completion event of an earlier life is ignored.
    private(set) var generation = 0

    init(id: NodeID, storage: MemoryStorage) {
        self.id = id
        self.storage = storage
    }

    var isUp: Bool { raft != nil }
    var isWriting: Bool { writing != nil }

    /// Starts (or restarts) the node from its disk.
    func start(config: RaftConfig, seed: UInt64) {
        precondition(raft == nil, "node \(id) is already up")
        do {
            raft = try RaftNode(config: config, storage: storage, random: SplitMix64(seed: seed))
        } catch {
            preconditionFailure("simulator config invalid: \(error)")
        }
        stateMachine = ChainStateMachine(snapshot: storage.snapshot())
    }

    /// Loses everything not on disk. A write in progress keeps a random prefix (a torn write).
    /// Returns whether a write was torn (some but not all of it kept).
    @discardableResult
    func crash(using random: inout SplitMix64) -> Bool {
        precondition(raft != nil, "node \(id) is already down")
        var torn = false
        if let ready = writing {
            let parts = (ready.snapshot == nil ? 0 : 1) + ready.entries.count + (ready.hardState == nil ? 0 : 1)
            let kept = Int.random(in: 0...parts, using: &random)
            torn = kept > 0 && kept < parts
            persist(ready, parts: kept)
        }
        raft = nil
        writing = nil
        generation += 1
        return torn
    }

    func withRaft<R>(_ body: (inout RaftNode<MemoryStorage>) -> R) -> R {
        precondition(raft != nil, "node \(id) is down")
        return body(&raft!)
    }

    /// Takes the next ``Ready`` if there is one and no write is in progress.
    func takeReady() -> Ready? {
        guard raft != nil, writing == nil, raft!.hasReady else { return nil }
        let ready = raft!.ready()
        writing = ready
        return ready
    }

    /// Completes the write of the current ``Ready``: it is now durable.
    func finishWrite() -> Ready {
        guard let ready = writing else { preconditionFailure("no write in progress on \(id)") }
        persist(ready, parts: Int.max)
        writing = nil
        return ready
    }

    /// Writes the first `parts` parts of `ready` to disk, in contract order.
    private func persist(_ ready: Ready, parts: Int) {
        var remaining = parts
        if let snapshot = ready.snapshot {
            guard remaining > 0 else { return }
            remaining -= 1
            do {
                try storage.applySnapshot(snapshot)
            } catch {
                preconditionFailure("the core handed out a snapshot older than the disk's: \(error)")
            }
        }
        let entryCount = min(remaining, ready.entries.count)
        storage.append(Array(ready.entries.prefix(entryCount)))
        remaining -= entryCount
        if let hardState = ready.hardState, remaining > 0 {
            storage.setHardState(hardState)
        }
    }

    /// Restores the state machine from an installed snapshot.
    func restoreStateMachine(from snapshot: Snapshot) {
        stateMachine = ChainStateMachine(snapshot: snapshot)
    }

    /// Applies one committed entry unless the state machine already has it (it is redelivered after a restart).
    /// Returns whether it was applied now.
    func apply(_ entry: Entry) -> Bool {
        guard entry.index > stateMachine.appliedIndex else { return false }
        stateMachine.apply(entry)
        return true
    }

    /// Compacts the log into a snapshot of the state machine once `interval` entries were applied since the last.
    func maybeSnapshot(interval: Int) {
        guard interval > 0, let raft else { return }
        let applied = stateMachine.appliedIndex
        let snapshotIndex = storage.snapshot().metadata.index
        guard applied > snapshotIndex, applied.distance(from: snapshotIndex) >= interval else { return }
        precondition(raft.appliedIndex == applied, "state machine and core disagree on the applied index")
        do {
            try storage.createSnapshot(at: applied, confState: raft.confState, data: stateMachine.encoded())
        } catch {
            preconditionFailure("snapshot at \(applied) failed: \(error)")
        }
    }
}
