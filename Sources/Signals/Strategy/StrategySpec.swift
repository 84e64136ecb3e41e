import Foundation
import MarketData

/// A strategy file (`strategies/*.toml`, DESIGN.md section 4) decoded and validated: universe,
/// params, named signals, rules, and the sizing, execution, portfolio and allocation tables
/// with their defaults. Unknown keys anywhere are errors.
///
/// ```swift
/// let spec = try StrategySpec.load(path: "strategies/sma_cross.toml", overrides: ["fast=12"])
/// var program = try spec.compile()
/// program.step(time: t, open: o, high: h, low: l, close: c, volume: v)
/// if program.boolean(named: "long_entry") == true { ... }
/// ```
public struct StrategySpec: Sendable, Equatable {
    /// A named signal: `name = "expression"` in `[signals]`.
    public struct Signal: Sendable, Equatable {
        public var name: String
        public var expression: String

        public init(name: String, expression: String) {
            self.name = name
            self.expression = expression
        }
    }

    /// A rule: `key = "expression"` in `[rules]`.
    public struct Rule: Sendable, Equatable {
        public var key: RuleKey
        public var expression: String

        public init(key: RuleKey, expression: String) {
            self.key = key
            self.expression = expression
        }
    }

    public var name: String
    public var description: String = ""
    /// The default universe (`--symbols` overrides it).
    public var symbols: [String] = []
    public var interval: Interval = .daily
    /// Param values (integers and floats alike), substituted at compile time.
    public var params: [String: Double] = [:]
    /// Param names in file order.
    public var paramNames: [String] = []
    /// Named signals in file order.
    public var signals: [Signal] = []
    /// Rules in file order.
    public var rules: [Rule] = []
    public var sizing = SizingSpec()
    public var execution = ExecutionSpec()
    public var portfolio = PortfolioSpec()
    /// Present when the file has an `[allocation]` table.
    public var allocation: AllocationSpec?
    /// The file the spec was read from, for error messages.
    public var sourcePath: String?

    public init(name: String) {
        self.name = name
    }

    /// The expression of a rule, if the strategy has it.
    public func rule(_ key: RuleKey) -> String? {
        rules.first { $0.key == key }?.expression
    }

    /// Reads, overrides and validates a strategy file.
    /// - Parameters:
    ///   - overrides: `key=value` strings as given to `--set`: a bare key sets a param that must
    ///     exist (`fast=12`); a dotted key sets any other key (`execution.commission=0.001`).
    public static func load(path: String, overrides: [String] = []) throws(StrategyError) -> StrategySpec {
        try parse(toml: try StrategyFile.read(path), path: path, overrides: overrides)
    }

    /// Decodes a strategy from TOML text; `path` is used in errors and for the default name.
    public static func parse(toml text: String, path: String? = nil, overrides: [String] = []) throws(StrategyError) -> StrategySpec {
        try parse(toml: Array(text.utf8), path: path, overrides: overrides)
    }

    /// Decodes a strategy from the bytes of a TOML file (bytes that are not UTF-8 are a syntax
    /// error with their line and column).
    public static func parse(toml bytes: [UInt8], path: String? = nil, overrides: [String] = []) throws(StrategyError) -> StrategySpec {
        var table = try ConfigTable.parse(toml: bytes, file: path)
        for o in overrides {
            try StrategyOverride.apply(o, to: &table, file: path)
        }
        return try StrategySpec(table: table, path: path)
    }

    /// Compiles every signal and rule into one program.
    /// - Throws: `StrategyError` naming the file, the key and the column.
    public func compile() throws(StrategyError) -> SignalProgram {
        do {
            return try expressionCompiler.compile()
        } catch {
            throw StrategyError(file: sourcePath, key: error.key, .expression(error.error))
        }
    }

    /// The signals and rules with this spec's params, ready to compile.
    var expressionCompiler: ExpressionCompiler {
        ExpressionCompiler(
            params: params,
            signals: signals.map { .init(name: $0.name, key: "signals.\($0.name)", text: $0.expression) },
            rules: rules.map { .init(name: $0.key.rawValue, key: "rules.\($0.key.rawValue)", text: $0.expression, expected: $0.key.valueType) })
    }
}
