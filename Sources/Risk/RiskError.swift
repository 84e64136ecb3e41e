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
            return "the covariance matrix is singular (\(detail)): a symbol is constant or moves exactly with others; drop it"
        case let .infeasible(detail):
            return "infeasible: \(detail)"
        case let .invalidWeights(detail):
            return "invalid weights: \(detail)"
        case let .invalidArgument(detail):
            return detail
        case let .lapack(routine, info):
            return RiskError.lapackSentence(routine: routine, info: info)
        case let .notConverged(iterations):
            return "the optimiser did not converge in \(iterations) iterations"
        }
    }

    /// A LAPACK `info` code in words. Negative: argument −info was invalid, which only a
    /// Barwise bug can cause. Positive: the routine's own failure (LAPACK's documentation of
    /// dpotrf, dposv, dgesv and dsyevd).
    static func lapackSentence(routine: String, info: Int32) -> String {
        if info < 0 {
            return "the linear-algebra routine \(routine) was given an invalid argument (number \(-info)); this is a Barwise bug, please report it with the command"
        }
        switch routine {
        case "dpotrf", "dposv":
            return "the matrix is not positive definite (\(routine) stopped at row \(info)): a symbol is constant or moves exactly with others; drop it"
        case "dgesv":
            return "the system of equations is singular (\(routine) found a zero pivot at row \(info)): a symbol is constant or moves exactly with others; drop it"
        case "dsyevd":
            return "the eigenvalue decomposition did not converge (\(routine): \(info) values failed); the matrix may hold NaN or extreme values, check the data with barwise data check"
        default:
            return "the linear-algebra routine \(routine) failed with code \(info)"
        }
    }
}
