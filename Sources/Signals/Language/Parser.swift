/// A recursive-descent parser for the strategy expression language.
///
/// Grammar, loosest binding first:
/// ```
/// expr       := or
/// or         := and ("or" and)*
/// and        := not ("and" not)*
/// not        := "not" not | comparison
/// comparison := additive (("<" | "<=" | ">" | ">=" | "==" | "!=") additive)?
/// additive   := term (("+" | "-") term)*
/// term       := unary (("*" | "/") unary)*
/// unary      := "-" unary | postfix
/// postfix    := primary ("[" expr "]")*
/// primary    := number | name | name "(" (expr ("," expr)*)? ")" | "(" expr ")"
/// ```
/// Comparisons do not chain: `a < b < c` is an error rather than a surprise.
public struct Parser {
    private var tokens: [Token]
    private var index = 0
    private var depth = 0
    /// The deepest expression tree accepted.
    public static let maxDepth = 200
    /// The most tokens one expression may have.
    public static let maxTokens = 4_000

    /// Parses a whole expression string.
    public static func parse(_ source: String) throws(LanguageError) -> Expression {
        var parser = Parser(tokens: try Lexer(source).tokenize())
        return try parser.parseAll()
    }

    public init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses the tokens as one expression and requires that nothing follows it.
    public mutating func parseAll() throws(LanguageError) -> Expression {
        if peek.kind == .end { throw LanguageError(.emptyExpression, column: peek.column) }
        if tokens.count > Parser.maxTokens {
            throw LanguageError(.tooLong(tokens: tokens.count, limit: Parser.maxTokens), column: tokens[Parser.maxTokens].column)
        }
        let e = try parseOr()
        guard peek.kind == .end else {
            throw LanguageError(.unexpectedToken(found: peek.display, expected: "an operator or the end"), column: peek.column)
        }
        // Long operator chains (`a + a + ... + a`) build deep trees without nesting parentheses;
        // bound the height so that the recursive compiler cannot exhaust the stack.
        if let deep = Parser.firstTooDeep(e) { throw LanguageError(.tooDeep, column: deep.column) }
        return e
    }

    /// The first sub-expression found deeper than `maxDepth` levels, walked without recursion.
    static func firstTooDeep(_ root: Expression) -> Expression? {
        var stack: [(Expression, Int)] = [(root, 1)]
        while let (e, depth) = stack.popLast() {
            if depth > maxDepth { return e }
            switch e.node {
            case .number, .name: break
            case .unary(_, let x): stack.append((x, depth + 1))
            case .binary(_, let a, let b), .lag(let a, let b):
                stack.append((a, depth + 1))
                stack.append((b, depth + 1))
            case .call(_, let args): stack.append(contentsOf: args.map { ($0, depth + 1) })
            }
        }
        return nil
    }

    private var peek: Token { tokens[min(index, tokens.count - 1)] }

    private mutating func advance() -> Token {
        let t = peek
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    private mutating func expect(_ kind: Token.Kind, _ what: String) throws(LanguageError) -> Token {
        guard peek.kind == kind else {
            throw LanguageError(.unexpectedToken(found: peek.display, expected: what), column: peek.column)
        }
        return advance()
    }

    private mutating func enter() throws(LanguageError) {
        depth += 1
        if depth > Parser.maxDepth { throw LanguageError(.tooDeep, column: peek.column) }
    }

    private mutating func parseOr() throws(LanguageError) -> Expression {
        try enter()
        defer { depth -= 1 }
        var lhs = try parseAnd()
        while peek.kind == .or {
            _ = advance()
            let rhs = try parseAnd()
            lhs = Expression(.binary(.or, lhs, rhs), column: lhs.column)
        }
        return lhs
    }

    private mutating func parseAnd() throws(LanguageError) -> Expression {
        var lhs = try parseNot()
        while peek.kind == .and {
            _ = advance()
            let rhs = try parseNot()
            lhs = Expression(.binary(.and, lhs, rhs), column: lhs.column)
        }
        return lhs
    }

    private mutating func parseNot() throws(LanguageError) -> Expression {
        if peek.kind == .not {
            let t = advance()
            try enter()
            defer { depth -= 1 }
            let operand = try parseNot()
            return Expression(.unary(.not, operand), column: t.column)
        }
        return try parseComparison()
    }

    private static func comparison(_ kind: Token.Kind) -> BinaryOperator? {
        switch kind {
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        case .equal: .equal
        case .notEqual: .notEqual
        default: nil
        }
    }

    private mutating func parseComparison() throws(LanguageError) -> Expression {
        let lhs = try parseAdditive()
        guard let op = Parser.comparison(peek.kind) else { return lhs }
        _ = advance()
        let rhs = try parseAdditive()
        if Parser.comparison(peek.kind) != nil {
            throw LanguageError(.chainedComparison, column: peek.column)
        }
        return Expression(.binary(op, lhs, rhs), column: lhs.column)
    }

    private mutating func parseAdditive() throws(LanguageError) -> Expression {
        var lhs = try parseTerm()
        while peek.kind == .plus || peek.kind == .minus {
            let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
            let rhs = try parseTerm()
            lhs = Expression(.binary(op, lhs, rhs), column: lhs.column)
        }
        return lhs
    }

    private mutating func parseTerm() throws(LanguageError) -> Expression {
        var lhs = try parseUnary()
        while peek.kind == .star || peek.kind == .slash {
            let op: BinaryOperator = advance().kind == .star ? .multiply : .divide
            let rhs = try parseUnary()
            lhs = Expression(.binary(op, lhs, rhs), column: lhs.column)
        }
        return lhs
    }

    private mutating func parseUnary() throws(LanguageError) -> Expression {
        if peek.kind == .minus {
            let t = advance()
            try enter()
            defer { depth -= 1 }
            let operand = try parseUnary()
            if case .number(let v) = operand.node { return Expression(.number(-v), column: t.column) }
            return Expression(.unary(.negate, operand), column: t.column)
        }
        if peek.kind == .plus {
            _ = advance()
            return try parseUnary()
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(LanguageError) -> Expression {
        var e = try parsePrimary()
        while peek.kind == .leftBracket {
            _ = advance()
            let n = try parseOr()
            _ = try expect(.rightBracket, "']'")
            e = Expression(.lag(e, n), column: e.column)
        }
        return e
    }

    private mutating func parsePrimary() throws(LanguageError) -> Expression {
        let t = peek
        switch t.kind {
        case .number(let v):
            _ = advance()
            return Expression(.number(v), column: t.column)
        case .identifier(let name):
            _ = advance()
            guard peek.kind == .leftParen else { return Expression(.name(name), column: t.column) }
            _ = advance()
            var args: [Expression] = []
            if peek.kind != .rightParen {
                args.append(try parseOr())
                while peek.kind == .comma {
                    _ = advance()
                    args.append(try parseOr())
                }
            }
            _ = try expect(.rightParen, "',' or ')'")
            return Expression(.call(name, args), column: t.column)
        case .leftParen:
            _ = advance()
            try enter()
            defer { depth -= 1 }
            let e = try parseOr()
            _ = try expect(.rightParen, "')'")
            return e
        case .end:
            throw LanguageError(.unexpectedEnd(expected: "a number, a name or '('"), column: t.column)
        default:
            throw LanguageError(.unexpectedToken(found: t.display, expected: "a number, a name or '('"), column: t.column)
        }
    }
}
