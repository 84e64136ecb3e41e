import CLinearAlgebra
import Testing

/// Proves that OpenBLAS and LAPACKE are linked and compute, on matrices whose
/// products and factors are known by hand.
@Suite struct OpenBLASLinkTests {
    @Test func dgemmMultipliesTwoByThreeByThreeByTwo() {
        // Row-major A (2x3) and B (3x2); C = A * B.
        let a: [Double] = [1, 2, 3,
                           4, 5, 6]
        let b: [Double] = [7, 8,
                           9, 10,
                           11, 12]
        var c = [Double](repeating: 0, count: 4)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                    2, 2, 3, 1.0, a, 3, b, 2, 0.0, &c, 2)
        #expect(c == [58, 64, 139, 154])
    }

    @Test func dpotrfFactorsASymmetricPositiveDefiniteMatrix() {
        // A = L * L^T with L = [[2,0,0],[6,1,0],[-8,5,3]].
        var a: [Double] = [4, 12, -16,
                           12, 37, -43,
                           -16, -43, 98]
        let info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), 3, &a, 3)
        #expect(info == 0)
        #expect(a[0] == 2)
        #expect(a[3] == 6 && a[4] == 1)
        #expect(a[6] == -8 && a[7] == 5 && a[8] == 3)
    }

    @Test func dpotrfRejectsAnIndefiniteMatrix() {
        var a: [Double] = [1, 2,
                           2, 1]
        let info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), 2, &a, 2)
        #expect(info > 0)
    }
}
