import Foundation

/// Step latencies (from a timestamp's bars being complete to its events being in the output
/// buffer) in a fixed histogram: 100 ns buckets up to 1 ms, then one overflow bucket that keeps
/// the maximum. O(1) per record, no allocation after `init`.
struct StepLatency {
    private static let bucketNanos: UInt64 = 100
    private var buckets = [UInt64](repeating: 0, count: 10_000)
    private var overflow: UInt64 = 0
    private(set) var count: UInt64 = 0
    private(set) var maxNanos: UInt64 = 0

    /// Monotonic nanoseconds.
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    mutating func record(_ nanos: UInt64) {
        count += 1
        maxNanos = max(maxNanos, nanos)
        let k = Int(nanos / Self.bucketNanos)
        if k < buckets.count { buckets[k] += 1 } else { overflow += 1 }
    }

    /// The q-quantile in microseconds (the upper edge of its bucket; the maximum beyond 1 ms);
    /// nil without records.
    func quantileMicros(_ q: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = UInt64((q * Double(count)).rounded(.up))
        var seen: UInt64 = 0
        for (k, n) in buckets.enumerated() {
            seen += n
            if seen >= max(rank, 1) { return Double(UInt64(k + 1) * Self.bucketNanos) / 1000 }
        }
        return Double(maxNanos) / 1000
    }
}
