// Tests of `CommandCodec`, the binary form of queue commands in the Raft log. A log written by one release is
// replayed by the next, and a damaged entry must be refused rather than crash a replica, so: every command round
// trips (seeded), the version-1 bytes are pinned by golden encodings, and every kind of bad input decodes to the
// typed `CommandDecodingError`.
import QueueModel
import Testing

@Suite struct CommandCodecTests {
    static let time = Timestamp(milliseconds: 1_700_000_000_123)
    static let queue = QueueRef(project: "p1", name: "q1")
    static let client = ClientID(bytes: [
        0x33, 0x81, 0xAF, 0x92, 0x2B, 0x9E, 0x11, 0xE3, 0xB1, 0x91, 0x71, 0x86, 0x13, 0x00, 0x73, 0x4C,
    ])

    /// One envelope per command, with the golden version-1 encoding of each. The bytes were written by a separate
    /// Python encoder from the layout in `CommandCodec`'s documentation — `"Q" 0x01 time:i64 tag:u8 fields…`,
    /// integers little-endian, strings as `length:u32` + UTF-8, optionals as a presence byte, JSON as its
    /// serialised text (`json.dumps(v, ensure_ascii=False)`) — with the field order of version 1. A change to any
    /// of them is a new format version, not an edit: old logs must keep decoding. The encoder is reproduced at the
    /// end of this file.
    static let goldens: [(name: String, envelope: CommandEnvelope, hex: String)] = [
        (
            "createQueue",
            envelope(
                .createQueue(
                    queue, metadata: JSONObject([("a", .int(1)), ("é", .array([.bool(true), .null, .double(1.5)]))]))),
            "51017b68e5cf8b01000001020000007031020000007131210000007b2261223a20312c2022c3a9223a205b747275652c206e756c6c2c20312e355d7d"
        ),
        (
            "patchMetadata",
            envelope(
                .patchMetadata(
                    queue,
                    operations: [
                        MetadataPatch(.add, key: "k", value: .int(1)), MetadataPatch(.remove, key: "r"),
                        MetadataPatch(.replace, key: "z", value: .string("s")),
                    ])),
            "51017b68e5cf8b010000020200000070310200000071310300000003000000616464010000006b0101000000310600000072656d6f7665010000007200070000007265706c616365010000007a0103000000227322"
        ),
        ("deleteQueue", envelope(.deleteQueue(queue)), "51017b68e5cf8b01000003020000007031020000007131"),
        (
            "purgeQueue", envelope(.purgeQueue(queue, messages: true, subscriptions: false)),
            "51017b68e5cf8b010000040200000070310200000071310100"
        ),
        (
            "postMessages",
            envelope(
                .postMessages(
                    queue, clientID: client,
                    messages: [
                        NewMessage(
                            ttl: 300, delay: nil, body: #"{"n": 1}"#, checksum: "MD5:00112233445566778899aabbccddeeff"),
                        NewMessage(ttl: nil, delay: 5, body: "null", checksum: nil),
                    ],
                    idempotencyKey: "idem")),
            "51017b68e5cf8b010000050200000070310200000071313381af922b9e11e3b19171861300734c02000000012c0100000000000000080000007b226e223a20317d01240000004d44353a303031313232333334343535363637373838393961616262636364646565666600010500000000000000040000006e756c6c0001040000006964656d"
        ),
        (
            "claimMessages", envelope(.claimMessages(queue, limit: 10, ttl: 300, grace: 60)),
            "51017b68e5cf8b010000060200000070310200000071310a000000000000002c010000000000003c00000000000000"
        ),
        (
            "renewClaim", envelope(.renewClaim(queue, claimID: "cid", ttl: 400, grace: 100)),
            "51017b68e5cf8b010000070200000070310200000071310300000063696490010000000000006400000000000000"
        ),
        (
            "releaseClaim", envelope(.releaseClaim(queue, claimID: "cid")),
            "51017b68e5cf8b0100000802000000703102000000713103000000636964"
        ),
        (
            "deleteMessage", envelope(.deleteMessage(queue, messageID: "mid", claimID: "cid")),
            "51017b68e5cf8b01000009020000007031020000007131030000006d69640103000000636964"
        ),
        (
            "deleteMessages", envelope(.deleteMessages(queue, ids: ["a", "b"])),
            "51017b68e5cf8b0100000a0200000070310200000071310200000001000000610100000062"
        ),
        (
            "popMessages", envelope(.popMessages(queue, count: 3)),
            "51017b68e5cf8b0100000b0200000070310200000071310300000000000000"
        ),
        ("expire", envelope(.expire(limit: 100)), "51017b68e5cf8b0100000c6400000000000000"),
    ]

    static func envelope(_ command: QueueCommand) -> CommandEnvelope { CommandEnvelope(time: time, command: command) }

    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map {
            UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16)!
        }
    }

    /// The error decoding `bytes` throws, or nil if it decodes.
    static func decodingError(_ bytes: [UInt8]) -> CommandDecodingError? {
        do throws(CommandDecodingError) {
            _ = try CommandCodec.decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    // MARK: The version-1 format

    /// Goal: the version-1 byte layout does not change by accident, and every command keeps its tag. Method: each
    /// golden envelope encodes to exactly its golden bytes, and the golden bytes decode to the envelope.
    @Test(arguments: goldens.indices)
    func goldenEncodingIsStable(_ index: Int) throws {
        let golden = Self.goldens[index]
        let expected = Self.bytes(hex: golden.hex)
        #expect(CommandCodec.encode(golden.envelope) == expected, "\(golden.name)")
        #expect(try CommandCodec.decode(expected) == golden.envelope, "\(golden.name)")
        #expect(expected.starts(with: [CommandCodec.magic, CommandCodec.currentVersion]), "\(golden.name)")
    }

    /// Goal: the goldens cover every command, so a new case without a golden fails here. Method: the command tags
    /// (byte 10) of the goldens are exactly 1...12, and the list has one entry per `QueueCommand` case.
    @Test func goldensCoverEveryCommand() {
        let tags = Self.goldens.map { Self.bytes(hex: $0.hex)[10] }
        #expect(tags == Array(1...12))
        #expect(Self.goldens.count == RandomCommand.caseCount)
    }

    // MARK: Round trips

    static let seeds: [UInt64] = Array(1...16)

    /// Goal: decode(encode(e)) == e for every command with any field values — empty and non-ASCII strings, nested
    /// JSON metadata and patch values, absent and present optionals, Int extremes, any client id and time. Method:
    /// 240 random envelopes per seed, cycling through all twelve commands; a second encode must give the same bytes.
    @Test(arguments: seeds)
    func randomCommandsRoundTrip(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for step in 0..<240 {
            let envelope = RandomCommand.envelope(kind: step % RandomCommand.caseCount, using: &random)
            let encoded = CommandCodec.encode(envelope)
            let decoded = try CommandCodec.decode(encoded)
            #expect(decoded == envelope, "seed \(seed) step \(step): \(envelope)")
            #expect(CommandCodec.encode(decoded) == encoded, "seed \(seed) step \(step)")
        }
    }

    /// Goal: the leader's restamp changes only the time, and `time(of:)` reads it back without a full decode.
    /// Method: random envelopes restamped with random times (including negative and extreme ones) decode to the
    /// same command at the new time; a non-command gives nil.
    @Test(arguments: seeds)
    func restampChangesOnlyTheTime(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for step in 0..<60 {
            let envelope = RandomCommand.envelope(kind: step % RandomCommand.caseCount, using: &random)
            var encoded = CommandCodec.encode(envelope)
            #expect(CommandCodec.time(of: encoded) == envelope.time)
            let time = Timestamp(milliseconds: Int64(bitPattern: random.next()))
            CommandCodec.restamp(&encoded, time: time)
            #expect(CommandCodec.time(of: encoded) == time)
            #expect(try CommandCodec.decode(encoded) == CommandEnvelope(time: time, command: envelope.command))
        }
        #expect(CommandCodec.time(of: Array("not a command at all".utf8)) == nil)
        #expect(CommandCodec.time(of: [CommandCodec.magic, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1]) == nil)
    }

    // MARK: Bad input

    /// Goal: an entry cut short anywhere is `.truncated` — never a crash and never a shorter command. Method: every
    /// strict prefix (including the empty one) of every golden and of 60 random encodings per seed.
    @Test(arguments: seeds)
    func everyTruncationIsReported(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var encodings = Self.goldens.map { Self.bytes(hex: $0.hex) }
        for step in 0..<60 {
            encodings.append(
                CommandCodec.encode(RandomCommand.envelope(kind: step % RandomCommand.caseCount, using: &random)))
        }
        for (which, encoding) in encodings.enumerated() {
            for length in 0..<encoding.count {
                let error = Self.decodingError(Array(encoding[..<length]))
                #expect(
                    error == .truncated,
                    "seed \(seed) encoding \(which): prefix of \(length)/\(encoding.count) gave \(String(describing: error))"
                )
            }
        }
    }

    /// Goal: a version byte other than 1 is `.unknownVersion(v)`, a tag outside 1...12 is `.unknownCommand(t)`, and
    /// a first byte other than "Q" is `.notACommand`, whatever follows. Method: every byte value in each position
    /// of a valid entry.
    @Test func unknownVersionTagAndMagicAreTyped() {
        let valid = Self.bytes(hex: Self.goldens[2].hex)  // deleteQueue
        for value in UInt8.min...UInt8.max {
            var bytes = valid
            bytes[1] = value
            if value != 1 { #expect(Self.decodingError(bytes) == .unknownVersion(value), "version \(value)") }
            bytes = valid
            bytes[10] = value
            if !(1...12).contains(value) {
                #expect(Self.decodingError(bytes) == .unknownCommand(value), "tag \(value)")
            }
            bytes = valid
            bytes[0] = value
            if value != CommandCodec.magic { #expect(Self.decodingError(bytes) == .notACommand, "magic \(value)") }
        }
        #expect(Self.decodingError([UInt8(ascii: "Q"), 2]) == .unknownVersion(2))
        #expect(Self.decodingError([UInt8(ascii: "{")]) == .notACommand)
    }

    /// Goal: bytes after a complete command are `.trailingBytes`, not ignored. Method: append 1 and 100 bytes to
    /// every golden.
    @Test func trailingBytesAreRefused() {
        for golden in Self.goldens {
            let bytes = Self.bytes(hex: golden.hex)
            #expect(Self.decodingError(bytes + [0]) == .trailingBytes, "\(golden.name)")
            #expect(Self.decodingError(bytes + Array(repeating: 0x51, count: 100)) == .trailingBytes, "\(golden.name)")
        }
    }

    /// Goal: each malformed field is refused with its typed reason: invalid UTF-8 in a string, a boolean or
    /// presence byte other than 0/1, an unknown patch operation, metadata that is not JSON or not an object, an
    /// integer that does not fit `Int`... Method: hand-built entries, each one field away from a valid one.
    @Test func malformedFieldsAreTyped() {
        func entry(tag: UInt8, _ fields: [UInt8]) -> [UInt8] {
            [UInt8(ascii: "Q"), 1] + le64(1_000) + [tag] + fields
        }
        func string(_ bytes: [UInt8]) -> [UInt8] { le32(UInt32(bytes.count)) + bytes }
        func string(_ text: String) -> [UInt8] { string(Array(text.utf8)) }
        let queue = string("p") + string("q")

        // Invalid UTF-8 in the project, the queue name, and a claim id.
        #expect(Self.decodingError(entry(tag: 3, string([0xC3, 0x28]) + string("q"))) == .invalidField("UTF-8 string"))
        #expect(Self.decodingError(entry(tag: 3, string("p") + string([0xFF]))) == .invalidField("UTF-8 string"))
        #expect(Self.decodingError(entry(tag: 8, queue + string([0xED, 0xA0, 0x80]))) == .invalidField("UTF-8 string"))
        // Booleans and presence bytes must be 0 or 1.
        #expect(Self.decodingError(entry(tag: 4, queue + [2, 0])) == .invalidField("boolean"))
        #expect(Self.decodingError(entry(tag: 4, queue + [0, 0xFF])) == .invalidField("boolean"))
        #expect(Self.decodingError(entry(tag: 9, queue + string("m") + [7])) == .invalidField("boolean"))
        // Patch operations are add, remove or replace (case-sensitive).
        let move = queue + le32(1) + string("move") + string("k") + [0]
        #expect(Self.decodingError(entry(tag: 2, move)) == .invalidField("patch operation"))
        let upper = queue + le32(1) + string("ADD") + string("k") + [1] + string("1")
        #expect(Self.decodingError(entry(tag: 2, upper)) == .invalidField("patch operation"))
        // Metadata must be JSON (Flotilla's strict JSON) and an object; patch values must be JSON.
        #expect(Self.decodingError(entry(tag: 1, queue + string("{"))) == .invalidField("JSON value"))
        #expect(Self.decodingError(entry(tag: 1, queue + string("NaN"))) == .invalidField("JSON value"))
        #expect(Self.decodingError(entry(tag: 1, queue + string("[1]"))) == .invalidField("metadata"))
        #expect(Self.decodingError(entry(tag: 1, queue + string("null"))) == .invalidField("metadata"))
        let badValue = queue + le32(1) + string("add") + string("k") + [1] + string("[1,]")
        #expect(Self.decodingError(entry(tag: 2, badValue)) == .invalidField("JSON value"))
        // A valid entry built the same way decodes, so the failures above are about the one bad field.
        #expect(Self.decodingError(entry(tag: 4, queue + [1, 0])) == nil)
        #expect(Self.decodingError(entry(tag: 1, queue + string(#"{"a": [1]}"#))) == nil)
    }

    /// Goal: a damaged length or count cannot make the decoder allocate or read past the end. Method: maximal
    /// string lengths and element counts in each kind of list; each is `.truncated`.
    @Test func hugeLengthsAndCountsAreTruncated() {
        let header: [UInt8] = [UInt8(ascii: "Q"), 1] + le64(0)
        let queue = le32(1) + [0x70] + le32(1) + [0x71]
        let max32 = le32(.max)
        #expect(Self.decodingError(header + [3] + max32) == .truncated)
        #expect(Self.decodingError(header + [3] + le32(1) + [0x70] + max32 + [0x71]) == .truncated)
        #expect(Self.decodingError(header + [10] + queue + max32 + le32(0)) == .truncated)
        #expect(Self.decodingError(header + [2] + queue + max32) == .truncated)
        #expect(Self.decodingError(header + [5] + queue + Array(repeating: 0, count: 16) + max32) == .truncated)
        #expect(Self.decodingError(header + [10] + queue + le32(3) + le32(0) + le32(0)) == .truncated)
    }

    /// Goal: arbitrary bytes never crash the decoder, and whatever it does accept is a fixed point (it re-encodes
    /// to bytes that decode to the same command). Method: per seed, 3,000 random byte strings (a third starting
    /// with a valid header and tag) and 3,000 random mutations (byte flips, inserts, deletes) of valid encodings.
    @Test(arguments: seeds)
    func garbageNeverCrashes(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var accepted = 0
        func probe(_ bytes: [UInt8], _ label: @autoclosure () -> String) {
            // Failing is fine (the error is typed: a CommandDecodingError is the only possible failure).
            guard let envelope = try? CommandCodec.decode(bytes) else { return }
            accepted += 1
            let again = CommandCodec.encode(envelope)
            #expect(Self.decodingError(again) == nil, "seed \(seed) \(label())")
            #expect((try? CommandCodec.decode(again)) == envelope, "seed \(seed) \(label())")
        }
        for step in 0..<3_000 {
            var bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            if step % 3 == 0 {
                bytes =
                    [UInt8(ascii: "Q"), 1] + le64(Int64(bitPattern: random.next())) + [
                        UInt8.random(in: 1...12, using: &random)
                    ] + bytes
            }
            probe(bytes, "random step \(step) bytes \(bytes)")
        }
        for step in 0..<3_000 {
            var bytes = CommandCodec.encode(
                RandomCommand.envelope(kind: step % RandomCommand.caseCount, using: &random))
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[position] ^= UInt8.random(in: 1...255, using: &random)
                case 1: bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
                default: if bytes.count > 1 { bytes.remove(at: position) }
                }
            }
            probe(bytes, "mutation step \(step) bytes \(bytes)")
        }
        #expect(accepted > 0, "seed \(seed): some mutations (e.g. of a string's content) still decode")
    }
}

/// Random commands for the round-trip and fuzz tests.
enum RandomCommand {
    static let caseCount = 12

    static func int(using random: inout SeededRandom) -> Int {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return [Int.min, Int.max, 0, -1, 1].randomElement(using: &random)!
        case 1: return Int(bitPattern: UInt(random.next()))
        default: return Int.random(in: -100...100_000, using: &random)
        }
    }

    static func optional<T>(_ make: (inout SeededRandom) -> T, using random: inout SeededRandom) -> T? {
        Bool.random(using: &random) ? make(&random) : nil
    }

    static func queue(using random: inout SeededRandom) -> QueueRef {
        QueueRef(project: RandomJSON.string(maxLength: 20, using: &random), name: RandomJSON.string(using: &random))
    }

    static func envelope(kind: Int, using random: inout SeededRandom) -> CommandEnvelope {
        let time = Timestamp(milliseconds: Int64(bitPattern: random.next()))
        let queue = queue(using: &random)
        let command: QueueCommand
        switch kind {
        case 0: command = .createQueue(queue, metadata: RandomJSON.object(using: &random))
        case 1:
            let operations = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                MetadataPatch(
                    [MetadataPatch.Operation.add, .remove, .replace].randomElement(using: &random)!,
                    key: RandomJSON.string(using: &random),
                    value: optional({ RandomJSON.value(using: &$0) }, using: &random))
            }
            command = .patchMetadata(queue, operations: operations)
        case 2: command = .deleteQueue(queue)
        case 3:
            command = .purgeQueue(
                queue, messages: Bool.random(using: &random), subscriptions: Bool.random(using: &random))
        case 4:
            let client = ClientID(bytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) })
            let messages = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                NewMessage(
                    ttl: optional({ int(using: &$0) }, using: &random),
                    delay: optional({ int(using: &$0) }, using: &random),
                    body: JSONSerializer.serialize(RandomJSON.value(using: &random)),
                    checksum: optional({ RandomJSON.string(using: &$0) }, using: &random))
            }
            command = .postMessages(
                queue, clientID: client, messages: messages,
                idempotencyKey: optional({ RandomJSON.string(using: &$0) }, using: &random))
        case 5:
            command = .claimMessages(
                queue, limit: int(using: &random), ttl: int(using: &random), grace: int(using: &random))
        case 6:
            command = .renewClaim(
                queue, claimID: RandomJSON.string(using: &random), ttl: int(using: &random), grace: int(using: &random))
        case 7: command = .releaseClaim(queue, claimID: RandomJSON.string(using: &random))
        case 8:
            command = .deleteMessage(
                queue, messageID: RandomJSON.string(using: &random),
                claimID: optional({ RandomJSON.string(using: &$0) }, using: &random))
        case 9:
            command = .deleteMessages(
                queue, ids: (0..<Int.random(in: 0...5, using: &random)).map { _ in RandomJSON.string(using: &random) })
        case 10: command = .popMessages(queue, count: int(using: &random))
        default: command = .expire(limit: int(using: &random))
        }
        return CommandEnvelope(time: time, command: command)
    }
}

private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
private func le64(_ value: Int64) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: value) >> (8 * $0)) }
}

// MARK: - Generator
//
// `gen_codec.py` (CPython 3.11), the independent encoder of the golden bytes:
//
//     # Golden version-1 encodings, written from the layout in CommandCodec's documentation:
//     # "Q" 0x01 time:i64 tag:u8 fields..., integers little-endian, strings as length:u32 + UTF-8, optionals as a presence
//     # byte, JSON values as their serialised (UTF-8, Python-style) text.
//     import struct, json
//     def i64(v): return struct.pack('<q', v)
//     def u32(v): return struct.pack('<I', v)
//     def s(v): b = v.encode('utf-8'); return u32(len(b)) + b
//     def opt(v, f): return b'\x00' if v is None else b'\x01' + f(v)
//     def j(v): return s(json.dumps(v, ensure_ascii=False))
//     def q(p, n): return s(p) + s(n)
//     T = 1_700_000_000_123
//     def env(tag, body): return b'Q\x01' + i64(T) + bytes([tag]) + body
//     ref = q('p1', 'q1')
//     cid = bytes.fromhex('3381af922b9e11e3b19171861300734c')
//     goldens = {
//      'createQueue': env(1, ref + j({'a': 1, 'é': [True, None, 1.5]})),
//      'patchMetadata': env(2, ref + u32(3) + s('add') + s('k') + opt(1, j) + s('remove') + s('r') + opt(None, j) + s('replace') + s('z') + opt('s', j)),
//      'deleteQueue': env(3, ref),
//      'purgeQueue': env(4, ref + b'\x01\x00'),
//      'postMessages': env(5, ref + cid + u32(2) + opt(300, i64) + opt(None, i64) + s('{"n": 1}') + opt('MD5:00112233445566778899aabbccddeeff', s)
//                          + opt(None, i64) + opt(5, i64) + s('null') + opt(None, s) + opt('idem', s)),
//      'claimMessages': env(6, ref + i64(10) + i64(300) + i64(60)),
//      'renewClaim': env(7, ref + s('cid') + i64(400) + i64(100)),
//      'releaseClaim': env(8, ref + s('cid')),
//      'deleteMessage': env(9, ref + s('mid') + opt('cid', s)),
//      'deleteMessages': env(10, ref + u32(2) + s('a') + s('b')),
//      'popMessages': env(11, ref + i64(3)),
//      'expire': env(12, i64(100)),
//     }
//     for name, b in goldens.items():
//         print(f'        "{name}": "{b.hex()}",')
