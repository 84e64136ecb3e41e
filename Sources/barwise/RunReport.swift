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
        var out = TextBytes(capacity: result.equity.count * 80)
        out.append(Self.equityHeader)
        let dd = DrawdownAnalysis.series(result.equity)
        for i in result.equity.indices {
            Self.equityRow(&out, time: result.timestamps[i], equity: result.equity[i], gross: result.grossExposure[i],
                           net: result.netExposure[i], drawdown: dd[i])
        }
        return out.string
    }

    /// Closed trades in exit order; `size` in units (unsigned; `side` gives the direction).
    var tradesCSV: String {
        var out = TextBytes()
        out.append(Self.tradesHeader)
        for t in result.trades { Self.tradeRow(&out, t, symbols: result.symbols) }
        return out.string
    }

    /// Every order with its outcome, rejected, cancelled, expired and pending ones included.
    var ordersCSV: String {
        var out = TextBytes()
        out.append(Self.ordersHeader)
        for o in result.orders { Self.orderRow(&out, o, symbols: result.symbols) }
        return out.string
    }

    static let equityHeader: StaticString = "timestamp,equity,cash,exposure,drawdown\n"
    static let tradesHeader: StaticString = "symbol,side,size,entry_time,entry_bar,entry_price,exit_time,exit_bar,exit_price,commission,pnl,return\n"
    static let ordersHeader: StaticString = "id,symbol,side,intent,type,status,reason,size,limit,stop,created_time,created_bar,time,bar,price,commission\n"

    /// One `equity.csv` line (with its line break): cash is equity − net exposure, exposure is
    /// gross exposure / equity (empty at zero equity).
    static func equityRow(_ out: inout TextBytes, time: Int64, equity e: Double, gross: Double, net: Double, drawdown: Double) {
        out.append(iso: time)
        out.append(",")
        out.append(number: e)
        out.append(",")
        out.append(number: e - net)
        out.append(",")
        out.append(number: e != 0 ? gross / e : .nan)
        out.append(",")
        out.append(number: drawdown)
        out.append("\n")
    }

    /// One `trades.csv` line (with its line break).
    static func tradeRow(_ out: inout TextBytes, _ t: ClosedTrade, symbols: [String]) {
        out.append(symbols[t.symbol])
        out.append(t.size > 0 ? ",long," : ",short,")
        out.append(number: abs(t.size))
        out.append(",")
        out.append(iso: t.entryTime)
        out.append(",")
        out.append(int: t.entryBar)
        out.append(",")
        out.append(number: t.entryPrice)
        out.append(",")
        out.append(iso: t.exitTime)
        out.append(",")
        out.append(int: t.exitBar)
        for v in [t.exitPrice, t.commission, t.pnl, t.returnPct] {
            out.append(",")
            out.append(number: v)
        }
        out.append("\n")
    }

    /// One `orders.csv` line (with its line break).
    static func orderRow(_ out: inout TextBytes, _ o: OrderRecord, symbols: [String]) {
        out.append(int: o.id)
        out.append(",")
        out.append(symbols[o.symbol])
        out.append(o.side == .long ? ",buy," : ",sell,")
        out.append(o.intent.rawValue)
        out.append(",")
        out.append(o.type.rawValue)
        out.append(",")
        out.append(o.status.rawValue)
        out.append(",")
        out.append(o.reason.rawValue)
        for v in [o.size, o.limit, o.stop] {
            out.append(",")
            out.append(number: v)
        }
        out.append(",")
        out.append(iso: o.createdTime)
        out.append(",")
        out.append(int: o.createdBar)
        out.append(",")
        out.append(iso: o.time)
        out.append(",")
        out.append(int: o.bar)
        out.append(",")
        out.append(number: o.price)
        out.append(",")
        out.append(number: o.commission)
        out.append("\n")
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
        var text = TextBytes()
        text.append(number: v)
        return text.string
    }

    static func text(_ s: String) -> Data { Data(s.utf8) }

    static func json(_ object: Any) throws -> Data {
        var data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(contentsOf: Array("\n".utf8))
        return data
    }
}
