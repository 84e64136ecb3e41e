/// What an ingest does with stored bars at the timestamps it brings (same symbol, same
/// interval).
///
/// - `guarded` (the default): identical bars are left alone, new timestamps are added, and
///   stored bars with different values are replaced, but only up to
///   `Ingester.maxReplacedBars` (5) of them per symbol: beyond that the file is refused with
///   `IngestError.wouldReplace` and nothing is written, since so many changed bars usually mean
///   another instrument's file under this symbol. A corrected last bar, a revised day or two,
///   pass; a whole history does not.
/// - `replace` (`--replace`): every stored bar at a timestamp of the file takes the file's
///   values, however many change.
/// - `append` (`--append`): stored bars are kept as they are; only new timestamps are added.
public enum OverlapPolicy: String, Sendable, CaseIterable {
    case guarded, replace, append
}
