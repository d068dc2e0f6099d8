import ArgumentParser
import ClusterCertificates

/// `flotilla certs`: the cluster's mutual-TLS material.
struct CertsCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs",
        abstract: "Create the cluster CA and node certificates for mutual TLS between nodes.",
        subcommands: [Init.self])

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a CA and one certificate per node (PEM) into a directory.",
            discussion: """
                Writes ca.pem, ca-key.pem, and NAME.pem, NAME-key.pem for every node (keys mode 0600). Each node
                certificate carries the node name as its common name, which peers check, and every --host as a
                subject alternative name. If ca.pem and ca-key.pem already exist, that CA signs the new node
                certificates (adding a node). Existing files are never overwritten.
                """)

        @Option(help: "Directory to write into (created with mode 0700 if missing).") var out: String = "certs"
        @Option(help: "Comma-separated node names, e.g. n1,n2,n3.") var nodes: String
        @Option(help: "Comma-separated hosts (IPs or DNS names) every node certificate also names.") var host: String =
            "127.0.0.1,localhost"

        func run() throws {
            let names = nodes.split(separator: ",").map { String($0) }
            let hosts = host.split(separator: ",").map { String($0) }
            do {
                for path in try CertificateFiles.writeCluster(directory: out, nodes: names, hosts: hosts) {
                    print("wrote \(path)")
                }
            } catch {
                throw ValidationError("\(error)")
            }
        }
    }
}
