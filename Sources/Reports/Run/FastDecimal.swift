/// Parses a plain decimal (`-123.456`, `1e-5`, no blanks) from ASCII bytes without `strtod`
/// for the common shapes, which dominate reading a million-row equity.csv.
///
/// A decimal mantissa w ≤ 2^53 (every 15-digit one, and 16-digit ones up to 9007199254740992)
/// with a decimal exponent within ±22: w and the power of ten are exact doubles, so one IEEE
/// multiplication or division gives the correctly rounded value (Clinger's fast path). Anything
/// else (a larger 16-digit or any 17-digit mantissa, the shortest round-trip text of many
/// doubles such as `56263.51934000004`) returns nil and the caller falls back to `strtod`, which
/// rounds correctly: every value reads back as the exact double the engine wrote, so the
/// report's figures equal summary.json's to the last digit.
enum FastDecimal {
    private static let powers: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                           1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    static func parse(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        if p[i] == 0x2D { negative = true; i += 1 } else if p[i] == 0x2B { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, exponent = 0
        var sawDigit = false
        while i < end, p[i] &- 0x30 < 10 {
            sawDigit = true
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30)
                if mantissa != 0 { digits += 1 }
            } else { exponent += 1 }
            i += 1
        }
        if i < end, p[i] == 0x2E {
            i += 1
            while i < end, p[i] &- 0x30 < 10 {
                sawDigit = true
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30)
                    if mantissa != 0 { digits += 1 }
                    exponent -= 1
                }
                i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < end, p[i] | 0x20 == 0x65 {
            i += 1
            var expNegative = false
            if i < end, p[i] == 0x2D { expNegative = true; i += 1 } else if i < end, p[i] == 0x2B { i += 1 }
            var e = 0, expDigits = 0
            while i < end, p[i] &- 0x30 < 10, expDigits < 5 { e = e * 10 + Int(p[i] &- 0x30); expDigits += 1; i += 1 }
            guard expDigits > 0 else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == end else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0 }
        // Digits beyond the 19th are dropped above, but then w ≥ 10^18 > 2^53: no value is cut.
        guard mantissa <= 1 << 53, abs(exponent) <= 22 else { return nil }
        let m = Double(mantissa)  // exact: w ≤ 2^53
        let value = exponent < 0 ? m / powers[-exponent] : m * powers[exponent]
        return negative ? -value : value
    }
}
