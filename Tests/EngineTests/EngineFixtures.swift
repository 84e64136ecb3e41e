import Foundation
import MarketData
import Signals
@testable import Engine

/// Test data for the engine: fixture paths, OHLCV CSV and reference readers, hand-built bars.
enum EngineFixtures {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.pathComponents.count > 1, url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent()
    }()

    static func path(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

    /// Reads a `,Open,High,Low,Close,Volume` file with ISO dates (backtesting.py's GOOG.csv shape).
    static func ohlcv(_ file: String, symbol: String) throws -> BarSeries {
        let text = try String(contentsOfFile: path("Tests/Fixtures/data/\(file)"), encoding: .utf8)
        var series = BarSeries(symbol: symbol, interval: .daily)
        for (i, line) in text.split(whereSeparator: \.isNewline).enumerated() where i > 0 {
            let f = line.split(separator: ",").map(String.init)
            guard f.count >= 6, let t = CivilTime.parseTimestamp(f[0]), let o = Double(f[1]), let h = Double(f[2]),
                  let l = Double(f[3]), let c = Double(f[4]), let v = Double(f[5]) else { continue }
            series.append(Bar(timestamp: t, open: o, high: h, low: l, close: c, volume: v))
        }
        return series
    }

    static func goog() throws -> BarSeries { try ohlcv("GOOG_daily_2004-2013.csv", symbol: "GOOG") }

    /// Rows of a reference CSV as dictionaries keyed by header.
    static func referenceRows(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path("Tests/Fixtures/reference/backtesting_py/\(name)"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// A reference JSON file as a dictionary.
    static func referenceJSON(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path("Tests/Fixtures/reference/backtesting_py/\(name)")))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// Bars from (open, high, low, close) tuples, one day apart from 2020-01-01.
    static func bars(_ symbol: String = "TEST", _ rows: [(Double, Double, Double, Double)], start: Int64 = 1_577_836_800, step: Int64 = 86_400) -> BarSeries {
        var s = BarSeries(symbol: symbol, interval: .daily)
        for (i, r) in rows.enumerated() {
            s.append(Bar(timestamp: start + Int64(i) * step, open: r.0, high: r.1, low: r.2, close: r.3, volume: 1_000))
        }
        return s
    }

    /// Flat bars at `price` (open = high = low = close).
    static func flat(_ symbol: String, _ prices: [Double], start: Int64 = 1_577_836_800) -> BarSeries {
        bars(symbol, prices.map { ($0, $0, $0, $0) }, start: start)
    }

    /// A strategy from TOML text.
    static func strategy(_ toml: String) throws -> StrategySpec { try StrategySpec.parse(toml: toml, path: "test.toml") }

    /// Runs a strategy given as TOML over `series`.
    static func run(_ toml: String, _ series: [BarSeries], closeAtEnd: Bool = false) throws -> RunResult {
        try Backtest.run(spec: try strategy(toml), series: series, closeAtEnd: closeAtEnd)
    }
}
