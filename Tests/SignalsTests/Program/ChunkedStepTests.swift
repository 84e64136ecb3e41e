import MarketData
import Testing
@testable import Signals

/// `ProgramRuntime.stepChunk` (node by node over a chunk of bars, what sweeps use) gives every
/// slot on every bar exactly the value `step` (bar by bar) gives, for every operation.
@Suite struct ChunkedStepTests {
    /// Every operation of the language at least once, lags and crossings included.
    /// Compiled once; a compile error fails the tests that use it instead of stopping the process.
    static let compiled: Result<SignalProgram, CompileError> = {
        let signals: [(String, String)] = [
            ("arith", "(close - open) * 2 / (high - low + 1) + -volume / 1e9"),
            ("compare", "(close > open) and (close >= open) or (close < open) and not (close <= low) or close == high or close != low"),
            ("minmax", "min(close, open) + max(high, low) + abs(open - close)"),
            ("lags", "close[1] - close[3] + arith[2]"),
            ("crosses", "cross_above(sma(close, 5), ema(close, 12)) or cross_below(close, wma(close, 9))"),
            ("momentum", "rsi(close, 14) + roc(close, 10) + mom(close, 7) + stddev(close, 20)"),
            ("extremes", "highest(high, 20) - lowest(low, 20)"),
            ("bars", "atr(14) + adx(14) + cci(20) + willr(14) + mfi(14) + obv() / 1e9"),
            ("multi", "macd(close, 12, 26, 9) + macd_signal(close, 12, 26, 9) + macd_hist(close, 12, 26, 9)"),
            ("bands", "bb_upper(close, 20, 2) - bb_lower(close, 20, 2) + bb_middle(close, 20, 2)"),
            ("stoch", "stoch_k(14, 3, 3) - stoch_d(14, 3, 3)"),
            ("clock", "hour() + minute() + second() + weekday() * day() + month() + year() / 1e3 + hhmm() + timeofday() + time / 1e9"),
        ]
        return Result { () throws(CompileError) in try ExpressionCompiler(signals: signals).compile() }
    }()

    static func program() throws -> SignalProgram { try compiled.get() }

    func stepwise(_ bars: BarSeries) throws -> [[Double]] {
        var p = try Self.program()
        p.reset()
        return (0..<bars.count).map { t in
            p.step(bars[t])
            return p.slots
        }
    }

    @Test(arguments: [1, 7, 256])
    func everySlotOfEveryBarEqualsTheBarByBarValue(width: Int) throws {
        let bars = try LanguageFixtures.goog()
        let expected = try stepwise(bars)
        var p = try Self.program()
        p.reset()
        let runtime = p.runtime
        let slotCount = runtime.slots.count
        let chunk = UnsafeMutablePointer<Double>.allocate(capacity: slotCount * width)
        defer { chunk.deallocate() }
        for s in 0..<slotCount { (chunk + s * width).initialize(repeating: runtime.slots.base[s], count: width) }
        var start = 0, mismatches = 0
        while start < bars.count {
            let m = min(width, bars.count - start)
            for (row, values) in [bars.open, bars.high, bars.low, bars.close, bars.volume].enumerated() {
                for j in 0..<m { chunk[row * width + j] = values[start + j] }
            }
            ProgramRuntime.loadTimes(bars.timestamps, start: start, count: m, into: chunk, width: width)
            runtime.stepChunk(chunk, width: width, count: m)
            for j in 0..<m {
                for s in 0..<slotCount {
                    let got = chunk[s * width + j], want = expected[start + j][s]
                    if got.bitPattern != want.bitPattern && !(got.isNaN && want.isNaN) { mismatches += 1 }
                }
            }
            start += m
        }
        #expect(mismatches == 0)
        #expect(try Self.program().nodeCount > 40)
        // The signals are warm and varied by the end, so the comparison covers real values.
        let last = try #require(expected.last)
        #expect(try Self.program().outputs.allSatisfy { last[$0.slot].isFinite })
    }
}
