import CLinearAlgebra

/// Thin wrappers over the LAPACK routines Risk uses, on column-major `Matrix` values.
/// `lapack_int` is a C macro Swift cannot see; it is `Int32` here.
enum LinearAlgebra {
    static let upper = CChar(UInt8(ascii: "U"))
    static let lower = CChar(UInt8(ascii: "L"))

    /// Solves A·X = B for symmetric positive-definite A by Cholesky (`dposv`). B is n×k
    /// column-major. Throws `.singularCovariance` when A is not positive definite.
    static func solvePositiveDefinite(_ a: Matrix, _ b: [Double], rhs k: Int = 1) throws(RiskError) -> [Double] {
        let n = a.rows
        precondition(a.columns == n && b.count == n * k, "solvePositiveDefinite: shape mismatch")
        if n == 0 { return [] }
        var aa = a.values, bb = b
        let info = LAPACKE_dposv(LAPACK_COL_MAJOR, upper, Int32(n), Int32(k), &aa, Int32(n), &bb, Int32(n))
        if info > 0 { throw .singularCovariance("leading minor \(info) of \(n) is not positive") }
        if info < 0 { throw .lapack(routine: "dposv", info: info) }
        return bb
    }

    /// The lower Cholesky factor L with A = L·Lᵀ (`dpotrf`); the strict upper part is zeroed.
    static func cholesky(_ a: Matrix) throws(RiskError) -> Matrix {
        let n = a.rows
        var aa = a.values
        let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, lower, Int32(n), &aa, Int32(n))
        if info > 0 { throw .singularCovariance("leading minor \(info) of \(n) is not positive") }
        if info < 0 { throw .lapack(routine: "dpotrf", info: info) }
        var l = Matrix(rows: n, columns: n, columnMajor: aa)
        for j in 0..<n { for i in 0..<j { l[i, j] = 0 } }
        return l
    }

    /// Eigenvalues (ascending) and orthonormal eigenvectors (columns) of a symmetric matrix (`dsyevd`).
    static func symmetricEigen(_ a: Matrix) throws(RiskError) -> (values: [Double], vectors: Matrix) {
        let n = a.rows
        var aa = a.values
        var w = [Double](repeating: 0, count: n)
        let info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), upper, Int32(n), &aa, Int32(n), &w)
        if info != 0 { throw .lapack(routine: "dsyevd", info: info) }
        return (w, Matrix(rows: n, columns: n, columnMajor: aa))
    }

    /// Solves a general square system A·x = b by LU with partial pivoting (`dgesv`).
    static func solveGeneral(_ a: Matrix, _ b: [Double]) throws(RiskError) -> [Double] {
        let n = a.rows
        var aa = a.values, bb = b
        var piv = [Int32](repeating: 0, count: n)
        let info = LAPACKE_dgesv(LAPACK_COL_MAJOR, Int32(n), 1, &aa, Int32(n), &piv, &bb, Int32(n))
        if info > 0 { throw .singularCovariance("the system is singular at pivot \(info)") }
        if info < 0 { throw .lapack(routine: "dgesv", info: info) }
        return bb
    }

    /// C = alpha·AᵀA for a column-major rows×cols matrix given as values (`dsyrk`), full symmetric result.
    static func gram(_ a: [Double], rows: Int, columns: Int, alpha: Double) -> Matrix {
        var c = [Double](repeating: 0, count: columns * columns)
        if rows > 0 && columns > 0 {
            cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows), alpha,
                        a, Int32(rows), 0, &c, Int32(columns))
        }
        var m = Matrix(rows: columns, columns: columns, columnMajor: c)
        for j in 0..<columns { for i in (j + 1)..<max(j + 1, columns) { m[i, j] = m[j, i] } }
        return m
    }

    /// C = A·B (`dgemm`), both column-major.
    static func multiply(_ a: Matrix, _ b: Matrix, transposeB: Bool = false) -> Matrix {
        let n = transposeB ? b.rows : b.columns
        let k = a.columns
        var c = [Double](repeating: 0, count: a.rows * n)
        cblas_dgemm(CblasColMajor, CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(a.rows), Int32(n), Int32(k), 1, a.values, Int32(max(1, a.rows)),
                    b.values, Int32(max(1, b.rows)), 0, &c, Int32(max(1, a.rows)))
        return Matrix(rows: a.rows, columns: n, columnMajor: c)
    }
}
