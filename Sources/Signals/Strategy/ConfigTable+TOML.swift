import Foundation
import TOMLKit

extension ConfigTable {
    /// Parses TOML text. Keys keep the order of the file.
    /// - Throws: `StrategyError.Kind.syntax` with the line and column of the first TOML error.
    public static func parse(toml text: String, file: String? = nil) throws(StrategyError) -> ConfigTable {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw StrategyError(file: file, .syntax(
                line: error.source.begin.line, column: error.source.begin.column, message: error.description))
        } catch {
            throw StrategyError(file: file, .syntax(line: 0, column: 0, message: "\(error)"))
        }
        let order = KeyOrder(text)
        return convert(table, path: [], order: order)
    }

    private static func convert(_ table: TOMLTable, path: [String], order: KeyOrder) -> ConfigTable {
        var out = ConfigTable()
        let keys = table.keys.sorted { order.rank(path + [$0]) < order.rank(path + [$1]) }
        for key in keys {
            guard let value = table[key] else { continue }
            out.entries.append(Entry(key: key, value: convert(value, path: path + [key], order: order)))
        }
        return out
    }

    private static func convert(_ value: TOMLValueConvertible, path: [String], order: KeyOrder) -> ConfigValue {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .double(value.double ?? .nan)
        case .bool: return .bool(value.bool ?? false)
        case .table:
            guard let t = value.table else { return .table(ConfigTable()) }
            return .table(convert(t, path: path, order: order))
        case .array:
            guard let a = value.array else { return .array([]) }
            return .array(a.map { convert($0, path: path, order: order) })
        case .date: return .other("date")
        case .time: return .other("time")
        case .dateTime: return .other("date-time")
        }
    }
}

/// The order in which keys appear in TOML text, recovered with a light line scan: table
/// headers (`[a.b]`) and `key =` lines. Used only to sort keys the parser already validated;
/// anything the scan misses sorts after, alphabetically.
struct KeyOrder {
    private var ranks: [[String]: Int] = [:]

    init(_ text: String) {
        var table: [String] = []
        var inMultiline = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingPrefix { $0 == " " || $0 == "\t" }
            let triples = line.components(separatedBy: "\"\"\"").count - 1 + line.components(separatedBy: "'''").count - 1
            if inMultiline {
                if triples % 2 == 1 { inMultiline = false }
                continue
            }
            if line.hasPrefix("[") && !line.hasPrefix("[[") {
                if let close = line.firstIndex(of: "]") {
                    table = KeyOrder.dotted(String(line[line.index(after: line.startIndex)..<close]))
                    record(table)
                }
            } else if let eq = line.firstIndex(of: "=") {
                let keyPath = KeyOrder.dotted(String(line[..<eq]))
                if !keyPath.isEmpty, keyPath.allSatisfy({ !$0.isEmpty }) {
                    for i in 1...keyPath.count { record(table + keyPath.prefix(i)) }
                }
            }
            if triples % 2 == 1 { inMultiline = true }
        }
    }

    private mutating func record(_ path: [String]) {
        if ranks[path] == nil { ranks[path] = ranks.count }
    }

    /// Splits `a."b.c".d` into its keys; returns [] when it does not look like a key.
    private static func dotted(_ text: String) -> [String] {
        var keys: [String] = []
        var current = ""
        var quote: Character?
        for c in text {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "." {
                keys.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else if c.isLetter || c.isNumber || c == "_" || c == "-" || c == " " || c == "\t" {
                current.append(c)
            } else {
                return []
            }
        }
        keys.append(current.trimmingCharacters(in: .whitespaces))
        return keys
    }

    /// The position of `path` in the text (unknown keys sort last, then by name).
    func rank(_ path: [String]) -> (Int, String) {
        (ranks[path] ?? Int.max, path.last ?? "")
    }
}
