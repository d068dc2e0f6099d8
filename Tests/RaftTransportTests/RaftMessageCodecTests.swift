import NIOCore
import RaftCore
import RaftTransport
import Testing

@Suite("RaftMessageCodec")
struct RaftMessageCodecTests {
    // Goal: every payload kind survives encode → decode unchanged, including big entries and snapshots.
    // Method: for each seed, 11 messages (one per payload kind) plus 40 random ones from a seeded generator; the
    // seed is in the test's arguments, so a failure names it.
    @Test(arguments: [1, 2, 3, 42, 1_000, 65_535] as [UInt64])
    func roundTripsEveryPayloadKind(seed: UInt64) throws {
        var generator = MessageGenerator(seed: seed)
        var messages = (0..<MessageGenerator.payloadKinds).map { generator.message(tag: $0) }
        messages += (0..<40).map { _ in generator.message() }
        for message in messages {
            let bytes = RaftMessageCodec.encode(message)
            #expect(try RaftMessageCodec.decode(bytes) == message, "seed \(seed): \(message.payload)")
        }
    }

    // Goal: a message in a buffer decodes from the front and leaves the following bytes alone.
    // Method: encode two messages back to back into one ByteBuffer and decode them in turn.
    @Test func decodesConsecutiveMessagesFromOneBuffer() throws {
        var generator = MessageGenerator(seed: 7)
        let first = generator.message(tag: 0)
        let second = generator.message(tag: 4)
        var buffer = ByteBuffer()
        RaftMessageCodec.encode(first, into: &buffer)
        RaftMessageCodec.encode(second, into: &buffer)
        #expect(try RaftMessageCodec.decode(from: &buffer) == first)
        #expect(try RaftMessageCodec.decode(from: &buffer) == second)
        #expect(buffer.readableBytes == 0)
    }

    // Goal: a truncated encoding never decodes (no crash, no partial message) and never moves the buffer.
    // Method: for one message of every kind, cut the encoding at every length from 0 to n-1 and decode; expect a
    // RaftCodecError each time and the buffer's reader index unchanged.
    @Test func everyTruncationIsATypedError() throws {
        var generator = MessageGenerator(seed: 11)
        for tag in 0..<MessageGenerator.payloadKinds {
            var message = generator.message(tag: tag)
            // Keep the byte-by-byte loop small: trim big data, keep structure.
            if case .append(var request) = message.payload {
                request.entries = [Entry(term: 1, index: 2, data: [1, 2, 3]), Entry(term: 1, index: 3)]
                message.payload = .append(request)
            }
            if case .snapshot(var snapshot) = message.payload {
                snapshot.data = [9, 8, 7]
                snapshot.metadata.confState = ConfState(voters: [1, 2], learners: [3])
                message.payload = .snapshot(snapshot)
            }
            let bytes = RaftMessageCodec.encode(message)
            for length in 0..<bytes.count {
                var buffer = ByteBuffer(bytes: bytes[0..<length])
                let before = buffer.readerIndex
                #expect(throws: RaftCodecError.self, "kind \(tag) cut at \(length)") {
                    _ = try RaftMessageCodec.decode(from: &buffer)
                }
                #expect(buffer.readerIndex == before)
            }
        }
    }

    // Goal: structurally invalid inputs give the specific typed error rather than a wrong message.
    // Method: patch single fields of valid encodings (tag, flags, entry kind, lengths, membership order) and add
    // trailing bytes; compare the thrown error.
    @Test func malformedFieldsGiveSpecificErrors() throws {
        let header = 24  // from, to, term
        let heartbeat = Message(from: 1, to: 2, term: 3, payload: .heartbeat(Heartbeat(commit: 4, readRound: 5)))
        var bytes = RaftMessageCodec.encode(heartbeat)
        bytes[header] = 99
        #expect(throws: RaftCodecError.unknownPayloadTag(99)) { try RaftMessageCodec.decode(bytes) }
        bytes[header] = 0
        #expect(throws: RaftCodecError.unknownPayloadTag(0)) { try RaftMessageCodec.decode(bytes) }

        let vote = Message(
            from: 1, to: 2, term: 3, payload: .vote(VoteRequest(isPreVote: true, lastIndex: 1, lastTerm: 1)))
        bytes = RaftMessageCodec.encode(vote)
        bytes[header + 1] = 0x04
        #expect(throws: RaftCodecError.invalidFlags(field: "vote", value: 4)) { try RaftMessageCodec.decode(bytes) }

        let append = Message(
            from: 1, to: 2, term: 3,
            payload: .append(
                AppendRequest(prevIndex: 0, prevTerm: 0, entries: [Entry(term: 1, index: 1, data: [7])], commit: 0)))
        bytes = RaftMessageCodec.encode(append)
        let entryKindOffset = header + 1 + 24 + 4 + 16
        bytes[entryKindOffset] = 5
        #expect(throws: RaftCodecError.unknownEntryKind(5)) { try RaftMessageCodec.decode(bytes) }
        bytes = RaftMessageCodec.encode(append)
        // An entry count of 2^32-1 cannot fit: refused before allocating.
        bytes.replaceSubrange((header + 25)..<(header + 29), with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: RaftCodecError.self) { try RaftMessageCodec.decode(bytes) }
        do {
            _ = try RaftMessageCodec.decode(bytes)
        } catch {
            guard case .lengthTooLarge(let field, _, _) = error else {
                Issue.record("expected lengthTooLarge, got \(error)")
                return
            }
            #expect(field == "append.entries count")
        }

        bytes = RaftMessageCodec.encode(heartbeat) + [0]
        #expect(throws: RaftCodecError.trailingBytes(count: 1)) { try RaftMessageCodec.decode(bytes) }

        // Memberships must be in ConfState's normal form: sorted, unique, disjoint.
        var buffer = ByteBuffer()
        for list in [[2, 1], [] as [UInt64]] {
            buffer.writeInteger(UInt32(list.count))
            for id in list { buffer.writeInteger(UInt64(id)) }
        }
        #expect(throws: RaftCodecError.invalidConfState(reason: "voters not strictly increasing at 1")) {
            _ = try RaftMessageCodec.decodeConfState(from: &buffer)
        }
        buffer = ByteBuffer()
        for list in [[1, 2], [2] as [UInt64]] {
            buffer.writeInteger(UInt32(list.count))
            for id in list { buffer.writeInteger(UInt64(id)) }
        }
        #expect(throws: RaftCodecError.invalidConfState(reason: "a node is both voter and learner")) {
            _ = try RaftMessageCodec.decodeConfState(from: &buffer)
        }
    }

    // Goal: entries, snapshot metadata and memberships have standalone codecs that round-trip.
    // Method: encode each into a buffer and decode it back.
    @Test func componentCodecsRoundTrip() throws {
        var generator = MessageGenerator(seed: 5)
        for _ in 0..<20 {
            let entry = generator.entry()
            let metadata = SnapshotMetadata(
                index: LogIndex(generator.u64()), term: Term(generator.u64()), confState: generator.confState())
            var buffer = ByteBuffer()
            RaftMessageCodec.encode(entry, into: &buffer)
            RaftMessageCodec.encode(metadata, into: &buffer)
            RaftMessageCodec.encode(metadata.confState, into: &buffer)
            #expect(try RaftMessageCodec.decodeEntry(from: &buffer) == entry)
            #expect(try RaftMessageCodec.decodeSnapshotMetadata(from: &buffer) == metadata)
            #expect(try RaftMessageCodec.decodeConfState(from: &buffer) == metadata.confState)
            #expect(buffer.readableBytes == 0)
        }
    }
}
