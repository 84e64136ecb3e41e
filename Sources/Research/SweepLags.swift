import Signals

/// The lags `x[n]` of a strategy as formulas over its params, so that a sweep knows the longest
/// lag of every combination it will run without compiling the strategy once per combination.
///
/// A lag's `n` must be a compile-time constant: numbers, params and named signals that are
/// themselves constant, combined with `+ - * /`, `abs`, `min`, `max`. Each `n` is taken from the
/// parsed signals and rules, its signal names replaced by their expressions, and compiled once
/// as a `ScalarFormula` with the swept params as variables and the fixed ones folded in, then
/// evaluated per combination (allocation-free, millions per second). The longest lag of a
/// combination is the largest of its `n`, as `SignalProgram.longestLag` of that combination's
/// compiled program gives. A value that is not a whole number from 0 to `LookbackLimits.maxLag`
/// makes that combination fail to compile: it is reported as `invalid`.
public struct SweepLags: Sendable {
    private let formulas: [ScalarFormula]
    /// Whether some `n` reads a swept param (else one evaluation serves every combination).
    private let dependsOnGrid: Bool

    /// - Parameters:
    ///   - fixed: the params that are not swept, at their values (`SweepPlan.fixed`).
    public init(spec: StrategySpec, grid: ParameterGrid, fixed: [String: Double]) {
        let params = Set(spec.params.keys)
        var signals: [String: Expression] = [:]
        var counts: [Expression] = []
        let texts = spec.signals.map { ($0.name, $0.expression) } + spec.rules.map { ($0.key.rawValue, $0.expression) }
        var parsed: [Expression] = []
        for (name, text) in texts {
            // A text that does not parse does not compile either: the sweep reports it.
            guard let e = try? Parser.parse(text) else { continue }
            if spec.signals.contains(where: { $0.name == name }), signals[name] == nil { signals[name] = e }
            parsed.append(e)
        }
        for e in parsed { Self.collectLagCounts(e, into: &counts) }
        var formulas: [ScalarFormula] = []
        var names = Set<String>()
        for n in counts {
            guard let inlined = Self.inline(n, signals: signals, params: params, depth: 0),
                  let formula = try? ScalarFormula(inlined, constants: fixed, variables: grid.names) else { continue }
            Self.collectNames(inlined, into: &names)
            formulas.append(formula)
        }
        self.formulas = formulas
        dependsOnGrid = !names.isDisjoint(with: grid.names)
    }

    /// Whether the strategy has a lag at all.
    public var isEmpty: Bool { formulas.isEmpty }

    /// A combination whose longest lag is too long for the loaded bars, or invalid.
    public struct Excess: Sendable, Equatable {
        /// The first such combination's grid index.
        public var index: Int
        /// Its longest lag in bars (NaN or out of range when `invalid`).
        public var lag: Double
        /// Whether some lag of it is not a whole number from 0 to `LookbackLimits.maxLag`.
        public var invalid: Bool
        /// How many of the combinations checked are like it (too long or invalid).
        public var count: Int
    }

    /// The first of `indices` (grid indices) whose longest lag is not below `bars`, or whose lag
    /// is invalid, with the number of such combinations; nil when every one fits.
    public func firstExcess(over indices: [Int], grid: ParameterGrid, bars: Int) -> Excess? {
        guard !formulas.isEmpty, let firstIndex = indices.first else { return nil }
        var evaluators = formulas.map { $0.evaluator() }
        var values = [Double](repeating: 0, count: grid.axes.count)
        func longest(_ index: Int) -> (lag: Double, invalid: Bool) {
            grid.values(at: index, into: &values)
            var lag = 0.0
            var invalid = false
            for i in evaluators.indices {
                let n = evaluators[i].evaluate(values)
                if !(n >= 0 && n == n.rounded() && n <= Double(LookbackLimits.maxLag)) { invalid = true; lag = n; break }
                lag = max(lag, n)
            }
            return (lag, invalid)
        }
        if !dependsOnGrid {
            let (lag, invalid) = longest(firstIndex)
            return invalid || lag >= Double(bars) ? Excess(index: firstIndex, lag: lag, invalid: invalid, count: indices.count) : nil
        }
        var found: Excess?
        for k in indices {
            let (lag, invalid) = longest(k)
            guard invalid || lag >= Double(bars) else { continue }
            if found == nil { found = Excess(index: k, lag: lag, invalid: invalid, count: 0) }
            found!.count += 1
        }
        return found
    }

    /// Every `n` of a lag `x[n]` in `e` (not inside another `n`: such an `n` is not constant).
    private static func collectLagCounts(_ e: Expression, into out: inout [Expression]) {
        switch e.node {
        case .number, .name: return
        case .unary(_, let x): collectLagCounts(x, into: &out)
        case .binary(_, let a, let b):
            collectLagCounts(a, into: &out)
            collectLagCounts(b, into: &out)
        case .call(_, let args): for a in args { collectLagCounts(a, into: &out) }
        case .lag(let x, let n):
            collectLagCounts(x, into: &out)
            out.append(n)
        }
    }

    /// `e` with every named signal replaced by its expression (names resolve as the compiler
    /// resolves them: price fields, then params, then signals); nil when it reads bars.
    private static func inline(_ e: Expression, signals: [String: Expression], params: Set<String>, depth: Int) -> Expression? {
        guard depth < 64 else { return nil }
        switch e.node {
        case .number: return e
        case .name(let n):
            if PriceField(rawValue: n) != nil { return nil }
            if params.contains(n) { return e }
            guard let s = signals[n] else { return e }
            return inline(s, signals: signals, params: params, depth: depth + 1)
        case .unary(let op, let x):
            return inline(x, signals: signals, params: params, depth: depth + 1).map { Expression(.unary(op, $0), column: e.column) }
        case .binary(let op, let a, let b):
            guard let a = inline(a, signals: signals, params: params, depth: depth + 1),
                  let b = inline(b, signals: signals, params: params, depth: depth + 1) else { return nil }
            return Expression(.binary(op, a, b), column: e.column)
        case .call(let f, let args):
            var out: [Expression] = []
            for a in args {
                guard let x = inline(a, signals: signals, params: params, depth: depth + 1) else { return nil }
                out.append(x)
            }
            return Expression(.call(f, out), column: e.column)
        case .lag:
            return nil
        }
    }

    private static func collectNames(_ e: Expression, into out: inout Set<String>) {
        switch e.node {
        case .number: return
        case .name(let n): out.insert(n)
        case .unary(_, let x): collectNames(x, into: &out)
        case .binary(_, let a, let b):
            collectNames(a, into: &out)
            collectNames(b, into: &out)
        case .call(_, let args): for a in args { collectNames(a, into: &out) }
        case .lag(let x, let n):
            collectNames(x, into: &out)
            collectNames(n, into: &out)
        }
    }
}
