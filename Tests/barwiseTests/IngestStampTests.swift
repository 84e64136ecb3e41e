import Foundation
import Testing

/// `barwise ingest --stamp`: every bar stored at the start of its interval, whatever the file's
/// own convention.
@Suite struct IngestStampTests {
    static let coinGecko = BarwiseProcess.fixtures.appendingPathComponent("providers/coingecko_ohlc_bitcoin.json").path

    func firstTimes(_ store: String, _ symbol: String, _ n: Int = 2) throws -> [String] {
        let r = try BarwiseProcess.run(["data", "export", symbol, "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").dropFirst().prefix(n).map { String($0.prefix(20)) }
    }

    @Test func coinGeckoCandlesStampedAtTheirCloseAreStoredAtTheirStart() throws {
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let r = try BarwiseProcess.run(["ingest", Self.coinGecko, "--format", "coingecko", "--symbol", "BTC", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        // 4-day candles: the one CoinGecko stamps 2024-01-01 (its close) covers Dec 28 – Jan 1.
        #expect(try firstTimes(store, "BTC") == ["2023-12-28T00:00:00Z", "2024-01-01T00:00:00Z"])
        let kept = try BarwiseProcess.run(["ingest", Self.coinGecko, "--format", "coingecko", "--symbol", "BTC2", "--stamp", "open", "--store", store])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(try firstTimes(store, "BTC2") == ["2024-01-01T00:00:00Z", "2024-01-05T00:00:00Z"], "--stamp open keeps the file's stamps")
    }

    @Test func aCSVStampedAtTheCloseIsMovedBackOneInterval() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let file = dir.appendingPathComponent("X_1h.csv").path
        try "Datetime,Open,High,Low,Close,Volume\n2024-01-02 10:00:00,1,2,0.5,1,10\n2024-01-02 11:00:00,1,2,0.5,1,10\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let store = dir.appendingPathComponent("s.sqlite").path
        let r = try BarwiseProcess.run(["ingest", file, "--symbol", "X", "--interval", "1h", "--stamp", "close", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try firstTimes(store, "X") == ["2024-01-02T09:00:00Z", "2024-01-02T10:00:00Z"])
    }

    @Test func stampIsRefusedForTicksAndMustBeOpenOrClose() throws {
        let bad = try BarwiseProcess.run(["ingest", Self.coinGecko, "--stamp", "middle"])
        #expect(bad.status == 2 && bad.stderr.contains("middle"), "\(bad.stderr)")
        let ticks = try BarwiseProcess.run(["ingest", Self.coinGecko, "--ticks", "--interval", "1m", "--stamp", "close"])
        #expect(ticks.status == 2 && ticks.stderr.contains("--stamp is for bars"), "\(ticks.stderr)")
    }
}
