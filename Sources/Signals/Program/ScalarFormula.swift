/// An expression of the strategy language over named numbers only, with no bars: `fast < slow`,
/// `slow >= 2 * fast and not (fast == 7)` (what `barwise sweep --where` filters combinations by).
///
/// It goes through the strategy compiler (`CompilerState`): the same parser, type checks (a
/// `not` needs a boolean, `and` needs booleans), constant folding and value rules
/// (`NodeEvaluation`: comparisons with NaN are false, `and`/`or`/`not` are three-valued), so a
/// formula means exactly what the same text means in a strategy file. `constants` are folded in
/// when compiling; `variables` are read on every evaluation. Numbers, names, operators, `abs`,
/// `min` and `max` are available; price series, indicators, crossings and lags need bars and are
/// errors.
///
/// Compile once, evaluate many times: an `Evaluator` runs the few compiled nodes over its own
/// slots, allocating nothing per evaluation.
public struct ScalarFormula: Sendable {
    /// Whether the formula gives a number or a boolean (1 true, 0 false, NaN unknown).
    public let type: ValueType
    /// The variables, in the order `Evaluator.evaluate` takes their values.
    public let variables: [String]
    private let nodes: [Node]
    private let template: [Double]
    private let inputSlots: [Int]
    private let resultSlot: Int

    /// Compiles `expression` (from `Parser.parse`).
    /// - Throws: `LanguageError` pointing at the column of what does not compile.
    public init(_ expression: Expression, constants: [String: Double], variables: [String]) throws(LanguageError) {
        let known = Set(constants.keys).union(variables)
        try Self.check(expression, known: known)
        var state = CompilerState(params: constants.filter { !variables.contains($0.key) }, signals: [])
        for name in variables where state.inputs[name] == nil { state.inputs[name] = state.builder.input() }
        let value: CompiledValue
        do {
            value = try state.compile(expression)
        } catch {
            throw error.error
        }
        type = value.type
        self.variables = variables
        nodes = state.builder.nodes
        template = state.builder.slots
        inputSlots = variables.map { Int(state.inputs[$0]!) }
        resultSlot = Int(value.slot)
    }

    /// Parses and compiles `text`.
    public init(parsing text: String, constants: [String: Double], variables: [String]) throws(LanguageError) {
        try self.init(Parser.parse(text), constants: constants, variables: variables)
    }

    /// Evaluates a formula repeatedly over its own slots.
    public struct Evaluator {
        private let nodes: [Node]
        private let inputSlots: [Int]
        private let resultSlot: Int
        private var slots: [Double]

        init(_ formula: ScalarFormula) {
            nodes = formula.nodes
            inputSlots = formula.inputSlots
            resultSlot = formula.resultSlot
            slots = formula.template
        }

        /// The formula's value with `values[i]` for `formula.variables[i]`.
        public mutating func evaluate(_ values: [Double]) -> Double {
            let nodes = self.nodes, inputs = inputSlots, result = resultSlot
            return slots.withUnsafeMutableBufferPointer { s in
                inputs.withUnsafeBufferPointer { slot in
                    values.withUnsafeBufferPointer { v in
                        for i in 0..<slot.count { s[slot[i]] = v[i] }
                    }
                }
                // Nodes come in topological order and every one is pure (checked when compiling),
                // so constants never change and each node's output is rewritten before it is read.
                nodes.withUnsafeBufferPointer { ns in
                    for k in 0..<ns.count {
                        let node = ns[k]
                        let b = node.b >= 0 ? s[Int(node.b)] : .nan
                        s[Int(node.out)] = NodeEvaluation.evaluate(node.op, s[Int(node.a)], b)
                    }
                }
                return s[result]
            }
        }
    }

    /// An evaluator with its own slots (one per thread that evaluates).
    public func evaluator() -> Evaluator { Evaluator(self) }

    /// Only what needs no bars: every name known, no indicator, crossing or lag.
    private static func check(_ e: Expression, known: Set<String>) throws(LanguageError) {
        switch e.node {
        case .number:
            return
        case .name(let n):
            guard known.contains(n) else {
                if let field = PriceField(rawValue: n) {
                    let what = field == .time ? "the bar time 'time'" : "the price series '\(n)'"
                    throw LanguageError(.needsBars(what), column: e.column)
                }
                throw LanguageError(.unknownName(n, suggestion: LanguageError.suggestion(for: n, among: known)), column: e.column)
            }
        case .unary(_, let x):
            try check(x, known: known)
        case .binary(_, let a, let b):
            try check(a, known: known)
            try check(b, known: known)
        case .call(let f, let args):
            switch Builtin.named(f) {
            case .abs, .min, .max:
                for a in args { try check(a, known: known) }
            case .some:
                throw LanguageError(.needsBars("'\(f)'"), column: e.column)
            case nil:
                throw LanguageError(.unknownFunction(f, suggestion: LanguageError.suggestion(for: f, among: ["abs", "min", "max"])), column: e.column)
            }
        case .lag:
            throw LanguageError(.needsBars("a lag [n]"), column: e.column)
        }
    }
}
