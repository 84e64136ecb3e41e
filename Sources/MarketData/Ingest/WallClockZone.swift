import Foundation

/// `ingest --tz ZONE`: a file's intraday times read as wall-clock times of an IANA time zone
/// (`America/New_York`) and stored as UTC.
///
/// Daylight-saving transitions: a wall-clock time that does not exist (the hour the clocks jump
/// forward) is a bad row; one that happens twice (the hour they fall back) is the first
/// occurrence, unless the previous bar of the file is already at or after it, in which case it
/// is the second (so a file that runs 01:00, 01:30, 01:00, 01:30 through the fall-back hour
/// keeps four distinct bars, as pandas' `tz_localize(ambiguous="infer")` gives). Daily and
/// coarser bars are dates, not instants, and are left as they are.
public struct WallClockZone: Sendable {
    public let identifier: String
    private let zone: TimeZone

    /// Nil when `identifier` is not a time zone this system knows.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    /// The UTC instants whose wall-clock time in this zone is `local` (Unix seconds read as if
    /// UTC): none in a gap, two in an overlap, earlier first. O(1): the zone's offsets half a
    /// day either side are the only candidates.
    public func instants(wallClock local: Int64) -> [Int64] {
        var offsets: [Int] = []
        for probe in [local - 50_400, local, local + 50_400] {
            let o = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(probe)))
            if !offsets.contains(o) { offsets.append(o) }
        }
        var found: [Int64] = []
        for o in offsets {
            let utc = local - Int64(o)
            if zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc))) == o, !found.contains(utc) { found.append(utc) }
        }
        return found.sorted()
    }

    /// Every intraday series of `parsed` from wall-clock times to UTC, in file order (see the
    /// type's comment). A time in a gap is a bad row naming its line (skipped and recorded with
    /// `skipBadRows`).
    public func convert(_ parsed: inout ParsedFile, file: String, skipBadRows: Bool) throws(IngestError) {
        for k in parsed.series.indices where parsed.series[k].interval.isIntraday {
            var series = parsed.series[k]
            var lines = k < parsed.lines.count ? parsed.lines[k] : []
            var keep: [Int] = []
            keep.reserveCapacity(series.count)
            var previous: Int64?
            for i in 0..<series.count {
                let local = series.timestamps[i]
                let candidates = instants(wallClock: local)
                guard let first = candidates.first else {
                    let line = i < lines.count ? lines[i] : i + 1
                    let text = String(CivilTime.iso8601(local).dropLast())
                    let reason = "does not exist in \(identifier) (the clocks jump forward over it)"
                    guard skipBadRows else { throw .badRow(file: file, line: line, field: "timestamp", value: text, reason: reason) }
                    parsed.rejected.append(RejectedRow(line: line, field: "timestamp", value: text, reason: reason, symbol: series.symbol))
                    continue
                }
                var utc = first
                if candidates.count > 1, let previous, previous >= first { utc = candidates.last! }
                series.timestamps[i] = utc
                previous = utc
                keep.append(i)
            }
            if keep.count < series.count {
                series = series.permuted(by: keep)
                if !lines.isEmpty { lines = keep.map { lines[$0] } }
            }
            parsed.series[k] = series
            if k < parsed.lines.count { parsed.lines[k] = lines }
        }
    }
}
