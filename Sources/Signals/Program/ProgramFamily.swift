import MarketData

/// One strategy compiled under many param sets (a block of a sweep's combinations) into a
/// single program, so that what two members share is computed once per bar instead of once per
/// member.
///
/// Every member compiles into one builder, which merges identical computations (same operation,
/// operands and parameters) as it does within one strategy: with `fast` in 5…50 and `slow` in
/// 10…200, `sma(close, 20)` is one node whichever combinations use it. `columns(for:)` runs that
/// union program over a series once, with the same streaming nodes `SignalProgram` uses (node by
/// node over chunks of bars, `ProgramRuntime.stepChunk`), and records each member's rule values
/// per bar; `signals(_:reading:)` plays one member's values back to the engine. A member's values
/// are, to the bit, those its own `StrategySpec.compile()` program gives on that series, and on
/// bar t no member has seen a later bar.
///
/// Cost of `columns(for:)`: O(distinct nodes × bars) time; memory of one byte per boolean rule
/// slot and one `Double` per price rule slot, per bar.
public struct ProgramFamily: Sendable {
    /// A member that does not compile, by position.
    public struct MemberError<Underlying: Error>: Error {
        public var member: Int
        public var error: Underlying
    }

    /// Every member's nodes, merged.
    private let union: SignalProgram
    /// The slot recorded into each number column and each flag column.
    private let numberSlots: [Int]
    private let flagSlots: [Int]
    /// Per member and output position: its number column, its flag column (−1 where none;
    /// signals have neither).
    private let memberNumbers: [[Int]]
    private let memberFlags: [[Int]]
    private let memberOutputIndex: [[String: Int]]
    /// Per member: its own program's `warmUpBars`.
    private let memberWarmUps: [Int]
    /// Whether a recorded value depends on the bars' times (the time row is loaded only then).
    private let readsTime: Bool
    private let identity = Identity()
    private final class Identity: Sendable {}

    /// The number of members.
    public var count: Int { memberNumbers.count }
    /// The number of distinct nodes stepped per bar.
    public var nodeCount: Int { union.nodeCount }
    /// The number of recorded rule slots (columns per series).
    public var recordedSlotCount: Int { numberSlots.count + flagSlots.count }

    init(compilers: [ExpressionCompiler]) throws(MemberError<CompileError>) {
        var builder = ProgramBuilder()
        var numberSlots: [Int] = [], flagSlots: [Int] = []
        var numberColumn: [Int: Int] = [:], flagColumn: [Int: Int] = [:]
        var memberNumbers: [[Int]] = [], memberFlags: [[Int]] = []
        var memberOutputIndex: [[String: Int]] = []
        var memberSlots: [[Int]] = []
        func column(_ slot: Int, _ columns: inout [Int: Int], _ slots: inout [Int]) -> Int {
            if let c = columns[slot] { return c }
            columns[slot] = slots.count
            slots.append(slot)
            return slots.count - 1
        }
        for (i, compiler) in compilers.enumerated() {
            let outputs: [SignalProgram.Output]
            do { outputs = try compiler.compile(into: &builder) } catch { throw MemberError(member: i, error: error) }
            let firstRule = outputs.count - compiler.rules.count
            var numbers: [Int] = [], flags: [Int] = []
            var index: [String: Int] = [:]
            for (p, output) in outputs.enumerated() {
                if index[output.name] == nil { index[output.name] = p }
                let isRule = p >= firstRule
                numbers.append(isRule && output.type == .number ? column(output.slot, &numberColumn, &numberSlots) : -1)
                flags.append(isRule && output.type == .boolean ? column(output.slot, &flagColumn, &flagSlots) : -1)
            }
            memberNumbers.append(numbers)
            memberFlags.append(flags)
            memberOutputIndex.append(index == memberOutputIndex.last ? memberOutputIndex.last! : index)
            memberSlots.append(outputs.map(\.slot))
        }
        let first = builder.firstValueBars()
        memberWarmUps = memberSlots.map { builder.warmUpBars(outputSlots: $0, first: first) }
        readsTime = builder.readsTime(outputSlots: numberSlots + flagSlots)
        union = SignalProgram(builder: builder, outputs: [])
        self.numberSlots = numberSlots
        self.flagSlots = flagSlots
        self.memberNumbers = memberNumbers
        self.memberFlags = memberFlags
        self.memberOutputIndex = memberOutputIndex
    }

    /// Bars per chunk of `columns(for:)`: a chunk's rows (one per slot) stay in L2.
    static let chunkWidth = 256

    /// Steps the union program through every bar of `series`, a chunk of bars at a time
    /// (`ProgramRuntime.stepChunk`: the same values as bar by bar), and records each member's
    /// rules.
    public func columns(for series: BarSeries) -> FamilyColumns {
        let n = series.count
        let columns = FamilyColumns(numberColumns: numberSlots.count, flagColumns: flagSlots.count, length: n,
                                    family: ObjectIdentifier(identity))
        var program = union
        program.reset()
        let runtime = program.runtime
        let w = ProgramFamily.chunkWidth
        let slotCount = runtime.slots.count
        let chunk = UnsafeMutablePointer<Double>.allocate(capacity: slotCount * w)
        defer { chunk.deallocate() }
        // Constant rows hold their constant; node rows are written before they are read.
        for s in 0..<slotCount { (chunk + s * w).initialize(repeating: runtime.slots.base[s], count: w) }
        let numbers = columns.numbers, flags = columns.flags
        let prices = [series.open, series.high, series.low, series.close, series.volume]
        var start = 0
        while start < n {
            let m = Swift.min(w, n - start)
            for (row, values) in prices.enumerated() {
                values.withUnsafeBufferPointer { (chunk + row * w).update(from: $0.baseAddress! + start, count: m) }
            }
            if readsTime { ProgramRuntime.loadTimes(series.timestamps, start: start, count: m, into: chunk, width: w) }
            runtime.stepChunk(chunk, width: w, count: m)
            for (j, slot) in numberSlots.enumerated() { (numbers + j * n + start).update(from: chunk + slot * w, count: m) }
            for (j, slot) in flagSlots.enumerated() {
                let row = chunk + slot * w, out = flags + j * n + start
                for t in 0..<m { out[t] = row[t] == 1 ? 1 : 0 }
            }
            start += m
        }
        withExtendedLifetime(program) {}
        return columns
    }

    /// Member number `member`'s rule values on the series `columns` was made from, ready to be
    /// stepped from its first bar.
    /// - Precondition: `columns` came from this family's `columns(for:)`.
    public func signals(_ member: Int, reading columns: FamilyColumns) -> RecordedSignals {
        precondition(columns.family == ObjectIdentifier(identity), "these columns belong to another ProgramFamily")
        let n = columns.length
        return RecordedSignals(columns: columns, numberOffsets: memberNumbers[member].map { $0 < 0 ? -1 : $0 * n },
                               flagOffsets: memberFlags[member].map { $0 < 0 ? -1 : $0 * n }, outputIndex: memberOutputIndex[member],
                               warmUpBars: memberWarmUps[member])
    }
}

extension ProgramFamily {
    /// The programs of `specs` (one strategy under different params) as one family.
    /// - Throws: the first member that does not compile, with the position of its spec.
    public init(specs: [StrategySpec]) throws(MemberError<StrategyError>) {
        do {
            try self.init(compilers: specs.map(\.expressionCompiler))
        } catch {
            let spec = specs[error.member]
            throw MemberError(member: error.member, error: StrategyError(file: spec.sourcePath, key: error.error.key, .expression(error.error.error)))
        }
    }
}
