import Testing
@testable import MarketData

/// The stream's path (NDJSON tick lines → `NDJSONLineParser` → `TickAggregator`) and the file
/// path (`barwise ingest --ticks`: tick CSV → `TickFileParser`) build the same bars from the
/// same trades.
@Suite struct TickPathsAgreementTests {
    /// 2,000 trades over about 40 minutes with quiet gaps, times in milliseconds.
    private func trades() -> [(time: Int64, price: Double, size: Double)] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var t: Int64 = 1_704_067_200_000
        var price = 100.0
        var out: [(Int64, Double, Double)] = []
        for k in 0..<2_000 {
            t += Int64(next() * 2_000) + (k % 500 == 499 ? 180_000 : 0)
            price = ((price * (1 + (next() - 0.5) * 0.002)) * 100).rounded() / 100
            out.append((t, price, (next() * 1_000).rounded() / 1_000))
        }
        return out
    }

    @Test func streamAggregationEqualsTickFileIngest() throws {
        let ticks = trades()
        let parser = NDJSONLineParser()
        var aggregator = try TickAggregator(interval: Interval(count: 1, unit: .minute))
        var streamed: [Bar] = []
        for tick in ticks {
            let line = "{\"symbol\":\"T\",\"time\":\(tick.time),\"price\":\(tick.price),\"size\":\(tick.size)}"
            guard case let .tick(_, time, price, size) = try parser.parse(line) else { Issue.record("not a tick"); return }
            if let bar = try aggregator.add(timeMillis: time, price: price, size: size) { streamed.append(bar) }
        }
        if let bar = aggregator.flush() { streamed.append(bar) }

        let csv = "time,price,size\n" + ticks.map { "\($0.time),\($0.price),\($0.size)" }.joined(separator: "\n")
        let options = ParseOptions(fileName: "T.csv", symbol: "T", interval: Interval(count: 1, unit: .minute))
        let series = try #require(try InputParser.parse(Array(csv.utf8), format: .ticks, options: options).series.first)
        #expect(streamed.count > 30 && streamed.count == series.count)
        #expect(streamed == (0..<series.count).map { series[$0] })
    }
}
