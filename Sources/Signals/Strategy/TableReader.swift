/// Typed, key-checked reads from one `ConfigTable`, with errors that name the file and the
/// dotted key.
struct TableReader {
    let table: ConfigTable
    let prefix: String
    let file: String?

    init(_ table: ConfigTable, prefix: String = "", file: String?) {
        self.table = table
        self.prefix = prefix
        self.file = file
    }

    func path(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    func error(_ key: String?, _ kind: StrategyError.Kind) -> StrategyError {
        StrategyError(file: file, key: key.map(path) ?? (prefix.isEmpty ? nil : prefix), kind)
    }

    /// Rejects any key not in `allowed`, suggesting the closest allowed one.
    func rejectUnknown(allowed: [String]) throws(StrategyError) {
        for key in table.keys where !allowed.contains(key) {
            throw error(key, .unknownKey(suggestion: LanguageError.suggestion(for: key, among: allowed)))
        }
    }

    func wrongType(_ key: String, _ expected: String, _ value: ConfigValue) -> StrategyError {
        error(key, .wrongType(expected: expected, found: value.typeName))
    }

    func string(_ key: String) throws(StrategyError) -> String? {
        guard let v = table[key] else { return nil }
        guard case .string(let s) = v else { throw wrongType(key, "a string", v) }
        return s
    }

    func number(_ key: String, minimum: Double = -.infinity, exclusive: Bool = false) throws(StrategyError) -> Double? {
        guard let v = table[key] else { return nil }
        guard let d = v.number else { throw wrongType(key, "a number", v) }
        guard d.isFinite, exclusive ? d > minimum : d >= minimum else {
            let bound = Token.format(minimum)
            throw error(key, .invalidValue("must be \(exclusive ? "greater than" : "at least") \(bound), got \(Token.format(d))"))
        }
        return d
    }

    func integer(_ key: String, minimum: Int) throws(StrategyError) -> Int? {
        guard let v = table[key] else { return nil }
        let i: Int
        switch v {
        case .integer(let x): i = x
        case .double(let d) where d == d.rounded() && Swift.abs(d) < 1e15: i = Int(d)
        default: throw wrongType(key, "an integer", v)
        }
        guard i >= minimum else { throw error(key, .invalidValue("must be at least \(minimum), got \(i)")) }
        return i
    }

    func bool(_ key: String) throws(StrategyError) -> Bool? {
        guard let v = table[key] else { return nil }
        guard case .bool(let b) = v else { throw wrongType(key, "true or false", v) }
        return b
    }

    func strings(_ key: String) throws(StrategyError) -> [String]? {
        guard let v = table[key] else { return nil }
        if case .string(let s) = v { return [s] }
        guard case .array(let items) = v else { throw wrongType(key, "an array of strings", v) }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else { throw wrongType(key, "an array of strings", item) }
            out.append(s)
        }
        return out
    }

    func subtable(_ key: String) throws(StrategyError) -> TableReader? {
        guard let v = table[key] else { return nil }
        guard case .table(let t) = v else { throw wrongType(key, "a table", v) }
        return TableReader(t, prefix: path(key), file: file)
    }

    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(StrategyError) -> E?
    where E.RawValue == String {
        guard let s = try string(key) else { return nil }
        guard let e = E(rawValue: s) else {
            let allowed = E.allCases.map(\.rawValue)
            let hint = LanguageError.suggestion(for: s, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            throw error(key, .invalidValue("'\(s)' is not one of \(allowed.joined(separator: ", "))\(hint)"))
        }
        return e
    }
}
