import Engine
import MarketData

/// Walk-forward analysis (`--walk-forward TRAIN:TEST`, in bars): optimise on each training
/// window, run the winner on the test window that follows, and stitch the out-of-sample equity.
///
/// Rolling folds: fold k trains on bars [k·TEST, k·TEST + TRAIN) and tests on the next TEST bars;
/// anchored folds train on [0, TRAIN + k·TEST) instead. A test run sees only its own window (its
/// indicators warm up inside it), so nothing of the future and nothing of the optimisation data
/// leaks in. The stitched curve chains each test run's equity, scaled to start where the previous
/// one ended. Trades keep their bar indices as `barwise run` writes them: positions in the
/// symbol's loaded series (a test run numbers its bars from 0, so they are shifted by the test
/// window's first bar). Every summary is annualised with the whole series' N.
public struct WalkForward: Sendable {
    public let train: Int
    public let test: Int
    public let anchored: Bool

    /// One fold's windows, as bar index ranges into the symbol's series.
    public struct Fold: Sendable, Equatable {
        public var train: Range<Int>
        public var test: Range<Int>
    }

    /// Parses `TRAIN:TEST`, both whole numbers of bars ≥ 2.
    public init(parsing text: String, anchored: Bool) throws(SweepError) {
        let parts = text.split(separator: ":").map { Int($0) }
        guard parts.count == 2, let train = parts[0], let test = parts[1], train >= 2, test >= 2 else {
            throw .malformedAxis(text, reason: "--walk-forward takes TRAIN:TEST in bars, both at least 2 (e.g. 504:126)")
        }
        self.train = train
        self.test = test
        self.anchored = anchored
    }

    /// The folds that fit in `bars` bars (a last, shorter test window is dropped).
    public func folds(bars: Int) -> [Fold] {
        var out: [Fold] = []
        var k = 0
        while true {
            let testStart = train + k * test
            guard testStart + test <= bars else { break }
            out.append(Fold(train: (anchored ? 0 : k * test)..<testStart, test: testStart..<(testStart + test)))
            k += 1
        }
        return out
    }

    /// The result of one fold on one symbol.
    public struct FoldResult: Sendable {
        public var symbol: String
        public var fold: Int
        public var window: Fold
        public var best: SweepRunner.Row
        public var inSample: RunSummary
        public var outOfSample: RunSummary
        /// The test run's closed trades, bars indexed into the symbol's series.
        public var trades: [ClosedTrade]
    }

    /// A symbol's folds and its stitched out-of-sample run.
    public struct SymbolResult: Sendable {
        public var symbol: String
        public var folds: [FoldResult]
        /// Test-window timestamps and the chained out-of-sample equity.
        public var timestamps: [Int64]
        public var equity: [Double]
        /// Every fold's closed trades in time order, bars indexed into the symbol's series.
        public var trades: [ClosedTrade]
        public var summary: RunSummary
    }

    /// Runs the walk-forward for every symbol of `runner.series` (one symbol at a time).
    public func run(_ runner: SweepRunner, rank metric: SweepMetric) throws -> [SymbolResult] {
        try runner.series.map { series in
            let folds = folds(bars: series.count)
            guard !folds.isEmpty else {
                throw SweepError.malformedAxis("\(train):\(test)", reason: "\(series.symbol) has \(series.count) bars, fewer than one fold needs (\(train + test))")
            }
            var results: [FoldResult] = []
            let n = RunSummary.periodsPerYear(for: series)
            var stitched = RunResult(symbols: [series.symbol], initialCash: runner.cash ?? runner.spec.portfolio.cash)
            for (k, fold) in folds.enumerated() {
                var inner = runner
                inner.series = [series.slice(fold.train)]
                inner.portfolio = false
                let ranked = metric.rank(try inner.run())
                guard let best = ranked.first else { continue }
                var test = try runner.runResult(combination: best.combination, series: [series.slice(fold.test)])
                test.shiftBars(by: fold.test.lowerBound)
                let scale = (stitched.equity.last ?? stitched.initialCash) / (test.equity.first ?? 1)
                stitched.timestamps += test.timestamps
                stitched.equity += test.equity.map { $0 * scale }
                stitched.trades += test.trades
                stitched.exposedBars += test.exposedBars
                results.append(FoldResult(
                    symbol: series.symbol, fold: k + 1, window: fold, best: best, inSample: best.summary,
                    outOfSample: RunSummary(result: test, periodsPerYear: n), trades: test.trades))
            }
            let summary = RunSummary(result: stitched, periodsPerYear: n)
            return SymbolResult(symbol: series.symbol, folds: results, timestamps: stitched.timestamps, equity: stitched.equity,
                                trades: stitched.trades, summary: summary)
        }
    }
}

extension RunResult {
    /// Renumbers the bars of a run over a slice of a series starting at bar `offset` as bars of
    /// the whole series: trades (closed and open) and orders.
    mutating func shiftBars(by offset: Int) {
        for i in trades.indices {
            trades[i].entryBar += offset
            trades[i].exitBar += offset
        }
        for i in openTrades.indices { openTrades[i].entryBar += offset }
        for i in orders.indices {
            orders[i].createdBar += offset
            orders[i].bar += offset
        }
    }
}

extension BarSeries {
    /// The bars at positions `range`, as their own series.
    func slice(_ range: Range<Int>) -> BarSeries {
        var s = BarSeries(symbol: symbol, interval: interval)
        s.timestamps = Array(timestamps[range])
        s.open = Array(open[range])
        s.high = Array(high[range])
        s.low = Array(low[range])
        s.close = Array(close[range])
        s.volume = Array(volume[range])
        s.adjClose = Array(adjClose[range])
        return s
    }
}
