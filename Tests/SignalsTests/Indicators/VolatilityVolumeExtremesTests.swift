import Testing
@testable import Signals

@Suite struct VolatilityTests {
    @Test(arguments: goldenSeries) func atrMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var atr = try ATR(period: 14)
        expectMatchesTALib("ATR_14", replay(&atr, s), s, lookback: atr.lookback)
    }

    @Test(arguments: goldenSeries) func stdDevMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var sd = try StdDev(period: 20)
        expectMatchesTALib("STDDEV_20", replay(&sd, s.close), s, lookback: sd.lookback)
    }

    @Test(arguments: goldenSeries) func bollingerMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var bb = try BollingerBands(period: 20, deviations: 2)
        let out = s.close.map { bb.update($0) }
        expectMatchesTALib("BBANDS_20_2_2_upper", out.map(\.upper), s, lookback: bb.lookback)
        expectMatchesTALib("BBANDS_20_2_2_middle", out.map(\.middle), s, lookback: bb.lookback)
        expectMatchesTALib("BBANDS_20_2_2_lower", out.map(\.lower), s, lookback: bb.lookback)
    }

    @Test func stdDevIsPopulationStandardDeviation() throws {
        var sd = try StdDev(period: 4)
        for x in [2.0, 4, 4] { #expect(sd.update(x).isNaN) }
        #expect(abs(sd.update(6) - 2.0.squareRoot()) < 1e-15)  // mean 4, Σd² 8, /4
    }

    /// A window of equal prices has no dispersion: the deviation is exactly 0 and the bands collapse
    /// onto the middle, whatever came before (the centred sums do not carry the history's rounding).
    @Test func equalPricesGiveExactlyZeroDeviation() throws {
        var sd = try StdDev(period: 5)
        var bb = try BollingerBands(period: 5, deviations: 2)
        var sma = try SMA(period: 5)
        let xs = decimalWalk(count: 3000, start: 1000) + [Double](repeating: 1234.56, count: 12)
        for (i, x) in xs.enumerated() {
            let s = sd.update(x), b = bb.update(x), m = sma.update(x)
            #expect(b.middle == m || (m.isNaN && b.middle.isNaN))  // bb_middle is the SMA, bit for bit
            if i >= xs.count - 8 {
                #expect(s == 0)
                #expect(b.upper == 1234.56 && b.lower == 1234.56)
            }
        }
    }

    /// Against a two-pass population standard deviation (no cancellation) on both fixtures.
    @Test(arguments: goldenSeries) func stdDevMatchesTwoPass(_ name: String) throws {
        let close = GoldenSeries.named(name).close
        var sd = try StdDev(period: 20)
        var worst = 0.0
        for (i, x) in close.enumerated() {
            let v = sd.update(x)
            guard i >= 19 else { continue }
            let w = close[(i - 19)...i]
            let mean = w.reduce(0, +) / 20
            let exact = (w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20).squareRoot()
            worst = max(worst, abs(v - exact) / exact)
        }
        print("STDDEV_20 \(name) vs two-pass: max rel \(worst)")
        #expect(worst < 1e-12)
    }

    @Test func periodOne() throws {
        var sd = try StdDev(period: 1), atr = try ATR(period: 1)
        #expect(sd.update(5) == 0)
        #expect(atr.update(high: 10, low: 9, close: 9.5, volume: 0).isNaN)
        #expect(atr.update(high: 12, low: 11, close: 11.5, volume: 0) == 2.5)  // |12 − 9.5|
    }
}

@Suite struct VolumeTests {
    @Test(arguments: goldenSeries) func obvMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var obv = OBV()
        expectMatchesTALib("OBV", replay(&obv, s), s, lookback: obv.lookback)
    }

    @Test func obvStartsAtTheFirstVolume() {
        var obv = OBV()
        #expect(obv.update(high: .nan, low: .nan, close: 10, volume: 500) == 500)
        #expect(obv.update(high: .nan, low: .nan, close: 10, volume: 70) == 500)  // tie: unchanged
        #expect(obv.update(high: .nan, low: .nan, close: 9, volume: 100) == 400)
    }
}

@Suite struct ExtremesTests {
    /// Highest/lowest of a column against a brute-force window scan (TA-Lib MAX/MIN have no golden column).
    @Test(arguments: [1, 2, 14, 50]) func highestLowestMatchBruteForce(_ n: Int) throws {
        let s = GoldenSeries.goog
        var hi = try Highest(period: n), lo = try Lowest(period: n)
        for i in 0..<s.count {
            let h = hi.update(s.high[i]), l = lo.update(s.low[i])
            if i < n - 1 {
                #expect(h.isNaN && l.isNaN)
            } else {
                #expect(h == s.high[(i - n + 1)...i].max()!)
                #expect(l == s.low[(i - n + 1)...i].min()!)
            }
        }
        #expect(hi.lookback == n - 1)
    }

    @Test func monotonicDequeOnAdversarialInputs() throws {
        var hi = try Highest(period: 3), lo = try Lowest(period: 3)
        let xs: [Double] = [5, 4, 3, 2, 1, 1, 1, 2, 3, 4, 5, 5, 0, 9]
        for (i, x) in xs.enumerated() {
            let h = hi.update(x), l = lo.update(x)
            guard i >= 2 else { continue }
            #expect(h == xs[(i - 2)...i].max()!)
            #expect(l == xs[(i - 2)...i].min()!)
        }
    }
}
