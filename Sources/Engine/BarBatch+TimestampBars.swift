import MarketData

extension BarBatch: TimestampBars {
    @inline(__always) public func symbol(_ j: Int) -> Int { symbols[j] }
    @inline(__always) public func index(_ j: Int) -> Int { indices[j] }
    @inline(__always) public func bar(_ j: Int) -> Bar { bars[j] }
}
