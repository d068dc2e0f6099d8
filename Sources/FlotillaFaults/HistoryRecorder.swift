public import FlotillaVerify
import Foundation
import Synchronization

/// Records the operations of a workload as a ``History``, and appends each event to a history file as it happens
/// (the format of `History.jsonLines()`), so a run that dies midway still leaves its history.
///
/// Guarantees: events are stamped and stored under one lock, so their times never decrease and file order is
/// history order; times are seconds on one monotonic clock since the recorder was made. Thread-safe.
public final class HistoryRecorder: Sendable {
    private let start = ContinuousClock.now
    private let state: Mutex<State>

    private struct State {
        var history: History
        var file: FileHandle?
    }

    /// - Parameters:
    ///   - setup: the workload's queues.
    ///   - path: the history file to create (replacing any), or nil to keep the history in memory only.
    /// - Throws: if the file cannot be created.
    public init(setup: WorkloadSetup, path: String?) throws {
        var file: FileHandle?
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: Data((setup.jsonLine + "\n").utf8)) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try file?.seekToEnd()
        }
        state = Mutex(State(history: History(setup: setup), file: file))
    }

    /// Seconds since the recorder was made.
    public var now: Double { LocalCluster.seconds(start.duration(to: .now)) }

    /// Records that `process` invokes `operation`.
    public func invoke(_ process: Int, _ operation: FlotillaVerify.Operation) {
        append(process: process, type: .invoke, operation: operation)
    }

    /// Records how `process`'s outstanding operation completed (`operation` carries the result on `.ok`).
    public func complete(_ process: Int, _ type: EventType, _ operation: FlotillaVerify.Operation) {
        precondition(type != .invoke, "a completion is ok, fail or unknown")
        append(process: process, type: type, operation: operation)
    }

    /// The history so far.
    public var history: History { state.withLock { $0.history } }

    /// Closes the history file; later events are kept in memory only.
    public func closeFile() {
        state.withLock { state in
            try? state.file?.close()
            state.file = nil
        }
    }

    private func append(process: Int, type: EventType, operation: FlotillaVerify.Operation) {
        state.withLock { state in
            let event = Event(process: process, type: type, time: now, operation: operation)
            state.history.events.append(event)
            try? state.file?.write(contentsOf: Data((event.jsonLine + "\n").utf8))
        }
    }
}
