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

    static func number(_ v: Double) -> String {
        if v.isNaN { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
