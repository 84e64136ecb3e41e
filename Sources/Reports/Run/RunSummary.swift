import Foundation

/// `summary.json` of a run (DESIGN.md section 5): the strategy, its parameters and symbols, the
/// date range and every headline metric (fractions, not percent; `max_drawdown` negative).
public struct RunSummary: Sendable, Equatable {
    public var strategy: String
    /// Parameters as `name = value` text, sorted by name.
    public var params: [(name: String, value: String)]
    public var symbols: [String]
    public var start: String
    public var end: String
    /// Every numeric top-level key (`sharpe`, `total_return`, ...); a `null` one (a figure the
    /// run is too short for) is NaN, shown as `n/a` and written as an empty metrics.csv cell.
    public var metrics: [String: Double]
    /// The trades still open at the end (`open_positions`: `barwise run` writes only closed
    /// trades to trades.csv), as trade rows without an exit; commission, pnl and return NaN.
    public var openPositions: [TradeRecord] = []

    public init(strategy: String, params: [(name: String, value: String)] = [], symbols: [String] = [], start: String = "", end: String = "", metrics: [String: Double] = [:]) {
        self.strategy = strategy
        self.params = params
        self.symbols = symbols
        self.start = start
        self.end = end
        self.metrics = metrics
    }

    public static func == (a: RunSummary, b: RunSummary) -> Bool {
        a.strategy == b.strategy && a.params.map(\.name) == b.params.map(\.name) && a.params.map(\.value) == b.params.map(\.value)
            && a.symbols == b.symbols && a.start == b.start && a.end == b.end && a.metrics == b.metrics
    }

    static func read(path: String, name: String) throws(ReportError) -> RunSummary {
        let object = try JSONFile.object(path: path, name: name)
        guard let strategy = object["strategy"]?.string else { throw .malformedJSON(file: name, detail: "key 'strategy' is missing or not a string") }
        var metrics: [String: Double] = [:]
        for (k, v) in object {
            if let d = v.number { metrics[k] = d } else if case .null = v { metrics[k] = .nan }
        }
        var params: [(name: String, value: String)] = []
        if case .object(let p)? = object["params"] { params = p.map { (name: $0.key, value: $0.value.text) }.sorted { $0.name < $1.name } }
        var symbols: [String] = []
        if case .array(let a)? = object["symbols"] { symbols = a.map(\.text) }
        var summary = RunSummary(strategy: strategy, params: params, symbols: symbols,
                                 start: object["start"]?.string ?? "", end: object["end"]?.string ?? "", metrics: metrics)
        if case .array(let open)? = object["open_positions"] {
            for case .object(let p) in open {
                guard let symbol = p["symbol"]?.string, let entry = p["entry_time"]?.string.flatMap(ISOTimestamp.parse),
                      let price = p["entry_price"]?.number, let size = p["size"]?.number, let bar = p["entry_bar"]?.number else {
                    throw .malformedJSON(file: name, detail: "an open_positions entry lacks symbol, size, entry_time, entry_bar or entry_price")
                }
                summary.openPositions.append(TradeRecord(
                    symbol: symbol, side: p["side"]?.string ?? "long", size: size, entryTime: entry, entryBar: Int(bar), entryPrice: price,
                    exitTime: nil, exitBar: nil, exitPrice: nil, commission: .nan, pnl: .nan, returnFraction: .nan))
            }
        }
        return summary
    }
}

/// Reading JSON objects from a run folder.
enum JSONFile {
    static func object(path: String, name: String) throws(ReportError) -> [String: JSONValue] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileManager.default.fileExists(atPath: path) ? .io(path: name, detail: UnreadableFile.reason(path)) : .missingFile(name)
        }
        let parsed: JSONValue
        do { parsed = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw .malformedJSON(file: name, detail: "is not valid JSON (\(error))")
        }
        guard case .object(let object) = parsed else { throw .malformedJSON(file: name, detail: "is not a JSON object") }
        return object
    }
}

/// A parsed JSON value (booleans kept apart from numbers).
enum JSONValue: Decodable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    var string: String? { if case .string(let s) = self { return s } else { return nil } }
    var number: Double? { if case .number(let d) = self { return d } else { return nil } }

    /// Display text: numbers without a trailing `.0`, arrays joined by commas, objects as k=v.
    var text: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)"
        case .string(let s): return s
        case .array(let a): return a.map(\.text).joined(separator: ", ")
        case .object(let o): return o.keys.sorted().map { "\($0)=\(o[$0]!.text)" }.joined(separator: ", ")
        }
    }
}
