/// Why a sweep cannot run as asked, in words a user can act on (`barwise sweep` exits 2).
public enum SweepError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedAxis(String, reason: String)
    case unknownParam(String, known: [String])
    case duplicateParam(String)
    case badConstraint(String, reason: String)
    case emptyGrid(constraint: String)
    case malformedShard(String, reason: String)
    case malformedResume(String)
    /// `--pbo S` cannot be computed: a split count outside 2…16 or odd, too few trials or periods.
    case invalidOverfittingSplits(Int, reason: String)

    public var description: String {
        switch self {
        case let .malformedAxis(text, reason):
            return "--grid '\(text)': \(reason)"
        case let .unknownParam(name, known):
            let list = known.isEmpty ? "the strategy has no [params]" : "params: \(known.joined(separator: ", "))"
            return "--grid names '\(name)', which is not a param of the strategy (\(list))"
        case let .duplicateParam(name):
            return "--grid gives '\(name)' twice"
        case let .badConstraint(text, reason):
            return "--where '\(text)': \(reason)"
        case let .emptyGrid(constraint):
            return "no combination satisfies --where '\(constraint)'"
        case let .malformedShard(text, reason):
            return "--shard '\(text)': \(reason)"
        case let .malformedResume(reason):
            return "--resume: \(reason)"
        case let .invalidOverfittingSplits(splits, reason):
            return "--pbo \(splits): \(reason)"
        }
    }
}
