import Testing
@testable import MarketData

/// Each quality rule fires on the case it names, and stays quiet on clean data.
@Suite struct QualityCheckTests {
    private func series(_ closes: [Double], start: Int64 = 1_704_153_600, step: Int64 = 86_400, interval: Interval = .daily) -> BarSeries {
        var s = BarSeries(symbol: "T", interval: interval)
        for (i, c) in closes.enumerated() {
            s.append(Bar(timestamp: start + Int64(i) * step, open: c, high: c * 1.01, low: c * 0.99, close: c, volume: 100))
        }
        return s
    }

    private func rules(_ findings: [QualityFinding]) -> Set<QualityRule> { Set(findings.map(\.rule)) }

    @Test func cleanGoogHasNoErrorFindings() throws {
        let s = try #require(try Fixtures.parse(Fixtures.data("GOOG_daily_2004-2013.csv")).series.first)
        #expect(!QualityCheck().check(fileOrder: s).contains { $0.rule.severity == .error })
    }

    /// The rows of `BAD_quality.csv` as bars (the ingest now rejects its -1 close and -5
    /// volume, so the rules are run on bars built here, as a store written by other means
    /// could hold them).
    @Test func syntheticSeriesBreaksEachErrorRule() throws {
        var s = BarSeries(symbol: "BAD", interval: .daily)
        let day: Int64 = 1_704_153_600  // 2024-01-02
        s.append(Bar(timestamp: day, open: 10, high: 11, low: 9, close: 10.5, volume: 100))
        s.append(Bar(timestamp: day + 86_400, open: 10.5, high: 10.6, low: 10.8, close: 10.7, volume: 100))
        s.append(Bar(timestamp: day + 2 * 86_400, open: 10.7, high: 11, low: 10.5, close: -1, volume: 100))
        s.append(Bar(timestamp: day + 2 * 86_400, open: 10.7, high: 11, low: 10.5, close: 10.9, volume: -5))
        let found = rules(QualityCheck().check(fileOrder: s))
        #expect(found.isSuperset(of: [.ohlcInconsistent, .nonPositivePrice, .negativeVolume, .duplicateTimestamp]))
    }

    @Test func lowAboveTheOpenIsInconsistent() {
        var s = series([10, 10.5, 10.7])
        s.low[1] = 10.6  // above open 10.5
        let f = QualityCheck().check(stored: s)
        #expect(f.map(\.rule) == [.ohlcInconsistent] && f[0].timestamp == s.timestamps[1])
    }

    @Test func weekendIsNotAGapButFiveDaysIs() {
        // Friday 2024-01-05 to Monday 2024-01-08 (3 days): fine. Then a 5-day hole.
        var s = BarSeries(symbol: "T", interval: .daily)
        for (day, c) in [(5, 10.0), (8, 10.1), (13, 10.2)] {
            s.append(Bar(timestamp: CivilTime.epochSeconds(year: 2024, month: 1, day: day), open: c, high: c, low: c, close: c, volume: 1))
        }
        let gaps = QualityCheck().check(stored: s).filter { $0.rule == .gap }
        #expect(gaps.count == 1 && gaps[0].timestamp == s.timestamps[2])
    }

    @Test func monthlyBarsAllowAMonthButNotTwo() {
        let month: Int64 = 2_629_746
        var s = series([1, 2, 3, 4], step: month, interval: .monthly)
        #expect(QualityCheck().check(stored: s).filter { $0.rule == .gap }.isEmpty)
        s.timestamps[3] += 2 * month
        #expect(QualityCheck().check(stored: s).filter { $0.rule == .gap }.count == 1)
    }

    @Test func spikeNeedsTenRollingStandardDeviations() {
        var closes: [Double] = [100]
        for i in 1...30 { closes.append(closes[i - 1] * (i % 2 == 0 ? 1.01 : 0.99)) }
        closes.append(closes.last! * 1.5)  // log return 0.405 against a ~0.01 spread
        let f = QualityCheck().check(stored: series(closes)).filter { $0.rule == .spike }
        #expect(f.count == 1 && f[0].timestamp == series(closes).timestamps.last)
        // The same jump within the first 20 returns is not judged (no spread yet).
        #expect(QualityCheck().check(stored: series([100, 101, 150])).filter { $0.rule == .spike }.isEmpty)
    }

    @Test func fiveIdenticalBarsAreAStaleRunFourAreNot() {
        let four = QualityCheck().check(stored: series([1, 2, 2, 2, 2, 3]))
        #expect(!rules(four).contains(.staleRun))
        let six = QualityCheck().check(stored: series([1, 2, 2, 2, 2, 2, 2, 3]))
        let runs = six.filter { $0.rule == .staleRun }
        #expect(runs.count == 1 && runs[0].detail.hasPrefix("6 identical bars"))
    }

    @Test func descendingFileIsNotOutOfOrderButShuffledIs() throws {
        let msft = try #require(try Fixtures.parse(Fixtures.data("MSFT_daily_2003_descending.csv")).series.first)
        #expect(!rules(QualityCheck().check(fileOrder: msft)).contains(.outOfOrder))
        let shuffled = msft.permuted(by: [1, 0] + Array(2..<msft.count))
        #expect(rules(QualityCheck().check(fileOrder: shuffled)).contains(.outOfOrder))
    }

    @Test func findingsPerRuleAreCappedWithACount() {
        var s = series(Array(repeating: 10, count: 50).enumerated().map { 10 + Double($0.offset) })
        for i in 0..<s.count { s.volume[i] = -1 }
        var check = QualityCheck()
        check.maxFindingsPerRule = 5
        let f = check.check(stored: s).filter { $0.rule == .negativeVolume }
        #expect(f.count == 6 && f.last!.detail.hasPrefix("45 more negative_volume findings"))
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func matchesTheRecordedDigestOfTheGoogFile() throws {
        #expect(SHA256.hex(try Fixtures.bytes(Fixtures.data("GOOG_daily_2004-2013.csv"))).hasPrefix("60e961a567490b15"))
    }
}
