import BenchmarkSupport
import Foundation

/// The NDJSON files the stream benchmark feeds to `barwise stream`, generated once and kept in
/// the work directory between runs (their names carry their size).
enum NDJSONWorkload {
    /// `count` daily bars of one symbol, one a day from 2000-01-01 (epoch seconds), from
    /// `BenchmarkSupport.randomWalk` (EngineBenchmark's series); prices with four decimals and
    /// whole volumes, as a feed sends them. 1,000,000 bars end in the year 4737, below the
    /// parser's seconds/milliseconds boundary (1e11 s).
    static func bars(count: Int, symbol: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("bars-\(count).ndjson")
        if FileManager.default.fileExists(atPath: url.path) { return url }
        let series = randomWalk(count: count, start: 946_684_800)
        var text = LineText()
        for t in 0..<series.count {
            text.literal("{\"symbol\":\"\(symbol)\",\"time\":")
            text.integer(series.timestamps[t])
            text.literal(",\"open\":"); text.fixed4(series.open[t])
            text.literal(",\"high\":"); text.fixed4(series.high[t])
            text.literal(",\"low\":"); text.fixed4(series.low[t])
            text.literal(",\"close\":"); text.fixed4(series.close[t])
            text.literal(",\"volume\":"); text.integer(Int64(series.volume[t]))
            text.literal("}\n")
        }
        try text.write(to: url)
        return url
    }

    /// `count` trade ticks of one symbol over `days` days (evenly spaced, epoch milliseconds
    /// from 2023-11-14T22:13:20Z: 10M ticks over 7 days is ~990 a minute, one every 60.48 ms);
    /// prices a mean-reverting walk of the log price around 37,000 with ±0.01 % steps (two
    /// decimals), sizes 0.001–1.000.
    static func ticks(count: Int, days: Int, symbol: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("ticks-\(count)-\(days)d.ndjson")
        if FileManager.default.fileExists(atPath: url.path) { return url }
        var u = UniformSource(seed: 0x71C5)
        let start: Int64 = 1_700_000_000_000
        let spacing = Double(days) * 86_400_000 / Double(count)
        var x = 0.0
        var text = LineText()
        for i in 0..<count {
            x = (1 - 1e-4) * x + (u.next() - 0.5) * 2e-4
            let price = (37_000 * exp(x) * 100).rounded() / 100
            text.literal("{\"symbol\":\"\(symbol)\",\"time\":")
            text.integer(start + Int64(Double(i) * spacing))
            text.literal(",\"price\":"); text.fixed(price, decimals: 2)
            text.literal(",\"size\":"); text.fixed(0.001 + (u.next() * 0.999 * 1000).rounded() / 1000, decimals: 3)
            text.literal("}\n")
        }
        try text.write(to: url)
        return url
    }
}

/// Bytes of generated lines, written to the file in blocks of a few megabytes.
struct LineText {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 26) }

    mutating func literal(_ s: StaticString) { bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }

    mutating func literal(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func integer(_ v: Int64) {
        if v < 0 { bytes.append(0x2D) }
        var m = v.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(truncatingIfNeeded: m % 10) + 0x30
                m /= 10
                n += 1
            } while m > 0
            for k in stride(from: n - 1, through: 0, by: -1) { bytes.append(d[k]) }
        }
    }

    /// `v` with exactly `decimals` digits after the point (v ≥ 0, rounded half up).
    mutating func fixed(_ v: Double, decimals: Int) {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let units = Int64((v * Double(scale)).rounded())
        integer(units / scale)
        bytes.append(0x2E)
        var frac = units % scale
        var divisor = scale / 10
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: frac / divisor) + 0x30)
            frac %= divisor
            divisor /= 10
        }
    }

    mutating func fixed4(_ v: Double) { fixed(v, decimals: 4) }

    /// Writes everything to `url` (created or emptied) through a temporary name, so an
    /// interrupted generation never leaves a half file behind under the final name.
    func write(to url: URL) throws {
        let partial = url.appendingPathExtension("partial")
        try Data(bytes).write(to: partial)
        guard rename(partial.path, url.path) == 0 else { throw BenchmarkFailure("cannot rename \(partial.path): \(String(cString: strerror(errno)))") }
    }
}
