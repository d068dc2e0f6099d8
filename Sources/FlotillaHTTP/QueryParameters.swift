/// A request's query string, read the way the reference (falcon 3.1) reads it (§1.5): `+` is a space and `%XX`
/// escapes are decoded; a parameter with an empty value is absent; a repeated parameter's last value wins; integers
/// are parsed as Python's `int()` parses them (` 1`, `+1` and `01` are 1); booleans accept Python's spellings.
struct QueryParameters {
    /// Every (name, value) with a non-empty value, in request order.
    let pairs: [(name: String, value: String)]

    init(query: String?) {
        var pairs: [(name: String, value: String)] = []
        for part in (query ?? "").split(separator: "&") {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Route.percentDecoded(String(pieces[0]), plusIsSpace: true)
            let value = pieces.count > 1 ? Route.percentDecoded(String(pieces[1]), plusIsSpace: true) : ""
            if !value.isEmpty { pairs.append((name, value)) }
        }
        self.pairs = pairs
    }

    func contains(_ name: String) -> Bool { pairs.contains { $0.name == name } }

    /// The last value given for `name`.
    func string(_ name: String) -> String? { pairs.last { $0.name == name }?.value }

    /// Every value for `name`, each split at commas (repeating the parameter also works).
    func list(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.flatMap {
            $0.value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    func int(_ name: String) throws(ZaqarError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Self.pythonInt(text) else {
            throw .invalidParameter(name, "The value must be an integer.")
        }
        return value
    }

    func bool(_ name: String) throws(ZaqarError) -> Bool? {
        guard let text = string(name) else { return nil }
        switch text {
        case "true", "True", "t", "yes", "y", "1", "on": return true
        case "false", "False", "f", "no", "n", "0", "off": return false
        default: throw .invalidParameter(name, "The value of the parameter must be \"true\" or \"false\".")
        }
    }

    /// Python's `int(text)` for base 10: surrounding whitespace, a sign, digits with single underscores between
    /// them. Nil if Python would refuse it (or it does not fit an `Int`).
    static func pythonInt(_ text: String) -> Int? {
        let whitespace: Set<Character> = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"]
        var characters = Substring(text)
        while let first = characters.first, whitespace.contains(first) { characters.removeFirst() }
        while let last = characters.last, whitespace.contains(last) { characters.removeLast() }
        var negative = false
        if let sign = characters.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            characters.removeFirst()
        }
        var digits = ""
        var previousWasDigit = false
        for character in characters {
            if character == "_" {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
            } else if let ascii = character.asciiValue, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(ascii) {
                digits.append(character)
                previousWasDigit = true
            } else {
                return nil
            }
        }
        guard previousWasDigit, let value = Int(digits) else { return nil }
        return negative ? -value : value
    }
}
