// Streaming indicator throughput: replays N synthetic random-walk bars held in [Double] columns through
// one indicator at a time and reports updates per second (best of several runs, ContinuousClock).
//
// Usage: IndicatorBenchmark [bars] [repetitions]     (defaults: 5_000_000 bars, 5 repetitions)
import BenchmarkSupport
import Foundation
import Signals


let arguments = CommandLine.arguments
let barCount = arguments.count > 1 ? Int(arguments[1]) ?? 5_000_000 : 5_000_000
let repetitions = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let bars = randomWalk(count: barCount)
let clock = ContinuousClock()

/// Times `body` (which returns a checksum so the work cannot be optimised away); prints updates/s.
func measure(_ name: String, _ body: () -> Double) {
    var best = Duration.seconds(1_000_000)
    var checksum = 0.0
    for _ in 0..<repetitions {
        var result = 0.0
        let elapsed = clock.measure { result = body() }
        checksum = result
        best = min(best, elapsed)
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
    let rate = Double(barCount) / seconds
    let padded = name.padding(toLength: 16, withPad: " ", startingAt: 0)
    print("\(padded) \(String(format: "%8.1f", rate / 1e6)) M updates/s   \(String(format: "%6.2f", seconds * 1e9 / Double(barCount))) ns/update   (checksum \(checksum))")
}

/// Sums the non-NaN outputs of a scalar indicator over the close column.
func runScalar<S: ScalarIndicator>(_ prototype: S) -> () -> Double {
    return {
        var indicator = prototype
        var sum = 0.0
        for x in bars.close {
            let v = indicator.update(x)
            if !v.isNaN { sum += v }
        }
        return sum
    }
}

/// Sums the non-NaN outputs of a bar indicator over all bars.
func runBar<B: BarIndicator>(_ prototype: B) -> () -> Double {
    return {
        var indicator = prototype
        var sum = 0.0
        for i in 0..<barCount {
            let v = indicator.update(high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: bars.volume[i])
            if !v.isNaN { sum += v }
        }
        return sum
    }
}

/// Builds an indicator from constant parameters (exits with the error message if they were invalid).
func make<T>(_ build: () throws -> T) -> T {
    do { return try build() } catch {
        print("invalid benchmark parameters: \(error)")
        exit(2)
    }
}

print("IndicatorBenchmark: \(barCount) bars, best of \(repetitions)")
measure("SMA(20)", runScalar(make { try SMA(period: 20) }))
measure("EMA(20)", runScalar(make { try EMA(period: 20) }))
measure("RSI(14)", runScalar(make { try RSI(period: 14) }))
measure("ATR(14)", runBar(make { try ATR(period: 14) }))
measure("MACD(12,26,9)") {
    var macd = make { try MACD(fast: 12, slow: 26, signal: 9) }
    var sum = 0.0
    for x in bars.close {
        let v = macd.update(x)
        if !v.histogram.isNaN { sum += v.macd + v.signal + v.histogram }
    }
    return sum
}
// The other indicators, for reference.
measure("WMA(20)", runScalar(make { try WMA(period: 20) }))
measure("ROC(10)", runScalar(make { try ROC(period: 10) }))
measure("MOM(10)", runScalar(make { try MOM(period: 10) }))
measure("STDDEV(20)", runScalar(make { try StdDev(period: 20) }))
measure("Highest(20)", runScalar(make { try Highest(period: 20) }))
measure("Lowest(20)", runScalar(make { try Lowest(period: 20) }))
measure("BBANDS(20,2)") {
    var bb = make { try BollingerBands(period: 20, deviations: 2) }
    var sum = 0.0
    for x in bars.close {
        let v = bb.update(x)
        if !v.middle.isNaN { sum += v.upper + v.lower }
    }
    return sum
}
measure("STOCH(14,3,3)") {
    var stoch = make { try Stochastic(fastK: 14, kSmoothing: 3, dSmoothing: 3) }
    var sum = 0.0
    for i in 0..<barCount {
        let v = stoch.update(high: bars.high[i], low: bars.low[i], close: bars.close[i])
        if !v.d.isNaN { sum += v.k + v.d }
    }
    return sum
}
measure("WILLR(14)", runBar(make { try WilliamsR(period: 14) }))
measure("CCI(20)", runBar(make { try CCI(period: 20) }))
measure("MFI(14)", runBar(make { try MFI(period: 14) }))
measure("ADX(14)", runBar(make { try ADX(period: 14) }))
measure("OBV", runBar(OBV()))
