import Foundation
import MarketData
import Research

/// Uniform doubles in [0, 1) from `SplitMix64` (53 high bits): the one generator every
/// benchmark draws from, so runs are reproducible and alike across benchmarks.
public struct UniformSource {
    private var rng: SplitMix64

    public init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    public mutating func next() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
}

/// A mean-reverting walk of the log price around log 100, one bar a day from the epoch:
///
///     x_t = (1 − θ)·x_{t−1} + ε_t,   ε_t ~ U(−0.01, 0.01),   close_t = 100·exp(x_t),   θ = 2·10⁻⁴
///
/// so moves are about ±1 % (σ ≈ 0.58 % a bar), the log price has no drift (E[x] stays 0: the
/// geometric walk `price *= 1 + U(−0.01, 0.01)` it replaces drifted down by σ²/2 a bar and fell
/// to 1e-70 over 10 million bars), and prices stay in a band: x has a stationary standard deviation
/// of σ/√(2θ) ≈ 0.29 (about 40–240 at three deviations) with a half-life of ~3,500 bars, long
/// enough for trends. The open is the previous close; high and low 0–0.5 % outside the open/close
/// range, volume 1–2 million, adjusted close = close.
public func randomWalk(count: Int, seed: UInt64 = 0x5EED, symbol: String = "RW", start: Int64 = 0) -> BarSeries {
    var u = UniformSource(seed: seed)
    var s = BarSeries(symbol: symbol, interval: .daily)
    s.reserveCapacity(count)
    let reversion = 2e-4
    var x = 0.0
    var price = 100.0
    for i in 0..<count {
        let o = price
        x = (1 - reversion) * x + (u.next() - 0.5) * 0.02
        price = 100 * exp(x)
        s.timestamps.append(start + Int64(i) * 86_400)
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
