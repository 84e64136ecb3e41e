/// Accumulates the slots, nodes and states of a `SignalProgram` while the compiler walks the
/// expressions. Every node is looked up by its `NodeKey` first, so a computation asked for twice
/// is emitted once; nodes are appended after their operands, which makes the node array a
/// topological order by construction.
struct ProgramBuilder {
    /// Slot values at the start: inputs (NaN), constants, and NaN for computed slots.
    private(set) var slots: [Double] = Array(repeating: .nan, count: PriceField.allCases.count)
    private(set) var nodes: [Node] = []
    private(set) var lagRing: [Double] = []
    private(set) var lags: [LagState] = []
    private(set) var crossPrevious: [Double] = []
    var bank = IndicatorBank()
    private var keys: [NodeKey: Int32] = [:]
    private var constants: [UInt64: Int32] = [:]

    /// The slot holding a constant (one slot per distinct value).
    mutating func constant(_ value: Double) -> Int32 {
        // Every bit pattern its own slot (0 and -0 too): a program reads exactly the constant
        // it was written with, also when it shares a builder with others (`ProgramFamily`).
        let bits = value.bitPattern
        if let slot = constants[bits] { return slot }
        let slot = Int32(slots.count)
        slots.append(value)
        constants[bits] = slot
        return slot
    }

    /// A fresh slot whose value is set from outside before each evaluation (a `ScalarFormula`
    /// variable): never shared with a constant, never folded.
    mutating func input() -> Int32 {
        let slot = Int32(slots.count)
        slots.append(.nan)
        return slot
    }

    /// The slot of the node computing `key`, emitting it with `make(outSlot)` when it is new.
    mutating func node<E: Error>(_ key: NodeKey, width: Int = 1, _ make: (inout ProgramBuilder, Int32) throws(E) -> Node) throws(E) -> Int32 {
        if let slot = keys[key] { return slot }
        let out = Int32(slots.count)
        let node = try make(&self, out)
        slots.append(contentsOf: repeatElement(.nan, count: width))
        nodes.append(node)
        keys[key] = out
        return out
    }

    /// A simple operation on one or two slots.
    mutating func operation(_ op: Node.Op, _ a: Int32, _ b: Int32 = -1, commutative: Bool = false) -> Int32 {
        let (x, y) = commutative && b < a ? (b, a) : (a, b)
        return node(.node(op, a: x, b: y)) { _, out in Node(op: op, out: out, a: x, b: y) }
    }

    /// `source` from `bars` bars ago; `bars` ≥ 1.
    mutating func lag(_ source: Int32, bars: Int) -> Int32 {
        node(.lag(source, bars)) { builder, out in
            let state = Int32(builder.lags.count)
            builder.lags.append(LagState(base: builder.lagRing.count, size: bars))
            builder.lagRing.append(contentsOf: repeatElement(.nan, count: bars))
            return Node(op: .lag, out: out, a: source, state: state)
        }
    }

    /// A strict crossing of `a` over (`above`) or under `b`. One node computes both directions
    /// for a pair of operands in canonical (slot) order, since `cross_below(a, b)` is
    /// `cross_above(b, a)`.
    mutating func cross(above: Bool, _ a: Int32, _ b: Int32) -> Int32 {
        let (x, y) = a <= b ? (a, b) : (b, a)
        let base = node(.node(.cross, a: x, b: y), width: 2) { builder, out in
            let state = Int32(builder.crossPrevious.count)
            builder.crossPrevious.append(contentsOf: [.nan, .nan])
            return Node(op: .cross, out: out, a: x, b: y, state: state)
        }
        // above(x, y) lives at base, below(x, y) = above(y, x) at base + 1.
        return above == (a == x) ? base : base + 1
    }
}

extension ProgramBuilder {
    /// A calendar field of the current bar's time (`hour()`, `weekday()`, …).
    mutating func calendar(_ field: BarTime.Field) -> Int32 {
        node(.calendar(field)) { _, out in Node(op: .calendar, out: out, a: PriceField.time.slot, state: field.rawValue) }
    }

    /// Whether stepping needs the bars' times: a node reads the `time` slot, or one of
    /// `outputSlots` is that slot. Programs that do not are stepped without loading them.
    func readsTime(outputSlots: [Int]) -> Bool {
        let time = PriceField.time.slot
        return outputSlots.contains(Int(time)) || nodes.contains { $0.a == time || $0.b == time }
    }
}

/// The ring buffer of one lag node inside the program's shared lag store.
struct LagState: Sendable, Equatable {
    var base: Int
    var size: Int
    var position = 0

    init(base: Int, size: Int) {
        self.base = base
        self.size = size
    }
}
