/// One bar per timestamp: sorts a parsed series by time (stable) and resolves rows that share
/// a timestamp. An identical repeat (every value equal, missing equal to missing) is collapsed
/// into one bar and reported as a `duplicate_timestamp` finding. A repeat with different values
/// is an error naming both lines (`IngestError.conflictingDuplicate`), or with `skipBadRows` a
/// rejected row: the first row of the timestamp is kept.
///
/// O(n) for a series already ascending or descending without repeats, else O(n log n).
enum DuplicateRows {
    struct Resolved {
        var series: BarSeries
        /// The input line of each bar of `series`.
        var lines: [Int]
        /// Rows dropped as identical repeats.
        var collapsed = 0
        var rejected: [RejectedRow] = []
        var findings: [QualityFinding] = []
    }

    /// At most this many `duplicate_timestamp` findings are listed; the last says how many more.
    static let maxFindings = 200

    static func resolve(_ series: BarSeries, lines given: [Int], file: String, skipBadRows: Bool) throws(IngestError) -> Resolved {
        let n = series.count
        let lines = given.count == n ? given : Array(1..<(n + 1))
        var ascending = true
        var descending = true
        for i in 1..<max(n, 1) {
            if series.timestamps[i] <= series.timestamps[i - 1] { ascending = false }
            if series.timestamps[i] >= series.timestamps[i - 1] { descending = false }
        }
        if ascending { return Resolved(series: series, lines: lines) }
        if descending {
            let order = Array((0..<n).reversed())
            return Resolved(series: series.permuted(by: order), lines: order.map { lines[$0] })
        }
        let ts = series.timestamps
        let order = (0..<n).sorted { (ts[$0], $0) < (ts[$1], $1) }
        var kept: [Int] = []
        kept.reserveCapacity(n)
        var out = Resolved(series: series, lines: [])
        var listed = 0
        var k = 0
        while k < n {
            let first = order[k]
            kept.append(first)
            var j = k + 1
            var identical = 0
            while j < n, ts[order[j]] == ts[first] {
                let other = order[j]
                if same(series, first, other) {
                    identical += 1
                } else if skipBadRows {
                    out.rejected.append(RejectedRow(
                        line: lines[other], field: "timestamp", value: stamp(ts[first]),
                        reason: "repeats line \(lines[first]) with different values", symbol: series.symbol))
                } else {
                    throw .conflictingDuplicate(file: file, line: lines[other], firstLine: lines[first], symbol: series.symbol, timestamp: ts[first])
                }
                j += 1
            }
            if identical > 0 {
                out.collapsed += identical
                listed += 1
                if listed <= maxFindings {
                    out.findings.append(QualityFinding(
                        rule: .duplicateTimestamp, symbol: series.symbol, timestamp: ts[first],
                        detail: "\(identical + 1) identical rows at \(stamp(ts[first])) (first at line \(lines[first])); stored once"))
                }
            }
            k = j
        }
        if listed > maxFindings {
            out.findings.append(QualityFinding(
                rule: .duplicateTimestamp, symbol: series.symbol, timestamp: nil,
                detail: "\(listed - maxFindings) more duplicate_timestamp findings not listed (\(listed) in all)"))
        }
        out.series = series.permuted(by: kept)
        out.lines = kept.map { lines[$0] }
        return out
    }

    /// Whether bars `a` and `b` hold the same values (a missing value equals a missing value).
    private static func same(_ s: BarSeries, _ a: Int, _ b: Int) -> Bool {
        func eq(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
        return eq(s.open[a], s.open[b]) && eq(s.high[a], s.high[b]) && eq(s.low[a], s.low[b])
            && eq(s.close[a], s.close[b]) && eq(s.volume[a], s.volume[b]) && eq(s.adjClose[a], s.adjClose[b])
    }

    private static func stamp(_ t: Int64) -> String { t % 86_400 == 0 ? CivilTime.isoDate(t) : CivilTime.iso8601(t) }
}
