import Foundation

/// Runs the data-quality rules (`QualityRule`) over one symbol's bars. O(n) except the
/// duplicate search (O(n log n) when the input is not already sorted). At most
/// `maxFindingsPerRule` findings of one rule are listed; the last says how many more there were.
public struct QualityCheck: Sendable {
    public var maxFindingsPerRule = 200
    /// Spike threshold in rolling standard deviations, over `spikeWindow` prior returns (ddof 1).
    public var spikeSigmas = 10.0
    public var spikeWindow = 20
    public var staleRunLength = 5

    public init() {}

    /// Checks bars in the order a file gave them (ordering and duplicate rules), then the
    /// sorted bars (all other rules).
    public func check(fileOrder series: BarSeries) -> [QualityFinding] {
        var findings = Findings(symbol: series.symbol, limit: maxFindingsPerRule)
        checkOrder(series.timestamps, &findings)
        let sorted = series.sortedByTime()
        checkDuplicates(sorted.timestamps, &findings)
        checkBars(sorted, &findings)
        return findings.all()
    }

    /// Checks a file's series as the ingest stores it: the order rule on `original` (the rows
    /// as the file gave them), every bar rule on `resolved` (sorted, one bar per timestamp;
    /// `DuplicateRows` reports the repeats).
    func check(fileOrder original: BarSeries, resolved: BarSeries) -> [QualityFinding] {
        var findings = Findings(symbol: resolved.symbol, limit: maxFindingsPerRule)
        checkOrder(original.timestamps, &findings)
        checkBars(resolved, &findings)
        return findings.all()
    }

    /// Checks bars already stored (ascending, unique timestamps).
    public func check(stored series: BarSeries) -> [QualityFinding] {
        var findings = Findings(symbol: series.symbol, limit: maxFindingsPerRule)
        checkBars(series, &findings)
        return findings.all()
    }

    private func checkOrder(_ ts: [Int64], _ findings: inout Findings) {
        var up = 0, down = 0
        var firstDown: Int?
        for i in 1..<max(ts.count, 1) {
            if ts[i] > ts[i - 1] { up += 1 }
            if ts[i] < ts[i - 1] {
                down += 1
                if firstDown == nil { firstDown = i }
            }
        }
        guard up > 0 && down > 0 else { return }
        let i = firstDown ?? 0
        let minority = min(up, down)
        findings.add(.outOfOrder, ts[i], "\(minority) of \(ts.count - 1) steps go against the file's order, first at \(stamp(ts[i])) after \(stamp(ts[i - 1])); bars were sorted")
    }

    private func checkDuplicates(_ sorted: [Int64], _ findings: inout Findings) {
        var i = 1
        while i < sorted.count {
            if sorted[i] == sorted[i - 1] {
                var j = i
                while j < sorted.count && sorted[j] == sorted[i] { j += 1 }
                findings.add(.duplicateTimestamp, sorted[i], "\(j - i + 1) rows at \(stamp(sorted[i]))")
                i = j
            } else {
                i += 1
            }
        }
    }

    private func checkBars(_ s: BarSeries, _ findings: inout Findings) {
        let n = s.count
        let allowedGap = max(4 * 86_400, s.interval.nominalSeconds * 3 / 2)
        var returns = [Double](repeating: 0, count: spikeWindow)  // ring of prior log returns
        var sum = 0.0, sumSq = 0.0, filled = 0, slot = 0
        var runStart = 0
        for i in 0..<n {
            let o = s.open[i], h = s.high[i], l = s.low[i], c = s.close[i], v = s.volume[i], t = s.timestamps[i]
            if o.isNaN || h.isNaN || l.isNaN {
                findings.add(.missingValues, t, "missing " + [("open", o), ("high", h), ("low", l)].filter { $0.1.isNaN }.map(\.0).joined(separator: ", "))
            }
            if !h.isNaN, h < max(o.isNaN ? c : o, c) || (!l.isNaN && h < l) {
                findings.add(.ohlcInconsistent, t, "high \(fmt(h)) below max(open, close) \(fmt(max(o.isNaN ? c : o, c)))" + (!l.isNaN && h < l ? " or low \(fmt(l))" : ""))
            } else if !l.isNaN, l > min(o.isNaN ? c : o, c) {
                findings.add(.ohlcInconsistent, t, "low \(fmt(l)) above min(open, close) \(fmt(min(o.isNaN ? c : o, c)))")
            }
            if o <= 0 || h <= 0 || l <= 0 || c <= 0 {
                findings.add(.nonPositivePrice, t, "open \(fmt(o)), high \(fmt(h)), low \(fmt(l)), close \(fmt(c))")
            }
            if v < 0 { findings.add(.negativeVolume, t, "volume \(fmt(v))") }
            guard i > 0 else { continue }
            let dt = t - s.timestamps[i - 1]
            if dt > allowedGap {
                findings.add(.gap, t, String(format: "%.1f days without a bar since %@", Double(dt) / 86_400, stamp(s.timestamps[i - 1])))
            }
            // Spikes: the return against the spread of the previous `spikeWindow` returns.
            let prev = s.close[i - 1]
            if prev > 0, c > 0 {
                let r = log(c / prev)
                if filled == spikeWindow {
                    let mean = sum / Double(filled)
                    let sd = (max(0, sumSq - Double(filled) * mean * mean) / Double(filled - 1)).squareRoot()
                    if sd > 0, abs(r) > spikeSigmas * sd {
                        findings.add(.spike, t, String(format: "log return %.4f is %.1f standard deviations of the previous %d", r, abs(r) / sd, spikeWindow))
                    }
                    let old = returns[slot]
                    sum -= old
                    sumSq -= old * old
                } else {
                    filled += 1
                }
                returns[slot] = r
                sum += r
                sumSq += r * r
                slot = (slot + 1) % spikeWindow
            }
            // Stale runs: identical consecutive bars.
            let same = o.bitPattern == s.open[i - 1].bitPattern && h.bitPattern == s.high[i - 1].bitPattern
                && l.bitPattern == s.low[i - 1].bitPattern && c.bitPattern == s.close[i - 1].bitPattern
                && v.bitPattern == s.volume[i - 1].bitPattern
            if !same { runStart = i }
            let length = i - runStart + 1
            if same, length == staleRunLength {
                // Reported once per run, when it reaches the threshold; its end is found here.
                var end = i
                while end + 1 < n, s.open[end + 1].bitPattern == o.bitPattern, s.high[end + 1].bitPattern == h.bitPattern,
                      s.low[end + 1].bitPattern == l.bitPattern, s.close[end + 1].bitPattern == c.bitPattern,
                      s.volume[end + 1].bitPattern == v.bitPattern { end += 1 }
                findings.add(.staleRun, s.timestamps[runStart], "\(end - runStart + 1) identical bars from \(stamp(s.timestamps[runStart])) to \(stamp(s.timestamps[end]))")
            }
        }
    }

    private func fmt(_ x: Double) -> String { x.isNaN ? "missing" : "\(x)" }
    private func stamp(_ t: Int64) -> String { t % 86_400 == 0 ? CivilTime.isoDate(t) : CivilTime.iso8601(t) }

    /// Collects findings, keeping at most `limit` per rule and counting the rest.
    private struct Findings {
        let symbol: String
        let limit: Int
        var list: [QualityFinding] = []
        var counts: [QualityRule: Int] = [:]

        init(symbol: String, limit: Int) {
            self.symbol = symbol
            self.limit = limit
        }

        mutating func add(_ rule: QualityRule, _ ts: Int64?, _ detail: @autoclosure () -> String) {
            let n = counts[rule, default: 0] + 1
            counts[rule] = n
            if n <= limit { list.append(QualityFinding(rule: rule, symbol: symbol, timestamp: ts, detail: detail())) }
        }

        func all() -> [QualityFinding] {
            var out = list
            for (rule, n) in counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where n > limit {
                out.append(QualityFinding(rule: rule, symbol: symbol, timestamp: nil, detail: "\(n - limit) more \(rule.rawValue) findings not listed (\(n) in all)"))
            }
            return out
        }
    }
}
