/// A parsed expression: a tree of `Expression` nodes, each remembering the column where it
/// starts so that the compiler can point at it.
public indirect enum ExpressionNode: Sendable, Equatable {
    /// A numeric literal.
    case number(Double)
    /// A name: a price series, a parameter or a named signal.
    case name(String)
    /// `-x` or `not x`.
    case unary(UnaryOperator, Expression)
    /// `a + b`, `a < b`, `a and b`, ...
    case binary(BinaryOperator, Expression, Expression)
    /// `f(a, b, ...)`.
    case call(String, [Expression])
    /// `x[n]`: the value of `x` `n` bars ago.
    case lag(Expression, Expression)
}

/// An expression with the 1-based column of its first character.
public struct Expression: Sendable, Equatable {
    public var node: ExpressionNode
    public var column: Int

    public init(_ node: ExpressionNode, column: Int) {
        self.node = node
        self.column = column
    }
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable, Equatable, Hashable {
    case negate = "-"
    case not = "not"
}

/// Infix operators, from arithmetic to logic.
public enum BinaryOperator: String, Sendable, Equatable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case equal = "==", notEqual = "!="
    case and = "and", or = "or"

    /// True for `+ - * /`.
    public var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide: true
        default: false
        }
    }

    /// True for `< <= > >= == !=`.
    public var isComparison: Bool {
        switch self {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: true
        default: false
        }
    }

    /// True for `and`, `or`.
    public var isLogical: Bool { self == .and || self == .or }

    /// True when `a op b == b op a`, so the compiler can merge `a + b` with `b + a`.
    public var isCommutative: Bool {
        switch self {
        case .add, .multiply, .equal, .notEqual, .and, .or: true
        default: false
        }
    }
}

extension Expression: CustomStringConvertible {
    /// A fully parenthesised rendering, used by tests and error messages.
    public var description: String {
        switch node {
        case .number(let v): Token.format(v)
        case .name(let n): n
        case .unary(.negate, let e): "(-\(e))"
        case .unary(.not, let e): "(not \(e))"
        case .binary(let op, let a, let b): "(\(a) \(op.rawValue) \(b))"
        case .call(let f, let args): "\(f)(\(args.map(\.description).joined(separator: ", ")))"
        case .lag(let e, let n): "\(e)[\(n)]"
        }
    }
}
