import Engine
import Foundation
import Monitoring

/// `--metrics`: what the stream session does, in `StreamMetrics`' terms: engine orders become
/// (side, type) counts, skipped lines become reasons, the source's running totals become
/// counter increments. Only live work counts: warm-up and restart replays move the account
/// gauges but not the counters (they counted when they happened).
struct StreamMonitor {
    let metrics: StreamMetrics
    private var seenLines = 0, seenResent = 0, seenTicks = 0
    private var seenTicksBySymbol: [Int]
    /// Symbols whose position may have changed since the last `positions` (a fill).
    private var filledSymbols: [Int] = []
    /// Order counters by side (buy, sell) and `OrderType`, made on first use.
    private var orderSeries: [[StreamMetrics.OrderSeries?]]

    init(metrics: StreamMetrics) {
        self.metrics = metrics
        seenTicksBySymbol = Array(repeating: 0, count: metrics.symbols.count)
        orderSeries = Array(repeating: Array(repeating: nil, count: OrderType.allCases.count), count: 2)
    }

    private mutating func series(_ order: OrderRecord) -> StreamMetrics.OrderSeries {
        let side = order.side == .long ? 0 : 1
        let type = OrderType.allCases.firstIndex(of: order.type) ?? 0
        if let s = orderSeries[side][type] { return s }
        let s = metrics.orderSeries(side: side == 0 ? "buy" : "sell", type: order.type.rawValue)
        orderSeries[side][type] = s
        return s
    }

    /// The source's lines, ticks and resent bars since the last call.
    mutating func input(_ source: LiveBarSource) {
        if source.lines != seenLines {
            metrics.read(lines: source.lines - seenLines)
            seenLines = source.lines
        }
        if source.resent != seenResent {
            metrics.rejected(.resent, count: source.resent - seenResent)
            seenResent = source.resent
        }
        if source.ticks != seenTicks {
            seenTicks = source.ticks
            let now = source.ticksBySymbol
            for s in now.indices where now[s] != seenTicksBySymbol[s] {
                metrics.ticksRead(symbol: s, count: now[s] - seenTicksBySymbol[s])
                seenTicksBySymbol[s] = now[s]
            }
        }
    }

    func problem(_ kind: LiveBarSource.InputProblem.Kind) {
        switch kind {
        case .invalid: metrics.rejected(.invalid)
        case .unknownSymbol: metrics.rejected(.unknownSymbol)
        case .late: metrics.rejected(.late)
        case .duplicate: metrics.rejected(.duplicate)
        case .tooLong: metrics.rejected(.tooLong)
        }
    }

    /// A live timestamp stepped in `nanos`.
    func stepped(_ batch: BarBatch, nanos: UInt64) {
        let now = StreamMetrics.wallClock()
        for j in 0..<batch.count { metrics.barStepped(symbol: batch.symbol(j), barTime: batch.timestamp, now: now) }
        metrics.stepLatency(nanos: nanos)
    }

    mutating func placed(_ order: OrderRecord) {
        series(order).orderPlaced()
    }

    /// An order that ended (filled, rejected, cancelled or expired).
    mutating func ended(_ order: OrderRecord, live: Bool) {
        guard order.status == .filled else {
            if live && order.status == .rejected { metrics.orderRejected(reason: order.reason.rawValue.isEmpty ? "unspecified" : order.reason.rawValue) }
            return
        }
        if live { series(order).orderFilled() }
        filledSymbols.append(order.symbol)
    }

    /// An equity point: the account gauges.
    func point(_ p: Simulation.EquityPoint) {
        metrics.account(equity: p.equity, cash: p.equity - p.net, grossExposure: p.gross)
    }

    /// Whether a fill may have moved a position since the last `positions`.
    var positionsChanged: Bool { !filledSymbols.isEmpty }

    /// The positions of the symbols filled since the last call.
    mutating func positions(_ portfolio: Portfolio) {
        for s in filledSymbols { metrics.position(symbol: s, units: portfolio.position(s)) }
        filledSymbols.removeAll(keepingCapacity: true)
    }
}
