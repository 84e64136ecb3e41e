import Testing
@testable import Signals

/// The two reference series every golden test runs on.
let goldenSeries = ["GOOG", "SP500"]

/// Compares `values` with the TA-Lib column `column` of `series`: NaN exactly where TA-Lib has NaN
/// (so the same first valid row), every value within 1e-9 relative (1e-9 absolute where |ref| < 1),
/// and the first valid row equal to the indicator's declared `lookback`. Prints the measured errors.
func expectMatchesTALib(_ column: String, _ values: [Double], _ series: GoldenSeries, lookback: Int,
                        sourceLocation: SourceLocation = #_sourceLocation)
{
    guard let reference = series.reference[column] else {
        Issue.record("no reference column \(column)", sourceLocation: sourceLocation)
        return
    }
    let c = GoldenComparison(ours: values, reference: reference)
    print("GOLDEN \(column) \(series.name): \(c)")
    #expect(c.firstValidOurs == c.firstValidReference, "\(column) \(series.name) first valid row",
            sourceLocation: sourceLocation)
    #expect(c.firstValidOurs == lookback, "\(column) \(series.name) lookback", sourceLocation: sourceLocation)
    #expect(c.compared > 1000, sourceLocation: sourceLocation)
    #expect(c.failures.isEmpty, "\(column) \(series.name): \(c.failures)", sourceLocation: sourceLocation)
}

/// Replays every bar of `series` through a bar indicator.
func replay<B: BarIndicator>(_ indicator: inout B, _ s: GoldenSeries) -> [Double] {
    var out = [Double]()
    out.reserveCapacity(s.count)
    for i in 0..<s.count {
        out.append(indicator.update(high: s.high[i], low: s.low[i], close: s.close[i], volume: s.volume[i]))
    }
    return out
}

/// Replays a value series through a scalar indicator.
func replay<S: ScalarIndicator>(_ indicator: inout S, _ xs: [Double]) -> [Double] {
    xs.map { indicator.update($0) }
}

/// Deterministic pseudo-random prices with two decimals (a random walk around `start`).
func decimalWalk(count: Int, start: Double = 100, seed: UInt64 = 42) -> [Double] {
    var state = seed
    var cents = Int(start * 100)
    var out = [Double]()
    for _ in 0..<count {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        cents += Int((state >> 33) % 201) - 100
        if cents < 100 { cents = 100 + (100 - cents) }
        out.append(Double(cents) / 100)
    }
    return out
}
