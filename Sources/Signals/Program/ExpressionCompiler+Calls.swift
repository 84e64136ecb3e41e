/// Function calls: arity and argument checks, then the node (or indicator) for the builtin.
extension CompilerState {
    mutating func call(_ name: String, _ args: [Expression], column: Int) throws(CompileError) -> CompiledValue {
        guard let f = Builtin.named(name) else {
            if PriceField(rawValue: name) != nil || params[name] != nil || sources[name] != nil {
                throw fail(.notAFunction(name), column)
            }
            throw fail(.unknownFunction(name, suggestion: LanguageError.suggestion(for: name, among: Builtin.names)), column)
        }
        guard args.count == f.arguments.count else {
            throw fail(.wrongArity(name, signature: f.signature, got: args.count), column)
        }
        var series: [CompiledValue] = []
        var periods: [Int] = []
        var constants: [Double] = []
        for (arg, spec) in zip(args, f.arguments) {
            switch spec {
            case .series(let n):
                let v = try compile(arg)
                try require(v, .number, "argument '\(n)' of '\(name)'", arg.column)
                series.append(v)
            case .period(let n):
                let v = try constant(arg, "argument '\(n)' of '\(name)'")
                guard v >= 1, v == v.rounded(), v <= Double(LookbackLimits.maxPeriod) else {
                    throw fail(.invalidPeriod(function: name, value: v), arg.column)
                }
                periods.append(Int(v))
            case .constant(let n):
                let v = try constant(arg, "argument '\(n)' of '\(name)'")
                guard v.isFinite else { throw fail(.invalidConstant(context: "argument '\(n)' of '\(name)'", value: v), arg.column) }
                constants.append(v)
            }
        }
        let slot: Int32
        switch f {
        case .year, .month, .day, .weekday, .hour, .minute, .second, .hhmm, .timeofday:
            slot = builder.calendar(f.calendarField!)
        case .abs:
            return fold(.abs, series[0])
        case .min:
            return fold(.min, series[0], series[1], commutative: true)
        case .max:
            return fold(.max, series[0], series[1], commutative: true)
        case .crossAbove, .crossBelow:
            slot = builder.cross(above: f == .crossAbove, series[0].slot, series[1].slot)
        case .sma, .ema, .wma, .rsi, .roc, .mom, .stddev, .highest, .lowest:
            let op = CompilerState.scalarOp(f)
            let input = series[0].slot
            slot = try indicator(.scalar(op, input: input, period: periods[0]), column) { bank, out throws(IndicatorError) in
                Node(op: op, out: out, a: input, state: try bank.addScalar(op, period: periods[0]))
            }
        case .atr, .adx, .cci, .willr, .mfi, .obv:
            let op = CompilerState.barOp(f)
            let period = periods.first ?? 0
            slot = try indicator(.bar(op, period: period), column) { bank, out throws(IndicatorError) in
                Node(op: op, out: out, state: try bank.addBar(op, period: period))
            }
        case .macd, .macdSignal, .macdHist:
            let input = series[0].slot
            let base = try indicator(.macd(input: input, fast: periods[0], slow: periods[1], signal: periods[2]), column, width: 3) {
                bank, out throws(IndicatorError) in
                Node(op: .macd, out: out, a: input, state: try bank.addMACD(fast: periods[0], slow: periods[1], signal: periods[2]))
            }
            slot = base + (f == .macd ? 0 : f == .macdSignal ? 1 : 2)
        case .bbUpper, .bbMiddle, .bbLower:
            let input = series[0].slot
            let k = constants[0]
            let base = try indicator(.bollinger(input: input, period: periods[0], k: k.bitPattern), column, width: 3) {
                bank, out throws(IndicatorError) in
                Node(op: .bollinger, out: out, a: input, state: try bank.addBollinger(period: periods[0], k: k))
            }
            slot = base + (f == .bbUpper ? 0 : f == .bbMiddle ? 1 : 2)
        case .stochK, .stochD:
            let base = try indicator(.stochastic(period: periods[0], kSmooth: periods[1], dSmooth: periods[2]), column, width: 2) {
                bank, out throws(IndicatorError) in
                Node(op: .stochastic, out: out, state: try bank.addStochastic(period: periods[0], kSmooth: periods[1], dSmooth: periods[2]))
            }
            slot = base + (f == .stochK ? 0 : 1)
        }
        return CompiledValue(slot: slot, type: f.result, constant: nil)
    }

    /// Emits (or reuses) an indicator node; an indicator that rejects its parameters becomes a
    /// compile error at the call's column.
    private mutating func indicator(
        _ key: NodeKey, _ column: Int, width: Int = 1,
        _ make: (inout IndicatorBank, Int32) throws(IndicatorError) -> Node
    ) throws(CompileError) -> Int32 {
        let keyStack = self.keyStack
        return try builder.node(key, width: width) { builder, out throws(CompileError) in
            do throws(IndicatorError) {
                return try make(&builder.bank, out)
            } catch {
                throw CompileError(key: keyStack.last ?? "", error: LanguageError(.invalidIndicator(error.description), column: column))
            }
        }
    }

    static func scalarOp(_ f: Builtin) -> Node.Op {
        switch f {
        case .sma: .sma
        case .ema: .ema
        case .wma: .wma
        case .rsi: .rsi
        case .roc: .roc
        case .mom: .mom
        case .stddev: .stddev
        case .highest: .highest
        default: .lowest
        }
    }

    static func barOp(_ f: Builtin) -> Node.Op {
        switch f {
        case .atr: .atr
        case .adx: .adx
        case .cci: .cci
        case .willr: .willr
        case .mfi: .mfi
        default: .obv
        }
    }
}
