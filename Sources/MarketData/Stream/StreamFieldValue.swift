/// The typed value of one field of a stream line, and the checks each field passes, with the
/// messages `NDJSONLineParser` throws. Values are echoed as the line wrote them.
enum StreamFieldValue {
    typealias Token = JSONLineCursor.Token

    /// Which record a line is, for the message about a missing field.
    enum LineKind {
        case bar, tick

        var needs: String {
            switch self {
            case .bar: "a bar needs symbol, time, open, high, low, close (volume is optional)"
            case .tick: "a tick needs symbol, time, price, size"
            }
        }
    }

    /// The token's bytes as written (a string's in quotes), capped for messages.
    static func text(_ t: Token, _ b: UnsafeBufferPointer<UInt8>) -> String {
        let raw = String(decoding: UnsafeBufferPointer(rebasing: b[t.start..<t.end]), as: UTF8.self)
        let quoted = t.kind == .string || t.kind == .escapedString ? "\"\(raw)\"" : raw
        return EchoText.capped(quoted)
    }

    static func missing(_ key: StreamField, needs: LineKind) -> StreamInputError {
        StreamInputError(field: key.name, reason: "is missing (\(needs.needs))")
    }

    /// `a string ("37012.5"), expected a number`.
    static func wrongType(_ key: StreamField, _ t: Token, _ b: UnsafeBufferPointer<UInt8>, expected: String) -> StreamInputError {
        let kind: String
        switch t.kind {
        case .string, .escapedString: kind = "a string (\(text(t, b)))"
        case .integer, .number: kind = "a number (\(text(t, b)))"
        case .trueLiteral, .falseLiteral: kind = "a boolean"
        case .null: kind = "null"
        case .object: kind = "an object"
        case .array: kind = "an array"
        case .nonFinite: kind = text(t, b)
        }
        return StreamInputError(field: key.name, reason: "is \(kind), expected \(expected)")
    }

    @inline(__always)
    static func number(_ key: StreamField, _ t: Token?, _ b: UnsafeBufferPointer<UInt8>, needs: LineKind) throws(StreamInputError) -> Double {
        guard let t else { throw missing(key, needs: needs) }
        switch t.kind {
        case .integer, .number:
            // The cursor checked the JSON number grammar, which DecimalParser always reads.
            guard let v = DecimalParser.parse(b, t.start, t.end) else { throw wrongType(key, t, b, expected: "a number") }
            return v
        case .nonFinite:
            throw StreamInputError(field: key.name, reason: "\(text(t, b)) is not a finite number")
        default:
            let hint = t.kind == .string || t.kind == .escapedString ? " (write numbers without quotes)" : ""
            throw wrongType(key, t, b, expected: "a number\(hint)")
        }
    }

    /// A price is finite and within `BarValueBounds` (above zero).
    @inline(__always)
    static func checkPrice(_ v: Double, _ key: StreamField, _ t: Token, _ b: UnsafeBufferPointer<UInt8>) throws(StreamInputError) {
        if v >= BarValueBounds.minPrice && v <= BarValueBounds.maxPrice { return }
        if v.isFinite && v <= 0 { throw StreamInputError(field: key.name, reason: "\(text(t, b)) is not above zero (a price must be positive)") }
        throw StreamInputError(field: key.name, reason: "\(text(t, b)) \(BarValueBounds.priceProblem(v) ?? "is out of range")")
    }

    /// A volume or size is finite and within `BarValueBounds` (zero allowed).
    @inline(__always)
    static func checkSize(_ v: Double, _ key: StreamField, _ t: Token, _ b: UnsafeBufferPointer<UInt8>) throws(StreamInputError) {
        if v >= 0 && v <= BarValueBounds.maxVolume { return }
        if v < 0 { throw StreamInputError(field: key.name, reason: "\(text(t, b)) is negative") }
        throw StreamInputError(field: key.name, reason: "\(text(t, b)) \(BarValueBounds.volumeProblem(v) ?? "is out of range")")
    }

    /// An open or close within [low, high].
    @inline(__always)
    static func checkWithinRange(
        _ v: Double, _ key: StreamField, _ f: FieldTokens, _ b: UnsafeBufferPointer<UInt8>, high: Double, low: Double
    ) throws(StreamInputError) {
        if v <= high && v >= low { return }
        let above = v > high
        let bound = above ? f[.high]! : f[.low]!
        throw StreamInputError(field: key.name, reason: "\(text(f[key]!, b)) is \(above ? "above high" : "below low") \(text(bound, b))")
    }

    /// `time`: an ISO 8601 text or an epoch number (`EpochMillis`).
    static func time(_ t: Token?, _ b: UnsafeBufferPointer<UInt8>, needs: LineKind) throws(StreamInputError) -> EpochMillis.Reading {
        guard let t else { throw missing(.time, needs: needs) }
        switch t.kind {
        case .integer, .number, .string, .escapedString: break
        default: throw wrongType(.time, t, b, expected: "an ISO 8601 text or an epoch number")
        }
        do throws(EpochMillis.Failure) {
            switch t.kind {
            case .integer, .number: return try EpochMillis.number(b, t.start, t.end)
            case .string: return try EpochMillis.isoText(b, t.start, t.end)
            default: throw .notATime
            }
        } catch .notATime {
            throw StreamInputError(
                field: "time", reason: "\(text(t, b)) is not a date or time (use e.g. \"2024-01-31T09:30:00Z\", epoch seconds or epoch milliseconds)")
        } catch {
            throw StreamInputError(
                field: "time",
                reason: "\(text(t, b)) is out of range (a time lies in the years 1 to 9999; an epoch number is seconds below 1e11, milliseconds below 1e14, microseconds below 1e17, else nanoseconds)")
        }
    }

    /// `symbol`: a string following `SymbolName`'s rules, escapes decoded.
    static func symbol(_ t: Token?, _ b: UnsafeBufferPointer<UInt8>, needs: LineKind) throws(StreamInputError) -> String {
        guard let t else { throw missing(.symbol, needs: needs) }
        let symbol: String
        switch t.kind {
        case .string:
            symbol = String(decoding: UnsafeBufferPointer(rebasing: b[t.start..<t.end]), as: UTF8.self)
            if isPlainSymbol(b, t.start, t.end) { return symbol }
        case .escapedString:
            symbol = try unescaped(b, t.start, t.end)
        default:
            throw wrongType(.symbol, t, b, expected: "a string")
        }
        do throws(SymbolNameError) {
            try SymbolName.validate(symbol)
        } catch {
            throw StreamInputError(field: "symbol", reason: "'\(EchoText.capped(symbol))' \(error.reason) (\(SymbolNameError.rule))")
        }
        return symbol
    }

    /// `SymbolName`'s rules on ASCII bytes: 1–32 of letters, digits and `. _ - ^ = :`, at least
    /// one letter or digit, no `..`. Anything it refuses goes to `SymbolName.validate` for the
    /// message.
    @inline(__always)
    private static func isPlainSymbol(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        guard e > s, e - s <= SymbolName.maxLength else { return false }
        var alphanumeric = false
        var previous: UInt8 = 0
        for k in s..<e {
            let c = b[k]
            if c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 26 {
                alphanumeric = true
            } else if c == UInt8(ascii: ".") {
                if previous == c { return false }
            } else if !(c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: "^") || c == UInt8(ascii: "=") || c == UInt8(ascii: ":")) {
                return false
            }
            previous = c
        }
        return alphanumeric
    }

    /// A JSON string's content with its escapes decoded (the cursor checked their syntax).
    private static func unescaped(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) throws(StreamInputError) -> String {
        var scalars = String.UnicodeScalarView()
        var k = s
        var pending: [UInt8] = []
        func flush() {
            if !pending.isEmpty { scalars.append(contentsOf: String(decoding: pending, as: UTF8.self).unicodeScalars) }
            pending.removeAll()
        }
        while k < e {
            guard b[k] == UInt8(ascii: "\\") else {
                pending.append(b[k])
                k += 1
                continue
            }
            flush()
            let c = b[k + 1]
            k += 2
            switch c {
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var v: UInt32 = 0
                for j in k..<k + 4 { v = v << 4 | (JSONLineCursor.hex(b[j]) ?? 0) }
                k += 4
                guard let scalar = Unicode.Scalar(v) else {
                    throw StreamInputError(field: "symbol", reason: "holds the escape \\u\(String(v, radix: 16, uppercase: true)), half of a surrogate pair (a symbol is ASCII)")
                }
                scalars.append(scalar)
            default: scalars.append(Unicode.Scalar(c))  // \" \\ \/
            }
        }
        flush()
        return String(scalars)
    }
}
