import ClusterCertificates
import NIOCore
import NIOPosix
import RaftCore
import RaftTransport
import Testing

/// A few end-to-end tests over real loopback TLS, with certificates from ClusterCertificates. Ports are picked
/// by the system (`listenPort` 0, then `bind()`); every wait is for an event (a stream element, a channel
/// closing), with a timeout only as a safety net.
@Suite("Loopback mutual TLS", .timeLimit(.minutes(2)))
struct LoopbackTLSTests {
    /// Binds transports for the named nodes (ids 1, 2, ...) and points each at all the others.
    static func wired(
        _ cluster: TestCluster, _ names: [String], configure: (inout TransportConfiguration) -> Void = { _ in }
    ) async throws -> [PeerTransport] {
        var transports: [PeerTransport] = []
        var addresses: [PeerAddress] = []
        for (index, name) in names.enumerated() {
            let transport = try cluster.transport(id: NodeID(UInt64(index + 1)), name: name, configure: configure)
            addresses.append(peer(NodeID(UInt64(index + 1)), name, port: try await transport.bind()))
            transports.append(transport)
        }
        for transport in transports { try transport.updatePeers(addresses) }
        return transports
    }

    // Goal: two transports exchange messages both ways, every payload kind, each direction in order.
    // Method: seeded messages (big entries and snapshots included) sent in several batches each way; each side
    // collects as many as were sent and compares the sequences.
    @Test func exchangeMessagesBothWaysInOrder() async throws {
        let cluster = try TestCluster(["n1", "n2"])
        let nodes = try await Self.wired(cluster, ["n1", "n2"])
        let running = nodes.map(Running.init)
        var generator = MessageGenerator(seed: 2024)
        func batch(from: NodeID, to: NodeID) -> [Message] {
            (0..<150).map { _ in
                var message = generator.message()
                message.from = from
                message.to = to
                return message
            }
        }
        let toTwo = batch(from: 1, to: 2)
        let toOne = batch(from: 2, to: 1)
        for slice in stride(from: 0, to: 150, by: 50) {
            nodes[0].send(Array(toTwo[slice..<(slice + 50)]))
            nodes[1].send(Array(toOne[slice..<(slice + 50)]))
        }
        nodes[0].send([heartbeat(from: 1, to: 9, round: 0)])  // unknown peer: dropped and logged, nothing else
        async let atTwo = collect(nodes[1].inbound, count: toTwo.count, "messages at n2")
        async let atOne = collect(nodes[0].inbound, count: toOne.count, "messages at n1")
        #expect(try await atTwo == toTwo)
        #expect(try await atOne == toOne)
        for node in running { try await node.stop() }
    }

    // Goal: a snapshot several chunks long arrives intact, between the messages sent around it, and the sender
    // reports it delivered.
    // Method: 16 KiB chunks, a 200,003-byte snapshot (13 chunks) between two heartbeats; compare what n2 gets
    // and wait for .snapshotDelivered(to: 2, succeeded: true) on n1.
    @Test func snapshotIsStreamedInChunksAndReported() async throws {
        let cluster = try TestCluster(["n1", "n2"])
        let nodes = try await Self.wired(cluster, ["n1", "n2"]) { $0.snapshotChunkBytes = 16 << 10 }
        let running = nodes.map(Running.init)
        var random = SplitMix64(seed: 77)
        let data = (0..<200_003).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let snapshot = Message(
            from: 1, to: 2, term: 4,
            payload: .snapshot(
                Snapshot(
                    metadata: SnapshotMetadata(
                        index: 500, term: 4, confState: ConfState(voters: [1, 2], learners: [3])),
                    data: data)))
        let sent = [heartbeat(from: 1, to: 2, round: 1), snapshot, heartbeat(from: 1, to: 2, round: 2)]
        nodes[0].send(sent)
        #expect(try await collect(nodes[1].inbound, count: 3, "heartbeat, snapshot, heartbeat") == sent)
        let report = try await first(nodes[0].reports, "snapshot report") {
            if case .snapshotDelivered = $0 { return true }
            return false
        }
        #expect(report == .snapshotDelivered(to: 2, succeeded: true))
        for node in running { try await node.stop() }
    }

    // Goal: a node with a valid certificate (same CA) for a name that is not a configured peer is refused, and
    // the listener keeps serving the legitimate peer.
    // Method: n1 knows only n2; n3 dials n1 and must see its connection refused (.unreachable(1) on n3); then n2
    // connects and its message is the first thing n1 delivers.
    @Test func refusesAValidCertificateForAnotherName() async throws {
        let cluster = try TestCluster(["n1", "n2", "n3"])
        let nodes = try await Self.wired(cluster, ["n1", "n2"])
        let intruder = try cluster.transport(id: 3, name: "n3", peers: [peer(1, "n1", port: nodes[0].boundPort!)])
        let one = Running(nodes[0])
        let three = Running(intruder)
        intruder.send([heartbeat(from: 3, to: 1, round: 333)])
        #expect(try await first(intruder.reports, "n3 refused") { $0 == .unreachable(1) } == .unreachable(1))
        let two = Running(nodes[1])
        nodes[1].send([heartbeat(from: 2, to: 1, round: 222)])
        #expect(try await first(nodes[0].inbound, "n2's message") == heartbeat(from: 2, to: 1, round: 222))
        for node in [one, two, three] { try await node.stop() }
    }

    // Goal: when dialling, a server whose (valid) certificate names another node is refused.
    // Method: n1's peer 2 "n2" points at a node certified as n3 that claims id 2; n1 must report .unreachable(2).
    // Then n1 is pointed at the real n2 and its message arrives, showing the name check was the reason.
    @Test func refusesAServerCertifiedForAnotherName() async throws {
        let cluster = try TestCluster(["n1", "n2", "n3"])
        let nodes = try await Self.wired(cluster, ["n1", "n2"])
        let impostor = try cluster.transport(id: 2, name: "n3", peers: [peer(1, "n1", port: nodes[0].boundPort!)])
        let impostorPort = try await impostor.bind()
        try nodes[0].updatePeers([peer(2, "n2", port: impostorPort)])
        let running = [Running(nodes[0]), Running(nodes[1]), Running(impostor)]
        nodes[0].send([heartbeat(from: 1, to: 2, round: 1)])
        #expect(try await first(nodes[0].reports, "n1 refuses n3") { $0 == .unreachable(2) } == .unreachable(2))
        try nodes[0].updatePeers([peer(2, "n2", port: nodes[1].boundPort!)])
        // Like Raft's heartbeat ticks: keep sending until the redialled connection delivers one.
        let pacer = Task {
            var round: UInt64 = 2
            while !Task.isCancelled {
                nodes[0].send([heartbeat(from: 1, to: 2, round: round)])
                round += 1
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        let received = try await first(nodes[1].inbound, "n1's heartbeat at the real n2")
        pacer.cancel()
        #expect(received.from == 1)
        for node in running { try await node.stop() }
    }

    // Goal: a certificate from another CA is refused, even for a configured name.
    // Method: a node certified as n2 by a rogue CA (trusting the real CA, so only the server's check can refuse
    // it) dials n1 and must be refused; then the real n2's message is the first n1 delivers.
    @Test func refusesACertificateFromAnotherCA() async throws {
        let cluster = try TestCluster(["n1", "n2"])
        let nodes = try await Self.wired(cluster, ["n1", "n2"])
        let rogueCA = try ClusterCA.create(commonName: "rogue CA")
        let rogueN2 = try rogueCA.issueNodeCertificate(name: "n2", hosts: ["127.0.0.1"])
        let rogue = try cluster.transport(
            id: 2, name: "n2",
            identity: TransportIdentity(
                caCertificatePEM: cluster.ca.certificatePEM, certificateChainPEM: rogueN2.certificatePEM,
                privateKeyPEM: rogueN2.privateKeyPEM),
            peers: [peer(1, "n1", port: nodes[0].boundPort!)])
        let one = Running(nodes[0])
        let rogueRunning = Running(rogue)
        rogue.send([heartbeat(from: 2, to: 1, round: 444)])
        #expect(try await first(rogue.reports, "rogue refused") { $0 == .unreachable(1) } == .unreachable(1))
        let two = Running(nodes[1])
        nodes[1].send([heartbeat(from: 2, to: 1, round: 222)])
        #expect(try await first(nodes[0].inbound, "n2's message") == heartbeat(from: 2, to: 1, round: 222))
        for node in [one, two, rogueRunning] { try await node.stop() }
    }

    // Goal: plain TCP gets nothing through, and the listener stays up for legitimate peers.
    // Method: a raw TCP client writes a valid hello and message frame; wait for n1 to close that connection; then
    // n2's message must be the first n1 delivers.
    @Test func plainTCPGetsNothingThrough() async throws {
        let cluster = try TestCluster(["n1", "n2"])
        let nodes = try await Self.wired(cluster, ["n1", "n2"])
        let one = Running(nodes[0])
        let raw = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: nodes[0].boundPort!).get()
        var buffer = ByteBuffer()
        TransportFrame.hello(from: 2, to: 1).encode(into: &buffer)
        TransportFrame.message(heartbeat(from: 2, to: 1, round: 666)).encode(into: &buffer)
        try await raw.writeAndFlush(buffer)
        try await within("n1 closes the plain TCP connection") { try await raw.closeFuture.get() }
        let two = Running(nodes[1])
        nodes[1].send([heartbeat(from: 2, to: 1, round: 222)])
        #expect(try await first(nodes[0].inbound, "n2's message") == heartbeat(from: 2, to: 1, round: 222))
        for node in [one, two] { try await node.stop() }
    }

    // Goal: a stopped peer is reported unreachable while traffic to the others keeps flowing, and after it
    // restarts on the same port messages reach it again.
    // Method: three nodes; after n3 got a message, stop n3 and wait for .unreachable(3) on n1; send to n2 and n3
    // together and see n2's arrive; restart n3 on its port; a pacer (Raft's heartbeat ticks) sends to n3 until
    // the reconnected link delivers one.
    @Test func stoppedPeerIsUnreachableAndReconnects() async throws {
        let cluster = try TestCluster(["n1", "n2", "n3"])
        let nodes = try await Self.wired(cluster, ["n1", "n2", "n3"])
        var running = nodes.map(Running.init)
        nodes[0].send([heartbeat(from: 1, to: 2, round: 1), heartbeat(from: 1, to: 3, round: 1)])
        #expect(try await first(nodes[1].inbound, "n2 first") == heartbeat(from: 1, to: 2, round: 1))
        #expect(try await first(nodes[2].inbound, "n3 first") == heartbeat(from: 1, to: 3, round: 1))

        let port3 = nodes[2].boundPort!
        try await running[2].stop()
        #expect(try await first(nodes[0].reports, "n3 unreachable") { $0 == .unreachable(3) } == .unreachable(3))
        nodes[0].send([heartbeat(from: 1, to: 3, round: 2), heartbeat(from: 1, to: 2, round: 2)])
        #expect(try await first(nodes[1].inbound, "n2 second") == heartbeat(from: 1, to: 2, round: 2))

        let restarted = try cluster.transport(
            id: 3, name: "n3",
            peers: [peer(1, "n1", port: nodes[0].boundPort!), peer(2, "n2", port: nodes[1].boundPort!)],
            port: port3)
        try await restarted.bind()
        running[2] = Running(restarted)
        let pacer = Task {
            var round: UInt64 = 3
            while !Task.isCancelled {
                nodes[0].send([heartbeat(from: 1, to: 3, round: round)])
                round += 1
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        let received = try await first(restarted.inbound, "n1's heartbeat after n3 restarted")
        pacer.cancel()
        #expect(received.from == 1 && received.to == 3)
        for node in running { try await node.stop() }
    }

    // Goal: a message larger than maxFrameBytes is dropped by the sender (and reported), while the messages
    // around it still arrive in order on the same connection.
    // Method: 128 KiB frames; send heartbeat, a 200 KiB append, heartbeat; n2 gets the two heartbeats and n1
    // reports .unreachable(2).
    @Test func oversizedMessageIsDroppedAndReported() async throws {
        let cluster = try TestCluster(["n1", "n2"])
        let nodes = try await Self.wired(cluster, ["n1", "n2"]) {
            $0.maxFrameBytes = 128 << 10
            $0.snapshotChunkBytes = 16 << 10
        }
        let running = nodes.map(Running.init)
        let big = Message(
            from: 1, to: 2, term: 1,
            payload: .append(
                AppendRequest(
                    prevIndex: 0, prevTerm: 0,
                    entries: [Entry(term: 1, index: 1, data: Array(repeating: 7, count: 200 << 10))],
                    commit: 0)))
        nodes[0].send([heartbeat(from: 1, to: 2, round: 1), big, heartbeat(from: 1, to: 2, round: 2)])
        #expect(
            try await collect(nodes[1].inbound, count: 2, "the heartbeats") == [
                heartbeat(from: 1, to: 2, round: 1), heartbeat(from: 1, to: 2, round: 2),
            ])
        #expect(try await first(nodes[0].reports, "oversized drop") == .unreachable(2))
        for node in running { try await node.stop() }
    }

    // Goal: removing a peer drops its queue and reports its queued snapshot failed; later sends to it are
    // dropped as to an unknown peer.
    // Method: without running, queue a snapshot for peer 2, then update the peer list to empty.
    @Test func removingAPeerFailsItsQueuedSnapshot() async throws {
        let cluster = try TestCluster(["n1", "n2"])
        let transport = try cluster.transport(id: 1, name: "n1", peers: [peer(2, "n2", port: 1)])
        let snapshot = Message(
            from: 1, to: 2, term: 1,
            payload: .snapshot(
                Snapshot(metadata: SnapshotMetadata(index: 1, term: 1, confState: ConfState(voters: [1])), data: [1])))
        transport.send([snapshot])
        try transport.updatePeers([])
        #expect(try await first(transport.reports, "snapshot failure") == .snapshotDelivered(to: 2, succeeded: false))
        transport.send([heartbeat(from: 1, to: 2, round: 1)])
    }

    // Goal: a peer's full queue drops new messages and reports it unreachable; send never blocks.
    // Method: without running the transport (the link stays "connecting", so messages queue), send 100
    // heartbeats (64 bytes each as counted) to a peer with a 1 KiB queue limit; expect .unreachable(2).
    @Test func fullQueueDropsAndReportsUnreachable() async throws {
        let cluster = try TestCluster(["n1", "n2"])
        let transport = try cluster.transport(id: 1, name: "n1", peers: [peer(2, "n2", port: 1)]) {
            $0.maxQueuedBytesPerPeer = 1024
        }
        transport.send((0..<100).map { heartbeat(from: 1, to: 2, round: $0) })
        #expect(try await first(transport.reports, "queue full") == .unreachable(2))
    }

    // Goal: bad identities and configurations are refused at creation with a typed error.
    // Method: garbage PEM, a certificate whose CN is not localName, duplicate peers.
    @Test func invalidIdentityAndConfigurationAreTypedErrors() throws {
        let cluster = try TestCluster(["n1", "n2"])
        var identity = cluster.identity("n1")
        identity.caCertificatePEM = "not a pem"
        #expect(throws: TransportError.self) { _ = try cluster.transport(id: 1, name: "n1", identity: identity) }
        #expect(throws: TransportError.identityNameMismatch(localName: "n2", certificateNames: ["n1"])) {
            _ = try cluster.transport(id: 2, name: "n2", identity: cluster.identity("n1"))
        }
        identity = cluster.identity("n1")
        identity.privateKeyPEM = cluster.nodes["n2"]!.privateKeyPEM
        #expect(throws: TransportError.self) { _ = try cluster.transport(id: 1, name: "n1", identity: identity) }
        #expect(throws: TransportError.invalidConfiguration("peer id 2 listed twice")) {
            _ = try cluster.transport(id: 1, name: "n1", peers: [peer(2, "n2", port: 1), peer(2, "n3", port: 2)])
        }
    }
}
