/// Compiles named signals and rules into one `SignalProgram`.
///
/// It resolves names (price series, params, named signals in any order, cycles rejected),
/// checks arity and types (number versus boolean), substitutes params and folds constants,
/// merges identical sub-expressions across every signal and rule, and emits the nodes in
/// topological order.
public struct ExpressionCompiler {
    /// One named expression to compile.
    public struct Source: Sendable, Equatable {
        /// The output name: the signal's name or the rule's key.
        public var name: String
        /// Where errors point: `signals.fast_ma`, `rules.long_entry`.
        public var key: String
        public var text: String
        /// The type the value must have (rules), or nil for any (signals).
        public var expected: ValueType?

        public init(name: String, key: String, text: String, expected: ValueType? = nil) {
            self.name = name
            self.key = key
            self.text = text
            self.expected = expected
        }
    }

    public var params: [String: Double]
    public var signals: [Source]
    public var rules: [Source]

    public init(params: [String: Double] = [:], signals: [Source] = [], rules: [Source] = []) {
        self.params = params
        self.signals = signals
        self.rules = rules
    }

    /// Convenience: signals as `name = expression` pairs, rules with their expected types.
    public init(params: [String: Double] = [:], signals: [(String, String)], rules: [(String, String, ValueType)] = []) {
        self.params = params
        self.signals = signals.map { Source(name: $0.0, key: "signals.\($0.0)", text: $0.1) }
        self.rules = rules.map { Source(name: $0.0, key: "rules.\($0.0)", text: $0.1, expected: $0.2) }
    }

    /// Compiles every signal (in order) and then every rule.
    public func compile() throws(CompileError) -> SignalProgram {
        var builder = ProgramBuilder()
        let outputs = try compile(into: &builder)
        return SignalProgram(builder: builder, outputs: outputs)
    }

    /// Compiles into `builder`, which may already hold other programs' nodes: a computation
    /// already there (same operation, operands and parameters) is reused, not emitted again.
    func compile(into builder: inout ProgramBuilder) throws(CompileError) -> [SignalProgram.Output] {
        var state = CompilerState(params: params, signals: signals)
        swap(&state.builder, &builder)
        defer { swap(&state.builder, &builder) }
        try state.checkNames(rules: rules)
        var outputs: [SignalProgram.Output] = []
        for source in signals {
            let value = try state.signal(source.name, column: 1)
            outputs.append(.init(name: source.name, slot: Int(value.slot), type: value.type))
        }
        for rule in rules {
            state.keyStack = [rule.key]
            let value = try state.compile(source: rule)
            if let expected = rule.expected, value.type != expected {
                throw CompileError(key: rule.key, error: LanguageError(
                    .typeMismatch(expected: expected, found: value.type, context: "rule '\(rule.name)'"), column: 1))
            }
            outputs.append(.init(name: rule.name, slot: Int(value.slot), type: value.type))
        }
        return outputs
    }
}

/// A compiled sub-expression: where its value lives, its type, and its value when known at
/// compile time.
struct CompiledValue {
    var slot: Int32
    var type: ValueType
    var constant: Double?
}

/// The mutable side of one compilation.
struct CompilerState {
    var builder = ProgramBuilder()
    let params: [String: Double]
    let sources: [String: ExpressionCompiler.Source]
    var done: [String: CompiledValue] = [:]
    var visiting: [String] = []
    var keyStack: [String] = []
    /// Names read from input slots set before each evaluation (`ScalarFormula` variables).
    var inputs: [String: Int32] = [:]

    init(params: [String: Double], signals: [ExpressionCompiler.Source]) {
        self.params = params
        var sources: [String: ExpressionCompiler.Source] = [:]
        for s in signals where sources[s.name] == nil { sources[s.name] = s }
        self.sources = sources
    }

    func fail(_ kind: LanguageError.Kind, _ column: Int) -> CompileError {
        CompileError(key: keyStack.last ?? "", error: LanguageError(kind, column: column))
    }

    /// Rejects signal and param names that would shadow a price series or a function, and
    /// signals named like a rule (their outputs would collide).
    func checkNames(rules: [ExpressionCompiler.Source]) throws(CompileError) {
        let ruleNames = Set(rules.map(\.name))
        for name in params.keys.sorted() {
            if PriceField(rawValue: name) != nil || Builtin.named(name) != nil {
                throw CompileError(key: "params.\(name)", error: LanguageError(.nameClash(name, with: "a built-in name"), column: 1))
            }
        }
        for source in sources.values.sorted(by: { $0.key < $1.key }) {
            let name = source.name
            let clash: String? =
                if PriceField(rawValue: name) != nil || Builtin.named(name) != nil { "a built-in name" }
                else if params[name] != nil { "a param" }
                else if ruleNames.contains(name) { "a rule" }
                else { nil }
            if let clash {
                throw CompileError(key: source.key, error: LanguageError(.nameClash(name, with: clash), column: 1))
            }
        }
    }

    /// The value of the named signal, compiling it on first use.
    mutating func signal(_ name: String, column: Int) throws(CompileError) -> CompiledValue {
        if let value = done[name] { return value }
        guard let source = sources[name] else {
            throw fail(.unknownName(name, suggestion: nil), column)
        }
        if let start = visiting.firstIndex(of: name) {
            throw fail(.cycle(Array(visiting[start...]) + [name]), column)
        }
        visiting.append(name)
        keyStack.append(source.key)
        let value = try compile(source: source)
        keyStack.removeLast()
        visiting.removeLast()
        done[name] = value
        return value
    }

    mutating func compile(source: ExpressionCompiler.Source) throws(CompileError) -> CompiledValue {
        let tree: Expression
        do {
            tree = try Parser.parse(source.text)
        } catch {
            throw CompileError(key: source.key, error: error)
        }
        return try compile(tree)
    }

    mutating func compile(_ e: Expression) throws(CompileError) -> CompiledValue {
        switch e.node {
        case .number(let v):
            return CompiledValue(slot: builder.constant(v), type: .number, constant: v)
        case .name(let name):
            return try resolve(name, column: e.column)
        case .unary(let op, let operand):
            let x = try compile(operand)
            switch op {
            case .negate:
                try require(x, .number, "operand of '-'", operand.column)
                return fold(.negate, x)
            case .not:
                try require(x, .boolean, "operand of 'not'", operand.column)
                return fold(.not, x)
            }
        case .binary(let op, let lhs, let rhs):
            let a = try compile(lhs)
            let b = try compile(rhs)
            let operandType: ValueType = op.isLogical ? .boolean : .number
            try require(a, operandType, "left side of '\(op.rawValue)'", lhs.column)
            try require(b, operandType, "right side of '\(op.rawValue)'", rhs.column)
            return fold(CompilerState.op(op), a, b, commutative: op.isCommutative)
        case .call(let name, let args):
            return try call(name, args, column: e.column)
        case .lag(let inner, let n):
            let x = try compile(inner)
            let bars = try constant(n, "lag")
            guard bars >= 0, bars == bars.rounded(), bars <= Double(LookbackLimits.maxLag) else {
                throw fail(.invalidLag(bars), n.column)
            }
            if bars == 0 { return x }
            return CompiledValue(slot: builder.lag(x.slot, bars: Int(bars)), type: x.type, constant: nil)
        }
    }

    static func op(_ op: BinaryOperator) -> Node.Op {
        switch op {
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        case .divide: .divide
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        case .equal: .equal
        case .notEqual: .notEqual
        case .and: .and
        case .or: .or
        }
    }

    func require(_ v: CompiledValue, _ type: ValueType, _ context: String, _ column: Int) throws(CompileError) {
        guard v.type == type else { throw fail(.typeMismatch(expected: type, found: v.type, context: context), column) }
    }

    /// An expression's value at compile time, or an error when it depends on the bars.
    mutating func constant(_ e: Expression, _ context: String) throws(CompileError) -> Double {
        let v = try compile(e)
        guard v.type == .number else { throw fail(.typeMismatch(expected: .number, found: v.type, context: context), e.column) }
        guard let c = v.constant else { throw fail(.notConstant(context: context), e.column) }
        return c
    }

    mutating func resolve(_ name: String, column: Int) throws(CompileError) -> CompiledValue {
        if let slot = inputs[name] {
            return CompiledValue(slot: slot, type: .number, constant: nil)
        }
        if let field = PriceField(rawValue: name) {
            return CompiledValue(slot: field.slot, type: .number, constant: nil)
        }
        if let p = params[name] {
            return CompiledValue(slot: builder.constant(p), type: .number, constant: p)
        }
        if sources[name] != nil { return try signal(name, column: column) }
        if let f = Builtin.named(name) { throw fail(.missingCall(name, signature: f.signature), column) }
        let candidates = PriceField.allCases.map(\.rawValue) + params.keys + sources.keys
        throw fail(.unknownName(name, suggestion: LanguageError.suggestion(for: name, among: candidates)), column)
    }

    /// A node for `op`, or a constant when every operand is one.
    mutating func fold(_ op: Node.Op, _ a: CompiledValue, _ b: CompiledValue? = nil, commutative: Bool = false) -> CompiledValue {
        let type = NodeEvaluation.resultType(op)
        if let x = a.constant, b == nil || b?.constant != nil {
            let v = NodeEvaluation.evaluate(op, x, b?.constant ?? .nan)
            return CompiledValue(slot: builder.constant(v), type: type, constant: v)
        }
        // `a < b` is `b > a`: one canonical form, so both spellings share a node.
        if let b, op == .less || op == .lessEqual {
            let flipped: Node.Op = op == .less ? .greater : .greaterEqual
            return CompiledValue(slot: builder.operation(flipped, b.slot, a.slot), type: type, constant: nil)
        }
        let slot = builder.operation(op, a.slot, b?.slot ?? -1, commutative: commutative)
        return CompiledValue(slot: slot, type: type, constant: nil)
    }
}
