import ArgumentParser
import MarketData
import Research
import Signals

/// A lag `x[n]` only ever has a value after n bars: a program whose longest lag is not shorter
/// than a symbol's loaded bars would run without a single decision. Refused before the run,
/// with the limit (the compile-time maximum is `LookbackLimits.maxLag`).
///
/// `run` and `signals` check their one program. `sweep` checks every combination it will run
/// (after `--where`, `--random` and `--shard`) before the first run, without compiling them:
/// the lags' `n` are evaluated as formulas over the params (`SweepLags`). One combination too
/// long for the bars refuses the whole sweep, with `run`'s message, the first such combination
/// and how many there are: a researcher excludes them with `--where` or widens the range, rather
/// than getting a results table with silent holes.
enum LagCheck {
    static func require(_ program: SignalProgram, covers series: [BarSeries], strategy: String) throws {
        let lag = program.longestLag
        guard lag > 0, let short = shortest(series), short.count <= lag else { return }
        throw ValidationError(message(lag: lag, short: short, strategy: strategy))
    }

    /// The sweep's check (see the type's doc). A combination whose lag is not a valid count is
    /// compiled, so that its error is the compiler's.
    static func require(sweep plan: SweepPlan, spec: StrategySpec, covers series: [BarSeries], strategy: String) throws {
        guard let short = shortest(series) else { return }
        let lags = SweepLags(spec: spec, grid: plan.grid, fixed: plan.fixed)
        guard let excess = lags.firstExcess(over: plan.indices, grid: plan.grid, bars: short.count) else { return }
        var s = spec
        let params = plan.params(at: excess.index)
        for (name, value) in params { s.params[name] = value }
        let with = plan.grid.names.map { "\($0)=\(GridAxis.format(params[$0] ?? .nan))" }.joined(separator: " ")
        let which = excess.count == 1 ? "1 combination" : "\(excess.count) of \(plan.indices.count) combinations"
        let where_ = "with \(with) (\(which) of the sweep; leave them out with --where)"
        let program: SignalProgram
        do { program = try s.compile() } catch { throw ValidationError("\(error); \(where_)") }
        // The formulas are the compiler's arithmetic: a disagreement is left to the runs.
        guard program.longestLag >= short.count else { return }
        throw ValidationError(message(lag: program.longestLag, short: short, strategy: strategy) + "; \(where_)")
    }

    static func message(lag: Int, short: BarSeries, strategy: String) -> String {
        "\(strategy): a lag of \(lag) bars needs more than \(lag) bars, but \(short.symbol) has \(Plural.count(short.count, "\(short.interval) bar")) in the range; "
            + "lags must be below the loaded bar count (shorten the lag or widen --from/--to)"
    }

    private static func shortest(_ series: [BarSeries]) -> BarSeries? { series.min(by: { $0.count < $1.count }) }
}
