import MarketData

/// A compiled strategy: every named signal and rule as one flat, topologically ordered array of
/// nodes over contiguous value slots.
///
/// `step` consumes one bar (its time and prices) and updates every value in order; it reads
/// nothing but that bar and the program's own state, so no value can depend on a later bar, and
/// it allocates nothing. Backtests, sweeps and the live stream all drive the same `step`.
/// Stepped without a time, `time` and the calendar functions (`hour()`, `weekday()`, …) are NaN
/// on that bar (`BarTime`).
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

    /// The program as compiled: nodes, initial slots and indicator states (`reset()` returns
    /// here). Boxed, so that the program value stays a few words wide.
    private let compiled: CompiledProgram
    var template: ProgramBuilder { compiled.builder }
    /// The running state, copied on write.
    @usableFromInline var runtime: ProgramRuntime
    /// Signals (in file order) then rules (in file order).
    public let outputs: [Output]
    private let outputIndex: [String: Int]
    /// `outputs[i].slot`, unpacked so that `value(at:)` touches no strings.
    @usableFromInline let outputSlots: [Int]
    /// The number of bars stepped since compilation or the last `reset()`.
    public internal(set) var barCount = 0
    /// The bar from which every indicator of the program has a value (`ProgramWarmUp.swift`).
    public let warmUpBars: Int
    /// Whether the program reads the bars' times (`time`, calendar functions); the chunked
    /// paths load the time row only then.
    let readsTime: Bool

    init(builder: ProgramBuilder, outputs: [Output]) {
        compiled = CompiledProgram(builder)
        runtime = ProgramRuntime(builder)
        self.outputs = outputs
        outputSlots = outputs.map(\.slot)
        warmUpBars = builder.warmUpBars(outputSlots: outputSlots, first: builder.firstValueBars())
        readsTime = builder.readsTime(outputSlots: outputSlots)
        var index: [String: Int] = [:]
        for (i, o) in outputs.enumerated() where index[o.name] == nil { index[o.name] = i }
        outputIndex = index
    }

    /// The value slots: 0–5 are open, high, low, close, volume and time of the current bar,
    /// then constants and node outputs. (A copy; for inspection and tests.)
    public var slots: [Double] { runtime.slots.array }

    /// The indicator states as compiled.
    var bank: IndicatorBank { template.bank }

    /// The names of the outputs: every named signal, then every rule, in file order.
    public var outputNames: [String] { outputs.map(\.name) }

    /// The number of computed nodes (after merging identical sub-expressions; constants and the
    /// six bar inputs are slots, not nodes).
    public var nodeCount: Int { template.nodes.count }

    /// The longest lag `x[n]` of the program in bars (0 without lags). A lag needs more bars
    /// than this to ever hold a value; the CLI checks it against the bars it loaded.
    public var longestLag: Int { template.lags.map(\.size).max() ?? 0 }

    /// The position of an output in `outputs`, for fast repeated reads with `value(at:)`.
    public func outputPosition(named name: String) -> Int? { outputIndex[name] }

    /// The current value of output number `position`.
    /// Inlinable: the engine reads every rule of every symbol on every bar.
    @inlinable @inline(__always)
    public func value(at position: Int) -> Double { runtime.slots.base[outputSlots[position]] }

    /// The current value of slot `slot` (any node, not only outputs).
    @inline(__always)
    func slotValue(_ slot: Int) -> Double { runtime.slots.base[slot] }

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
        runtime = ProgramRuntime(template)
        barCount = 0
    }

    /// Consumes one bar, with its time.
    public mutating func step(_ bar: Bar) {
        step(time: bar.timestamp, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)
    }

    /// Gives this program a state of its own (a copy when it shares it with a copy of itself).
    mutating func makeRuntimeUnique() {
        if !isKnownUniquelyReferenced(&runtime) { runtime = ProgramRuntime(copying: runtime) }
    }

    /// Consumes one bar stamped `time` (UTC epoch seconds; `BarTime.unknown` if not known) and
    /// updates every node in order. No allocation, except a one-time copy of the state when this
    /// program shares it with a copy of itself.
    public mutating func step(time: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double) {
        if !isKnownUniquelyReferenced(&runtime) { runtime = ProgramRuntime(copying: runtime) }
        barCount &+= 1
        runtime.step(time: BarTime.slotValue(time), open: open, high: high, low: low, close: close, volume: volume)
    }

    /// Consumes one bar whose time is unknown: `time` and the calendar functions are NaN on it
    /// (and a lag of them is NaN when it reaches back to it); everything else is as with a time.
    public mutating func step(open: Double, high: Double, low: Double, close: Double, volume: Double) {
        if !isKnownUniquelyReferenced(&runtime) { runtime = ProgramRuntime(copying: runtime) }
        barCount &+= 1
        runtime.step(time: .nan, open: open, high: high, low: low, close: close, volume: volume)
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
                time: series.timestamps[t], open: series.open[t], high: series.high[t], low: series.low[t],
                close: series.close[t], volume: series.volume[t])
            for j in outputs.indices { columns[j].append(program.value(at: j)) }
        }
        var result: [String: [Double]] = [:]
        for (j, o) in outputs.enumerated() where result[o.name] == nil { result[o.name] = columns[j] }
        return result
    }
}

/// The immutable result of compilation, shared by every copy of a program.
final class CompiledProgram: Sendable {
    let builder: ProgramBuilder

    init(_ builder: ProgramBuilder) {
        self.builder = builder
    }
}
