/// Why a sweep cannot run as asked, in words a user can act on (`barwise sweep` exits 2).
public enum SweepError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedAxis(String, reason: String)
    case unknownParam(String, known: [String])
    case duplicateParam(String)
    case badConstraint(String, reason: String)
    case emptyGrid(constraint: String)
    case malformedShard(String, reason: String)
    case malformedResume(String)
    /// The grid's combinations (axis sizes given) exceed `limit` without `--random`, or overflow.
    case tooManyCombinations(sizes: [Int], limit: Int)
    case malformedRandom(Int, reason: String)
    /// `--random` could not find `wanted` combinations passing `--where` within `drawn` draws.
    case constraintTooSelective(String, kept: Int, drawn: Int, wanted: Int)
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
        case let .tooManyCombinations(sizes, limit):
            let product = sizes.map { Self.grouped($0) }.joined(separator: " × ")
            var total = 1
            var overflow = false
            for n in sizes { (total, overflow) = overflow ? (total, true) : total.multipliedReportingOverflow(by: n) }
            let count = overflow ? "more than 9.2e18" : Self.grouped(total)
            return "--grid: \(product) = \(count) combinations, more than the limit of \(Self.grouped(limit)); narrow the axes or sample some with --random N"
        case let .malformedRandom(n, reason):
            return "--random \(n): \(reason)"
        case let .constraintTooSelective(constraint, kept, drawn, wanted):
            return "--random \(wanted): only \(Self.grouped(kept)) of the \(Self.grouped(drawn)) combinations drawn at random (the most it draws) satisfy --where '\(constraint)'; loosen --where, narrow the grid or lower --random"
        case let .invalidOverfittingSplits(splits, reason):
            return "--pbo \(splits): \(reason)"
        }
    }

    /// 10000000 → "10,000,000".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
