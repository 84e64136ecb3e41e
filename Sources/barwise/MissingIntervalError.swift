import MarketData

/// A symbol has no bars at the interval a command asked for. Names the intervals the store
/// does have, so the user can pass one with `--interval` or choose other symbols.
struct MissingIntervalError: Error, CustomStringConvertible {
    let symbol: String
    let requested: Interval
    let available: [Interval]
    /// What set the interval: `--interval` or `the strategy's interval`.
    let requestedBy: String

    var description: String {
        guard !available.isEmpty else { return "\(symbol) has no bars in the store" }
        let have = available.map(\.description).joined(separator: ", ")
        return "\(symbol) has no \(requested) bars (\(requested) is \(requestedBy)); the store has \(symbol) at \(have): "
            + "pass --interval \(available[0]) or choose symbols with \(requested) bars (bars are not resampled)"
    }
}
