import MarketData
import Signals

/// Each symbol's signal source as `Simulation`'s step reads it: one program per symbol
/// (`[SignalProgram]`, any number of symbols) or the single-symbol replay's one source held in a
/// local (`OneSymbolSignals`: a program run in chunks, or a sweep member's recorded values).
/// Passed `inout`, so the specialised step keeps the source in registers and locals rather than
/// behind a pointer that could alias the simulation.
protocol SymbolSignals {
    /// Symbol number `s`'s source consumes `bar`.
    mutating func step(symbol s: Int, _ bar: Bar)
    /// The bars symbol number `s`'s source has stepped.
    func barCount(symbol s: Int) -> Int
    /// Symbol number `s`'s rule values at its latest bar.
    func rules(symbol s: Int, _ slots: RuleSlots) -> RuleValues
}

/// The single symbol's source (number 0).
struct OneSymbolSignals<Source: SignalSource>: SymbolSignals {
    var source: Source

    @inline(__always)
    mutating func step(symbol s: Int, _ bar: Bar) {
        source.step(time: bar.timestamp, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)
    }

    @inline(__always) func barCount(symbol s: Int) -> Int { source.barCount }
    @inline(__always) func rules(symbol s: Int, _ slots: RuleSlots) -> RuleValues { slots.read(source) }
}

extension Array: SymbolSignals where Element == SignalProgram {
    @inline(__always)
    mutating func step(symbol s: Int, _ bar: Bar) {
        self[s].step(time: bar.timestamp, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume)
    }

    @inline(__always) func barCount(symbol s: Int) -> Int { self[s].barCount }
    @inline(__always) func rules(symbol s: Int, _ slots: RuleSlots) -> RuleValues { slots.read(self[s]) }
}
