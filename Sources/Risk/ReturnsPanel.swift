import Foundation
import MarketData

/// Simple returns of several symbols on a common calendar: a T×N `Matrix` (rows = dates,
/// columns = symbols in the given order) and the stamp of each return row.
public struct ReturnsPanel: Sendable {
    /// How dates are aligned across symbols.
    public enum Alignment: String, Sendable {
        /// Only dates on which every symbol has a close; returns between consecutive such dates
        /// (pandas `prices.dropna(how="any").pct_change()`). The default.
        case completeRows = "complete"
        /// Every date any symbol has; a return is NaN when either close is missing (pandas
        /// `pct_change(fill_method=None)`), rows where all are NaN dropped. Covariances are then
        /// pairwise-complete and need `Covariance.repairedPSD`.
        case pairwiseComplete = "pairwise"
    }

    /// Column order of `returns`.
    public var symbols: [String]
    /// The stamp of each return row (the later of the two closes).
    public var timestamps: [Int64]
    /// T×N simple returns, NaN where missing (pairwise alignment only).
    public var returns: Matrix
    public var alignment: Alignment

    /// Builds the panel from price columns on a shared ascending calendar (NaN = no close).
    public init(symbols: [String], timestamps priceStamps: [Int64], prices: [[Double]], alignment: Alignment = .completeRows) throws(RiskError) {
        precondition(prices.count == symbols.count && prices.allSatisfy { $0.count == priceStamps.count }, "ReturnsPanel: shape mismatch")
        self.symbols = symbols
        self.alignment = alignment
        var rowsKept: [Int] = []
        switch alignment {
        case .completeRows:
            for t in priceStamps.indices where prices.allSatisfy({ $0[t].isFinite }) { rowsKept.append(t) }
            guard !rowsKept.isEmpty else { throw .noCommonDates(symbols: symbols) }
            guard rowsKept.count >= 3 else { throw .tooFewObservations(count: max(0, rowsKept.count - 1), needed: 2) }
            var m = Matrix(rows: rowsKept.count - 1, columns: symbols.count)
            for (j, column) in prices.enumerated() {
                for k in 1..<rowsKept.count { m[k - 1, j] = column[rowsKept[k]] / column[rowsKept[k - 1]] - 1 }
            }
            returns = m
            timestamps = rowsKept.dropFirst().map { priceStamps[$0] }
        case .pairwiseComplete:
            var cols = [[Double]](repeating: [], count: symbols.count)
            var stamps: [Int64] = []
            for t in priceStamps.indices.dropFirst() {
                var any = false
                let row = prices.map { c -> Double in
                    let r = c[t] / c[t - 1] - 1
                    if r.isFinite { any = true; return r }
                    return .nan
                }
                guard any else { continue }
                stamps.append(priceStamps[t])
                for j in row.indices { cols[j].append(row[j]) }
            }
            guard stamps.count >= 2 else { throw .tooFewObservations(count: stamps.count, needed: 2) }
            returns = Matrix(columns: cols)
            timestamps = stamps
        }
    }

    /// Builds the panel from loaded series (their closes), aligned on the union of their stamps.
    public init(series: [BarSeries], alignment: Alignment = .completeRows) throws(RiskError) {
        var all = Set<Int64>()
        for s in series { all.formUnion(s.timestamps) }
        let stamps = all.sorted()
        var index: [Int64: Int] = [:]
        index.reserveCapacity(stamps.count)
        for (i, t) in stamps.enumerated() { index[t] = i }
        let prices = series.map { s -> [Double] in
            var column = [Double](repeating: .nan, count: stamps.count)
            for k in s.timestamps.indices { column[index[s.timestamps[k]]!] = s.close[k] }
            return column
        }
        try self.init(symbols: series.map(\.symbol), timestamps: stamps, prices: prices, alignment: alignment)
    }

    /// Number of return rows.
    public var count: Int { returns.rows }

    /// The per-period covariance: sample (complete rows) or pairwise-complete repaired to PSD.
    public func sampleCovariance() throws(RiskError) -> Matrix {
        switch alignment {
        case .completeRows: return try Covariance.sample(returns)
        case .pairwiseComplete: return try Covariance.repairedPSD(try Covariance.pairwise(returns))
        }
    }

    /// Ledoit–Wolf covariance; missing returns count as 0 (PyPortfolioOpt's convention).
    public func ledoitWolfCovariance() throws(RiskError) -> Matrix {
        var r = returns
        for k in r.values.indices where r.values[k].isNaN { r.values[k] = 0 }
        return try Covariance.ledoitWolf(r).covariance
    }

    /// Exponentially weighted covariance with a half-life of `halfLife` periods
    /// (`Covariance.ewma`); needs complete rows.
    public func ewmaCovariance(halfLife: Double) throws(RiskError) -> Matrix {
        guard alignment == .completeRows else {
            throw .invalidArgument("the EWMA covariance needs complete rows (drop --pairwise)")
        }
        return try Covariance.ewma(returns, halfLife: halfLife)
    }

    /// Arithmetic mean return per period of each column (NaN skipped).
    public var meanReturns: [Double] {
        (0..<returns.columns).map { j in
            var s = 0.0, c = 0
            for i in 0..<returns.rows where !returns[i, j].isNaN { s += returns[i, j]; c += 1 }
            return s / Double(c)
        }
    }

    /// PyPortfolioOpt's `mean_historical_return`: ∏(1 + r)^(F/count) − 1 per column (geometric,
    /// annual for F = 252), NaN returns skipped.
    public func geometricAnnualReturns(periodsPerYear f: Double = 252) -> [Double] {
        (0..<returns.columns).map { j in
            var g = 1.0, c = 0
            for i in 0..<returns.rows where !returns[i, j].isNaN { g *= 1 + returns[i, j]; c += 1 }
            return pow(g, f / Double(c)) - 1
        }
    }
}
