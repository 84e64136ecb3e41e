/// `step` with its two loops swapped, for `ProgramFamily`: each node runs over a chunk of
/// consecutive bars before the next node starts, so the dispatch on the node's operation is paid
/// once per chunk instead of once per bar, and every inner loop is one operation over adjacent
/// values.
///
/// The values are exactly `step`'s: a node still consumes its input bar after bar through the
/// same indicator state (chunks follow one another in time), it reads only its inputs on the same
/// bar, and those come earlier in the topological node order. Only the single-bar `slots` are
/// left untouched (stale).
extension ProgramRuntime {
    /// Steps `count` (≤ `width`) bars. `chunk` holds one row of `width` values per slot
    /// (slot s at `chunk[s · width ..< s · width + count]`): rows 0–4 (open, high, low, close,
    /// volume), row 5 (time, `BarTime.slotValue`; needed only when the program reads it) and the
    /// constant rows filled by the caller; every node's row is written here.
    func stepChunk(_ chunk: UnsafeMutablePointer<Double>, width w: Int, count m: Int) {
        let high = chunk + w, low = chunk + 2 * w, close = chunk + 3 * w, volume = chunk + 4 * w
        let nodes = self.nodes.base
        for k in 0..<self.nodes.count {
            let node = nodes[k]
            let out = chunk + Int(node.out) * w
            let a = chunk + Swift.max(0, Int(node.a)) * w
            let b = chunk + Swift.max(0, Int(node.b)) * w
            let i = Int(truncatingIfNeeded: node.state)
            switch node.op {
            case .add: for j in 0..<m { out[j] = a[j] + b[j] }
            case .subtract: for j in 0..<m { out[j] = a[j] - b[j] }
            case .multiply: for j in 0..<m { out[j] = a[j] * b[j] }
            case .divide: for j in 0..<m { out[j] = a[j] / b[j] }
            case .greater: for j in 0..<m { out[j] = a[j] > b[j] ? 1 : 0 }
            case .greaterEqual: for j in 0..<m { out[j] = a[j] >= b[j] ? 1 : 0 }
            case .negate, .not, .abs:
                for j in 0..<m { out[j] = NodeEvaluation.evaluate(node.op, a[j], .nan) }
            case .less, .lessEqual, .equal, .notEqual, .and, .or, .min, .max:
                for j in 0..<m { out[j] = NodeEvaluation.evaluate(node.op, a[j], b[j]) }
            case .lag:
                let lag = lags.base + i
                for j in 0..<m {
                    let cell = lag.pointee.base &+ lag.pointee.position
                    out[j] = lagRing.base[cell]
                    lagRing.base[cell] = a[j]
                    let next = lag.pointee.position &+ 1
                    lag.pointee.position = next == lag.pointee.size ? 0 : next
                }
            case .cross:
                let p = crossPrevious.base + i
                let below = out + w
                var px = p[0], py = p[1]
                for j in 0..<m {
                    let x = a[j], y = b[j]
                    out[j] = px < py && x > y ? 1 : 0
                    below[j] = px > py && x < y ? 1 : 0
                    px = x
                    py = y
                }
                p[0] = px
                p[1] = py
            case .sma:
                // The state in a local over the chunk: held in registers, not reloaded after
                // each window store (which the compiler must assume may alias it).
                var state = sma.base[i]
                let windows = smaWindows.base
                for j in 0..<m { out[j] = state.update(a[j], windows: windows) }
                sma.base[i] = state
            case .ema: for j in 0..<m { out[j] = ema.base[i].update(a[j]) }
            case .wma: for j in 0..<m { out[j] = wma.base[i].update(a[j]) }
            case .rsi: for j in 0..<m { out[j] = rsi.base[i].update(a[j]) }
            case .roc: for j in 0..<m { out[j] = roc.base[i].update(a[j]) }
            case .mom: for j in 0..<m { out[j] = mom.base[i].update(a[j]) }
            case .stddev: for j in 0..<m { out[j] = stddev.base[i].update(a[j]) }
            case .highest: for j in 0..<m { out[j] = highest.base[i].update(a[j]) }
            case .lowest: for j in 0..<m { out[j] = lowest.base[i].update(a[j]) }
            case .atr: for j in 0..<m { out[j] = Kernels.update(atr.base + i, high[j], low[j], close[j], volume[j]) }
            case .adx: for j in 0..<m { out[j] = Kernels.update(adx.base + i, high[j], low[j], close[j], volume[j]) }
            case .cci: for j in 0..<m { out[j] = Kernels.update(cci.base + i, high[j], low[j], close[j], volume[j]) }
            case .willr: for j in 0..<m { out[j] = Kernels.update(willr.base + i, high[j], low[j], close[j], volume[j]) }
            case .mfi: for j in 0..<m { out[j] = Kernels.update(mfi.base + i, high[j], low[j], close[j], volume[j]) }
            case .obv: for j in 0..<m { out[j] = Kernels.update(obv.base + i, high[j], low[j], close[j], volume[j]) }
            case .macd:
                for j in 0..<m {
                    let v = macd.base[i].update(a[j])
                    out[j] = v.macd
                    out[w + j] = v.signal
                    out[2 * w + j] = v.histogram
                }
            case .bollinger:
                for j in 0..<m {
                    let v = bollinger.base[i].update(a[j])
                    out[j] = v.upper
                    out[w + j] = v.middle
                    out[2 * w + j] = v.lower
                }
            case .stochastic:
                for j in 0..<m {
                    let v = Kernels.update(stochastic.base + i, high[j], low[j], close[j])
                    out[j] = v.k
                    out[w + j] = v.d
                }
            case .calendar:
                for j in 0..<m { out[j] = BarTime.value(node.state, at: a[j]) }
            }
        }
    }

    /// Fills a chunk's time row (row 5) with `timestamps[start ..< start + count]` as the
    /// `time` slot holds them (`BarTime.slotValue`).
    static func loadTimes(_ timestamps: [Int64], start: Int, count m: Int, into chunk: UnsafeMutablePointer<Double>, width w: Int) {
        let row = chunk + Int(PriceField.time.slot) * w
        timestamps.withUnsafeBufferPointer { t in
            for j in 0..<m { row[j] = BarTime.slotValue(t[start + j]) }
        }
    }
}
