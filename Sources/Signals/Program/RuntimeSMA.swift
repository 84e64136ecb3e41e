/// An `SMA` as a running program holds it: the same window, count and compensated sum, but the
/// window lives in the runtime's shared window column (at `base`, `period` cells) instead of an
/// array of its own, so updating it is plain pointer arithmetic: no copy-on-write uniqueness
/// check, no bounds check, no call.
///
/// `update` performs exactly `SMA.update`'s floating-point operations in the same order
/// (`sum.add(-old)` once the window is full, then `sum.add(x)`, then `value / n`), so the values
/// are bit for bit those of `SMA`.
struct RuntimeSMA: Sendable {
    /// Where the window starts in the window column.
    let base: Int
    /// Window length n.
    let period: Int
    /// `Double(period)`, converted once.
    let divisor: Double
    /// The cell the next value goes to (the oldest value once the window is full).
    var position: Int
    /// Values held, at most `period`.
    var held: Int
    var sum: NeumaierSum

    /// The state of `sma`; its window values are appended to `windows`.
    init(_ sma: SMA, windows: inout [Double]) {
        base = windows.count
        period = sma.period
        divisor = Double(sma.period)
        let ring = sma.window
        let capacity = ring.storage.count
        windows.append(contentsOf: ring.storage)
        held = ring.held
        position = ring.held < capacity ? (ring.head + ring.held) % capacity : ring.head
        sum = sma.sum
    }

    /// `SMA.update(x)` with the window at `windows + base`.
    @inline(__always)
    mutating func update(_ x: Double, windows: UnsafeMutablePointer<Double>) -> Double {
        guard x.isFinite else { return .nan }
        let cell = windows + base + position
        let old = cell.pointee
        cell.pointee = x
        let next = position &+ 1
        position = next == period ? 0 : next
        if held == period {
            sum.add(-old)
        } else {
            held &+= 1
        }
        sum.add(x)
        return held == period ? sum.value / divisor : .nan
    }
}
