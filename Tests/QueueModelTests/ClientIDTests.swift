// Tests of the identifiers in QueueModel: `ClientID` (the `Client-ID` header as the UUID it denotes, reference doc
// §1.2 step 4) and `EntityID` (message and claim ids derived from log indexes). ClientID parsing is compared with
// what the reference does, measured with real Python (see `PythonClientIDVectors`).
import QueueModel
import Testing

/// What zaqar accepts as a `Client-ID`, measured with CPython 3.11. WSGI hands a header value to Python as
/// latin-1 text, so each expectation is
///
///     str(uuid.UUID(spelling.encode('utf-8').decode('latin-1')))
///
/// or nil where that raises `ValueError`. `uuid.UUID(hex)` does `hex.replace('urn:', '').replace('uuid:', '')`,
/// then `.strip('{}').replace('-', '')`, requires 32 characters, and converts them with `int(hex, 16)`. The
/// generator, `gen_ids.py`, is reproduced at the end of this file.
enum PythonClientIDVectors {
    static let documented: [(spelling: String, python: String?)] = [
        (#"3381af92-2b9e-11e3-b191-71861300734c"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"3381AF92-2B9E-11E3-B191-71861300734C"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"3381af922b9e11e3b19171861300734c"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"3381AF922B9E11E3B19171861300734C"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"3381Af92-2B9e-11E3-b191-71861300734C"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"{3381af92-2b9e-11e3-b191-71861300734c}"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"{3381af922b9e11e3b19171861300734c}"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"urn:uuid:3381af92-2b9e-11e3-b191-71861300734c"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"urn:uuid:3381AF922B9E11E3B19171861300734C"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"urn:3381af92-2b9e-11e3-b191-71861300734c"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"uuid:3381af92-2b9e-11e3-b191-71861300734c"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"urn:uuid:{3381af92-2b9e-11e3-b191-71861300734c}"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"3381af92-2b9e11e3-b19171861300734c"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"-3381af922b9e11e3b19171861300734c-"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"3-3-8-1-a-f-9-2-2-b-9-e-1-1-e-3-b-1-9-1-7-1-8-6-1-3-0-0-7-3-4-c"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"--3381af92-2b9e-11e3-b191-71861300734c--"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"00000000-0000-0000-0000-000000000000"#, #"00000000-0000-0000-0000-000000000000"#),
        (#"ffffffff-ffff-ffff-ffff-ffffffffffff"#, #"ffffffff-ffff-ffff-ffff-ffffffffffff"#),
        (#"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"#, #"ffffffff-ffff-ffff-ffff-ffffffffffff"#),
        (#"{3381af92-2b9e-11e3-b191-71861300734c"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"3381af92-2b9e-11e3-b191-71861300734c}"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#""#, nil),
        (#"-"#, nil),
        (#"{}"#, nil),
        (#"urn:uuid:"#, nil),
        (#"3381af922b9e11e3b19171861300734"#, nil),
        (#"3381af922b9e11e3b19171861300734ca"#, nil),
        (#"3381af92-2b9e-11e3-b191-71861300734"#, nil),
        (#"3381af92-2b9e-11e3-b191-71861300734c0"#, nil),
        (#"g381af922b9e11e3b19171861300734c"#, nil),
        (#"3381zf92-2b9e-11e3-b191-71861300734c"#, nil),
        (#"3381af92-2b9e-11e3-b191-71861300734c x"#, nil),
        (#"3381af92 2b9e 11e3 b191 71861300734c"#, nil),
        (#"3381af92:2b9e:11e3:b191:71861300734c"#, nil),
        (#"(3381af92-2b9e-11e3-b191-71861300734c)"#, nil),
        (#"[3381af92-2b9e-11e3-b191-71861300734c]"#, nil),
        (#"x381af922b9e11e3b19171861300734c"#, nil),
        (#"uuid3381af92-2b9e-11e3-b191-71861300734c"#, nil),
        (#"urn3381af92-2b9e-11e3-b191-71861300734c"#, nil),
        (#"urn:uuid3381af92-2b9e-11e3-b191-71861300734c"#, nil),
    ]
    static let prefixesAndBraces: [(spelling: String, python: String?)] = [
        (#"URN:UUID:3381af92-2b9e-11e3-b191-71861300734c"#, nil),
        (#"Urn:Uuid:3381af92-2b9e-11e3-b191-71861300734c"#, nil),
        (#"UUID:3381af92-2b9e-11e3-b191-71861300734c"#, nil),
        (#"URN:3381af92-2b9e-11e3-b191-71861300734c"#, nil),
        (#"urn:UUID:3381af92-2b9e-11e3-b191-71861300734c"#, nil),
        (#"{urn:uuid:3381af92-2b9e-11e3-b191-71861300734c}"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"uuid:urn:3381af92-2b9e-11e3-b191-71861300734c"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"urn:urn:3381af92-2b9e-11e3-b191-71861300734c"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"uuid:uuid:3381af92-2b9e-11e3-b191-71861300734c"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"3381af92urn:-2b9e-11e3-b191-71861300734c"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"{{3381af92-2b9e-11e3-b191-71861300734c}}"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"}3381af92-2b9e-11e3-b191-71861300734c{"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
        (#"{}3381af92-2b9e-11e3-b191-71861300734c{}"#, #"3381af92-2b9e-11e3-b191-71861300734c"#),
    ]
    static let nonASCII: [(spelling: String, python: String?)] = [
        (#"００００００００００００００００００００００００００００００００"#, nil),
        (#"ＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡ"#, nil),
        (#"ａａａａａａａａａａａａａａａａａａａａａａａａａａａａａａａａ"#, nil),
        (#"٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣"#, nil),
        (#"3381af922b9e11e3b19171861300734é"#, nil),
        (#"3381af92‐2b9e‐11e3‐b191‐71861300734c"#, nil),
    ]
    static let pythonIntQuirks: [(spelling: String, python: String?)] = [
        (#"+381af922b9e11e3b19171861300734c"#, #"0381af92-2b9e-11e3-b191-71861300734c"#),
        (#"0x81af922b9e11e3b19171861300734c"#, #"0081af92-2b9e-11e3-b191-71861300734c"#),
        (#"0X81af922b9e11e3b19171861300734c"#, #"0081af92-2b9e-11e3-b191-71861300734c"#),
        (#"3381_f922b9e11e3b19171861300734c"#, #"03381f92-2b9e-11e3-b191-71861300734c"#),
        (#" 381af922b9e11e3b19171861300734c"#, #"0381af92-2b9e-11e3-b191-71861300734c"#),
        (#"381af922b9e11e3b19171861300734c "#, #"0381af92-2b9e-11e3-b191-71861300734c"#),
        (#"{ 381af922b9e11e3b19171861300734c}"#, #"0381af92-2b9e-11e3-b191-71861300734c"#),
        (#"\#u{9}381af922b9e11e3b19171861300734c"#, #"0381af92-2b9e-11e3-b191-71861300734c"#),
        (#"+0x1af922b9e11e3b19171861300734c"#, #"0001af92-2b9e-11e3-b191-71861300734c"#),
        (#"---+381af922b9e11e3b19171861300734c"#, #"0381af92-2b9e-11e3-b191-71861300734c"#),
    ]
}

@Suite struct ClientIDTests {
    static let canonical = "3381af92-2b9e-11e3-b191-71861300734c"

    /// Goal: `ClientID(parsing:)` accepts and rejects what the reference does for the spellings §1.2 describes —
    /// no dashes, either case, braces, `urn:uuid:`, dashes anywhere — and refuses wrong digit counts, non-hex and
    /// empty values. Method: each Python-measured spelling is one case; an accepted value must also print as
    /// Python's canonical string.
    @Test(arguments: PythonClientIDVectors.documented.indices)
    func parsesDocumentedSpellingsLikePython(_ index: Int) {
        check(PythonClientIDVectors.documented[index], label: "documented[\(index)]")
    }

    /// Goal: the prefixes and braces are handled with Python's exact string operations: `urn:` and `uuid:` are
    /// case-sensitive (`URN:UUID:…` is refused) and removed wherever and however often they occur, and braces
    /// are stripped as runs from both ends. Method: one case per Python-measured spelling.
    @Test(arguments: PythonClientIDVectors.prefixesAndBraces.indices)
    func handlesPrefixesAndBracesLikePython(_ index: Int) {
        check(PythonClientIDVectors.prefixesAndBraces[index], label: "prefixesAndBraces[\(index)]")
    }

    /// Goal: characters outside ASCII are never digits, as for the reference, which reads the header as latin-1:
    /// fullwidth digits and letters, Arabic-Indic digits, an accented letter, a Unicode hyphen. Method: one case
    /// per spelling; every one must be refused.
    @Test(arguments: PythonClientIDVectors.nonASCII.indices)
    func refusesNonASCIIDigitsLikePython(_ index: Int) {
        check(PythonClientIDVectors.nonASCII[index], label: "nonASCII[\(index)]")
    }

    /// Goal: the spellings Python accepts only because `int(text, 16)` converts the digits — a `+` sign, a `0x`
    /// prefix, an underscore between digits, surrounding whitespace — all reachable through an HTTP header.
    /// Method: one case per Python-measured spelling.
    @Test(arguments: PythonClientIDVectors.pythonIntQuirks.indices)
    func parsesPythonIntSpellingsLikePython(_ index: Int) {
        check(PythonClientIDVectors.pythonIntQuirks[index], label: "pythonIntQuirks[\(index)]")
    }

    private func check(_ vector: (spelling: String, python: String?), label: String) {
        let parsed = ClientID(parsing: vector.spelling)
        #expect(
            parsed?.description == vector.python,
            "\(label) spelling \(vector.spelling.escapedForDisplay): Python \(vector.python ?? "rejects it")")
    }

    /// Goal: every spelling of one UUID is the same client (the reference compares parsed UUIDs when filtering
    /// echo). Method: the accepted spellings of `canonical` from the Python table are equal to each other, hash
    /// equally, and differ from a UUID one bit away.
    @Test func spellingsOfOneUUIDAreEqual() throws {
        let spellings = PythonClientIDVectors.documented.filter { $0.python == Self.canonical }.map(\.spelling)
        #expect(spellings.count >= 10)
        let reference = try #require(ClientID(parsing: Self.canonical))
        var parsed = Set<ClientID>()
        for spelling in spellings {
            guard let id = ClientID(parsing: spelling) else { continue }  // a rejection is reported by parsesLikePython
            #expect(id == reference, "\(spelling)")
            parsed.insert(id)
        }
        #expect(parsed.count == 1)
        let other = try #require(ClientID(parsing: "3381af92-2b9e-11e3-b191-71861300734d"))
        #expect(other != reference)
    }

    /// Goal: `bytes` are the UUID's 16 bytes in order, and `description` is the canonical lowercase dashed form
    /// that parses back to the same value, for any UUID. Method: a fixed example, then 500 random byte strings per
    /// seed, formatted independently here.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func descriptionIsCanonicalAndRoundTrips(seed: UInt64) throws {
        let example = try #require(ClientID(parsing: "00112233-4455-6677-8899-AABBCCDDEEFF"))
        #expect(
            example.bytes == [
                0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF,
            ])
        #expect(example.description == "00112233-4455-6677-8899-aabbccddeeff")
        var random = SeededRandom(seed: seed)
        for step in 0..<500 {
            let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
            let id = ClientID(bytes: bytes)
            let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
            let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
                String(Array(hex)[range])
            }
            let expected = groups.joined(separator: "-")
            #expect(id.description == expected, "seed \(seed) step \(step) bytes \(bytes)")
            #expect(ClientID(parsing: id.description) == id, "seed \(seed) step \(step)")
            #expect(ClientID(parsing: hex.uppercased()) == id, "seed \(seed) step \(step)")
            #expect(ClientID(parsing: id.description)?.bytes == bytes, "seed \(seed) step \(step)")
        }
    }
}

@Suite struct EntityIDTests {
    /// The lowercase 8-4-4-4-12 hexadecimal layout of a UUID's canonical form.
    static func hasUUIDLayout(_ id: String) -> Bool {
        let groups = id.split(separator: "-", omittingEmptySubsequences: false)
        return id.utf8.count == 36 && groups.map(\.count) == [8, 4, 4, 4, 12]
            && groups.allSatisfy { $0.allSatisfy { "0123456789abcdef".contains($0) } }
    }

    static let edgeIndexes: [UInt64] = [0, 1, 2, 255, 256, 65_535, 1 << 32, (1 << 32) - 1, UInt64.max - 1, UInt64.max]
    /// Positions within a post. A post is at most 262,144 bytes, so it never holds more than about 2^18 messages.
    static let edgePositions: [Int] = [0, 1, 2, 9, 10, 15, 16, 255, 256, 1 << 18, (1 << 20) - 1, 1 << 20]

    /// Goal: message and claim ids look like UUIDs (36 characters, canonical layout), so clients treat them as
    /// usual; they are the canonical form of themselves. Method: every edge index and position.
    @Test func idsHaveUUIDLayout() {
        for index in Self.edgeIndexes {
            let claim = EntityID.claim(index: index)
            #expect(Self.hasUUIDLayout(claim), "claim(index: \(index)) = \(claim)")
            #expect(ClientID(parsing: claim)?.description == claim, "claim(index: \(index))")
            for position in Self.edgePositions {
                let message = EntityID.message(index: index, position: position)
                #expect(Self.hasUUIDLayout(message), "message(index: \(index), position: \(position)) = \(message)")
                #expect(ClientID(parsing: message)?.description == message)
            }
        }
    }

    /// Goal: ids are a function of their inputs (every replica derives the same one), distinct for distinct
    /// (index, position), and a message id never equals a claim id. Method: all edge combinations plus 20,000
    /// random (index, position) pairs per seed; ids are collected per kind and compared with the set of inputs.
    @Test(arguments: [UInt64(11), 12, 13, 14])
    func idsAreDistinctAndNeverCollideAcrossKinds(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var inputs: [(UInt64, Int)] = []
        for index in Self.edgeIndexes {
            for position in Self.edgePositions { inputs.append((index, position)) }
        }
        for _ in 0..<20_000 {
            let index = Bool.random(using: &random) ? random.next() : UInt64.random(in: 0...2_000, using: &random)
            inputs.append((index, Int.random(in: 0...(1 << 20), using: &random)))
        }
        var messageIDs: [String: (UInt64, Int)] = [:]
        var claimIDs: [String: UInt64] = [:]
        for (index, position) in inputs {
            let message = EntityID.message(index: index, position: position)
            #expect(message == EntityID.message(index: index, position: position), "deterministic")
            if let previous = messageIDs[message], previous != (index, position) {
                Issue.record("seed \(seed): \(previous) and \((index, position)) share message id \(message)")
            }
            messageIDs[message] = (index, position)
            let claim = EntityID.claim(index: index)
            if let previous = claimIDs[claim], previous != index {
                Issue.record("seed \(seed): indexes \(previous) and \(index) share claim id \(claim)")
            }
            claimIDs[claim] = index
        }
        let shared = Set(messageIDs.keys).intersection(claimIDs.keys)
        #expect(shared.isEmpty, "seed \(seed): ids used as both message and claim ids: \(shared.prefix(5))")
        #expect(claimIDs.count > 2_000, "seed \(seed): the sample covers many claim indexes")
    }

    /// Goal: neighbouring inputs give different ids, including the same index as a message and as a claim.
    /// Method: compare the ids of adjacent indexes and positions directly.
    @Test func neighbouringInputsDiffer() {
        for index in Self.edgeIndexes {
            #expect(EntityID.message(index: index, position: 0) != EntityID.claim(index: index))
            #expect(EntityID.message(index: index, position: 0) != EntityID.message(index: index, position: 1))
            if index < .max {
                #expect(EntityID.message(index: index, position: 0) != EntityID.message(index: index + 1, position: 0))
                #expect(EntityID.claim(index: index) != EntityID.claim(index: index + 1))
            }
        }
    }
}

// MARK: - Generator
//
// `gen_ids.py` (CPython 3.11, with `swiftlit.py` from JSONTests.swift beside it):
//
//     # ClientID vectors: what zaqar does with a Client-ID header value. WSGI hands the header to Python as latin-1
//     # text, so the expectation is str(uuid.UUID(value.encode('utf-8').decode('latin-1'))), or nil where it raises.
//     import uuid
//     from swiftlit import lit
//     U = '3381af92-2b9e-11e3-b191-71861300734c'
//     H = U.replace('-', '')
//     documented = [
//         # The forms §1.2 lists and their neighbours: no dashes, either case, braces, urn:uuid:, dashes anywhere.
//         U, U.upper(), H, H.upper(), '3381Af92-2B9e-11E3-b191-71861300734C', '{' + U + '}', '{' + H + '}', 'urn:uuid:' + U,
//         'urn:uuid:' + H.upper(), 'urn:' + U, 'uuid:' + U, 'urn:uuid:{' + U + '}', '3381af92-2b9e11e3-b19171861300734c',
//         '-' + H + '-', '3-3-8-1-a-f-9-2-2-b-9-e-1-1-e-3-b-1-9-1-7-1-8-6-1-3-0-0-7-3-4-c', '--' + U + '--',
//         '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF',
//         '{' + U, U + '}',
//         # Rejected: wrong digit counts, non-hex, empty, stray characters.
//         '', '-', '{}', 'urn:uuid:', H[:31], H + 'a', U[:-1], U + '0', 'g' + H[1:], U.replace('a', 'z'), U + ' x',
//         '3381af92 2b9e 11e3 b191 71861300734c', U.replace('-', ':'), '(' + U + ')', '[' + U + ']', 'x' + H[1:],
//         'uuid' + U, 'urn' + U, 'urn:uuid' + U,
//     ]
//     prefix_and_braces = [
//         # Python matches the prefixes case-sensitively: 'URN:UUID:' is not removed, so the value is rejected.
//         'URN:UUID:' + U, 'Urn:Uuid:' + U, 'UUID:' + U, 'URN:' + U, 'urn:UUID:' + U,
//         # Python removes every 'urn:' and 'uuid:' wherever it is, then strips any run of braces at both ends.
//         '{urn:uuid:' + U + '}', 'uuid:urn:' + U, 'urn:urn:' + U, 'uuid:uuid:' + U, U[:8] + 'urn:' + U[8:],
//         '{{' + U + '}}', '}' + U + '{', '{}' + U + '{}',
//     ]
//     non_ascii = [
//         # As latin-1 text (what WSGI hands over) none of these is a hex digit, so the reference refuses them all.
//         '\uff10' * 32, '\uff21' * 32, '\uff41' * 32, '\u0663' * 32, H[:31] + '\u00e9', U.replace('-', '\u2010'),
//     ]
//     python_int_quirks = [
//         # int(text, 16) is what validates the digits: it allows a sign, a 0x prefix, underscores and surrounding spaces.
//         '+' + H[1:], '0x' + H[2:], '0X' + H[2:], H[:4] + '_' + H[5:], ' ' + H[1:], H[1:] + ' ', '{ ' + H[1:] + '}',
//         '\t' + H[1:], '+0x' + H[3:], '-' * 3 + '+' + H[1:],
//     ]
//
//     def expect(value):
//         try:
//             return str(uuid.UUID(value.encode('utf-8').decode('latin-1')))
//         except ValueError:
//             return None
//
//     for name, values in [('documented', documented), ('prefixesAndBraces', prefix_and_braces), ('nonASCII', non_ascii),
//                          ('pythonIntQuirks', python_int_quirks)]:
//         print(f'    static let {name}: [(spelling: String, python: String?)] = [')
//         for v in values:
//             e = expect(v)
//             print(f'        ({lit(v)}, {lit(e) if e else "nil"}),')
//         print('    ]')
