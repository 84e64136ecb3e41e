/// Where the engine reads a strategy's outputs on each bar. Two implementations:
/// `SignalProgram` computes them as the bars arrive (`barwise run`, live streams);
/// `RecordedSignals` plays back what a `ProgramFamily` computed with the same nodes once for a
/// whole block of param sets (sweeps).
public protocol SignalSource: Sendable {
    /// Consumes the next bar, stamped `time` (UTC epoch seconds, the bar's timestamp);
    /// afterwards `value(at:)` answers for that bar. `BarTime.unknown` stands for no time.
    mutating func step(time: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double)
    /// Consumes the next bar without its time: as `step(time: BarTime.unknown, …)`, so `time`
    /// and the calendar functions (`hour()`, `weekday()`, …) are NaN on that bar. Sources that
    /// know their bars' times already (`ChunkedProgram`, `RecordedSignals`) use them either way.
    mutating func step(open: Double, high: Double, low: Double, close: Double, volume: Double)
    /// The current value of output number `position` (signals first, then rules).
    func value(at position: Int) -> Double
    /// The position of an output, or nil if there is none with that name.
    func outputPosition(named name: String) -> Int?
    /// The number of bars stepped so far.
    var barCount: Int { get }
    /// The bar (0-based, from the first bar stepped) from which every indicator the strategy
    /// computes has a value (`ProgramWarmUp.swift`); 0 without indicators.
    var warmUpBars: Int { get }
}

extension SignalProgram: SignalSource {}
