import Foundation
import MarketData
import Signals
import Testing
@testable import Engine

/// The backtesting.py reference runs of `BacktestingPyReferenceTests`, with the bars arriving
/// the stream's way: NDJSON lines read by `LineReader`, assembled by `LiveBarSource`, stepped
/// one timestamp at a time by `Simulation.step`. Same trades and equity as backtesting.py 0.6.6.
@Suite struct StreamReferenceTests {
    /// GOOG's bars as an NDJSON file (each number in its shortest round-trip text).
    static let ndjson: String = {
        let goog = try! EngineFixtures.goog()
        var text = ""
        for i in 0..<goog.count {
            let b = goog[i]
            text += "{\"symbol\":\"GOOG\",\"time\":\(b.timestamp),\"open\":\(b.open),\"high\":\(b.high),\"low\":\(b.low),\"close\":\(b.close),\"volume\":\(b.volume)}\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("goog-\(UUID().uuidString).ndjson").path
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }()

    static func stream(_ strategy: String, overrides: [String] = [], closeAtEnd: Bool = false) throws -> RunResult {
        let spec = try StrategySpec.load(path: EngineFixtures.path("strategies/\(strategy)"), overrides: overrides)
        let fd = open(ndjson, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        // A small block size: lines cross block boundaries all the time.
        var source = LiveBarSource(reader: LineReader(fd: fd, blockSize: 4096), symbols: ["GOOG"], interval: spec.interval)
        var simulation = Simulation(program: try spec.compile(), symbols: ["GOOG"], config: try EngineConfig(spec: spec, closeAtEnd: closeAtEnd))
        var batch = BarBatch()
        while try source.next(into: &batch) { simulation.step(batch) }
        #expect(source.takeProblems().isEmpty)
        #expect(source.bars == 2148)
        return simulation.finish()
    }

    @Test func readmeSmaCrossThroughTheLiveSourceMatchesBacktestingPy() throws {
        let r = try Self.stream("sma_cross.toml")
        try BacktestingPyReferenceTests.expectMatches(r, trades: "smacross_readme_trades.csv", equity: "smacross_readme_equity.csv")
        #expect(r.openTrades.first?.size == 69 && r.openTrades.first?.entryBar == 2087)
    }

    @Test func longOnlyThroughTheLiveSourceMatchesBacktestingPy() throws {
        let r = try Self.stream("sma_cross_long.toml")
        try BacktestingPyReferenceTests.expectMatches(r, trades: "smacross_longonly_trades.csv", equity: "smacross_longonly_equity.csv")
    }

    @Test func finalizedTradesThroughTheLiveSourceMatchBacktestingPy() throws {
        let r = try Self.stream("sma_cross.toml", closeAtEnd: true)
        try BacktestingPyReferenceTests.expectMatches(r, trades: "smacross_readme_finalized_trades.csv", equity: "smacross_readme_finalized_equity.csv")
        let r2 = try Self.stream("sma_cross.toml", overrides: ["fast=10", "slow=30", "execution.commission=0"], closeAtEnd: true)
        try BacktestingPyReferenceTests.expectMatches(r2, trades: "smacross_test_suite_trades.csv", equity: "smacross_test_suite_equity.csv")
    }
}
