import MarketData

/// A compiled strategy: every named signal and rule as one flat, topologically ordered array of
/// nodes over contiguous value slots.
///
/// `step` consumes one bar and updates every value in order; it reads nothing but that bar and
/// the program's own state, so no value can depend on a later bar, and it allocates nothing.
/// Backtests, sweeps and the live stream all drive the same `step`.
///
/// Values are `Double`. Booleans are 1 (true), 0 (false) or NaN (unknown); a lag or an
/// indicator that is not warm yet yields NaN, and comparisons with NaN are false.
public struct SignalProgram: Sendable {
    /// A named output: a signal or a rule.
    public struct Output: Sendable, Equatable {
        public var name: String
        public var slot: Int
        public var type: ValueType
    }

    /// The value slots: 0–4 are open, high, low, close, volume of the current bar, then
    /// constants and node outputs.
    public private(set) var slots: [Double]
    var nodes: [Node]
    var lagRing: [Double]
    var lags: [LagState]
    var crossPrevious: [Double]
    var bank: IndicatorBank
    /// Signals (in file order) then rules (in file order).
    public let outputs: [Output]
    private let outputIndex: [String: Int]
    /// The number of bars stepped since compilation or the last `reset()`.
    public private(set) var barCount = 0
    private let initial: Snapshot

    private struct Snapshot: Sendable {
        var slots: [Double]
        var lagRing: [Double]
        var lags: [LagState]
        var crossPrevious: [Double]
        var bank: IndicatorBank
    }

    init(builder: ProgramBuilder, outputs: [Output]) {
        slots = builder.slots
        nodes = builder.nodes
        lagRing = builder.lagRing
        lags = builder.lags
        crossPrevious = builder.crossPrevious
        bank = builder.bank
        self.outputs = outputs
        var index: [String: Int] = [:]
        for (i, o) in outputs.enumerated() where index[o.name] == nil { index[o.name] = i }
        outputIndex = index
        initial = Snapshot(slots: slots, lagRing: lagRing, lags: lags, crossPrevious: crossPrevious, bank: bank)
    }

    /// The names of the outputs: every named signal, then every rule, in file order.
    public var outputNames: [String] { outputs.map(\.name) }

    /// The number of computed nodes (after merging identical sub-expressions; constants and the
    /// five price inputs are slots, not nodes).
    public var nodeCount: Int { nodes.count }

    /// The position of an output in `outputs`, for fast repeated reads with `value(at:)`.
    public func outputPosition(named name: String) -> Int? { outputIndex[name] }

    /// The current value of output number `position`.
    @inline(__always)
    public func value(at position: Int) -> Double { slots[outputs[position].slot] }

    /// The current value of a signal or rule, or nil if there is no output with that name.
    public func value(named name: String) -> Double? {
        outputIndex[name].map { value(at: $0) }
    }

    /// Whether a boolean output is true on the current bar (NaN, unknown, is false); nil if there
    /// is no output with that name.
    public func boolean(named name: String) -> Bool? {
        value(named: name).map { $0 == 1 }
    }

    /// Back to the state right after compilation.
    public mutating func reset() {
        slots = initial.slots
        lagRing = initial.lagRing
        lags = initial.lags
        crossPrevious = initial.crossPrevious
        bank = initial.bank
        barCount = 0
    }

    /// Consumes one bar.
    public mutating func step(_ bar: Bar) {
        step(open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)
    }

    /// Consumes one bar and updates every node in order.
    public mutating func step(open: Double, high: Double, low: Double, close: Double, volume: Double) {
        barCount += 1
        slots.withUnsafeMutableBufferPointer { s in
            s[0] = open
            s[1] = high
            s[2] = low
            s[3] = close
            s[4] = volume
            nodes.withUnsafeBufferPointer { nodes in
                for node in nodes {
                    let out = Int(node.out)
                    switch node.op {
                    case .negate, .not, .abs:
                        s[out] = NodeEvaluation.evaluate(node.op, s[Int(node.a)], .nan)
                    case .add: s[out] = s[Int(node.a)] + s[Int(node.b)]
                    case .subtract: s[out] = s[Int(node.a)] - s[Int(node.b)]
                    case .multiply: s[out] = s[Int(node.a)] * s[Int(node.b)]
                    case .divide: s[out] = s[Int(node.a)] / s[Int(node.b)]
                    case .less: s[out] = s[Int(node.a)] < s[Int(node.b)] ? 1 : 0
                    case .greater: s[out] = s[Int(node.a)] > s[Int(node.b)] ? 1 : 0
                    case .lessEqual, .greaterEqual, .equal, .notEqual, .and, .or, .min, .max:
                        s[out] = NodeEvaluation.evaluate(node.op, s[Int(node.a)], s[Int(node.b)])
                    case .lag:
                        let i = Int(node.state)
                        let slot = lags[i].base + lags[i].position
                        s[out] = lagRing[slot]
                        lagRing[slot] = s[Int(node.a)]
                        lags[i].position = lags[i].position + 1 == lags[i].size ? 0 : lags[i].position + 1
                    case .crossAbove, .crossBelow:
                        let i = Int(node.state)
                        var a = s[Int(node.a)], b = s[Int(node.b)]
                        var pa = crossPrevious[i], pb = crossPrevious[i + 1]
                        crossPrevious[i] = a
                        crossPrevious[i + 1] = b
                        if node.op == .crossBelow { swap(&a, &b); swap(&pa, &pb) }
                        s[out] = pa < pb && a > b ? 1 : 0
                    default:
                        bank.step(node, slots: s, high: high, low: low, close: close, volume: volume)
                    }
                }
            }
        }
    }

    /// Replays `series` through a fresh copy of this program and returns every output per bar.
    /// Built on `step`, so it gives exactly what a streaming run gives.
    public func run(series: BarSeries) -> [String: [Double]] {
        var program = self
        program.reset()
        var columns = Array(repeating: [Double](), count: outputs.count)
        for i in columns.indices { columns[i].reserveCapacity(series.count) }
        for t in 0..<series.count {
            program.step(
                open: series.open[t], high: series.high[t], low: series.low[t],
                close: series.close[t], volume: series.volume[t])
            for j in outputs.indices { columns[j].append(program.slots[outputs[j].slot]) }
        }
        var result: [String: [Double]] = [:]
        for (j, o) in outputs.enumerated() where result[o.name] == nil { result[o.name] = columns[j] }
        return result
    }
}
