/// Why a risk or optimisation computation could not produce a result. Every case says what to
/// change; none of them is ever reported as NaN weights.
public enum RiskError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No date on which every symbol has a close (complete-rows alignment).
    case noCommonDates(symbols: [String])
    /// Fewer return observations than the computation needs.
    case tooFewObservations(count: Int, needed: Int)
    /// The covariance matrix (or a sub-matrix the solver needs) is not positive definite.
    case singularCovariance(String)
    /// The constraints cannot all hold (target outside the reachable range, bounds too tight, …).
    case infeasible(String)
    /// A weight vector of the wrong length or with non-finite values.
    case invalidWeights(String)
    /// An argument outside its domain (confidence, horizon, half-life, …).
    case invalidArgument(String)
    /// A LAPACK routine failed.
    case lapack(routine: String, info: Int32)
    /// The active-set solver did not converge within its iteration budget.
    case notConverged(iterations: Int)

    public var description: String {
        switch self {
        case let .noCommonDates(symbols):
            return "no date on which all of \(symbols.joined(separator: ", ")) have a close; narrow --symbols or widen --from/--to"
        case let .tooFewObservations(count, needed):
            return "only \(count) return observations, at least \(needed) are needed; widen --from/--to"
        case let .singularCovariance(detail):
            return "the covariance matrix is singular (\(detail)); drop duplicated or constant symbols, or use --cov ledoit-wolf"
        case let .infeasible(detail):
            return "infeasible: \(detail)"
        case let .invalidWeights(detail):
            return "invalid weights: \(detail)"
        case let .invalidArgument(detail):
            return detail
        case let .lapack(routine, info):
            return "LAPACK \(routine) failed (info \(info))"
        case let .notConverged(iterations):
            return "the optimiser did not converge in \(iterations) iterations"
        }
    }
}
