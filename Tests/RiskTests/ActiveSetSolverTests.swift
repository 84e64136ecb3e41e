import Risk
import Testing

/// The active-set solver's answers satisfy the KKT conditions on a larger random problem, where the
/// warm start and the primal iterations both have work to do.
@Suite struct ActiveSetSolverTests {
    /// A one-factor covariance of n assets from seeded draws (T = 3n rows).
    static func covariance(_ n: Int, seed: UInt64) throws -> Matrix {
        var rng = RandomNormal(seed: seed)
        var r = Matrix(rows: 3 * n, columns: n)
        let f = (0..<(3 * n)).map { _ in rng.next() }
        for j in 0..<n { let b = 0.3 + Double(j % 7) / 5; for i in 0..<(3 * n) { r[i, j] = 0.01 * (b * f[i] + (1 + Double(j % 3)) * rng.next()) } }
        return try Covariance.sample(r)
    }

    @Test(arguments: [nil, 0.02] as [Double?])
    func longOnlyMinVarianceSatisfiesKKTOn150Assets(cap: Double?) throws {
        let s = try Self.covariance(150, seed: 11)
        let w = try Optimizer.minVariance(covariance: s, bounds: .init(longOnly: true, maxWeight: cap))
        let upper = cap ?? 1
        #expect(abs(w.reduce(0, +) - 1) < 1e-13)
        let g = s.multiply(w).map { 2 * $0 }
        let free = w.indices.filter { w[$0] > 0 && w[$0] < upper }
        #expect(!free.isEmpty)
        let lambda = free.map { g[$0] }.reduce(0, +) / Double(free.count)
        let scale = g.map(abs).max()!
        for i in free { #expect(abs(g[i] - lambda) <= 1e-10 * scale) }
        for i in w.indices where w[i] == 0 { #expect(g[i] >= lambda - 1e-10 * scale) }
        for i in w.indices where w[i] == upper { #expect(g[i] <= lambda + 1e-10 * scale) }
        #expect(w.allSatisfy { $0 >= 0 && $0 <= upper })
    }
}
