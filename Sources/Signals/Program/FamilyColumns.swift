/// The rule values of every member of a `ProgramFamily` over one series, column after column,
/// `length` values each: price rules (stop distances, limit prices) as `Double`s, boolean
/// rules as one byte each (1 when the rule fires, else 0), so that a block's columns stay in
/// cache while its members run. Written once by `ProgramFamily.columns(for:)`, then only read
/// (by every member's run on that series), so one instance may be read from several threads.
public final class FamilyColumns: @unchecked Sendable {
    @usableFromInline let numbers: UnsafeMutablePointer<Double>
    @usableFromInline let flags: UnsafeMutablePointer<UInt8>
    /// Bars per column.
    public let length: Int
    /// The family that computed these columns (members refuse columns of another family).
    let family: ObjectIdentifier

    init(numberColumns: Int, flagColumns: Int, length: Int, family: ObjectIdentifier) {
        self.length = length
        self.family = family
        // Not initialised here: `ProgramFamily.columns(for:)` writes every value before any read
        // (plain Double and UInt8 need no initialisation to be overwritten).
        numbers = .allocate(capacity: Swift.max(1, numberColumns * length))
        flags = .allocate(capacity: Swift.max(1, flagColumns * length))
    }

    deinit {
        numbers.deallocate()
        flags.deallocate()
    }
}
