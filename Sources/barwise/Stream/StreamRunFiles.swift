import Analytics
import Engine
import Foundation

/// The CSV files of a stream's run folder, appended as the simulation reports what happened:
/// `equity.csv`, `trades.csv` and `orders.csv`, with `run`'s columns and row formats
/// (`RunReport`'s row functions), so a backtest over the same bars gives the same bytes.
///
/// - The latest equity point is held back until the next one (or the end): `--close-at-end`
///   re-marks the last point, as `run` does.
/// - Orders are written in id order, as `run` sorts them: an order is written once it and every
///   lower id have ended (a long-lived limit order holds later rows back until it ends).
/// - Drawdown is `E_t / max E − 1` against the running peak, `DrawdownAnalysis.depth`.
final class StreamRunFiles {
    let symbols: [String]
    private let equity: BufferedOutput
    private let trades: BufferedOutput
    private let orders: BufferedOutput
    private var peak = -Double.infinity
    private var held: Simulation.EquityPoint?
    private var endedOrders: [Int: OrderRecord] = [:]
    private var nextOrderRow = 0
    /// Trades written so far. (The summary at the end reads the files back: nothing here grows
    /// with the run but the order rows held back behind a pending lower id.)
    private(set) var tradeCount = 0

    /// The sizes of the three files a checkpoint records, in bytes.
    struct Sizes: Codable, Equatable {
        var equity: Int
        var trades: Int
        var orders: Int
    }

    /// New files with their headers, or (`resuming`) the files of an earlier process cut back
    /// to a checkpoint's sizes, discarding until a replay has counted its way back to them.
    init(folder: URL, symbols: [String], resuming sizes: Sizes? = nil) throws(StreamOutputError) {
        self.symbols = symbols
        func open(_ name: String, _ size: Int?) throws(StreamOutputError) -> BufferedOutput {
            let path = folder.appendingPathComponent(name).path
            if let size { return try BufferedOutput(resuming: path, at: size) }
            return try BufferedOutput(creating: path)
        }
        equity = try open("equity.csv", sizes?.equity)
        trades = try open("trades.csv", sizes?.trades)
        orders = try open("orders.csv", sizes?.orders)
        equity.write { $0.append(RunReport.equityHeader) }
        trades.write { $0.append(RunReport.tradesHeader) }
        orders.write { $0.append(RunReport.ordersHeader) }
    }

    /// Bytes written (or counted while discarding) so far.
    var sizes: Sizes { Sizes(equity: equity.written, trades: trades.written, orders: orders.written) }

    /// Whether rows are only counted (a restart's replay).
    var discarding: Bool {
        get { equity.discarding }
        set {
            equity.discarding = newValue
            trades.discarding = newValue
            orders.discarding = newValue
        }
    }

    /// Flushes and fsyncs the three files (a checkpoint).
    func sync() throws(StreamOutputError) {
        try equity.sync()
        try trades.sync()
        try orders.sync()
    }

    /// A new equity point: the held one is written.
    func add(_ point: Simulation.EquityPoint) {
        if let held { writeEquity(held) }
        held = point
    }

    /// The last point re-marked at the end (close-at-end), then written.
    func finishEquity(remarked point: Simulation.EquityPoint?) {
        guard let last = point ?? held else { return }
        writeEquity(last)
        held = nil
    }

    private func writeEquity(_ p: Simulation.EquityPoint) {
        peak = max(peak, p.equity)
        let drawdown = DrawdownAnalysis.depth(p.equity, peak: peak)
        equity.write { RunReport.equityRow(&$0, time: p.time, equity: p.equity, gross: p.gross, net: p.net, drawdown: drawdown) }
    }

    func add(_ trade: ClosedTrade) {
        trades.write { RunReport.tradeRow(&$0, trade, symbols: symbols) }
        tradeCount += 1
    }

    /// An order that ended; rows go out in id order.
    func add(_ order: OrderRecord) {
        endedOrders[order.id] = order
        while let next = endedOrders.removeValue(forKey: nextOrderRow) {
            orders.write { RunReport.orderRow(&$0, next, symbols: symbols) }
            nextOrderRow += 1
        }
    }

    func flush() throws(StreamOutputError) {
        try equity.flush()
        try trades.flush()
        try orders.flush()
    }
}
