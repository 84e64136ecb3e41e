/// The rule for a strategy's `name`, which becomes a folder name (`reports/<name>-<UTC time>`)
/// and a label in every report: 1 to 64 characters, each an ASCII letter or digit or one of
/// `_ - .`, not starting with `.`. So a name can never be a path (`../x`), hidden, or break a
/// line of a CSV file.
public enum StrategyName {
    public static let maxLength = 64

    /// Why `name` is not a valid strategy name, or nil when it is.
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "the strategy name is empty" }
        if name.count > maxLength { return "the strategy name has \(name.count) characters, at most \(maxLength) are allowed" }
        if name.hasPrefix(".") { return "the strategy name '\(name)' starts with '.'; start it with a letter or digit" }
        if let bad = name.first(where: { !(($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == "-" || $0 == ".") }) {
            let shown = bad.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7f } ? "'\(bad)'" : "a control character"
            return "the strategy name has \(shown), which is not allowed: use letters, digits and _ - . (it names the report folder)"
        }
        return nil
    }
}
