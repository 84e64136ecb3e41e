import MarketData
import Research

/// Uniform doubles in [0, 1) from `SplitMix64` (53 high bits): the one generator every
/// benchmark draws from, so runs are reproducible and alike across benchmarks.
public struct UniformSource {
    private var rng: SplitMix64

    public init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    public mutating func next() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
}

/// A geometric random walk from 100 with ~1 % moves, one bar a day from the epoch: high and low
/// 0–0.5 % outside the open/close range, volume 1–2 million, adjusted close = close.
public func randomWalk(count: Int, seed: UInt64 = 0x5EED, symbol: String = "RW") -> BarSeries {
    var u = UniformSource(seed: seed)
    var s = BarSeries(symbol: symbol, interval: .daily)
    s.reserveCapacity(count)
    var price = 100.0
    for i in 0..<count {
        let o = price
        price *= 1 + (u.next() - 0.5) * 0.02
        s.timestamps.append(Int64(i) * 86_400)
        s.open.append(o)
        s.high.append(max(o, price) * (1 + u.next() * 0.005))
        s.low.append(min(o, price) * (1 - u.next() * 0.005))
        s.close.append(price)
        s.volume.append((1 + u.next()) * 1e6)
        s.adjClose.append(price)
    }
    return s
}

/// A `Duration` in seconds.
public func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
