import MarketData

/// One strategy compiled under many param sets (a sweep's combinations) so that a computation
/// two or more of them share is done once per series instead of once per member.
///
/// All members compile into one builder, which merges identical computations (same operation,
/// operands and parameters) as it does within one program: with `fast` in 5…50 and `slow` in
/// 10…200, `sma(close, 20)` is one node whichever combinations use it. A node needed by two or
/// more members is *shared*: `columns(for:)` steps the shared nodes (and what they read) through
/// a series once, with the same streaming indicators, and records their values per bar; each
/// member then reads those values back through `.column` nodes and computes only what is its
/// own (here, its crossing). A member therefore produces exactly, to the bit, what its own
/// `StrategySpec.compile()` program produces on that series, bar by bar, and still never sees a
/// later bar than the one it is on.
///
/// Cost: `columns(for:)` is O(shared nodes × bars) and holds one `Double` per shared slot and bar.
public struct ProgramFamily: Sendable {
    /// A member that does not compile, by position.
    public struct MemberError<Underlying: Error>: Error {
        public var member: Int
        public var error: Underlying
    }

    /// Each member with its shared nodes as `.column` reads (slots numbered as in the union).
    private let members: [SignalProgram]
    /// The shared nodes and everything they read, in topological order.
    private let recorder: SignalProgram
    /// The slot recorded into each column.
    private let recorded: [Int]
    private let identity = Identity()
    private final class Identity: Sendable {}

    /// The number of members.
    public var count: Int { members.count }
    /// The number of shared slots (columns per series).
    public var sharedSlotCount: Int { recorded.count }

    /// Compiles every member into one builder and splits the shared nodes out.
    init(compilers: [ExpressionCompiler]) throws(MemberError<CompileError>) {
        var union = ProgramBuilder()
        var outputs: [[SignalProgram.Output]] = []
        for (i, compiler) in compilers.enumerated() {
            do { outputs.append(try compiler.compile(into: &union)) } catch { throw MemberError(member: i, error: error) }
        }
        let nodes = union.nodes
        // The node writing each slot (-1 for prices and constants).
        var producer = [Int](repeating: -1, count: union.slots.count)
        for (k, node) in nodes.enumerated() {
            for j in 0..<node.width { producer[Int(node.out) + j] = k }
        }
        func dependencies(of roots: [Int], into seen: inout [Bool]) {
            var stack = roots
            while let k = stack.popLast() {
                guard !seen[k] else { continue }
                seen[k] = true
                for input in [nodes[k].a, nodes[k].b] where input >= 0 && producer[Int(input)] >= 0 {
                    stack.append(producer[Int(input)])
                }
            }
        }
        var needs: [[Bool]] = []
        var uses = [Int](repeating: 0, count: nodes.count)
        for memberOutputs in outputs {
            var seen = [Bool](repeating: false, count: nodes.count)
            dependencies(of: memberOutputs.map { producer[$0.slot] }.filter { $0 >= 0 }, into: &seen)
            for k in nodes.indices where seen[k] { uses[k] += 1 }
            needs.append(seen)
        }
        let shared = uses.map { $0 >= 2 }
        var recorderNodes = [Bool](repeating: false, count: nodes.count)
        dependencies(of: nodes.indices.filter { shared[$0] }, into: &recorderNodes)
        var recorded: [Int] = []
        var column = [Int: Int32]()
        for k in nodes.indices where shared[k] {
            for j in 0..<nodes[k].width {
                column[Int(nodes[k].out) + j] = Int32(recorded.count)
                recorded.append(Int(nodes[k].out) + j)
            }
        }
        self.recorded = recorded
        recorder = SignalProgram(builder: union.keeping(nodes: nodes.indices.filter { recorderNodes[$0] }.map { nodes[$0] }), outputs: [])
        members = zip(needs, outputs).map { seen, memberOutputs in
            var own: [Node] = []
            for k in nodes.indices where seen[k] {
                if shared[k] {
                    for j in 0..<nodes[k].width {
                        let slot = Int(nodes[k].out) + j
                        own.append(Node(op: .column, out: Int32(slot), state: column[slot]!))
                    }
                } else {
                    own.append(nodes[k])
                }
            }
            return SignalProgram(builder: union.keeping(nodes: own), outputs: memberOutputs)
        }
    }

    /// Steps the shared nodes through every bar of `series` and records their values. Members
    /// read them with `program(_:reading:)` while replaying the same bars from the first.
    public func columns(for series: BarSeries) -> SharedColumns {
        let n = series.count
        let columns = SharedColumns(count: recorded.count, length: n, family: ObjectIdentifier(identity))
        guard !recorded.isEmpty else { return columns }
        var program = recorder
        program.reset()
        let out = columns.base
        for t in 0..<n {
            program.step(open: series.open[t], high: series.high[t], low: series.low[t], close: series.close[t], volume: series.volume[t])
            for (j, slot) in recorded.enumerated() { out[j &* n &+ t] = program.slotValue(slot) }
        }
        return columns
    }

    /// Member number `member`, fresh, reading `columns`: run it over the series `columns` was
    /// made from, starting at its first bar.
    /// - Precondition: `columns` came from this family's `columns(for:)`.
    public func program(_ member: Int, reading columns: SharedColumns) -> SignalProgram {
        precondition(columns.family == ObjectIdentifier(identity), "these columns belong to another ProgramFamily")
        return members[member].reading(columns)
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
