import MarketData
import Testing
@testable import Signals

/// `time` and the calendar functions in strategy expressions: the program reads them from the
/// time it is stepped with, through every path (bar by bar, `run(series:)`, the chunked cursor,
/// a sweep family), NaN without a time, lagged like any series.
@Suite struct TimeFunctionTests {
    /// Every calendar function and `time` as named signals, in `BarTime.Field` order then `time`.
    static let calendarSignals: [(String, String)] =
        BarTime.Field.allCases.map { ("f_\($0)", "\($0)()") } + [("t", "time")]

    /// 5-minute bars from 15:30 to 16:05 UTC on 2024-03-14 and 2024-03-15 (16 bars), prices rising.
    static func intradayBars() -> BarSeries {
        var series = BarSeries(symbol: "INTRA", interval: Interval(count: 5, unit: .minute))
        for day: Int64 in [1_710_374_400, 1_710_460_800] {
            for k: Int64 in 0..<8 {
                let t = day + 15 * 3_600 + 30 * 60 + k * 300
                let p = 100 + Double(series.count)
                series.append(Bar(timestamp: t, open: p, high: p + 1, low: p - 1, close: p, volume: 10))
            }
        }
        return series
    }

    @Test func eachCalendarFunctionReadsTheTimeTheBarIsSteppedWith() throws {
        var program = try ExpressionCompiler(signals: Self.calendarSignals).compile()
        // 2000-02-29T12:34:56Z (a Tuesday), then 1969-12-31T23:59:59Z (a Wednesday).
        program.step(time: 951_827_696, open: 1, high: 1, low: 1, close: 1, volume: 1)
        #expect(Self.calendarSignals.map { program.value(named: $0.0)! } == [2000, 2, 29, 2, 12, 34, 56, 1234, 754, 951_827_696])
        program.step(time: -1, open: 1, high: 1, low: 1, close: 1, volume: 1)
        #expect(Self.calendarSignals.map { program.value(named: $0.0)! } == [1969, 12, 31, 3, 23, 59, 59, 2359, 1439, -1])
    }

    @Test func timeFunctionsAreNaNWhenSteppedWithoutATime() throws {
        var program = try ExpressionCompiler(signals: Self.calendarSignals + [("p", "close + 1")],
                                             rules: [("long_exit", "hhmm() >= 1555", .boolean)]).compile()
        program.step(open: 1, high: 1, low: 1, close: 1, volume: 1)
        for (name, _) in Self.calendarSignals { #expect(program.value(named: name)!.isNaN, "\(name)") }
        #expect(program.value(named: "p") == 2)
        #expect(program.value(named: "long_exit") == 0)  // a comparison with NaN is false
        program.step(time: BarTime.unknown, open: 1, high: 1, low: 1, close: 1, volume: 1)
        for (name, _) in Self.calendarSignals { #expect(program.value(named: name)!.isNaN, "\(name)") }
        // A time on the next bar gives values again.
        program.step(time: 1_710_518_100, open: 1, high: 1, low: 1, close: 1, volume: 1)
        #expect(program.value(named: "f_hhmm") == 1555)
        #expect(program.value(named: "long_exit") == 1)
    }

    @Test func lagsOnTimeAndCalendarFunctionsReadEarlierBars() throws {
        var program = try ExpressionCompiler(signals: [
            ("prev", "time[1]"), ("gap", "time - time[1]"), ("h2", "hour()[2]"), ("newday", "day() != day()[1]"),
        ]).compile()
        let bars = Self.intradayBars()
        let out = program.run(series: bars)
        #expect(out["prev"]![0].isNaN && out["gap"]![0].isNaN && out["h2"]![0].isNaN && out["h2"]![1].isNaN)
        for t in 1..<bars.count { #expect(out["prev"]![t] == Double(bars.timestamps[t - 1])) }
        #expect(out["gap"]![1] == 300)
        #expect(out["gap"]![8] == 86_400 - 7 * 300)  // overnight: 16:05 to 15:30 the next day
        #expect(out["h2"]![2] == 15 && out["h2"]![9] == 16)  // bar 9 reads bar 7, 16:05
        #expect(out["newday"]!.enumerated().filter { $0.element == 1 }.map(\.offset) == [8])
        // Stepping on without a time: the lag reaches back to a known time for one more bar.
        for t in 0..<bars.count { program.step(bars[t]) }
        #expect(program.value(named: "gap") == out["gap"]!.last)
        program.step(open: 1, high: 1, low: 1, close: 1, volume: 1)
        #expect(program.value(named: "prev") == Double(bars.timestamps[15]))
        #expect(program.value(named: "gap")!.isNaN)
    }

    @Test func flatAt1555RuleFiresOnTheBarsFrom1555On() throws {
        let spec = try StrategySpec.parse(toml: """
            name = "flat_at_close"
            [signals]
            open_hours = "hhmm() >= 1530 and timeofday() < 955"
            [rules]
            long_entry = "open_hours and weekday() == 5"
            long_exit = "hhmm() >= 1555"
            """)
        let program = try spec.compile()
        #expect(program.warmUpBars == 0)
        let bars = Self.intradayBars()
        let out = program.run(series: bars)
        func firing(_ name: String) -> [Int] { out[name]!.enumerated().filter { $0.element == 1 }.map(\.offset) }
        // Bars k = 0…7 each day are 15:30, 15:35, …, 16:05: 15:55 is k = 5.
        #expect(firing("long_exit") == [5, 6, 7, 13, 14, 15])
        // 2024-03-15 was a Friday; 2024-03-14 a Thursday.
        #expect(firing("long_entry") == [8, 9, 10, 11, 12])
    }

    @Test func chunkedCursorAndSweepFamilyGiveTheSameTimeValuesAsStepping() throws {
        let spec = try StrategySpec.parse(toml: """
            name = "timed"
            [signals]
            late = "hhmm() >= 1555"
            [rules]
            long_entry = "not late and close > close[1] and weekday() <= 5"
            long_exit = "late or minute()[1] == 45"
            stop_loss = "time - time[1]"
            """)
        var program = try spec.compile()
        let bars = Self.intradayBars()
        let family = try ProgramFamily(specs: [spec])
        var recorded = family.signals(0, reading: family.columns(for: bars))
        var cursor = ChunkedProgram(program, series: bars)
        var exits = 0
        for t in 0..<bars.count {
            program.step(bars[t])
            cursor.step(open: .nan, high: .nan, low: .nan, close: .nan, volume: .nan)
            recorded.step(time: BarTime.unknown, open: .nan, high: .nan, low: .nan, close: .nan, volume: .nan)
            for j in program.outputs.indices {
                let a = program.value(at: j), b = cursor.value(at: j)
                #expect(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN), "bar \(t) \(program.outputs[j].name)")
            }
            for key in ["long_entry", "long_exit"] {
                let expected: Double = program.value(named: key) == 1 ? 1 : 0
                #expect(recorded.value(at: recorded.outputPosition(named: key)!) == expected, "bar \(t) \(key)")
            }
            let stop = recorded.value(at: recorded.outputPosition(named: "stop_loss")!)
            let own = program.value(named: "stop_loss")!
            #expect(stop.bitPattern == own.bitPattern || (stop.isNaN && own.isNaN), "bar \(t) stop_loss")
            if program.value(named: "long_exit") == 1 { exits += 1 }
        }
        #expect(exits == 6 + 2)  // 15:55, 16:00, 16:05 each day, and 15:50 (after 15:45) each day
    }

    @Test func timeNamesAreBuiltInsThatSignalsAndParamsCannotShadow() {
        func error(_ signals: [(String, String)], params: [String: Double] = [:]) -> LanguageError.Kind? {
            do {
                _ = try ExpressionCompiler(params: params, signals: signals).compile()
                return nil
            } catch {
                return error.error.kind
            }
        }
        #expect(error([("hour", "close")]) == .nameClash("hour", with: "a built-in name"))
        #expect(error([("time", "close")]) == .nameClash("time", with: "a built-in name"))
        #expect(error([("x", "close")], params: ["weekday": 1]) == .nameClash("weekday", with: "a built-in name"))
        #expect(error([("x", "hhmm > 1555")]) == .missingCall("hhmm", signature: "hhmm()"))
        #expect(error([("x", "hour(time)")]) == .wrongArity("hour", signature: "hour()", got: 1))
        #expect(error([("x", "time()")]) == .notAFunction("time"))
        #expect(error([("x", "weekday() and true")]) != nil)  // a number is not a boolean
    }

    @Test func sweepWhereFormulasRejectTimeAsNeedingBars() {
        #expect(throws: LanguageError(.needsBars("the bar time 'time'"), column: 1)) {
            try ScalarFormula(parsing: "time > 0", constants: [:], variables: [])
        }
        #expect(throws: LanguageError(.needsBars("'hour'"), column: 1)) {
            try ScalarFormula(parsing: "hour() > 9", constants: [:], variables: [])
        }
    }

    @Test func identicalCalendarCallsShareOneNodeAndTimeIsNoNode() throws {
        let program = try ExpressionCompiler(signals: [("a", "hour() + hour()"), ("b", "hour() * 2"), ("c", "time")]).compile()
        #expect(program.nodeCount == 3)  // hour(), the sum, the product
    }
}
