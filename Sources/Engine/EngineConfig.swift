import Signals

/// Everything the broker and the strategy logic need from a strategy's `[sizing]`,
/// `[execution]` and `[portfolio]` tables, validated.
public struct EngineConfig: Sendable, Equatable {
    /// When market orders fill.
    public enum Fill: Sendable, Equatable {
        /// At the next bar's open (default; backtesting.py's `trade_on_close=False`).
        case nextOpen
        /// At the close of the bar that decided (backtesting.py's `trade_on_close=True`).
        case close
    }

    public var initialCash: Double = 10_000
    public var fill: Fill = .nextOpen
    public var commission = CommissionModel()
    public var slippage = Slippage()
    public var sizing = Sizing()
    /// An opposite entry first closes the open position (long/short reversal).
    public var exclusive = false
    /// Entries in one direction that may be open (or pending) at once per symbol.
    public var pyramiding = 1
    /// Bars a limit or stop entry stays valid after the bar that placed it: placed on bar i, it
    /// may fill on bars i+1 … i+goodFor and expires on bar i+goodFor if that bar does not fill it,
    /// before that bar's decisions (so with 1, an entry rule that holds gets an order every bar).
    public var goodFor = 1
    /// From which bar the rules may act: `indicators` (default, backtesting.py's rule and
    /// SEMANTICS.md §1.1) one bar after every indicator has a value, bar `warmUpBars + 1` of each
    /// symbol, so a level condition such as `fast_ma > slow_ma` first acts one bar after both
    /// averages exist; `none` from the first bar on which a rule holds.
    public var warmUp: ExecutionSpec.WarmUp = .indicators
    /// Close every open trade when the data ends (backtesting.py's `finalize_trades=True`).
    public var closeAtEnd = false
    /// The `[allocation]` table: rebalance to target weights (no rules). Sizes are then the
    /// targets' units (`[sizing] mode` is not used; `fractional` is).
    public var allocation: AllocationSpec?

    public init() {}

    /// The configuration of a strategy file, with `cash` overriding `[portfolio] cash`.
    /// - Throws: `EngineError` for a non-positive cash, a negative cost or an invalid size setting.
    public init(spec: StrategySpec, cash: Double? = nil, closeAtEnd: Bool = false) throws(EngineError) {
        initialCash = cash ?? spec.portfolio.cash
        fill = spec.execution.fill == .close ? .close : .nextOpen
        let e = spec.execution
        commission = CommissionModel(relative: e.commission, perUnit: e.commissionPerUnit, fixed: e.commissionFixed, minimum: e.commissionMin)
        slippage = Slippage(bps: e.slippageBps)
        exclusive = e.exclusive
        pyramiding = e.pyramiding
        goodFor = e.goodFor
        warmUp = e.warmUp
        self.closeAtEnd = closeAtEnd
        let s = spec.sizing
        let mode: Sizing.Mode
        switch s.mode {
        case .all: mode = .all
        case .fraction: mode = .fraction(s.fraction)
        case .units: mode = .units(s.units)
        case .notional: mode = .notional(s.notional)
        case .risk: mode = .risk(s.risk)
        }
        sizing = Sizing(mode: mode, fractional: s.fractional)
        allocation = spec.allocation
        if case .risk = mode, spec.allocation == nil, spec.rule(.stopLoss) == nil && spec.rule(.trailingStop) == nil { throw .riskSizingWithoutStop }
        try validate()
    }

    /// Checks ranges: cash > 0, costs ≥ 0, sizes > 0, pyramiding and good_for ≥ 1.
    public func validate() throws(EngineError) {
        guard initialCash > 0, initialCash.isFinite else { throw .nonPositiveCash(initialCash) }
        let costs: [(String, Double)] = [
            ("execution.commission", commission.relative), ("execution.commission_per_unit", commission.perUnit),
            ("execution.commission_fixed", commission.fixed), ("execution.commission_min", commission.minimum),
            ("execution.slippage_bps", slippage.bps),
        ]
        for (key, v) in costs where !(v >= 0 && v.isFinite) {
            throw .invalidSetting(key: key, value: v, expected: "a number ≥ 0")
        }
        switch sizing.mode {
        case .all: break
        case .fraction(let f) where !(f > 0 && f.isFinite): throw .invalidSetting(key: "sizing.fraction", value: f, expected: "a share of equity above 0")
        case .units(let u) where !(u > 0 && u <= Sizing.maximumUnits): throw .invalidSetting(key: "sizing.units", value: u, expected: "a number of units above 0 and at most 1e15")
        case .notional(let n) where !(n > 0 && n.isFinite): throw .invalidSetting(key: "sizing.notional", value: n, expected: "an amount above 0")
        case .risk(let r) where !(r > 0 && r < 1): throw .invalidSetting(key: "sizing.risk", value: r, expected: "a share of equity between 0 and 1")
        default: break
        }
        if pyramiding < 1 { throw .invalidSetting(key: "execution.pyramiding", value: Double(pyramiding), expected: "an integer ≥ 1") }
        if goodFor < 1 { throw .invalidSetting(key: "execution.good_for", value: Double(goodFor), expected: "an integer ≥ 1") }
    }
}
