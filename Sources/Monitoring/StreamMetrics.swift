import Atomics
import Foundation
import Prometheus

/// The live metrics of one `barwise stream` run (`--metrics`), in Prometheus' text exposition.
///
/// The stream's loop calls the recording methods on its own thread; the `/metrics` and `/healthz`
/// handlers read from the listener's threads. Counters and gauges are swift-prometheus' (atomic
/// stores); the last bar's arrival is an atomic store of its wall-clock time; the rarer
/// checkpoint and end-of-input facts sit behind a lock.
/// Labels are bounded: the run's symbols and fixed enums, never times or free text.
///
/// Recording costs O(1) and allocates nothing per bar: per-symbol series are made in `init`,
/// order series the first time a (side, type) pair is seen.
public final class StreamMetrics: @unchecked Sendable {
    /// Why an input line or bar was skipped (the `reason` label of `barwise_input_rejected_total`).
    public enum Rejection: String, CaseIterable, Sendable {
        /// The line is not a bar or tick, or a field is out of range.
        case invalid
        /// The symbol is not one the run trades.
        case unknownSymbol = "unknown_symbol"
        /// A bar older than its symbol's last bar, or than the timestamp being assembled.
        case late
        /// A bar at exactly its symbol's last bar time.
        case duplicate
        /// A bar at or before the point a restart or warm-up had already stepped (quietly skipped).
        case resent
        /// A line longer than the reader's limit.
        case tooLong = "too_long"
    }

    /// What `/metrics` serves; the registry is public so tests can add to it.
    public let registry = PrometheusCollectorRegistry()
    public let symbols: [String]
    /// `--stale-after`: how long without a bar before `/healthz` fails and the feed counts as stalled.
    public let staleAfterSeconds: Double

    private let bars: [Counter]
    private let ticks: [Counter]
    private let lastBarTime: [Gauge]
    private let positions: [Gauge]
    private let lines: Counter
    private let rejections: [Counter]
    private let latency: ValueHistogram
    private let trades: Counter
    private let equity: Gauge, cash: Gauge, gross: Gauge, drawdown: Gauge
    private let lastReceived: Gauge, inputOpenGauge: Gauge
    private var peak = -Double.infinity
    private var rejectedSeries: [String: Counter] = [:]

    /// Checkpoint and end-of-input facts, shared with the listener's threads.
    private struct Clock {
        var checkpointWall: Double?
        var inputOpen = true
    }
    private let lock = NSLock()
    private var clock = Clock()
    /// The wall-clock time (Unix seconds, as `Double` bits) of the last live bar, or the start.
    private let lastBarWallBits: ManagedAtomic<UInt64>

    /// The step-latency histogram's upper bounds in seconds (1 µs to 1 s).
    public static let latencyBuckets: [Double] = [1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 1e-2, 0.1, 1]

    /// - Parameters:
    ///   - build: the `barwise_build_info` labels (version, commit, strategy, strategy_sha256).
    ///   - staleAfterSeconds: the feed's allowed silence (see `health`).
    public init(symbols: [String], build: [(String, String)], staleAfterSeconds: Double, now: Double = Date().timeIntervalSince1970) {
        self.symbols = symbols
        self.staleAfterSeconds = staleAfterSeconds
        lastBarWallBits = ManagedAtomic(now.bitPattern)
        let r = registry
        r.gauge(StreamMetricNames.buildInfo, build).set(1.0)
        r.gauge(StreamMetricNames.staleAfter).set(staleAfterSeconds)
        bars = symbols.map { r.counter(StreamMetricNames.bars, [("symbol", $0)]) }
        ticks = symbols.map { r.counter(StreamMetricNames.ticks, [("symbol", $0)]) }
        lastBarTime = symbols.map { r.gauge(StreamMetricNames.lastBarTime, [("symbol", $0)]) }
        positions = symbols.map { r.gauge(StreamMetricNames.position, [("symbol", $0)]) }
        lines = r.counter(StreamMetricNames.lines)
        rejections = Rejection.allCases.map { r.counter(StreamMetricNames.rejected, [("reason", $0.rawValue)]) }
        latency = r.makeValueHistogram(descriptor: StreamMetricNames.stepLatency.descriptor, labels: [], buckets: Self.latencyBuckets)
        trades = r.counter(StreamMetricNames.trades)
        equity = r.gauge(StreamMetricNames.equity)
        cash = r.gauge(StreamMetricNames.cash)
        gross = r.gauge(StreamMetricNames.grossExposure)
        drawdown = r.gauge(StreamMetricNames.drawdown)
        lastReceived = r.gauge(StreamMetricNames.lastBarReceived)
        inputOpenGauge = r.gauge(StreamMetricNames.inputOpen)
        inputOpenGauge.set(1.0)
        lastReceived.set(now)
    }

    // MARK: Recording (the stream's thread)

    /// The wall clock in Unix seconds.
    public static func wallClock() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// A live bar of symbol `s` stepped, stamped `barTime` (Unix seconds), at wall time `now`.
    public func barStepped(symbol s: Int, barTime: Int64, now: Double) {
        bars[s].increment()
        lastBarTime[s].set(Double(barTime))
        lastBarWallBits.store(now.bitPattern, ordering: .relaxed)
    }

    private var lastBarWall: Double { Double(bitPattern: lastBarWallBits.load(ordering: .relaxed)) }

    /// Input lines and ticks read since the last call.
    public func read(lines count: Int) { if count > 0 { lines.increment(by: Int64(count)) } }
    public func ticksRead(symbol s: Int, count: Int) { if count > 0 { ticks[s].increment(by: Int64(count)) } }

    public func rejected(_ reason: Rejection, count: Int = 1) {
        guard count > 0, let k = Rejection.allCases.firstIndex(of: reason) else { return }
        rejections[k].increment(by: Int64(count))
    }

    /// One step's latency in nanoseconds.
    public func stepLatency(nanos: UInt64) { latency.record(Double(nanos) / 1e9) }

    /// The placed and filled counters of one (side, order type) pair: the stream keeps these
    /// handles so that counting an order costs no lookup.
    public struct OrderSeries: Sendable {
        let placed: Counter
        let filled: Counter
        public func orderPlaced() { placed.increment() }
        public func orderFilled() { filled.increment() }
    }

    /// The series of (`side`: buy or sell, `type`: one of the engine's order types), made the
    /// first time it is asked for.
    public func orderSeries(side: String, type: String) -> OrderSeries {
        let labels = [("side", side), ("type", type)]
        return OrderSeries(placed: registry.counter(StreamMetricNames.orders, labels), filled: registry.counter(StreamMetricNames.fills, labels))
    }

    /// An order rejected, with the engine's (fixed) reason.
    public func orderRejected(reason: String) {
        if let c = rejectedSeries[reason] { c.increment(); return }
        let c = registry.counter(StreamMetricNames.ordersRejected, [("reason", reason)])
        rejectedSeries[reason] = c
        c.increment()
    }

    public func tradeClosed() { trades.increment() }

    /// The account after a step: equity and cash in account currency, gross exposure in currency
    /// (reported as a ratio of equity), positions in units. The drawdown is 1 - equity / peak,
    /// the peak running over every equity this run recorded.
    public func account(equity e: Double, cash c: Double, grossExposure g: Double) {
        equity.set(e)
        cash.set(c)
        gross.set(e != 0 ? g / e : 0)
        if e > peak { peak = e }
        drawdown.set(peak > 0 ? max(0, 1 - e / peak) : 0)
    }

    public func position(symbol s: Int, units: Double) { positions[s].set(units) }

    /// A checkpoint was made durable at wall time `now`.
    public func checkpointed(now: Double) {
        lock.lock()
        let first = clock.checkpointWall == nil
        clock.checkpointWall = now
        lock.unlock()
        if first { _ = registry.gauge(StreamMetricNames.checkpointAge) }
        registry.gauge(StreamMetricNames.checkpointTime).set(now)
    }

    /// The input ended (or the stream is stopping): `/healthz` turns 503 from now on.
    public func inputEnded() {
        lock.lock()
        clock.inputOpen = false
        lock.unlock()
        inputOpenGauge.set(0.0)
    }

    // MARK: Reading (the listener's threads)

    /// The text exposition, with the last bar's arrival and the checkpoint's age brought up to `now`.
    public func exposition(now: Double = Date().timeIntervalSince1970) -> [UInt8] {
        lock.lock()
        let checkpoint = clock.checkpointWall
        lock.unlock()
        lastReceived.set(lastBarWall)
        if let checkpoint { registry.gauge(StreamMetricNames.checkpointAge).set(max(0, now - checkpoint)) }
        return registry.emitToBuffer()
    }

    /// Healthy while the input is open and a bar came within `staleAfterSeconds` (the start counts
    /// as a bar); otherwise the reason, for the 503 body.
    public func health(now: Double = Date().timeIntervalSince1970) -> (healthy: Bool, reason: String) {
        lock.lock()
        let c = clock
        lock.unlock()
        if !c.inputOpen { return (false, "the input has ended") }
        let age = now - lastBarWall
        if age > staleAfterSeconds {
            return (false, "no bar for \(Int(age)) s (stale after \(staleAfterSeconds) s)")
        }
        return (true, "ok")
    }
}
