/// An error loading or compiling a strategy file. Its description is one line that names the
/// file, the key and, for expressions, the column:
/// `strategies/x.toml: signals.fast_ma: column 5: unknown function 'smaa' (did you mean 'sma'?)`.
public struct StrategyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The file could not be read.
        case unreadable(String)
        /// The TOML itself is malformed.
        case syntax(line: Int, column: Int, message: String)
        /// A key the format does not define.
        case unknownKey(suggestion: String?)
        /// A required key is absent.
        case missingKey
        /// A value of the wrong TOML type.
        case wrongType(expected: String, found: String)
        /// A value of the right type that is not allowed.
        case invalidValue(String)
        /// An expression that does not compile.
        case expression(LanguageError)
        /// A `--set` argument that is not `key=value`.
        case malformedOverride(String)
    }

    /// The strategy file, when known.
    public var file: String?
    /// The dotted key (`signals.fast_ma`, `execution.fill`), when the error has one.
    public var key: String?
    public var kind: Kind

    public init(file: String? = nil, key: String? = nil, _ kind: Kind) {
        self.file = file
        self.key = key
        self.kind = kind
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let key { parts.append(key) }
        parts.append(detail)
        return parts.joined(separator: ": ")
    }

    private var detail: String {
        switch kind {
        case .unreadable(let why):
            return "cannot read the strategy file (\(why))"
        case .syntax(let line, let column, let message):
            return "line \(line), column \(column): \(message)"
        case .unknownKey(let suggestion):
            return "unknown key" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .missingKey:
            return "required key is missing"
        case .wrongType(let expected, let found):
            return "expected \(expected), found \(found)"
        case .invalidValue(let message):
            return message
        case .expression(let error):
            return error.description
        case .malformedOverride(let text):
            return "override '\(text)' must look like key=value (for example fast=12 or execution.commission=0.001)"
        }
    }
}
