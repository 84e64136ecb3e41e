/// A position in one line of JSON text and the scanning steps `NDJSONLineParser` needs: strict
/// JSON tokens (RFC 8259 numbers, strings with escapes checked, literals), nested values skipped.
/// Nothing is decoded or allocated here; a token is a kind and a byte range.
struct JSONLineCursor {
    /// What a value is. `nonFinite` is `NaN`, `Infinity` or `-Infinity`, which JSON does not
    /// have but some writers (Python's `json.dumps`) produce; the parser names it per field.
    enum Kind: Equatable {
        case string, escapedString, integer, number, trueLiteral, falseLiteral, null, object, array, nonFinite
    }

    /// A value: its kind and bytes (a string's without the quotes).
    struct Token {
        var kind: Kind
        var start: Int
        var end: Int
    }

    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    /// Objects and arrays open around the position (bounded so that a hostile line cannot
    /// exhaust the stack).
    private var depth = 0
    static let maxDepth = 64

    init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    var atEnd: Bool { i >= b.count }
    var current: UInt8 { b[i] }

    @inline(__always)
    mutating func skipSpace() {
        while i < b.count {
            let c = b[i]
            guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { return }
            i += 1
        }
    }

    /// `malformed JSON at column 17: expected ':' after a key`.
    func malformed(_ what: String) -> StreamInputError {
        StreamInputError(field: nil, reason: "malformed JSON at column \(i + 1): \(what)")
    }

    /// Consumes `byte` (after blanks) or fails saying what was expected.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: String) throws(StreamInputError) {
        skipSpace()
        guard i < b.count, b[i] == byte else { throw malformed(i < b.count ? what : "the line ends early; \(what)") }
        i += 1
    }

    /// A string starting at the opening quote; control characters inside and unknown escapes
    /// are malformed.
    mutating func string() throws(StreamInputError) -> Token {
        i += 1
        let start = i
        var escaped = false
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return Token(kind: escaped ? .escapedString : .string, start: start, end: i - 1)
            }
            if c < 0x20 { throw malformed("a control character inside a string (escape it)") }
            if c == UInt8(ascii: "\\") {
                escaped = true
                i += 1
                guard i < b.count else { break }
                switch b[i] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 1
                case UInt8(ascii: "u"):
                    guard i + 4 < b.count, (i + 1...i + 4).allSatisfy({ Self.hex(b[$0]) != nil }) else {
                        throw malformed("\\u must be followed by four hex digits")
                    }
                    i += 5
                default:
                    throw malformed("'\\\(Character(Unicode.Scalar(b[i])))' is not a JSON escape")
                }
                continue
            }
            i += 1
        }
        throw malformed("a string is not closed (missing '\"')")
    }

    /// A number: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    mutating func number() throws(StreamInputError) -> Token {
        let start = i
        var integer = true
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, b[i] &- 0x30 < 10 else {
            if i < b.count, b[i] == UInt8(ascii: "I") { return try nonFinite(from: start) }
            throw malformed("'-' must be followed by a digit")
        }
        if b[i] == UInt8(ascii: "0") {
            i += 1
            if i < b.count, b[i] &- 0x30 < 10 { throw malformed("a number may not have a leading zero") }
        } else {
            while i < b.count, b[i] &- 0x30 < 10 { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            integer = false
            i += 1
            guard i < b.count, b[i] &- 0x30 < 10 else { throw malformed("a digit must follow the decimal point") }
            while i < b.count, b[i] &- 0x30 < 10 { i += 1 }
        }
        if i < b.count, b[i] | 0x20 == UInt8(ascii: "e") {
            integer = false
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard i < b.count, b[i] &- 0x30 < 10 else { throw malformed("a digit must follow the exponent") }
            while i < b.count, b[i] &- 0x30 < 10 { i += 1 }
        }
        return Token(kind: integer ? .integer : .number, start: start, end: i)
    }

    /// Any value; objects and arrays are skipped whole (their token spans them).
    mutating func value() throws(StreamInputError) -> Token {
        skipSpace()
        guard i < b.count else { throw malformed("the line ends where a value should be") }
        let c = b[i]
        switch c {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "t"): return try literal("true", .trueLiteral)
        case UInt8(ascii: "f"): return try literal("false", .falseLiteral)
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "N"), UInt8(ascii: "I"): return try nonFinite(from: i)
        case UInt8(ascii: "{"), UInt8(ascii: "["): return try nested()
        default: throw malformed("'\(Character(Unicode.Scalar(c)))' cannot start a value")
        }
    }

    private mutating func literal(_ word: StaticString, _ kind: Kind) throws(StreamInputError) -> Token {
        let start = i
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count, (0..<n).allSatisfy({ b[start + $0] == word.utf8Start[$0] }) else {
            throw malformed("expected '\(word)'")
        }
        i += n
        return Token(kind: kind, start: start, end: i)
    }

    /// `NaN`, `Infinity`, `-Infinity`.
    private mutating func nonFinite(from start: Int) throws(StreamInputError) -> Token {
        while i < b.count, (b[i] | 0x20) &- UInt8(ascii: "a") < 26 { i += 1 }
        let word = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        guard ["NaN", "Infinity", "-Infinity"].contains(word) else { throw malformed("'\(EchoText.capped(word))' is not a JSON value") }
        return Token(kind: .nonFinite, start: start, end: i)
    }

    /// An object or array, checked for well-formedness and skipped.
    private mutating func nested() throws(StreamInputError) -> Token {
        let start = i
        let isObject = b[i] == UInt8(ascii: "{")
        guard depth < Self.maxDepth else { throw malformed("values nested deeper than \(Self.maxDepth) levels") }
        depth += 1
        defer { depth -= 1 }
        i += 1
        skipSpace()
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        if i < b.count, b[i] == close {
            i += 1
            return Token(kind: isObject ? .object : .array, start: start, end: i)
        }
        while true {
            if isObject {
                skipSpace()
                guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw malformed("expected a key in quotes") }
                _ = try string()
                try expect(UInt8(ascii: ":"), "expected ':' after a key")
            }
            _ = try value()
            skipSpace()
            guard i < b.count else { throw malformed("the line ends inside \(isObject ? "an object" : "an array")") }
            if b[i] == close {
                i += 1
                return Token(kind: isObject ? .object : .array, start: start, end: i)
            }
            guard b[i] == UInt8(ascii: ",") else { throw malformed("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
            i += 1
        }
    }

    static func hex(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(c - 87)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(c - 55)
        default: nil
        }
    }
}
