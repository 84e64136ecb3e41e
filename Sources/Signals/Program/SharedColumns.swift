/// The values of a `ProgramFamily`'s shared nodes over one series: one contiguous column of
/// `length` doubles per shared slot, column after column. Written once by
/// `ProgramFamily.columns(for:)`, then only read (by every member run on that series), so one
/// instance may be read from several threads.
public final class SharedColumns: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    /// Bars per column.
    public let length: Int
    /// Number of columns.
    public let count: Int
    /// The family that computed these columns (members refuse columns of another family).
    let family: ObjectIdentifier

    init(count: Int, length: Int, family: ObjectIdentifier) {
        self.count = count
        self.length = length
        self.family = family
        base = .allocate(capacity: Swift.max(1, count * length))
        base.initialize(repeating: .nan, count: Swift.max(1, count * length))
    }

    deinit { base.deallocate() }

    /// Value number `bar` of column `column`.
    public subscript(column: Int, bar: Int) -> Double {
        precondition(column >= 0 && column < count && bar >= 0 && bar < length, "shared column index out of range")
        return base[column * length + bar]
    }
}
