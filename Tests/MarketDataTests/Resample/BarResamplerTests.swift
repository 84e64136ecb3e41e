import Testing
import TestSupport
@testable import MarketData

/// `BarResampler`: bins, aggregation and the refusals, checked by hand on small series.
@Suite struct BarResamplerTests {
    static let m1 = Interval(count: 1, unit: .minute)
    static let m5 = Interval(count: 5, unit: .minute)
    static let m30 = Interval(count: 30, unit: .minute)

    /// One row of a test series: ISO time, open, high, low, close, volume (adj_close = close + 1,
    /// so that it is told apart from the close).
    typealias Row = (time: String, o: Double, h: Double, l: Double, c: Double, v: Double)

    static func t(_ text: String) -> Int64 { CivilTime.parseTimestamp(text)! }

    static func series(_ interval: Interval, _ rows: [Row]) -> BarSeries {
        var s = BarSeries(symbol: "X", interval: interval)
        for r in rows {
            s.append(Bar(timestamp: t(r.time), open: r.o, high: r.h, low: r.l, close: r.c, volume: r.v, adjClose: r.c + 1))
        }
        return s
    }

    /// Daily bars (o = h = l = c = the day of the month, volume 1) from `first` for `days` days.
    static func days(from first: String, count days: Int) -> BarSeries {
        var s = BarSeries(symbol: "X", interval: .daily)
        for k in 0..<Int64(days) {
            let ts = t(first) + k * 86_400
            let d = Double(CivilTime.date(fromDays: ts / 86_400).day)
            s.append(Bar(timestamp: ts, open: d, high: d, low: d, close: d, volume: 1, adjClose: d))
        }
        return s
    }

    static func iso(_ s: BarSeries) -> [String] { s.timestamps.map(CivilTime.iso8601) }

    @Test func binTakesFirstOpenHighestHighLowestLowLastCloseAndSummedVolume() throws {
        let s = Self.series(Self.m1, [
            ("2024-01-02T10:00:00Z", 10, 12, 9, 11, 100),
            ("2024-01-02T10:01:00Z", 11, 15, 10, 14, 50),
            ("2024-01-02T10:04:00Z", 14, 14, 8, 9, 25),
        ])
        let out = try BarResampler(from: Self.m1, to: Self.m5).resample(s)
        #expect(Self.iso(out) == ["2024-01-02T10:00:00Z"])
        #expect(out.open == [10] && out.high == [15] && out.low == [8] && out.close == [9])
        #expect(out.volume == [175] && out.adjClose == [10])
        #expect(out.interval == Self.m5 && out.symbol == "X")
    }

    @Test func binsWithoutSourceBarsAreSkipped() throws {
        let s = Self.series(Self.m1, [
            ("2024-01-02T10:00:00Z", 1, 1, 1, 1, 1),
            ("2024-01-02T10:03:00Z", 2, 2, 2, 2, 1),
            // 10:05 and 10:10 have no bars
            ("2024-01-02T10:15:00Z", 3, 3, 3, 3, 1),
            ("2024-01-02T10:19:00Z", 4, 4, 4, 4, 1),
            ("2024-01-02T10:20:00Z", 5, 5, 5, 5, 1),
        ])
        let out = try BarResampler(from: Self.m1, to: Self.m5).resample(s)
        #expect(Self.iso(out) == ["2024-01-02T10:00:00Z", "2024-01-02T10:15:00Z", "2024-01-02T10:20:00Z"])
        #expect(out.open == [1, 3, 5] && out.close == [2, 4, 5] && out.volume == [2, 2, 1])
    }

    @Test func anchorAtHalfPastGivesHalfPastHourlyBins() throws {
        let rows: [Row] = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"].enumerated().map { k, hm in
            ("2024-01-02T\(hm):00Z", Double(k), Double(k), Double(k), Double(k), 1)
        }
        let anchored = try BarResampler(from: Self.m30, to: .hourly, anchorSeconds: BarResampler.anchorSeconds("09:30"))
        let out = try anchored.resample(Self.series(Self.m30, rows))
        #expect(Self.iso(out) == ["2024-01-02T08:30:00Z", "2024-01-02T09:30:00Z", "2024-01-02T10:30:00Z", "2024-01-02T11:30:00Z"])
        #expect(out.open == [0, 1, 3, 5] && out.close == [0, 2, 4, 5])
        let clock = try BarResampler(from: Self.m30, to: .hourly).resample(Self.series(Self.m30, rows))
        #expect(Self.iso(clock) == ["2024-01-02T09:00:00Z", "2024-01-02T10:00:00Z", "2024-01-02T11:00:00Z"])
    }

    @Test func dailyBinsAreUTCDaysAndAnAnchorShiftsTheirEdges() throws {
        let rows: [Row] = ["2024-01-01T22:00:00Z", "2024-01-01T23:00:00Z", "2024-01-02T00:00:00Z", "2024-01-02T09:00:00Z", "2024-01-02T10:00:00Z"]
            .enumerated().map { k, time in (time, Double(k), Double(k), Double(k), Double(k), 1) }
        let s = Self.series(.hourly, rows)
        let utc = try BarResampler(from: .hourly, to: .daily).resample(s)
        #expect(Self.iso(utc) == ["2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"])
        #expect(utc.open == [0, 2] && utc.close == [1, 4])
        let anchored = try BarResampler(from: .hourly, to: .daily, anchorSeconds: 10 * 3_600).resample(s)
        #expect(Self.iso(anchored) == ["2024-01-01T10:00:00Z", "2024-01-02T10:00:00Z"])
        #expect(anchored.open == [0, 4] && anchored.close == [3, 4])
    }

    @Test func weeklyBinsAreISOWeeksStartingMonday() throws {
        // 2024-01-06 is a Saturday; 2024-01-01, 01-08 and 01-15 are Mondays.
        let out = try BarResampler(from: .daily, to: .weekly).resample(Self.days(from: "2024-01-06", count: 11))
        #expect(Self.iso(out) == ["2024-01-01T00:00:00Z", "2024-01-08T00:00:00Z", "2024-01-15T00:00:00Z"])
        #expect(out.open == [6, 8, 15] && out.close == [7, 14, 16] && out.volume == [2, 7, 2])
        let twoWeeks = try BarResampler(from: .weekly, to: Interval(count: 2, unit: .week)).resample(
            BarResampler(from: .daily, to: .weekly).resample(Self.days(from: "2024-01-01", count: 28)))
        // Pairs of weeks are counted from Monday 1970-01-05, as ingest --ticks counts them.
        let pairs = try BarResampler(from: .daily, to: Interval(count: 2, unit: .week)).resample(Self.days(from: "2024-01-01", count: 28))
        #expect(twoWeeks.timestamps == pairs.timestamps && twoWeeks.volume == pairs.volume)
        #expect(pairs.timestamps.allSatisfy { ($0 / 86_400 - 4) % 14 == 0 })
    }

    @Test func monthlyBinsFollowCalendarMonthsAcrossALeapFebruary() throws {
        let out = try BarResampler(from: .daily, to: .monthly).resample(Self.days(from: "2024-01-30", count: 33))
        #expect(Self.iso(out) == ["2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"])
        #expect(out.volume == [2, 29, 2])
        #expect(out.open == [30, 1, 1] && out.close == [31, 29, 2])
        let quarters = try BarResampler(from: .monthly, to: Interval(count: 3, unit: .month)).resample(out)
        #expect(Self.iso(quarters) == ["2024-01-01T00:00:00Z"] && quarters.volume == [33])
        let anchored = try BarResampler(from: .hourly, to: .monthly, anchorSeconds: 9 * 3_600).resample(Self.series(.hourly, [
            ("2024-02-29T23:00:00Z", 1, 1, 1, 1, 1), ("2024-03-01T08:00:00Z", 2, 2, 2, 2, 1), ("2024-03-01T09:00:00Z", 3, 3, 3, 3, 1),
        ]))
        #expect(Self.iso(anchored) == ["2024-02-01T09:00:00Z", "2024-03-01T09:00:00Z"] && anchored.close == [2, 3])
    }

    @Test func missingValuesAreSkippedAndAllMissingVolumeStaysMissing() throws {
        let nan = Double.nan
        let s = Self.series(Self.m1, [
            ("2024-01-02T10:00:00Z", nan, nan, nan, 5, nan),
            ("2024-01-02T10:01:00Z", 6, 7, 4, nan, 5),
            ("2024-01-02T10:02:00Z", 8, 9, 3, 2, nan),
            ("2024-01-02T10:05:00Z", 1, 1, 1, 1, nan),
            ("2024-01-02T10:06:00Z", 2, 2, 2, 2, nan),
        ])
        let out = try BarResampler(from: Self.m1, to: Self.m5).resample(s)
        #expect(out.count == 2)
        #expect(out.open[0] == 6 && out.high[0] == 9 && out.low[0] == 3 && out.close[0] == 2 && out.volume[0] == 5)
        #expect(out.volume[1].isNaN, "a bin whose volumes are all missing has a missing volume, not 0")
        let allMissing = try BarResampler(from: Self.m1, to: Self.m5).resample(Self.series(Self.m1, [("2024-01-02T10:00:00Z", nan, nan, nan, 5, 1)]))
        #expect(allMissing.open[0].isNaN && allMissing.high[0].isNaN && allMissing.low[0].isNaN && allMissing.close == [5])
    }

    @Test func targetsThatWouldCutSourceBarsAreRefused() {
        func refusal(_ from: String, _ to: String, anchor: Int64 = 0) -> ResampleError? {
            do {
                _ = try BarResampler(from: Interval(from)!, to: Interval(to)!, anchorSeconds: anchor)
                return nil
            } catch { return error }
        }
        #expect(refusal("5m", "7m") == .notMultiple(source: Self.m5, target: Interval("7m")!))
        #expect(refusal("5m", "1m") == .notCoarser(source: Self.m5, target: Self.m1))
        #expect(refusal("5m", "5m") == .notCoarser(source: Self.m5, target: Self.m5))
        #expect(refusal("1d", "1h") == .notCoarser(source: .daily, target: .hourly))
        #expect(refusal("5h", "1d") == .notMultiple(source: Interval("5h")!, target: .daily))
        #expect(refusal("7h", "1wk") == .misaligned(source: Interval("7h")!, target: .weekly), "1wk is 24 × 7h, but Mondays are not on the 7h grid")
        #expect(refusal("1wk", "1mo") == .straddles(source: .weekly, target: .monthly))
        #expect(refusal("2d", "1mo") == .straddles(source: Interval("2d")!, target: .monthly))
        #expect(refusal("1mo", "5wk") == .straddles(source: .monthly, target: Interval("5wk")!))
        #expect(refusal("1d", "5mo") == .monthCount(Interval("5mo")!))
        #expect(refusal("2mo", "3mo") == .notMultiple(source: Interval("2mo")!, target: Interval("3mo")!))
        #expect(refusal("5m", "1h", anchor: 9 * 3_600 + 32 * 60) == .anchorOffGrid(anchorSeconds: 9 * 3_600 + 32 * 60, source: Self.m5))
        #expect(refusal("1d", "1wk", anchor: 9 * 3_600 + 30 * 60) == .anchorOffGrid(anchorSeconds: 9 * 3_600 + 30 * 60, source: .daily))
        #expect(refusal("1mo", "1y", anchor: 60) == .anchorOffGrid(anchorSeconds: 60, source: .monthly))
        for ok in [("1m", "5m"), ("5m", "15m"), ("5m", "1h"), ("1h", "1d"), ("1d", "1wk"), ("1d", "1mo"), ("1h", "3mo"), ("1mo", "1y"), ("1wk", "2wk"), ("8h", "1wk")] {
            #expect(refusal(ok.0, ok.1) == nil, "\(ok)")
        }
        #expect(refusal("5m", "1h", anchor: 9 * 3_600 + 35 * 60) == nil)
        #expect(refusal("5m", "1d", anchor: 9 * 3_600 + 5 * 60) == nil)
    }

    @Test func refusalsNameBothIntervalsAndAWayOut() {
        #expect(ResampleError.notMultiple(source: Self.m5, target: Interval("7m")!).description
            == "cannot resample 5m bars to 7m: 7m is not a whole multiple of 5m (e.g. 10m, 15m, 30m)")
        #expect(ResampleError.anchorOffGrid(anchorSeconds: 9 * 3_600 + 32 * 60, source: Self.m5).description.hasPrefix(
            "--anchor 09:32 does not fall on a 5m bar boundary"))
    }

    @Test func anchorIsReadAsHoursAndMinutes() throws {
        #expect(try BarResampler.anchorSeconds("09:30") == 34_200)
        #expect(try BarResampler.anchorSeconds("9:30") == 34_200)
        #expect(try BarResampler.anchorSeconds("00:00") == 0)
        #expect(try BarResampler.anchorSeconds("23:59") == 86_340)
        for bad in ["24:00", "09:60", "0930", "09:3", "", ":30", "-1:00", "09:30:00", "９:30", "09:30 "] {
            #expect(throws: ResampleError.badAnchor(bad), "\(bad)") { try BarResampler.anchorSeconds(bad) }
        }
    }

    @Test func unsortedSourceAndWrongIntervalAreRefused() throws {
        let r = try BarResampler(from: Self.m1, to: Self.m5)
        let unsorted = Self.series(Self.m1, [("2024-01-02T10:02:00Z", 1, 1, 1, 1, 1), ("2024-01-02T10:01:00Z", 1, 1, 1, 1, 1)])
        #expect(throws: ResampleError.notAscending(timestamp: Self.t("2024-01-02T10:01:00Z"))) { try r.resample(unsorted) }
        let backwards = Self.series(Self.m1, [("2024-01-02T10:06:00Z", 1, 1, 1, 1, 1), ("2024-01-02T10:01:00Z", 1, 1, 1, 1, 1)])
        #expect(throws: ResampleError.notAscending(timestamp: Self.t("2024-01-02T10:01:00Z"))) { try r.resample(backwards) }
        #expect(throws: ResampleError.sourceInterval(expected: Self.m1, found: .daily)) { try r.resample(Self.days(from: "2024-01-01", count: 2)) }
        #expect(try r.resample(BarSeries(symbol: "X", interval: Self.m1)).isEmpty)
    }

    /// The bins are the ones `TickAggregator` (stream and `ingest --ticks`) stamps its bars with.
    @Test func binsAreTheBucketsTickAggregatorStampsBarsWith() throws {
        var rng = SeededGenerator(seed: 7)
        for target in ["5m", "1h", "4h", "1d", "3d", "1wk", "2wk", "1mo", "3mo", "1y"].map({ Interval($0)! }) {
            let resampler = try BarResampler(from: Interval(count: 1, unit: .second), to: target)
            for _ in 0..<200 {
                let t = Int64(rng.next() % 4_000_000_000) - 500_000_000  // 1954 to 2096
                var ticks = try TickAggregator(interval: target)
                _ = try ticks.add(timeMillis: t * 1_000, price: 1, size: 1)
                let flushed = ticks.flush()
                let bar = try #require(flushed)
                let bin = resampler.bin(containing: t)
                #expect(bin.start == bar.timestamp, "\(target) at \(CivilTime.iso8601(t))")
                #expect(bin.start <= t && t < bin.end)
            }
        }
    }

}
