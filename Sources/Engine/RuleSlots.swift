import Signals

/// Where each `[rules]` key sits among a compiled program's outputs (−1 when the strategy does
/// not have it), looked up once so that the per-bar decision touches no strings.
struct RuleSlots: Sendable {
    var longEntry = -1, longExit = -1, shortEntry = -1, shortExit = -1
    var stopLoss = -1, takeProfit = -1, trailingStop = -1, entryLimit = -1, entryStop = -1

    init(program: SignalProgram) {
        func slot(_ key: RuleKey) -> Int { program.outputPosition(named: key.rawValue) ?? -1 }
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

    /// The current value of output `slot`, NaN when absent.
    @inline(__always)
    static func value(_ program: SignalProgram, _ slot: Int) -> Double { slot < 0 ? .nan : program.value(at: slot) }

    /// Whether boolean output `slot` is true (absent or NaN is false).
    @inline(__always)
    static func isTrue(_ program: SignalProgram, _ slot: Int) -> Bool { slot >= 0 && program.value(at: slot) == 1 }
}
