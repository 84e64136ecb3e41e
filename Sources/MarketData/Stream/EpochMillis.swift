/// Reads the time of a stream line or a tick-file row into UTC epoch milliseconds.
///
/// - A number is an epoch count whose unit follows from its magnitude |n|:
///   seconds when |n| < 1e11 (before the year 5138), milliseconds when |n| < 1e14,
///   microseconds when |n| < 1e17 (Binance's spot dumps since 2025), nanoseconds above.
///   Plain decimals are read exactly (`1700000000.123` is 1700000000123 ms); a number with an
///   exponent goes through `Double`.
/// - A text is an ISO 8601 date or date-time (`2024-01-31`, `2024-01-31T09:30:00.250Z`,
///   `2024-01-31 09:30:00+01:00`; no zone means UTC), read by `TimestampParser`, with up to
///   three fraction digits kept.
///
/// Digits finer than a millisecond are cut off (rounding down, also for times before 1970) and
/// reported in `Reading.finer`, so a caller that needs whole seconds can refuse them. The
/// accepted range is 0001-01-01T00:00:00Z through 9999-12-31T23:59:59.999Z.
enum EpochMillis {
    static let min: Int64 = -62_135_596_800_000
    static let max: Int64 = 253_402_300_799_999

    /// A time in milliseconds, and whether digits below the millisecond were dropped.
    struct Reading: Equatable {
        var millis: Int64
        var finer: Bool
    }

    /// Why a cell or JSON value is not a time.
    enum Failure: Error, Equatable {
        case notATime
        case outOfRange
    }

    /// The epoch count in `b[s..<e]`: `-?digits[.digits][e±digits]`.
    static func number(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) throws(Failure) -> Reading {
        var i = s
        let negative = i < e && b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let intStart = i
        var whole: Int64 = 0
        var overflow = false
        while i < e, b[i] &- 0x30 < 10 {
            let (t, o1) = whole.multipliedReportingOverflow(by: 10)
            let (n, o2) = t.addingReportingOverflow(Int64(b[i] &- 0x30))
            overflow = overflow || o1 || o2
            whole = n
            i += 1
        }
        guard i > intStart else { throw .notATime }
        var fracStart = i
        var fracEnd = i
        if i < e, b[i] == UInt8(ascii: ".") {
            i += 1
            fracStart = i
            while i < e, b[i] &- 0x30 < 10 { i += 1 }
            fracEnd = i
            guard fracEnd > fracStart else { throw .notATime }
        }
        if i < e, b[i] | 0x20 == UInt8(ascii: "e") {
            guard let v = DecimalParser.parse(b, s, e) else { throw .notATime }
            return try scaled(v)
        }
        guard i == e else { throw .notATime }
        if overflow { throw .outOfRange }
        var millis: Int64
        var finer = false
        var fracDigitsKept = 0
        switch whole {
        case ..<100_000_000_000:
            millis = whole * 1_000
            fracDigitsKept = 3
        case ..<100_000_000_000_000:
            millis = whole
        case ..<100_000_000_000_000_000:
            millis = whole / 1_000
            finer = whole % 1_000 != 0
        default:
            millis = whole / 1_000_000
            finer = whole % 1_000_000 != 0
        }
        var scale: Int64 = 100
        for k in fracStart..<fracEnd {
            let d = Int64(b[k] &- 0x30)
            if k - fracStart < fracDigitsKept {
                millis += d * scale
                scale /= 10
            } else if d != 0 {
                finer = true
            }
        }
        if negative {
            millis = -millis
            if finer { millis -= 1 }
        }
        guard millis >= min && millis <= max else { throw .outOfRange }
        return Reading(millis: millis, finer: finer)
    }

    /// An epoch count given as a `Double` (exponent notation), by the same magnitude rule.
    private static func scaled(_ v: Double) throws(Failure) -> Reading {
        let a = Swift.abs(v)
        let factor = a < 1e11 ? 1_000.0 : a < 1e14 ? 1.0 : a < 1e17 ? 1e-3 : 1e-6
        let x = v * factor
        guard x.isFinite, x >= Double(min), x <= Double(max) else { throw .outOfRange }
        let f = x.rounded(.down)
        return Reading(millis: Int64(f), finer: f != x)
    }

    /// An ISO 8601 date or date-time in `b[s..<e]` (it must start `YYYY-`).
    static func isoText(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) throws(Failure) -> Reading {
        guard e - s >= 10, b[s + 4] == UInt8(ascii: "-"), (s..<s + 4).allSatisfy({ b[$0] &- 0x30 < 10 }),
            let seconds = TimestampParser.parse(b, s, e)
        else { throw .notATime }
        var millis = seconds * 1_000
        var finer = false
        if e - s > 20, b[s + 19] == UInt8(ascii: ".") {
            var scale: Int64 = 100
            var k = s + 20
            while k < e, b[k] &- 0x30 < 10 {
                let d = Int64(b[k] &- 0x30)
                if k - s - 20 < 3 {
                    millis += d * scale
                    scale /= 10
                } else if d != 0 {
                    finer = true
                }
                k += 1
            }
        }
        guard millis >= min && millis <= max else { throw .outOfRange }
        return Reading(millis: millis, finer: finer)
    }
}
