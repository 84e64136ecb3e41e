/// Why a symbol breaks `SymbolName`'s rules.
public struct SymbolNameError: Error, Sendable, Equatable, CustomStringConvertible {
    public var symbol: String
    /// A clause after the symbol: `contains a space, which a symbol may not`.
    public var reason: String

    public init(symbol: String, reason: String) {
        self.symbol = symbol
        self.reason = reason
    }

    static let empty = SymbolNameError(symbol: "", reason: "is empty")

    /// The allowed characters, for the end of a message.
    public static let rule = "a symbol is 1 to 32 characters: letters, digits and . _ - ^ = :"

    public var description: String { "the symbol '\(EchoText.capped(symbol))' \(reason) (\(Self.rule))" }
}
