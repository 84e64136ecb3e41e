/// One swept param: `--grid fast=5:50:5` (an inclusive range) or `--grid fast=5,8,13` (a list).
public struct GridAxis: Sendable, Equatable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }

    /// Parses `name=lo:hi:step` or `name=a,b,c`. A range includes `hi` when a whole number of
    /// steps reaches it (within 1e-9 of a step, so `0.1:0.5:0.1` has five values); the step must
    /// be non-zero and point from `lo` to `hi`. At most 1,000,000 values per axis. A value given
    /// twice (`fast=5,5`, or a step below the numbers' precision) is an error: it would run the
    /// same combinations again and inflate the trial count of the deflated Sharpe ratio.
    public init(parsing text: String) throws(SweepError) {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw .malformedAxis(text, reason: "expected name=lo:hi:step or name=a,b,c")
        }
        name = parts[0]
        let spec = parts[1]
        if spec.contains(":") {
            let bounds = spec.split(separator: ":", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard bounds.count == 3, let lo = bounds[0], let hi = bounds[1], let step = bounds[2],
                  lo.isFinite, hi.isFinite, step.isFinite else {
                throw .malformedAxis(text, reason: "a range is lo:hi:step with three numbers")
            }
            guard step != 0 else { throw .malformedAxis(text, reason: "the step is 0") }
            guard (hi - lo) * step >= 0 else {
                throw .malformedAxis(text, reason: "the step \(Self.format(step)) goes away from \(Self.format(hi))")
            }
            let steps = ((hi - lo) / step + 1e-9).rounded(.down)
            guard steps < 1_000_000 else { throw .malformedAxis(text, reason: "more than 1,000,000 values") }
            // Each value from lo by a whole number of steps, so no rounding error accumulates.
            values = (0...Int(steps)).map { lo + Double($0) * step }
        } else {
            var list: [Double] = []
            for item in spec.split(separator: ",") {
                guard let v = Double(item.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                    throw .malformedAxis(text, reason: "'\(item)' is not a number")
                }
                list.append(v)
            }
            guard !list.isEmpty else { throw .malformedAxis(text, reason: "no values") }
            values = list
        }
        var seen = Set<Double>()
        for v in values where !seen.insert(v == 0 ? 0 : v).inserted {
            throw .malformedAxis(text, reason: "\(Self.format(v)) appears twice; give each value once")
        }
    }

    public static func format(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)" }
}
