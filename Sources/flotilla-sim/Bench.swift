import ArgumentParser
import RaftSimulator

extension FlotillaSim {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "placeholder")
        func run() throws {}
    }
}
