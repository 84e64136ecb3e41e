/// One cash account shared by every symbol, its open trades and the last price of each symbol.
///
/// Accounting follows backtesting.py (margin 1, no cash credited on a short sale):
///
///     balance = initial cash + Σ realised P&L − Σ commissions
///     equity  = balance + Σ_open q·(price − P_entry)
///     cash    = equity − Σ_open q·price          (what a cash account would hold)
///     gross exposure = Σ|q|·price,  net exposure = Σ q·price
///     available      = max(0, equity − gross exposure)
///
/// A symbol without a bar at t keeps its last price.
public struct Portfolio: Sendable {
    public let initialCash: Double
    /// Initial cash plus realised P&L minus commissions.
    public private(set) var balance: Double
    /// Open trades in entry order.
    public private(set) var openTrades: [OpenTrade] = []
    /// The last known price per symbol (NaN before its first bar).
    public internal(set) var lastPrice: PriceMarks
    /// Every closed trade in exit order.
    public private(set) var closedTrades: [ClosedTrade] = []
    private var nextTradeID = 0
    /// Open trades with a stop-loss, take-profit or trailing stop (the broker skips the intrabar
    /// checks when there are none).
    public private(set) var attachedCount = 0

    public init(cash: Double, symbolCount: Int) {
        initialCash = cash
        balance = cash
        lastPrice = PriceMarks(count: symbolCount)
        openTrades.reserveCapacity(16)
    }

    /// Equity marked at the last prices.
    @inline(__always)
    public var equity: Double {
        var e = balance
        for t in openTrades { e += t.size * (lastPrice[t.symbol] - t.entryPrice) }
        return e
    }

    /// Realised P&L: Σ pnl of closed trades (after their entry and exit commissions).
    public var realizedPnL: Double { closedTrades.reduce(0) { $0 + $1.pnl } }

    /// Unrealised P&L of open trades at the last prices: Σ q·(price − P_entry) (their entry
    /// commissions are already out of the balance).
    public var unrealizedPnL: Double {
        var u = 0.0
        for t in openTrades { u += t.size * (lastPrice[t.symbol] - t.entryPrice) }
        return u
    }

    /// Σ|q|·price over open trades.
    public var grossExposure: Double {
        var g = 0.0
        for t in openTrades { g += Swift.abs(t.size) * lastPrice[t.symbol] }
        return g
    }

    /// Σ q·price over open trades.
    public var netExposure: Double {
        var n = 0.0
        for t in openTrades { n += t.size * lastPrice[t.symbol] }
        return n
    }

    /// What a cash account would hold: equity minus the market value of open positions.
    public var cash: Double { equity - netExposure }

    /// Margin available for a new order: `max(0, equity − gross exposure)`.
    public var available: Double { max(0, equity - grossExposure) }

    /// Signed units open in `symbol`.
    public func position(_ symbol: Int) -> Double {
        var q = 0.0
        for t in openTrades where t.symbol == symbol { q += t.size }
        return q
    }

    /// Open trades of `symbol` on `side`.
    func openCount(_ symbol: Int, _ side: Side) -> Int {
        var n = 0
        for t in openTrades where t.symbol == symbol && t.side == side { n += 1 }
        return n
    }

    /// Opens a trade: the entry commission leaves the balance now. Returns the trade's index.
    @discardableResult
    mutating func open(symbol: Int, size: Double, price: Double, time: Int64, bar: Int, commission: Double,
                       stopLoss: Double, takeProfit: Double, trailingStop: Double, trailingDistance: Double) -> Int {
        balance -= commission
        openTrades.append(OpenTrade(
            id: nextTradeID, symbol: symbol, size: size, entryPrice: price, entryTime: time, entryBar: bar,
            entryCommission: commission, stopLoss: stopLoss, takeProfit: takeProfit,
            trailingStop: trailingStop, trailingDistance: trailingDistance))
        nextTradeID += 1
        if !stopLoss.isNaN || !takeProfit.isNaN || !trailingStop.isNaN { attachedCount += 1 }
        return openTrades.count - 1
    }

    /// Closes open trade number `index` at `price`: P&L less the exit commission goes to the balance.
    mutating func close(at index: Int, price: Double, time: Int64, bar: Int, commission exitCommission: Double, type: OrderType) {
        let t = openTrades.remove(at: index)
        if !t.stopLoss.isNaN || !t.takeProfit.isNaN || !t.trailingStop.isNaN { attachedCount -= 1 }
        balance += t.size * (price - t.entryPrice) - exitCommission
        let total = exitCommission + t.entryCommission
        let sign: Double = t.size > 0 ? 1 : -1
        closedTrades.append(ClosedTrade(
            symbol: t.symbol, size: t.size, entryTime: t.entryTime, entryBar: t.entryBar, entryPrice: t.entryPrice,
            exitTime: time, exitBar: bar, exitPrice: price, commission: total,
            pnl: t.size * (price - t.entryPrice) - total,
            returnPct: sign * (price / t.entryPrice - 1) - total / (Swift.abs(t.size) * t.entryPrice),
            exitType: type))
    }

    /// Reduces the symbol's open trades by `units` (unsigned; allocation positions are long, so
    /// this sells) oldest first, at `price`, for an exit commission `commission` shared among the
    /// parts pro rata to their units. A trade sold whole is closed as by `close`; a trade sold in
    /// part is split: the part sold becomes a closed trade of `part` units carrying its share of
    /// the entry commission, `c_entry·part/|q|`, and the trade stays open with the rest. So the
    /// closed parts of one sell sum to `units`, and every closed trade follows `ClosedTrade`'s
    /// formulas. Units beyond what is held are ignored.
    mutating func reduce(symbol: Int, units: Double, price: Double, time: Int64, bar: Int, commission: Double) {
        var left = units
        var k = 0
        // A floating-point remainder (≤ 1e-12 of the sell) is not sold: no dust trades.
        while left > units * 1e-12 && k < openTrades.count {
            let t = openTrades[k]
            guard t.symbol == symbol else { k += 1; continue }
            let held = Swift.abs(t.size)
            let share = commission * Swift.min(left, held) / units
            // Within rounding of the whole trade: close it, so no dust trade stays open.
            if left >= held * (1 - 1e-12) {
                close(at: k, price: price, time: time, bar: bar, commission: share, type: .market)
                left -= held
                continue
            }
            let sign: Double = t.size > 0 ? 1 : -1
            let part = left
            let entryShare = t.entryCommission * part / held
            openTrades[k].size -= sign * part
            openTrades[k].entryCommission -= entryShare
            let total = share + entryShare
            balance += sign * part * (price - t.entryPrice) - share
            closedTrades.append(ClosedTrade(
                symbol: symbol, size: sign * part, entryTime: t.entryTime, entryBar: t.entryBar, entryPrice: t.entryPrice,
                exitTime: time, exitBar: bar, exitPrice: price, commission: total,
                pnl: sign * part * (price - t.entryPrice) - total,
                returnPct: sign * (price / t.entryPrice - 1) - total / (part * t.entryPrice),
                exitType: .market))
            left = 0
        }
    }

    /// Ratchets the trailing stop of open trade `index` with a close: up for longs, down for shorts.
    mutating func trail(_ index: Int, close: Double, distance: Double) {
        var t = openTrades[index]
        guard !t.trailingStop.isNaN else { return }
        let d = distance.isFinite && distance > 0 ? distance : t.trailingDistance
        if distance.isFinite && distance > 0 { t.trailingDistance = distance }
        if t.size > 0 {
            t.trailingStop = max(t.trailingStop, close - d)
        } else {
            t.trailingStop = min(t.trailingStop, close + d)
        }
        openTrades[index] = t
    }

    /// Sets the balance to 0 after a bankruptcy closed every trade: the account ends with
    /// nothing, and a deficit (losses beyond the equity) is written off rather than owed, as
    /// backtesting.py sets its cash to 0.
    mutating func writeOff() {
        precondition(openTrades.isEmpty, "trades are closed before the balance is written off")
        balance = 0
    }

    mutating func reserveClosed(_ n: Int) { closedTrades.reserveCapacity(n) }

    /// Drops the first `n` closed trades (read and written elsewhere by a stream).
    mutating func forgetClosed(_ n: Int) { closedTrades.removeFirst(n) }
}
