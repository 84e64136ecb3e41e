import MarketData

/// User input quoted back in messages: at most `limit` characters (a longer value is cut and
/// its length given), control characters escaped, so an error stays one readable line.
enum InputEcho {
    static let limit = EchoText.limit

    /// `'text'`, or `'first 200 characters…' (5000 characters)`.
    static func quoted(_ text: String) -> String {
        let count = text.count
        if count <= limit { return "'\(oneLine(text))'" }
        return "'\(oneLine(String(text.prefix(limit))))…' (\(count) characters)"
    }

    /// `text` with newlines, tabs and other control characters written as escapes.
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where isControl(scalar): out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || s.value == 0x7f || (0x80...0x9f).contains(s.value)
    }

    /// `text` with every run of non-blank characters longer than a quoted value can be (`limit`
    /// plus its quotes and ellipsis) cut to `limit`, for messages that quote input we did not
    /// format ourselves (the argument parser's, a library's).
    static func capLongWords(_ text: String) -> String {
        var out = "", word = ""
        func flush() {
            out += word.count > limit + 10 ? String(word.prefix(limit)) + "…(\(word.count) characters)" : word
            word = ""
        }
        for c in text {
            if c == " " || c == "\n" { flush(); out.append(c) } else { word.append(c) }
        }
        flush()
        return out
    }
}
