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

    /// `{"seq":N,"type":"TYPE","time":…` (the object is left open for the event's fields).
    @inline(__always)
    private func begin(_ o: inout TextBytes, _ type: StaticString, time: Int64?) {
        seq += 1
        o.append("{\"seq\":")
        o.append(int: seq)
        o.append(",\"type\":\"")
        o.append(type)
        o.append("\",\"time\":")
        if let time {
            o.append("\"")
            o.append(iso: time)
            o.append("\"")
        } else {
            o.append("null")
        }
    }

    /// `,"key":value` for a number (null when not finite).
    @inline(__always)
    private static func field(_ o: inout TextBytes, _ key: StaticString, _ v: Double) {
        o.append(key)
        o.append(number: v, ifNotFinite: "null")
    }

    /// `,"key":"text"` for text that needs no escaping (symbols, enum names).
    @inline(__always)
    private static func field(_ o: inout TextBytes, _ key: StaticString, text: String) {
        o.append(key)
        o.append("\"")
        o.append(text)
        o.append("\"")
    }

    func bar(_ symbol: Int, _ bar: Bar, index: Int) {
        out.write { o in
            begin(&o, "bar", time: bar.timestamp)
            Self.field(&o, ",\"symbol\":", text: symbols[symbol])
            Self.field(&o, ",\"open\":", bar.open)
            Self.field(&o, ",\"high\":", bar.high)
            Self.field(&o, ",\"low\":", bar.low)
            Self.field(&o, ",\"close\":", bar.close)
            Self.field(&o, ",\"volume\":", bar.volume)
            o.append(",\"bar\":")
            o.append(int: index)
            o.append("}\n")
        }
    }

    func signal(_ symbol: Int, time: Int64, rules: [String]) {
        out.write { o in
            begin(&o, "signal", time: time)
            Self.field(&o, ",\"symbol\":", text: symbols[symbol])
            o.append(",\"rules\":[")
            for (k, rule) in rules.enumerated() {
                if k > 0 { o.append(",") }
                o.append("\"")
                o.append(rule)
                o.append("\"")
            }
            o.append("]}\n")
        }
    }

    /// The fields `order` and `fill` share: id, symbol, side, intent, order_type.
    private func orderFields(_ o: inout TextBytes, _ r: OrderRecord) {
        o.append(",\"id\":")
        o.append(int: r.id)
        Self.field(&o, ",\"symbol\":", text: symbols[r.symbol])
        o.append(r.side == .long ? ",\"side\":\"buy\"" : ",\"side\":\"sell\"")
        Self.field(&o, ",\"intent\":", text: r.intent.rawValue)
        Self.field(&o, ",\"order_type\":", text: r.type.rawValue)
    }

    func order(_ r: OrderRecord, status: String, time: Int64) {
        out.write { o in
            begin(&o, "order", time: time)
            orderFields(&o, r)
            Self.field(&o, ",\"status\":", text: status)
            Self.field(&o, ",\"reason\":", text: r.reason.rawValue)
            Self.field(&o, ",\"size\":", r.size)
            Self.field(&o, ",\"limit\":", r.limit)
            Self.field(&o, ",\"stop\":", r.stop)
            o.append("}\n")
        }
    }

    func fill(_ r: OrderRecord) {
        out.write { o in
            begin(&o, "fill", time: r.time)
            orderFields(&o, r)
            Self.field(&o, ",\"size\":", r.size)
            Self.field(&o, ",\"price\":", r.price)
            Self.field(&o, ",\"commission\":", r.commission)
            o.append("}\n")
        }
    }

    func trade(_ t: ClosedTrade) {
        out.write { o in
            begin(&o, "trade", time: t.exitTime)
            Self.field(&o, ",\"symbol\":", text: symbols[t.symbol])
            o.append(t.size > 0 ? ",\"side\":\"long\"" : ",\"side\":\"short\"")
            Self.field(&o, ",\"size\":", abs(t.size))
            o.append(",\"entry_time\":\"")
            o.append(iso: t.entryTime)
            o.append("\"")
            Self.field(&o, ",\"entry_price\":", t.entryPrice)
            Self.field(&o, ",\"exit_price\":", t.exitPrice)
            Self.field(&o, ",\"commission\":", t.commission)
            Self.field(&o, ",\"pnl\":", t.pnl)
            Self.field(&o, ",\"return\":", t.returnPct)
            o.append("}\n")
        }
    }

    func equity(_ p: Simulation.EquityPoint) {
        out.write { o in
            begin(&o, "equity", time: p.time)
            Self.field(&o, ",\"equity\":", p.equity)
            Self.field(&o, ",\"cash\":", p.equity - p.net)
            Self.field(&o, ",\"gross_exposure\":", p.gross)
            Self.field(&o, ",\"net_exposure\":", p.net)
            o.append("}\n")
        }
    }

    func error(line: Int, reason: String, time: Int64?) {
        out.write { o in
            begin(&o, "error", time: time)
            o.append(",\"line\":")
            o.append(int: line)
            o.append(",\"reason\":")
            o.append(Self.string(reason))
            o.append("}\n")
        }
    }

    func warning(_ message: String, time: Int64?) {
        out.write { o in
            begin(&o, "warning", time: time)
            o.append(",\"message\":")
            o.append(Self.string(message))
            o.append("}\n")
        }
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
