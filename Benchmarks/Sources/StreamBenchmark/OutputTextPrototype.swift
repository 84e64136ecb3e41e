import BenchmarkSupport
import Foundation
import MarketData

/// How much of the stream's per-bar text cost is the `String` machinery: the three lines every
/// bar produces (the `bar` event, the `equity` event, the `equity.csv` row) built two ways over
/// the same values and checked byte-identical:
///
/// - as `StreamEventWriter` and `RunReport.equityRow` build them today: `String` interpolation,
///   `CivilTime.iso8601`, `"\(Double)"` (shortest round trip), appended to a byte buffer;
/// - appended as bytes: the date from days with civil arithmetic into fixed digits, integers
///   digit by digit, doubles through `description` (the same shortest text) without building
///   the line as a `String`.
///
/// Not the stream's code (that lives in the `barwise` executable): a measurement of what its
/// formats cost and what byte-level formatting would save.
enum OutputTextPrototype {
    struct Costs {
        var stringNanos: Double
        var byteNanos: Double
        var bytesPerBar: Int
    }

    static func measure(count: Int, repetitions: Int) throws -> Costs {
        let series = randomWalk(count: count, start: 946_684_800)
        // An account trading one unit: equity drifts around 10,000, exposure is one close.
        var equity = [Double](), gross = [Double](), net = [Double](), drawdown = [Double]()
        var e = 10_000.0, peak = -Double.infinity
        for t in 0..<count {
            e += (t % 7 == 0 ? -0.37 : 0.11) * series.close[t] / 100
            peak = max(peak, e)
            equity.append(e)
            gross.append(series.close[t])
            net.append(t % 3 == 0 ? -series.close[t] : series.close[t])
            drawdown.append(e / peak - 1)
        }
        var a: [UInt8] = [], b: [UInt8] = []
        a.reserveCapacity(count * 400)
        b.reserveCapacity(count * 400)
        var bestString = Double.infinity, bestBytes = Double.infinity
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            a.removeAll(keepingCapacity: true)
            var start = clock.now
            var seq = 0
            for t in 0..<count {
                func begin(_ type: String, _ time: Int64) -> String {
                    seq += 1
                    return "{\"seq\":\(seq),\"type\":\"\(type)\",\"time\":\"\(CivilTime.iso8601(time))\""
                }
                let time = series.timestamps[t]
                var line = begin("bar", time) + ",\"symbol\":\"RW\",\"open\":\(num(series.open[t])),\"high\":\(num(series.high[t])),\"low\":\(num(series.low[t])),\"close\":\(num(series.close[t])),\"volume\":\(num(series.volume[t])),\"bar\":\(t)}\n"
                line.withUTF8 { a.append(contentsOf: $0) }
                line = begin("equity", time) + ",\"equity\":\(num(equity[t])),\"cash\":\(num(equity[t] - net[t])),\"gross_exposure\":\(num(gross[t])),\"net_exposure\":\(num(net[t]))}\n"
                line.withUTF8 { a.append(contentsOf: $0) }
                line = "\(CivilTime.iso8601(time)),\(num(equity[t])),\(num(equity[t] - net[t])),\(num(gross[t] / equity[t])),\(num(drawdown[t]))\n"
                line.withUTF8 { a.append(contentsOf: $0) }
            }
            bestString = min(bestString, seconds(clock.now - start))

            b.removeAll(keepingCapacity: true)
            start = clock.now
            var out = ByteLine(bytes: b)
            seq = 0
            for t in 0..<count {
                let time = series.timestamps[t]
                seq += 1
                out.literal("{\"seq\":"); out.integer(Int64(seq)); out.literal(",\"type\":\"bar\",\"time\":\""); out.iso8601(time)
                out.literal("\",\"symbol\":\"RW\",\"open\":"); out.number(series.open[t])
                out.literal(",\"high\":"); out.number(series.high[t])
                out.literal(",\"low\":"); out.number(series.low[t])
                out.literal(",\"close\":"); out.number(series.close[t])
                out.literal(",\"volume\":"); out.number(series.volume[t])
                out.literal(",\"bar\":"); out.integer(Int64(t)); out.literal("}\n")
                seq += 1
                out.literal("{\"seq\":"); out.integer(Int64(seq)); out.literal(",\"type\":\"equity\",\"time\":\""); out.iso8601(time)
                out.literal("\",\"equity\":"); out.number(equity[t])
                out.literal(",\"cash\":"); out.number(equity[t] - net[t])
                out.literal(",\"gross_exposure\":"); out.number(gross[t])
                out.literal(",\"net_exposure\":"); out.number(net[t]); out.literal("}\n")
                out.iso8601(time); out.literal(","); out.number(equity[t])
                out.literal(","); out.number(equity[t] - net[t])
                out.literal(","); out.number(gross[t] / equity[t])
                out.literal(","); out.number(drawdown[t]); out.literal("\n")
            }
            b = out.bytes
            bestBytes = min(bestBytes, seconds(clock.now - start))
        }
        guard a == b else { throw BenchmarkFailure("the byte-level lines differ from the String ones") }
        return Costs(stringNanos: bestString * 1e9 / Double(count), byteNanos: bestBytes * 1e9 / Double(count), bytesPerBar: a.count / count)
    }

    /// `RunReport.num`: integers without a fraction, else the shortest round-trip text.
    static func num(_ v: Double) -> String {
        if !v.isFinite { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}

/// Bytes appended without intermediate `String`s but for the digits of a Double.
struct ByteLine {
    var bytes: [UInt8]

    @inline(__always) mutating func literal(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func integer(_ v: Int64) {
        if v < 0 { bytes.append(0x2D) }
        var m = v.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, enough for 20 digits
        let n = withUnsafeMutableBytes(of: &digits) { d -> Int in
            var n = 0
            repeat {
                d[23 - n] = UInt8(truncatingIfNeeded: m % 10) + 0x30
                m /= 10
                n += 1
            } while m > 0
            return n
        }
        withUnsafeBytes(of: &digits) { d in bytes.append(contentsOf: d[(24 - n)...]) }
    }

    /// `num`'s text: integers digit by digit, others through `description`.
    mutating func number(_ v: Double) {
        guard v.isFinite else { return }
        if v == v.rounded(), abs(v) < 1e15 { integer(Int64(v)); return }
        var text = v.description
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `CivilTime.iso8601`'s text (years 1–9999): `YYYY-MM-DDTHH:MM:SSZ`.
    mutating func iso8601(_ t: Int64) {
        let days = t >= 0 ? t / 86_400 : (t + 1) / 86_400 - 1
        let secs = Int(t - days * 86_400)
        // Days to civil date (proleptic Gregorian).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        let y = Int(yoe + era * 400) + (m <= 2 ? 1 : 0)
        two(y / 100); two(y % 100); bytes.append(0x2D); two(m); bytes.append(0x2D); two(d)
        bytes.append(0x54); two(secs / 3_600); bytes.append(0x3A); two(secs / 60 % 60); bytes.append(0x3A); two(secs % 60)
        bytes.append(0x5A)
    }

    @inline(__always) private mutating func two(_ v: Int) {
        bytes.append(UInt8(truncatingIfNeeded: v / 10) + 0x30)
        bytes.append(UInt8(truncatingIfNeeded: v % 10) + 0x30)
    }
}
