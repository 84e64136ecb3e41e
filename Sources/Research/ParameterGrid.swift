/// The Cartesian product of the swept params, in a fixed order: combination `k` is `k` written
/// in mixed radix over the axes, the last axis varying fastest. The order never depends on the
/// machine, so shards and resumed sweeps agree on what combination `k` is.
public struct ParameterGrid: Sendable, Equatable {
    public let axes: [GridAxis]

    /// Axes checked against the strategy's params: each must name a param, once.
    public init(axes: [GridAxis], strategyParams: [String]) throws(SweepError) {
        var seen = Set<String>()
        for axis in axes {
            guard strategyParams.contains(axis.name) else { throw .unknownParam(axis.name, known: strategyParams) }
            guard seen.insert(axis.name).inserted else { throw .duplicateParam(axis.name) }
        }
        self.axes = axes
    }

    /// The number of combinations (the product of the axes' sizes), or nil when it does not fit
    /// in an `Int`.
    public var count: Int? {
        var total = 1
        for axis in axes {
            let (product, overflow) = total.multipliedReportingOverflow(by: axis.values.count)
            if overflow { return nil }
            total = product
        }
        return total
    }

    public var names: [String] { axes.map(\.name) }

    /// The values of combination `index`, in axis order. O(number of axes).
    public func values(at index: Int) -> [Double] {
        var out = [Double](repeating: 0, count: axes.count)
        values(at: index, into: &out)
        return out
    }

    /// Writes the values of combination `index` into `out` (one slot per axis), allocating nothing.
    public func values(at index: Int, into out: inout [Double]) {
        var rest = index
        for a in axes.indices.reversed() {
            let n = axes[a].values.count
            out[a] = axes[a].values[rest % n]
            rest /= n
        }
    }

    /// Combination `index` as param overrides (`name → value`).
    public func combination(at index: Int) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(names, values(at: index)))
    }
}
