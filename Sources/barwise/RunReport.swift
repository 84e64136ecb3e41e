import Analytics
import Engine
import Foundation
import MarketData
import Signals

/// The files of a run folder (DESIGN.md sections 5 and 7): `equity.csv`, `trades.csv`,
/// `orders.csv`, `summary.json` and `manifest.json`, plus `weights.csv` for allocation strategies. CSV files read directly with
/// `pd.read_csv`: ISO 8601 UTC timestamps, snake_case headers, NaN as an empty field.
struct RunReport {
    let spec: StrategySpec
    let result: RunResult
    let summary: RunSummary
    /// The full metric set (`Analytics`), added to summary.json under its snake_case names
    /// next to the contract keys above (which keep the engine's figures).
    var metrics: PerformanceMetrics? = nil
    /// The benchmark's name in summary.json (`benchmark`), when alpha and beta were computed.
    var benchmark: String? = nil
    /// The strategy's warm-up bar (`SignalProgram.warmUpBars`, summary.json's `warmup_bars`),
    /// from which buy-and-hold is measured; the report reads it back from summary.json.
    var warmUpBars = 0
    /// The traded symbols' closes over the run, for `buy_and_hold_return` (none: left out).
    var closes: [[Double]] = []

    /// `summary.json` and `run --json`: the headline figures under DESIGN.md's names.
    var summaryObject: [String: Any] {
        let s = summary
        var params: [String: Any] = [:]
        for (k, v) in spec.params { params[k] = v == v.rounded() && abs(v) < 1e15 ? Int(v) as Any : v as Any }
        return [
            "strategy": spec.name, "params": params, "symbols": result.symbols,
            "start": CivilTime.iso8601(s.start), "end": CivilTime.iso8601(s.end), "bars": s.bars,
            "initial_cash": s.initialCash, "final_equity": JSONOutput.number(s.finalEquity),
            "total_return": JSONOutput.number(s.totalReturn), "cagr": JSONOutput.number(s.cagr),
            "annual_return": JSONOutput.number(s.annualReturn), "annual_volatility": JSONOutput.number(s.annualVolatility),
            "sharpe": JSONOutput.number(s.sharpe), "sortino": JSONOutput.number(s.sortino), "calmar": JSONOutput.number(s.calmar),
            "max_drawdown": JSONOutput.number(s.maxDrawdown), "trades": s.trades, "open_trades": s.openTrades,
            "win_rate": JSONOutput.number(s.winRate), "exposure": JSONOutput.number(s.exposure),
            "periods_per_year": JSONOutput.number(s.periodsPerYear),
            "open_positions": result.openTrades.map { t -> [String: Any] in
                ["symbol": result.symbols[t.symbol], "side": t.size > 0 ? "long" : "short", "size": abs(t.size),
                 "entry_time": CivilTime.iso8601(t.entryTime), "entry_bar": t.entryBar, "entry_price": t.entryPrice]
            },
        ].merging(extraMetrics) { contract, _ in contract }.merging(buyAndHold) { contract, _ in contract }
    }

    /// `warmup_bars` and `buy_and_hold_return` (`Analytics.BuyAndHoldReturn`, SEMANTICS.md
    /// section 1.5: from the close of the warm-up bar to the last close).
    private var buyAndHold: [String: Any] {
        guard !closes.isEmpty else { return [:] }
        return ["warmup_bars": warmUpBars, "buy_and_hold_return": JSONOutput.number(BuyAndHoldReturn.of(closes: closes, warmUp: warmUpBars))]
    }

    /// Every Analytics metric not already among the contract keys, plus `benchmark`.
    private var extraMetrics: [String: Any] {
        guard let metrics else { return [:] }
        var out: [String: Any] = [:]
        for (name, value) in metrics.namedValues { out[name] = JSONOutput.number(value) }
        if let benchmark { out["benchmark"] = benchmark }
        return out
    }

    /// Writes every file into `directory` (which must exist).
    func write(to directory: URL, manifest: [String: Any]) throws {
        try Self.text(equityCSV).write(to: directory.appendingPathComponent("equity.csv"))
        try Self.text(tradesCSV).write(to: directory.appendingPathComponent("trades.csv"))
        try Self.text(ordersCSV).write(to: directory.appendingPathComponent("orders.csv"))
        if let weights = weightsCSV { try Self.text(weights).write(to: directory.appendingPathComponent("weights.csv")) }
        try Self.json(summaryObject).write(to: directory.appendingPathComponent("summary.json"))
        try Self.json(manifest).write(to: directory.appendingPathComponent("manifest.json"))
    }

    /// `timestamp, equity, cash, exposure, drawdown`: exposure is gross exposure / equity,
    /// drawdown `E_t / max E − 1` (≤ 0, `DrawdownAnalysis.series`, the report's definition).
    var equityCSV: String {
        var out = Self.equityHeader
        out.reserveCapacity(result.equity.count * 80)
        let dd = DrawdownAnalysis.series(result.equity)
        for i in result.equity.indices {
            out += Self.equityRow(time: result.timestamps[i], equity: result.equity[i], gross: result.grossExposure[i],
                                  net: result.netExposure[i], drawdown: dd[i])
        }
        return out
    }

    /// Closed trades in exit order; `size` in units (unsigned; `side` gives the direction).
    var tradesCSV: String {
        var out = Self.tradesHeader
        for t in result.trades { out += Self.tradeRow(t, symbols: result.symbols) }
        return out
    }

    /// Every order with its outcome, rejected, cancelled, expired and pending ones included.
    var ordersCSV: String {
        var out = Self.ordersHeader
        for o in result.orders { out += Self.orderRow(o, symbols: result.symbols) }
        return out
    }

    static let equityHeader = "timestamp,equity,cash,exposure,drawdown\n"
    static let tradesHeader = "symbol,side,size,entry_time,entry_bar,entry_price,exit_time,exit_bar,exit_price,commission,pnl,return\n"
    static let ordersHeader = "id,symbol,side,intent,type,status,reason,size,limit,stop,created_time,created_bar,time,bar,price,commission\n"

    /// One `equity.csv` line (with its line break): cash is equity − net exposure, exposure is
    /// gross exposure / equity (empty at zero equity).
    static func equityRow(time: Int64, equity e: Double, gross: Double, net: Double, drawdown: Double) -> String {
        "\(CivilTime.iso8601(time)),\(num(e)),\(num(e - net)),\(num(e != 0 ? gross / e : .nan)),\(num(drawdown))\n"
    }

    /// One `trades.csv` line (with its line break).
    static func tradeRow(_ t: ClosedTrade, symbols: [String]) -> String {
        let fields: [String] = [
            symbols[t.symbol], t.size > 0 ? "long" : "short", num(abs(t.size)),
            CivilTime.iso8601(t.entryTime), String(t.entryBar), num(t.entryPrice),
            CivilTime.iso8601(t.exitTime), String(t.exitBar), num(t.exitPrice),
            num(t.commission), num(t.pnl), num(t.returnPct),
        ]
        return fields.joined(separator: ",") + "\n"
    }

    /// One `orders.csv` line (with its line break).
    static func orderRow(_ o: OrderRecord, symbols: [String]) -> String {
        let fields: [String] = [
            String(o.id), symbols[o.symbol], o.side == .long ? "buy" : "sell", o.intent.rawValue, o.type.rawValue,
            o.status.rawValue, o.reason.rawValue, num(o.size), num(o.limit), num(o.stop),
            CivilTime.iso8601(o.createdTime), String(o.createdBar), CivilTime.iso8601(o.time), String(o.bar),
            num(o.price), num(o.commission),
        ]
        return fields.joined(separator: ",") + "\n"
    }

    /// Allocation strategies: `timestamp`, then one column per symbol (run order), one row per
    /// rebalance with its target weights (each row sums to 1); nil for rule-based strategies.
    var weightsCSV: String? {
        guard let log = result.allocation else { return nil }
        var out = "timestamp," + result.symbols.joined(separator: ",") + "\n"
        for k in log.times.indices {
            out += CivilTime.iso8601(log.times[k]) + "," + log.row(k).map { Self.num($0) }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Shortest round-trip text; integers without a fraction; NaN and infinities empty.
    static func num(_ v: Double) -> String {
        if !v.isFinite { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    static func text(_ s: String) -> Data { Data(s.utf8) }

    static func json(_ object: Any) throws -> Data {
        var data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(contentsOf: Array("\n".utf8))
        return data
    }
}
