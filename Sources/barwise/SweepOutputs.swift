import Engine
import Foundation
import MarketData
import Reports
import Research
import Signals

/// The files of a sweep folder: `results.csv` (ranked), `summary.json`, `manifest.json`; and
/// the table printed at the end.
struct SweepOutputs {
    let spec: StrategySpec
    let strategyPath: String
    let plan: SweepPlan
    let series: [BarSeries]
    var ranked: [SweepRunner.Row]
    let metric: SweepMetric
    let shard: String?
    let random: (count: Int, seed: UInt64)?
    let constraint: String?
    let overrides: [String]
    /// Probabilistic and deflated Sharpe ratios of the best row (NaN when undefined).
    var overfitting: (psr: Double, dsr: Double, expectedMaxSharpe: Double) = (.nan, .nan, .nan)
    /// Stopped by Ctrl-C: the folder holds the rows done so far, for `--resume`.
    var interrupted = false
    /// Probability of backtest overfitting per symbol (`--pbo S`), and S.
    var pbo: [String: Double] = [:]
    var pboSplits: Int?

    /// Writes every file into `folder` (the staging folder); `finalPath` is where it will be.
    func write(to folder: URL, finalPath: String, started: Date, elapsed: Duration, store: String) throws {
        try Data(SweepResultsCSV.write(ranked, params: spec.paramNames).utf8).write(to: folder.appendingPathComponent("results.csv"))
        try json(summaryObject(folder: finalPath)).write(to: folder.appendingPathComponent("summary.json"))
        try json(manifestObject(started: started, elapsed: elapsed, store: store)).write(to: folder.appendingPathComponent("manifest.json"))
        let table = SweepTable(
            strategy: spec.name, paramNames: plan.grid.names,
            rows: ranked.map { r in
                SweepTable.Row(params: plan.grid.names.map { r.params[$0] ?? .nan }, symbol: r.symbol,
                               metrics: Dictionary(uniqueKeysWithValues: SweepMetric.allCases.map { ($0.rawValue, $0.value(r.summary)) }))
            },
            rank: metric.rawValue, trials: plan.trials, deflatedSharpe: overfitting.dsr, pbo: pbo)
        try SweepReport.write(table, folder: folder.path)
    }

    /// `manifest.json`: what `--resume` and `sweep merge` check (strategy, grid, constraint,
    /// sampling, shard, data) and how the sweep was run. A running sweep's folder holds one too,
    /// `interrupted` until the sweep is done.
    func manifestObject(started: Date, elapsed: Duration, store: String) -> [String: Any] {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let bytes = FileManager.default.contents(atPath: strategyPath).map { [UInt8]($0) } ?? []
        return [
            "kind": "sweep",
            "interrupted": interrupted,
            "command": ["barwise"] + Array(CommandLine.arguments.dropFirst()),
            "strategy": spec.name,
            "strategy_file": strategyPath,
            "strategy_sha256": SHA256.hex(bytes),
            "overrides": overrides,
            "grid": gridObject,
            "where": constraint ?? NSNull(),
            "random": random.map { ["count": $0.count, "seed": $0.seed] as [String: Any] } ?? NSNull(),
            "shard": shard ?? NSNull(),
            "trials": plan.trials,
            "symbols": series.map(\.symbol),
            "data_range": series.map { s -> [String: Any] in
                ["symbol": s.symbol, "first": CivilTime.iso8601(s.timestamps.first ?? 0), "last": CivilTime.iso8601(s.timestamps.last ?? 0), "bars": s.count]
            },
            "store": store,
            "barwise_version": BarwiseVersion.current,
            "started_at": CivilTime.iso8601(Int64(started.timeIntervalSince1970.rounded(.down))),
            "wall_time_seconds": seconds,
        ]
    }

    /// Writes only `manifest.json` into `folder`: a running sweep's, before its first row. Never
    /// over another one: two sweeps given the same empty `--out` at once cannot share it.
    func writeManifest(to folder: URL, started: Date, store: String) throws {
        try json(manifestObject(started: started, elapsed: .zero, store: store))
            .write(to: folder.appendingPathComponent("manifest.json"), options: .withoutOverwriting)
    }

    var gridObject: [String: Any] {
        Dictionary(uniqueKeysWithValues: plan.grid.axes.map { ($0.name, $0.values) })
    }

    /// `summary.json`: what was swept and the best row by the ranking metric.
    func summaryObject(folder: String) -> [String: Any] {
        var object: [String: Any] = [
            "strategy": spec.name, "rank": metric.rawValue, "grid": gridObject, "where": constraint ?? NSNull(),
            "trials": plan.trials, "combinations": plan.indices.count, "runs": ranked.count,
            "symbols": series.map(\.symbol), "shard": shard ?? NSNull(), "folder": folder,
            "periods_per_year": series.first.map { RunSummary.periodsPerYear(for: $0) } ?? NSNull(),
        ]
        if let best = ranked.first {
            var row: [String: Any] = ["symbol": best.symbol, "params": best.params]
            for m in SweepMetric.allCases { row[m.rawValue] = JSONOutput.number(m.value(best.summary)) }
            object["best"] = row
        }
        object["probabilistic_sharpe"] = JSONOutput.number(overfitting.psr)
        object["deflated_sharpe"] = JSONOutput.number(overfitting.dsr)
        object["expected_max_sharpe"] = JSONOutput.number(overfitting.expectedMaxSharpe)
        if let pboSplits {
            object["pbo"] = pbo.mapValues(JSONOutput.number)
            object["pbo_splits"] = pboSplits
        }
        return object
    }

    func table(top: Int) -> String {
        let swept = plan.grid.names
        let shown: [SweepMetric] = [.sharpe, .totalReturn, .maxDrawdown, .trades, .winRate]
        var t = TextTable(["rank"] + swept + ["symbol"] + shown.map(\.rawValue), rightAligned: Set(0...(swept.count + shown.count + 1)).subtracting([swept.count + 1]))
        for (i, row) in ranked.prefix(top).enumerated() {
            t.append([String(i + 1)] + swept.map { GridAxis.format(row.params[$0] ?? .nan) } + [row.symbol]
                     + shown.map { m in SweepOutputs.format(m.value(row.summary), metric: m) })
        }
        return t.render() + pboLine
    }

    /// With `--pbo S`: a line under the table giving the probability of backtest overfitting of
    /// each symbol (summary.json's `pbo`), `n/a` where it is undefined.
    var pboLine: String {
        guard let pboSplits else { return "" }
        let figures = pbo.keys.sorted().map { "\($0) \(pbo[$0]!.isFinite ? String(format: "%.3f", pbo[$0]!) : "n/a")" }
        return "\nprobability of backtest overfitting (PBO, \(pboSplits) splits): " + figures.joined(separator: ", ")
    }

    static func format(_ v: Double, metric: SweepMetric) -> String {
        guard v.isFinite else { return "n/a" }
        switch metric {
        case .trades, .openTrades: return String(Int(v))
        case .totalReturn, .maxDrawdown, .winRate, .exposure, .cagr, .annualReturn, .annualVolatility:
            return String(format: "%.2f %%", v * 100)
        default: return String(format: "%.3f", v)
        }
    }

    private func json(_ object: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
