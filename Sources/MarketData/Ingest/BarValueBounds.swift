/// The values a bar may hold, checked on every number an ingest reads (CSV cells and provider
/// payloads alike), so that nothing downstream meets an infinity, a zero price or a size no
/// market has:
///
/// - a price (open, high, low, close, adjusted close, a panel's close) is finite and
///   `1e-15 ≤ price ≤ 1e15`: above zero, and within 15 orders of magnitude of 1 either way (the
///   smallest quoted crypto prices are around 1e-8; 1e-300 only makes sizing arithmetic
///   meaningless);
/// - a volume is finite and `0 ≤ volume ≤ 1e18` (crypto volumes counted in base units of
///   billion-supply tokens reach 1e14 a day; 1e18 leaves room and stays far from overflow in
///   any sum).
///
/// A missing value (an empty cell, `null`, `NaN`) is not checked here: it is stored as missing.
/// `1e309` parses to infinity and is therefore out of range, never stored.
public enum BarValueBounds {
    public static let minPrice = 1e-15
    public static let maxPrice = 1e15
    public static let maxVolume = 1e18

    /// Why `price` cannot be stored (a clause for `IngestError.badRow`), or nil when it can.
    @inline(__always)
    public static func priceProblem(_ price: Double) -> String? {
        if price >= minPrice && price <= maxPrice { return nil }
        return price.isFinite ? "is out of range (a price must be at least 1e-15 and at most 1e15)" : "is not a finite number"
    }

    /// Why `volume` cannot be stored, or nil when it can.
    @inline(__always)
    public static func volumeProblem(_ volume: Double) -> String? {
        if volume >= 0 && volume <= maxVolume { return nil }
        return volume.isFinite ? "is out of range (a volume must be at least 0 and at most 1e18)" : "is not a finite number"
    }
}
