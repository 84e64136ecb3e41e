/// Integers (decimal, `0x`, `0o`, `0b`; 64-bit, overflow is an error) and floats (`1.5`, `1e-3`,
/// `inf`, `nan`, with `_` between digits).
extension TOMLScanner {
    private static func isNumberByte(_ b: UInt8) -> Bool {
        isBareKeyByte(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
    }

    /// A number, `inf` or `nan`; the cursor is on its first character.
    mutating func number() throws(TOMLSyntaxError) -> ConfigValue {
        let start = pos
        while let b = current, Self.isNumberByte(b) { pos += 1 }
        let token = Array(bytes[start..<pos])
        do {
            return try Self.parseNumber(token)
        } catch {
            let shown = String(decoding: token.prefix(40), as: UTF8.self) + (token.count > 40 ? "…" : "")
            throw self.error("invalid number '\(shown)': \(error.message)", at: start)
        }
    }

    private struct Problem: Error {
        var message: String
    }

    private static func parseNumber(_ t: [UInt8]) throws(Problem) -> ConfigValue {
        var i = 0
        let signed = t.first == UInt8(ascii: "+") || t.first == UInt8(ascii: "-")
        let negative = t.first == UInt8(ascii: "-")
        if signed { i = 1 }
        let rest = t[i...]
        if rest.elementsEqual("inf".utf8) { return .double(negative ? -.infinity : .infinity) }
        if rest.elementsEqual("nan".utf8) { return .double(.nan) }
        guard i < t.count else { throw Problem(message: "a sign must be followed by digits") }
        if rest.count >= 2, rest.first == UInt8(ascii: "0"), let radix = radix(of: rest[rest.startIndex + 1]) {
            guard !signed else { throw Problem(message: "hexadecimal, octal and binary integers cannot have a sign") }
            i += 2
            let digitsStart = i
            guard try scanDigits(t, &i, radix: radix) > 0, i == t.count else {
                throw Problem(message: "expected base-\(radix) digits after the prefix")
            }
            return .integer(try integer(t[digitsStart...], radix: radix, negative: false))
        }
        let integerStart = i
        let integerDigits = try scanDigits(t, &i, radix: 10)
        guard integerDigits > 0 else { throw Problem(message: "expected a digit") }
        if integerDigits > 1 && t[integerStart] == UInt8(ascii: "0") {
            throw Problem(message: "leading zeros are not allowed")
        }
        var isFloat = false
        if i < t.count, t[i] == UInt8(ascii: ".") {
            i += 1
            guard try scanDigits(t, &i, radix: 10) > 0 else { throw Problem(message: "a decimal point must be followed by digits") }
            isFloat = true
        }
        if i < t.count, t[i] == UInt8(ascii: "e") || t[i] == UInt8(ascii: "E") {
            i += 1
            if i < t.count, t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-") { i += 1 }
            guard try scanDigits(t, &i, radix: 10) > 0 else { throw Problem(message: "an exponent must have digits") }
            isFloat = true
        }
        guard i == t.count else { throw Problem(message: "unexpected '\(Character(Unicode.Scalar(t[i])))'") }
        if !isFloat {
            return .integer(try integer(t[integerStart...], radix: 10, negative: negative))
        }
        let text = String(decoding: t.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw Problem(message: "the value is outside the range of a 64-bit float") }
        return .double(d)
    }

    private static func radix(of b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }

    private static func digitValue(_ b: UInt8, radix: Int) -> Int? {
        guard let v = hexValue(b), Int(v) < radix else { return nil }
        return Int(v)
    }

    /// Advances over digits of `radix` with single underscores between them; returns the
    /// number of digits.
    private static func scanDigits(_ t: [UInt8], _ i: inout Int, radix: Int) throws(Problem) -> Int {
        var count = 0
        var lastWasDigit = false
        while i < t.count {
            if digitValue(t[i], radix: radix) != nil {
                count += 1
                lastWasDigit = true
            } else if t[i] == UInt8(ascii: "_") {
                guard lastWasDigit else { throw Problem(message: "an underscore must sit between two digits") }
                lastWasDigit = false
            } else {
                break
            }
            i += 1
        }
        if count > 0 && !lastWasDigit { throw Problem(message: "an underscore must sit between two digits") }
        return count
    }

    /// The value of validated digits (underscores skipped), with overflow checked.
    private static func integer(_ digits: ArraySlice<UInt8>, radix: Int, negative: Bool) throws(Problem) -> Int {
        var value = 0
        for b in digits {
            guard let d = digitValue(b, radix: radix) else { continue }
            let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
            let (next, o2) = negative ? shifted.subtractingReportingOverflow(d) : shifted.addingReportingOverflow(d)
            guard !o1, !o2 else {
                throw Problem(message: "the value does not fit in a 64-bit integer (\(Int.min) to \(Int.max))")
            }
            value = next
        }
        return value
    }
}
