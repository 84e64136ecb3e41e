import Engine
import MarketData

/// `results.csv` of a sweep: one row per combination and symbol: every param (file order),
/// `symbol`, the run's start and end (ISO 8601 UTC) and bars, then every `SweepMetric` by name.
/// Numbers are written in their shortest exact form, NaN as an empty field, so the file reads
/// back to the same doubles (shards merge without loss).
public enum SweepResultsCSV {
    public static func header(params: [String]) -> String {
        (params + ["symbol", "start", "end", "bars"] + SweepMetric.allCases.map(\.rawValue)).joined(separator: ",")
    }

    public static func line(_ row: SweepRunner.Row, params: [String]) -> String {
        var fields = params.map { number(row.params[$0] ?? .nan) }
        fields += [row.symbol, CivilTime.iso8601(row.summary.start), CivilTime.iso8601(row.summary.end), String(row.summary.bars)]
        fields += SweepMetric.allCases.map { number($0.value(row.summary)) }
        return fields.joined(separator: ",")
    }

    public static func write(_ rows: [SweepRunner.Row], params: [String]) -> String {
        var out = header(params: params) + "\n"
        for row in rows { out += line(row, params: params) + "\n" }
        return out
    }

    /// Reads rows written by `write` back (to resume a sweep): the same doubles, bit for bit,
    /// since numbers are written in their shortest exact form. `combination` is found from the
    /// params through `plan`; rows of combinations outside the plan are an error.
    public static func read(_ text: String, plan: SweepPlan, params: [String], initialCash: Double) throws(SweepError) -> [SweepRunner.Row] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, header.joined(separator: ",") == Self.header(params: params) else {
            throw .malformedResume("results.csv does not have this sweep's columns")
        }
        var index: [String: Int] = [:]
        for k in plan.indices { index[key(plan.grid.values(at: k))] = k }
        let swept = plan.grid.names.map { params.firstIndex(of: $0)! }
        func col(_ name: String) -> Int { header.firstIndex(of: name)! }
        var rows: [SweepRunner.Row] = []
        for (n, f) in lines.dropFirst().enumerated() {
            guard f.count == header.count else { throw .malformedResume("results.csv:\(n + 2): \(f.count) fields, expected \(header.count)") }
            let values = swept.map { Double(f[$0]) ?? .nan }
            guard let k = index[key(values)] else { throw .malformedResume("results.csv:\(n + 2): params not in this sweep's plan") }
            func d(_ name: String) -> Double { Double(f[col(name)]) ?? .nan }
            func count(_ name: String) throws(SweepError) -> Int {
                guard let v = Int(f[col(name)]) else { throw .malformedResume("results.csv:\(n + 2): \(name) '\(f[col(name)])' is not a whole number") }
                return v
            }
            let summary = RunSummary(
                start: CivilTime.parseTimestamp(f[col("start")]) ?? 0, end: CivilTime.parseTimestamp(f[col("end")]) ?? 0,
                bars: try count("bars"), initialCash: initialCash, finalEquity: d("final_equity"), totalReturn: d("total_return"),
                cagr: d("cagr"), annualReturn: d("annual_return"), annualVolatility: d("annual_volatility"), sharpe: d("sharpe"),
                sortino: d("sortino"), calmar: d("calmar"), maxDrawdown: d("max_drawdown"), trades: try count("trades"),
                openTrades: try count("open_trades"), winRate: d("win_rate"), exposure: d("exposure"),
                returnCount: try count("return_count"), returnSkewness: d("return_skew"), returnKurtosis: d("return_kurtosis"))
            rows.append(SweepRunner.Row(combination: k, params: plan.params(at: k), symbol: f[col("symbol")], summary: summary))
        }
        return rows
    }

    private static func key(_ values: [Double]) -> String { values.map { "\($0.bitPattern)" }.joined(separator: ":") }

    static func number(_ v: Double) -> String {
        if v.isNaN { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
