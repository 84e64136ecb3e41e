import Testing
@testable import Signals

@Suite struct MomentumTests {
    @Test(arguments: goldenSeries) func rsiMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var rsi = try RSI(period: 14)
        expectMatchesTALib("RSI_14", replay(&rsi, s.close), s, lookback: rsi.lookback)
    }

    @Test(arguments: goldenSeries) func rocMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var roc = try ROC(period: 10)
        expectMatchesTALib("ROC_10", replay(&roc, s.close), s, lookback: roc.lookback)
    }

    @Test(arguments: goldenSeries) func momMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var mom = try MOM(period: 10)
        expectMatchesTALib("MOM_10", replay(&mom, s.close), s, lookback: mom.lookback)
    }

    @Test(arguments: goldenSeries) func macdMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var macd = try MACD(fast: 12, slow: 26, signal: 9)
        let out = s.close.map { macd.update($0) }
        expectMatchesTALib("MACD_12_26_9_macd", out.map(\.macd), s, lookback: macd.lookback)
        expectMatchesTALib("MACD_12_26_9_signal", out.map(\.signal), s, lookback: macd.lookback)
        expectMatchesTALib("MACD_12_26_9_hist", out.map(\.histogram), s, lookback: macd.lookback)
    }

    @Test(arguments: goldenSeries) func stochasticMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var stoch = try Stochastic(fastK: 14, kSmoothing: 3, dSmoothing: 3)
        let out = (0..<s.count).map { stoch.update(high: s.high[$0], low: s.low[$0], close: s.close[$0]) }
        expectMatchesTALib("STOCH_14_3_3_slowk", out.map(\.k), s, lookback: stoch.lookback)
        expectMatchesTALib("STOCH_14_3_3_slowd", out.map(\.d), s, lookback: stoch.lookback)
    }

    @Test(arguments: goldenSeries) func williamsRMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var willr = try WilliamsR(period: 14)
        expectMatchesTALib("WILLR_14", replay(&willr, s), s, lookback: willr.lookback)
    }

    @Test(arguments: goldenSeries) func cciMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var cci = try CCI(period: 20)
        expectMatchesTALib("CCI_20", replay(&cci, s), s, lookback: cci.lookback)
    }

    @Test(arguments: goldenSeries) func mfiMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var mfi = try MFI(period: 14)
        expectMatchesTALib("MFI_14", replay(&mfi, s), s, lookback: mfi.lookback)
    }

    @Test(arguments: goldenSeries) func adxMatchesTALib(_ name: String) throws {
        let s = GoldenSeries.named(name)
        var adx = try ADX(period: 14)
        expectMatchesTALib("ADX_14", replay(&adx, s), s, lookback: adx.lookback)
    }

    /// Typical prices equal in decimal but not in binary: (3.3 + 1.1 + 2.2)/3 rounds to 2.2 while
    /// (2.2 + 1.1 + 3.3)/3 rounds to 2.1999999999999997. Inside the dead zone they are a tie: no flow.
    @Test func mfiDeadZoneTreatsDecimalTiesAsNoFlow() throws {
        let a = (3.3 + 1.1 + 2.2) / 3, b = (2.2 + 1.1 + 3.3) / 3
        #expect(a != b)  // the binary artefact the dead zone exists for
        var mfi = try MFI(period: 2)
        _ = mfi.update(high: 2, low: 2, close: 2, volume: 100)  // TP 2
        _ = mfi.update(high: 3.3, low: 1.1, close: 2.2, volume: 100)  // TP 2.2 > 2: +220
        // TP "2.2" again, computed the other way round: a tie, so the window holds +220 and 0.
        #expect(mfi.update(high: 2.2, low: 1.1, close: 3.3, volume: 100) == 100)
        // Down to TP 2: −200 → 100·0/(0 + 200) = 0 (the +220 left the 2-flow window).
        #expect(mfi.update(high: 2, low: 2, close: 2, volume: 100) == 0)
    }

    @Test func mfiRealChangeJustOutsideTheDeadZoneCounts() throws {
        var mfi = try MFI(period: 1)
        _ = mfi.update(high: 100, low: 100, close: 100, volume: 1)
        #expect(mfi.update(high: 100.000001, low: 100, close: 100, volume: 1) == 100)
        #expect(mfi.update(high: 100, low: 100, close: 100, volume: 1) == 0)
        // A window with no flow at all is 0, as TA-Lib.
        #expect(mfi.update(high: 100, low: 100, close: 100, volume: 1) == 0)
    }

    @Test func rsiMatchesHandComputedWilder() throws {
        var rsi = try RSI(period: 2)
        #expect(rsi.update(10).isNaN)
        #expect(rsi.update(11).isNaN)  // +1
        #expect(rsi.update(10) == 50)  // −1: gain 0.5, loss 0.5
        // +2: gain (0.5·1 + 2)/2 = 1.25, loss 0.25 → 100·1.25/1.5
        #expect(abs(rsi.update(12) - 100 * 1.25 / 1.5) < 1e-12)
    }

    @Test func macdSeedsTheFastEMAAtTheSlowSeedBar() throws {
        // fast 2, slow 3, signal 1: fast seed = mean(x1, x2), slow seed = mean(x0, x1, x2).
        var macd = try MACD(fast: 2, slow: 3, signal: 1)
        #expect(macd.update(1).macd.isNaN)
        #expect(macd.update(2).macd.isNaN)
        let o = macd.update(6)
        #expect(o.macd == 4 - 3)
        #expect(o.signal == 1)
        #expect(o.histogram == 0)
        #expect(macd.lookback == 2)
    }

    @Test func macdSwapsFastAndSlowAsTALib() throws {
        let a = try MACD(fast: 26, slow: 12, signal: 9)
        #expect(a.fastPeriod == 12 && a.slowPeriod == 26 && a.lookback == 33)
    }

    @Test func periodOne() throws {
        var mom = try MOM(period: 1), roc = try ROC(period: 1), rsi = try RSI(period: 1)
        var willr = try WilliamsR(period: 1), adx = try ADX(period: 1), cci = try CCI(period: 1)
        #expect(mom.update(10).isNaN && roc.update(10).isNaN && rsi.update(10).isNaN)
        #expect(mom.update(12) == 2)
        #expect(abs(roc.update(12) - 20) < 1e-12)
        #expect(rsi.update(12) == 100)
        #expect(rsi.update(11) == 0)
        #expect(willr.update(high: 12, low: 10, close: 11, volume: 0) == -50)
        #expect(cci.update(high: 12, low: 10, close: 11, volume: 0) == 0)
        #expect(adx.update(high: 12, low: 10, close: 11, volume: 0).isNaN)
        // up 2 > down −1: +DM 2, TR 3 → +DI 66.7, −DI 0 → DX 100 = ADX (lookback 1)
        #expect(adx.update(high: 14, low: 11, close: 13, volume: 0) == 100)
    }
}
