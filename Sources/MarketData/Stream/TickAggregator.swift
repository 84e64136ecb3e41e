/// Builds the bars of one symbol from its trade ticks, as `barwise stream` and
/// `barwise ingest --ticks` both do.
///
/// Each bar covers one interval of `IntervalBucketing` and is stamped at the interval's start:
/// open = the first tick's price, high/low = the extremes, close = the last tick's price (in
/// arrival order), volume = the sum of the sizes. A bar is complete when the first tick of a
/// later interval arrives: `add` then returns it and starts the next. Intervals without ticks
/// get no bar (nothing is invented for a gap). A tick earlier than the start of the bar in
/// progress is out of order: `add` throws and nothing changes. A tick within the current
/// interval but earlier than the previous tick is accepted (it moves the close).
///
/// The state is a handful of scalars: `add` does not allocate.
public struct TickAggregator: Sendable {
    public let interval: Interval
    private let bucketing: IntervalBucketing
    private var start: Int64 = 0
    private var end: Int64 = 0
    private var open = 0.0
    private var high = 0.0
    private var low = 0.0
    private var close = 0.0
    private var volume = 0.0
    private var inProgress = false

    /// Throws when ticks cannot be bucketed into `interval` exactly (a month count that does
    /// not divide 12).
    public init(interval: Interval) throws(StreamInputError) {
        self.interval = interval
        bucketing = try IntervalBucketing(interval)
    }

    /// Epoch milliseconds at which the bar in progress ends (its interval's end), or nil when
    /// no bar is in progress: a wall-clock `--bar-timeout` flushes once this is long past.
    public var openBarEnd: Int64? { inProgress ? end : nil }

    /// Epoch milliseconds at which the bar in progress starts (its interval's start), or nil
    /// when no bar is in progress: a tick before it is out of order.
    public var openBarStart: Int64? { inProgress ? start : nil }

    /// Adds one trade. Returns the previous bar when this tick starts a later interval, else nil.
    /// Throws (changing nothing) for a price that is not finite or outside `BarValueBounds`, a
    /// negative or out-of-range size, a time outside the years 1–9999, or a tick earlier than
    /// the bar in progress.
    @inline(__always)
    public mutating func add(timeMillis t: Int64, price: Double, size: Double) throws(StreamInputError) -> Bar? {
        guard price >= BarValueBounds.minPrice && price <= BarValueBounds.maxPrice else { throw Self.priceError(price) }
        guard size >= 0 && size <= BarValueBounds.maxVolume else { throw Self.sizeError(size) }
        if inProgress && t < end {
            guard t >= start else { throw outOfOrder(t) }
            if price > high { high = price }
            if price < low { low = price }
            close = price
            volume += size
            return nil
        }
        guard t >= EpochMillis.min && t <= EpochMillis.max else {
            throw StreamInputError(field: "time", reason: "\(t) ms is out of range (a time lies in the years 1 to 9999)")
        }
        let completed = flush()
        (start, end) = bucketing.bucket(containing: t)
        open = price
        high = price
        low = price
        close = price
        volume = size
        inProgress = true
        return completed
    }

    /// The bar in progress (nil when there is none); the aggregator is empty afterwards.
    public mutating func flush() -> Bar? {
        guard inProgress else { return nil }
        inProgress = false
        return Bar(timestamp: IntervalBucketing.floorDiv(start, 1_000), open: open, high: high, low: low, close: close, volume: volume)
    }

    private func outOfOrder(_ t: Int64) -> StreamInputError {
        StreamInputError(
            field: "time",
            reason: "\(CivilTime.iso8601Millis(t)) is earlier than the bar in progress (from \(CivilTime.iso8601Millis(start))): ticks must arrive in time order")
    }

    private static func priceError(_ price: Double) -> StreamInputError {
        if price.isFinite && price <= 0 { return StreamInputError(field: "price", reason: "\(price) is not above zero (a price must be positive)") }
        return StreamInputError(field: "price", reason: "\(price) \(BarValueBounds.priceProblem(price) ?? "is out of range")")
    }

    private static func sizeError(_ size: Double) -> StreamInputError {
        if size < 0 { return StreamInputError(field: "size", reason: "\(size) is negative") }
        return StreamInputError(field: "size", reason: "\(size) \(BarValueBounds.volumeProblem(size) ?? "is out of range")")
    }
}

extension CivilTime {
    /// ISO 8601 UTC text of epoch milliseconds, with the milliseconds when there are any:
    /// `2023-11-14T22:13:20.123Z`.
    public static func iso8601Millis(_ t: Int64) -> String {
        let seconds = IntervalBucketing.floorDiv(t, 1_000)
        let millis = Int(t - seconds * 1_000)
        let text = iso8601(seconds)
        guard millis != 0 else { return text }
        let digits = String(millis)
        return String(text.dropLast()) + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }
}
