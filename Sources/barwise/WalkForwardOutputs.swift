import Engine
import Foundation
import MarketData
import Research

/// The files and table of `barwise sweep --walk-forward`: `walk_forward.csv` (one row per fold:
/// windows, chosen params, in-sample and out-of-sample figures), `oos_equity.csv` (the
/// stitched out-of-sample equity per symbol), `oos_trades.csv` (every test window's closed
/// trades, `fold` then the columns of a run's trades.csv, bars indexed into the symbol's series
/// as `barwise run` writes them) and `summary.json`.
struct WalkForwardOutputs {
    let results: [WalkForward.SymbolResult]
    let params: [String]
    let metric: SweepMetric
    private static let shown: [SweepMetric] = [.sharpe, .totalReturn, .maxDrawdown, .trades]

    func write(to folder: URL, manifest: [String: Any]) throws {
        var csv = (["symbol", "fold", "train_start", "train_end", "test_start", "test_end"] + params
                   + Self.shown.map { "is_" + $0.rawValue } + Self.shown.map { "oos_" + $0.rawValue }).joined(separator: ",") + "\n"
        for r in results {
            for f in r.folds {
                var fields = [r.symbol, String(f.fold), CivilTime.iso8601(f.inSample.start), CivilTime.iso8601(f.inSample.end),
                              CivilTime.iso8601(f.outOfSample.start), CivilTime.iso8601(f.outOfSample.end)]
                fields += params.map { GridAxis.format(f.best.params[$0] ?? .nan) }
                fields += Self.shown.map { number($0.value(f.inSample)) } + Self.shown.map { number($0.value(f.outOfSample)) }
                csv += fields.joined(separator: ",") + "\n"
            }
        }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("walk_forward.csv"))
        var equity = "symbol,timestamp,equity\n"
        for r in results {
            for (t, e) in zip(r.timestamps, r.equity) { equity += "\(r.symbol),\(CivilTime.iso8601(t)),\(number(e))\n" }
        }
        try Data(equity.utf8).write(to: folder.appendingPathComponent("oos_equity.csv"))
        try Data(tradesCSV.utf8).write(to: folder.appendingPathComponent("oos_trades.csv"))
        let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try JSONSerialization.data(withJSONObject: summaryObject, options: options).write(to: folder.appendingPathComponent("summary.json"))
        try JSONSerialization.data(withJSONObject: manifest, options: options).write(to: folder.appendingPathComponent("manifest.json"))
    }

    /// `oos_trades.csv`: `fold` and a run's trades.csv columns, one row per closed test trade.
    var tradesCSV: String {
        var out = "fold,symbol,side,size,entry_time,entry_bar,entry_price,exit_time,exit_bar,exit_price,commission,pnl,return\n"
        for r in results {
            for f in r.folds {
                for t in f.trades {
                    let fields: [String] = [
                        String(f.fold), r.symbol, t.size > 0 ? "long" : "short", number(abs(t.size)),
                        CivilTime.iso8601(t.entryTime), String(t.entryBar), number(t.entryPrice),
                        CivilTime.iso8601(t.exitTime), String(t.exitBar), number(t.exitPrice),
                        number(t.commission), number(t.pnl), number(t.returnPct),
                    ]
                    out += fields.joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }

    var summaryObject: [String: Any] {
        [
            "rank": metric.rawValue,
            "symbols": results.map { r -> [String: Any] in
                var o: [String: Any] = ["symbol": r.symbol, "folds": r.folds.count, "periods_per_year": JSONOutput.number(r.summary.periodsPerYear)]
                for m in SweepMetric.allCases { o["oos_" + m.rawValue] = JSONOutput.number(m.value(r.summary)) }
                let isMean = r.folds.map { metric.value($0.inSample) }.filter(\.isFinite)
                let oosMean = r.folds.map { metric.value($0.outOfSample) }.filter(\.isFinite)
                o["mean_is_" + metric.rawValue] = isMean.isEmpty ? NSNull() : isMean.reduce(0, +) / Double(isMean.count)
                o["mean_oos_" + metric.rawValue] = oosMean.isEmpty ? NSNull() : oosMean.reduce(0, +) / Double(oosMean.count)
                return o
            },
        ]
    }

    func table() -> String {
        var t = TextTable(["symbol", "fold", "test from", "test to"] + params + ["is " + metric.rawValue, "oos " + metric.rawValue, "oos return"],
                          rightAligned: Set(1...(params.count + 6)).subtracting([2, 3]))
        for r in results {
            for f in r.folds {
                t.append([r.symbol, String(f.fold), DateText.day(f.outOfSample.start), DateText.day(f.outOfSample.end)]
                         + params.map { GridAxis.format(f.best.params[$0] ?? .nan) }
                         + [SweepOutputs.format(metric.value(f.inSample), metric: metric),
                            SweepOutputs.format(metric.value(f.outOfSample), metric: metric),
                            SweepOutputs.format(f.outOfSample.totalReturn, metric: .totalReturn)])
            }
            t.append([r.symbol, "all", DateText.day(r.timestamps.first ?? 0), DateText.day(r.timestamps.last ?? 0)]
                     + params.map { _ in "" } + ["", SweepOutputs.format(metric.value(r.summary), metric: metric),
                                                  SweepOutputs.format(r.summary.totalReturn, metric: .totalReturn)])
        }
        return t.render()
    }

    private func number(_ v: Double) -> String {
        if v.isNaN { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
