/// The value semantics of the non-indicator operations, shared by the compiler's constant
/// folding and by `SignalProgram.step`, so that a folded constant and a computed value agree.
///
/// Booleans are 1 (true), 0 (false) and NaN (unknown, e.g. a lag still warming up).
/// Comparisons with NaN are false (0), including `!=`. `and`/`or`/`not` follow three-valued
/// logic: `0 and NaN` is 0, `1 or NaN` is 1, otherwise NaN stays unknown. A rule fires only
/// when its value is exactly 1.
enum NodeEvaluation {
    @inline(__always)
    static func evaluate(_ op: Node.Op, _ a: Double, _ b: Double) -> Double {
        switch op {
        case .negate: return -a
        case .not: return a.isNaN ? .nan : (a == 0 ? 1 : 0)
        case .abs: return Swift.abs(a)
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .less: return a < b ? 1 : 0
        case .lessEqual: return a <= b ? 1 : 0
        case .greater: return a > b ? 1 : 0
        case .greaterEqual: return a >= b ? 1 : 0
        case .equal: return a == b ? 1 : 0
        case .notEqual: return (a < b || a > b) ? 1 : 0
        case .and:
            if a == 0 || b == 0 { return 0 }
            return a.isNaN || b.isNaN ? .nan : 1
        case .or:
            if (a != 0 && !a.isNaN) || (b != 0 && !b.isNaN) { return 1 }
            return a.isNaN || b.isNaN ? .nan : 0
        // Equal operands (0 and -0) give the same result in either order, so `min(a, b)` and
        // `min(b, a)` agree to the bit whatever slot order the compiler chose.
        case .min: return a.isNaN || b.isNaN ? .nan : (b < a ? b : a < b ? a : (a.sign == .minus ? a : b))
        case .max: return a.isNaN || b.isNaN ? .nan : (b > a ? b : a > b ? a : (a.sign == .minus ? b : a))
        default: return .nan
        }
    }

    /// The type an operation produces.
    static func resultType(_ op: Node.Op) -> ValueType {
        switch op {
        case .not, .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual, .and, .or, .cross:
            .boolean
        default:
            .number
        }
    }
}
