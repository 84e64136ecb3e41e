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

    /// `SMA.update(x)` with the window at `windows + base`. The sum and its compensation are
    /// held in locals for the two additions (`NeumaierSum.add`'s formula, written out), so they
    /// are not reloaded after the window store, which the compiler must assume may alias them.
    @inline(__always)
    mutating func update(_ x: Double, windows: UnsafeMutablePointer<Double>) -> Double {
        guard x.isFinite else { return .nan }
        let cell = windows + base + position
        let old = cell.pointee
        let next = position &+ 1
        var s = sum.sum, c = sum.compensation
        if held == period {
            let y = -old
            let t = s + y
            if Swift.abs(s) >= Swift.abs(y) { c += (s - t) + y } else { c += (y - t) + s }
            s = t
        } else {
            held &+= 1
        }
        let t = s + x
        if Swift.abs(s) >= Swift.abs(x) { c += (s - t) + x } else { c += (x - t) + s }
        s = t
        cell.pointee = x
        position = next == period ? 0 : next
        sum.sum = s
        sum.compensation = c
        return held == period ? (s + c) / divisor : .nan
    }
}
