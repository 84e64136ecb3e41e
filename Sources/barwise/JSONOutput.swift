import Foundation

/// Writes machine output as JSON (DESIGN.md section 5: snake_case keys, numbers as numbers,
/// timestamps ISO 8601 UTC), keys sorted so the output is stable.
enum JSONOutput {
    static func print(_ value: Any) throws {
        FileHandle.standardOutput.write(try data(value))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// The JSON bytes of `value` (pretty-printed, sorted keys), without a trailing newline.
    static func data(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// A Double as a JSON number, or null when it is not finite.
    static func number(_ x: Double) -> Any { x.isFinite ? x : NSNull() }
}
