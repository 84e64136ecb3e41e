import Testing
@testable import MarketData

/// `TickAggregator`: bars built from ticks, checked by hand, and the interval buckets.
@Suite struct TickAggregatorTests {
    /// 2024-01-01T00:00:00Z in milliseconds.
    let t0: Int64 = 1_704_067_200_000

    private func minute() throws -> TickAggregator { try TickAggregator(interval: Interval(count: 1, unit: .minute)) }

    /// Three one-minute bars from eight ticks: a tick inside the first minute that is earlier
    /// than the one before it (accepted, it only moves the close), an out-of-order tick into
    /// the past (refused, nothing changes), and an empty third minute (no bar invented).
    ///
    ///     00:00:05 100 ×1, 00:00:20 102 ×2, 00:00:15 99 ×1, 00:00:59.999 101 ×0.5
    ///       → 00:00  o 100  h 102  l 99  c 101  v 4.5
    ///     00:01:00 103 ×1, 00:01:01 104 ×1, (00:00:30 refused)
    ///       → 00:01  o 103  h 104  l 103  c 104  v 2
    ///     (00:02 has no ticks)
    ///     00:03:00.5 105 ×2
    ///       → 00:03  o 105  h 105  l 105  c 105  v 2   (by flush)
    @Test func handCheckedThreeMinutesWithAGapAndAnOutOfOrderTick() throws {
        var a = try minute()
        #expect(a.openBarEnd == nil)
        #expect(try a.add(timeMillis: t0 + 5_000, price: 100, size: 1) == nil)
        #expect(a.openBarEnd == t0 + 60_000 && a.openBarStart == t0)
        #expect(try a.add(timeMillis: t0 + 20_000, price: 102, size: 2) == nil)
        #expect(try a.add(timeMillis: t0 + 15_000, price: 99, size: 1) == nil)
        #expect(try a.add(timeMillis: t0 + 59_999, price: 101, size: 0.5) == nil)
        let first = try a.add(timeMillis: t0 + 60_000, price: 103, size: 1)
        #expect(first == Bar(timestamp: 1_704_067_200, open: 100, high: 102, low: 99, close: 101, volume: 4.5))
        #expect(try a.add(timeMillis: t0 + 61_000, price: 104, size: 1) == nil)
        var refused: StreamInputError?
        do throws(StreamInputError) {
            _ = try a.add(timeMillis: t0 + 30_000, price: 1_000, size: 50)
        } catch {
            refused = error
        }
        #expect(refused == StreamInputError(
            field: "time", reason: "2024-01-01T00:00:30Z is earlier than the bar in progress (from 2024-01-01T00:01:00Z): ticks must arrive in time order"))
        let second = try a.add(timeMillis: t0 + 180_500, price: 105, size: 2)
        #expect(second == Bar(timestamp: 1_704_067_260, open: 103, high: 104, low: 103, close: 104, volume: 2))
        #expect(a.openBarEnd == t0 + 240_000)
        #expect(a.flush() == Bar(timestamp: 1_704_067_380, open: 105, high: 105, low: 105, close: 105, volume: 2))
        #expect(a.flush() == nil && a.openBarEnd == nil)
    }

    @Test func tickOnTheIntervalBoundaryStartsTheNextBar() throws {
        var a = try minute()
        _ = try a.add(timeMillis: t0 + 59_999, price: 1, size: 1)
        #expect(try a.add(timeMillis: t0 + 60_000, price: 2, size: 1)?.timestamp == 1_704_067_200)
        #expect(a.flush()?.timestamp == 1_704_067_260)
    }

    @Test func badPriceOrSizeIsRefusedAndChangesNothing() throws {
        var a = try minute()
        _ = try a.add(timeMillis: t0, price: 10, size: 1)
        for (price, size, field) in [(Double.nan, 1.0, "price"), (0, 1, "price"), (-1, 1, "price"), (2e15, 1, "price"), (10, -1, "size"), (10, .infinity, "size")] {
            var caught: StreamInputError?
            do throws(StreamInputError) { _ = try a.add(timeMillis: t0 + 1, price: price, size: size) } catch { caught = error }
            #expect(caught?.field == field)
        }
        #expect(a.flush() == Bar(timestamp: 1_704_067_200, open: 10, high: 10, low: 10, close: 10, volume: 1))
    }

    @Test func timeBeyondTheYear9999IsRefused() throws {
        var a = try minute()
        var caught: StreamInputError?
        do throws(StreamInputError) { _ = try a.add(timeMillis: .max, price: 1, size: 1) } catch { caught = error }
        #expect(caught?.field == "time" && a.openBarEnd == nil)
    }

    // MARK: buckets

    private func start(_ interval: String, _ t: Int64) throws -> Int64 {
        var a = try TickAggregator(interval: try #require(Interval(interval)))
        _ = try a.add(timeMillis: t, price: 1, size: 1)
        let bar = a.flush()
        return try #require(bar).timestamp
    }

    /// 2024-05-15T13:47:31.250Z (a Wednesday).
    let may15: Int64 = 1_715_780_851_250

    @Test func fiveMinuteBucketsAreEpochAligned() throws {
        #expect(CivilTime.iso8601(try start("5m", may15)) == "2024-05-15T13:45:00Z")
    }

    @Test func hourBucket() throws {
        #expect(CivilTime.iso8601(try start("1h", may15)) == "2024-05-15T13:00:00Z")
    }

    @Test func dailyBarIsStampedAtMidnightUTC() throws {
        #expect(CivilTime.iso8601(try start("1d", may15)) == "2024-05-15T00:00:00Z")
    }

    @Test func weeklyBarStartsOnMonday() throws {
        #expect(CivilTime.iso8601(try start("1wk", may15)) == "2024-05-13T00:00:00Z")
        // A Monday at midnight is its own week's start; the Sunday before belongs to the week before.
        #expect(CivilTime.iso8601(try start("1wk", 1_715_558_400_000)) == "2024-05-13T00:00:00Z")
        #expect(CivilTime.iso8601(try start("1wk", 1_715_558_399_999)) == "2024-05-06T00:00:00Z")
    }

    @Test func monthlyBarStartsOnTheFirst() throws {
        #expect(CivilTime.iso8601(try start("1mo", may15)) == "2024-05-01T00:00:00Z")
    }

    @Test func quarterlyBarsStartInJanuaryAprilJulyOctober() throws {
        #expect(CivilTime.iso8601(try start("3mo", may15)) == "2024-04-01T00:00:00Z")
    }

    @Test func monthlyBarEndsAtTheNextMonthsFirst() throws {
        var a = try TickAggregator(interval: .monthly)
        _ = try a.add(timeMillis: 1_706_745_600_000 + 1, price: 1, size: 1)  // 2024-02-01
        #expect(a.openBarEnd == 1_709_251_200_000)  // 2024-03-01 (a leap February)
    }

    @Test func yearlyBarStartsOnJanuaryFirst() throws {
        #expect(CivilTime.iso8601(try start("1y", may15)) == "2024-01-01T00:00:00Z")
    }

    @Test func ticksBefore1970RoundDownToTheirBucket() throws {
        #expect(try start("1m", -1) == -60)
        #expect(CivilTime.iso8601(try start("1d", -1)) == "1969-12-31T00:00:00Z")
    }

    @Test func monthCountThatDoesNotDivideTwelveIsRefused() {
        var caught: StreamInputError?
        do throws(StreamInputError) { _ = try TickAggregator(interval: Interval(count: 5, unit: .month)) } catch { caught = error }
        #expect(caught?.reason.hasPrefix("ticks cannot be grouped into 5mo bars") == true)
    }
}
