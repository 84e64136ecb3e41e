import BenchmarkSupport
import Foundation
import MarketData

/// The cost of the text primitives the stream's output is built from, per call: ISO 8601 time
/// text (`CivilTime.iso8601`, three a bar: the bar event, the equity event, the equity.csv row),
/// the shortest round-trip text of a Double (`"\(v)"`, as `RunReport.num` writes prices and
/// equity: about thirteen a bar), and appending that text to a byte buffer. Multiplied out, they
/// give the floor of the per-bar output cost with the current formats.
enum TextPrimitives {
    struct Costs {
        var iso8601Nanos: Double
        var doubleTextNanos: Double
        var appendNanos: Double
    }

    static func measure(count: Int = 1_000_000, repetitions: Int) -> Costs {
        let series = randomWalk(count: count, start: 946_684_800)
        // Equity-like values: 17 significant digits, as the engine's doubles print.
        let values = series.close.map { $0 * 100.123456789 }
        var iso = Double.infinity, number = Double.infinity, append = Double.infinity
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 24)
        var checksum = 0
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            var start = clock.now
            for t in series.timestamps { checksum &+= CivilTime.iso8601(t).utf8.count }
            iso = min(iso, seconds(clock.now - start))
            start = clock.now
            for v in values { checksum &+= "\(v)".utf8.count }
            number = min(number, seconds(clock.now - start))
            bytes.removeAll(keepingCapacity: true)
            start = clock.now
            for v in values {
                var text = "\(v)"
                text.withUTF8 { bytes.append(contentsOf: $0) }
            }
            append = min(append, seconds(clock.now - start))
        }
        checksum &+= bytes.count
        if checksum == 42 { print("") }  // keeps the work
        let n = Double(count)
        return Costs(iso8601Nanos: iso * 1e9 / n, doubleTextNanos: number * 1e9 / n, appendNanos: (append - number) * 1e9 / n)
    }
}
