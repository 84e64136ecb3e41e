/// The type of an expression's value: a number or a boolean (stored as 1/0, NaN when unknown).
public enum ValueType: String, Sendable, Equatable, Hashable {
    case number
    case boolean
}

/// An error in one expression: lexing, parsing or compiling it. `column` is 1-based within the
/// expression string. `StrategyError` adds the file and the key.
public struct LanguageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, with the details a message needs.
    public enum Kind: Sendable, Equatable {
        case unexpectedCharacter(Character)
        case invalidNumber(String)
        case singleEquals
        case emptyExpression
        case unexpectedToken(found: String, expected: String)
        case unexpectedEnd(expected: String)
        case chainedComparison
        case tooDeep
        case tooLong(tokens: Int, limit: Int)
        case unknownFunction(String, suggestion: String?)
        case unknownName(String, suggestion: String?)
        case notAFunction(String)
        case missingCall(String, signature: String)
        case wrongArity(String, signature: String, got: Int)
        case typeMismatch(expected: ValueType, found: ValueType, context: String)
        case notConstant(context: String)
        case invalidPeriod(function: String, value: Double)
        case invalidConstant(context: String, value: Double)
        case invalidLag(Double)
        case cycle([String])
        case nameClash(String, with: String)
        case invalidIndicator(String)
        /// A price series, indicator, crossing or lag in an expression that has no bars.
        case needsBars(String)
    }

    public var kind: Kind
    public var column: Int

    public init(_ kind: Kind, column: Int) {
        self.kind = kind
        self.column = column
    }

    /// `column 5: unknown function 'smaa' (did you mean 'sma'?)`.
    public var description: String { "column \(column): \(message)" }

    /// The message without the column.
    public var message: String {
        switch kind {
        case .unexpectedCharacter(let c):
            return "unexpected character '\(c)'"
        case .invalidNumber(let s):
            return "invalid number '\(s)'"
        case .singleEquals:
            return "'=' is not an operator; write '==' to compare"
        case .emptyExpression:
            return "empty expression"
        case .unexpectedToken(let found, let expected):
            return "expected \(expected), found \(found)"
        case .unexpectedEnd(let expected):
            return "expression ends too early: expected \(expected)"
        case .chainedComparison:
            return "comparisons do not chain; write 'a < b and b < c'"
        case .tooDeep:
            return "expression nested too deeply (at most \(Parser.maxDepth) levels); split it into named signals"
        case .tooLong(let tokens, let limit):
            return "expression too long (\(tokens) tokens, at most \(limit)); split it into named signals"
        case .unknownFunction(let name, let suggestion):
            return "unknown function '\(name)'" + LanguageError.hint(suggestion)
        case .unknownName(let name, let suggestion):
            return "unknown name '\(name)' (not a price series, param or signal)" + LanguageError.hint(suggestion)
        case .notAFunction(let name):
            return "'\(name)' is not a function"
        case .missingCall(let name, let signature):
            return "'\(name)' is a function; call it as \(signature)"
        case .wrongArity(let name, let signature, let got):
            return "'\(name)' takes \(LanguageError.arity(signature)): \(signature), got \(got)"
        case .typeMismatch(let expected, let found, let context):
            return "\(context) must be a \(expected), found a \(found)"
        case .notConstant(let context):
            return "\(context) must be a number or a param known when compiling"
        case .invalidPeriod(let function, let value):
            return "period of '\(function)' must be a whole number from 1 to \(LookbackLimits.maxPeriod), got \(Token.format(value))"
        case .invalidConstant(let context, let value):
            return "\(context) is invalid: \(Token.format(value))"
        case .invalidLag(let value):
            return "a lag [n] must be a whole number from 0 to \(LookbackLimits.maxLag) bars, got \(Token.format(value))"
        case .cycle(let names):
            return "signals refer to each other in a cycle: \(names.joined(separator: " -> "))"
        case .invalidIndicator(let message):
            return message
        case .needsBars(let what):
            return "\(what) needs bars; here only numbers, names, operators, abs, min and max are available"
        case .nameClash(let name, let other):
            return "the name '\(name)' is already taken by \(other); choose another"
        }
    }

    private static func hint(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean '\($0)'?)" } ?? ""
    }

    private static func arity(_ signature: String) -> String {
        // Count the commas in "f(a, b, c)".
        guard let open = signature.firstIndex(of: "("), signature[signature.index(after: open)] != ")" else {
            return "no arguments"
        }
        let n = signature.filter { $0 == "," }.count + 1
        return n == 1 ? "1 argument" : "\(n) arguments"
    }

    /// The candidate closest to `name` by edit distance, when it is close enough to be a typo.
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        var best: (String, Int)?
        for c in candidates {
            let d = editDistance(name.lowercased(), c.lowercased())
            if best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
        }
        guard let (candidate, distance) = best else { return nil }
        let limit = max(1, min(3, name.count / 3 + 1))
        if distance <= limit { return candidate }
        // Same leading word (`next_bar` for `next_open`): suggest the longest shared prefix.
        var byPrefix: (String, Int)?
        for c in candidates {
            let shared = zip(name.lowercased(), c.lowercased()).prefix { $0 == $1 }.count
            if shared >= 5, byPrefix == nil || shared > byPrefix!.1 { byPrefix = (c, shared) }
        }
        return byPrefix?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
