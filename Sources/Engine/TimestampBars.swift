import MarketData

/// The bars of one timestamp as `Simulation`'s step reads them: for each of `count` bars, the
/// symbol's number in the run, the bar's 0-based position in that symbol's series, and the bar.
///
/// Two shapes feed the one step: `BarBatch` (any number of symbols: the multi-symbol backtest
/// and the stream) and `SingleBar` (the single-symbol replay, one bar per timestamp). The step is
/// generic over them, so each caller gets it specialised with no indirection.
public protocol TimestampBars {
    /// The timestamp every bar carries (UTC epoch seconds).
    var timestamp: Int64 { get }
    /// The number of bars (symbols with a bar at `timestamp`).
    var count: Int { get }
    /// The run's number of the symbol of bar `j` (`0 ..< count`).
    func symbol(_ j: Int) -> Int
    /// Bar `j`'s 0-based position in its symbol's series.
    func index(_ j: Int) -> Int
    /// Bar `j`.
    func bar(_ j: Int) -> Bar
}

extension TimestampBars {
    /// The position among the bars of symbol number `s`, or nil when it has no bar here. O(count).
    func position(ofSymbol s: Int) -> Int? {
        for j in 0..<count where symbol(j) == s { return j }
        return nil
    }
}

/// One bar of the run's only symbol (number 0): the single-symbol replay's timestamp.
public struct SingleBar: TimestampBars {
    public var value: Bar
    /// The bar's position in the series.
    public var position: Int

    @inline(__always)
    public init(_ bar: Bar, index: Int) {
        value = bar
        position = index
    }

    public var timestamp: Int64 { @inline(__always) get { value.timestamp } }
    public var count: Int { @inline(__always) get { 1 } }
    @inline(__always) public func symbol(_ j: Int) -> Int { 0 }
    @inline(__always) public func index(_ j: Int) -> Int { position }
    @inline(__always) public func bar(_ j: Int) -> Bar { value }
}
