import Foundation
import RaftCore
import RaftStorage
import Testing

/// The hard state's first write torn by a crash.
@Suite struct HardStateRecoveryTests {
    /// Goal: if the very first hard-state write is torn (its slot holds garbage, the other slot was never written),
    /// the log opens with an empty hard state: nothing durable existed, so nothing is lost, and refusing to start
    /// would strand a brand-new node. Method: create a log, write garbage into slot 1 of `hardstate` (slot 0 stays
    /// zero), reopen, and check the hard state is empty and a synced save then survives a reopen.
    @Test func tornFirstWriteOpensEmpty() async throws {
        let directory = ScratchDirectory("hardstate-first")
        defer { directory.remove() }
        try DurableLog.open(directory: directory.path).close()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory.path + "/hardstate"))
        try handle.seek(toOffset: 512)
        try handle.write(contentsOf: Data("FLTHS001garbage".utf8))
        try handle.close()

        let log = try DurableLog.open(directory: directory.path)
        #expect(log.hardState == .empty)
        try log.saveHardState(HardState(term: 3, vote: 2, commit: 0), sync: true)
        log.close()
        let reopened = try DurableLog.open(directory: directory.path)
        defer { reopened.close() }
        #expect(reopened.hardState == HardState(term: 3, vote: 2, commit: 0))
    }
}
