import Foundation

/// Writes machine output as JSON (DESIGN.md section 5: snake_case keys, numbers as numbers,
/// timestamps ISO 8601 UTC), keys sorted so the output is stable.
enum JSONOutput {
    static func print(_ value: Any) throws {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// A Double as a JSON number, or null when it is not finite.
    static func number(_ x: Double) -> Any { x.isFinite ? x : NSNull() }
}
