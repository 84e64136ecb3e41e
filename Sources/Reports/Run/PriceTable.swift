import Foundation
import MarketData

/// `prices.csv` of a run folder: the closes of every symbol the run traded, long format
/// `timestamp,symbol,close`, so that a report (buy-and-hold, price chart with trade marks) is
/// rebuilt from the folder alone, without the store.
public struct PriceTable: Sendable, Equatable {
    /// One symbol's closes in time order.
    public struct Series: Sendable, Equatable {
        public var symbol: String
        public var timestamps: [Int64]
        public var closes: [Double]
        public init(symbol: String, timestamps: [Int64], closes: [Double]) {
            self.symbol = symbol
            self.timestamps = timestamps
            self.closes = closes
        }
    }

    /// Symbols in order of first appearance.
    public var series: [Series]

    public init(series: [Series]) { self.series = series }

    /// The closes of the bars a run used, as the engine loaded them.
    public init(bars: [BarSeries]) {
        series = bars.map { Series(symbol: $0.symbol, timestamps: $0.timestamps, closes: $0.close) }
    }

    /// Writes `prices.csv` into `folder` (the engine calls this next to equity.csv).
    public func write(folder: String) throws(ReportError) {
        var text = "timestamp,symbol,close\n"
        for s in series {
            let symbol = CSVText.field(s.symbol)
            for (t, c) in zip(s.timestamps, s.closes) {
                text += CivilTime.iso8601(t); text += ","; text += symbol; text += ","; text += CSVText.number(c); text += "\n"
            }
        }
        try ReportFiles.write(text, to: (folder as NSString).appendingPathComponent("prices.csv"))
    }

    /// Reads `prices.csv`.
    static func read(path: String, name: String) throws(ReportError) -> PriceTable {
        let csv = try CSVTable(path: path, name: name)
        let ct = try csv.column("timestamp"), cs = try csv.column("symbol"), cc = try csv.column("close")
        var index: [String: Int] = [:]
        var out: [Series] = []
        let times = try csv.timestamps(ct)
        let closes = try csv.doubles(cc, allowEmpty: true)
        var i = 0
        for row in 0..<csv.count {
            // Rows of one symbol usually follow each other: look the symbol up only when it changes.
            if row == 0 || !csv.sameField(row, row - 1, cs) {
                let symbol = try csv.string(row, cs)
                if let known = index[symbol] { i = known } else {
                    i = out.count
                    index[symbol] = i
                    out.append(Series(symbol: symbol, timestamps: [], closes: []))
                }
            }
            let symbol = out[i].symbol
            let t = times[row], c = closes[row]
            if let last = out[i].timestamps.last, t <= last {
                throw .malformedCSV(file: name, line: csv.lines[row], field: "timestamp", detail: "does not increase for \(symbol)")
            }
            out[i].timestamps.append(t)
            out[i].closes.append(c)
        }
        return PriceTable(series: out)
    }
}
