import Foundation
import Testing

/// `barwise signals` end to end: a scratch store with GOOG, the shipped sma_cross strategy.
@Suite struct SignalsCommandTests {
    static func storeWithGOOG() throws -> String {
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("s.sqlite").path
        let goog = BarwiseProcess.fixtures.appendingPathComponent("data/GOOG_daily_2004-2013.csv").path
        let ingest = try BarwiseProcess.run(["ingest", goog, "--symbol", "GOOG", "--store", store])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return store
    }

    @Test func csvHasTimestampThenSignalsAndRulesInFileOrder() throws {
        let store = try Self.storeWithGOOG()
        let r = try BarwiseProcess.run(["signals", "strategies/sma_cross.toml", "--symbol", "GOOG", "--csv", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "timestamp,fast_ma,slow_ma,long_entry,short_entry")
        #expect(lines.count == 2149)
        // Warm-up: the 20-bar SMA is empty for 19 bars; the crossings are 0, not empty.
        #expect(lines[1].hasPrefix("2004-08-19T00:00:00Z,,,0,0"))
        let row20 = lines[20].split(separator: ",", omittingEmptySubsequences: false)
        #expect(row20.count == 5 && !row20[1].isEmpty && !row20[2].isEmpty)
        // backtesting.py's first trade is a short entered on bar 63: the cross below is on bar 62.
        let row63 = lines[63].split(separator: ",", omittingEmptySubsequences: false)
        #expect(row63[4] == "1")
    }

    @Test func dateRangeAndOverrides() throws {
        let store = try Self.storeWithGOOG()
        let r = try BarwiseProcess.run(["signals", "strategies/sma_cross.toml", "--symbol", "GOOG", "--from", "2010-01-01",
                                        "--to", "2010-01-31", "--set", "fast=5", "--csv", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 1 + 19)  // January 2010 trading days
        #expect(lines[1].hasPrefix("2010-01-04T00:00:00Z,"))
        // Indicators warm up on the bars before --from: the first row shown equals the same
        // date's row of a run over the whole history.
        let full = try BarwiseProcess.run(["signals", "strategies/sma_cross.toml", "--symbol", "GOOG", "--set", "fast=5",
                                           "--csv", "--store", store])
        let sameDay = full.stdout.split(separator: "\n").first { $0.hasPrefix("2010-01-04T00:00:00Z,") }
        #expect(lines[1] == sameDay)
        #expect(lines[1].split(separator: ",", omittingEmptySubsequences: false)[2] != "")  // SMA(20) already warm
    }

    @Test func rangeWithoutBarsExits2() throws {
        let r = try BarwiseProcess.run(["signals", "strategies/sma_cross.toml", "--symbol", "GOOG", "--from", "2020-01-01",
                                        "--store", try Self.storeWithGOOG()])
        #expect(r.status == 2 && r.stderr == "barwise: error: GOOG has no bars in the requested range\n")
    }

    @Test func tableOutputIsTheDefault() throws {
        let store = try Self.storeWithGOOG()
        let r = try BarwiseProcess.run(["signals", "strategies/sma_cross.toml", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("sma_cross on GOOG 1d: 2148 bars, 3 nodes"))
        #expect(r.stdout.contains("false"))
    }

    @Test func compileErrorNamesFileKeyAndColumnAndExits2() throws {
        let dir = try BarwiseProcess.scratchDirectory()
        let file = dir.appendingPathComponent("x.toml").path
        try "[signals]\nfast_ma = \"smaa(close, 10)\"\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try BarwiseProcess.run(["signals", file, "--symbol", "GOOG", "--store", try Self.storeWithGOOG()])
        #expect(r.status == 2)
        #expect(r.stderr == "barwise: error: \(file): signals.fast_ma: column 1: unknown function 'smaa' (did you mean 'sma'?)\n")
    }

    /// The weekday column of the CSV against Foundation's Gregorian calendar (ISO: Monday 1).
    static func isoWeekday(_ isoTimestamp: Substring) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = ISO8601DateFormatter().date(from: String(isoTimestamp))!
        return (calendar.component(.weekday, from: date) + 5) % 7 + 1
    }

    @Test func calendarFunctionsInTheCSVAreTheBarsUTCDates() throws {
        let file = try SampleStore.strategy("""
            name = "calendar"
            symbols = ["GOOG"]
            [signals]
            wd = "weekday()"
            d = "day()"
            m = "month()"
            y = "year()"
            t = "time"
            [rules]
            long_entry = "weekday() == 1 and weekday()[1] != 1"
            """)
        let r = try BarwiseProcess.run(["signals", file, "--csv", "--store", try Self.storeWithGOOG()])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2149)
        #expect(lines[0] == "timestamp,wd,d,m,y,t,long_entry")
        // 2004-08-19 was a Thursday; the next bars are Friday the 20th and Monday the 23rd.
        #expect(lines[1] == "2004-08-19T00:00:00Z,4,19,8,2004,1092873600,0")
        #expect(lines[2] == "2004-08-20T00:00:00Z,5,20,8,2004,1092960000,0")
        #expect(lines[3] == "2004-08-23T00:00:00Z,1,23,8,2004,1093219200,1")
        var mondays = 0
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let date = f[0].split(separator: "-")
            #expect(Int(f[1]) == Self.isoWeekday(f[0]), "\(line)")
            #expect(Int(f[2]) == Int(date[2].prefix(2)) && Int(f[3]) == Int(date[1]) && f[4] == date[0], "\(line)")
            if f[1] == "1" { mondays += 1 }
        }
        #expect(mondays > 300)  // every weekday occurs: the column is not constant
    }

    @Test func hhmmOnHourlyBarsGivesTheTimeOfDayAndDrivesRules() throws {
        let file = try SampleStore.strategy("""
            name = "late"
            symbols = ["EURUSD"]
            interval = "1h"
            [signals]
            hm = "hhmm()"
            mins = "timeofday()"
            [rules]
            long_entry = "hhmm() >= 1500"
            long_exit = "hhmm()[1] == 2300"
            """)
        let r = try SampleStore.run(["signals", file, "--to", "2017-04-21T00:00:00Z", "--csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines[0] == "timestamp,hm,mins,long_entry,long_exit")
        #expect(lines[1] == "2017-04-19T09:00:00Z,900,540,0,0")
        #expect(lines.count > 30)
        var late = 0, afterMidnight = 0
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let clock = f[0].split(separator: "T")[1]
            let hour = Int(clock.prefix(2))!, minute = Int(clock.dropFirst(3).prefix(2))!
            #expect(f[1] == "\(hour * 100 + minute)" && f[2] == "\(hour * 60 + minute)", "\(line)")
            #expect(f[3] == (hour >= 15 ? "1" : "0"), "\(line)")
            if hour >= 15 { late += 1 }
            if f[4] == "1" { afterMidnight += 1; #expect(hour == 0, "\(line)") }
        }
        #expect(late >= 9 && afterMidnight >= 1)
    }

    @Test func unknownOverrideExits2() throws {
        let r = try BarwiseProcess.run(["signals", "strategies/sma_cross.toml", "--set", "fats=3", "--store", try Self.storeWithGOOG()])
        #expect(r.status == 2)
        #expect(r.stderr.contains("params.fats: unknown key (did you mean 'params.fast'?)"))
    }
}
