/// An error compiling one named signal or rule: the key (`signals.fast_ma`, `rules.long_entry`)
/// and the language error inside its expression.
public struct CompileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `signals.<name>` or `rules.<key>`.
    public var key: String
    public var error: LanguageError

    public init(key: String, error: LanguageError) {
        self.key = key
        self.error = error
    }

    /// `signals.fast_ma: column 5: unknown function 'smaa' (did you mean 'sma'?)`.
    public var description: String { "\(key): \(error)" }
}
