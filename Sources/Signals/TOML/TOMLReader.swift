/// A strict TOML 1.0 reader (https://toml.io/en/v1.0.0) producing `ConfigTable`s whose keys keep
/// file order. It checks the whole specification, including UTF-8, control characters, number
/// and date ranges and the rules against redefining tables, and is tested against the public
/// toml-test suite. Errors give the byte offset of the problem; nesting deeper than
/// `maxDepth` (tables, arrays and inline tables together) is an error, never deep recursion.
struct TOMLReader {
    static let maxDepth = 128

    private var scanner: TOMLScanner
    private var tree = TOMLTableTree(maxDepth: TOMLReader.maxDepth)

    private init(_ bytes: [UInt8]) {
        scanner = TOMLScanner(bytes)
    }

    /// Parses a whole document.
    static func parse(_ bytes: [UInt8]) throws(TOMLSyntaxError) -> ConfigTable {
        if let bad = TOMLScanner.firstInvalidUTF8(bytes) {
            throw TOMLSyntaxError(offset: bad, message: "the file is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))")
        }
        var reader = TOMLReader(bytes)
        try reader.document()
        return reader.tree.table(TOMLTableTree.root)
    }

    private mutating func document() throws(TOMLSyntaxError) {
        if scanner.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.pos = 3 }
        var table = TOMLTableTree.root
        while true {
            scanner.skipWhitespace()
            try scanner.skipComment()
            guard let b = scanner.current else { return }
            if try scanner.consumeNewline() { continue }
            if b == UInt8(ascii: "[") {
                table = try header()
                try scanner.expectLineEnd(after: "the table header")
            } else {
                let pair = try keyValue(baseDepth: tree.depth(of: table))
                try Self.store(pair, in: &tree, table: table)
                try scanner.expectLineEnd(after: "the value")
            }
        }
    }

    /// `[a.b]` or `[[a.b]]`; returns the table that the following keys go into.
    private mutating func header() throws(TOMLSyntaxError) -> Int {
        let start = scanner.pos
        let isArray = scanner.peek(1) == UInt8(ascii: "[")
        scanner.pos += isArray ? 2 : 1
        scanner.skipWhitespace()
        let key = try scanner.key()
        scanner.skipWhitespace()
        let close = isArray ? "]]" : "]"
        guard scanner.current == UInt8(ascii: "]"), !isArray || scanner.peek(1) == UInt8(ascii: "]") else {
            let found = isArray && scanner.current == UInt8(ascii: "]") ? scanner.describe(at: scanner.pos + 1) : scanner.describeCurrent()
            throw scanner.error("expected '\(close)' to close the table header, found \(found)")
        }
        scanner.pos += close.utf8.count
        do {
            return isArray ? try tree.appendTable(key) : try tree.defineTable(key)
        } catch {
            throw scanner.error(error.message, at: start)
        }
    }

    /// One `key = value` pair as read, before it is stored.
    private struct Pair {
        var offset: Int
        var key: [String]
        var value: ConfigValue
    }

    /// `key = value`; `baseDepth` is the depth of the table it goes into.
    private mutating func keyValue(baseDepth: Int) throws(TOMLSyntaxError) -> Pair {
        let start = scanner.pos
        let key = try scanner.key()
        scanner.skipWhitespace()
        guard scanner.current == UInt8(ascii: "=") else {
            throw scanner.error("expected '=' after the key \(TOMLTableTree.show(key)), found \(scanner.describeCurrent())")
        }
        scanner.pos += 1
        scanner.skipWhitespace()
        return Pair(offset: start, key: key, value: try value(depth: baseDepth + key.count))
    }

    private static func store(_ pair: Pair, in tree: inout TOMLTableTree, table: Int) throws(TOMLSyntaxError) {
        do {
            try tree.setValue(pair.value, at: pair.key, in: table)
        } catch {
            throw TOMLSyntaxError(offset: pair.offset, message: error.message)
        }
    }

    private mutating func value(depth: Int) throws(TOMLSyntaxError) -> ConfigValue {
        guard depth <= Self.maxDepth else {
            throw scanner.error("values are nested more than \(Self.maxDepth) levels deep")
        }
        let value: ConfigValue
        switch scanner.current {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            value = .string(try scanner.string())
        case UInt8(ascii: "["):
            value = try array(depth: depth)
        case UInt8(ascii: "{"):
            value = try inlineTable(depth: depth)
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            value = try boolean()
        case _ where scanner.atDateOrTime:
            value = .dateTime(try scanner.dateTime())
        case let b? where TOMLScanner.isDigit(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
            || b == UInt8(ascii: "i") || b == UInt8(ascii: "n"):
            value = try scanner.number()
        default:
            throw scanner.error("expected a value (a string, number, boolean, date, array or inline table), found \(scanner.describeCurrent())")
        }
        switch scanner.current {
        case nil, 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
            return value
        default:
            throw scanner.error("unexpected \(scanner.describeCurrent()) after the value")
        }
    }

    private mutating func boolean() throws(TOMLSyntaxError) -> ConfigValue {
        for (word, result) in [("true", true), ("false", false)] where scanner.bytes[scanner.pos...].starts(with: word.utf8) {
            scanner.pos += word.utf8.count
            return .bool(result)
        }
        throw scanner.error("expected a value; booleans are written true or false (lower case), strings need quotes")
    }

    /// `[v, v, ...]`: values of any types, line breaks and comments allowed, trailing comma allowed.
    private mutating func array(depth: Int) throws(TOMLSyntaxError) -> ConfigValue {
        let start = scanner.pos
        scanner.pos += 1
        var items: [ConfigValue] = []
        while true {
            try scanner.skipBlankLines()
            if scanner.current == UInt8(ascii: "]") { break }
            if scanner.atEnd { throw scanner.error("this array is never closed (expected ']')", at: start) }
            items.append(try value(depth: depth + 1))
            try scanner.skipBlankLines()
            if scanner.current == UInt8(ascii: ",") {
                scanner.pos += 1
            } else if scanner.current == UInt8(ascii: "]") {
                break
            } else if scanner.atEnd {
                throw scanner.error("this array is never closed (expected ']')", at: start)
            } else {
                throw scanner.error("expected ',' or ']' in the array, found \(scanner.describeCurrent())")
            }
        }
        scanner.pos += 1
        return .array(items)
    }

    /// `{ k = v, k = v }` on one line, no trailing comma (TOML 1.0).
    private mutating func inlineTable(depth: Int) throws(TOMLSyntaxError) -> ConfigValue {
        scanner.pos += 1
        var inline = TOMLTableTree(baseDepth: depth, maxDepth: Self.maxDepth)
        scanner.skipWhitespace()
        if scanner.current == UInt8(ascii: "}") {
            scanner.pos += 1
            return .table(ConfigTable())
        }
        while true {
            scanner.skipWhitespace()
            if scanner.current == UInt8(ascii: "}") {
                throw scanner.error("a trailing comma is not allowed in an inline table")
            }
            let pair = try keyValue(baseDepth: depth)
            try Self.store(pair, in: &inline, table: TOMLTableTree.root)
            scanner.skipWhitespace()
            switch scanner.current {
            case UInt8(ascii: ","):
                scanner.pos += 1
            case UInt8(ascii: "}"):
                scanner.pos += 1
                return .table(inline.table(TOMLTableTree.root))
            case 0x0A?, 0x0D?, nil:
                throw scanner.error("an inline table must close with '}' on the line it starts (use a [table] for longer ones)")
            default:
                throw scanner.error("expected ',' or '}' in the inline table, found \(scanner.describeCurrent())")
            }
        }
    }
}
