/// One `ProgramFamily` member's rule values over one series, played back bar by bar: `step`
/// moves to the next bar (its prices are not needed: the values were computed from the same
/// bars), `value(at:)` reads that bar's value. Boolean rules read 1 when they fire and 0
/// otherwise (where the program would say 0 or NaN); named signals (intermediate values, not
/// rules) are not recorded and read NaN.
///
/// The engine acts on exactly what the member's own `SignalProgram` gives on that series (a
/// rule fires when its value is 1, price rules are the same doubles); sweeps read these in place
/// of stepping one program per member.
public struct RecordedSignals: SignalSource {
    @usableFromInline let columns: FamilyColumns
    /// For each output position, the start of its number column, or −1.
    @usableFromInline let numberOffsets: [Int]
    /// For each output position, the start of its flag column, or −1.
    @usableFromInline let flagOffsets: [Int]
    @usableFromInline let length: Int
    /// The current bar (−1 before the first step).
    @usableFromInline var bar = -1
    private let outputIndex: [String: Int]
    /// The member's own program's `warmUpBars`.
    public let warmUpBars: Int

    /// The number of bars stepped so far.
    @inlinable public var barCount: Int { bar &+ 1 }

    init(columns: FamilyColumns, numberOffsets: [Int], flagOffsets: [Int], outputIndex: [String: Int], warmUpBars: Int) {
        self.warmUpBars = warmUpBars
        self.columns = columns
        self.numberOffsets = numberOffsets
        self.flagOffsets = flagOffsets
        length = columns.length
        self.outputIndex = outputIndex
    }

    /// Moves to the next bar (the time and prices passed are not read: the values were
    /// computed from the same series, times included).
    @inlinable @inline(__always)
    public mutating func step(time: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double) {
        bar &+= 1
    }

    /// Moves to the next bar, as `step(time:…)`.
    @inlinable @inline(__always)
    public mutating func step(open: Double, high: Double, low: Double, close: Double, volume: Double) {
        bar &+= 1
    }

    @inlinable @inline(__always)
    public func value(at position: Int) -> Double {
        guard bar >= 0 && bar < length else { return .nan }
        let flag = flagOffsets[position]
        if flag >= 0 { return columns.flags[flag &+ bar] == 1 ? 1 : 0 }
        let number = numberOffsets[position]
        return number < 0 ? .nan : columns.numbers[number &+ bar]
    }

    public func outputPosition(named name: String) -> Int? { outputIndex[name] }
}
