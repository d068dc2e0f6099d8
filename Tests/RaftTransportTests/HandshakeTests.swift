import RaftCore
@_spi(Testing) import RaftTransport
import Testing

@Suite("Peer handshake state machine")
struct HandshakeTests {
    static let n2 = PeerCertificateNames(commonNames: ["n2"], dnsNames: ["n2", "node2.example"])
    static let n3 = PeerCertificateNames(commonNames: ["n3"], dnsNames: ["n3"])
    static let heartbeat = Message(from: 2, to: 1, term: 1, payload: .heartbeat(Heartbeat(commit: 0, readRound: 0)))

    // Goal: the server accepts exactly a configured peer whose certificate, hello and our id agree.
    // Method: drive fresh machines with each variant and compare actions.
    @Test func serverSide() {
        func server() -> PeerHandshake { PeerHandshake(role: .server(localID: 1, peersByName: ["n2": 2, "n3": 3])) }
        var machine = server()
        #expect(machine.channelActive() == nil)
        #expect(
            machine.frameReceived(.hello(from: 2, to: 1), certificate: Self.n2)
                == .establish(peer: 2, reply: .helloAccepted(1)))
        #expect(machine.state == .established(peer: 2))
        #expect(machine.frameReceived(.message(Self.heartbeat), certificate: nil) == .process(.message(Self.heartbeat)))
        #expect(machine.handshakeTimedOut() == nil)
        // A second hello, or an ack, on an established inbound connection is a protocol violation.
        guard case .refuse = machine.frameReceived(.hello(from: 2, to: 1), certificate: Self.n2) else {
            Issue.record("second hello accepted")
            return
        }
        #expect(machine.state == .refused)

        let refusals: [(TransportFrame, PeerCertificateNames?, String)] = [
            (.hello(from: 2, to: 1), nil, "no certificate"),
            (.hello(from: 9, to: 1), PeerCertificateNames(commonNames: ["n9"], dnsNames: []), "not a configured peer"),
            (.hello(from: 3, to: 1), Self.n2, "claims node 3"),
            (.hello(from: 2, to: 5), Self.n2, "addressed to node 5"),
            (.message(Self.heartbeat), Self.n2, "before the handshake"),
            (.hello(from: 2, to: 1), PeerCertificateNames(commonNames: ["n2", "n3"], dnsNames: []), "2 common names"),
        ]
        for (frame, names, reason) in refusals {
            var machine = server()
            guard case .refuse(let text) = machine.frameReceived(frame, certificate: names) else {
                Issue.record("accepted: \(reason)")
                continue
            }
            #expect(text.contains(reason), "\(text)")
        }

        var forged = server()
        _ = forged.frameReceived(.hello(from: 2, to: 1), certificate: Self.n2)
        var other = Self.heartbeat
        other.from = 3
        #expect(
            forged.frameReceived(.message(other), certificate: nil)
                == .refuse(reason: "message from node 3 on node 2's connection"))

        var late = server()
        #expect(late.handshakeTimedOut() == .refuse(reason: "handshake not completed in time"))
    }

    // Goal: the client sends hello first and accepts only the dialled node (CN or DNS SAN, and its id).
    // Method: as above, for the client role.
    @Test func clientSide() {
        func client(name: String = "n2") -> PeerHandshake {
            PeerHandshake(role: .client(localID: 1, peer: 2, peerName: name))
        }
        var machine = client()
        #expect(machine.channelActive() == .send(.hello(from: 1, to: 2)))
        #expect(machine.frameReceived(.helloAccepted(2), certificate: Self.n2) == .establish(peer: 2, reply: nil))
        #expect(
            machine.frameReceived(.snapshotAck(transferID: 1, received: true), certificate: nil)
                == .process(.snapshotAck(transferID: 1, received: true)))

        var bySAN = client(name: "node2.example")
        _ = bySAN.channelActive()
        #expect(bySAN.frameReceived(.helloAccepted(2), certificate: Self.n2) == .establish(peer: 2, reply: nil))

        var wrongName = client()
        guard case .refuse(let reason) = wrongName.frameReceived(.helloAccepted(2), certificate: Self.n3) else {
            Issue.record("accepted a server certified as n3")
            return
        }
        #expect(reason.contains("does not name the dialled peer \"n2\""))
        var wrongID = client()
        guard case .refuse = wrongID.frameReceived(.helloAccepted(3), certificate: Self.n2) else {
            Issue.record("accepted a server claiming another id")
            return
        }
        var early = client()
        guard case .refuse = early.frameReceived(.snapshotAck(transferID: 1, received: true), certificate: Self.n2)
        else {
            Issue.record("accepted an ack before the handshake")
            return
        }
        var established = client()
        _ = established.frameReceived(.helloAccepted(2), certificate: Self.n2)
        guard case .refuse = established.frameReceived(.message(Self.heartbeat), certificate: nil) else {
            Issue.record("accepted a message on an outbound connection")
            return
        }
    }
}

@Suite("Reconnect backoff")
struct ReconnectBackoffTests {
    // Goal: delays stay within [min, max], grow roughly exponentially, and reset.
    // Method: draw 20 delays from a seeded generator and check bounds and the ceiling per step.
    @Test(arguments: [1, 99] as [UInt64])
    func delaysAreBoundedJitteredAndGrow(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var backoff = ReconnectBackoff(min: .milliseconds(20), max: .seconds(1))
        var delays: [Duration] = []
        for step in 0..<20 {
            let delay = backoff.next(using: &random)
            let ceiling = min(Duration.milliseconds(20) * (1 << min(step, 20)), .seconds(1))
            #expect(delay >= .milliseconds(20) && delay <= ceiling, "step \(step): \(delay)")
            delays.append(delay)
        }
        #expect(delays.suffix(5).allSatisfy { $0 >= .milliseconds(500) })
        #expect(Set(delays.suffix(10)).count > 1, "jitter")
        backoff.reset()
        #expect(backoff.next(using: &random) == .milliseconds(20))
    }
}
