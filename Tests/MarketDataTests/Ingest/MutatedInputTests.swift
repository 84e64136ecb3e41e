import Foundation
import TestSupport
import Testing

@testable import MarketData

/// Seeded mutations of the ingest fixtures (digits multiplied into 20-digit runs, bytes
/// flipped, lines duplicated or cut, exponents inflated): every input either parses into bars
/// within `BarValueBounds` or fails with an `IngestError`; none traps. A bounded, deterministic
/// cousin of the libFuzzer targets.
@Suite struct MutatedInputTests {
    private static let seeds: [(String, IngestFormat)] = [
        ("ingest/AAPL_yahoo_with_null_row.csv", .auto), ("ingest/BTC_epoch_millis.csv", .auto),
        ("ingest/PANEL_bad_cell.csv", .panel), ("ingest/aapl_us_stooq.csv", .auto), ("ingest/AAPL_yyyymmdd.csv", .auto),
        ("providers/binance_klines_BTCUSDT.json", .binance), ("providers/BTCUSDT-1d-2024-01.csv", .binance),
        ("providers/coingecko_market_chart_bitcoin.json", .coingecko), ("providers/coingecko_ohlc_bitcoin.json", .coingecko),
        ("providers/alphavantage_daily_IBM.json", .alphavantage), ("providers/alphavantage_daily_IBM.csv", .alphavantage),
    ]

    private static let inserts: [[UInt8]] = [
        Array("11111111111111111111".utf8), Array("e309".utf8), Array("-".utf8), Array("9223372036854775807".utf8),
        Array("/".utf8), Array(",".utf8), Array("\n".utf8), Array("1e-320".utf8), Array("-9223372036854775808".utf8), Array(":".utf8),
    ]

    private func mutate(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var out = bytes
        for _ in 0..<Int.random(in: 1...4, using: &rng) where !out.isEmpty {
            let at = Int.random(in: 0..<out.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: out.insert(contentsOf: Self.inserts.randomElement(using: &rng)!, at: at)
            case 1: out[at] = UInt8.random(in: 0x20...0x7E, using: &rng)
            case 2: out.removeSubrange(at..<min(out.count, at + Int.random(in: 1...8, using: &rng)))
            case 3:
                let end = out[at...].firstIndex(of: 0x0A) ?? out.count
                let start = out[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                out.insert(contentsOf: Array(out[start..<end]) + [0x0A], at: start)
            default: out.insert(contentsOf: Array(repeating: UInt8(ascii: "9"), count: Int.random(in: 10...25, using: &rng)), at: at)
            }
        }
        return out
    }

    @Test func mutatedFixturesParseWithinBoundsOrFailWithAnIngestError() throws {
        var rng = SeededGenerator(seed: 12)
        var parsedCount = 0
        for round in 0..<6_000 {
            let (path, format) = Self.seeds[round % Self.seeds.count]
            let original = try Fixtures.bytes(Fixtures.root.appendingPathComponent(path).path)
            let input = mutate(original, &rng)
            let skip = round % 2 == 0
            let options = ParseOptions(fileName: "m", symbol: "M", skipBadRows: skip)
            guard let parsed = try? InputParser.parse(input, format: format, options: options) else { continue }
            parsedCount += 1
            for (k, s) in parsed.series.enumerated() {
                #expect(parsed.lines.count <= k || parsed.lines[k].count == s.count)
                for i in 0..<s.count {
                    for p in [s.open[i], s.high[i], s.low[i], s.close[i], s.adjClose[i]] where !p.isNaN {
                        #expect(BarValueBounds.priceProblem(p) == nil, "round \(round): \(p)")
                    }
                    #expect(s.volume[i].isNaN || BarValueBounds.volumeProblem(s.volume[i]) == nil)
                }
                _ = try? DuplicateRows.resolve(s, lines: parsed.lines.first ?? [], file: "m", skipBadRows: skip)
            }
        }
        #expect(parsedCount > 100)  // the mutations leave many inputs readable
    }
}
