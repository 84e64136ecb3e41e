import ArgumentParser
import MarketData
import Signals

/// A lag `x[n]` only ever has a value after n bars: a program whose longest lag is not shorter
/// than a symbol's loaded bars would run without a single decision. Refused before the run,
/// with the limit (the compile-time maximum is `LookbackLimits.maxLag`).
enum LagCheck {
    static func require(_ program: SignalProgram, covers series: [BarSeries], strategy: String) throws {
        let lag = program.longestLag
        guard lag > 0, let short = series.min(by: { $0.count < $1.count }), short.count <= lag else { return }
        throw ValidationError("\(strategy): a lag of \(lag) bars needs more than \(lag) bars, but \(short.symbol) has \(Plural.count(short.count, "\(short.interval) bar")) in the range; "
                              + "lags must be below the loaded bar count (shorten the lag or widen --from/--to)")
    }
}
