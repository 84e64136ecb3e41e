import Foundation
import MarketData

/// Test data for the language tests: fixture paths, a tiny GOOG CSV reader, random bars.
enum LanguageFixtures {
    /// The package root, found from this file's path.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.pathComponents.count > 1, url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent()
    }()

    static func path(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

    /// Reads backtesting.py's GOOG.csv (`,Open,High,Low,Close,Volume`, ISO dates).
    static func goog() throws -> BarSeries {
        let text = try String(contentsOfFile: path("Tests/Fixtures/data/GOOG_daily_2004-2013.csv"), encoding: .utf8)
        var series = BarSeries(symbol: "GOOG", interval: .daily)
        for (i, line) in text.split(whereSeparator: \.isNewline).enumerated() where i > 0 {
            let f = line.split(separator: ",").map(String.init)
            guard f.count >= 6, let o = Double(f[1]), let h = Double(f[2]), let l = Double(f[3]),
                  let c = Double(f[4]), let v = Double(f[5]) else { continue }
            series.append(Bar(timestamp: Int64(i) * 86_400, open: o, high: h, low: l, close: c, volume: v))
        }
        return series
    }

    /// Rows of a reference trades CSV as dictionaries keyed by header.
    static func trades(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path("Tests/Fixtures/reference/backtesting_py/\(name)"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// A reproducible random walk of bars (SplitMix64), with some exact repeats so that ties occur.
    static func randomBars(count: Int, seed: UInt64) -> BarSeries {
        var state = seed
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53)
        }
        var series = BarSeries(symbol: "RND", interval: .daily)
        var close = 100.0
        for i in 0..<count {
            let open = close
            if next() > 0.1 { close = (close * (1 + (next() - 0.5) * 0.04) * 100).rounded() / 100 }
            let high = max(open, close) * (1 + next() * 0.01)
            let low = min(open, close) * (1 - next() * 0.01)
            series.append(Bar(timestamp: Int64(i) * 86_400, open: open, high: high, low: low, close: close,
                              volume: (1_000 + next() * 10_000).rounded()))
        }
        return series
    }

    /// Two arrays equal bit for bit, NaN equal to NaN.
    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }
}
