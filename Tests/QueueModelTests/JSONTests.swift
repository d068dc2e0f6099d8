// Tests of Zaqar's JSON handling in QueueModel: `JSONParser`, `JSONSerializer`, `JSONValue` and `JSONObject`
// (reference doc §1.4 and §8.6). The serializer must print exactly what Python 3's `json.dumps` prints — the
// message checksum hashes those bytes — so the main tests compare against vectors produced by real Python (see
// `PythonJSONVectors`). Seeded property tests cover the round trip; table tests cover what must be refused.
import QueueModel
import Testing

// MARK: - Support shared by this target's seeded tests

/// SplitMix64: a tiny deterministic generator, so every seeded test replays exactly from the seed it prints.
/// (RaftCore has one too, but this target depends on QueueModel only.)
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random JSON values and their parts, for the property tests of this target.
enum RandomJSON {
    /// Unicode scalar ranges to draw string characters from: plain ASCII, the characters JSON must escape, Latin-1,
    /// the rest of the BMP (surrogates excluded), astral planes (surrogate pairs in `\u` form), and the line and
    /// paragraph separators.
    static let scalarRanges: [ClosedRange<UInt32>] = [
        0x20...0x7E, 0x20...0x7E, 0x00...0x1F, 0x22...0x22, 0x5C...0x5C, 0x7F...0xFF, 0x100...0xD7FF, 0xE000...0xFFFF,
        0x1_0000...0x10_FFFF, 0x2028...0x2029,
    ]

    static func string(maxLength: Int = 12, using random: inout SeededRandom) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...maxLength, using: &random) {
            let range = scalarRanges.randomElement(using: &random)!
            scalars.append(Unicode.Scalar(UInt32.random(in: range, using: &random))!)
        }
        return String(scalars)
    }

    /// A finite double: any bit pattern, a "human" decimal, or a value near the repr switch points (1e-4, 1e16).
    static func double(using random: inout SeededRandom) -> Double {
        while true {
            let value: Double
            switch Int.random(in: 0..<4, using: &random) {
            case 0: value = Double(bitPattern: random.next())
            case 1: value = Double(Int.random(in: -1_000_000...1_000_000, using: &random)) / 1_000
            case 2:
                let exponent = [-5, -4, -3, 15, 16, 17].randomElement(using: &random)!
                value = Double.random(in: 1..<10, using: &random) * pow10(exponent)
            default: value = Double.random(in: -1e22...1e22, using: &random)
            }
            if value.isFinite { return value }
        }
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    static func value(depth: Int = 0, using random: inout SeededRandom) -> JSONValue {
        let choice = Int.random(in: 0..<(depth < 4 ? 9 : 6), using: &random)
        switch choice {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(Int64(bitPattern: random.next()) >> UInt64.random(in: 0...63, using: &random))
        case 3: return .double(double(using: &random))
        case 4, 5: return .string(string(using: &random))
        case 6:
            return .array(
                (0..<Int.random(in: 0...4, using: &random)).map { _ in value(depth: depth + 1, using: &random) })
        default: return .object(object(depth: depth + 1, using: &random))
        }
    }

    static func object(depth: Int = 0, using random: inout SeededRandom) -> JSONObject {
        var object = JSONObject()
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            object[string(maxLength: 6, using: &random)] = value(depth: depth, using: &random)
        }
        return object
    }
}

extension String {
    /// The text with every non-printable or non-ASCII scalar as a Swift escape, so failure messages show exactly
    /// which code points a case holds (`é` and `e\u{301}` look alike otherwise).
    var escapedForDisplay: String { unicodeScalars.map { $0.escaped(asASCII: true) }.joined() }
}

// MARK: - Python vectors

/// One input document and what Python prints for it: `json.dumps(json.loads(input))` (ASCII only, the checksum's
/// form) and `json.dumps(json.loads(input), ensure_ascii=False)` (the form of response bodies).
struct PythonJSONVector: Sendable, CustomTestStringConvertible {
    let input: String
    let ascii: String
    let utf8: String

    /// Python prints the input unchanged.
    init(_ input: String) {
        self.init(input, input, input)
    }

    /// Both escapings print `output`.
    init(_ input: String, _ output: String) {
        self.init(input, output, output)
    }

    init(_ input: String, _ ascii: String, _ utf8: String) {
        self.input = input
        self.ascii = ascii
        self.utf8 = utf8
    }

    var testDescription: String { "input \(input.escapedForDisplay)" }
}

/// Vectors produced by CPython 3.11's `json` module with the script at the end of this file (run it with
/// `swiftlit.py` beside it; its output replaces the four arrays below). Non-printable characters are written as
/// `\#u{…}` escapes inside raw string literals.
enum PythonJSONVectors {
    static let handPicked: [PythonJSONVector] = [
        .init(#"1.5"#),
        .init(#"1.50"#, #"1.5"#),
        .init(#"100.0"#),
        .init(#"1e2"#, #"100.0"#),
        .init(#"1E2"#, #"100.0"#),
        .init(#"1e+2"#, #"100.0"#),
        .init(#"1.0e2"#, #"100.0"#),
        .init(#"1e16"#, #"1e+16"#),
        .init(#"1e15"#, #"1000000000000000.0"#),
        .init(#"9999999999999998.0"#),
        .init(#"1e17"#, #"1e+17"#),
        .init(#"1e22"#, #"1e+22"#),
        .init(#"1e23"#, #"1e+23"#),
        .init(#"1e-5"#, #"1e-05"#),
        .init(#"0.0001"#),
        .init(#"0.00001"#, #"1e-05"#),
        .init(#"0.001234"#),
        .init(#"1.234e-5"#, #"1.234e-05"#),
        .init(#"5e-324"#),
        .init(#"2.2250738585072014e-308"#),
        .init(#"1.7976931348623157e308"#, #"1.7976931348623157e+308"#),
        .init(#"-0.0"#),
        .init(#"0.0"#),
        .init(#"0e0"#, #"0.0"#),
        .init(#"-0e-0"#, #"-0.0"#),
        .init(#"0.30000000000000004"#),
        .init(#"123456789.123"#),
        .init(#"0.1"#),
        .init(#"0.2"#),
        .init(#"0.3"#),
        .init(#"1.1"#),
        .init(#"2.5"#),
        .init(#"4.35"#),
        .init(#"3.141592653589793"#),
        .init(#"2.718281828459045"#),
        .init(#"0.3333333333333333"#),
        .init(#"0.6666666666666666"#),
        .init(#"1e100"#, #"1e+100"#),
        .init(#"1.5e300"#, #"1.5e+300"#),
        .init(#"-1.5e-300"#),
        .init(#"9007199254740993.0"#, #"9007199254740992.0"#),
        .init(#"9007199254740992.0"#),
        .init(#"9.223372036854776e18"#, #"9.223372036854776e+18"#),
        .init(#"1e-400"#, #"0.0"#),
        .init(#"123e-2"#, #"1.23"#),
        .init(#"1234567890123456789.0"#, #"1.2345678901234568e+18"#),
        .init(#"0.000123456789"#),
        .init(#"12345678901234567.0"#, #"1.2345678901234568e+16"#),
        .init(#"1.0000000000000002"#),
        .init(#"0.9999999999999999"#),
        .init(#"4.9406564584124654e-324"#, #"5e-324"#),
        .init(#"2.225073858507201e-308"#),
        .init(#"1e-7"#, #"1e-07"#),
        .init(#"-1e-7"#, #"-1e-07"#),
        .init(#"1e308"#, #"1e+308"#),
        .init(#"8.41e21"#, #"8.41e+21"#),
        .init(#"5e-310"#),
        .init(#"-12.5e3"#, #"-12500.0"#),
        .init(#"0"#),
        .init(#"-0"#, #"0"#),
        .init(#"1"#),
        .init(#"-1"#),
        .init(#"42"#),
        .init(#"9223372036854775807"#),
        .init(#"-9223372036854775808"#),
        .init(#"9007199254740993"#),
        .init(#"10000000000000000"#),
        .init(#"true"#),
        .init(#"false"#),
        .init(#"null"#),
        .init(#"{}"#),
        .init(#"[]"#),
        .init(#""""#),
        .init(#"[[]]"#),
        .init(#"[{}]"#),
        .init(#"{"":""}"#, #"{"": ""}"#),
        .init(#""say \"hi\"""#),
        .init(#""back\\slash""#),
        .init(#""\/""#, #""/""#),
        .init(#""a\bb\fc\nd\re\tf""#),
        .init(#""\u0000\u0001\u001f""#),
        .init(#""\u007f""#, #""\u007f""#, #""\#u{7F}""#),
        .init(#""\u0080""#, #""\u0080""#, #""\#u{80}""#),
        .init(#""\u00e9""#, #""\u00e9""#, #""é""#),
        .init(#""é""#, #""\u00e9""#, #""é""#),
        .init(#""e\#u{301}""#, #""e\u0301""#, #""e\#u{301}""#),
        .init(#""中文""#, #""\u4e2d\u6587""#, #""中文""#),
        .init(#""\u4e2d""#, #""\u4e2d""#, #""中""#),
        .init(#""😀""#, #""\ud83d\ude00""#, #""😀""#),
        .init(#""\ud83d\ude00""#, #""\ud83d\ude00""#, #""😀""#),
        .init(#""\uD83D\uDE00""#, #""\ud83d\ude00""#, #""😀""#),
        .init(#""\udbff\udfff""#, #""\udbff\udfff""#, #""\#u{10FFFF}""#),
        .init(#""\u2028\u2029""#, #""\u2028\u2029""#, #""\#u{2028}\#u{2029}""#),
        .init(#""\#u{2028}""#, #""\u2028""#, #""\#u{2028}""#),
        .init(#""\ufeff""#, #""\ufeff""#, #""\#u{FEFF}""#),
        .init(#""\uffff""#, #""\uffff""#, #""\#u{FFFF}""#),
        .init(#""\u00a0""#, #""\u00a0""#, #""\#u{A0}""#),
        .init(#""\u00ad""#, #""\u00ad""#, #""\#u{AD}""#),
        .init(#""ÿ""#, #""\u00ff""#, #""ÿ""#),
        .init(#""\u0100""#, #""\u0100""#, #""Ā""#),
        .init(#""~""#),
        .init(#""\u001b[0m""#),
        .init(#""\#u{7F}""#, #""\u007f""#, #""\#u{7F}""#),
        .init(#""tab\there""#),
        .init(#""Ω≈ç√∫""#, #""\u03a9\u2248\u00e7\u221a\u222b""#, #""Ω≈ç√∫""#),
        .init(#""𝄞 music""#, #""\ud834\udd1e music""#, #""𝄞 music""#),
        .init(
            #""👩\#u{200D}👩\#u{200D}👧""#, #""\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67""#,
            #""👩\#u{200D}👩\#u{200D}👧""#),
        .init(#""🇫🇷""#, #""\ud83c\uddeb\ud83c\uddf7""#, #""🇫🇷""#),
        .init(#""\u0041\u0062""#, #""Ab""#),
        .init(#""\"\\\/\b\f\n\r\t""#, #""\"\\/\b\f\n\r\t""#),
        .init(#"{"b":1,"a":"é"}"#, #"{"b": 1, "a": "\u00e9"}"#, #"{"b": 1, "a": "é"}"#),
        .init(#"{"z":{"y":1,"x":[1,{"w":null}]},"a":true}"#, #"{"z": {"y": 1, "x": [1, {"w": null}]}, "a": true}"#),
        .init(#"{"a":1,"b":2,"a":3}"#, #"{"a": 3, "b": 2}"#),
        .init(#"{"a":1,"a":2,"a":3}"#, #"{"a": 3}"#),
        .init(#"{"x":{"k":1},"x":{"j":2}}"#, #"{"x": {"j": 2}}"#),
        .init(#" \#u{9}\#u{D}\#u{A}{ "a" : [ 1 , 2.0 , "3" ] , "b" : { } }\#u{A} "#, #"{"a": [1, 2.0, "3"], "b": {}}"#),
        .init(#"[1,[2,[3,[4,[5]]]]]"#, #"[1, [2, [3, [4, [5]]]]]"#),
        .init(
            #"{"é":"é","中":"中","😀":"😀"}"#, #"{"\u00e9": "\u00e9", "\u4e2d": "\u4e2d", "\ud83d\ude00": "\ud83d\ude00"}"#,
            #"{"é": "é", "中": "中", "😀": "😀"}"#),
        .init(
            #"{"ttl":300,"body":{"event":"BackupStarted","backup_id":"c378813c"}}"#,
            #"{"ttl": 300, "body": {"event": "BackupStarted", "backup_id": "c378813c"}}"#),
        .init(#"[1,1.0,-1,-1.0,1e0,true,false,null,"1"]"#, #"[1, 1.0, -1, -1.0, 1.0, true, false, null, "1"]"#),
        .init(
            #"{"_max_claim_count":0,"_dead_letter_queue":null}"#,
            #"{"_max_claim_count": 0, "_dead_letter_queue": null}"#),
        .init(#"{"a":{"a":{"a":{"a":{}}}}}"#, #"{"a": {"a": {"a": {"a": {}}}}}"#),
        .init(#"{"a":1,"A":2}"#, #"{"a": 1, "A": 2}"#),
        .init(#"{"é":1,"e\#u{301}":2}"#, #"{"\u00e9": 1, "e\u0301": 2}"#, #"{"é": 1, "e\#u{301}": 2}"#),
        .init(#"{"é":1,"é":2}"#, #"{"\u00e9": 2}"#, #"{"é": 2}"#),
        .init(#"["a",["b",["c"]]]"#, #"["a", ["b", ["c"]]]"#),
        .init(#"{"\"quoted\" key":1,"back\\slash":2}"#, #"{"\"quoted\" key": 1, "back\\slash": 2}"#),
    ]
    static let randomStrings: [PythonJSONVector] = [
        .init(#""\#u{E9FD}ç""#, #""\ue9fd\u00e7""#, #""\#u{E9FD}ç""#),
        .init(
            #""\rp\ud90a\ude6d?\u0001\udaa3\udff3""#, #""\rp\ud90a\ude6d?\u0001\udaa3\udff3""#,
            #""\rp\#u{52A6D}?\u0001\#u{B8FF3}""#),
        .init(
            #""\u0691\ued91\u0006\u2028Qq\uda31\uddf5\ue430\u2029\u2029""#,
            #""\u0691\ued91\u0006\u2028Qq\uda31\uddf5\ue430\u2029\u2029""#,
            #""ڑ\#u{ED91}\u0006\#u{2028}Qq\#u{9C5F5}\#u{E430}\#u{2029}\#u{2029}""#),
        .init(
            #""^\u0018\u06a6\u1482\uda1c\udcaa\u2029\u3b3d\u0189\ufd068\u020f\u09fb""#,
            #""^\u0018\u06a6\u1482\uda1c\udcaa\u2029\u3b3d\u0189\ufd068\u020f\u09fb""#,
            #""^\u0018ڦᒂ\#u{970AA}\#u{2029}㬽Ɖﴆ8ȏ৻""#),
        .init(
            #""\u0006\u0004\u0011\b\ua8df\u0123\u09a0\u07d5\u0016\uf3c5\u00a3""#,
            #""\u0006\u0004\u0011\b\ua8df\u0123\u09a0\u07d5\u0016\uf3c5\u00a3""#,
            #""\u0006\u0004\u0011\b\#u{A8DF}ģঠߕ\u0016\#u{F3C5}£""#),
        .init(#""\#u{CF527}ץ""#, #""\udafd\udd27\u05e5""#, #""\#u{CF527}ץ""#),
        .init(
            #""\#u{E03C8}\#u{2029}û\#u{EFBC}ñن쯑""#, #""\udb40\udfc8\u2029\u00fb\uefbc\u00f1\u0646\ucbd1""#,
            #""\#u{E03C8}\#u{2029}û\#u{EFBC}ñن쯑""#),
        .init(
            #""À\#u{196F}2T\u001f\#u{2028}³\#u{2029}""#, #""\u00c0\u196f2T\u001f\u2028\u00b3\u2029""#,
            #""À\#u{196F}2T\u001f\#u{2028}³\#u{2029}""#),
        .init(#""\#u{E7F2}됸뜯_s\#u{F4B8}N¨""#, #""\ue7f2\ub438\ub72f_s\uf4b8N\u00a8""#, #""\#u{E7F2}됸뜯_s\#u{F4B8}N¨""#),
        .init(#""N""#),
        .init(#""\ud962\udf4e\u0476\u0003\u0428""#, #""\ud962\udf4e\u0476\u0003\u0428""#, #""\#u{68B4E}Ѷ\u0003Ш""#),
        .init(#""\u2028&""#, #""\u2028&""#, #""\#u{2028}&""#),
        .init(#""쨧ع\#u{5EE}""#, #""\uca27\u0639\u05ee""#, #""쨧ع\#u{5EE}""#),
        .init(
            #""\u001c\ufaa3\u001d\u0167en\u2029\u001b\u00ca\u0001""#,
            #""\u001c\ufaa3\u001d\u0167en\u2029\u001b\u00ca\u0001""#, #""\u001c画\u001dŧen\#u{2029}\u001bÊ\u0001""#),
        .init(#""\u0570\u27bc""#, #""\u0570\u27bc""#, #""հ➼""#),
        .init(
            #""\ud813\udebb\u0632\u0016\u68fb\ue2f8\u00ff\u0267\u2029""#,
            #""\ud813\udebb\u0632\u0016\u68fb\ue2f8\u00ff\u0267\u2029""#, #""\#u{14EBB}ز\u0016棻\#u{E2F8}ÿɧ\#u{2029}""#),
        .init(#""\#u{A22EA}疶Ġ""#, #""\uda48\udeea\u75b6\u0120""#, #""\#u{A22EA}疶Ġ""#),
        .init(#""\u310e\u00ed""#, #""\u310e\u00ed""#, #""ㄎí""#),
        .init(
            #""\u2028\u0e72\r\u2028\u0018""#, #""\u2028\u0e72\r\u2028\u0018""#, #""\#u{2028}\#u{E72}\r\#u{2028}\u0018""#
        ),
        .init(#""\u001cĄ煥ڻ\#u{F7B5}Ѯ""#, #""\u001c\u0104\u7165\u06bb\uf7b5\u046e""#, #""\u001cĄ煥ڻ\#u{F7B5}Ѯ""#),
        .init(
            #""६ã\#u{34B}𪡚\#u{FD3A4}𥯡x""#, #""\u096c\u00e3\u034b\ud86a\udc5a\udbb4\udfa4\ud856\udfe1x""#,
            #""६ã\#u{34B}𪡚\#u{FD3A4}𥯡x""#),
        .init(
            #""\#u{90}~ê\#u{DCEA4}\#u{356}""#, #""\u0090~\u00ea\udb33\udea4\u0356""#, #""\#u{90}~ê\#u{DCEA4}\#u{356}""#),
        .init(#""\u2029\udb38\udd487\u00cb""#, #""\u2029\udb38\udd487\u00cb""#, #""\#u{2029}\#u{DE148}7Ë""#),
        .init(
            #""\u012eY\u2029\u6368\u00fb\u02b8\u00f5\u0785\u2029\u0013""#,
            #""\u012eY\u2029\u6368\u00fb\u02b8\u00f5\u0785\u2029\u0013""#, #""ĮY\#u{2029}捨ûʸõޅ\#u{2029}\u0013""#),
        .init(
            #""\u001e\u0018\u00b6\uda17\udc6a\u1a3c\ud89e\udd79\ud80d\udd96\uf453""#,
            #""\u001e\u0018\u00b6\uda17\udc6a\u1a3c\ud89e\udd79\ud80d\udd96\uf453""#,
            #""\u001e\u0018¶\#u{95C6A}ᨼ\#u{37979}\#u{13596}\#u{F453}""#),
        .init(#""""#),
        .init(
            #""\ue069\u2028\u0638\ud99b\udc3a\u008c\u001b\uda8f\udf15\u00d0\u001aW\u2029""#,
            #""\ue069\u2028\u0638\ud99b\udc3a\u008c\u001b\uda8f\udf15\u00d0\u001aW\u2029""#,
            #""\#u{E069}\#u{2028}ظ\#u{76C3A}\#u{8C}\u001b\#u{B3F15}Ð\u001aW\#u{2029}""#),
        .init(#""""#),
        .init(
            #""\u001d\#u{75116}\u0002¦D\#u{F882}""#, #""\u001d\ud994\udd16\u0002\u00a6D\uf882""#,
            #""\u001d\#u{75116}\u0002¦D\#u{F882}""#),
        .init(
            #""䄪eӢ˦Dº\#u{2029}\#u{2028}""#, #""\u412ae\u04e2\u02e6D\u00ba\u2029\u2028""#, #""䄪eӢ˦Dº\#u{2029}\#u{2028}""#
        ),
        .init(
            #""\u0003\u0099\u027d\u0002\u03c9\u00fc\ue94f\uf99a\u6662""#,
            #""\u0003\u0099\u027d\u0002\u03c9\u00fc\ue94f\uf99a\u6662""#, #""\u0003\#u{99}ɽ\u0002ωü\#u{E94F}連晢""#),
        .init(
            #""\#u{2028}\#u{2028}\#u{2029}s\#u{92558}\#u{2029}\#u{E9BE}¶\#u{C3803}""#,
            #""\u2028\u2028\u2029s\uda09\udd58\u2029\ue9be\u00b6\udace\udc03""#,
            #""\#u{2028}\#u{2028}\#u{2029}s\#u{92558}\#u{2029}\#u{E9BE}¶\#u{C3803}""#),
        .init(
            #""\u2028\u01cf\u00fcO\u00f2\u00a6\u2029""#, #""\u2028\u01cf\u00fcO\u00f2\u00a6\u2029""#,
            #""\#u{2028}ǏüOò¦\#u{2029}""#),
        .init(#""\ud9b0\udc74\u06ea\u41ee""#, #""\ud9b0\udc74\u06ea\u41ee""#, #""\#u{7C074}\#u{6EA}䇮""#),
        .init(#""\ufb2b\uda04\udefa""#, #""\ufb2b\uda04\udefa""#, #""שׂ\#u{912FA}""#),
        .init(
            #""\#u{2028}\#u{84}\u0019ᅴȟ\#u{E179}ǎ\#u{F02E}""#, #""\u2028\u0084\u0019\u1174\u021f\ue179\u01ce\uf02e""#,
            #""\#u{2028}\#u{84}\u0019ᅴȟ\#u{E179}ǎ\#u{F02E}""#),
        .init(#""ï\#u{E9BC}\u0007""#, #""\u00ef\ue9bc\u0007""#, #""ï\#u{E9BC}\u0007""#),
        .init(#""""#),
        .init(
            #""ď\#u{2029}\#u{2028}詤\#u{5F7}ՍÎ\#u{6E2}Ô""#, #""\u010f\u2029\u2028\u8a64\u05f7\u054d\u00ce\u06e2\u00d4""#,
            #""ď\#u{2029}\#u{2028}詤\#u{5F7}ՍÎ\#u{6E2}Ô""#),
        .init(
            #""8R\uda3e\udd25\uda08\udf70\uf4ff\u0096\uf3af\u300e\ufff8""#,
            #""8R\uda3e\udd25\uda08\udf70\uf4ff\u0096\uf3af\u300e\ufff8""#,
            #""8R\#u{9F925}\#u{92370}\#u{F4FF}\#u{96}\#u{F3AF}『\#u{FFF8}""#),
        .init(
            #""I\ud840\udca0\u00a4\u072f\ud86a\udcc3\u032c\udabc\udff5\u0273\ud956\udf3f\u0204""#,
            #""I\ud840\udca0\u00a4\u072f\ud86a\udcc3\u032c\udabc\udff5\u0273\ud956\udf3f\u0204""#,
            #""I𠂠¤ܯ𪣃\#u{32C}\#u{BF3F5}ɳ\#u{65B3F}Ȅ""#),
        .init(
            #""\#u{A811F}\#u{B2848}\#u{2028}\#u{2029}°\#u{F890}ԽＰ/""#,
            #""\uda60\udd1f\uda8a\udc48\u2028\u2029\u00b0\uf890\u053d\uff30/""#,
            #""\#u{A811F}\#u{B2848}\#u{2028}\#u{2029}°\#u{F890}ԽＰ/""#),
        .init(#""䆻\#u{EBC2}\#u{2029}7""#, #""\u41bb\uebc2\u20297""#, #""䆻\#u{EBC2}\#u{2029}7""#),
        .init(
            #""퓋\#u{86}椂\#u{2029}\#u{E570}\#u{961C6}볉𐅊\#u{2029}\#u{2028}""#,
            #""\ud4cb\u0086\u6902\u2029\ue570\uda18\uddc6\ubcc9\ud800\udd4a\u2029\u2028""#,
            #""퓋\#u{86}椂\#u{2029}\#u{E570}\#u{961C6}볉𐅊\#u{2029}\#u{2028}""#),
        .init(
            #""\ufa6d7\udaed\uddd2\ue869\u009b\u00d6\uda41\udfd7\uee43\u1aea\u030b\u02a0\u00d0""#,
            #""\ufa6d7\udaed\uddd2\ue869\u009b\u00d6\uda41\udfd7\uee43\u1aea\u030b\u02a0\u00d0""#,
            #""舘7\#u{CB5D2}\#u{E869}\#u{9B}Ö\#u{A07D7}\#u{EE43}\#u{1AEA}\#u{30B}ʠÐ""#),
        .init(
            #""\u9ea8\u00b7\ue651$\ud837\udf15\n\u00ce\u2029\u001dy\u2029""#,
            #""\u9ea8\u00b7\ue651$\ud837\udf15\n\u00ce\u2029\u001dy\u2029""#,
            #""麨·\#u{E651}$𝼕\nÎ\#u{2029}\u001dy\#u{2029}""#),
        .init(#""\#u{2028}Ԋý""#, #""\u2028\u050a\u00fd""#, #""\#u{2028}Ԋý""#),
        .init(
            #""\u001a¾\#u{B21D7}\#u{97}ϋ\u001e\u000f\#u{359}\#u{E028}\#u{7F0}\#u{E1EE8}""#,
            #""\u001a\u00be\uda88\uddd7\u0097\u03cb\u001e\u000f\u0359\ue028\u07f0\udb47\udee8""#,
            #""\u001a¾\#u{B21D7}\#u{97}ϋ\u001e\u000f\#u{359}\#u{E028}\#u{7F0}\#u{E1EE8}""#),
        .init(
            #""\u50c9\udaec\udca5X\u060c\n\u2028\u040f\uee77\u3426\u00d2\u2028""#,
            #""\u50c9\udaec\udca5X\u060c\n\u2028\u040f\uee77\u3426\u00d2\u2028""#,
            #""僉\#u{CB0A5}X،\n\#u{2028}Џ\#u{EE77}㐦Ò\#u{2028}""#),
        .init(
            #""\u078a\u4d69\uda13\udec9\u00d8\ud8c7\udc7d\u676f\u0000\ud921\uddc5\uf255\u03ecI\u2029""#,
            #""\u078a\u4d69\uda13\udec9\u00d8\ud8c7\udc7d\u676f\u0000\ud921\uddc5\uf255\u03ecI\u2029""#,
            #""ފ䵩\#u{94EC9}Ø\#u{41C7D}杯\u0000\#u{585C5}\#u{F255}ϬI\#u{2029}""#),
        .init(
            #""\u00ed\uf144\u00cb\uda2a\udd9f\u0017\u0016\u058f""#,
            #""\u00ed\uf144\u00cb\uda2a\udd9f\u0017\u0016\u058f""#, #""í\#u{F144}Ë\#u{9A99F}\u0017\u0016֏""#),
        .init(
            #""\u8c10\u2029\uec84\u0160\u0087\ue96a\uc173r\u00bc\u2029\u2028""#,
            #""\u8c10\u2029\uec84\u0160\u0087\ue96a\uc173r\u00bc\u2029\u2028""#,
            #""谐\#u{2029}\#u{EC84}Š\#u{87}\#u{E96A}셳r¼\#u{2029}\#u{2028}""#),
        .init(
            #""\#u{2029}\#u{ECA3}\#u{BDDD0}ɠ\#u{92}\#u{2028}\#u{A692A}""#,
            #""\u2029\ueca3\udab7\uddd0\u0260\u0092\u2028\uda5a\udd2a""#,
            #""\#u{2029}\#u{ECA3}\#u{BDDD0}ɠ\#u{92}\#u{2028}\#u{A692A}""#),
        .init(
            #""\u2029\n\u00ee\u067c\u00f5\u0003\ue468""#, #""\u2029\n\u00ee\u067c\u00f5\u0003\ue468""#,
            #""\#u{2029}\nîټõ\u0003\#u{E468}""#),
        .init(
            #""\ud9ca\udd30\u065d\u00bd\u2029""#, #""\ud9ca\udd30\u065d\u00bd\u2029""#,
            #""\#u{82930}\#u{65D}½\#u{2029}""#),
        .init(#""""#),
        .init(
            #""\#u{2028}\"亞긾8Hâ\#u{F03B}\u001d""#, #""\u2028\"\u4e9e\uae3e8H\u00e2\uf03b\u001d""#,
            #""\#u{2028}\"亞긾8Hâ\#u{F03B}\u001d""#),
        .init(
            #""\ud8e3\udda6\u2029\u04f5\ue824\ue3f6\u4351\uda40\udc28V""#,
            #""\ud8e3\udda6\u2029\u04f5\ue824\ue3f6\u4351\uda40\udc28V""#,
            #""\#u{48DA6}\#u{2029}ӵ\#u{E824}\#u{E3F6}䍑\#u{A0028}V""#),
        .init(
            #""\uec41\u001a\u00ac\ue338\u2028 \u00ab\u018d\ubb2e\u2029\u0012""#,
            #""\uec41\u001a\u00ac\ue338\u2028 \u00ab\u018d\ubb2e\u2029\u0012""#,
            #""\#u{EC41}\u001a¬\#u{E338}\#u{2028} «ƍ묮\#u{2029}\u0012""#),
        .init(
            #""\udb03\ude6e\u92ea\u06f3\u00c6\u03c8""#, #""\udb03\ude6e\u92ea\u06f3\u00c6\u03c8""#, #""\#u{D0E6E}鋪۳Æψ""#
        ),
        .init(
            #""\ufbf1\u00d8\uda13\udf9c\u06b8\ued55\u001bE\ud8d3\udc11\u045b<\u00ab\ud9c7\ude79""#,
            #""\ufbf1\u00d8\uda13\udf9c\u06b8\ued55\u001bE\ud8d3\udc11\u045b<\u00ab\ud9c7\ude79""#,
            #""ﯱØ\#u{94F9C}ڸ\#u{ED55}\u001bE\#u{44C11}ћ<«\#u{81E79}""#),
        .init(#""\u00c5E\u009dK""#, #""\u00c5E\u009dK""#, #""ÅE\#u{9D}K""#),
        .init(#""\u030f""#, #""\u030f""#, #""\#u{30F}""#),
        .init(
            #""\uf018\udad1\udf53\udbcc\ude18\u022b\ud965\ude73\u07ec\u2029\u00b70\udbb0\udda5\uf3a9\u00a3""#,
            #""\uf018\udad1\udf53\udbcc\ude18\u022b\ud965\ude73\u07ec\u2029\u00b70\udbb0\udda5\uf3a9\u00a3""#,
            #""\#u{F018}\#u{C4753}\#u{103218}ȫ\#u{69673}\#u{7EC}\#u{2029}·0\#u{FC1A5}\#u{F3A9}£""#),
        .init(
            #"">\#u{E0BB}\u000eݡ\#u{8D}\"\#u{B6EC4}\#u{2028}""#, #"">\ue0bb\u000e\u0761\u008d\"\uda9b\udec4\u2028""#,
            #"">\#u{E0BB}\u000eݡ\#u{8D}\"\#u{B6EC4}\#u{2028}""#),
        .init(#""""#),
        .init(
            #""\#u{E05AA}\u001dÕ\#u{557E1}ﺙ\#u{3A768}\#u{2028}汽\#u{80}\#u{2028}""#,
            #""\udb41\uddaa\u001d\u00d5\ud915\udfe1\ufe99\ud8a9\udf68\u2028\u6c7d\u0080\u2028""#,
            #""\#u{E05AA}\u001dÕ\#u{557E1}ﺙ\#u{3A768}\#u{2028}汽\#u{80}\#u{2028}""#),
        .init(
            #""\#u{2029}\u0015\#u{7B2}\n\#u{557}\#u{2028})\#u{E539}摙♾\u0004""#,
            #""\u2029\u0015\u07b2\n\u0557\u2028)\ue539\u6459\u267e\u0004""#,
            #""\#u{2029}\u0015\#u{7B2}\n\#u{557}\#u{2028})\#u{E539}摙♾\u0004""#),
        .init(
            #""\ue7ef\u0017\u073c\ue923\uaed0\u073b\u00dd\u0099\u2028""#,
            #""\ue7ef\u0017\u073c\ue923\uaed0\u073b\u00dd\u0099\u2028""#,
            #""\#u{E7EF}\u0017\#u{73C}\#u{E923}껐\#u{73B}Ý\#u{99}\#u{2028}""#),
        .init(#""""#),
        .init(#""\rû\u0015""#, #""\r\u00fb\u0015""#, #""\rû\u0015""#),
        .init(
            #""|\#u{2028}\u0016Eଗ\#u{C1DA6}""#, #""|\u2028\u0016E\u0b17\udac7\udda6""#,
            #""|\#u{2028}\u0016Eଗ\#u{C1DA6}""#),
        .init(#""î\#u{BECC4}""#, #""\u00ee\udabb\udcc4""#, #""î\#u{BECC4}""#),
        .init(#""""#),
        .init(#""ﵣöT\u000f䔋""#, #""\ufd63\u00f6T\u000f\u450b""#, #""ﵣöT\u000f䔋""#),
        .init(#""\u00ffO\u2029\u0018""#, #""\u00ffO\u2029\u0018""#, #""ÿO\#u{2029}\u0018""#),
        .init(#""\#u{E6FB}K嬇\#u{2029}""#, #""\ue6fbK\u5b07\u2029""#, #""\#u{E6FB}K嬇\#u{2029}""#),
        .init(
            #""\#u{E883}ꃒ\#u{69A54}𮛁閕Ý\#u{4CA0F}奡""#,
            #""\ue883\ua0d2\ud966\ude54\ud879\udec1\u9595\u00dd\ud8f2\ude0f\u5961""#,
            #""\#u{E883}ꃒ\#u{69A54}𮛁閕Ý\#u{4CA0F}奡""#),
        .init(#""£""#, #""\u00a3""#, #""£""#),
        .init(#""0""#),
        .init(
            #""\u06d1\u0015\u03d2\u2028\uf268""#, #""\u06d1\u0015\u03d2\u2028\uf268""#, #""ۑ\u0015ϒ\#u{2028}\#u{F268}""#
        ),
        .init(#""%\ue837\u0007\u2028j""#, #""%\ue837\u0007\u2028j""#, #""%\#u{E837}\u0007\#u{2028}j""#),
        .init(#""\#u{DD97A}\#u{F2E7}ŀx""#, #""\udb36\udd7a\uf2e7\u0140x""#, #""\#u{DD97A}\#u{F2E7}ŀx""#),
        .init(#""""#),
        .init(#""\ue359\uf485\u00d4\uef4d""#, #""\ue359\uf485\u00d4\uef4d""#, #""\#u{E359}\#u{F485}Ô\#u{EF4D}""#),
        .init(
            #""Ä\#u{2028}~\#u{ED23}Í\#u{F67D}\#u{E1CC}""#, #""\u00c4\u2028~\ued23\u00cd\uf67d\ue1cc""#,
            #""Ä\#u{2028}~\#u{ED23}Í\#u{F67D}\#u{E1CC}""#),
        .init(
            #""\u0005欱\#u{2029}㘚\#u{ED0F}퉥Ê\u001f\#u{2028}䄲""#,
            #""\u0005\u6b31\u2029\u361a\ued0f\ud265\u00ca\u001f\u2028\u4132""#,
            #""\u0005欱\#u{2029}㘚\#u{ED0F}퉥Ê\u001f\#u{2028}䄲""#),
        .init(
            #""\#u{2029}\#u{2028}>p\#u{7B14F}¤\#u{2029}H\#u{C3821}\#u{CD6AF}Ԯ\u001e""#,
            #""\u2029\u2028>p\ud9ac\udd4f\u00a4\u2029H\udace\udc21\udaf5\udeaf\u052e\u001e""#,
            #""\#u{2029}\#u{2028}>p\#u{7B14F}¤\#u{2029}H\#u{C3821}\#u{CD6AF}Ԯ\u001e""#),
        .init(#""\u0010\u001a""#),
        .init(
            #""\u062e\uf4f6\ud814\udca5\uecc2\u069b\u6c5f3\u0005\u2029\u8ffd\u2029""#,
            #""\u062e\uf4f6\ud814\udca5\uecc2\u069b\u6c5f3\u0005\u2029\u8ffd\u2029""#,
            #""خ\#u{F4F6}\#u{150A5}\#u{ECC2}ڛ江3\u0005\#u{2029}追\#u{2029}""#),
        .init(#""\#u{2028}\#u{102E43}ȋM""#, #""\u2028\udbcb\ude43\u020bM""#, #""\#u{2028}\#u{102E43}ȋM""#),
        .init(
            #""\u0018\u001bƟ\u0001\#u{2029}\#u{2028}\#u{F2C0}\t""#, #""\u0018\u001b\u019f\u0001\u2029\u2028\uf2c0\t""#,
            #""\u0018\u001bƟ\u0001\#u{2029}\#u{2028}\#u{F2C0}\t""#),
        .init(
            #""W\#u{9117B}\#u{2028}P\#u{2029}\#u{2029}É\#u{F0DB}\#u{2028}""#,
            #""W\uda04\udd7b\u2028P\u2029\u2029\u00c9\uf0db\u2028""#,
            #""W\#u{9117B}\#u{2028}P\#u{2029}\#u{2029}É\#u{F0DB}\#u{2028}""#),
        .init(
            #""뛵0\#u{2028}+±a\#u{E6E4}\u0007\#u{C9690}èѥ평""#,
            #""\ub6f50\u2028+\u00b1a\ue6e4\u0007\udae5\ude90\u00e8\u0465\ud3c9""#,
            #""뛵0\#u{2028}+±a\#u{E6E4}\u0007\#u{C9690}èѥ평""#),
        .init(
            #""㱵簩\#u{A0}昜\#u{EC0A}\#u{EA1D4}\#u{382}ͷ\#u{E72}դ\u000f.""#,
            #""\u3c75\u7c29\u00a0\u661c\uec0a\udb68\uddd4\u0382\u0377\u0e72\u0564\u000f.""#,
            #""㱵簩\#u{A0}昜\#u{EC0A}\#u{EA1D4}\#u{382}ͷ\#u{E72}դ\u000f.""#),
        .init(#""\u9003\u2029\u0456""#, #""\u9003\u2029\u0456""#, #""逃\#u{2029}і""#),
        .init(#""\ue0d4""#, #""\ue0d4""#, #""\#u{E0D4}""#),
        .init(
            #""\u2028\ud93a\udd30\uebdc\ud815\udce4l\uf2fa\u2028\u001e\u2029\u00f8\u04d6\ud83c\uddf2""#,
            #""\u2028\ud93a\udd30\uebdc\ud815\udce4l\uf2fa\u2028\u001e\u2029\u00f8\u04d6\ud83c\uddf2""#,
            #""\#u{2028}\#u{5E930}\#u{EBDC}\#u{154E4}l\#u{F2FA}\#u{2028}\u001e\#u{2029}øӖ🇲""#),
        .init(
            #"")\u0002\ud8c8\ude94\ue838\u2028\uead8""#, #"")\u0002\ud8c8\ude94\ue838\u2028\uead8""#,
            #"")\u0002\#u{42294}\#u{E838}\#u{2028}\#u{EAD8}""#),
        .init(#""岏ʣ\r\#u{10453F}""#, #""\u5c8f\u02a3\r\udbd1\udd3f""#, #""岏ʣ\r\#u{10453F}""#),
        .init(#""\#u{2028}""#, #""\u2028""#, #""\#u{2028}""#),
        .init(#""\#u{BE0}凉K\#u{2028}D""#, #""\u0be0\uf979K\u2028D""#, #""\#u{BE0}凉K\#u{2028}D""#),
        .init(
            #""ݕ\#u{F381}㰶Ï\#u{2029}\#u{96}\t\#u{ED7F}ξ\#u{91}\#u{38677}""#,
            #""\u0755\uf381\u3c36\u00cf\u2029\u0096\t\ued7f\u03be\u0091\ud8a1\ude77""#,
            #""ݕ\#u{F381}㰶Ï\#u{2029}\#u{96}\t\#u{ED7F}ξ\#u{91}\#u{38677}""#),
        .init(
            #""\u00e0\u97d6\uec06\u2028\u0091\udb18\udf4b\u8962\uee0e""#,
            #""\u00e0\u97d6\uec06\u2028\u0091\udb18\udf4b\u8962\uee0e""#,
            #""à韖\#u{EC06}\#u{2028}\#u{91}\#u{D634B}襢\#u{EE0E}""#),
        .init(#""\u00a9\u18e5""#, #""\u00a9\u18e5""#, #""©ᣥ""#),
        .init(
            #""\ue78e\u00b6\u00ceI\ud90f\ude55\u82b1\u0462\ud977\udc99m\u0019""#,
            #""\ue78e\u00b6\u00ceI\ud90f\ude55\u82b1\u0462\ud977\udc99m\u0019""#,
            #""\#u{E78E}¶ÎI\#u{53E55}花Ѣ\#u{6DC99}m\u0019""#),
        .init(
            #""\u0096\u2b93\ufd24\u2029\u2028\u0006""#, #""\u0096\u2b93\ufd24\u2029\u2028\u0006""#,
            #""\#u{96}⮓ﴤ\#u{2029}\#u{2028}\u0006""#),
        .init(#""u\ue0e4\u00ba\u1ef4!\u2029""#, #""u\ue0e4\u00ba\u1ef4!\u2029""#, #""u\#u{E0E4}ºỴ!\#u{2029}""#),
        .init(#""䞜\#u{F12D}ﴳբû""#, #""\u479c\uf12d\ufd33\u0562\u00fb""#, #""䞜\#u{F12D}ﴳբû""#),
        .init(
            #""?陘\#u{E4B5}\u000e\#u{BB107}롚g堿""#, #""?\u9658\ue4b5\u000e\udaac\udd07\ub85ag\u583f""#,
            #""?陘\#u{E4B5}\u000e\#u{BB107}롚g堿""#),
        .init(
            #""\u00d4\uf55e\ue762\u930c\ue729\ue7b1\uf834S\u0106\u0117""#,
            #""\u00d4\uf55e\ue762\u930c\ue729\ue7b1\uf834S\u0106\u0117""#,
            #""Ô\#u{F55E}\#u{E762}錌\#u{E729}\#u{E7B1}\#u{F834}SĆė""#),
        .init(
            #""\uda4d\udd19\uebb0\u6718\u0006.\u0007\u6f7d\u00a6X\u1bd6\u000f\u2029""#,
            #""\uda4d\udd19\uebb0\u6718\u0006.\u0007\u6f7d\u00a6X\u1bd6\u000f\u2029""#,
            #""\#u{A3519}\#u{EBB0}朘\u0006.\u0007潽¦Xᯖ\u000f\#u{2029}""#),
        .init(
            #""\u83ec\uc041\ue35b\ud942\udeb6\u690a\u0675\u000f\ud9f4\udfde\u00ce""#,
            #""\u83ec\uc041\ue35b\ud942\udeb6\u690a\u0675\u000f\ud9f4\udfde\u00ce""#,
            #""菬쁁\#u{E35B}\#u{60AB6}椊ٵ\u000f\#u{8D3DE}Î""#),
        .init(
            #""\#u{2029}\#u{E741}¢ˮ\t\#u{D7114}\#u{2029}""#, #""\u2029\ue741\u00a2\u02ee\t\udb1c\udd14\u2029""#,
            #""\#u{2029}\#u{E741}¢ˮ\t\#u{D7114}\#u{2029}""#),
        .init(
            #""\uba7f\u00a6\u0097/\u2029\u0413!\u008a""#, #""\uba7f\u00a6\u0097/\u2029\u0413!\u008a""#,
            #""멿¦\#u{97}/\#u{2029}Г!\#u{8A}""#),
        .init(#""\u0005\#u{EDA1}xϝ""#, #""\u0005\ueda1x\u03dd""#, #""\u0005\#u{EDA1}xϝ""#),
        .init(#""\u0004㛡""#, #""\u0004\u36e1""#, #""\u0004㛡""#),
        .init(
            #""ï顶萷\u0015δ¸\#u{2029}ӓ\u0016\#u{2028}菖\#u{E349}""#,
            #""\u00ef\u9876\u8437\u0015\u03b4\u00b8\u2029\u04d3\u0016\u2028\u83d6\ue349""#,
            #""ï顶萷\u0015δ¸\#u{2029}ӓ\u0016\#u{2028}菖\#u{E349}""#),
        .init(#""\u0002\u2029\uf73b\u2028""#, #""\u0002\u2029\uf73b\u2028""#, #""\u0002\#u{2029}\#u{F73B}\#u{2028}""#),
        .init(
            #""\#u{8D}\u0005\#u{2029}\#u{2028}\#u{2029}""#, #""\u008d\u0005\u2029\u2028\u2029""#,
            #""\#u{8D}\u0005\#u{2029}\#u{2028}\#u{2029}""#),
    ]
    static let randomTrees: [PythonJSONVector] = [
        .init(
            #"[ [{"b" :\#u{9}false,\#u{9}"a": \#u{D}\#u{A} false,\#u{A}"a" \#u{D}\#u{A} :\#u{A}-998481.0544}]]"#,
            #"[[{"b": false, "a": -998481.0544}]]"#),
        .init(#"6138523944303668858"#),
        .init(
            #"[ \#u{D}\#u{A} {\#u{9}"a"\#u{9}:\#u{9}{\#u{9}"a"\#u{A}:\#u{9}-6.54683518157892260269e-308},\#u{9}"\ud943\udd46\u0150\u7295":\#u{A}"\u001a\u0730",\#u{A}"b":\#u{A}"oB\u0097\u2029\u0098", "b":["\u0324"\#u{A}]} \#u{D}\#u{A} ]"#,
            #"[{"a": {"a": -6.546835181578923e-308}, "\ud943\udd46\u0150\u7295": "\u001a\u0730", "b": ["\u0324"]}]"#,
            #"[{"a": {"a": -6.546835181578923e-308}, "\#u{60D46}Ő犕": "\u001a\#u{730}", "b": ["\#u{324}"]}]"#),
        .init(
            #"[{ \#u{D}\#u{A} "a" : \#u{D}\#u{A} "Ü\#u{E9F1}\#u{A2F8B}Ã\u0007"}]"#,
            #"[{"a": "\u00dc\ue9f1\uda4b\udf8b\u00c3\u0007"}]"#, #"[{"a": "Ü\#u{E9F1}\#u{A2F8B}Ã\u0007"}]"#),
        .init(
            #"{ "b":{},\#u{A}"": true,\#u{9}"b" :\#u{A}[ [] \#u{D}\#u{A} , \#u{D}\#u{A} "\u2029\u07e4\u0743\u04e1!" \#u{D}\#u{A} ,\#u{9}{},5.026975874813821e-287],"a":7.2298205991722808e-09}"#,
            #"{"b": [[], "\u2029\u07e4\u0743\u04e1!", {}, 5.026975874813821e-287], "": true, "a": 7.229820599172281e-09}"#,
            #"{"b": [[], "\#u{2029}ߤ\#u{743}ӡ!", {}, 5.026975874813821e-287], "": true, "a": 7.229820599172281e-09}"#),
        .init(#"true"#),
        .init(#"{}"#),
        .init(#""\#u{99}""#, #""\u0099""#, #""\#u{99}""#),
        .init(#"{}"#),
        .init(#"{}"#),
        .init(
            #"{"a" :{},"b"\#u{A}:\#u{9}[\#u{A}{"a": \#u{D}\#u{A} [[[ \#u{D}\#u{A} 496443.0 \#u{D}\#u{A} ], []],\#u{A}null],\#u{9}"\u2029\u97bb" :\#u{A}-8.78234896937946093750e+12,"b":\#u{9}"\u0010u\#u{2029}孚", "a" \#u{D}\#u{A} :-5.1194919803349596e+208, "b" :[756726.93169999996 \#u{D}\#u{A} ,-8.8604215978644e-07 \#u{D}\#u{A} ,7780988166362069319,\#u{9}-1.7742585649025726e+265\#u{A}]}, [ \#u{D}\#u{A} 6.0154920848835317e-296,[]\#u{A}]],"a":"ŋԛ","a"\#u{9}:null}"#,
            #"{"a": null, "b": [{"a": -5.11949198033496e+208, "\u2029\u97bb": -8782348969379.461, "b": [756726.9317, -8.8604215978644e-07, 7780988166362069319, -1.7742585649025726e+265]}, [6.015492084883532e-296, []]]}"#,
            #"{"a": null, "b": [{"a": -5.11949198033496e+208, "\#u{2029}鞻": -8782348969379.461, "b": [756726.9317, -8.8604215978644e-07, 7780988166362069319, -1.7742585649025726e+265]}, [6.015492084883532e-296, []]]}"#
        ),
        .init(#"false"#),
        .init(
            #"{"a": \#u{D}\#u{A} 4.6666588062257565e-82,\#u{A}"a" \#u{D}\#u{A} :\#u{9}"\u000b",\#u{A}"b"\#u{9}:\#u{9}[ \#u{D}\#u{A} "\uf65d\ue784\u2028",{\#u{A}"a":\#u{9}[[null \#u{D}\#u{A} ]],\#u{A}"a" : [-5452115827551376882, \#u{D}\#u{A} false,\#u{A}1.80419545600470645177e-38],"":false, "" :\#u{A}true, ""\#u{9}:\#u{A}-3.81985177090960198955e+65} ,\#u{9}"" ],"\#u{2E79}}¤\u0005" \#u{D}\#u{A} :4.768194537655102e-133}"#,
            #"{"a": "\u000b", "b": ["\uf65d\ue784\u2028", {"a": [-5452115827551376882, false, 1.8041954560047065e-38], "": -3.819851770909602e+65}, ""], "\u2e79}\u00a4\u0005": 4.768194537655102e-133}"#,
            #"{"a": "\u000b", "b": ["\#u{F65D}\#u{E784}\#u{2028}", {"a": [-5452115827551376882, false, 1.8041954560047065e-38], "": -3.819851770909602e+65}, ""], "\#u{2E79}}¤\u0005": 4.768194537655102e-133}"#
        ),
        .init(
            #"[\#u{9}false , \#u{D}\#u{A} [-62,{"a" \#u{D}\#u{A} :[ "\u074dS\ufd0b\ud955\uddb3\u6e6c"], \#u{D}\#u{A} "b": [\#u{9}false,\#u{9}"\t\u2029"]}]\#u{9}]"#,
            #"[false, [-62, {"a": ["\u074dS\ufd0b\ud955\uddb3\u6e6c"], "b": [false, "\t\u2029"]}]]"#,
            #"[false, [-62, {"a": ["ݍSﴋ\#u{655B3}湬"], "b": [false, "\t\#u{2029}"]}]]"#),
        .init(#"null"#),
        .init(#"-903645.95900000003"#, #"-903645.959"#),
        .init(#"-15"#),
        .init(#"[]"#),
        .init(
            #""\#u{4978E}\u000b\#u{F4137}\#u{2029}""#, #""\ud8e5\udf8e\u000b\udb90\udd37\u2029""#,
            #""\#u{4978E}\u000b\#u{F4137}\#u{2029}""#),
        .init(
            #"{\#u{9}"b": -357,\#u{9}"b"\#u{A}: "\u0004老p\#u{8BFCF}", \#u{D}\#u{A} "a":[8.837551292285505e+171, \#u{D}\#u{A} -125,["" ,581 \#u{D}\#u{A} ],null \#u{D}\#u{A} ],"\ue62b\uec1c\u2028"\#u{A}:\#u{A}null,"b"\#u{9}:{"b"\#u{9}: \#u{D}\#u{A} {},"a":-7683493855891864779, \#u{D}\#u{A} "b"\#u{9}: \#u{D}\#u{A} [\#u{A}[\#u{9}"\u07c5"],\#u{A}"෬\#u{2028}\#u{2029}\u0013u"\#u{9},\#u{A}[8086135898281209025,9.5915429624174667e-07,"\udaa4\ude19\ue39b\ub1ab",true],false]}}"#,
            #"{"b": {"b": [["\u07c5"], "\u0dec\u2028\u2029\u0013u", [8086135898281209025, 9.591542962417467e-07, "\udaa4\ude19\ue39b\ub1ab", true], false], "a": -7683493855891864779}, "a": [8.837551292285505e+171, -125, ["", 581], null], "\ue62b\uec1c\u2028": null}"#,
            #"{"b": {"b": [["߅"], "෬\#u{2028}\#u{2029}\u0013u", [8086135898281209025, 9.591542962417467e-07, "\#u{B9219}\#u{E39B}놫", true], false], "a": -7683493855891864779}, "a": [8.837551292285505e+171, -125, ["", 581], null], "\#u{E62B}\#u{EC1C}\#u{2028}": null}"#
        ),
        .init(#"6372141912170143180"#),
        .init(#"-885"#),
        .init(#"{}"#),
        .init(#"7211233714047438879"#),
        .init(#"{"\#u{E2B1}"\#u{9}: []}"#, #"{"\ue2b1": []}"#, #"{"\#u{E2B1}": []}"#),
        .init(#"-2.0369729920443892e-265"#),
        .init(#"[[952239817342160038]\#u{9},"" ]"#, #"[[952239817342160038], ""]"#),
        .init(#"{"b":\#u{9}"\u001c\uf4a8:"}"#, #"{"b": "\u001c\uf4a8:"}"#, #"{"b": "\u001c\#u{F4A8}:"}"#),
        .init(
            #"{\#u{A}"b":false,\#u{9}"a":4883575324556164286,"b":{},\#u{9}"a":\#u{A}{"b"\#u{9}: {\#u{A}"\#u{EFC6}"\#u{9}:"\u02ea\ue599\u0095\u00cf"}, \#u{D}\#u{A} "a": \#u{D}\#u{A} {"\uc04e\u3784\u0016\u2028" :\#u{9}"","b": \#u{D}\#u{A} true,"a": null, \#u{D}\#u{A} "\uc04e\u3784\u0016\u2028":[ ["",["繄" \#u{D}\#u{A} , [],\#u{9}""\#u{9},\#u{9}2.62724807195017226040e+07\#u{A}]\#u{9}],\#u{A}null ,-4.4293612685184766e-252 \#u{D}\#u{A} ,\#u{9}["w\ua048\u0150"\#u{9},[\#u{A}null \#u{D}\#u{A} ]\#u{9}, [null,[ \#u{D}\#u{A} null]\#u{A}]\#u{A}]\#u{A}]}, "N&" \#u{D}\#u{A} :{}, \#u{D}\#u{A} "N&":\#u{9}{"a": null, "b" \#u{D}\#u{A} : \#u{D}\#u{A} [\#u{9}"\u035a\ue58f\u0006"\#u{A},\#u{9}-317\#u{9}],"a" :"≧\#u{2029}\#u{55122}\#u{E82E1}퍵"},"a"\#u{9}:\#u{9}-2595368337553644438}}"#,
            #"{"b": {}, "a": {"b": {"\uefc6": "\u02ea\ue599\u0095\u00cf"}, "a": -2595368337553644438, "N&": {"a": "\u2267\u2029\ud914\udd22\udb60\udee1\ud375", "b": ["\u035a\ue58f\u0006", -317]}}}"#,
            #"{"b": {}, "a": {"b": {"\#u{EFC6}": "˪\#u{E599}\#u{95}Ï"}, "a": -2595368337553644438, "N&": {"a": "≧\#u{2029}\#u{55122}\#u{E82E1}퍵", "b": ["\#u{35A}\#u{E58F}\u0006", -317]}}}"#
        ),
        .init(
            #"{"ތ\#u{2028}"\#u{9}:"X\u06ad",\#u{A}"\u0691\u2028" :\#u{A}{ \#u{D}\#u{A} "a":{"a"\#u{A}:null,"a":\#u{A}false,"b"\#u{9}:2.47778051946499690841e+302,\#u{9}"b" \#u{D}\#u{A} : \#u{D}\#u{A} false}, \#u{D}\#u{A} "a"\#u{9}: -98,\#u{A}"b": "7","a": "", "a"\#u{A}: \#u{D}\#u{A} {}}, \#u{D}\#u{A} "a":\#u{A}{ "b"\#u{9}:null,"a": \#u{D}\#u{A} {"a" : \#u{D}\#u{A} 1.1430581062053388e-258}, "b" \#u{D}\#u{A} :"\u0093\u9457\u07d1\ue5f6\u05d3"}}"#,
            #"{"\u078c\u2028": "X\u06ad", "\u0691\u2028": {"a": {}, "b": "7"}, "a": {"b": "\u0093\u9457\u07d1\ue5f6\u05d3", "a": {"a": 1.1430581062053388e-258}}}"#,
            #"{"ތ\#u{2028}": "Xڭ", "ڑ\#u{2028}": {"a": {}, "b": "7"}, "a": {"b": "\#u{93}鑗ߑ\#u{E5F6}ד", "a": {"a": 1.1430581062053388e-258}}}"#
        ),
        .init(
            #"{\#u{9}"\u001e\u9d37\ufeb1\ud99f\udd8e" : \#u{D}\#u{A} 6.4383372895813874e-223,"\u001e鴷ﺱ\#u{77D8E}"\#u{A}:-447, \#u{D}\#u{A} "b" :null}"#,
            #"{"\u001e\u9d37\ufeb1\ud99f\udd8e": -447, "b": null}"#, #"{"\u001e鴷ﺱ\#u{77D8E}": -447, "b": null}"#),
        .init(
            #""豐\#u{2028}\#u{2028}ó\#u{7F}""#, #""\u8c50\u2028\u2028\u00f3\u007f""#, #""豐\#u{2028}\#u{2028}ó\#u{7F}""#),
        .init(
            #""\#u{ECDA}\#u{3ECAD}¶\#u{2028}à""#, #""\uecda\ud8bb\udcad\u00b6\u2028\u00e0""#,
            #""\#u{ECDA}\#u{3ECAD}¶\#u{2028}à""#),
        .init(
            #"[{"b"\#u{9}:{},"b"\#u{9}:\#u{9}{"a"\#u{9}:\#u{A}[],""\#u{9}: "\u001d","a" \#u{D}\#u{A} : 41585.584480015925,\#u{9}"":\#u{A}[-1.5872527865473763e-77\#u{A},\#u{9}false ],"": \#u{D}\#u{A} []}} ,"\ueeed\u4c5b\u4722\ud979\udda7",652100.0\#u{A}]"#,
            #"[{"b": {"a": 41585.584480015925, "": []}}, "\ueeed\u4c5b\u4722\ud979\udda7", 652100.0]"#,
            #"[{"b": {"a": 41585.584480015925, "": []}}, "\#u{EEED}䱛䜢\#u{6E5A7}", 652100.0]"#),
        .init(
            #"["\u00a3\u2029",{\#u{9}"a" : [1.2327848605741732e-260\#u{9}],"b" :\#u{9}{ "b" :-978,"\udb54\udc92"\#u{A}:\#u{A}[],\#u{9}"a": \#u{D}\#u{A} []}, \#u{D}\#u{A} "a" \#u{D}\#u{A} : {}, \#u{D}\#u{A} "a" :[ \#u{D}\#u{A} -5374911625718186220 , []]}]"#,
            #"["\u00a3\u2029", {"a": [-5374911625718186220, []], "b": {"b": -978, "\udb54\udc92": [], "a": []}}]"#,
            #"["£\#u{2029}", {"a": [-5374911625718186220, []], "b": {"b": -978, "\#u{E5092}": [], "a": []}}]"#),
        .init(#"false"#),
        .init(#"[\#u{9}false \#u{D}\#u{A} , 311 \#u{D}\#u{A} ]"#, #"[false, 311]"#),
        .init(#""\#u{E41E}""#, #""\ue41e""#, #""\#u{E41E}""#),
        .init(
            #"{\#u{9}"b":\#u{A}3.21892743255846162482e-168,"b" :\#u{9}[ \#u{D}\#u{A} false\#u{9}], \#u{D}\#u{A} "a":{},\#u{A}"b":\#u{A}"]\u0018\#u{F50C}\u0005"}"#,
            #"{"b": "]\u0018\uf50c\u0005", "a": {}}"#, #"{"b": "]\u0018\#u{F50C}\u0005", "a": {}}"#),
        .init(
            #"{""\#u{A}:{"b"\#u{A}: \#u{D}\#u{A} "\u2028\u0777\u0013\ud91a\udcb9\uf265"}}"#,
            #"{"": {"b": "\u2028\u0777\u0013\ud91a\udcb9\uf265"}}"#,
            #"{"": {"b": "\#u{2028}ݷ\u0013\#u{568B9}\#u{F265}"}}"#),
        .init(
            #"{"b"\#u{A}:0.43957690931994486, \#u{D}\#u{A} "b"\#u{A}:{\#u{A}"a":230241.1, "b":\#u{A}[],"a"\#u{A}:{}}}"#,
            #"{"b": {"a": {}, "b": []}}"#),
        .init(#"2.1839735038966094e-30"#),
        .init(
            #""\#u{D7AD9}䶁\#u{615}\#u{E11B}""#, #""\udb1e\uded9\u4d81\u0615\ue11b""#, #""\#u{D7AD9}䶁\#u{615}\#u{E11B}""#
        ),
        .init(
            #"[ \#u{D}\#u{A} "\u0006",{ "H\ud9f8\ude18\u7130":{"b"\#u{A}:false, "a": \#u{D}\#u{A} [ \#u{D}\#u{A} 9.2250200920858231e+19 \#u{D}\#u{A} , \#u{D}\#u{A} 537\#u{A},-2.60394089904524878268e+75\#u{9}], \#u{D}\#u{A} "\u48ab\u06f2"\#u{A}:\#u{A}"\u0006\u0001\u001a","\u48ab\u06f2"\#u{9}:\#u{9}3.8440791225034793e+65}, \#u{D}\#u{A} "a":[-3923176912812537088 \#u{D}\#u{A} ,[[[\#u{9}624, \#u{D}\#u{A} true ]]\#u{A},\#u{9}[], []\#u{A},[] \#u{D}\#u{A} ],208064.699547],\#u{9}"a"\#u{9}:null,\#u{A}"a"\#u{A}: \#u{D}\#u{A} "\u00fc\uf014"}\#u{9}]"#,
            #"["\u0006", {"H\ud9f8\ude18\u7130": {"b": false, "a": [9.225020092085823e+19, 537, -2.6039408990452488e+75], "\u48ab\u06f2": 3.8440791225034793e+65}, "a": "\u00fc\uf014"}]"#,
            #"["\u0006", {"H\#u{8E218}焰": {"b": false, "a": [9.225020092085823e+19, 537, -2.6039408990452488e+75], "䢫۲": 3.8440791225034793e+65}, "a": "ü\#u{F014}"}]"#
        ),
        .init(#"true"#),
        .init(#"[\#u{A}{}\#u{A},"\uf3fd" \#u{D}\#u{A} ]"#, #"[{}, "\uf3fd"]"#, #"[{}, "\#u{F3FD}"]"#),
        .init(
            #"[ \#u{D}\#u{A} {"\#u{2028}\#u{E2F5}"\#u{9}:\#u{9}{"a"\#u{A}:-180,\#u{A}"a" :null},"b" : 90}]"#,
            #"[{"\u2028\ue2f5": {"a": null}, "b": 90}]"#, #"[{"\#u{2028}\#u{E2F5}": {"a": null}, "b": 90}]"#),
        .init(
            #"{\#u{9}"a" : \#u{D}\#u{A} "",\#u{A}"b":\#u{9}[],\#u{A}"b" \#u{D}\#u{A} : \#u{D}\#u{A} { \#u{D}\#u{A} "b"\#u{9}:\#u{A}7168543222599176699}}"#,
            #"{"a": "", "b": {"b": 7168543222599176699}}"#),
        .init(
            #"[\#u{A}"\#u{2029}\#u{455F9}<\f\r" \#u{D}\#u{A} ,\#u{9}[\#u{9}{\#u{9}"b" \#u{D}\#u{A} :false, \#u{D}\#u{A} "½" : \#u{D}\#u{A} 618,"½" \#u{D}\#u{A} :-742972618960062431, "a"\#u{A}: 7470990790189803727} ]]"#,
            #"["\u2029\ud8d5\uddf9<\f\r", [{"b": false, "\u00bd": -742972618960062431, "a": 7470990790189803727}]]"#,
            #"["\#u{2029}\#u{455F9}<\f\r", [{"b": false, "½": -742972618960062431, "a": 7470990790189803727}]]"#),
        .init(
            #"{"b" :\#u{A}{},\#u{A}"b":{\#u{A}"a"\#u{9}:1.4322855316605047e-261, "\ud9a3\udfb9\u0010\uc771"\#u{A}:{"b" \#u{D}\#u{A} : \#u{D}\#u{A} null, \#u{D}\#u{A} "a"\#u{9}:\#u{9}-868,"a"\#u{A}:\#u{A}[],"b"\#u{A}:\#u{A}false},\#u{A}"b" :\#u{9}-5.80506999999999970896e+04},"b" \#u{D}\#u{A} :"",\#u{A}"a"\#u{A}:"瑨\#u{E311}ш\#u{F04F}",\#u{A}"b":false}"#,
            #"{"b": false, "a": "\u7468\ue311\u0448\uf04f"}"#, #"{"b": false, "a": "瑨\#u{E311}ш\#u{F04F}"}"#),
        .init(#"{}"#),
        .init(#"2.2044667044387132e+223"#),
        .init(
            #"[ [\#u{9}"\u2028\ud8ed\udfb3"\#u{A},\#u{9}[],[[] \#u{D}\#u{A} ,\#u{9}"",48181.356571177392],\#u{9}{\#u{9}"fM\#u{E55A}ʴ":\#u{A}"J"}] \#u{D}\#u{A} , {\#u{A}"b"\#u{9}:{"b"\#u{9}:[\#u{A}"韂\u000fq\#u{106823}\u0004"\#u{A}, \#u{D}\#u{A} [ \#u{D}\#u{A} -861 ],-1.50574542244551759337e-165\#u{A}, \#u{D}\#u{A} 2077747730971515725\#u{9}], \#u{D}\#u{A} "Ə" : [],\#u{A}"b"\#u{9}: \#u{D}\#u{A} [ "\#u{328}\u001d\u001dԮ堶"\#u{A}, -63\#u{9},\#u{A}[644408439684318.4\#u{A}]\#u{9}, \#u{D}\#u{A} [\#u{A}null,[\#u{9}"鋿\#u{9C}"]\#u{9}]\#u{A}], \#u{D}\#u{A} "a":"\n",\#u{A}"\u018f" \#u{D}\#u{A} :[[ \#u{D}\#u{A} [[\#u{A}-1.10181343863240613808e+280,\#u{9}[\#u{9}"\#u{2029}\#u{E5E0}\u0011嵽"\#u{9},\#u{A}true \#u{D}\#u{A} ],1.51220774618255e+58]\#u{9}],\#u{9}"\ud9aa\udcff\uea2d"\#u{A},[\#u{9}[\#u{9}668 \#u{D}\#u{A} ] , ""\#u{A}]\#u{9}] \#u{D}\#u{A} ,\#u{A}-1.0167476687350268e+268]},"b"\#u{9}: null,"b" : \#u{D}\#u{A} {"b":-291806750491477011, \#u{D}\#u{A} "b":\#u{9}[]},\#u{A}"a":{ \#u{D}\#u{A} "a" \#u{D}\#u{A} : \#u{D}\#u{A} -8443751984661540495, "":[[],[\#u{A}6823962116330767083 \#u{D}\#u{A} , \#u{D}\#u{A} -7310356601189526541,"ﺺB\#u{82}"\#u{A}]]}}\#u{A},{ \#u{D}\#u{A} "\#u{F09A}\#u{2028}\u0002\#u{2029}"\#u{A}:{"a": \#u{D}\#u{A} false}}\#u{9}, \#u{D}\#u{A} {\#u{A}"a":{"\u0004\#u{2029}": "", \#u{D}\#u{A} "b"\#u{A}:[true \#u{D}\#u{A} ,\#u{9}true ,\#u{9}"%\#u{2028}\#u{C6A88}\#u{7EE38}ĸ"], \#u{D}\#u{A} "b":-487646976486222.56,\#u{9}"\u0004\u2029"\#u{9}:[ \#u{D}\#u{A} true\#u{9},[ \#u{D}\#u{A} [] ,"\#u{2028}\#u{2028}"\#u{A}]\#u{A}],\#u{9}"b"\#u{9}:\#u{9}"𔔾\#u{2028}§㽁"},"b" \#u{D}\#u{A} : \#u{D}\#u{A} "\u01c0\ufafc\ud98d\udd62",\#u{A}"b":\#u{A}{}, "a":\#u{A}"\uf104"}\#u{A}]"#,
            #"[["\u2028\ud8ed\udfb3", [], [[], "", 48181.35657117739], {"fM\ue55a\u02b4": "J"}], {"b": {"b": []}, "a": {"a": -8443751984661540495, "": [[], [6823962116330767083, -7310356601189526541, "\ufebaB\u0082"]]}}, {"\uf09a\u2028\u0002\u2029": {"a": false}}, {"a": "\uf104", "b": {}}]"#,
            #"[["\#u{2028}\#u{4B7B3}", [], [[], "", 48181.35657117739], {"fM\#u{E55A}ʴ": "J"}], {"b": {"b": []}, "a": {"a": -8443751984661540495, "": [[], [6823962116330767083, -7310356601189526541, "ﺺB\#u{82}"]]}}, {"\#u{F09A}\#u{2028}\u0002\#u{2029}": {"a": false}}, {"a": "\#u{F104}", "b": {}}]"#
        ),
        .init(#""Ø[흪\u0017撶""#, #""\u00d8[\ud76a\u0017\u64b6""#, #""Ø[흪\u0017撶""#),
        .init(
            #"{ "\#u{638AE}\#u{2028}"\#u{A}: null,\#u{9}"b":"碌ܪ^", "\ud94e\udcae\u2028"\#u{9}:"",\#u{A}"\#u{638AE}\#u{2028}" \#u{D}\#u{A} :\#u{A}{ "a" \#u{D}\#u{A} :{\#u{A}"a"\#u{A}:"˨nᱢ\#u{2028}",\#u{9}"b" \#u{D}\#u{A} :true},"a": {\#u{A}"a":\#u{9}-5865528704120964373,\#u{9}"a" \#u{D}\#u{A} : \#u{D}\#u{A} -621,"b":""}, \#u{D}\#u{A} "a": {\#u{9}"b" \#u{D}\#u{A} :"\uf2cf\f", \#u{D}\#u{A} "b"\#u{9}:[[] \#u{D}\#u{A} ]},"a":\#u{A}{"\#u{C4C7A}﮶\#u{F0A6}":\#u{A}"","\udad3\udc7a\ufbb6\uf0a6":\#u{9}[\#u{A}null, "ұ８","Δ"],"a"\#u{A}:[""],"\udad3\udc7a\ufbb6\uf0a6": \#u{D}\#u{A} [ \#u{D}\#u{A} false ,-5180752359927759160 \#u{D}\#u{A} ,\#u{A}["\f\#u{2029}\#u{2028}" \#u{D}\#u{A} ,4402395641194989708 \#u{D}\#u{A} ] \#u{D}\#u{A} ],\#u{A}"\#u{C4C7A}﮶\#u{F0A6}" \#u{D}\#u{A} :true}},\#u{A}"\#u{638AE}\#u{2028}"\#u{A}:\#u{9}{\#u{A}"b":{"b"\#u{9}:"n", "b"\#u{A}:"iØ뜷\#u{AE928}",\#u{A}"a":\#u{9}"í\#u{F653}S\#u{1732}\#u{F31C}",\#u{9}"b" \#u{D}\#u{A} :""}, \#u{D}\#u{A} "b" \#u{D}\#u{A} :{\#u{9}"\u00f6":\#u{9}"\#u{3A9ED}@\#u{E15A}"},\#u{9}"\udb96\udeb7\ufd72"\#u{9}:"\u009d\ue75a\u16fa\u0409\ud8ee\udf4b"}}"#,
            #"{"\ud94e\udcae\u2028": {"b": {"\u00f6": "\ud8aa\udded@\ue15a"}, "\udb96\udeb7\ufd72": "\u009d\ue75a\u16fa\u0409\ud8ee\udf4b"}, "b": "\uf93b\u072a^"}"#,
            #"{"\#u{638AE}\#u{2028}": {"b": {"ö": "\#u{3A9ED}@\#u{E15A}"}, "\#u{F5AB7}ﵲ": "\#u{9D}\#u{E75A}\#u{16FA}Љ\#u{4BB4B}"}, "b": "碌ܪ^"}"#
        ),
        .init(#""\u8a9e""#, #""\u8a9e""#, #""語""#),
        .init(
            #"{"b" \#u{D}\#u{A} :\#u{A}{}, \#u{D}\#u{A} "b"\#u{A}: \#u{D}\#u{A} {"\#u{C1E9E}" : \#u{D}\#u{A} {\#u{9}"a"\#u{9}:57}},"b":1.48723079946706290188e-51}"#,
            #"{"b": 1.487230799467063e-51}"#),
        .init(
            #""\u2029\uf367\u20c2\uf813""#, #""\u2029\uf367\u20c2\uf813""#, #""\#u{2029}\#u{F367}\#u{20C2}\#u{F813}""#),
        .init(
            #"{"a": [{\#u{A}"b" \#u{D}\#u{A} : [ \#u{D}\#u{A} 1821204906149535984 \#u{D}\#u{A} ,[true] \#u{D}\#u{A} ,100704.92999999999\#u{A},false\#u{A}]},\#u{A}-31359.040319145493],\#u{A}"a"\#u{A}:{"a":["ɹ",-114597.56918000001\#u{9},2368563459202793208, \#u{D}\#u{A} []],\#u{A}"b"\#u{A}:{ \#u{D}\#u{A} "1'\u0004\#u{E3B2}":\#u{9}"\u2028X,i", \#u{D}\#u{A} "a":true,"b" \#u{D}\#u{A} :true, "a"\#u{9}: \#u{D}\#u{A} -972176.30000000005,"a":true},\#u{9}"\u06e7"\#u{A}:-860304.81607},\#u{9}"b"\#u{9}: \#u{D}\#u{A} true,\#u{9}"a"\#u{A}:{ "a"\#u{A}: \#u{D}\#u{A} "\#u{2029}","b" \#u{D}\#u{A} :\#u{A}[\#u{9}"",""],"b"\#u{9}:\#u{A}1.0296909873828066e-32,\#u{A}"b": \#u{D}\#u{A} [[ [\#u{9}"Ó쩿\#u{2028}\#u{10EFEA}\u001b" , \#u{D}\#u{A} [] \#u{D}\#u{A} , \#u{D}\#u{A} [\#u{A}"\#u{F9360}"\#u{9}]\#u{9},[] ] \#u{D}\#u{A} ] \#u{D}\#u{A} , \#u{D}\#u{A} -433040888973673671 ,""], "b":"A\#u{81}Ĝ\#u{F1B9}"}}"#,
            #"{"a": {"a": "\u2029", "b": "A\u0081\u011c\uf1b9"}, "b": true}"#,
            #"{"a": {"a": "\#u{2029}", "b": "A\#u{81}Ĝ\#u{F1B9}"}, "b": true}"#),
        .init(#""\u01dc\ud86c\udf68""#, #""\u01dc\ud86c\udf68""#, #""ǜ𫍨""#),
        .init(#"1.9548062371963253e+187"#),
        .init(#"true"#),
        .init(#"-4.91211130272741787140e-10"#, #"-4.912111302727418e-10"#),
        .init(#""\u72ba\u0094""#, #""\u72ba\u0094""#, #""犺\#u{94}""#),
        .init(#"188413.75399999999"#, #"188413.754"#),
        .init(
            #"{\#u{9}"a":[\#u{9}"\ud9d9\udfe0_\ud8e4\udf8d\uf648\uf5f0",\#u{9}{"a":[ "\u8c28s\u007f\u0731\uec32","\#u{E7A7}䗑\u000eԯ" \#u{D}\#u{A} ,"춞\u0002",\#u{9}[[ \#u{D}\#u{A} null\#u{A}],-16] ], \#u{D}\#u{A} "a": -2.6714006573647417e-110, \#u{D}\#u{A} "a":\#u{9}-6.555697772325867e-247, \#u{D}\#u{A} "b" \#u{D}\#u{A} :\#u{9}[[ [] \#u{D}\#u{A} ,\#u{9}false,\#u{A}[[[ \#u{D}\#u{A} "\u2028"\#u{9},\#u{9}["", [[\#u{9}[-3.8614102352270663e+156\#u{A},-7893205987130568674 ,\#u{A}9040921495796867194]\#u{9},\#u{A}-149974553456195749] , 1.0565906733505763e-36\#u{A},[]\#u{9}] \#u{D}\#u{A} , false,\#u{9}[\#u{A}null,["" \#u{D}\#u{A} ,\#u{9}-7.563187398820618e+138]]],"\u0453\u4b8aT\u2028\u1863", \#u{D}\#u{A} 63181441722970800.0]\#u{A},[\#u{A}8535633976491682194 \#u{D}\#u{A} ,"\uf861\u2029\u2028",\#u{A}[],[[-8351044166114579057\#u{A},[ \#u{D}\#u{A} []\#u{9},\#u{A}"tꘛᬖ\#u{8F}\#u{80}"],"\#u{F1D4}"\#u{A}],"ùˀ&˙嚠" ,\#u{A}-2.26582923823258183904e-166\#u{9}]] ] ,\#u{A}"\n\udabe\udf5c\u00ad" \#u{D}\#u{A} ,\#u{A}null ]] \#u{D}\#u{A} , "",-2.4315817425869932e-222\#u{9}]}],\#u{A}"b"\#u{9}:\#u{A}[{"a": \#u{D}\#u{A} [\#u{9}19, \#u{D}\#u{A} true\#u{9},\#u{9}"\u44a3" ,\#u{9}null],\#u{A}"a" \#u{D}\#u{A} : -580,"a":"᮳\#u{F617}", "b":-5.30860969999999972060e+05}\#u{A}],"b"\#u{A}:{"":\#u{A}{\#u{9}"a"\#u{9}:1.186129983647409e+144,\#u{A}"a":\#u{9}[],"a": \#u{D}\#u{A} [\#u{9}[\#u{9}"\u0013"\#u{A}, null] ,-2353935043453860331\#u{9},"\ud99d\udd7a\ud9f6\udc14\u7973\u0003"\#u{9}]},\#u{9}""\#u{9}:\#u{A}"\ue945\ue7b6\udac9\udd5c"}, \#u{D}\#u{A} "a": \#u{D}\#u{A} {\#u{9}"b": \#u{D}\#u{A} null,"a":[ "", null,\#u{9}3274175550591742995], "a" \#u{D}\#u{A} :\#u{A}{"a"\#u{9}:false, \#u{D}\#u{A} "\uebbb\u00ba\u00ab\uf018": [[\#u{9}[ -8.35420000000000000000e+04,\#u{9}-279,-1.3247190679417933e-17, [ \#u{D}\#u{A} false] \#u{D}\#u{A} ]\#u{9},\#u{A}true ]\#u{A},\#u{9}[\#u{A}"ӟ" \#u{D}\#u{A} ],-6.9298427468670105e+266 ,false \#u{D}\#u{A} ]}, "b"\#u{A}: { "b" \#u{D}\#u{A} :true},"a"\#u{A}:[]},\#u{A}"b"\#u{9}:628}"#,
            #"{"a": {"b": {"b": true}, "a": []}, "b": 628}"#),
        .init(
            #"[\#u{9}{\#u{9}""\#u{9}: {"a":\#u{A}[], \#u{D}\#u{A} "a"\#u{A}:7210572664816452565},"":{"b":\#u{A}[ \#u{D}\#u{A} [],true], \#u{D}\#u{A} "\#u{7988C}׆\\":"\u7d71","\#u{7988C}׆\\":\#u{A}-3288220895138653408},\#u{9}"a"\#u{9}:{\#u{A}"b"\#u{9}:\#u{A}-719578290675223405},"a" :-1636231872128713075}\#u{A},{"j姘":\#u{A}{"b" \#u{D}\#u{A} : -1.26215239161779e+204,"": [\#u{9}1.1962803780909962e+251 \#u{D}\#u{A} ,\#u{A}"\#u{EF04}Ø" ,\#u{9}-5079297755717212063 \#u{D}\#u{A} ],"b"\#u{A}:\#u{A}null},"\u051e\u2029y\u00ad": "Q曽\u00055P","a":{\#u{9}"a":true, "\#u{38E4F}Ȩ":\#u{A}"","a":"\uda09\udf74\u04b6\u00a4"}}, [\#u{A}"֊\u001c",{"b":\#u{9}false, "a" \#u{D}\#u{A} :"\u041c\f"}, \#u{D}\#u{A} "\u0011\#u{8B}툱\#u{9F}",{"\#u{BB30D}宔b顁":null,"a"\#u{9}: \#u{D}\#u{A} [\#u{A}3.0140489527592474e+18 \#u{D}\#u{A} ,\#u{A}-54,\#u{9}false,"\#u{F6D1}\#u{2028}M\#u{2028}" ], "\udaac\udf0d\u5b94b\u9841"\#u{9}: \#u{D}\#u{A} [\#u{A}"\uf020D_\u8fb8\ud9b9\uddbe",-371638.01370000001 \#u{D}\#u{A} ,false \#u{D}\#u{A} , false\#u{A}],"a" : \#u{D}\#u{A} 8292590145849275.0}], null \#u{D}\#u{A} ]"#,
            #"[{"": {"b": [[], true], "\ud9a6\udc8c\u05c6\\": -3288220895138653408}, "a": -1636231872128713075}, {"j\u59d8": {"b": null, "": [1.1962803780909962e+251, "\uef04\u00d8", -5079297755717212063]}, "\u051e\u2029y\u00ad": "Q\u66fd\u00055P", "a": {"a": "\uda09\udf74\u04b6\u00a4", "\ud8a3\ude4f\u0228": ""}}, ["\u058a\u001c", {"b": false, "a": "\u041c\f"}, "\u0011\u008b\ud231\u009f", {"\udaac\udf0d\u5b94b\u9841": ["\uf020D_\u8fb8\ud9b9\uddbe", -371638.0137, false, false], "a": 8292590145849275.0}], null]"#,
            #"[{"": {"b": [[], true], "\#u{7988C}׆\\": -3288220895138653408}, "a": -1636231872128713075}, {"j姘": {"b": null, "": [1.1962803780909962e+251, "\#u{EF04}Ø", -5079297755717212063]}, "Ԟ\#u{2029}y\#u{AD}": "Q曽\u00055P", "a": {"a": "\#u{92774}Ҷ¤", "\#u{38E4F}Ȩ": ""}}, ["֊\u001c", {"b": false, "a": "М\f"}, "\u0011\#u{8B}툱\#u{9F}", {"\#u{BB30D}宔b顁": ["\#u{F020}D_辸\#u{7E5BE}", -371638.0137, false, false], "a": 8292590145849275.0}], null]"#
        ),
        .init(#"{ \#u{D}\#u{A} "b" \#u{D}\#u{A} :\#u{A}832860533266857522}"#, #"{"b": 832860533266857522}"#),
        .init(
            #"[true ,[ \#u{D}\#u{A} 6099812949320283005\#u{9},[90529.70932266957] \#u{D}\#u{A} ],{}]"#,
            #"[true, [6099812949320283005, [90529.70932266957]], {}]"#),
        .init(
            #"[ \#u{D}\#u{A} {"b" \#u{D}\#u{A} :{}, \#u{D}\#u{A} "b"\#u{9}:{"b"\#u{9}: 6285180998937989044,\#u{9}"a"\#u{9}:\#u{A}-7.62404388014610080206e-04,\#u{9}"b"\#u{A}:["\#u{101A05}\u001d\#u{2028}¶" \#u{D}\#u{A} ,807 \#u{D}\#u{A} ,"\uce69"\#u{9}],\#u{9}"a" : \#u{D}\#u{A} "҂J"},"b":\#u{9}{ "b"\#u{A}: \#u{D}\#u{A} "ç\u0003","b" \#u{D}\#u{A} :null,"a" :[\#u{A}false, 1926050839936654807 \#u{D}\#u{A} ,"\u00eb\u0091\u8972\ub879", \#u{D}\#u{A} -347\#u{9}], "a":[ \#u{D}\#u{A} 5072981117256017950 ], "a": [[]\#u{A}]},\#u{9}"b" \#u{D}\#u{A} :null}\#u{A},-1.27071702662097443516e-295 \#u{D}\#u{A} ]"#,
            #"[{"b": null}, -1.2707170266209744e-295]"#),
        .init(#""""#),
        .init(
            #"[{"a" : \#u{D}\#u{A} true,"b" : \#u{D}\#u{A} { \#u{D}\#u{A} "b"\#u{9}:-500,"b" \#u{D}\#u{A} :\#u{A}[ \#u{D}\#u{A} 854, [[\#u{9}[\#u{9}[ \#u{D}\#u{A} -949,false ,775, \#u{D}\#u{A} 9.692973047322425e-292 ],-929]\#u{A}]\#u{A}, \#u{D}\#u{A} [["³"\#u{A},\#u{9}"\ue995"\#u{A}]\#u{A},9.668198496530057e+41 \#u{D}\#u{A} ] \#u{D}\#u{A} ,1.8254329229800027e-213]\#u{A}],"\ud365\ud987\udc94\udb4f\udc2c:" \#u{D}\#u{A} :\#u{9}2.3716480263385909e-237,"a"\#u{9}:""},"巹":\#u{A}true,"b":"",\#u{A}"b"\#u{9}:"\udbc0\ude04"}, [\#u{9}{"a" :\#u{A}[\#u{9}[ \#u{D}\#u{A} [ \#u{D}\#u{A} [638, \#u{D}\#u{A} ""\#u{9}, \#u{D}\#u{A} 33\#u{9}, true] , null\#u{9},[]\#u{A}],\#u{A}["\ue037\u00d7\u0005\udb5c\udc27" \#u{D}\#u{A} ],"\uda88\udc7b\u8f72\udb19\udfdc",\#u{9}[\#u{9}[88596321.55720545\#u{A}]\#u{A}]] \#u{D}\#u{A} ]}\#u{9}, 8.413537026556903e-13 \#u{D}\#u{A} ,\#u{A}[[ \#u{D}\#u{A} "\#u{EA67}^ﱌ\u001c\u0003",["\#u{F74A}\#u{6569B}\#u{F58B3}²"\#u{9},[ "\u9b20\u2489",\#u{9}null] ,"",\#u{9}[[ [ \#u{D}\#u{A} "\udaff\udf31" ,true\#u{9}]]\#u{9},\#u{9}"\uc206\udb0d\udea4",\#u{A}true] \#u{D}\#u{A} ] ,\#u{9}[\#u{9}"~䩞F\#u{367}"],192 ]\#u{9}, true] ,[[ \#u{D}\#u{A} false \#u{D}\#u{A} ]] ],-314,{ "W\u001d":{},"a": \#u{D}\#u{A} [],"a" :[1.24960114291688733970e-251 \#u{D}\#u{A} ],\#u{A}"\#u{2029}ﾎf惌" \#u{D}\#u{A} :"\#u{2028}"}]"#,
            #"[{"a": true, "b": "\udbc0\ude04", "\u5df9": true}, [{"a": [[[[638, "", 33, true], null, []], ["\ue037\u00d7\u0005\udb5c\udc27"], "\uda88\udc7b\u8f72\udb19\udfdc", [[88596321.55720545]]]]}, 8.413537026556903e-13, [["\uea67^\ufc4c\u001c\u0003", ["\uf74a\ud955\ude9b\udb96\udcb3\u00b2", ["\u9b20\u2489", null], "", [[["\udaff\udf31", true]], "\uc206\udb0d\udea4", true]], ["~\u4a5eF\u0367"], 192], true], [[false]]], -314, {"W\u001d": {}, "a": [1.2496011429168873e-251], "\u2029\uff8ef\u60cc": "\u2028"}]"#,
            #"[{"a": true, "b": "\#u{100204}", "巹": true}, [{"a": [[[[638, "", 33, true], null, []], ["\#u{E037}×\u0005\#u{E7027}"], "\#u{B207B}轲\#u{D67DC}", [[88596321.55720545]]]]}, 8.413537026556903e-13, [["\#u{EA67}^ﱌ\u001c\u0003", ["\#u{F74A}\#u{6569B}\#u{F58B3}²", ["鬠⒉", null], "", [[["\#u{CFF31}", true]], "숆\#u{D36A4}", true]], ["~䩞F\#u{367}"], 192], true], [[false]]], -314, {"W\u001d": {}, "a": [1.2496011429168873e-251], "\#u{2029}ﾎf惌": "\#u{2028}"}]"#
        ),
        .init(
            #"{"b" \#u{D}\#u{A} :\#u{9}"\u001d׆彺ﳄ",\#u{9}"a"\#u{A}:{ "a" \#u{D}\#u{A} : 1913498817945012022,"b": \#u{D}\#u{A} {\#u{9}"ʥu\#u{E3F86}"\#u{9}: \#u{D}\#u{A} "","b"\#u{A}:\#u{9}757590.69999999995,"ʥu\#u{E3F86}" \#u{D}\#u{A} :[ false , \#u{D}\#u{A} true , [[ \#u{D}\#u{A} [ 3.81939934520000009798e+05\#u{9},true\#u{9},"\ud964\ude3d\uf3de\u0083\ueb8b"\#u{9},[ "\u0010o" ,[ \#u{D}\#u{A} -2.11282805038738227859e+170\#u{A},\#u{9}[[ -146967.0\#u{A},\#u{9}true ] ,0.9771705080073765\#u{A},"仯" \#u{D}\#u{A} ,[]\#u{9}]]\#u{A},\#u{A}[-8181464705726889999, \#u{D}\#u{A} 33 ,[] \#u{D}\#u{A} ]]\#u{A}]] ]\#u{A}],"a":\#u{9}[]},\#u{9}"b" \#u{D}\#u{A} :{"a" :"\u0014\u3454\u2029\ued8d",\#u{A}"b" \#u{D}\#u{A} :[ "m\u000eo\#u{E9D8}Ù",[[[[null\#u{A},-1.3938118290168557e-05, []] , -1.61634921056400101658e-13\#u{9}, null ,-8050802480364756563],false\#u{A}] \#u{D}\#u{A} ,\#u{A}-3.020987928413657e-06 ,[\#u{9}[7115062237660494168],\#u{A}null ,\#u{A}"\t\u9493\ufe8a\ue154",\#u{A}[ \#u{D}\#u{A} [ "\ufcca\ue44c\r"\#u{A},\#u{A}false ]\#u{A},1205941674429042749,"Ӓ\#u{7EE}쪨" \#u{D}\#u{A} ,\#u{9}"\#u{2029}\u000e"]]]],"a" \#u{D}\#u{A} :\#u{9}9102036503619300189,\#u{A}"b":\#u{A}true}},\#u{9}"\u00c1\ud81d\udcca"\#u{9}:"\u3d9f\u0012\u00e8"}"#,
            #"{"b": "\u001d\u05c6\u5f7a\ufcc4", "a": {"a": 1913498817945012022, "b": {"a": 9102036503619300189, "b": true}}, "\u00c1\ud81d\udcca": "\u3d9f\u0012\u00e8"}"#,
            #"{"b": "\u001d׆彺ﳄ", "a": {"a": 1913498817945012022, "b": {"a": 9102036503619300189, "b": true}}, "Á𗓊": "㶟\u0012è"}"#
        ),
        .init(#"[\#u{9}"\u2028\u00d6\ue4d0"\#u{A}]"#, #"["\u2028\u00d6\ue4d0"]"#, #"["\#u{2028}Ö\#u{E4D0}"]"#),
        .init(#"-6732741821683644553"#),
        .init(
            #"{"b" :\#u{9}{"b":{"b": [], "a": \#u{D}\#u{A} "\#u{66CD6}D｛龟\u001a"}, "a":-1.11503063281801595062e+278,"b" \#u{D}\#u{A} :{\#u{9}"\#u{2029}離\#u{EE84}ꐘ":\#u{A}true,\#u{A}"a"\#u{A}:"\ud925\udc27\udad7\uddef\f", "a"\#u{9}:\#u{9}"\u001d","\#u{2029}離\#u{EE84}ꐘ":true},"a": \#u{D}\#u{A} {}, \#u{D}\#u{A} "a" :[[ \#u{D}\#u{A} null \#u{D}\#u{A} ,\#u{A}[[false \#u{D}\#u{A} ,"\#u{62980}й" \#u{D}\#u{A} ,[\#u{A}["\u0014\ud98a\udd77\u0704\u2783" ,"m" \#u{D}\#u{A} ,"\u00c7\uae6a\u0013&\u1185"\#u{A},\#u{9}[ null , \#u{D}\#u{A} [] \#u{D}\#u{A} ,[true\#u{A},-5173030281374123825\#u{A}, \#u{D}\#u{A} "C\#u{B42B5}㗅",4.705776617731479e-78 ]\#u{A}, [\#u{A}"竆",7060877791454220688 ]]]\#u{A},true \#u{D}\#u{A} ,\#u{A}true \#u{D}\#u{A} ]\#u{9}, \#u{D}\#u{A} 3.32660412219999998342e+05\#u{A}]\#u{9}, "",-8.24609038399999990361e+04 ,false],"\u0314"]]},"a"\#u{A}:\#u{9}{ "\#u{F4BE2}" \#u{D}\#u{A} : \#u{D}\#u{A} [\#u{A}true],\#u{A}"a": null}}"#,
            #"{"b": {"b": {"\u2029\uf9ea\uee84\ua418": true, "a": "\u001d"}, "a": [[null, [[false, "\ud94a\udd80\u0439", [["\u0014\ud98a\udd77\u0704\u2783", "m", "\u00c7\uae6a\u0013&\u1185", [null, [], [true, -5173030281374123825, "C\uda90\udeb5\u35c5", 4.705776617731479e-78], ["\u7ac6", 7060877791454220688]]], true, true], 332660.41222], "", -82460.90384, false], "\u0314"]]}, "a": {"\udb92\udfe2": [true], "a": null}}"#,
            #"{"b": {"b": {"\#u{2029}離\#u{EE84}ꐘ": true, "a": "\u001d"}, "a": [[null, [[false, "\#u{62980}й", [["\u0014\#u{72977}܄➃", "m", "Ç깪\u0013&ᆅ", [null, [], [true, -5173030281374123825, "C\#u{B42B5}㗅", 4.705776617731479e-78], ["竆", 7060877791454220688]]], true, true], 332660.41222], "", -82460.90384, false], "\#u{314}"]]}, "a": {"\#u{F4BE2}": [true], "a": null}}"#
        ),
        .init(
            #"[{\#u{A}"a" :true, "b":null, \#u{D}\#u{A} ""\#u{9}: -7541257288646488723,"a":true,\#u{A}"":[[ [\#u{A}-1.13118201210696754172e+25 ,\#u{A}[false \#u{D}\#u{A} ,"r"\#u{9}, [-7986946634761601564,\#u{9}false\#u{A}],\#u{A}"\u2028\uf65b\u0140"\#u{A}] \#u{D}\#u{A} ,-1.059707516222163e+40, true\#u{A}],\#u{9}"" ,-3.097719229523471e-90 \#u{D}\#u{A} ]\#u{A},-3.56295005635661529088e+21 \#u{D}\#u{A} ]} \#u{D}\#u{A} ]"#,
            #"[{"a": true, "b": null, "": [[[-1.1311820121069675e+25, [false, "r", [-7986946634761601564, false], "\u2028\uf65b\u0140"], -1.059707516222163e+40, true], "", -3.097719229523471e-90], -3.5629500563566153e+21]}]"#,
            #"[{"a": true, "b": null, "": [[[-1.1311820121069675e+25, [false, "r", [-7986946634761601564, false], "\#u{2028}\#u{F65B}ŀ"], -1.059707516222163e+40, true], "", -3.097719229523471e-90], -3.5629500563566153e+21]}]"#
        ),
        .init(#"{}"#),
        .init(
            #"{ \#u{D}\#u{A} "b"\#u{A}:[[\#u{9}null,4257156944762030570,[ \#u{D}\#u{A} "\u2028"\#u{A}],false],\#u{A}false ,{},\#u{A}true\#u{9}]}"#,
            #"{"b": [[null, 4257156944762030570, ["\u2028"], false], false, {}, true]}"#,
            #"{"b": [[null, 4257156944762030570, ["\#u{2028}"], false], false, {}, true]}"#),
        .init(
            #"{ "\u0013\u0514\u560d": { "a": \#u{D}\#u{A} { \#u{D}\#u{A} "a": "\#u{7A0E7}\#u{9B7EA}","b":[[[\#u{A}"ÙÖ\#u{2029}\#u{8BB5A}"\#u{A}, \#u{D}\#u{A} "\ud919\udc6a" ,\#u{9}"\#u{E23E}\#u{1018B1}\#u{E37E}\#u{1CFD6}é" ],\#u{A}"\u2029", [ \#u{D}\#u{A} [ [\#u{9}734\#u{9},[true\#u{A},"" \#u{D}\#u{A} ,\#u{9}["\u0099" , \#u{D}\#u{A} [[\#u{A}false,[] \#u{D}\#u{A} ],"ö",-5150261894801883788,\#u{9}[ \#u{D}\#u{A} -1.1550289861694285e+21,\#u{9}179, "\u00f9" ]\#u{9}] \#u{D}\#u{A} ,\#u{A}-16585459149634059]] ,-8727305386216748673]], true\#u{9}, true ]] ,\#u{9}"÷\u0015ߴ\#u{2028}Å"\#u{A},null \#u{D}\#u{A} ],\#u{9}"a":null, \#u{D}\#u{A} "\ud8c5\udd28": 2527433793338136923},"b": {"b": false}}}"#,
            #"{"\u0013\u0514\u560d": {"a": {"a": null, "b": [[["\u00d9\u00d6\u2029\ud9ee\udf5a", "\ud919\udc6a", "\ue23e\udbc6\udcb1\ue37e\ud833\udfd6\u00e9"], "\u2029", [[[734, [true, "", ["\u0099", [[false, []], "\u00f6", -5150261894801883788, [-1.1550289861694285e+21, 179, "\u00f9"]], -16585459149634059]], -8727305386216748673]], true, true]], "\u00f7\u0015\u07f4\u2028\u00c5", null], "\ud8c5\udd28": 2527433793338136923}, "b": {"b": false}}}"#,
            #"{"\u0013Ԕ嘍": {"a": {"a": null, "b": [[["ÙÖ\#u{2029}\#u{8BB5A}", "\#u{5646A}", "\#u{E23E}\#u{1018B1}\#u{E37E}\#u{1CFD6}é"], "\#u{2029}", [[[734, [true, "", ["\#u{99}", [[false, []], "ö", -5150261894801883788, [-1.1550289861694285e+21, 179, "ù"]], -16585459149634059]], -8727305386216748673]], true, true]], "÷\u0015ߴ\#u{2028}Å", null], "\#u{41528}": 2527433793338136923}, "b": {"b": false}}}"#
        ),
    ]
    static let randomDoubles: [(input: String, python: String)] = [
        (#"21996634.827892557"#, #"21996634.827892557"#),
        (#"3.903207117641994e-236"#, #"3.903207117641994e-236"#),
        (#"73320.275999999998"#, #"73320.276"#),
        (#"-1.0881279903632972e-38"#, #"-1.0881279903632972e-38"#),
        (#"-2.1177246541057855e-89"#, #"-2.1177246541057855e-89"#),
        (#"-5.692342264851233e-09"#, #"-5.692342264851233e-09"#),
        (#"-5.4924383110975043e+209"#, #"-5.492438311097504e+209"#),
        (#"368925.0"#, #"368925.0"#),
        (#"-7.01045135299999965355e+05"#, #"-701045.1353"#),
        (#"-1.16362106576161130975e+126"#, #"-1.1636210657616113e+126"#),
        (#"2.56351775279766850083e-05"#, #"2.5635177527976685e-05"#),
        (#"-3960690815659.9487"#, #"-3960690815659.9487"#),
        (#"9.289718161882912e+104"#, #"9.289718161882912e+104"#),
        (#"3.3884840656694268e-295"#, #"3.3884840656694268e-295"#),
        (#"-2.7801335374870905e+20"#, #"-2.7801335374870905e+20"#),
        (#"4.74571746849999995902e+05"#, #"474571.74685"#),
        (#"-5.895334077061475e+118"#, #"-5.895334077061475e+118"#),
        (#"0.0077016386167154827"#, #"0.007701638616715483"#),
        (#"1.5786812593616188e+78"#, #"1.5786812593616188e+78"#),
        (#"5877340158085.756"#, #"5877340158085.756"#),
        (#"-1.623025370903362e+260"#, #"-1.623025370903362e+260"#),
        (#"-5.98189634927359254387e-11"#, #"-5.981896349273593e-11"#),
        (#"2.78461804281567117993e+212"#, #"2.784618042815671e+212"#),
        (#"-528234.19999999995"#, #"-528234.2"#),
        (#"9.083707094074241e-14"#, #"9.083707094074241e-14"#),
        (#"0.00047283127015238245"#, #"0.00047283127015238245"#),
        (#"1.13675537028255872366e+248"#, #"1.1367553702825587e+248"#),
        (#"1.8455256229953809e+26"#, #"1.845525622995381e+26"#),
        (#"4.9131362532350498e-51"#, #"4.91313625323505e-51"#),
        (#"-2.66483752577054250000e+14"#, #"-266483752577054.25"#),
        (#"-0.00023883044760382015"#, #"-0.00023883044760382015"#),
        (#"10564296305.746401"#, #"10564296305.7464"#),
        (#"-532736.44799999997"#, #"-532736.448"#),
        (#"3.93149199999999982538e+04"#, #"39314.92"#),
        (#"3.7144980390628345e+135"#, #"3.7144980390628345e+135"#),
        (#"1.1129648993276976e-05"#, #"1.1129648993276976e-05"#),
        (#"-3.90782978799999982584e+05"#, #"-390782.9788"#),
        (#"-2.8194907111464192e+296"#, #"-2.8194907111464192e+296"#),
        (#"-9.978057226965345e+167"#, #"-9.978057226965345e+167"#),
        (#"2.5636726827178275e-104"#, #"2.5636726827178275e-104"#),
        (#"616426.59999999998"#, #"616426.6"#),
        (#"-2.10551824658206229834e+174"#, #"-2.1055182465820623e+174"#),
        (#"4.05064301170280570997e-252"#, #"4.0506430117028057e-252"#),
        (#"-1.19588732323999996879e+05"#, #"-119588.732324"#),
        (#"-2.0373469909525816e-194"#, #"-2.0373469909525816e-194"#),
        (#"-5.6880588306451103e-38"#, #"-5.68805883064511e-38"#),
        (#"-480761.42825"#, #"-480761.42825"#),
        (#"48842.236364"#, #"48842.236364"#),
        (#"-4.1936416714758516e-305"#, #"-4.1936416714758516e-305"#),
        (#"-2.440120706621406e+144"#, #"-2.440120706621406e+144"#),
        (#"1.50097529539466645889e+289"#, #"1.5009752953946665e+289"#),
        (#"-6080209.7894160738"#, #"-6080209.789416074"#),
        (#"70.184298077313784"#, #"70.18429807731378"#),
        (#"-29375671468.63207"#, #"-29375671468.63207"#),
        (#"1.22433954004534601998e-261"#, #"1.224339540045346e-261"#),
        (#"-4.840418458743809e+72"#, #"-4.840418458743809e+72"#),
        (#"771321.27"#, #"771321.27"#),
        (#"-3.86004287477147900391e+12"#, #"-3860042874771.479"#),
        (#"1.6421617816894271e+64"#, #"1.642161781689427e+64"#),
        (#"3.70829153114396999680e+19"#, #"3.70829153114397e+19"#),
        (#"4.13030964146828937165e+284"#, #"4.1303096414682894e+284"#),
        (#"-8.3201583633414645e-246"#, #"-8.320158363341465e-246"#),
        (#"-35753.656431"#, #"-35753.656431"#),
        (#"1.19637813000000005559e+04"#, #"11963.7813"#),
        (#"-3.03556787262483918077e-02"#, #"-0.030355678726248392"#),
        (#"-370759.89500000002"#, #"-370759.895"#),
        (#"911281.675788"#, #"911281.675788"#),
        (#"7.08419443093396569590e+59"#, #"7.084194430933966e+59"#),
        (#"0.0086538360752925168"#, #"0.008653836075292517"#),
        (#"1.73240622451571621027e-53"#, #"1.7324062245157162e-53"#),
        (#"3.1023241734654982e-10"#, #"3.102324173465498e-10"#),
        (#"735554.0"#, #"735554.0"#),
        (#"1.30426475721869120427e-209"#, #"1.3042647572186912e-209"#),
        (#"3.5493932447121257e-47"#, #"3.5493932447121257e-47"#),
        (#"-377142515544829.56"#, #"-377142515544829.56"#),
        (#"-6.53406415458321158264e-12"#, #"-6.5340641545832116e-12"#),
        (#"847840.58"#, #"847840.58"#),
        (#"-6.82104551099973e+83"#, #"-6.82104551099973e+83"#),
        (#"9113699072497.5938"#, #"9113699072497.594"#),
        (#"280274.81"#, #"280274.81"#),
        (#"-2.50016168874142259200e+18"#, #"-2.5001616887414226e+18"#),
        (#"-976.49000000000001"#, #"-976.49"#),
        (#"5.98908800859999959357e+05"#, #"598908.80086"#),
        (#"-2.9474193911016702e+290"#, #"-2.9474193911016702e+290"#),
        (#"-9.27345773179976046507e+99"#, #"-9.27345773179976e+99"#),
        (#"5.550367909715719e+17"#, #"5.550367909715719e+17"#),
        (#"2.7685850938691712e+175"#, #"2.7685850938691712e+175"#),
        (#"-1.773253241108198e-135"#, #"-1.773253241108198e-135"#),
        (#"5.420879552994804e+19"#, #"5.420879552994804e+19"#),
        (#"-565601369430.192"#, #"-565601369430.192"#),
        (#"-3.0226072378282644e-87"#, #"-3.0226072378282644e-87"#),
        (#"-1.80466841609560501485e-04"#, #"-0.0001804668416095605"#),
        (#"2.22346488532838955994e+153"#, #"2.2234648853283896e+153"#),
        (#"440678.83"#, #"440678.83"#),
        (#"986619.73710000003"#, #"986619.7371"#),
        (#"-1.34160920000000012806e+05"#, #"-134160.92"#),
        (#"10574521654355.307"#, #"10574521654355.307"#),
        (#"-5.85700259736123956302e-125"#, #"-5.85700259736124e-125"#),
        (#"1.90618910023365980679e-270"#, #"1.90618910023366e-270"#),
        (#"3851026468.316039"#, #"3851026468.316039"#),
        (#"0.009490078678848048"#, #"0.009490078678848048"#),
        (#"-0.0076493824978788915"#, #"-0.0076493824978788915"#),
        (#"-6.5688836676794377e-11"#, #"-6.568883667679438e-11"#),
        (#"-932124.4878"#, #"-932124.4878"#),
        (#"1016.2449862955514"#, #"1016.2449862955514"#),
        (#"-128527.562"#, #"-128527.562"#),
        (#"-568757.26983999996"#, #"-568757.26984"#),
        (#"-1.324364348682956e-05"#, #"-1.324364348682956e-05"#),
        (#"7.835414124961527e+296"#, #"7.835414124961527e+296"#),
        (#"3043850592667.29"#, #"3043850592667.29"#),
        (#"4415262.626369243"#, #"4415262.626369243"#),
        (#"-4.73805271999999997206e+05"#, #"-473805.272"#),
        (#"3.0432462725638934e+20"#, #"3.0432462725638934e+20"#),
        (#"3.08958851358450468987e+256"#, #"3.089588513584505e+256"#),
        (#"-544616.9622"#, #"-544616.9622"#),
        (#"1.0748222298682294e-112"#, #"1.0748222298682294e-112"#),
        (#"-1.8902555629039177e-06"#, #"-1.8902555629039177e-06"#),
        (#"5.79796000000000000000e+05"#, #"579796.0"#),
        (#"-3.8487299791229394e+49"#, #"-3.8487299791229394e+49"#),
        (#"-656162.69999999995"#, #"-656162.7"#),
        (#"-4.18558892842404191490e-07"#, #"-4.185588928424042e-07"#),
        (#"-7.0377738351194711e+98"#, #"-7.037773835119471e+98"#),
        (#"2.3729609164436025e+68"#, #"2.3729609164436025e+68"#),
        (#"4.17718292189805253462e-257"#, #"4.1771829218980525e-257"#),
        (#"1.5165471478507953e-84"#, #"1.5165471478507953e-84"#),
        (#"-619878891384.28674"#, #"-619878891384.2867"#),
        (#"93376224.763268054"#, #"93376224.76326805"#),
        (#"4.92068405269384209532e+05"#, #"492068.4052693842"#),
        (#"1.1625543654650401e-116"#, #"1.1625543654650401e-116"#),
        (#"-3.6644333607495974e+146"#, #"-3.6644333607495974e+146"#),
        (#"6.6301753667522905e-234"#, #"6.63017536675229e-234"#),
        (#"2.54399640349073505476e+303"#, #"2.543996403490735e+303"#),
        (#"-812529.0"#, #"-812529.0"#),
        (#"8.46961384067652224659e-06"#, #"8.469613840676522e-06"#),
        (#"-2.0587352748541944e-212"#, #"-2.0587352748541944e-212"#),
        (#"2.40292275175767754601e+304"#, #"2.4029227517576775e+304"#),
        (#"8.05637113441256535735e-08"#, #"8.056371134412565e-08"#),
        (#"113426.532379"#, #"113426.532379"#),
        (#"-8.87691652028257587200e+18"#, #"-8.876916520282576e+18"#),
        (#"-0.077344028538847587"#, #"-0.07734402853884759"#),
        (#"-1.4633176403027967e-269"#, #"-1.4633176403027967e-269"#),
        (#"-776235.90000000002"#, #"-776235.9"#),
        (#"-3.72042198979999986477e+05"#, #"-372042.19898"#),
        (#"-435585.037"#, #"-435585.037"#),
        (#"-259007.95999999999"#, #"-259007.96"#),
        (#"2.149951476052074e-297"#, #"2.149951476052074e-297"#),
        (#"-1.3543041011450763e-184"#, #"-1.3543041011450763e-184"#),
        (#"331875.057"#, #"331875.057"#),
        (#"2.2084352352631564e-125"#, #"2.2084352352631564e-125"#),
        (#"-904690.0"#, #"-904690.0"#),
        (#"1.3766078814873027e+220"#, #"1.3766078814873027e+220"#),
        (#"-8.42527942099999985658e+05"#, #"-842527.9421"#),
        (#"-44230.940000000002"#, #"-44230.94"#),
        (#"-3.33345524115324467923e+157"#, #"-3.3334552411532447e+157"#),
        (#"-3.5693892181276844e+170"#, #"-3.5693892181276844e+170"#),
        (#"9.76209500065740107604e+89"#, #"9.762095000657401e+89"#),
        (#"4.4682496723848898e+261"#, #"4.46824967238489e+261"#),
        (#"-380689602.18540007"#, #"-380689602.18540007"#),
        (#"-2.020575453951362e-300"#, #"-2.020575453951362e-300"#),
        (#"-4.7373826343834407e-134"#, #"-4.737382634383441e-134"#),
        (#"-4.4408370085928931e-147"#, #"-4.440837008592893e-147"#),
        (#"7.66388487241363501189e+231"#, #"7.663884872413635e+231"#),
        (#"4399.1291808813767"#, #"4399.129180881377"#),
        (#"7.0948957632562711e-179"#, #"7.094895763256271e-179"#),
        (#"-2.5852370167396457e-10"#, #"-2.5852370167396457e-10"#),
        (#"-1.58914412379118324554e+97"#, #"-1.5891441237911832e+97"#),
        (#"-2.3221133043072692e+296"#, #"-2.3221133043072692e+296"#),
        (#"-6.479263205486018e-11"#, #"-6.479263205486018e-11"#),
        (#"2.0463193384516854e+19"#, #"2.0463193384516854e+19"#),
        (#"770467.0"#, #"770467.0"#),
        (#"-8.28917080664401244632e-08"#, #"-8.289170806644012e-08"#),
        (#"0.47473326507705416"#, #"0.47473326507705416"#),
        (#"6.32927380629151302855e+04"#, #"63292.73806291513"#),
        (#"-594628.026"#, #"-594628.026"#),
        (#"-2.13478702793335311262e+269"#, #"-2.134787027933353e+269"#),
        (#"477213.12199999997"#, #"477213.122"#),
        (#"-8.6255103089152159e-07"#, #"-8.625510308915216e-07"#),
        (#"88963.529999999999"#, #"88963.53"#),
        (#"4.89097180053788511458e-68"#, #"4.890971800537885e-68"#),
        (#"-0.0013542634022715649"#, #"-0.0013542634022715649"#),
        (#"-4.192878484810663e+41"#, #"-4.192878484810663e+41"#),
        (#"2.2671330830308483e-10"#, #"2.2671330830308483e-10"#),
        (#"-31810293.331117839"#, #"-31810293.33111784"#),
        (#"-3.59805956999999994878e+05"#, #"-359805.957"#),
        (#"4.97557179772687422429e+213"#, #"4.975571797726874e+213"#),
        (#"-4.712076023841015e-32"#, #"-4.712076023841015e-32"#),
        (#"7.9902782045769502e-196"#, #"7.99027820457695e-196"#),
        (#"-9.4973035581308866e-106"#, #"-9.497303558130887e-106"#),
        (#"1.35343737461788509397e-67"#, #"1.3534373746178851e-67"#),
        (#"-3.63926968475000001490e+05"#, #"-363926.968475"#),
        (#"-7.30981482218226171606e+106"#, #"-7.309814822182262e+106"#),
        (#"-2.24281000000000000000e+05"#, #"-224281.0"#),
        (#"-1.54353780545091e-153"#, #"-1.54353780545091e-153"#),
        (#"89.655685663005144"#, #"89.65568566300514"#),
        (#"4.605891662329843e-132"#, #"4.605891662329843e-132"#),
        (#"2.9645073325659653e+28"#, #"2.9645073325659653e+28"#),
        (#"6.064478472883053"#, #"6.064478472883053"#),
        (#"142261.99927999999"#, #"142261.99928"#),
        (#"5.5321923575935815e-40"#, #"5.5321923575935815e-40"#),
        (#"2.06132704141581065648e+188"#, #"2.0613270414158107e+188"#),
        (#"-1.46393912693287259455e-100"#, #"-1.4639391269328726e-100"#),
        (#"-3.66137939360816181826e+167"#, #"-3.661379393608162e+167"#),
        (#"-4.543244361615032e-105"#, #"-4.543244361615032e-105"#),
        (#"2.05440802298277626194e-215"#, #"2.0544080229827763e-215"#),
        (#"2.34848286627118519637e+95"#, #"2.3484828662711852e+95"#),
        (#"4.77466000000000000000e+05"#, #"477466.0"#),
        (#"-1.64543458647473656250e+14"#, #"-164543458647473.66"#),
        (#"99287.293787365226"#, #"99287.29378736523"#),
        (#"-3.92021320806055976103e-215"#, #"-3.92021320806056e-215"#),
        (#"7.50767107683000038378e+05"#, #"750767.107683"#),
        (#"3.05998357908424757244e+205"#, #"3.0599835790842476e+205"#),
        (#"5.74604829617739096273e-77"#, #"5.746048296177391e-77"#),
        (#"-6.6590374069764345e+198"#, #"-6.659037406976434e+198"#),
        (#"90317884572.681259"#, #"90317884572.68126"#),
        (#"1.8887700768310027e-168"#, #"1.8887700768310027e-168"#),
        (#"5.34912335926196647051e+02"#, #"534.9123359261966"#),
        (#"-8.96554454361613459789e-06"#, #"-8.965544543616135e-06"#),
        (#"529457.9"#, #"529457.9"#),
        (#"-4.827075566067012e+243"#, #"-4.827075566067012e+243"#),
        (#"680302.31964300002"#, #"680302.319643"#),
        (#"-6.8695785755512771e+83"#, #"-6.869578575551277e+83"#),
        (#"-0.00063261202019196784"#, #"-0.0006326120201919678"#),
        (#"-1.50508227640701708339e+01"#, #"-15.05082276407017"#),
        (#"-404146989.66230178"#, #"-404146989.6623018"#),
        (#"1.3988513990008287e-126"#, #"1.3988513990008287e-126"#),
        (#"6.2679536239637359e-163"#, #"6.267953623963736e-163"#),
        (#"-206884.20000000001"#, #"-206884.2"#),
        (#"4.27071823517330237649e-63"#, #"4.2707182351733024e-63"#),
        (#"2.5369471158461474e+280"#, #"2.5369471158461474e+280"#),
        (#"998676.35402"#, #"998676.35402"#),
        (#"-1.054132048588359e-277"#, #"-1.054132048588359e-277"#),
        (#"-60.991697700947199"#, #"-60.9916977009472"#),
        (#"3.35515717811513794181e-09"#, #"3.355157178115138e-09"#),
        (#"2.8376070892152391e-199"#, #"2.837607089215239e-199"#),
        (#"-2.9838231534011875e-308"#, #"-2.9838231534011875e-308"#),
        (#"-3.0846084789942957e+294"#, #"-3.084608478994296e+294"#),
        (#"653434.91044999997"#, #"653434.91045"#),
        (#"-1.7525706867179602e-13"#, #"-1.7525706867179602e-13"#),
        (#"215961.89999999999"#, #"215961.9"#),
        (#"88279.0"#, #"88279.0"#),
        (#"-9.7846997042651199e+283"#, #"-9.78469970426512e+283"#),
        (#"4.830356443159836e-91"#, #"4.830356443159836e-91"#),
        (#"-4.2845854060305882e-127"#, #"-4.284585406030588e-127"#),
        (#"218223.622554"#, #"218223.622554"#),
        (#"1.6431634437291382e+121"#, #"1.6431634437291382e+121"#),
        (#"40876.4103"#, #"40876.4103"#),
        (#"149817.6183"#, #"149817.6183"#),
        (#"-2.4915870026964715e-197"#, #"-2.4915870026964715e-197"#),
        (#"-180.26664773974105"#, #"-180.26664773974105"#),
        (#"7.39356000000000000000e+05"#, #"739356.0"#),
        (#"7.07776096140444467200e+18"#, #"7.077760961404445e+18"#),
        (#"-2.99853626427675640000e+16"#, #"-2.9985362642767564e+16"#),
        (#"4.38939410829189141709e-175"#, #"4.3893941082918914e-175"#),
        (#"1.23166733444560748012e+02"#, #"123.16673344456075"#),
        (#"-129140.8"#, #"-129140.8"#),
        (#"9.57514097328649989391e-07"#, #"9.5751409732865e-07"#),
        (#"750543.12"#, #"750543.12"#),
        (#"119998.726"#, #"119998.726"#),
        (#"7.966886532645662e+112"#, #"7.966886532645662e+112"#),
        (#"-7.82127363189751901219e+86"#, #"-7.821273631897519e+86"#),
        (#"-131747.495"#, #"-131747.495"#),
        (#"2.89546721574205810547e+11"#, #"289546721574.2058"#),
        (#"679306631474708.8"#, #"679306631474708.8"#),
        (#"-9.34582864999999990687e+05"#, #"-934582.865"#),
        (#"7.6103309558436752e-68"#, #"7.610330955843675e-68"#),
        (#"-31840.5"#, #"-31840.5"#),
        (#"1.7527565191600168e-293"#, #"1.7527565191600168e-293"#),
        (#"6.809543073617234e-173"#, #"6.809543073617234e-173"#),
        (#"1.2014908613504682e-17"#, #"1.2014908613504682e-17"#),
        (#"890421.09999999998"#, #"890421.1"#),
        (#"2.3815205832150417e+277"#, #"2.3815205832150417e+277"#),
        (#"5036.0901059703319"#, #"5036.090105970332"#),
        (#"5.40848525758999981917e+05"#, #"540848.525759"#),
        (#"-4.6539052458531345e-125"#, #"-4.6539052458531345e-125"#),
        (#"-3.95988758749824532046e-02"#, #"-0.03959887587498245"#),
        (#"7.563866728335431e+275"#, #"7.563866728335431e+275"#),
        (#"6.206022080510532e+21"#, #"6.206022080510532e+21"#),
        (#"-549378406.0657368"#, #"-549378406.0657368"#),
        (#"1.7587644776372897e-183"#, #"1.7587644776372897e-183"#),
        (#"2.5464760318327187e+252"#, #"2.5464760318327187e+252"#),
        (#"-5.3589191053568454e+120"#, #"-5.358919105356845e+120"#),
        (#"1.35946000000000000000e+05"#, #"135946.0"#),
        (#"-8.3242003643411053e+61"#, #"-8.324200364341105e+61"#),
        (#"-1.8822610613398041e+174"#, #"-1.882261061339804e+174"#),
        (#"-0.009864858098713448"#, #"-0.009864858098713448"#),
        (#"-1.9495115727622386e-49"#, #"-1.9495115727622386e-49"#),
        (#"4.694114446799576e+138"#, #"4.694114446799576e+138"#),
        (#"-2.3291938361380906e-09"#, #"-2.3291938361380906e-09"#),
        (#"8.71525869999999995343e+05"#, #"871525.87"#),
        (#"-9.9371917942142573e-08"#, #"-9.937191794214257e-08"#),
        (#"-5.16211634994957520000e+16"#, #"-5.162116349949575e+16"#),
        (#"-7.36410618624871775657e+48"#, #"-7.364106186248718e+48"#),
        (#"914437.68353799998"#, #"914437.683538"#),
        (#"3.8689506778136483e-58"#, #"3.868950677813648e-58"#),
        (#"22927.7295"#, #"22927.7295"#),
        (#"7386374.1195979649"#, #"7386374.119597965"#),
        (#"8.01251942730000009760e+05"#, #"801251.94273"#),
        (#"1.2056678276817022e+57"#, #"1.2056678276817022e+57"#),
        (#"4.1353841359751252e-97"#, #"4.135384135975125e-97"#),
        (#"2.439956999266454e+267"#, #"2.439956999266454e+267"#),
        (#"662526.0"#, #"662526.0"#),
        (#"-6.0212888068355965e-46"#, #"-6.0212888068355965e-46"#),
        (#"81487.240000000005"#, #"81487.24"#),
        (#"-0.88011352171592461"#, #"-0.8801135217159246"#),
        (#"1.26372342083200368000e+17"#, #"1.2637234208320037e+17"#),
        (#"-1.397445041108861e-88"#, #"-1.397445041108861e-88"#),
        (#"-5.12698826462050328455e+199"#, #"-5.126988264620503e+199"#),
        (#"29725840687263.227"#, #"29725840687263.227"#),
        (#"-39068.0"#, #"-39068.0"#),
        (#"936043.0"#, #"936043.0"#),
        (#"-4.59940405995049594878e+00"#, #"-4.599404059950496"#),
        (#"234765.9"#, #"234765.9"#),
        (#"-2.5113175960857447e-08"#, #"-2.5113175960857447e-08"#),
        (#"-5003330175.730101"#, #"-5003330175.730101"#),
        (#"-0.017179247833561236"#, #"-0.017179247833561236"#),
        (#"-1.8044643968563104e+19"#, #"-1.8044643968563104e+19"#),
        (#"-9.87234120058525280000e+16"#, #"-9.872341200585253e+16"#),
        (#"-8.399096936510193e-09"#, #"-8.399096936510193e-09"#),
        (#"1.6080930197521595e-185"#, #"1.6080930197521595e-185"#),
        (#"0.80901073627963505"#, #"0.809010736279635"#),
        (#"5.1340463893665734e-253"#, #"5.1340463893665734e-253"#),
        (#"-5.655504630341523e+16"#, #"-5.655504630341523e+16"#),
        (#"-753496933183412.5"#, #"-753496933183412.5"#),
        (#"-737705.18999999994"#, #"-737705.19"#),
        (#"-168826.79182"#, #"-168826.79182"#),
        (#"-7.7493334918665603e-176"#, #"-7.74933349186656e-176"#),
        (#"189016.28214"#, #"189016.28214"#),
        (#"-2.6896225618977502e+297"#, #"-2.68962256189775e+297"#),
        (#"-618018.338192"#, #"-618018.338192"#),
        (#"1.850812520010048e-06"#, #"1.850812520010048e-06"#),
        (#"3.7379423566265492e-06"#, #"3.737942356626549e-06"#),
        (#"9.84984469999999972060e+05"#, #"984984.47"#),
        (#"460175.59329"#, #"460175.59329"#),
        (#"-5.6338902949553673e+240"#, #"-5.633890294955367e+240"#),
        (#"652625.99073"#, #"652625.99073"#),
        (#"2.20003157898405615234e+12"#, #"2200031578984.056"#),
        (#"3.6476936843161188e-64"#, #"3.647693684316119e-64"#),
        (#"-6.404696082036224e-10"#, #"-6.404696082036224e-10"#),
        (#"6.25095139662565e+196"#, #"6.25095139662565e+196"#),
        (#"2.749674743195063e-09"#, #"2.749674743195063e-09"#),
        (#"-5.75479500860817961361e-107"#, #"-5.75479500860818e-107"#),
        (#"1.3179327498334477e+130"#, #"1.3179327498334477e+130"#),
        (#"-2.5022673971455896e+138"#, #"-2.5022673971455896e+138"#),
        (#"-827590.0"#, #"-827590.0"#),
        (#"2.7392680043137274e+248"#, #"2.7392680043137274e+248"#),
        (#"-241574.0"#, #"-241574.0"#),
        (#"-4.00137621814698852726e-125"#, #"-4.0013762181469885e-125"#),
        (#"-1.4977836906989199e+171"#, #"-1.4977836906989199e+171"#),
        (#"1.009705995269486e-302"#, #"1.009705995269486e-302"#),
        (#"0.0063138135257048483"#, #"0.006313813525704848"#),
        (#"1.236043684013647e-217"#, #"1.236043684013647e-217"#),
        (#"-938901146873496.2"#, #"-938901146873496.2"#),
        (#"1.469847496736696e-10"#, #"1.469847496736696e-10"#),
        (#"221936369044.7649"#, #"221936369044.7649"#),
        (#"-9.16363195177520838987e-30"#, #"-9.163631951775208e-30"#),
        (#"-666693.6"#, #"-666693.6"#),
        (#"-1.71810027991640593236e-194"#, #"-1.718100279916406e-194"#),
        (#"-1.1507418162769164e-108"#, #"-1.1507418162769164e-108"#),
        (#"1.85842566214957668565e-134"#, #"1.8584256621495767e-134"#),
        (#"9.4557584697676403e-180"#, #"9.45575846976764e-180"#),
        (#"2.4309672563672542e+251"#, #"2.430967256367254e+251"#),
        (#"-1.81954461945258705236e+294"#, #"-1.819544619452587e+294"#),
        (#"-1.4963360468980155e-126"#, #"-1.4963360468980155e-126"#),
        (#"321780.416437"#, #"321780.416437"#),
        (#"-615363.66899999999"#, #"-615363.669"#),
        (#"507612120668.69678"#, #"507612120668.6968"#),
        (#"6.275399888486199e+170"#, #"6.275399888486199e+170"#),
        (#"-1.17112330672699618958e-75"#, #"-1.1711233067269962e-75"#),
        (#"-58036323956067.945"#, #"-58036323956067.945"#),
        (#"-598923.868"#, #"-598923.868"#),
        (#"-5.48326505334479907816e-01"#, #"-0.5483265053344799"#),
        (#"-8.03116721370000042953e+05"#, #"-803116.72137"#),
        (#"6.5369401675903109e-09"#, #"6.536940167590311e-09"#),
        (#"2.3792606337059723e-200"#, #"2.3792606337059723e-200"#),
        (#"-2.54599613331555591077e+92"#, #"-2.545996133315556e+92"#),
        (#"-5.9109817617910357e+223"#, #"-5.910981761791036e+223"#),
        (#"3.208109287552892e+32"#, #"3.208109287552892e+32"#),
        (#"-6.11671091241708750000e+14"#, #"-611671091241708.8"#),
        (#"-4.65874566824070451200e+18"#, #"-4.658745668240705e+18"#),
        (#"-2.3096079273705194e-125"#, #"-2.3096079273705194e-125"#),
        (#"-4.83267265690456875000e+14"#, #"-483267265690456.9"#),
        (#"4.22639769233434893582e-187"#, #"4.226397692334349e-187"#),
        (#"-2.6279279297240015e+91"#, #"-2.6279279297240015e+91"#),
        (#"3.12621623579318225384e+08"#, #"312621623.5793182"#),
        (#"-8.125499350312126e-77"#, #"-8.125499350312126e-77"#),
        (#"382085.19309000002"#, #"382085.19309"#),
        (#"-624271.5829172403"#, #"-624271.5829172403"#),
        (#"358676.27657640376"#, #"358676.27657640376"#),
        (#"-2.42527642701740534269e+108"#, #"-2.4252764270174053e+108"#),
        (#"1.53453885000000009313e+05"#, #"153453.885"#),
        (#"3.404879471373262e-46"#, #"3.404879471373262e-46"#),
        (#"-9.6226876973119762e-269"#, #"-9.622687697311976e-269"#),
        (#"248328.4"#, #"248328.4"#),
        (#"466523.54999999999"#, #"466523.55"#),
        (#"1.382894856988169e-130"#, #"1.382894856988169e-130"#),
        (#"-2.87477326933960993035e+264"#, #"-2.87477326933961e+264"#),
        (#"-20178645275798.223"#, #"-20178645275798.223"#),
        (#"3.3948663612522754e+59"#, #"3.3948663612522754e+59"#),
        (#"-3.27181007290674870092e+02"#, #"-327.18100729067487"#),
        (#"-8.06834156964371941285e+04"#, #"-80683.4156964372"#),
    ]
}

// MARK: - Tests

@Suite struct JSONTests {
    // MARK: Python's json.dumps, byte for byte

    /// Goal: the serializer prints what Python prints, for both escapings, on hand-picked inputs (float repr switch
    /// points, escapes, surrogate pairs, duplicate keys, key order). Method: parse each input, serialize it both ways
    /// and compare with the Python vector; Python's own output must also parse back to the same value.
    @Test(arguments: PythonJSONVectors.handPicked)
    func matchesPythonOnHandPickedInputs(_ vector: PythonJSONVector) throws {
        try checkAgainstPython(vector)
    }

    /// Goal: the same as above on random strings and random documents (random whitespace, duplicate keys, any
    /// number spelling). Method: every vector of the two random sets, each failure naming its index and input.
    @Test(arguments: ["randomStrings", "randomTrees"])
    func matchesPythonOnRandomInputs(_ set: String) throws {
        let vectors = set == "randomStrings" ? PythonJSONVectors.randomStrings : PythonJSONVectors.randomTrees
        #expect(!vectors.isEmpty)
        for (index, vector) in vectors.enumerated() {
            try checkAgainstPython(vector, label: "\(set)[\(index)]")
        }
    }

    private func checkAgainstPython(_ vector: PythonJSONVector, label: String = "") throws {
        let value = try JSONParser.parse(vector.input)
        let context: Comment = "\(label) input \(vector.input.escapedForDisplay)"
        #expect(JSONSerializer.serialize(value, escaping: .asciiOnly) == vector.ascii, context)
        #expect(JSONSerializer.serialize(value, escaping: .utf8) == vector.utf8, context)
        #expect(JSONSerializer.serialize(value) == vector.utf8, "default escaping is UTF-8; \(context)")
        #expect(try JSONParser.parse(vector.ascii) == value, "Python's ASCII output parses back; \(context)")
        #expect(try JSONParser.parse(vector.utf8) == value, "Python's UTF-8 output parses back; \(context)")
    }

    /// Goal: `pythonRepr` is Python's `repr(float)` for any double. Method: 400 random doubles (random bit patterns
    /// included) written in non-shortest spellings, parsed, then printed; the Python column is `json.dumps(x)`.
    @Test func floatsMatchPythonRepr() throws {
        for (index, vector) in PythonJSONVectors.randomDoubles.enumerated() {
            let parsed = try JSONParser.parse(vector.input)
            guard case .double(let number) = parsed else {
                Issue.record("randomDoubles[\(index)] \(vector.input) parsed as \(parsed), not a double")
                continue
            }
            #expect(JSONSerializer.pythonRepr(number) == vector.python, "randomDoubles[\(index)] input \(vector.input)")
            #expect(JSONSerializer.serialize(parsed, escaping: .asciiOnly) == vector.python, "randomDoubles[\(index)]")
            #expect(Double(vector.python) == number, "Python's text denotes the same double; randomDoubles[\(index)]")
        }
    }

    /// Goal: the §8.6 checksum input. Method: the two observed bodies; Python's md5 of these exact strings is the
    /// observed `MD5:b9622a81c98224c56eb3afdd8f51b202` and `MD5:9d4568c009d203ab10e33ea9953a0264` (checked when the
    /// vectors were generated; the hashing itself lives elsewhere).
    @Test func checksumInputOfTheReferenceExamples() throws {
        let body = try JSONParser.parse(#"{"b":1,"a":"é"}"#)
        #expect(JSONSerializer.serialize(body, escaping: .asciiOnly) == #"{"b": 1, "a": "\u00e9"}"#)
        #expect(JSONSerializer.serialize(body, escaping: .utf8) == #"{"b": 1, "a": "é"}"#)
        #expect(JSONSerializer.serialize(try JSONParser.parse(#""""#), escaping: .asciiOnly) == #""""#)
    }

    // MARK: Round trips

    static let seeds: [UInt64] = Array(1...16)

    /// Goal: serialize and parse are inverse on every value the model can hold, for both escapings, and printing is
    /// a fixed point. Method: 200 random trees per seed (any Int64, any finite double, any Unicode scalar, nested
    /// arrays and objects); serialize, parse, compare; the ASCII form must be pure printable ASCII.
    @Test(arguments: seeds)
    func serializeThenParseIsIdentity(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        for step in 0..<200 {
            let value = RandomJSON.value(using: &random)
            for escaping in [JSONSerializer.Escaping.utf8, .asciiOnly] {
                let text = JSONSerializer.serialize(value, escaping: escaping)
                let context: Comment = "seed \(seed) step \(step) \(escaping) text \(text.escapedForDisplay)"
                let parsed = try JSONParser.parse(text)
                #expect(parsed == value, context)
                #expect(JSONSerializer.serialize(parsed, escaping: escaping) == text, context)
                if escaping == .asciiOnly {
                    #expect(text.utf8.allSatisfy { (0x20...0x7E).contains($0) }, context)
                }
            }
        }
    }

    /// Goal: `pythonRepr` keeps Python's shape for any double without needing Python: it round-trips, it uses an
    /// exponent exactly when the decimal exponent is below -4 or at least 16, and positional values show a fraction.
    /// Method: 2,000 random doubles per seed, checked against these rules.
    @Test(arguments: seeds)
    func reprShapeFollowsPythonRules(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for step in 0..<2_000 {
            let number = RandomJSON.double(using: &random)
            let text = JSONSerializer.pythonRepr(number)
            let context: Comment = "seed \(seed) step \(step) value \(number) repr \(text)"
            #expect(Double(text) == number, context)
            #expect((text.first == "-") == (number.sign == .minus), context)
            guard number != 0 else { continue }
            let decimalExponent = Int((number.magnitude).log10Floor)
            let usesExponent = text.contains("e")
            #expect(usesExponent == (decimalExponent < -4 || decimalExponent >= 16), context)
            if usesExponent {
                // `d[.ddd]e±XX`, at least two exponent digits, no trailing zeros in the mantissa.
                let parts = text.split(separator: "e")
                #expect(parts.count == 2 && (parts[1].hasPrefix("+") || parts[1].hasPrefix("-")), context)
                #expect(parts.count == 2 && parts[1].dropFirst().count >= 2, context)
                #expect(!parts[0].hasSuffix("0") && !parts[0].hasSuffix("."), context)
            } else {
                #expect(text.contains("."), context)
            }
        }
    }

    // MARK: What the parser refuses

    /// Texts that are not JSON, or are Python-only extensions (§1.4: `NaN`, `Infinity` and `-Infinity` are refused;
    /// so is a number that overflows to infinity, which Python would echo as `Infinity`).
    static let unparseableTexts: [String] = [
        "NaN", "Infinity", "-Infinity", "[NaN]", #"{"a": Infinity}"#, "[-Infinity]", "nan", "inf", "1e400", "-1e400",
        "[1,]", #"{"a":1,}"#, "[,1]", "{,}", "[1,,2]", "'a'", "{'a': 1}", #"{"a": 'b'}"#, "", " ", "\n", "garbage",
        "tru", "nul", "fals", "True", "None", "null null", "[1 2]", #"{"a" 1}"#, #"{"a":}"#, "{1:2}", #"{"a"}"#,
        #""abc"#, #"["abc]"#, "[1", "{", "]", "}", "[]]", "{} {}", "1 2", "01", "-01", "-", "+1", ".5", "1.", "1.e5",
        "1e", "1e+", "0x10", "- 1", #""\x""#, #""\u12""#, #""\u12G4""#, #""\'""#, "\"tab\there\"", "\"nl\nhere\"",
        "\"\u{1}\"", "//c\n1", "[1]/**/", "\u{FEFF}{}", "\u{A0}1", "[1]\u{0}", #"{"a":1 "b":2}"#, #"["a" "b"]"#,
    ]

    /// Goal: every malformed or non-standard text is `.unparseable` (§1.4's "Request body could not be parsed.").
    /// Method: one case per text.
    @Test(arguments: unparseableTexts)
    func refusesMalformedText(_ text: String) {
        #expect(throws: JSONParseError.unparseable) { try JSONParser.parse(text) }
    }

    /// Byte sequences that are not UTF-8: a stray continuation byte, a truncated sequence, an overlong encoding, a
    /// UTF-8-encoded surrogate, a code point above U+10FFFF, a byte that never appears in UTF-8.
    static let invalidUTF8: [[UInt8]] = [
        [0x22, 0x80, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xFF, 0x22], [0x22, 0x61, 0xE2, 0x82, 0x22],
        [0x7B, 0x22, 0xFE, 0x22, 0x3A, 0x31, 0x7D], [0x5B, 0xC3, 0xA9, 0x5D], [0xFF], [0x31, 0xFF],
    ]

    /// Goal: a body that is not UTF-8 is refused, in values, in keys and outside strings. Method: one case per
    /// byte sequence.
    @Test(arguments: invalidUTF8)
    func refusesInvalidUTF8(_ bytes: [UInt8]) {
        #expect(throws: JSONParseError.unparseable, "bytes \(bytes)") { try JSONParser.parse(bytes) }
    }

    /// Goal: nesting is limited to 512 levels, and a hostile depth fails cleanly instead of exhausting the stack.
    /// Method: arrays and objects nested exactly 512 deep parse; 513 and 100,000 deep are `.unparseable`.
    @Test func nestingIsLimitedTo512Levels() throws {
        func arrays(_ depth: Int) -> String {
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        }
        func objects(_ depth: Int) -> String {
            String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
        }
        var expected = JSONValue.array([])
        for _ in 1..<512 { expected = .array([expected]) }
        #expect(try JSONParser.parse(arrays(512)) == expected)
        _ = try JSONParser.parse(objects(512))
        #expect(throws: JSONParseError.unparseable) { try JSONParser.parse(arrays(513)) }
        #expect(throws: JSONParseError.unparseable) { try JSONParser.parse(objects(513)) }
        #expect(throws: JSONParseError.unparseable) { try JSONParser.parse(String(repeating: "[", count: 100_000)) }
        #expect(throws: JSONParseError.unparseable) { try JSONParser.parse(arrays(100_000)) }
    }

    /// Goal: integers outside Int64 are `.integerTooLarge` (§1.4), wherever they sit; the edges themselves and
    /// big numbers written as floats are fine. Method: a table on each side of the boundary.
    @Test func integersBeyondInt64AreTooLarge() throws {
        let tooLarge = [
            "9223372036854775808", "-9223372036854775809", "18446744073709551616", "[1, 99999999999999999999]",
            #"{"a": {"b": -100000000000000000000}}"#, String(repeating: "9", count: 1_000),
        ]
        for text in tooLarge {
            #expect(throws: JSONParseError.integerTooLarge, "\(text.prefix(40))") { try JSONParser.parse(text) }
        }
        #expect(try JSONParser.parse("9223372036854775807") == .int(.max))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(.min))
        #expect(try JSONParser.parse("-0") == .int(0))
        #expect(try JSONParser.parse("9223372036854775808.0") == .double(9_223_372_036_854_775_808))
        #expect(try JSONParser.parse("1e19") == .double(1e19))
    }

    /// Goal: a lone UTF-16 surrogate escape (which Python keeps, but a Swift string cannot hold) neither crashes nor
    /// swallows its neighbours: it becomes U+FFFD, as the parser documents. Method: lone high and low surrogates,
    /// a high surrogate before a non-surrogate escape, and a lone one before a valid pair.
    @Test func loneSurrogateEscapesBecomeReplacementCharacters() throws {
        #expect(try JSONParser.parse(#""\ud800""#) == .string("\u{FFFD}"))
        #expect(try JSONParser.parse(#""\udc00x""#) == .string("\u{FFFD}x"))
        #expect(try JSONParser.parse(#""\ud800\u0041""#) == .string("\u{FFFD}A"))
        #expect(try JSONParser.parse(#""\ud800\ud83d\ude00""#) == .string("\u{FFFD}😀"))
        #expect(try JSONParser.parse(#""a\ud800""#) == .string("a\u{FFFD}"))
    }

    // MARK: JSONValue and JSONObject

    /// Goal: `isTruthy` is Python's `bool(v)` and `pythonInt` is `v if isinstance(v, int) else None` (booleans are
    /// ints). Method: a table covering every case of the enum, zero and non-zero.
    @Test func truthinessAndPythonIntFollowPython() throws {
        let table: [(String, truthy: Bool, int: Int64?)] = [
            ("null", false, nil), ("false", false, 0), ("true", true, 1), ("0", false, 0), ("-0", false, 0),
            ("7", true, 7), ("-1", true, -1), ("0.0", false, nil), ("-0.0", false, nil), ("1.0", true, nil),
            ("1e-300", true, nil), (#""""#, false, nil), (#""0""#, true, nil), (#""false""#, true, nil),
            ("[]", false, nil), ("[0]", true, nil), ("[null]", true, nil), ("{}", false, nil),
            (#"{"a":null}"#, true, nil),
        ]
        for (text, truthy, int) in table {
            let value = try JSONParser.parse(text)
            #expect(value.isTruthy == truthy, "\(text)")
            #expect(value.pythonInt == int, "\(text)")
        }
        #expect(JSONValue.object(JSONObject([("a", .int(1))])).objectValue == JSONObject([("a", .int(1))]))
        #expect(JSONValue.array([]).objectValue == nil)
    }

    /// Goal: `JSONObject` behaves like a Python dict where clients can see it: insertion order kept, re-setting a
    /// key keeps its position with the new value, removing then re-adding moves it to the end. Method: a scripted
    /// sequence of edits with the expected entries after each.
    @Test func objectKeepsInsertionOrderLikeADict() {
        var object = JSONObject([("b", .int(1)), ("a", .int(2)), ("b", .int(3))])
        #expect(object.keys == ["b", "a"])
        #expect(object["b"] == .int(3))
        #expect(object.count == 2 && !object.isEmpty)
        object["c"] = .null
        object["b"] = .string("x")
        #expect(object.keys == ["b", "a", "c"])
        #expect(object["c"] == .null && object.contains("c"))
        object["b"] = nil
        #expect(object.keys == ["a", "c"] && !object.contains("b") && object["b"] == nil)
        object["b"] = .bool(true)
        #expect(object.keys == ["a", "c", "b"])
        object["missing"] = nil
        #expect(object.count == 3)
        #expect(JSONObject().isEmpty && JSONObject().keys.isEmpty)
        #expect(JSONSerializer.serialize(.object(object)) == #"{"a": 2, "c": null, "b": true}"#)
    }

    /// Goal: two objects with the same members in a different order are different values (they print differently,
    /// and the checksum hashes the print), while equal objects hash equally. Method: compare both pairs and a Set.
    @Test func objectEqualityIsOrderSensitive() {
        let ab = JSONObject([("a", .int(1)), ("b", .int(2))])
        let ba = JSONObject([("b", .int(2)), ("a", .int(1))])
        #expect(ab != ba)
        #expect(ab == JSONObject([("a", .int(1)), ("b", .int(2))]))
        #expect(Set([JSONValue.object(ab), .object(JSONObject([("a", .int(1)), ("b", .int(2))]))]).count == 1)
        #expect(JSONValue.int(1) != .double(1), "1 and 1.0 print differently, so they differ")
    }
}

extension Double {
    /// floor(log10(self)) for a positive finite value, computed from the shortest round-trip digits so values just
    /// below a power of ten are not misjudged by floating-point log10.
    fileprivate var log10Floor: Int {
        let text = "\(self)"  // Swift also prints the shortest round-trip digits: d.ddd, or d.ddde±X
        let parts = text.split(separator: "e")
        let exponent = parts.count == 2 ? Int(parts[1])! : 0
        let mantissa = parts[0]
        let integerPart = mantissa.split(separator: ".")[0]
        if integerPart != "0" { return exponent + integerPart.count - 1 }
        let fraction = mantissa.split(separator: ".").count > 1 ? mantissa.split(separator: ".")[1] : ""
        let leadingZeros = fraction.prefix { $0 == "0" }.count
        return exponent - leadingZeros - 1
    }
}

// MARK: - Generator
//
// The script that produced `PythonJSONVectors` (CPython 3.11). `swiftlit.py`:
//
//     import unicodedata
//     def lit(s):
//         """A Swift raw string literal for s; characters that are not printable are written as \\#u{X} escapes."""
//         n = 1
//         while ('"' + '#' * n) in s or ('\\' + '#' * n) in s:
//             n += 1
//         h = '#' * n
//         out = []
//         for ch in s:
//             cp = ord(ch)
//             if 0x20 <= cp < 0x7F:
//                 out.append(ch)
//             elif cp >= 0xA0 and unicodedata.category(ch)[0] in 'LNPS':
//                 out.append(ch)
//             else:
//                 out.append('\\' + h + 'u{%X}' % cp)
//         return h + '"' + ''.join(out) + '"' + h
//
// `gen_json.py` (run `python3 gen_json.py` and paste its output into `PythonJSONVectors`):
//
//     # Generates the Python json.dumps vectors for Tests/QueueModelTests/JSONTests.swift.
//     import json, random, struct, math, sys
//     from swiftlit import lit
//
//     hand = [
//         # Floats: Python's repr switches to exponent form below 1e-4 and from 1e16 up.
//         '1.5', '1.50', '100.0', '1e2', '1E2', '1e+2', '1.0e2', '1e16', '1e15', '9999999999999998.0', '1e17', '1e22', '1e23',
//         '1e-5', '0.0001', '0.00001', '0.001234', '1.234e-5', '5e-324', '2.2250738585072014e-308', '1.7976931348623157e308',
//         '-0.0', '0.0', '0e0', '-0e-0', '0.30000000000000004', '123456789.123', '0.1', '0.2', '0.3', '1.1', '2.5', '4.35',
//         '3.141592653589793', '2.718281828459045', '0.3333333333333333', '0.6666666666666666', '1e100', '1.5e300', '-1.5e-300',
//         '9007199254740993.0', '9007199254740992.0', '9.223372036854776e18', '1e-400', '123e-2', '1234567890123456789.0',
//         '0.000123456789', '12345678901234567.0', '1.0000000000000002', '0.9999999999999999', '4.9406564584124654e-324',
//         '2.225073858507201e-308', '1e-7', '-1e-7', '1e308', '8.41e21', '5e-310', '-12.5e3',
//         # Integers, including the Int64 edges (outside them Flotilla refuses the body).
//         '0', '-0', '1', '-1', '42', '9223372036854775807', '-9223372036854775808', '9007199254740993', '10000000000000000',
//         # Literals and empty containers.
//         'true', 'false', 'null', '{}', '[]', '""', '[[]]', '[{}]', '{"":""}',
//         # Strings: quotes, backslash, the short escapes, other control characters, DEL, non-ASCII, surrogate pairs.
//         r'"say \"hi\""', r'"back\\slash"', r'"\/"', r'"a\bb\fc\nd\re\tf"', r'"\u0000\u0001\u001f"', r'"\u007f"', r'"\u0080"',
//         r'"\u00e9"', '"é"', '"e\u0301"', '"中文"', r'"\u4e2d"', '"😀"', r'"\ud83d\ude00"', r'"\uD83D\uDE00"', r'"\udbff\udfff"',
//         r'"\u2028\u2029"', '"\u2028"', r'"\ufeff"', r'"\uffff"', r'"\u00a0"', r'"\u00ad"', '"ÿ"', r'"\u0100"', '"~"', r'"\u001b[0m"',
//         '"\x7f"', r'"tab\there"', '"Ω≈ç√∫"', '"𝄞 music"', '"👩‍👩‍👧"', '"🇫🇷"', r'"\u0041\u0062"', r'"\"\\\/\b\f\n\r\t"',
//         # Structure: key order, duplicate keys (Python keeps the first position and the last value), whitespace.
//         '{"b":1,"a":"é"}', '{"z":{"y":1,"x":[1,{"w":null}]},"a":true}', '{"a":1,"b":2,"a":3}', '{"a":1,"a":2,"a":3}',
//         '{"x":{"k":1},"x":{"j":2}}', ' \t\r\n{ "a" : [ 1 , 2.0 , "3" ] , "b" : { } }\n ', '[1,[2,[3,[4,[5]]]]]',
//         '{"é":"é","中":"中","😀":"😀"}', '{"ttl":300,"body":{"event":"BackupStarted","backup_id":"c378813c"}}',
//         '[1,1.0,-1,-1.0,1e0,true,false,null,"1"]', '{"_max_claim_count":0,"_dead_letter_queue":null}',
//         '{"a":{"a":{"a":{"a":{}}}}}', '{"a":1,"A":2}',
//         # Keys that are different code points but canonically equivalent (precomposed and decomposed é): two keys in Python.
//         '{"\u00e9":1,"e\u0301":2}', '{"é":1,"é":2}', '["a",["b",["c"]]]', '{"\\"quoted\\" key":1,"back\\\\slash":2}',
//     ]
//
//     def walk(value):
//         return json.dumps(value), json.dumps(value, ensure_ascii=False)
//
//     rng = random.Random(20250611)
//
//     def random_double():
//         while True:
//             kind = rng.random()
//             if kind < 0.5:
//                 x = struct.unpack('<d', struct.pack('<Q', rng.getrandbits(64)))[0]
//             elif kind < 0.8:
//                 x = rng.uniform(-1, 1) * 10 ** rng.randint(-12, 22)
//             else:
//                 x = round(rng.uniform(-1e6, 1e6), rng.randint(0, 6))
//             if math.isfinite(x):
//                 return x
//
//     def spell_double(x):
//         # A spelling other than repr, so the parser also meets long and non-shortest forms.
//         choice = rng.random()
//         if choice < 0.4:
//             return '%.17g' % x if ('e' in '%.17g' % x or '.' in '%.17g' % x) else '%.17g' % x + '.0'
//         if choice < 0.7:
//             return '%.20e' % x
//         return repr(x)
//
//     RANGES = [(0x20, 0x7E), (0x00, 0x1F), (0x7F, 0xFF), (0x100, 0x7FF), (0x800, 0xD7FF), (0xE000, 0xFFFF), (0x10000, 0x10FFFF),
//               (0x2028, 0x2029)]
//
//     def random_string(longest=12):
//         chars = []
//         for _ in range(rng.randint(0, longest)):
//             lo, hi = rng.choice(RANGES)
//             chars.append(chr(rng.randint(lo, hi)))
//         return ''.join(chars)
//
//     def random_number_text():
//         kind = rng.random()
//         if kind < 0.3:
//             return str(rng.randint(-2**63, 2**63 - 1))
//         if kind < 0.5:
//             return str(rng.randint(-1000, 1000))
//         return spell_double(random_double())
//
//     def ws():
//         return rng.choice(['', '', '', ' ', '\n', '\t', ' \r\n '])
//
//     def random_text(depth):
//         kind = rng.random() if depth < 3 else rng.random() * 0.6
//         if kind < 0.15:
//             return random_number_text()
//         if kind < 0.3:
//             return json.dumps(random_string(5), ensure_ascii=rng.random() < 0.5)
//         if kind < 0.4:
//             return rng.choice(['true', 'false', 'null'])
//         if kind < 0.6:
//             return '[' + ','.join(ws() + random_text(depth + 1) + ws() for _ in range(rng.randint(0, 4))) + ']'
//         keys = [random_string(4) for _ in range(rng.randint(0, 2))] + ['a', 'b']
//         members = []
//         for _ in range(rng.randint(0, 5)):
//             key = rng.choice(keys)  # repeats give duplicate keys
//             members.append(ws() + json.dumps(key, ensure_ascii=rng.random() < 0.5) + ws() + ':' + ws() + random_text(depth + 1))
//         return '{' + ','.join(members) + '}'
//
//     doubles = []
//     for _ in range(400):
//         x = random_double()
//         doubles.append((spell_double(x), json.dumps(x)))
//     strings = [json.dumps(s, ensure_ascii=rng.random() < 0.5) for s in (random_string() for _ in range(120))]
//     trees = [random_text(0) for _ in range(80)]
//
//     def emit_triples(name, inputs):
//         print(f'    static let {name}: [PythonJSONVector] = [')
//         for text in inputs:
//             a, u = walk(json.loads(text))
//             if a == u and a == text:
//                 print(f'        .init({lit(text)}),')
//             elif a == u:
//                 print(f'        .init({lit(text)}, {lit(a)}),')
//             else:
//                 print(f'        .init({lit(text)}, {lit(a)}, {lit(u)}),')
//         print('    ]')
//
//     emit_triples('handPicked', hand)
//     emit_triples('randomStrings', strings)
//     emit_triples('randomTrees', trees)
//     print('    static let randomDoubles: [(input: String, python: String)] = [')
//     for text, out in doubles:
//         print(f'        ({lit(text)}, {lit(out)}),')
//     print('    ]')
