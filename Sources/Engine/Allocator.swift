import MarketData
import Risk
import Signals

/// The state of an allocation strategy (`[allocation]`, DESIGN.md section 4) inside `Simulation`:
/// the closes of the trailing window, the rebalance calendar and the log of target weights.
///
/// **Window.** A *complete row* is a feed timestamp at which every symbol of the run has a bar
/// with a finite, positive close. The allocator keeps the last `lookback + 1` complete rows in a
/// ring (row-major, contiguous `[Double]`); the returns of a decision are the simple returns
/// `c_t / c_{t−1} − 1` between consecutive complete rows, T = `lookback` rows × N symbols —
/// pandas' `prices.dropna().pct_change()`, and exactly the panel that
/// `barwise optimize --from <first row's date> --to <decision date>` builds from the same closes.
/// Only closes up to and including the decision's timestamp are ever read: a later bar cannot
/// change a decision.
///
/// **Schedule.** A decision is due at the close of the first complete row of each new UTC
/// calendar period — ISO week (Monday to Sunday), month or quarter — i.e. the first complete
/// row whose period differs from the previous complete row's, provided the ring already holds
/// `lookback + 1` complete rows (`lookback` returns). So a decision always uses a window that
/// ends at its own date: when a symbol misses the first day of a month the decision waits for
/// the next complete day, and once a symbol's data ends (no complete rows any more) no new
/// decision is made and the positions stay as they are. Earlier periods are skipped: the
/// strategy holds cash until its first decision. Every method, `equal` included, waits for the
/// window.
///
/// **Weights** come from `AllocationWeights.weights(method, panel:)` in Risk, the function
/// `barwise optimize` calls (geometric annual μ, annualised sample covariance, long-only, risk-free
/// rate 0). When it throws (e.g. a singular covariance), the decision is logged as a failure and
/// no order is placed: the portfolio keeps its previous positions.
public struct Allocator: Sendable {
    public let method: AllocationWeights.Method
    public let rebalance: AllocationSpec.Rebalance
    /// Returns per window (the ring holds `lookback + 1` closes per symbol).
    public let lookback: Int
    public let symbols: [String]
    /// `capacity × N` closes, row-major; row `(start + k) % capacity` is the k-th oldest.
    private var ring: [Double]
    private var ringTimes: [Int64]
    private var start = 0
    private var rows = 0
    /// The calendar period of the newest complete row.
    private var lastCompletePeriod = Int64.min
    /// The stamp of each successful decision.
    public private(set) var times: [Int64] = []
    /// Target weights of the decisions, row-major: decision k's weight of symbol i is
    /// `weights[k · N + i]`.
    public private(set) var weights: [Double] = []
    /// Decisions whose weights could not be computed.
    public private(set) var failures: [RebalanceFailure] = []

    public init(spec: AllocationSpec, symbols: [String]) {
        method = AllocationWeights.Method(rawValue: spec.method.rawValue)!
        rebalance = spec.rebalance
        lookback = spec.lookback
        self.symbols = symbols
        ring = [Double](repeating: .nan, count: (spec.lookback + 1) * symbols.count)
        ringTimes = [Int64](repeating: 0, count: spec.lookback + 1)
    }

    private var capacity: Int { lookback + 1 }

    /// Records the closes of `batch` (one timestamp) and says whether a decision is due at its
    /// close (see the type's comment).
    public mutating func observe<Bars: TimestampBars>(_ batch: Bars) -> Bool {
        let n = symbols.count
        var complete = batch.count == n
        if complete {
            for j in 0..<batch.count where !(batch.bar(j).close.isFinite && batch.bar(j).close > 0) { complete = false; break }
        }
        if complete {
            let slot: Int
            if rows < capacity {
                slot = (start + rows) % capacity
                rows += 1
            } else {
                slot = start
                start = (start + 1) % capacity
            }
            for j in 0..<batch.count { ring[slot * n + batch.symbol(j)] = batch.bar(j).close }
            ringTimes[slot] = batch.timestamp
        }
        guard complete else { return false }
        let period = Allocator.period(of: batch.timestamp, rebalance)
        defer { lastCompletePeriod = period }
        return lastCompletePeriod != .min && period != lastCompletePeriod && rows == capacity
    }

    /// The window's returns panel: `lookback + 1` complete rows, oldest first.
    /// - Precondition: the ring is full.
    public func window() throws(RiskError) -> ReturnsPanel {
        let n = symbols.count
        var columns = [[Double]](repeating: [Double](repeating: 0, count: capacity), count: n)
        var stamps = [Int64](repeating: 0, count: capacity)
        for k in 0..<capacity {
            let r = (start + k) % capacity
            stamps[k] = ringTimes[r]
            for i in 0..<n { columns[i][k] = ring[r * n + i] }
        }
        return try ReturnsPanel(symbols: symbols, timestamps: stamps, prices: columns)
    }

    /// Computes the target weights of a decision at `time` and logs them; nil (logged as a
    /// failure) when the optimiser fails.
    public mutating func decide(time: Int64) -> [Double]? {
        do throws(RiskError) {
            let w = try AllocationWeights.weights(method, panel: try window())
            times.append(time)
            weights.append(contentsOf: w)
            return w
        } catch {
            failures.append(RebalanceFailure(time: time, message: error.description))
            return nil
        }
    }

    /// The calendar period of `t` (UTC) as an integer: ISO weeks counted from Monday
    /// 1969-12-29 (1970-01-01 was a Thursday), months as `12·year + month − 1`, quarters as
    /// `4·year + (month − 1)/3`.
    public static func period(of t: Int64, _ rebalance: AllocationSpec.Rebalance) -> Int64 {
        let days = t.floorDiv(86_400)
        switch rebalance {
        case .week:
            return (days + 3).floorDiv(7)
        case .month, .quarter:
            let d = CivilTime.date(fromDays: days)
            let month = Int64(d.year) * 12 + Int64(d.month - 1)
            return rebalance == .month ? month : month.floorDiv(3)
        }
    }
}
