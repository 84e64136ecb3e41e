/// The largest look-backs an expression may ask for, checked when it is compiled so that
/// nothing is allocated for an absurd value (a lag keeps a ring of `n` values, an indicator
/// one of its period).
///
/// - `x[n]`: 0 ≤ n ≤ `maxLag` (1,000,000 bars, 8 MB per lag).
/// - indicator periods: 1 ≤ period ≤ `maxPeriod` (10,000,000 bars).
///
/// A run also needs more bars than its longest lag (`SignalProgram.longestLag`), which the CLI
/// checks against the bars it loads.
public enum LookbackLimits {
    public static let maxLag = 1_000_000
    public static let maxPeriod = 10_000_000
}
