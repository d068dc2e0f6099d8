// swift-tools-version: 6.1
// Flotilla: a replicated message queue (Raft over mutual TLS, Zaqar v2 API, SQLite state machine).
// The dependency column of ../shared/STYLE.md is enforced here: a lower layer never imports a higher one.
import PackageDescription

/// Settings every target shares: Swift 6 language mode plus the upcoming features the style guide asks for.
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Flotilla",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "RaftCore", targets: ["RaftCore"]),
        .library(name: "RaftSimulator", targets: ["RaftSimulator"]),
        .library(name: "RaftStorage", targets: ["RaftStorage"]),
        .library(name: "QueueModel", targets: ["QueueModel"]),
        .library(name: "QueueEngine", targets: ["QueueEngine"]),
        .library(name: "FlotillaHTTP", targets: ["FlotillaHTTP"]),
        .library(name: "FlotillaServer", targets: ["FlotillaServer"]),
        .library(name: "RaftTransport", targets: ["RaftTransport"]),
        .library(name: "ClusterCertificates", targets: ["ClusterCertificates"]),
        .library(name: "Flotilla", targets: ["Flotilla"]),
        .executable(name: "flotilla", targets: ["flotilla"]),
        .executable(name: "flotilla-sim", targets: ["flotilla-sim"]),
        .executable(name: "flotilla-fault", targets: ["flotilla-fault"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // traits: [] keeps SwiftPM from recompiling all of Hummingbird on every re-plan (SwiftPM issue #10525).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // The consensus core: pure, synchronous, deterministic. No dependencies at all.
        .target(name: "RaftCore", swiftSettings: strictSettings),
        // The deterministic cluster simulator: the real core on a simulated network, disk and clock.
        .target(name: "RaftSimulator", dependencies: ["RaftCore"], swiftSettings: strictSettings),
        // The durable log: segment files with CRC-32C, two-slot hard state, atomic snapshots, group commit.
        .target(name: "RaftStorage", dependencies: ["RaftCore"], swiftSettings: strictSettings),
        // Commands, results and DTOs shared by server and client; Zaqar's JSON and metadata rules.
        .target(name: "QueueModel", swiftSettings: strictSettings),
        // The Zaqar state machine on SQLite: applies committed commands deterministically.
        .target(
            name: "QueueEngine",
            dependencies: ["QueueModel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        // Peer connections: SwiftNIO + NIOSSL, mutual TLS, versioned length-prefixed frames.
        .target(
            name: "RaftTransport",
            dependencies: [
                "RaftCore", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // A cluster CA and node certificates, generated in-process (swift-certificates).
        .target(
            name: "ClusterCertificates",
            dependencies: [
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strictSettings
        ),
        // The Swift client library: typed calls and the leader-following router.
        .target(
            name: "Flotilla",
            dependencies: ["QueueModel", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            swiftSettings: strictSettings
        ),
        // The Zaqar v2 routes over the QueueService protocol.
        .target(
            name: "FlotillaHTTP",
            dependencies: [
                "QueueModel", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // Wires a node: the engine, the service, the HTTP server (and, with the cluster, Raft).
        .target(
            name: "FlotillaServer",
            dependencies: [
                "FlotillaHTTP", "QueueEngine", "QueueModel", "RaftCore", "RaftStorage", "RaftTransport",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // Load generation through the client router: closed and open loop, HdrHistogram latencies.
        .target(
            name: "FlotillaBench",
            dependencies: [
                "Flotilla", "QueueModel", .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // Histories of queue operations and the checker that judges them (no I/O).
        .target(name: "FlotillaVerify", swiftSettings: strictSettings),
        // Real-process fault injection: local clusters, a partitioning TCP proxy on every peer link, nemeses, the
        // recorded workload.
        .target(
            name: "FlotillaFaults",
            dependencies: [
                "Flotilla", "FlotillaVerify", "ClusterCertificates", "QueueModel", "RaftCore",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "flotilla-fault",
            dependencies: [
                "FlotillaFaults", "FlotillaVerify", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "flotilla",
            dependencies: [
                "FlotillaServer", "QueueModel", "Flotilla", "ClusterCertificates", "FlotillaBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "flotilla-engine-bench",
            dependencies: [
                "QueueEngine", "QueueModel", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "flotilla-storage-tool",
            dependencies: [
                "RaftStorage", "RaftCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "flotilla-sim",
            dependencies: [
                "RaftSimulator", "RaftCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        .testTarget(
            name: "RaftCoreTests",
            dependencies: ["RaftCore"],
            resources: [.copy("testdata")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RaftStorageTests", dependencies: ["RaftStorage", "RaftCore"], swiftSettings: strictSettings),
        .testTarget(name: "QueueModelTests", dependencies: ["QueueModel"], swiftSettings: strictSettings),
        .testTarget(
            name: "QueueEngineTests", dependencies: ["QueueEngine", "QueueModel"], swiftSettings: strictSettings),
        .testTarget(
            name: "FlotillaHTTPTests",
            dependencies: [
                "FlotillaHTTP", "FlotillaServer", "QueueModel",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RaftTransportTests",
            dependencies: [
                "RaftTransport", "RaftCore", "ClusterCertificates", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FlotillaServerTests",
            dependencies: ["FlotillaServer", "RaftCore", "QueueModel"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FlotillaClientTests",
            dependencies: [
                "Flotilla", "FlotillaBench", "FlotillaHTTP", "FlotillaServer", "QueueModel", "QueueEngine",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
        // Real processes on loopback: the built `flotilla` binary driven by real clients.
        .testTarget(
            name: "ClusterTests",
            dependencies: [
                "Flotilla", "FlotillaFaults", "ClusterCertificates", "QueueModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "FlotillaVerifyTests", dependencies: ["FlotillaVerify", "RaftCore"], swiftSettings: strictSettings),
        // The bounded fault-injection run CI does (Scripts/fault-test.sh runs the long one).
        .testTarget(
            name: "FaultInjectionTests", dependencies: ["FlotillaFaults", "FlotillaVerify"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "SimulationTests", dependencies: ["RaftSimulator", "RaftCore"], swiftSettings: strictSettings),
    ]
)
