/// `--set key=value` overrides, applied to the parsed document before it is decoded, so an
/// override is validated exactly like the file itself.
///
/// - `fast=12`: a bare key sets a param, which must already exist in `[params]`.
/// - `execution.commission=0.001`, `sizing.mode=fraction`: a dotted key sets any key; unknown
///   keys are rejected by the decoder as they would be in the file.
///
/// Values are read as integers, floats, `true`/`false`, or else strings (quotes optional).
public enum StrategyOverride {
    public static func apply(_ text: String, to table: inout ConfigTable, file: String?) throws(StrategyError) {
        guard let eq = text.firstIndex(of: "=") else { throw StrategyError(file: file, .malformedOverride(text)) }
        let key = String(text[..<eq]).trimmed
        let raw = String(text[text.index(after: eq)...]).trimmed
        var path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !key.isEmpty, path.allSatisfy({ !$0.isEmpty }) else { throw StrategyError(file: file, .malformedOverride(text)) }
        if path.count == 1 { path.insert("params", at: 0) }
        let value = parseValue(raw)
        let dotted = path.joined(separator: ".")
        if path[0] == "params" {
            let params: ConfigTable
            if case .table(let p)? = table["params"] { params = p } else { params = ConfigTable() }
            guard path.count == 2, params[path[1]] != nil else {
                let suggestion = LanguageError.suggestion(for: path.last ?? "", among: params.keys)
                throw StrategyError(file: file, key: dotted, .unknownKey(suggestion: suggestion.map { "params.\($0)" }))
            }
            guard value.number != nil else {
                throw StrategyError(file: file, key: dotted, .wrongType(expected: "a number", found: value.typeName))
            }
        }
        try set(value, at: path[...], in: &table, file: file, full: dotted)
    }

    private static func set(_ value: ConfigValue, at path: ArraySlice<String>, in table: inout ConfigTable, file: String?, full: String) throws(StrategyError) {
        let head = path[path.startIndex]
        if path.count == 1 {
            table[head] = value
            return
        }
        var child: ConfigTable
        switch table[head] {
        case nil: child = ConfigTable()
        case .table(let t)?: child = t
        case let other?:
            throw StrategyError(file: file, key: full, .wrongType(expected: "a key inside a table", found: other.typeName))
        }
        try set(value, at: path.dropFirst(), in: &child, file: file, full: full)
        table[head] = .table(child)
    }

    static func parseValue(_ raw: String) -> ConfigValue {
        if let i = Int(raw) { return .integer(i) }
        if let d = Double(raw), d.isFinite { return .double(d) }
        if raw == "true" { return .bool(true) }
        if raw == "false" { return .bool(false) }
        if raw.count >= 2, let f = raw.first, f == raw.last, f == "\"" || f == "'" {
            return .string(String(raw.dropFirst().dropLast()))
        }
        return .string(raw)
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
