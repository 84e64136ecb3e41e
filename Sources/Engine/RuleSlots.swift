import Signals

/// Where each `[rules]` key sits among a compiled program's outputs (−1 when the strategy does
/// not have it), looked up once so that the per-bar decision touches no strings.
struct RuleSlots: Sendable {
    var longEntry = -1, longExit = -1, shortEntry = -1, shortExit = -1
    var stopLoss = -1, takeProfit = -1, trailingStop = -1, entryLimit = -1, entryStop = -1

    init(source: some SignalSource) {
        func slot(_ key: RuleKey) -> Int { source.outputPosition(named: key.rawValue) ?? -1 }
        longEntry = slot(.longEntry)
        longExit = slot(.longExit)
        shortEntry = slot(.shortEntry)
        shortExit = slot(.shortExit)
        stopLoss = slot(.stopLoss)
        takeProfit = slot(.takeProfit)
        trailingStop = slot(.trailingStop)
        entryLimit = slot(.entryLimit)
        entryStop = slot(.entryStop)
    }

    /// The current bar's rule values from `source`, each read once (absent rules are false or
    /// NaN). Inlined, so the per-bar read copies nothing.
    @_transparent
    func read<Source: SignalSource>(_ source: Source) -> RuleValues {
        @inline(__always) func number(_ slot: Int) -> Double { slot < 0 ? .nan : source.value(at: slot) }
        @inline(__always) func flag(_ slot: Int) -> Bool { slot >= 0 && source.value(at: slot) == 1 }
        return RuleValues(
            longEntry: flag(longEntry), longExit: flag(longExit), shortEntry: flag(shortEntry), shortExit: flag(shortExit),
            stopLoss: number(stopLoss), takeProfit: number(takeProfit), trailingStop: number(trailingStop),
            entryLimit: number(entryLimit), entryStop: number(entryStop))
    }
}

/// One bar's rule values for one symbol: the entry and exit rules (a rule fires only when its
/// value is exactly 1) and the price expressions (NaN when the strategy has none).
struct RuleValues {
    var longEntry: Bool, longExit: Bool, shortEntry: Bool, shortExit: Bool
    var stopLoss: Double, takeProfit: Double, trailingStop: Double, entryLimit: Double, entryStop: Double

    /// Whether an entry or exit rule fires.
    var firesAny: Bool { longEntry || longExit || shortEntry || shortExit }
}
