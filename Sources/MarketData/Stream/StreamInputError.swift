/// Why one line of stream input (or one tick given to a `TickAggregator`) was refused. The
/// stream adds the file and line number itself; this says which field and what is wrong with
/// it, quoting the value as the line wrote it: `field "high": 99.1 is below low 99.5`.
public struct StreamInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The JSON key (or tick field: `time`, `price`, `size`) at fault; nil when the line as a
    /// whole is (malformed JSON, neither a bar nor a tick).
    public let field: String?
    /// A clause a user can act on: `is missing (a bar needs …)`, `-3 is negative`.
    public let reason: String

    public init(field: String?, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String {
        guard let field else { return reason }
        return "field \"\(field)\": \(reason)"
    }
}
