/// Hierarchical risk parity (López de Prado 2016) exactly as PyPortfolioOpt 1.6 with single
/// linkage (SEMANTICS.md section 4): correlation and covariance with ddof 1, distance
/// d_ij = √(clip((1 − ρ_ij)/2, 0, 1)), scipy's single-linkage tree (minimum spanning tree, merges
/// sorted by distance, clusters labelled by union–find), leaves in the tree's pre-order, then
/// recursive bisection of that ORDERED LIST into halves with inverse-variance cluster weights:
/// α = 1 − v₁/(v₁ + v₂), v = w̃ᵀS w̃ with w̃ ∝ 1/diag(S) inside a cluster.
public enum HierarchicalRiskParity {
    /// The result: weights in the input order, the leaf order and scipy's linkage matrix rows
    /// (left id, right id, distance, size).
    public struct Result: Sendable {
        /// Weights in input order (sum 1).
        public var weights: [Double]
        /// Asset indices in the dendrogram's leaf order.
        public var leafOrder: [Int]
        public var linkage: [(left: Int, right: Int, distance: Double, size: Int)]
    }

    /// Runs HRP on a covariance matrix; `correlation` defaults to the one implied by it (pass the
    /// pairwise-complete correlation for gappy data, as pandas' `corr()` gives PyPortfolioOpt).
    public static func weights(covariance s: Matrix, correlation: Matrix? = nil) throws(RiskError) -> Result {
        let n = s.rows
        guard n >= 2 else { throw .invalidArgument("HRP needs at least two assets") }
        guard s.diagonal.allSatisfy({ $0 > 0 }) else { throw .singularCovariance("an asset has zero variance") }
        let rho = correlation ?? Covariance.correlation(s)
        var distance = Matrix(rows: n, columns: n)
        for j in 0..<n { for i in 0..<n { distance[i, j] = min(max((1 - rho[i, j]) / 2, 0), 1).squareRoot() } }
        let link = singleLinkage(distance)
        let order = preOrder(link, n: n)
        var w = [Double](repeating: 1, count: n)
        var clusters = [order]
        while !clusters.isEmpty {
            clusters = clusters.flatMap { c -> [[Int]] in
                c.count > 1 ? [Array(c[0..<(c.count / 2)]), Array(c[(c.count / 2)...])] : []
            }
            for a in stride(from: 0, to: clusters.count, by: 2) {
                let v1 = clusterVariance(s, clusters[a]), v2 = clusterVariance(s, clusters[a + 1])
                let alpha = 1 - v1 / (v1 + v2)
                for i in clusters[a] { w[i] *= alpha }
                for i in clusters[a + 1] { w[i] *= 1 - alpha }
            }
        }
        return Result(weights: w, leafOrder: order, linkage: link)
    }

    /// w̃ᵀS_cc w̃ with inverse-variance weights w̃ inside the cluster.
    static func clusterVariance(_ s: Matrix, _ c: [Int]) -> Double {
        var iv = c.map { 1 / s[$0, $0] }
        let total = iv.reduce(0, +)
        iv = iv.map { $0 / total }
        var v = 0.0
        for (a, i) in c.enumerated() { for (b, j) in c.enumerated() { v += iv[a] * s[i, j] * iv[b] } }
        return v
    }

    /// scipy's `mst_single_linkage` + `label`: Prim's algorithm from point 0, merges stably sorted
    /// by distance, then union–find labels (smaller root first, new cluster ids n, n+1, …).
    static func singleLinkage(_ d: Matrix) -> [(left: Int, right: Int, distance: Double, size: Int)] {
        let n = d.rows
        var merged = [Bool](repeating: false, count: n)
        var best = [Double](repeating: .infinity, count: n)
        var edges: [(Int, Int, Double)] = []
        var x = 0
        for _ in 0..<(n - 1) {
            merged[x] = true
            var currentMin = Double.infinity, y = -1
            for i in 0..<n where !merged[i] {
                if best[i] > d[x, i] { best[i] = d[x, i] }
                if best[i] < currentMin { currentMin = best[i]; y = i }
            }
            edges.append((x, y, currentMin))
            x = y
        }
        let sorted = edges.enumerated().sorted { $0.element.2 < $1.element.2 || ($0.element.2 == $1.element.2 && $0.offset < $1.offset) }.map(\.element)
        var parent = Array(0..<(2 * n - 1))
        var size = [Int](repeating: 1, count: 2 * n - 1)
        func find(_ v: Int) -> Int {
            var r = v
            while parent[r] != r { r = parent[r] }
            var v = v
            while parent[v] != r { let next = parent[v]; parent[v] = r; v = next }
            return r
        }
        var out: [(left: Int, right: Int, distance: Double, size: Int)] = []
        for (k, e) in sorted.enumerated() {
            let rx = find(e.0), ry = find(e.1)
            let id = n + k
            parent[rx] = id; parent[ry] = id
            size[id] = size[rx] + size[ry]
            out.append((min(rx, ry), max(rx, ry), e.2, size[id]))
        }
        return out
    }

    /// Leaves of the linkage tree in pre-order (left subtree first), as scipy's `to_tree().pre_order()`.
    static func preOrder(_ link: [(left: Int, right: Int, distance: Double, size: Int)], n: Int) -> [Int] {
        var out: [Int] = []
        var stack = [n + link.count - 1]
        while let node = stack.popLast() {
            if node < n { out.append(node); continue }
            let row = link[node - n]
            stack.append(row.right)
            stack.append(row.left)
        }
        return out
    }
}
