import Foundation

/// Whole-column reads for the large files (equity.csv, prices.csv): one pass over the rows
/// inside a single buffer access, the fast number and timestamp paths inline, and the per-field
/// readers (`double`, `timestamp`) only for rows the fast paths decline, so errors are exactly
/// the per-field ones (file:line: field).
extension CSVTable {
    /// Byte bounds of field `col` of `row`, or nil when the row is short.
    @inline(__always)
    private func bounds(_ row: Int, _ col: Int) -> (Int, Int)? {
        let first = rowStart[row], fields = rowStart[row + 1] - first
        guard col < fields else { return nil }
        return (Int(starts[first + col]), col + 1 < fields ? Int(starts[first + col + 1]) - 1 : Int(lineEnd[row]))
    }

    /// Column `col` as numbers (empty fields rejected unless `allowEmpty`, which reads them as NaN).
    func doubles(_ col: Int, allowEmpty: Bool = false) throws(ReportError) -> [Double] {
        var out = [Double](repeating: .nan, count: count)
        var slow: [Int] = []
        bytes.withUnsafeBufferPointer { p in
            for row in 0..<count {
                if let (lo, hi) = bounds(row, col), let v = FastDecimal.parse(p, lo, hi) { out[row] = v } else { slow.append(row) }
            }
        }
        for row in slow { out[row] = try double(row, col, allowEmpty: allowEmpty) }
        return out
    }

    /// Column `col` as UTC epoch seconds. Consecutive rows on the same date (intraday files)
    /// parse the date once: only the time of day is read while the date bytes repeat.
    func timestamps(_ col: Int) throws(ReportError) -> [Int64] {
        var out = [Int64](repeating: 0, count: count)
        var slow: [Int] = []
        bytes.withUnsafeBufferPointer { p in
            var previous = -1  // start offset of the last row parsed on the fast path
            var previousDay: Int64 = 0
            for row in 0..<count {
                guard let (lo, hi) = bounds(row, col), hi - lo == 20 || hi - lo == 10 else { slow.append(row); continue }
                var day: Int64
                if previous >= 0, memcmp(p.baseAddress! + lo, p.baseAddress! + previous, 10) == 0 {
                    day = previousDay
                } else if let d = ISOTimestamp.dayStart(p, lo) {
                    day = d
                } else { slow.append(row); continue }
                if hi - lo == 20 {
                    guard let t = ISOTimestamp.timeOfDay(p, lo) else { slow.append(row); continue }
                    day += t
                    out[row] = day
                    day -= t
                } else {
                    out[row] = day
                }
                previous = lo
                previousDay = day
            }
        }
        for row in slow { out[row] = try timestamp(row, col) }
        return out
    }
}
