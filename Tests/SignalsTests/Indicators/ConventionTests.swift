import Testing
@testable import Signals

/// The NaN rule, invalid parameters and other cross-cutting conventions.
@Suite struct ConventionTests {
    /// `sma(rsi(close, 14), 5)`: the RSI is NaN for 14 bars; the SMA skips those and starts at 14 + 4,
    /// as `talib.SMA(talib.RSI(c, 14), 5)` does, with the values of an SMA fed only the valid RSIs.
    @Test func nanInputWarmUpStartsWithTheFirstRealValue() throws {
        let close = GoldenSeries.goog.close
        var rsi = try RSI(period: 14)
        var sma = try SMA(period: 5)
        let rsis = close.map { rsi.update($0) }
        let chained = rsis.map { sma.update($0) }
        #expect(chained.firstIndex { !$0.isNaN } == 14 + 4)
        var direct = try SMA(period: 5)
        let valid = rsis.filter { !$0.isNaN }.map { direct.update($0) }
        #expect(Array(chained[14...]).elementsEqual(valid) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    @Test func nanInTheMiddleIsSkippedAndLeavesStateUntouched() throws {
        var sma = try SMA(period: 2)
        let out = [1.0, 2, .nan, 3, .infinity, 5].map { sma.update($0) }
        #expect(out[0].isNaN && out[1] == 1.5 && out[2].isNaN && out[3] == 2.5 && out[4].isNaN && out[5] == 4)
        var ema = try EMA(period: 2), reference = try EMA(period: 2)
        for x in [1.0, .nan, 2, .nan, .nan, 4, 8] {
            let v = ema.update(x)
            if x.isNaN { #expect(v.isNaN) } else { #expect(v == reference.update(x) || v.isNaN) }
        }
        var atr = try ATR(period: 1)
        _ = atr.update(high: 10, low: 9, close: 10, volume: .nan)  // volume is not read by ATR
        #expect(atr.update(high: .nan, low: 9, close: 10, volume: 1).isNaN)
        #expect(atr.update(high: 11, low: 10, close: 10.5, volume: .nan) == 1)
    }

    @Test func everyIndicatorSkipsLeadingNaNs() throws {
        let xs = [Double](repeating: .nan, count: 7) + GoldenSeries.goog.close
        let s = GoldenSeries.goog
        var a = try SMA(period: 20), b = try SMA(period: 20)
        #expect(Array(replay(&a, xs).dropFirst(7)).elementsEqual(replay(&b, s.close)) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        var m1 = try MACD(), m2 = try MACD()
        let shifted = xs.map { m1.update($0) }.dropFirst(7).map(\.signal)
        let plain = s.close.map { m2.update($0) }.map(\.signal)
        #expect(shifted.elementsEqual(plain) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        var adx1 = try ADX(period: 14), adx2 = try ADX(period: 14)
        for _ in 0..<5 { #expect(adx1.update(high: .nan, low: .nan, close: .nan, volume: .nan).isNaN) }
        #expect(replay(&adx1, s).elementsEqual(replay(&adx2, s)) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    /// The NaN rule for every indicator: GOOG with missing bars inserted at pseudo-random places gives,
    /// on the real bars, exactly the outputs of GOOG without them, and NaN on the missing ones.
    @Test func nanGapsAreSkippedByEveryIndicator() throws {
        let s = GoldenSeries.goog
        var gapped: [(h: Double, l: Double, c: Double, v: Double)] = []
        var state: UInt64 = 7
        for i in 0..<s.count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            if (state >> 40) % 9 == 0 {  // a missing bar: one field NaN or infinite
                switch (state >> 20) % 4 {
                case 0: gapped.append((.nan, .nan, .nan, .nan))
                case 1: gapped.append((s.high[i], s.low[i], .nan, s.volume[i]))
                case 2: gapped.append((s.high[i], s.low[i], .infinity, .nan))
                default: gapped.append((.nan, .nan, .nan, s.volume[i]))
                }
            }
            gapped.append((s.high[i], s.low[i], s.close[i], s.volume[i]))
        }
        #expect(gapped.count > s.count + 100)
        let isReal = gapped.map { $0.c.isFinite }

        func check(_ name: String, _ plain: [Double], _ withGaps: [Double]) {
            var j = 0
            var ok = true
            for (i, v) in withGaps.enumerated() {
                if isReal[i] {
                    let p = plain[j]
                    j += 1
                    if !(v == p || (v.isNaN && p.isNaN)) { ok = false }
                } else if !v.isNaN {
                    ok = false
                }
            }
            #expect(ok && j == plain.count, "\(name)")
        }
        func scalar<S: ScalarIndicator>(_ name: String, _ make: () throws -> S) throws {
            var a = try make(), b = try make()
            check(name, s.close.map { a.update($0) }, gapped.map { b.update($0.c) })
        }
        func bar<B: BarIndicator>(_ name: String, _ make: () throws -> B) throws {
            var a = try make(), b = try make()
            check(name, replay(&a, s), gapped.map { b.update(high: $0.h, low: $0.l, close: $0.c, volume: $0.v) })
        }
        try scalar("SMA") { try SMA(period: 20) }
        try scalar("EMA") { try EMA(period: 20) }
        try scalar("WMA") { try WMA(period: 20) }
        try scalar("RSI") { try RSI(period: 14) }
        try scalar("ROC") { try ROC(period: 10) }
        try scalar("MOM") { try MOM(period: 10) }
        try scalar("STDDEV") { try StdDev(period: 20) }
        try scalar("Highest") { try Highest(period: 20) }
        try scalar("Lowest") { try Lowest(period: 20) }
        try bar("ATR") { try ATR(period: 14) }
        try bar("ADX") { try ADX(period: 14) }
        try bar("CCI") { try CCI(period: 20) }
        try bar("WILLR") { try WilliamsR(period: 14) }
        try bar("MFI") { try MFI(period: 14) }
        try bar("OBV") { OBV() }
        var m1 = try MACD(), m2 = try MACD()
        check("MACD", s.close.map { m1.update($0).histogram }, gapped.map { m2.update($0.c).histogram })
        var b1 = try BollingerBands(), b2 = try BollingerBands()
        check("BBANDS", s.close.map { b1.update($0).upper }, gapped.map { b2.update($0.c).upper })
        var k1 = try Stochastic(), k2 = try Stochastic()
        check("STOCH", (0..<s.count).map { k1.update(high: s.high[$0], low: s.low[$0], close: s.close[$0]).d },
              gapped.map { k2.update(high: $0.h, low: $0.l, close: $0.c).d })
    }

    @Test func invalidPeriodThrowsATypedError() {
        #expect(throws: IndicatorError.invalidPeriod(indicator: "SMA", parameter: "period", value: 0, minimum: 1)) {
            try SMA(period: 0)
        }
        #expect(throws: IndicatorError.self) { try EMA(period: -3) }
        #expect(throws: IndicatorError.self) { try MACD(fast: 12, slow: 26, signal: 0) }
        #expect(throws: IndicatorError.self) { try Stochastic(fastK: 0) }
        #expect(throws: IndicatorError.self) { try BollingerBands(period: 20, deviations: .nan) }
        #expect(throws: IndicatorError.self) { try StdDev(period: 20, deviations: .infinity) }
        for make in [{ _ = try RSI(period: 0) }, { _ = try ATR(period: 0) }, { _ = try ADX(period: 0) },
                     { _ = try CCI(period: 0) }, { _ = try MFI(period: 0) }, { _ = try WilliamsR(period: 0) },
                     { _ = try ROC(period: 0) }, { _ = try MOM(period: 0) }, { _ = try WMA(period: 0) },
                     { _ = try Highest(period: 0) }, { _ = try Lowest(period: 0) }] as [() throws -> Void]
        {
            #expect(throws: IndicatorError.self) { try make() }
        }
        let e = IndicatorError.invalidPeriod(indicator: "RSI", parameter: "period", value: 0, minimum: 1)
        #expect(e.description == "RSI: period must be ≥ 1, got 0")
    }

    @Test func neumaierSumRecoversWhatAPlainSumLoses() {
        var s = NeumaierSum()
        for x in [1.0, 1e100, 1.0, -1e100] { s.add(x) }
        #expect(s.value == 2)
    }

    @Test func ringBufferEvictsTheOldest() {
        var r = RingBuffer(capacity: 3)
        #expect(r.push(1).isNaN && r.push(2).isNaN && r.push(3).isNaN)
        #expect(r.push(4) == 1)
        #expect(r[0] == 2 && r[2] == 4 && r.oldest == 2 && r.isFull)
    }
}
