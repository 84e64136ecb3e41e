/// A text that is not a date or time in any shape Barwise reads.
public struct TimestampError: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String

    public init(text: String) { self.text = text }

    public var description: String {
        "'\(EchoText.capped(text))' is not a date or time (use e.g. 2024-01-31, 2024-01-31T09:30:00Z, 01/31/2024 or epoch seconds)"
    }
}
