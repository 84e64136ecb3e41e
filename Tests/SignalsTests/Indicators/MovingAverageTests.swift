import Testing
@testable import Signals

@Suite struct MovingAverageTests {
    @Test(arguments: goldenSeries) func smaMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var sma = try SMA(period: 20)
        expectMatchesTALib("SMA_20", replay(&sma, s.close), s, lookback: sma.lookback)
    }

    @Test(arguments: goldenSeries) func emaMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var ema = try EMA(period: 20)
        expectMatchesTALib("EMA_20", replay(&ema, s.close), s, lookback: ema.lookback)
    }

    @Test(arguments: goldenSeries) func wmaMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var wma = try WMA(period: 20)
        expectMatchesTALib("WMA_20", replay(&wma, s.close), s, lookback: wma.lookback)
    }

    /// SEMANTICS.md 1.2: two averages equal in decimal must be exactly equal, or a strict crossover
    /// fires on a rounding artefact. After a long random walk, 1.1, 2.2, 3.3 repeated: once both windows
    /// lie in the pattern, every SMA3 and every SMA6 is 2.2 in decimal and must compare equal.
    @Test func crossoverEqualAveragesStayExactlyEqual() throws {
        let xs = decimalWalk(count: 5000) + (0..<60).map { [1.1, 2.2, 3.3][$0 % 3] }
        var fast = try SMA(period: 3)
        var slow = try SMA(period: 6)
        var naiveFast = 0.0, naiveSlow = 0.0
        var naiveTies = 0, ties = 0, bars = 0
        for (i, x) in xs.enumerated() {
            let f = fast.update(x), s = slow.update(x)
            naiveFast += x - (i >= 3 ? xs[i - 3] : 0)
            naiveSlow += x - (i >= 6 ? xs[i - 6] : 0)
            guard i >= 5000 + 5 else { continue }
            bars += 1
            #expect(f == s, "bar \(i): \(f) vs \(s)")
            if f == s { ties += 1 }
            if naiveFast / 3 == naiveSlow / 6 { naiveTies += 1 }
        }
        #expect(ties == bars)
        // The test is meaningful: a plain running sum breaks some of these ties.
        #expect(naiveTies < bars)
    }

    /// Over a long random walk, the streaming SMA equals an SMA fed only the current window (in
    /// reverse order): the compensated window sum does not drift with the history.
    @Test func smaDoesNotDriftWithHistory() throws {
        let xs = decimalWalk(count: 20_000)
        var sma = try SMA(period: 10)
        var mismatches = 0
        for (i, x) in xs.enumerated() {
            let v = sma.update(x)
            guard i >= 9 else { continue }
            var fresh = try SMA(period: 10)
            var w = Double.nan
            for j in stride(from: i, through: i - 9, by: -1) { w = fresh.update(xs[j]) }
            if v != w { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func periodOneIsTheIdentity() throws {
        var sma = try SMA(period: 1), ema = try EMA(period: 1), wma = try WMA(period: 1)
        for x in decimalWalk(count: 500) {
            #expect(sma.update(x) == x)
            #expect(ema.update(x) == x)
            #expect(wma.update(x) == x)
        }
    }

    @Test func emaIsSeededWithTheSMA() throws {
        var ema = try EMA(period: 3)
        #expect(ema.update(1).isNaN)
        #expect(ema.update(2).isNaN)
        #expect(ema.update(6) == 3)
        #expect(ema.update(5) == 4)  // (5 − 3)·0.5 + 3
    }

    @Test func wmaWeightsNewestHeaviest() throws {
        var wma = try WMA(period: 3)
        _ = wma.update(1)
        _ = wma.update(2)
        #expect(wma.update(3) == (1 + 4 + 9) / 6.0)
        #expect(wma.update(4) == (2 + 6 + 12) / 6.0)
    }
}
