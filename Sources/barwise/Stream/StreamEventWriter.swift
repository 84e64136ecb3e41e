import Foundation
import Engine
import MarketData

/// The stream's standard output: one NDJSON event per line, each with `seq` (1, 2, 3… for the
/// run, so a consumer can drop repeats) , `type` and `time` (the bar's time, ISO 8601 UTC; for
/// input errors, the time of the last bar stepped, or null before the first).
///
/// Types and fields:
/// - `bar`: symbol, open, high, low, close, volume, bar (its number in the symbol's series)
/// - `signal`: symbol, rules (the rule keys that fired at this close, e.g. `["long_entry"]`)
/// - `order`: id, symbol, side, intent, order_type, status (`submitted`, `rejected`,
///   `cancelled`, `expired`, `pending` at the end), reason, size, limit, stop
/// - `fill`: id, symbol, side, intent, order_type, size, price, commission
/// - `trade` (closed): symbol, side, size, entry_time, entry_price, exit_price, commission, pnl, return
/// - `equity`: equity, cash, gross_exposure, net_exposure
/// - `error`: line, reason (a skipped input line); `warning`: message
///
/// Numbers are JSON numbers (shortest round-trip text), NaN and infinities are `null`.
final class StreamEventWriter {
    private let out: BufferedOutput
    private(set) var seq = 0
    let symbols: [String]

    init(out: BufferedOutput, symbols: [String]) {
        self.out = out
        self.symbols = symbols
    }

    func flush() throws(StreamOutputError) { try out.flush() }

    /// Whether events are only numbered, not written (a restart's replay: they were written
    /// before the crash).
    var discarding: Bool {
        get { out.discarding }
        set { out.discarding = newValue }
    }

    /// Continues numbering after `seq` (a restart).
    func resume(seq: Int) { self.seq = seq }

    private func begin(_ type: String, time: Int64?) -> String {
        seq += 1
        let t = time.map { "\"\(CivilTime.iso8601($0))\"" } ?? "null"
        return "{\"seq\":\(seq),\"type\":\"\(type)\",\"time\":\(t)"
    }

    func bar(_ symbol: Int, _ bar: Bar, index: Int) {
        out.write(begin("bar", time: bar.timestamp) + ",\"symbol\":\"\(symbols[symbol])\",\"open\":\(Self.number(bar.open)),\"high\":\(Self.number(bar.high)),\"low\":\(Self.number(bar.low)),\"close\":\(Self.number(bar.close)),\"volume\":\(Self.number(bar.volume)),\"bar\":\(index)}\n")
    }

    func signal(_ symbol: Int, time: Int64, rules: [String]) {
        out.write(begin("signal", time: time) + ",\"symbol\":\"\(symbols[symbol])\",\"rules\":[" + rules.map { "\"\($0)\"" }.joined(separator: ",") + "]}\n")
    }

    func order(_ o: OrderRecord, status: String, time: Int64) {
        out.write(begin("order", time: time) + ",\"id\":\(o.id),\"symbol\":\"\(symbols[o.symbol])\",\"side\":\"\(o.side == .long ? "buy" : "sell")\",\"intent\":\"\(o.intent.rawValue)\",\"order_type\":\"\(o.type.rawValue)\",\"status\":\"\(status)\",\"reason\":\"\(o.reason.rawValue)\",\"size\":\(Self.number(o.size)),\"limit\":\(Self.number(o.limit)),\"stop\":\(Self.number(o.stop))}\n")
    }

    func fill(_ o: OrderRecord) {
        out.write(begin("fill", time: o.time) + ",\"id\":\(o.id),\"symbol\":\"\(symbols[o.symbol])\",\"side\":\"\(o.side == .long ? "buy" : "sell")\",\"intent\":\"\(o.intent.rawValue)\",\"order_type\":\"\(o.type.rawValue)\",\"size\":\(Self.number(o.size)),\"price\":\(Self.number(o.price)),\"commission\":\(Self.number(o.commission))}\n")
    }

    func trade(_ t: ClosedTrade) {
        out.write(begin("trade", time: t.exitTime) + ",\"symbol\":\"\(symbols[t.symbol])\",\"side\":\"\(t.size > 0 ? "long" : "short")\",\"size\":\(Self.number(abs(t.size))),\"entry_time\":\"\(CivilTime.iso8601(t.entryTime))\",\"entry_price\":\(Self.number(t.entryPrice)),\"exit_price\":\(Self.number(t.exitPrice)),\"commission\":\(Self.number(t.commission)),\"pnl\":\(Self.number(t.pnl)),\"return\":\(Self.number(t.returnPct))}\n")
    }

    func equity(_ p: Simulation.EquityPoint) {
        out.write(begin("equity", time: p.time) + ",\"equity\":\(Self.number(p.equity)),\"cash\":\(Self.number(p.equity - p.net)),\"gross_exposure\":\(Self.number(p.gross)),\"net_exposure\":\(Self.number(p.net))}\n")
    }

    func error(line: Int, reason: String, time: Int64?) {
        out.write(begin("error", time: time) + ",\"line\":\(line),\"reason\":\(Self.string(reason))}\n")
    }

    func warning(_ message: String, time: Int64?) {
        out.write(begin("warning", time: time) + ",\"message\":\(Self.string(message))}\n")
    }

    /// A JSON number, or null when not finite; integers without a fraction.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        return RunReport.num(v)
    }

    /// A JSON string literal (quotes, backslashes and control characters escaped).
    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
