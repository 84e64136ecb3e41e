/// Builds coarser bars from finer ones (`barwise data resample`).
///
/// Each source bar goes to the bin that holds its timestamp (a bar is stamped at the start of its
/// interval, DESIGN.md §3), and each bin with at least one source bar gives one bar stamped at the
/// bin's start:
///
///     open      = the first open of the bin        high   = the highest high
///     close     = the last close                   low    = the lowest low
///     adj_close = the last adj_close               volume = the sum of the volumes
///
/// Missing values (NaN) are skipped, as pandas' `first`, `last`, `max` and `min` skip them; a bin
/// whose values of a field are all missing has that field missing. Volume likewise: the sum of the
/// volumes present, missing when none is (pandas' `sum` would give 0 there; Barwise keeps "not
/// reported" apart from "nothing traded"). Bins without source bars are skipped: nothing is
/// invented for a gap.
///
/// Bins are `IntervalBucketing`'s, the ones `TickAggregator` and `ingest --ticks` use, shifted by
/// the anchor `a` (seconds after 00:00 UTC): a bin starts at `a` after one of the clock-aligned
/// starts. So with `a` = 09:30, `1h` bins run 09:30–10:30, `1d` bins from 09:30 to 09:30 the next
/// day, `1wk` bins from Monday 09:30, `1mo` bins from the 1st at 09:30; with no anchor, intraday
/// and `1d` bins are aligned to the epoch (UTC), weeks start on Monday (ISO), months on the 1st.
/// For fixed lengths this is pandas' `resample(rule, label="left", closed="left",
/// origin="epoch", offset=a)`.
///
/// The target must be coarser than the source, a whole number of source bars when its length is
/// fixed, and its bin edges (anchor included) must fall on source bar boundaries: otherwise a
/// source bar would be cut in two and `init` throws. Source bars are assumed to sit on their own
/// interval's grid (the ingest stamps them so); one that does not is binned by its timestamp.
///
/// `resample` reads the series' contiguous columns once, in one pass, and allocates only the
/// output columns.
public struct BarResampler: Sendable {
    public let source: Interval
    public let target: Interval
    /// Seconds after 00:00 UTC by which the bin edges are shifted (0 ..< 86,400).
    public let anchor: Int64
    private let bucketing: IntervalBucketing

    /// Throws a `ResampleError` when `source` bars cannot be aggregated into `target` bins
    /// exactly (see the type's rules).
    public init(from source: Interval, to target: Interval, anchorSeconds: Int64 = 0) throws(ResampleError) {
        guard anchorSeconds >= 0 && anchorSeconds < 86_400 else { throw .badAnchor(ResampleError.clock(anchorSeconds)) }
        let from: IntervalBucketing
        do {
            from = try IntervalBucketing(source)
            bucketing = try IntervalBucketing(target)
        } catch {
            throw .monthCount((try? IntervalBucketing(source)) == nil ? source : target)
        }
        guard source < target else { throw .notCoarser(source: source, target: target) }
        try Self.checkGrids(from: from, to: bucketing, source: source, target: target, anchor: 0)
        if anchorSeconds != 0 {
            do throws(ResampleError) {
                try Self.checkGrids(from: from, to: bucketing, source: source, target: target, anchor: anchorSeconds)
            } catch {
                throw .anchorOffGrid(anchorSeconds: anchorSeconds, source: source)
            }
        }
        self.source = source
        self.target = target
        anchor = anchorSeconds
    }

    /// Seconds after midnight of `HH:MM` (`9:30` and `09:30` alike; 00:00 to 23:59).
    public static func anchorSeconds(_ text: String) throws(ResampleError) -> Int64 {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int64(parts[0]), let m = Int64(parts[1]), h < 24, m < 60
        else { throw .badAnchor(text) }
        return h * 3_600 + m * 60
    }

    /// The start (inclusive) and end (exclusive), in epoch seconds, of the bin holding `t`.
    @inline(__always)
    public func bin(containing t: Int64) -> (start: Int64, end: Int64) {
        let (start, end) = bucketing.bucket(containing: (t - anchor) * 1_000)
        return (start / 1_000 + anchor, end / 1_000 + anchor)
    }

    /// The bars of `series` aggregated into this resampler's bins, as `symbol` (default: the
    /// series' own) at the target interval. Throws when the series is not at the source interval
    /// or its timestamps are not strictly ascending (as the store returns them).
    public func resample(_ series: BarSeries, as symbol: String? = nil) throws(ResampleError) -> BarSeries {
        guard series.interval == source else { throw .sourceInterval(expected: source, found: series.interval) }
        var out = BarSeries(symbol: symbol ?? series.symbol, interval: target)
        let n = series.count
        guard n > 0 else { return out }
        let span = max(series.timestamps[n - 1] - series.timestamps[0], 0)
        out.reserveCapacity(min(n, Int(span / max(target.nominalSeconds, 1)) + 2))
        let ts = series.timestamps, op = series.open, hi = series.high, lo = series.low
        let cl = series.close, vol = series.volume, adj = series.adjClose
        var previous = Int64.min
        var k = 0
        while k < n {
            let (start, end) = bin(containing: ts[k])
            var o = Double.nan, h = -Double.infinity, l = Double.infinity, c = Double.nan, a = Double.nan
            var v = 0.0, volumes = false
            while k < n {
                let t = ts[k]
                guard t < end else { break }
                guard t > previous else { throw .notAscending(timestamp: t) }
                previous = t
                if o.isNaN { o = op[k] }
                if hi[k] > h { h = hi[k] }
                if lo[k] < l { l = lo[k] }
                if !cl[k].isNaN { c = cl[k] }
                if !adj[k].isNaN { a = adj[k] }
                if !vol[k].isNaN { v += vol[k]; volumes = true }
                k += 1
            }
            out.timestamps.append(start)
            out.open.append(o)
            out.high.append(h == -.infinity ? .nan : h)
            out.low.append(l == .infinity ? .nan : l)
            out.close.append(c)
            out.volume.append(volumes ? v : .nan)
            out.adjClose.append(a)
        }
        return out
    }

    /// Throws unless every `target` bin edge, shifted by `anchor`, is a `source` bar boundary.
    private static func checkGrids(
        from: IntervalBucketing, to: IntervalBucketing, source: Interval, target: Interval, anchor: Int64
    ) throws(ResampleError) {
        let a = anchor * 1_000
        let day: Int64 = 86_400_000
        switch (from.fixedGrid, to.fixedGrid, from.monthSpan, to.monthSpan) {
        case let (s?, t?, _, _):
            guard t.length % s.length == 0 else { throw .notMultiple(source: source, target: target) }
            guard IntervalBucketing.floorDiv(t.origin + a - s.origin, s.length) * s.length == t.origin + a - s.origin else {
                throw .misaligned(source: source, target: target)
            }
        case let (s?, nil, _, _?):
            // Months start at 00:00 (+ anchor) on the 1st: the source bars must not span days.
            guard day % s.length == 0, s.origin % s.length == 0 else { throw .straddles(source: source, target: target) }
            guard a % s.length == 0 else { throw .misaligned(source: source, target: target) }
        case let (nil, nil, s?, t?):
            guard t % s == 0 else { throw .notMultiple(source: source, target: target) }
            guard a == 0 else { throw .misaligned(source: source, target: target) }
        default:
            // Months into a fixed length (e.g. 1mo into 5wk): no fixed length holds whole months.
            throw .straddles(source: source, target: target)
        }
    }
}
