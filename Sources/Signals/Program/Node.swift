/// One instruction of a compiled `SignalProgram`: an operation, the slot it writes and the slots
/// (or state index) it reads. A plain value type, so the node array is one contiguous block and
/// stepping it dispatches on a byte.
struct Node: Sendable, Equatable {
    /// The operation. Indicator operations keep their state in the program's typed state arrays
    /// at index `state`; multi-output indicators write consecutive slots starting at `out`.
    enum Op: UInt8, Sendable {
        case negate, not, abs
        case add, subtract, multiply, divide
        case less, lessEqual, greater, greaterEqual, equal, notEqual
        case and, or, min, max
        /// `out = a` from `state` bars ago (ring buffer in the lag store).
        case lag
        /// Strict crossings of `a` and `b`: `cross_above(a, b)` to `out`, `cross_below(a, b)` to
        /// `out+1` (so `cross_below(a, b)` and `cross_above(b, a)` are one node); the previous
        /// bar's `a` and `b` live in the cross store at `state`.
        case cross
        case sma, ema, wma, rsi, roc, mom, stddev, highest, lowest
        case atr, adx, cci, willr, mfi, obv
        /// Writes line, signal, histogram to `out`, `out+1`, `out+2`.
        case macd
        /// Writes upper, middle, lower to `out`, `out+1`, `out+2`.
        case bollinger
        /// Writes %K, %D to `out`, `out+1`.
        case stochastic
        /// The calendar field `BarTime.Field(rawValue: state)` of the time in `a` (the `time`
        /// slot); `state` is the field, not a state index.
        case calendar
    }

    var op: Op
    var out: Int32
    var a: Int32 = -1
    var b: Int32 = -1
    var state: Int32 = -1

    /// How many slots the node writes.
    var width: Int {
        switch op {
        case .macd, .bollinger: 3
        case .stochastic, .cross: 2
        default: 1
        }
    }
}

/// Identifies a node by what it computes, so that identical sub-expressions compile to one node.
/// Operands are slots, so two keys are equal exactly when the computations are.
enum NodeKey: Hashable {
    case node(Node.Op, a: Int32, b: Int32)
    case lag(Int32, Int)
    case scalar(Node.Op, input: Int32, period: Int)
    case bar(Node.Op, period: Int)
    case macd(input: Int32, fast: Int, slow: Int, signal: Int)
    case bollinger(input: Int32, period: Int, k: UInt64)
    case stochastic(period: Int, kSmooth: Int, dSmooth: Int)
    case calendar(BarTime.Field)
}
