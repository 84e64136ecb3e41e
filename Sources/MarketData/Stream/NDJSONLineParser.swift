/// Parses one NDJSON line of `barwise stream` input into a `StreamRecord`, straight from the
/// bytes (no `JSONDecoder`, no Foundation), at well over a million lines a second.
///
/// A line is one flat JSON object; keys may come in any order with any blanks between tokens,
/// unknown keys are ignored (their values, nested or not, are skipped but must be valid JSON),
/// a known key given twice is an error, keys are matched as written (no escapes).
///
/// - A bar: `symbol`, `time`, `open`, `high`, `low`, `close`, and optionally `volume` (absent
///   or `null`: stored as missing, as an empty CSV cell is). Example:
///   `{"symbol":"GOOG","time":"2004-08-19T00:00:00Z","open":100.0,"high":101.5,"low":99.2,"close":100.9,"volume":1200}`
/// - A tick: `symbol`, `time`, `price`, `size`. Example:
///   `{"symbol":"BTCUSDT","time":1700000000123,"price":37012.5,"size":0.013}`
///
/// `time` is an ISO 8601 text or an epoch number whose unit follows from its magnitude
/// (`EpochMillis`: seconds below 1e11, milliseconds below 1e14, then microseconds and
/// nanoseconds). A bar's time must be a whole second. `symbol` follows `SymbolName`'s rules;
/// JSON escapes in it are decoded first (`"BRK\u002EB"` is `BRK.B`).
///
/// A line is refused (`StreamInputError`, naming the field) when it is not valid JSON, is
/// neither a bar nor a tick (or mixes their fields), misses a field, has a value of the wrong
/// type (numbers in quotes included), a price that is not finite or outside
/// `BarValueBounds` (so ≤ 0 is refused), a negative or out-of-range volume or size,
/// `high < low`, an open or close outside [low, high], or a time that is not a time or lies
/// outside the years 1–9999.
public struct NDJSONLineParser: Sendable {
    public init() {}

    /// The line's bytes, without or with its line break.
    public func parse(_ line: UnsafeRawBufferPointer) throws(StreamInputError) -> StreamRecord {
        let b = line.assumingMemoryBound(to: UInt8.self)
        var c = JSONLineCursor(b)
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { c.i = 3 }  // a UTF-8 byte-order mark
        c.skipSpace()
        guard !c.atEnd else { throw StreamInputError(field: nil, reason: "the line is empty (expected one JSON object)") }
        guard c.current == UInt8(ascii: "{") else { throw c.malformed("a line must be one JSON object, starting with '{'") }
        c.i += 1
        var f = FieldTokens()
        c.skipSpace()
        if !c.atEnd, c.current == UInt8(ascii: "}") {
            c.i += 1
        } else {
            while true {
                c.skipSpace()
                guard !c.atEnd, c.current == UInt8(ascii: "\"") else { throw c.malformed("expected a key in quotes") }
                let k = try c.string()
                try c.expect(UInt8(ascii: ":"), "expected ':' after a key")
                let v = try c.value()
                if k.kind == .string, let key = StreamField(b, k.start, k.end) {
                    if f[key] != nil { throw StreamInputError(field: key.name, reason: "appears twice in the line") }
                    f[key] = v
                }
                c.skipSpace()
                guard !c.atEnd else { throw c.malformed("the line ends inside the object (missing '}')") }
                if c.current == UInt8(ascii: ",") {
                    c.i += 1
                    continue
                }
                guard c.current == UInt8(ascii: "}") else { throw c.malformed("expected ',' or '}' after a value") }
                c.i += 1
                break
            }
        }
        c.skipSpace()
        guard c.atEnd else { throw c.malformed("text after the closing '}' (one object per line)") }
        return try record(f, b)
    }

    /// `parse` of a string (tests, small tools).
    public func parse(_ line: String) throws(StreamInputError) -> StreamRecord {
        var text = line
        let result: Result<StreamRecord, StreamInputError> = text.withUTF8 { buf in
            do throws(StreamInputError) {
                return .success(try parse(UnsafeRawBufferPointer(buf)))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func record(_ f: FieldTokens, _ b: UnsafeBufferPointer<UInt8>) throws(StreamInputError) -> StreamRecord {
        let isTick = f[.price] != nil || f[.size] != nil
        let isBar = f[.open] != nil || f[.high] != nil || f[.low] != nil || f[.close] != nil || f[.volume] != nil
        if isTick && isBar {
            throw StreamInputError(field: nil, reason: "the line mixes bar fields (open, high, low, close, volume) with tick fields (price, size)")
        }
        guard isTick || isBar else {
            throw StreamInputError(
                field: nil, reason: "the line is neither a bar (symbol, time, open, high, low, close, volume) nor a tick (symbol, time, price, size)")
        }
        let needs: StreamFieldValue.LineKind = isBar ? .bar : .tick
        let symbol = try StreamFieldValue.symbol(f[.symbol], b, needs: needs)
        let time = try StreamFieldValue.time(f[.time], b, needs: needs)
        if isTick {
            let price = try StreamFieldValue.number(.price, f[.price], b, needs: needs)
            try StreamFieldValue.checkPrice(price, .price, f[.price]!, b)
            let size = try StreamFieldValue.number(.size, f[.size], b, needs: needs)
            try StreamFieldValue.checkSize(size, .size, f[.size]!, b)
            return .tick(symbol: symbol, timeMillis: time.millis, price: price, size: size)
        }
        if time.finer || time.millis % 1_000 != 0 {
            throw StreamInputError(
                field: "time", reason: "\(StreamFieldValue.text(f[.time]!, b)) is not a whole second (a bar is stamped at the start of its interval, in whole seconds)")
        }
        let open = try StreamFieldValue.number(.open, f[.open], b, needs: needs)
        let high = try StreamFieldValue.number(.high, f[.high], b, needs: needs)
        let low = try StreamFieldValue.number(.low, f[.low], b, needs: needs)
        let close = try StreamFieldValue.number(.close, f[.close], b, needs: needs)
        try StreamFieldValue.checkPrice(open, .open, f[.open]!, b)
        try StreamFieldValue.checkPrice(high, .high, f[.high]!, b)
        try StreamFieldValue.checkPrice(low, .low, f[.low]!, b)
        try StreamFieldValue.checkPrice(close, .close, f[.close]!, b)
        var volume = Double.nan
        if let v = f[.volume], v.kind != .null {
            volume = try StreamFieldValue.number(.volume, v, b, needs: needs)
            try StreamFieldValue.checkSize(volume, .volume, v, b)
        }
        if high < low {
            throw StreamInputError(field: "high", reason: "\(StreamFieldValue.text(f[.high]!, b)) is below low \(StreamFieldValue.text(f[.low]!, b))")
        }
        try StreamFieldValue.checkWithinRange(open, .open, f, b, high: high, low: low)
        try StreamFieldValue.checkWithinRange(close, .close, f, b, high: high, low: low)
        return .bar(symbol: symbol, bar: Bar(timestamp: time.millis / 1_000, open: open, high: high, low: low, close: close, volume: volume))
    }
}

/// The keys `NDJSONLineParser` reads.
enum StreamField: Int, CaseIterable {
    case symbol, time, open, high, low, close, volume, price, size

    var name: String {
        switch self {
        case .symbol: "symbol"
        case .time: "time"
        case .open: "open"
        case .high: "high"
        case .low: "low"
        case .close: "close"
        case .volume: "volume"
        case .price: "price"
        case .size: "size"
        }
    }

    /// The key spelled by `b[s..<e]`, or nil for any other key.
    @inline(__always)
    init?(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) {
        func equals(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard e - s == n else { return false }
            let w = word.utf8Start
            for k in 0..<n where b[s + k] != w[k] { return false }
            return true
        }
        guard e > s else { return nil }
        switch b[s] {
        case UInt8(ascii: "s"): if equals("symbol") { self = .symbol } else if equals("size") { self = .size } else { return nil }
        case UInt8(ascii: "t"): if equals("time") { self = .time } else { return nil }
        case UInt8(ascii: "o"): if equals("open") { self = .open } else { return nil }
        case UInt8(ascii: "h"): if equals("high") { self = .high } else { return nil }
        case UInt8(ascii: "l"): if equals("low") { self = .low } else { return nil }
        case UInt8(ascii: "c"): if equals("close") { self = .close } else { return nil }
        case UInt8(ascii: "v"): if equals("volume") { self = .volume } else { return nil }
        case UInt8(ascii: "p"): if equals("price") { self = .price } else { return nil }
        default: return nil
        }
    }
}

/// The value token of each known key in one line (fixed storage, no allocation).
struct FieldTokens {
    private var slots: (
        JSONLineCursor.Token?, JSONLineCursor.Token?, JSONLineCursor.Token?, JSONLineCursor.Token?, JSONLineCursor.Token?,
        JSONLineCursor.Token?, JSONLineCursor.Token?, JSONLineCursor.Token?, JSONLineCursor.Token?
    ) = (nil, nil, nil, nil, nil, nil, nil, nil, nil)

    subscript(key: StreamField) -> JSONLineCursor.Token? {
        get {
            switch key {
            case .symbol: slots.0
            case .time: slots.1
            case .open: slots.2
            case .high: slots.3
            case .low: slots.4
            case .close: slots.5
            case .volume: slots.6
            case .price: slots.7
            case .size: slots.8
            }
        }
        set {
            switch key {
            case .symbol: slots.0 = newValue
            case .time: slots.1 = newValue
            case .open: slots.2 = newValue
            case .high: slots.3 = newValue
            case .low: slots.4 = newValue
            case .close: slots.5 = newValue
            case .volume: slots.6 = newValue
            case .price: slots.7 = newValue
            case .size: slots.8 = newValue
            }
        }
    }
}
