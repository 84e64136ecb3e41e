import Glibc

/// Parses decimal numbers from ASCII bytes into the nearest `Double` (the same value `strtod`
/// and `Double(String)` give).
///
/// Fast path (Clinger): when the digits fit in 2^53 and the decimal exponent is within ±22, both
/// the mantissa and the power of ten are exact doubles and one IEEE multiplication or division
/// rounds correctly. Everything else (long mantissas, large exponents) goes to `strtod`.
enum DecimalParser {
    private static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// The number in `bytes[start..<end]`, or nil when the text is not a plain decimal number.
    /// Leading and trailing blanks are ignored; a leading `+` or `-` is accepted.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        var e = end
        while i < e, bytes[i] == 0x20 { i += 1 }
        while e > i, bytes[e - 1] == 0x20 { e -= 1 }
        guard i < e else { return nil }
        let first = i
        var negative = false
        if bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        } else if bytes[i] == UInt8(ascii: "+") {
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var significant = 0
        var exponent = 0
        var sawDigit = false
        while i < e, bytes[i] &- 0x30 < 10 {
            let d = UInt64(bytes[i] &- 0x30)
            if significant < 19 {
                mantissa = mantissa &* 10 &+ d
                if mantissa != 0 { significant += 1 }
            } else {
                exponent += 1
            }
            digits += 1
            sawDigit = true
            i += 1
        }
        if i < e, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < e, bytes[i] &- 0x30 < 10 {
                let d = UInt64(bytes[i] &- 0x30)
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ d
                    if mantissa != 0 { significant += 1 }
                    exponent -= 1
                }
                sawDigit = true
                i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < e, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < e, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var x = 0
            var sawExpDigit = false
            while i < e, bytes[i] &- 0x30 < 10 {
                if x < 100_000 { x = x * 10 + Int(bytes[i] &- 0x30) }
                sawExpDigit = true
                i += 1
            }
            guard sawExpDigit else { return nil }
            exponent += expNegative ? -x : x
        }
        guard i == e else { return nil }
        if significant < 19, mantissa < (1 << 53), exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let v = exponent < 0 ? m / powersOfTen[-exponent] : m * powersOfTen[exponent]
            return negative ? -v : v
        }
        return slowPath(bytes, first, e)
    }

    private static func slowPath(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let len = end - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: len + 1) { buf in
            for k in 0..<len { buf[k] = CChar(bitPattern: bytes[start + k]) }
            buf[len] = 0
            var endPtr: UnsafeMutablePointer<CChar>?
            let v = strtod(buf.baseAddress!, &endPtr)
            guard let endPtr, endPtr - buf.baseAddress! == len else { return nil }
            return v
        }
    }

    /// Parses a whole string (used by JSON payloads whose numbers arrive as strings).
    static func parse(_ text: String) -> Double? {
        var t = text
        return t.withUTF8 { parse($0, 0, $0.count) }
    }
}
