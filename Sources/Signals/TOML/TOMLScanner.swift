/// A cursor over the UTF-8 bytes of a TOML document: whitespace, comments, line ends and the
/// descriptions of characters used in error messages. Strings, keys, numbers and dates are read
/// by the extensions in the files beside this one.
struct TOMLScanner {
    let bytes: [UInt8]
    var pos: Int = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { pos >= bytes.count }
    /// The byte at the cursor, nil at the end.
    var current: UInt8? { pos < bytes.count ? bytes[pos] : nil }

    /// The byte `k` places after the cursor, nil past the end.
    func peek(_ k: Int) -> UInt8? {
        let i = pos + k
        return i < bytes.count ? bytes[i] : nil
    }

    func error(_ message: String, at offset: Int? = nil) -> TOMLSyntaxError {
        TOMLSyntaxError(offset: offset ?? pos, message: message)
    }

    /// Skips spaces and tabs.
    mutating func skipWhitespace() {
        while let b = current, b == 0x20 || b == 0x09 { pos += 1 }
    }

    /// True for the control characters TOML forbids in comments and strings (all but tab).
    static func isForbiddenControl(_ b: UInt8) -> Bool {
        (b < 0x20 && b != 0x09) || b == 0x7F
    }

    /// Skips a `#` comment up to (not including) its line end.
    mutating func skipComment() throws(TOMLSyntaxError) {
        guard current == UInt8(ascii: "#") else { return }
        pos += 1
        while let b = current, b != 0x0A {
            if b == 0x0D {
                if peek(1) == 0x0A { return }
                throw error("a carriage return must be followed by a line feed")
            }
            if Self.isForbiddenControl(b) {
                throw error("\(describeCurrent()) is not allowed in a comment")
            }
            pos += 1
        }
    }

    /// Consumes one LF or CRLF line end; returns false when the cursor is not at one.
    mutating func consumeNewline() throws(TOMLSyntaxError) -> Bool {
        switch current {
        case 0x0A:
            pos += 1
            return true
        case 0x0D:
            guard peek(1) == 0x0A else { throw error("a carriage return must be followed by a line feed") }
            pos += 2
            return true
        default:
            return false
        }
    }

    /// After a key/value pair or a table header: optional whitespace and comment, then a line end
    /// or the end of the document.
    mutating func expectLineEnd(after what: String) throws(TOMLSyntaxError) {
        skipWhitespace()
        try skipComment()
        if atEnd { return }
        guard try consumeNewline() else {
            throw error("expected the end of the line after \(what), found \(describeCurrent())")
        }
    }

    /// Skips whitespace, comments and line ends (between the elements of an array).
    mutating func skipBlankLines() throws(TOMLSyntaxError) {
        while true {
            skipWhitespace()
            try skipComment()
            guard try consumeNewline() else { return }
        }
    }

    /// The character at the cursor for an error message: `'x'`, `end of line`, `end of file`,
    /// `control character U+0007`, `'é' (U+00E9)`.
    func describeCurrent() -> String {
        describe(at: pos)
    }

    func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of file" }
        let b = bytes[offset]
        switch b {
        case 0x0A: return "end of line"
        case 0x0D: return "a carriage return"
        case 0x09: return "a tab"
        case 0x20: return "a space"
        case _ where b < 0x20 || b == 0x7F: return "control character " + Self.codePoint(UInt32(b))
        case _ where b < 0x80: return "'\(Character(Unicode.Scalar(b)))'"
        default:
            guard let scalar = scalar(at: offset) else { return "byte 0x" + String(b, radix: 16) }
            return "'\(Character(scalar))' (\(Self.codePoint(scalar.value)))"
        }
    }

    /// The scalar starting at `offset` (the document was validated as UTF-8 up front).
    private func scalar(at offset: Int) -> Unicode.Scalar? {
        var iterator = bytes[offset...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&iterator) { return s }
        return nil
    }

    static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
    }

    /// The offset of the first byte that is not part of well-formed UTF-8 (overlong forms,
    /// surrogates and values above U+10FFFF included), or nil when the whole text is valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            let second = bytes[i + 1]
            guard second >= lower && second <= upper else { return i }
            var k = 2
            while k < length {
                guard bytes[i + k] & 0xC0 == 0x80 else { return i }
                k += 1
            }
            i += length
        }
        return nil
    }
}
