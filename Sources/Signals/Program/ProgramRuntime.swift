/// A fixed-size array that owns its memory through a pointer: reads and in-place updates with no
/// uniqueness or exclusivity checks. Owned by exactly one `ProgramRuntime`, which frees it.
@usableFromInline
struct StateColumn<Element>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    let count: Int

    init(_ values: [Element]) {
        count = values.count
        base = .allocate(capacity: Swift.max(count, 1))
        values.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { base.initialize(from: start, count: count) }
        }
    }

    init(copying other: StateColumn<Element>) {
        count = other.count
        base = .allocate(capacity: Swift.max(count, 1))
        base.initialize(from: other.base, count: count)
    }

    func free() {
        base.deinitialize(count: count)
        base.deallocate()
    }

    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

/// The mutable state of one running `SignalProgram`: value slots, lag rings, crossing memory and
/// every indicator state, each kind in its own contiguous column. `SignalProgram` copies it on
/// write (one uniqueness check per bar), so programs keep value semantics while `step` itself
/// touches memory directly.
@usableFromInline
final class ProgramRuntime: @unchecked Sendable {
    let nodes: StateColumn<Node>
    @usableFromInline let slots: StateColumn<Double>
    let lagRing: StateColumn<Double>
    let lags: StateColumn<LagState>
    let crossPrevious: StateColumn<Double>
    let sma: StateColumn<RuntimeSMA>
    /// The windows of every `sma` state, one after another.
    let smaWindows: StateColumn<Double>
    let ema: StateColumn<EMA>
    let wma: StateColumn<WMA>
    let rsi: StateColumn<RSI>
    let roc: StateColumn<ROC>
    let mom: StateColumn<MOM>
    let stddev: StateColumn<StdDev>
    let highest: StateColumn<Highest>
    let lowest: StateColumn<Lowest>
    let atr: StateColumn<ATR>
    let adx: StateColumn<ADX>
    let cci: StateColumn<CCI>
    let willr: StateColumn<WilliamsR>
    let mfi: StateColumn<MFI>
    let obv: StateColumn<OBV>
    let macd: StateColumn<MACD>
    let bollinger: StateColumn<BollingerBands>
    let stochastic: StateColumn<Stochastic>
    /// A fresh runtime in the state right after compilation.
    init(_ b: ProgramBuilder) {
        nodes = StateColumn(b.nodes)
        slots = StateColumn(b.slots)
        lagRing = StateColumn(b.lagRing)
        lags = StateColumn(b.lags)
        crossPrevious = StateColumn(b.crossPrevious)
        var windows: [Double] = []
        let smaStates = b.bank.sma.map { RuntimeSMA($0, windows: &windows) }
        sma = StateColumn(smaStates)
        smaWindows = StateColumn(windows)
        ema = StateColumn(b.bank.ema)
        wma = StateColumn(b.bank.wma)
        rsi = StateColumn(b.bank.rsi)
        roc = StateColumn(b.bank.roc)
        mom = StateColumn(b.bank.mom)
        stddev = StateColumn(b.bank.stddev)
        highest = StateColumn(b.bank.highest)
        lowest = StateColumn(b.bank.lowest)
        atr = StateColumn(b.bank.atr)
        adx = StateColumn(b.bank.adx)
        cci = StateColumn(b.bank.cci)
        willr = StateColumn(b.bank.willr)
        mfi = StateColumn(b.bank.mfi)
        obv = StateColumn(b.bank.obv)
        macd = StateColumn(b.bank.macd)
        bollinger = StateColumn(b.bank.bollinger)
        stochastic = StateColumn(b.bank.stochastic)
    }

    /// A deep copy with the same current state.
    init(copying r: ProgramRuntime) {
        nodes = StateColumn(copying: r.nodes)
        slots = StateColumn(copying: r.slots)
        lagRing = StateColumn(copying: r.lagRing)
        lags = StateColumn(copying: r.lags)
        crossPrevious = StateColumn(copying: r.crossPrevious)
        sma = StateColumn(copying: r.sma)
        smaWindows = StateColumn(copying: r.smaWindows)
        ema = StateColumn(copying: r.ema)
        wma = StateColumn(copying: r.wma)
        rsi = StateColumn(copying: r.rsi)
        roc = StateColumn(copying: r.roc)
        mom = StateColumn(copying: r.mom)
        stddev = StateColumn(copying: r.stddev)
        highest = StateColumn(copying: r.highest)
        lowest = StateColumn(copying: r.lowest)
        atr = StateColumn(copying: r.atr)
        adx = StateColumn(copying: r.adx)
        cci = StateColumn(copying: r.cci)
        willr = StateColumn(copying: r.willr)
        mfi = StateColumn(copying: r.mfi)
        obv = StateColumn(copying: r.obv)
        macd = StateColumn(copying: r.macd)
        bollinger = StateColumn(copying: r.bollinger)
        stochastic = StateColumn(copying: r.stochastic)
    }

    deinit {
        nodes.free(); slots.free(); lagRing.free(); lags.free(); crossPrevious.free()
        sma.free(); smaWindows.free(); ema.free(); wma.free(); rsi.free(); roc.free(); mom.free(); stddev.free()
        highest.free(); lowest.free(); atr.free(); adx.free(); cci.free(); willr.free(); mfi.free()
        obv.free(); macd.free(); bollinger.free(); stochastic.free()
    }

    /// Updates every node in order for one bar. The compiler guarantees every slot and state
    /// index in `nodes` is in range.
    @inline(__always)
    func step(time: Double, open: Double, high: Double, low: Double, close: Double, volume: Double) {
        let s = slots.base
        s[0] = open
        s[1] = high
        s[2] = low
        s[3] = close
        s[4] = volume
        s[5] = time
        let nodes = self.nodes.base
        for k in 0..<self.nodes.count {
            let node = nodes[k]
            let out = Int(truncatingIfNeeded: node.out)
            let a = Int(truncatingIfNeeded: node.a)
            let b = Int(truncatingIfNeeded: node.b)
            let i = Int(truncatingIfNeeded: node.state)
            switch node.op {
            case .add: s[out] = s[a] + s[b]
            case .subtract: s[out] = s[a] - s[b]
            case .multiply: s[out] = s[a] * s[b]
            case .divide: s[out] = s[a] / s[b]
            case .greater: s[out] = s[a] > s[b] ? 1 : 0
            case .greaterEqual: s[out] = s[a] >= s[b] ? 1 : 0
            case .negate, .not, .abs:
                s[out] = NodeEvaluation.evaluate(node.op, s[a], .nan)
            case .less, .lessEqual, .equal, .notEqual, .and, .or, .min, .max:
                s[out] = NodeEvaluation.evaluate(node.op, s[a], s[b])
            case .lag:
                let lag = lags.base + i
                let cell = lag.pointee.base &+ lag.pointee.position
                s[out] = lagRing.base[cell]
                lagRing.base[cell] = s[a]
                let next = lag.pointee.position &+ 1
                lag.pointee.position = next == lag.pointee.size ? 0 : next
            case .cross:
                let p = crossPrevious.base + i
                let x = s[a], y = s[b], px = p[0], py = p[1]
                s[out] = px < py && x > y ? 1 : 0
                s[out &+ 1] = px > py && x < y ? 1 : 0
                p[0] = x
                p[1] = y
            case .sma: s[out] = sma.base[i].update(s[a], windows: smaWindows.base)
            case .ema: s[out] = ema.base[i].update(s[a])
            case .wma: s[out] = wma.base[i].update(s[a])
            case .rsi: s[out] = rsi.base[i].update(s[a])
            case .roc: s[out] = roc.base[i].update(s[a])
            case .mom: s[out] = mom.base[i].update(s[a])
            case .stddev: s[out] = stddev.base[i].update(s[a])
            case .highest: s[out] = highest.base[i].update(s[a])
            case .lowest: s[out] = lowest.base[i].update(s[a])
            case .atr: s[out] = Kernels.update(atr.base + i, high, low, close, volume)
            case .adx: s[out] = Kernels.update(adx.base + i, high, low, close, volume)
            case .cci: s[out] = Kernels.update(cci.base + i, high, low, close, volume)
            case .willr: s[out] = Kernels.update(willr.base + i, high, low, close, volume)
            case .mfi: s[out] = Kernels.update(mfi.base + i, high, low, close, volume)
            case .obv: s[out] = Kernels.update(obv.base + i, high, low, close, volume)
            case .macd:
                let v = macd.base[i].update(s[a])
                s[out] = v.macd
                s[out &+ 1] = v.signal
                s[out &+ 2] = v.histogram
            case .bollinger:
                let v = bollinger.base[i].update(s[a])
                s[out] = v.upper
                s[out &+ 1] = v.middle
                s[out &+ 2] = v.lower
            case .stochastic:
                let v = Kernels.update(stochastic.base + i, high, low, close)
                s[out] = v.k
                s[out &+ 1] = v.d
            case .calendar: s[out] = BarTime.value(node.state, at: s[a])
            }
        }
    }
}

/// Bar indicators behind one non-inlined call each. Inlined into the dispatch loop, their
/// bar-only arithmetic (typical price, finiteness checks) is hoisted out of the loop and then
/// paid on every bar by every program, whether it uses them or not.
enum Kernels {
    @inline(never) static func update(_ p: UnsafeMutablePointer<ATR>, _ h: Double, _ l: Double, _ c: Double, _ v: Double) -> Double {
        p.pointee.update(high: h, low: l, close: c, volume: v)
    }
    @inline(never) static func update(_ p: UnsafeMutablePointer<ADX>, _ h: Double, _ l: Double, _ c: Double, _ v: Double) -> Double {
        p.pointee.update(high: h, low: l, close: c, volume: v)
    }
    @inline(never) static func update(_ p: UnsafeMutablePointer<CCI>, _ h: Double, _ l: Double, _ c: Double, _ v: Double) -> Double {
        p.pointee.update(high: h, low: l, close: c, volume: v)
    }
    @inline(never) static func update(_ p: UnsafeMutablePointer<WilliamsR>, _ h: Double, _ l: Double, _ c: Double, _ v: Double) -> Double {
        p.pointee.update(high: h, low: l, close: c, volume: v)
    }
    @inline(never) static func update(_ p: UnsafeMutablePointer<MFI>, _ h: Double, _ l: Double, _ c: Double, _ v: Double) -> Double {
        p.pointee.update(high: h, low: l, close: c, volume: v)
    }
    @inline(never) static func update(_ p: UnsafeMutablePointer<OBV>, _ h: Double, _ l: Double, _ c: Double, _ v: Double) -> Double {
        p.pointee.update(high: h, low: l, close: c, volume: v)
    }
    @inline(never) static func update(_ p: UnsafeMutablePointer<Stochastic>, _ h: Double, _ l: Double, _ c: Double) -> Stochastic.Output {
        p.pointee.update(high: h, low: l, close: c)
    }
}
