/// A TOML document as plain Swift values, with every table's keys in the order they appear in
/// the file (signal and rule order is part of the output format).
public indirect enum ConfigValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case array([ConfigValue])
    case table(ConfigTable)
    /// Dates, times and date-times, which no strategy key uses (they are parsed and validated
    /// so that a malformed one is a syntax error, and named in type errors).
    case dateTime(ConfigDateTime)

    /// The TOML type name used in error messages.
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .double: "a float"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        case .dateTime(let value): "a \(value.typeName)"
        }
    }

    /// The value as a number, for integers and floats.
    public var number: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
}

/// A TOML table whose entries keep file order.
public struct ConfigTable: Sendable, Equatable {
    /// One `key = value` pair.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: ConfigValue
    }

    public var entries: [Entry] = []

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    public var keys: [String] { entries.map(\.key) }

    /// The value at `key`; setting nil removes it, setting a new key appends it.
    public subscript(key: String) -> ConfigValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
            }
        }
    }
}
