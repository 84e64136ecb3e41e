import Analytics
import Engine
import Foundation
import MarketData
import Reports
import Research
import Signals

/// `barwise sweep --report`: the full run folder (equity, trades, orders, summary, manifest,
/// prices and the HTML report) of each of the best rows, under `top/<rank>-<symbol>-<params>/`.
/// Each is the same run `barwise run --set …` makes, repeated from the sweep's loaded bars.
enum SweepTopReports {
    /// - Parameters:
    ///   - folder: where to write (the sweep's staging folder); `sweepPath`: the sweep folder's final path.
    static func write(_ rows: ArraySlice<SweepRunner.Row>, runner: SweepRunner, spec: StrategySpec, folder: URL, sweepPath: String) throws {
        for (i, row) in rows.enumerated() {
            let symbols = runner.portfolio ? runner.series : runner.series.filter { $0.symbol == row.symbol }
            var s = spec
            for (name, value) in row.params { s.params[name] = value }
            let result = try runner.runResult(combination: row.combination, series: symbols)
            let summary = RunSummary(result: result)
            var report = RunReport(spec: s, result: result, summary: summary)
            report.warmUpBars = try s.compile().warmUpBars
            report.closes = symbols.map(\.close)
            report.metrics = RunMetrics.compute(result: result, benchmarkCloses: symbols[0])
            report.benchmark = symbols[0].symbol
            let params = runner.plan.grid.names.map { "\($0)=\(GridAxis.format(row.params[$0] ?? .nan))" }
            let name = "\(i + 1)-\(row.symbol)-" + params.joined(separator: "-")
            let dir = folder.appendingPathComponent("top").appendingPathComponent(name.replacingOccurrences(of: "/", with: "_"))
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let manifest: [String: Any] = [
                "kind": "run", "from_sweep": sweepPath, "rank_in_sweep": i + 1, "strategy": spec.name,
                "params": row.params, "symbols": symbols.map(\.symbol), "barwise_version": BarwiseVersion.current,
                "command": ["barwise", "run", spec.sourcePath ?? spec.name] + params.flatMap { ["--set", $0] },
            ]
            try report.write(to: dir, manifest: manifest)
            try PriceTable(bars: symbols).write(folder: dir.path)
            try Reports.RunReport.write(folder: dir.path)
        }
    }
}
