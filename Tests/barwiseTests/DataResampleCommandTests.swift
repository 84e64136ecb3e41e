import Foundation
import Testing

/// `barwise data resample`: the bars it stores equal pandas' `resample` of the same data
/// (`Tests/Fixtures/resample/generate.py`), read back with `barwise data export`.
@Suite struct DataResampleCommandTests {
    static let resampleFixtures = BarwiseProcess.fixtures.appendingPathComponent("resample")

    /// A scratch store holding INDEX (the shared 5-minute file) and GAPPY (the copy with holes
    /// and made-up volumes that generate.py derives from it).
    static func store() throws -> String {
        let store = try BarwiseProcess.scratchDirectory().appendingPathComponent("store.sqlite").path
        for (file, symbol) in [("data/INDEX_5min_2006-01.csv", "INDEX"), ("resample/INDEX_5min_gappy.csv", "GAPPY")] {
            let r = try BarwiseProcess.run(["ingest", BarwiseProcess.fixtures.appendingPathComponent(file).path, "--symbol", symbol, "--store", store])
            #expect(r.status == 0, "\(r.stderr)")
        }
        return store
    }

    /// The rows of an exported or reference CSV: the timestamp text and the six numbers (nil for
    /// an empty cell).
    static func rows(_ text: String) -> [(String, [Double?])] {
        text.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return (String(cells[0]), cells.dropFirst().map { Double($0) })
        }
    }

    /// Fixture name, symbol, interval stored, and the arguments of `data resample`.
    static let cases: [(fixture: String, symbol: String, interval: String, args: [String])] = [
        ("15m", "INDEX", "15m", ["INDEX", "--to", "15m"]),
        ("1h", "INDEX", "1h", ["INDEX", "--to", "1h"]),
        ("1h_anchor_0905", "INDEX_A", "1h", ["INDEX", "--to", "1h", "--anchor", "09:05", "--as", "INDEX_A"]),
        ("1d", "INDEX", "1d", ["INDEX", "--to", "1d", "--from-interval", "5m"]),
        ("1d_anchor_0905", "INDEX_A", "1d", ["INDEX", "--to", "1d", "--anchor", "09:05", "--as", "INDEX_A"]),
        ("1wk", "INDEX", "1wk", ["INDEX", "--to", "1wk"]),
        ("1mo", "INDEX", "1mo", ["INDEX", "--to", "1mo"]),
        ("gappy_1h", "GAPPY", "1h", ["GAPPY", "--to", "1h"]),
        ("gappy_1d", "GAPPY", "1d", ["GAPPY", "--to", "1d"]),
    ]

    @Test func everyResampledBarEqualsPandas() throws {
        let store = try Self.store()
        for c in Self.cases {
            let resample = try BarwiseProcess.run(["data", "resample"] + c.args + ["--store", store])
            #expect(resample.status == 0, "\(c.fixture): \(resample.stderr)")
            let export = try BarwiseProcess.run(["data", "export", c.symbol, "--interval", c.interval, "--store", store])
            #expect(export.status == 0, "\(c.fixture): \(export.stderr)")
            let reference = try String(contentsOf: Self.resampleFixtures.appendingPathComponent(c.fixture + ".csv"), encoding: .utf8)
            let got = Self.rows(export.stdout), want = Self.rows(reference)
            #expect(got.count == want.count && !want.isEmpty, "\(c.fixture): \(got.count) bars, pandas has \(want.count)")
            for (g, w) in zip(got, want) {
                #expect(g.0 == w.0 && g.1 == w.1, "\(c.fixture): \(g) vs pandas \(w)")
            }
            let source = c.symbol == "GAPPY" ? "1749" : "2142"
            #expect(resample.stdout.contains("\(source) source bars read, \(want.count) bars, \(want.count) written"), "\(c.fixture): \(resample.stdout)")
        }
    }

    @Test func summaryIsOneLineNamingSourceAndTarget() throws {
        let store = try Self.store()
        let first = try BarwiseProcess.run(["data", "resample", "INDEX", "--to", "1h", "--as", "INDEX_H", "--store", store])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("INDEX 5m → INDEX_H 1h: 2142 source bars read, 189 bars, 189 written (189 new, 0 replaced, 0 already stored) [ingest 3]"), "\(first.stdout)")
        #expect(first.stdout.split(separator: "\n").count == 1)
        let again = try BarwiseProcess.run(["data", "resample", "INDEX", "--to", "1h", "--as", "INDEX_H", "--store", store])
        #expect(again.status == 0 && again.stdout == "INDEX 5m → INDEX_H 1h: 2142 source bars read, 189 bars, none written (the store already holds them)\n", "\(again.stdout)")
        let list = try BarwiseProcess.run(["data", "list", "--store", store])
        #expect(list.stdout.contains("resample:INDEX@5m"), "\(list.stdout)")
    }

    @Test func impossibleTargetsAndBadOptionsExitTwoWritingNothing() throws {
        let store = try Self.store()
        let refusals: [([String], String)] = [
            (["INDEX", "--to", "7m"], "cannot resample 5m bars to 7m: 7m is not a whole multiple of 5m"),
            (["INDEX", "--to", "1m"], "must be coarser"),
            (["INDEX", "--to", "1h", "--anchor", "09:32"], "--anchor 09:32 does not fall on a 5m bar boundary"),
            (["INDEX", "--to", "1h", "--anchor", "9h30"], "--anchor '9h30' is not a time of day"),
            (["INDEX", "--to", "hourly-ish"], "--to 'hourly-ish' is not an interval"),
            (["INDEX", "--to", "1h", "--from-interval", "1m"], "INDEX has no 1m bars"),
            (["INDEX", "--to", "1h", "--as", "a/b"], "--as 'a/b'"),
            (["INDEX", "--to", "1h", "--replace", "--append"], "not both"),
            (["NOPE", "--to", "1h"], "no instrument 'NOPE'"),
        ]
        for (args, message) in refusals {
            let r = try BarwiseProcess.run(["data", "resample"] + args + ["--store", store])
            #expect(r.status == 2 && r.stdout.isEmpty, "\(args): \(r.status) \(r.stdout)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        let list = try BarwiseProcess.run(["data", "list", "--store", store])
        #expect(!list.stdout.contains("1h") && !list.stdout.contains("resample"), "\(list.stdout)")
    }
}
