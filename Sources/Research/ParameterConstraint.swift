import Signals

/// A `--where` filter such as `fast < slow` or `slow >= 2 * fast and fast != 7`, written in the
/// strategy language over the params only (numbers, params, `+ - * /`, comparisons,
/// `and or not`, `abs min max`). It compiles through the strategy compiler (`ScalarFormula`), so
/// it has the strategy language's types and value rules, and it must be a condition (boolean):
/// `--where 'fast'` is an error. A combination passes when the condition is true (1); unknown
/// (NaN, e.g. from `0 / 0`) does not pass.
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
        // The type does not depend on the values: compile once with every param a variable.
        let formula = try Self.compile(expression, source: source, constants: [:], variables: params)
        guard formula.type == .boolean else {
            throw .badConstraint(source, reason: "column 1: --where must be a condition (true or false), but this is a number; compare it, e.g. 'fast < slow'")
        }
    }

    /// The constraint compiled for one sweep: the fixed params folded in as constants, the swept
    /// ones read per combination in `swept` order.
    public func formula(fixed: [String: Double], swept: [String]) throws(SweepError) -> ScalarFormula {
        try Self.compile(expression, source: source, constants: fixed, variables: swept)
    }

    /// Whether the combination (all params, swept and fixed) satisfies the constraint. Compiles
    /// on every call: for checks and tests; `SweepPlan` compiles once.
    public func accepts(_ values: [String: Double]) -> Bool {
        let names = values.keys.sorted()
        guard let formula = try? formula(fixed: [:], swept: names) else { return false }
        var evaluator = formula.evaluator()
        return evaluator.evaluate(names.map { values[$0]! }) == 1
    }

    private static func compile(_ e: Expression, source: String, constants: [String: Double], variables: [String]) throws(SweepError) -> ScalarFormula {
        do {
            return try ScalarFormula(e, constants: constants, variables: variables)
        } catch {
            throw .badConstraint(source, reason: error.description)
        }
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
}
