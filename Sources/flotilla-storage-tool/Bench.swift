import ArgumentParser
import RaftStorage

extension StorageTool {
    struct Bench: AsyncParsableCommand {
        func run() async throws {}
    }
}
