/// A strategy's warm-up: the bar from which every indicator it computes has a value, the
/// counterpart of backtesting.py's `_indicator_warmup_nbars` (SEMANTICS.md section 1.1: SMA(20)
/// gives 19). backtesting.py makes its first decision one bar later (it calls `next()` from bar
/// warm-up + 1); the engine follows it by default (`[execution] warmup`).
///
/// Computed from the program's structure, bar 0 being the first bar stepped. The first bar at
/// which a slot holds a value, `first(x)`:
///
///     prices, constants                        0
///     operators, comparisons, min, max, abs    max(first(a), first(b))
///     x[k]                                     first(x) + k
///     cross_above / cross_below(a, b)          max(first(a), first(b)) + 1
///     indicator of a series x (sma, macd, …)   first(x) + lookback
///     indicator of the bars (atr, stoch, …)    lookback
///
/// where `lookback` is TA-Lib's (an indicator starts warming up with its input's first value;
/// for several outputs, the latest: MACD's signal line, Stochastic's %D). The warm-up is the
/// largest `first` over the indicator nodes the outputs use, 0 when there are none. Named
/// signals that no rule uses count (backtesting.py counts every `self.I`); lags and crossings
/// on their own do not (they are data access in backtesting.py, not indicators).
extension ProgramBuilder {
    /// `first(x)` for every slot (see the extension's comment). O(nodes).
    func firstValueBars() -> [Int] {
        var first = Array(repeating: 0, count: slots.count)
        @inline(__always) func of(_ slot: Int32) -> Int { slot < 0 ? 0 : first[Int(slot)] }
        for node in nodes {
            let inputs = max(of(node.a), of(node.b))
            let value: Int
            switch node.op {
            case .lag: value = inputs + lags[Int(node.state)].size
            case .cross: value = inputs + 1
            default: value = inputs + (lookback(node) ?? 0)
            }
            for k in 0..<node.width { first[Int(node.out) + k] = value }
        }
        return first
    }

    /// The warm-up of a program whose outputs are `outputSlots`: the largest `first` over the
    /// indicator nodes they read, directly or through other nodes; 0 without indicators.
    /// `first` is `firstValueBars()`. O(nodes).
    func warmUpBars(outputSlots: [Int], first: [Int]) -> Int {
        var nodeAt = Array(repeating: -1, count: slots.count)
        for (i, node) in nodes.enumerated() {
            for k in 0..<node.width { nodeAt[Int(node.out) + k] = i }
        }
        var seen = Array(repeating: false, count: nodes.count)
        var stack = outputSlots
        var warmUp = 0
        while let slot = stack.popLast() {
            guard slot >= 0, slot < nodeAt.count, nodeAt[slot] >= 0, !seen[nodeAt[slot]] else { continue }
            let node = nodes[nodeAt[slot]]
            seen[nodeAt[slot]] = true
            if lookback(node) != nil { warmUp = max(warmUp, first[Int(node.out)]) }
            stack.append(Int(node.a))
            stack.append(Int(node.b))
        }
        return warmUp
    }

    /// TA-Lib's lookback of an indicator node (the largest of its outputs'); nil for operators,
    /// lags and crossings.
    private func lookback(_ node: Node) -> Int? {
        let s = Int(node.state)
        switch node.op {
        case .sma: return bank.sma[s].lookback
        case .ema: return bank.ema[s].lookback
        case .wma: return bank.wma[s].lookback
        case .rsi: return bank.rsi[s].lookback
        case .roc: return bank.roc[s].lookback
        case .mom: return bank.mom[s].lookback
        case .stddev: return bank.stddev[s].lookback
        case .highest: return bank.highest[s].lookback
        case .lowest: return bank.lowest[s].lookback
        case .atr: return bank.atr[s].lookback
        case .adx: return bank.adx[s].lookback
        case .cci: return bank.cci[s].lookback
        case .willr: return bank.willr[s].lookback
        case .mfi: return bank.mfi[s].lookback
        case .obv: return bank.obv[s].lookback
        case .macd: return bank.macd[s].lookback
        case .bollinger: return bank.bollinger[s].lookback
        case .stochastic: return bank.stochastic[s].lookback
        default: return nil
        }
    }
}
