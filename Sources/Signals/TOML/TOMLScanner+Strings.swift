/// Keys and the four TOML string kinds: basic (`"..."`, with escapes), literal (`'...'`) and
/// their multi-line forms (`"""..."""`, `'''...'''`).
extension TOMLScanner {
    /// Most parts a dotted key may have (deeper documents are rejected, not recursed into).
    static let maxKeyParts = 128

    static func isBareKeyByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D
    }

    /// A dotted key such as `a."b.c".d`, whitespace allowed around the dots.
    mutating func key() throws(TOMLSyntaxError) -> [String] {
        var parts = [try simpleKey()]
        while true {
            let save = pos
            skipWhitespace()
            guard current == UInt8(ascii: ".") else {
                pos = save
                return parts
            }
            pos += 1
            skipWhitespace()
            parts.append(try simpleKey())
            if parts.count > Self.maxKeyParts {
                throw error("a dotted key may have at most \(Self.maxKeyParts) parts")
            }
        }
    }

    /// One bare or quoted key.
    mutating func simpleKey() throws(TOMLSyntaxError) -> String {
        let start = pos
        switch current {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            if peek(1) == current, peek(2) == current {
                throw error("a key cannot be a multi-line string")
            }
            return try string()
        case let b? where Self.isBareKeyByte(b):
            while let c = current, Self.isBareKeyByte(c) { pos += 1 }
            return String(decoding: bytes[start..<pos], as: UTF8.self)
        default:
            throw error("expected a key (letters, digits, '_' and '-', or a quoted string), found \(describeCurrent())")
        }
    }

    /// A string of any kind; the cursor is on its opening quote.
    mutating func string() throws(TOMLSyntaxError) -> String {
        let quote = current ?? 0
        let literal = quote == UInt8(ascii: "'")
        if peek(1) == quote, peek(2) == quote {
            pos += 3
            return try multilineString(quote: quote, literal: literal)
        }
        let start = pos
        pos += 1
        var out: [UInt8] = []
        while true {
            guard let b = current else { throw error("this string is never closed (expected a closing \(literal ? "'" : "\""))", at: start) }
            if b == quote {
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b == 0x0A || b == 0x0D {
                throw error("a single-line string cannot contain a line break (close it before the end of the line, or use a multi-line string)")
            }
            if Self.isForbiddenControl(b) {
                throw error("\(describeCurrent()) is not allowed in a string (write it as an escape)")
            }
            if b == UInt8(ascii: "\\") && !literal {
                try escape(into: &out)
            } else {
                out.append(b)
                pos += 1
            }
        }
    }

    /// The body of a multi-line string after its three opening quotes.
    private mutating func multilineString(quote: UInt8, literal: Bool) throws(TOMLSyntaxError) -> String {
        let start = pos - 3
        _ = try consumeNewline()  // a line break right after the opening quotes is trimmed
        var out: [UInt8] = []
        while true {
            guard let b = current else {
                let close = literal ? "'''" : "\"\"\""
                throw error("this multi-line string is never closed (expected \(close))", at: start)
            }
            if b == quote {
                var run = 0
                while peek(run) == quote { run += 1 }
                if run >= 3 {
                    guard run <= 5 else { throw error("too many quotes: at most two may precede the closing quotes", at: pos + 5) }
                    out.append(contentsOf: repeatElement(quote, count: run - 3))
                    pos += run
                    return String(decoding: out, as: UTF8.self)
                }
                out.append(contentsOf: repeatElement(quote, count: run))
                pos += run
            } else if b == 0x0A {
                out.append(b)
                pos += 1
            } else if b == 0x0D {
                guard peek(1) == 0x0A else { throw error("a carriage return must be followed by a line feed") }
                out.append(0x0A)
                pos += 2
            } else if Self.isForbiddenControl(b) {
                throw error("\(describeCurrent()) is not allowed in a string (write it as an escape)")
            } else if b == UInt8(ascii: "\\") && !literal {
                if try lineEndingBackslash() { continue }
                try escape(into: &out)
            } else {
                out.append(b)
                pos += 1
            }
        }
    }

    /// In a multi-line basic string, a backslash that ends its line (trailing spaces allowed)
    /// removes the line break and all whitespace up to the next visible character.
    private mutating func lineEndingBackslash() throws(TOMLSyntaxError) -> Bool {
        var i = pos + 1
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        guard i < bytes.count, bytes[i] == 0x0A || bytes[i] == 0x0D else { return false }
        pos = i
        while true {
            skipWhitespace()
            guard try consumeNewline() else { return true }
        }
    }

    /// One escape sequence in a basic string; the cursor is on the backslash.
    private mutating func escape(into out: inout [UInt8]) throws(TOMLSyntaxError) {
        let start = pos
        pos += 1
        guard let e = current else { throw error("this string is never closed (it ends with a backslash)", at: start) }
        pos += 1
        let simple: UInt8?
        switch e {
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "u"), UInt8(ascii: "U"): simple = nil
        default:
            let shown = e > 0x20 && e < 0x7F ? "\\\(Character(Unicode.Scalar(e)))" : "a backslash followed by \(describe(at: start + 1))"
            throw error("invalid escape \(shown) (allowed: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)", at: start)
        }
        if let simple {
            out.append(simple)
            return
        }
        let digits = e == UInt8(ascii: "u") ? 4 : 8
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let b = current, let d = Self.hexValue(b) else {
                throw error("\\\(Character(Unicode.Scalar(e))) must be followed by \(digits) hexadecimal digits", at: start)
            }
            value = value << 4 | UInt32(d)
            pos += 1
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("escape \(Self.codePoint(value)) is not a Unicode scalar value (surrogates and values above U+10FFFF are not allowed)", at: start)
        }
        UTF8.encode(scalar) { out.append($0) }
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }
}
