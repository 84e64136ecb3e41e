import Signals

/// A `--where` filter such as `fast < slow` or `slow >= 2 * fast and fast != 7`, written in the
/// strategy language over the params only (numbers, params, `+ - * /`, comparisons,
/// `and or not`, `abs min max`). A combination passes when the expression is true (1).
public struct ParameterConstraint: Sendable {
    public let source: String
    private let expression: Expression

    /// Parses and checks `source` against the params that exist (swept or fixed).
    public init(_ source: String, params: [String]) throws(SweepError) {
        self.source = source
        do {
            expression = try Parser.parse(source)
        } catch {
            throw .badConstraint(source, reason: error.description)
        }
        try Self.check(expression, params: Set(params), source: source)
    }

    /// Whether the combination (all params, swept and fixed) satisfies the constraint.
    public func accepts(_ params: [String: Double]) -> Bool {
        Self.evaluate(expression, params) == 1
    }

    private static func check(_ e: Expression, params: Set<String>, source: String) throws(SweepError) {
        switch e.node {
        case .number:
            return
        case .name(let n):
            guard params.contains(n) else {
                let hint = LanguageError.suggestion(for: n, among: params).map { " (did you mean '\($0)'?)" } ?? ""
                throw .badConstraint(source, reason: "column \(e.column): '\(n)' is not a param\(hint); --where sees params only")
            }
        case .unary(_, let x):
            try check(x, params: params, source: source)
        case .binary(_, let a, let b):
            try check(a, params: params, source: source)
            try check(b, params: params, source: source)
        case .call(let f, let args):
            let arity = ["abs": 1, "min": 2, "max": 2]
            guard let n = arity[f] else {
                throw .badConstraint(source, reason: "column \(e.column): '\(f)' is not available in --where (abs, min and max are)")
            }
            guard args.count == n else {
                throw .badConstraint(source, reason: "column \(e.column): \(f) takes \(n) argument\(n == 1 ? "" : "s"), not \(args.count)")
            }
            for a in args { try check(a, params: params, source: source) }
        case .lag:
            throw .badConstraint(source, reason: "column \(e.column): lags [n] have no meaning over params")
        }
    }

    /// Numbers in, numbers out; booleans are 1 and 0, as in the strategy language.
    private static func evaluate(_ e: Expression, _ p: [String: Double]) -> Double {
        switch e.node {
        case .number(let v): return v
        case .name(let n): return p[n] ?? .nan
        case .unary(.negate, let x): return -evaluate(x, p)
        case .unary(.not, let x): return evaluate(x, p) == 1 ? 0 : 1
        case .binary(let op, let ea, let eb):
            let a = evaluate(ea, p), b = evaluate(eb, p)
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return a / b
            case .less: return a < b ? 1 : 0
            case .lessEqual: return a <= b ? 1 : 0
            case .greater: return a > b ? 1 : 0
            case .greaterEqual: return a >= b ? 1 : 0
            case .equal: return a == b ? 1 : 0
            case .notEqual: return a != b ? 1 : 0
            case .and: return a == 1 && b == 1 ? 1 : 0
            case .or: return a == 1 || b == 1 ? 1 : 0
            }
        case .call(let f, let args):
            let xs = args.map { evaluate($0, p) }
            switch f {
            case "abs": return abs(xs[0])
            case "min": return Swift.min(xs[0], xs[1])
            default: return Swift.max(xs[0], xs[1])
            }
        case .lag: return .nan
        }
    }
}
