/// One lexical token of the strategy expression language.
///
/// `column` is the 1-based position (in characters) of the token's first character inside the
/// expression string, which is what compile errors report.
public struct Token: Sendable, Equatable {
    /// What the token is.
    public enum Kind: Sendable, Equatable {
        case number(Double)
        case identifier(String)
        case leftParen, rightParen, leftBracket, rightBracket, comma
        case plus, minus, star, slash
        case less, lessEqual, greater, greaterEqual, equal, notEqual
        case and, or, not
        case end
    }

    public var kind: Kind
    public var column: Int

    public init(_ kind: Kind, column: Int) {
        self.kind = kind
        self.column = column
    }

    /// How the token reads in an error message (`'('`, `number 3`, `end of expression`).
    public var display: String {
        switch kind {
        case .number(let v): "number \(Token.format(v))"
        case .identifier(let s): "'\(s)'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .comma: "','"
        case .plus: "'+'"
        case .minus: "'-'"
        case .star: "'*'"
        case .slash: "'/'"
        case .less: "'<'"
        case .lessEqual: "'<='"
        case .greater: "'>'"
        case .greaterEqual: "'>='"
        case .equal: "'=='"
        case .notEqual: "'!='"
        case .and: "'and'"
        case .or: "'or'"
        case .not: "'not'"
        case .end: "end of expression"
        }
    }

    /// A number without a trailing `.0` when it is integral (`20`, `0.5`).
    static func format(_ v: Double) -> String {
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}
