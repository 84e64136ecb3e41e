/// A dense matrix of `Double` in column-major order (LAPACK's layout): element (i, j) is at
/// `values[i + j·rows]`. A value type; BLAS/LAPACK calls work on copies of `values`.
public struct Matrix: Sendable, Equatable {
    /// Row and column counts.
    public let rows: Int
    public let columns: Int
    /// Column-major storage, `rows · columns` elements.
    public var values: [Double]

    /// A zero matrix.
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        values = [Double](repeating: 0, count: rows * columns)
    }

    /// Wraps column-major `values` (count must be rows·columns).
    public init(rows: Int, columns: Int, columnMajor values: [Double]) {
        precondition(values.count == rows * columns, "Matrix: \(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Builds from columns of equal length.
    public init(columns cols: [[Double]]) {
        let r = cols.first?.count ?? 0
        precondition(cols.allSatisfy { $0.count == r }, "Matrix: columns of different lengths")
        self.init(rows: r, columns: cols.count, columnMajor: cols.flatMap { $0 })
    }

    /// Builds from rows of equal length.
    public init(rows rowArrays: [[Double]]) {
        let c = rowArrays.first?.count ?? 0
        var m = Matrix(rows: rowArrays.count, columns: c)
        for i in rowArrays.indices {
            precondition(rowArrays[i].count == c, "Matrix: rows of different lengths")
            for j in 0..<c { m[i, j] = rowArrays[i][j] }
        }
        self = m
    }

    /// The n×n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { values[i + j * rows] }
        set { values[i + j * rows] = newValue }
    }

    /// Column j as an array.
    public func column(_ j: Int) -> [Double] { Array(values[(j * rows)..<((j + 1) * rows)]) }

    /// Row i as an array.
    public func row(_ i: Int) -> [Double] { (0..<columns).map { self[i, $0] } }

    /// The diagonal of a square matrix.
    public var diagonal: [Double] { (0..<min(rows, columns)).map { self[$0, $0] } }

    /// The sub-matrix on the given rows and columns (in that order).
    public func submatrix(rows r: [Int], columns c: [Int]) -> Matrix {
        var m = Matrix(rows: r.count, columns: c.count)
        for (jj, j) in c.enumerated() { for (ii, i) in r.enumerated() { m[ii, jj] = self[i, j] } }
        return m
    }

    /// Every element multiplied by `s`.
    public func scaled(_ s: Double) -> Matrix {
        Matrix(rows: rows, columns: columns, columnMajor: values.map { $0 * s })
    }

    /// Matrix–vector product A·x.
    public func multiply(_ x: [Double]) -> [Double] {
        precondition(x.count == columns, "Matrix.multiply: vector length \(x.count) ≠ \(columns) columns")
        var y = [Double](repeating: 0, count: rows)
        for j in 0..<columns {
            let xj = x[j]
            if xj == 0 { continue }
            let base = j * rows
            for i in 0..<rows { y[i] += values[base + i] * xj }
        }
        return y
    }

    /// The quadratic form xᵀ·A·x.
    public func quadraticForm(_ x: [Double]) -> Double {
        let y = multiply(x)
        var s = 0.0
        for i in 0..<rows { s += x[i] * y[i] }
        return s
    }

    /// The largest |a_ij − b_ij| / |b_ij| over elements (0/0 counts 0), for tests and checks.
    public func maxRelativeDifference(to other: Matrix) -> Double {
        precondition(rows == other.rows && columns == other.columns, "Matrix: shapes differ")
        var worst = 0.0
        for k in values.indices {
            let d = abs(values[k] - other.values[k])
            if d == 0 { continue }
            worst = max(worst, d / abs(other.values[k]))
        }
        return worst
    }
}
