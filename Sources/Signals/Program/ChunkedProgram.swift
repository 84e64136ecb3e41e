import MarketData

/// A `SignalProgram` stepped through one series known in advance, a chunk of bars ahead: each
/// chunk runs node by node (`ProgramRuntime.stepChunk`, as `ProgramFamily` does), so the
/// dispatch on a node's operation is paid once per chunk and an indicator's state stays in
/// registers over the chunk, instead of both once per bar. `step` then moves to the next bar
/// of the chunk and `value(at:)` reads it.
///
/// The values are exactly those of `SignalProgram.step` over the same bars (the chunked step
/// computes the same operations in the same order; `ChunkedStepTests`), and `finish()` hands
/// back the program in the state bar-by-bar stepping leaves it in. The engine's single-symbol
/// `replay` reads its rules from one of these.
///
/// A single-owner cursor: it owns its chunk memory until `finish()`; do not use a copy of it.
public struct ChunkedProgram: SignalSource, @unchecked Sendable {
    @usableFromInline var program: SignalProgram
    private let series: BarSeries
    /// One row of `ProgramFamily.chunkWidth` values per slot.
    @usableFromInline let chunk: UnsafeMutablePointer<Double>
    /// For each output position, where its row starts in `chunk`.
    @usableFromInline let outputRows: [Int]
    /// The current bar's column in the chunk (−1 before the first step).
    @usableFromInline var column = -1
    /// Bars in the current chunk.
    @usableFromInline var filled = 0
    /// The series index of the next chunk's first bar.
    private var nextBar = 0
    /// Bars stepped through this cursor.
    @usableFromInline var stepped = 0
    public let warmUpBars: Int

    /// A cursor over `series` from its first bar, continuing `program` from its current state.
    public init(_ program: SignalProgram, series: BarSeries) {
        var program = program
        program.makeRuntimeUnique()
        let runtime = program.runtime
        let w = ProgramFamily.chunkWidth
        let slotCount = runtime.slots.count
        chunk = .allocate(capacity: slotCount * w)
        // Constant rows hold their constant; node rows are written before they are read.
        for s in 0..<slotCount { (chunk + s * w).initialize(repeating: runtime.slots.base[s], count: w) }
        outputRows = program.outputSlots.map { $0 * w }
        warmUpBars = program.warmUpBars
        self.program = program
        self.series = series
    }

    @inlinable public var barCount: Int { program.barCount &+ stepped }

    /// Moves to the next bar of the series (the time and prices passed are that bar's and are
    /// not read: the chunk was computed from the series).
    @inlinable @inline(__always)
    public mutating func step(time: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double) {
        stepped &+= 1
        column &+= 1
        if column == filled { advanceChunk() }
    }

    /// Moves to the next bar of the series, as `step(time:…)`: the times come from the series,
    /// so time functions hold their values here too.
    @inlinable @inline(__always)
    public mutating func step(open: Double, high: Double, low: Double, close: Double, volume: Double) {
        stepped &+= 1
        column &+= 1
        if column == filled { advanceChunk() }
    }

    /// The current bar's value of output number `position`.
    @inlinable @inline(__always)
    public func value(at position: Int) -> Double { chunk[outputRows[position] &+ column] }

    public func outputPosition(named name: String) -> Int? { program.outputPosition(named: name) }

    /// Computes the next chunk of bars.
    @usableFromInline @inline(never)
    mutating func advanceChunk() {
        let n = series.count
        precondition(nextBar < n, "ChunkedProgram stepped past the end of its series")
        let w = ProgramFamily.chunkWidth
        let m = Swift.min(w, n - nextBar)
        let start = nextBar
        // Row by row, without an array of the five columns (an allocation per chunk).
        let chunk = self.chunk
        func load(_ values: [Double], row: Int) {
            values.withUnsafeBufferPointer { (chunk + row * w).update(from: $0.baseAddress! + start, count: m) }
        }
        load(series.open, row: 0)
        load(series.high, row: 1)
        load(series.low, row: 2)
        load(series.close, row: 3)
        load(series.volume, row: 4)
        if program.readsTime { ProgramRuntime.loadTimes(series.timestamps, start: start, count: m, into: chunk, width: w) }
        program.runtime.stepChunk(chunk, width: w, count: m)
        nextBar += m
        filled = m
        column = 0
    }

    /// Ends the cursor: frees the chunk and returns the program with every slot holding the
    /// last bar's value and `barCount` counting the bars stepped, as bar-by-bar stepping leaves it.
    public consuming func finish() -> SignalProgram {
        if column >= 0 {
            let w = ProgramFamily.chunkWidth
            let slots = program.runtime.slots
            for s in 0..<slots.count { slots.base[s] = chunk[s * w + column] }
            // The time row is loaded only for programs that read it; the slot holds the bar's time
            // either way, as `step(time:…)` leaves it.
            slots.base[Int(PriceField.time.slot)] = BarTime.slotValue(series.timestamps[nextBar - filled + column])
        }
        chunk.deallocate()
        program.barCount += stepped
        return program
    }
}
