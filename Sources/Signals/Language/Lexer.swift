/// Splits an expression string into tokens.
///
/// Numbers are decimal (`20`, `0.5`, `.5`, `1e-3`); identifiers are `[A-Za-z_][A-Za-z0-9_]*`;
/// `and`, `or`, `not` are keywords. `&&`, `||` and `!` are accepted as spellings of the keywords,
/// and `=` alone is rejected with a hint to write `==`.
public struct Lexer {
    private let chars: [Character]

    public init(_ source: String) {
        self.chars = Array(source)
    }

    /// All tokens of the source, ending with `.end`.
    public func tokenize() throws(LanguageError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c.isWhitespace {
                i += 1
                continue
            }
            if c.isASCII, c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber) {
                let (value, next) = try number(at: i)
                tokens.append(Token(.number(value), column: column))
                i = next
                continue
            }
            if c == "_" || (c.isASCII && c.isLetter) {
                var j = i
                while j < chars.count, chars[j] == "_" || (chars[j].isASCII && (chars[j].isLetter || chars[j].isNumber)) {
                    j += 1
                }
                let word = String(chars[i..<j])
                switch word {
                case "and": tokens.append(Token(.and, column: column))
                case "or": tokens.append(Token(.or, column: column))
                case "not": tokens.append(Token(.not, column: column))
                default: tokens.append(Token(.identifier(word), column: column))
                }
                i = j
                continue
            }
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            var width = 1
            let kind: Token.Kind
            switch c {
            case "(": kind = .leftParen
            case ")": kind = .rightParen
            case "[": kind = .leftBracket
            case "]": kind = .rightBracket
            case ",": kind = .comma
            case "+": kind = .plus
            case "-": kind = .minus
            case "*": kind = .star
            case "/": kind = .slash
            case "<":
                if next == "=" { kind = .lessEqual; width = 2 } else { kind = .less }
            case ">":
                if next == "=" { kind = .greaterEqual; width = 2 } else { kind = .greater }
            case "=":
                guard next == "=" else { throw LanguageError(.singleEquals, column: column) }
                kind = .equal
                width = 2
            case "!":
                if next == "=" { kind = .notEqual; width = 2 } else { kind = .not }
            case "&":
                guard next == "&" else { throw LanguageError(.unexpectedCharacter("&"), column: column) }
                kind = .and
                width = 2
            case "|":
                guard next == "|" else { throw LanguageError(.unexpectedCharacter("|"), column: column) }
                kind = .or
                width = 2
            default:
                throw LanguageError(.unexpectedCharacter(c), column: column)
            }
            tokens.append(Token(kind, column: column))
            i += width
        }
        tokens.append(Token(.end, column: chars.count + 1))
        return tokens
    }

    /// Scans a number starting at `start`; returns its value and the index after it.
    private func number(at start: Int) throws(LanguageError) -> (Double, Int) {
        var j = start
        func digits() { while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 } }
        digits()
        if j < chars.count, chars[j] == "." {
            j += 1
            digits()
        }
        if j < chars.count, chars[j] == "e" || chars[j] == "E" {
            var k = j + 1
            if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
            if k < chars.count, chars[k].isASCII, chars[k].isNumber {
                j = k
                digits()
            }
        }
        let text = String(chars[start..<j])
        // A letter glued to a number (`20d`) is a typo, not a number followed by a name.
        if j < chars.count, chars[j] == "_" || (chars[j].isASCII && chars[j].isLetter) {
            var k = j
            while k < chars.count, chars[k] == "_" || (chars[k].isASCII && (chars[k].isLetter || chars[k].isNumber)) { k += 1 }
            throw LanguageError(.invalidNumber(String(chars[start..<k])), column: start + 1)
        }
        guard let value = Double(text), value.isFinite else {
            throw LanguageError(.invalidNumber(text), column: start + 1)
        }
        return (value, j)
    }
}
