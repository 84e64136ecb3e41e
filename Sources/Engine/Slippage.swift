/// Slippage in basis points of the quoted price, always against the trader:
///
///     buy:  P·(1 + bps/10⁴)        sell: P·(1 − bps/10⁴)
///
/// Applied to market fills and triggered stops (stop entries, stop-losses, trailing stops);
/// limit orders and take-profits fill at their limit price or better, without slippage.
/// With 0 bps the price is unchanged bit for bit.
public struct Slippage: Sendable, Equatable {
    public var bps: Double

    public init(bps: Double = 0) { self.bps = bps }

    /// The price a buy (`direction` +1) or sell (−1) of quoted price `price` fills at.
    @inline(__always)
    public func apply(_ price: Double, direction: Double) -> Double {
        bps == 0 ? price : price * (1 + direction * bps / 10_000)
    }
}
