import BenchmarkSupport
import Foundation
import MarketData

// The input side of `barwise stream` (issue 13):
//   (a) NDJSON lines parsed per second by `NDJSONLineParser`, from an in-memory buffer of
//       generated lines (line breaks found in the timing loop, as the stream must): bar lines
//       with ISO times, bar lines with epoch-second times, and tick lines;
//   (b) ticks aggregated into one-minute bars per second by `TickAggregator` (target ≥ 5M/s),
//       from contiguous arrays of 10M generated ticks, with the bars produced as a sanity figure.
// Each figure is the best of `runs` runs (wall clock, ContinuousClock).
//
//   .build/release/StreamInputBenchmark [lines] [ticks]      # defaults: 1000000 10000000

let args = CommandLine.arguments
let lineCount = args.count > 1 ? Int(args[1]) ?? 1_000_000 : 1_000_000
let tickCount = args.count > 2 ? Int(args[2]) ?? 10_000_000 : 10_000_000
let runs = 3

func best(_ label: String, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        times.append(seconds(clock.now - start))
    }
    let t = times.min()!
    print(String(format: "%-44@ best %.3f s  (runs: %@)", label as NSString, t, times.map { String(format: "%.3f", $0) }.joined(separator: ", ")))
    return t
}

/// `count` NDJSON lines of a random walk, one a minute from 2024-01-01.
func ndjson(_ count: Int, kind: String) -> [UInt8] {
    var u = UniformSource(seed: 0x5EED)
    var out: [UInt8] = []
    out.reserveCapacity(count * 140)
    var price = 100.0
    let start: Int64 = 1_704_067_200
    for i in 0..<count {
        let open = price
        price *= 1 + (u.next() - 0.5) * 0.004
        let t = start + Int64(i) * 60
        let line: String
        switch kind {
        case "tick":
            line = String(format: "{\"symbol\":\"BTCUSDT\",\"time\":%lld,\"price\":%.2f,\"size\":%.4f}\n", t * 1_000 + Int64(u.next() * 999), price, u.next() * 2)
        default:
            let high = max(open, price) * (1 + u.next() * 0.001)
            let low = min(open, price) * (1 - u.next() * 0.001)
            let time = kind == "iso" ? "\"\(CivilTime.iso8601(t))\"" : "\(t)"
            line = String(format: "{\"symbol\":\"GOOG\",\"time\":%@,\"open\":%.4f,\"high\":%.4f,\"low\":%.4f,\"close\":%.4f,\"volume\":%d}\n",
                          time as NSString, open, high, low, price, Int(u.next() * 100_000))
        }
        out.append(contentsOf: line.utf8)
    }
    return out
}

/// Parses every line of `buffer`; returns the lines parsed and a checksum of their values.
func parseAll(_ buffer: [UInt8]) throws -> (lines: Int, checksum: Double) {
    let parser = NDJSONLineParser()
    var lines = 0
    var checksum = 0.0
    try buffer.withUnsafeBytes { raw in
        let bytes = raw.bindMemory(to: UInt8.self)
        var start = 0
        let n = bytes.count
        while start < n {
            var end = start
            while end < n, bytes[end] != 0x0A { end += 1 }
            switch try parser.parse(UnsafeRawBufferPointer(rebasing: raw[start..<end])) {
            case let .bar(_, bar): checksum += bar.close
            case let .tick(_, _, price, _): checksum += price
            }
            lines += 1
            start = end + 1
        }
    }
    return (lines, checksum)
}

print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; \(lineCount) lines, \(tickCount) ticks")
var lineRates: [(String, Double)] = []
for kind in ["iso", "epoch", "tick"] {
    let buffer = ndjson(lineCount, kind: kind)
    var result = (lines: 0, checksum: 0.0)
    let t = try best("parse \(kind == "tick" ? "tick lines" : "bar lines, \(kind) time") (\(buffer.count / 1_000_000) MB)") {
        result = try parseAll(buffer)
    }
    precondition(result.lines == lineCount)
    lineRates.append((kind, Double(lineCount) / t))
}

// Ticks: a random walk of prices, 0–20 ms apart (10 ms on average: 10M ticks span about 28 hours).
var u = UniformSource(seed: 42)
var times = [Int64](repeating: 0, count: tickCount)
var prices = [Double](repeating: 0, count: tickCount)
var sizes = [Double](repeating: 0, count: tickCount)
var t: Int64 = 1_704_067_200_000
var p = 42_000.0
for i in 0..<tickCount {
    t += Int64(u.next() * 21)
    p *= 1 + (u.next() - 0.5) * 1e-4
    times[i] = t
    prices[i] = (p * 100).rounded() / 100
    sizes[i] = u.next()
}
var barsMade = 0
var volume = 0.0
let aggregate = try best("aggregate \(tickCount) ticks into 1m bars") {
    var aggregator = try TickAggregator(interval: Interval(count: 1, unit: .minute))
    barsMade = 0
    volume = 0
    try times.withUnsafeBufferPointer { ts in
        try prices.withUnsafeBufferPointer { ps in
            try sizes.withUnsafeBufferPointer { ss in
                for i in 0..<ts.count {
                    if let bar = try aggregator.add(timeMillis: ts[i], price: ps[i], size: ss[i]) {
                        barsMade += 1
                        volume += bar.volume
                    }
                }
            }
        }
    }
    if let bar = aggregator.flush() {
        barsMade += 1
        volume += bar.volume
    }
}
let expectedBars = Int((times.last! / 60_000) - (times.first! / 60_000)) + 1
print("bars produced: \(barsMade) (minutes spanned: \(expectedBars)); volume \(String(format: "%.3f", volume)) vs sizes \(String(format: "%.3f", sizes.reduce(0, +)))")
for (kind, rate) in lineRates {
    print(String(format: "NDJSON %@: %.0f lines/s", (kind == "tick" ? "tick lines" : "bar lines (\(kind) time)") as NSString, rate))
}
print(String(format: "ticks aggregated: %.0f ticks/s (target ≥ 5,000,000)", Double(tickCount) / aggregate))
