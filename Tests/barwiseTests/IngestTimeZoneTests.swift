import Foundation
import Testing

/// `barwise ingest --tz ZONE`: a file of New York wall-clock times stored as UTC, through the
/// fall-back hour and up to the spring-forward gap.
@Suite struct IngestTimeZoneTests {
    func ingest(_ rows: [String], _ extra: [String]) throws -> (BarwiseProcess.Output, store: String, file: String) {
        let dir = try BarwiseProcess.scratchDirectory()
        let file = dir.appendingPathComponent("SPY_30m.csv").path
        try (["Datetime,Open,High,Low,Close,Volume"] + rows).joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let store = dir.appendingPathComponent("s.sqlite").path
        let r = try BarwiseProcess.run(["ingest", file, "--symbol", "SPY", "--interval", "30m", "--store", store] + extra)
        return (r, store, file)
    }

    func storedTimes(_ store: String) throws -> [String] {
        let r = try BarwiseProcess.run(["data", "export", "SPY", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").dropFirst().map { String($0.prefix(20)) }
    }

    @Test func newYorkTimesThroughTheFallBackHourAreStoredAsConsecutiveUTCBars() throws {
        let rows = ["00:30", "01:00", "01:30", "01:00", "01:30", "02:00"].enumerated().map { k, t in "2021-11-07 \(t):00,1,2,0.5,\(k + 1),10" }
        let (r, store, _) = try ingest(rows, ["--tz", "America/New_York"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try storedTimes(store) == ["04:30", "05:00", "05:30", "06:00", "06:30", "07:00"].map { "2021-11-07T\($0):00Z" })
    }

    @Test func summerTimesAreFourHoursBehindUTC() throws {
        let (r, store, _) = try ingest(["2021-07-01 09:30:00,1,2,0.5,1,10", "2021-07-01 10:00:00,1,2,0.5,1,10"], ["--tz", "America/New_York"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try storedTimes(store) == ["2021-07-01T13:30:00Z", "2021-07-01T14:00:00Z"])
    }

    @Test func aTimeInTheSpringForwardGapIsExitTwoNamingItsLine() throws {
        let rows = ["2021-03-14 01:30:00,1,2,0.5,1,10", "2021-03-14 02:30:00,1,2,0.5,1,10", "2021-03-14 03:00:00,1,2,0.5,1,10"]
        let (strict, store, file) = try ingest(rows, ["--tz", "America/New_York"])
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("\(file):3") && strict.stderr.contains("does not exist in America/New_York"), "\(strict.stderr)")
        let stored = try BarwiseProcess.run(["data", "export", "SPY", "--store", store])
        #expect(stored.status != 0 && stored.stdout.isEmpty, "nothing stored: \(stored.stdout)")
        let (lenient, kept, _) = try ingest(rows, ["--tz", "America/New_York", "--skip-bad-rows"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(try storedTimes(kept) == ["2021-03-14T06:30:00Z", "2021-03-14T07:00:00Z"])
    }

    @Test func anUnknownZoneIsAUsageError() throws {
        let (r, _, _) = try ingest(["2021-07-01 09:30:00,1,2,0.5,1,10"], ["--tz", "America/Atlantis"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--tz 'America/Atlantis' is not a time zone name"), "\(r.stderr)")
    }
}
