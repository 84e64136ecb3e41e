import MarketData
import Testing
@testable import Engine

/// Sizes at every magnitude of price: closed-form, never a loop whose length depends on the
/// numbers, and never an order beyond `Sizing.maximumUnits`.
@Suite struct SizingBehaviourTests {
    /// The cost of `q` units at `price` under `commission`.
    static func cost(_ q: Double, _ price: Double, _ commission: CommissionModel) -> Double {
        q * price + commission.commission(size: q, price: price)
    }

    static let commissions: [CommissionModel] = [
        CommissionModel(),
        CommissionModel(relative: 0.002),
        CommissionModel(relative: 0.001, perUnit: 0.01),
        CommissionModel(relative: 0.001, fixed: 1),
        CommissionModel(relative: 0.0005, minimum: 5),
        CommissionModel(relative: 0.001, perUnit: 0.02, fixed: 2, minimum: 7),
    ]

    @Test(.timeLimit(.minutes(1)))
    func sizingAllIsTheLargestAffordableSizeAtEveryMagnitude() {
        let prices = [1e-300, 1e-200, 1e-12, 1e-6, 0.37, 1, 101.25, 57_123.5, 1e9, 1e200, 1e300]
        let cash = [0.5, 1, 10_000, 1_234_567.89, 1e12]
        for commission in Self.commissions {
            for fractional in [false, true] {
                let sizing = Sizing(mode: .all, fractional: fractional)
                for p in prices {
                    for a in cash {
                        let q = sizing.size(price: p, available: a, equity: a, stopDistance: .nan, commission: commission)
                        #expect(!q.isNaN && q >= 0, "price \(p), cash \(a)")
                        // Beyond the bound the broker rejects the order; nothing else to check.
                        guard q <= Sizing.maximumUnits else { continue }
                        #expect(Self.cost(q, p, commission) <= a, "price \(p), cash \(a): \(q) units cost more than the cash")
                        guard !fractional else { continue }
                        #expect(q == q.rounded(.down))
                        // backtesting.py's rule (no fixed or minimum part) sizes on 1 − 2⁻⁵² of the
                        // cash, so it may leave one affordable unit; the closed form leaves none.
                        // (Only where a unit's price is visible next to the cash: below ~1e-12 of it,
                        // adding units does not change a rounded cost.)
                        guard p >= a * 1e-12 else { continue }
                        let backtestingPy = commission.fixed == 0 && commission.minimum == 0
                        let next = q + (backtestingPy ? 2 : 1)
                        #expect(Self.cost(next, p, commission) > a, "price \(p), cash \(a): \(next) units were affordable")
                    }
                }
            }
        }
    }

    @Test func sizingAllOfTinyPricesExceedsTheBoundInsteadOfLooping() {
        // 10,000 / 1e-300 = 1e304 units: far beyond 1e15, where q − 1 == q. Returned as is (the
        // broker rejects it), in constant time.
        let q = Sizing(mode: .all).size(price: 1e-300, available: 10_000, equity: 10_000, stopDistance: .nan,
                                        commission: CommissionModel(relative: 0.002))
        #expect(q > Sizing.maximumUnits)
        let f = Sizing(mode: .all).size(price: 1e-300, available: 10_000, equity: 10_000, stopDistance: .nan,
                                        commission: CommissionModel(fixed: 1, minimum: 3))
        #expect(f > Sizing.maximumUnits)
    }

    @Test(.timeLimit(.minutes(1)))
    func entriesAtPricesNearZeroAreRejectedAsOutOfBounds() throws {
        // An entry on every bar of a series priced at 1e-300: every order is rejected as too
        // large, the run ends, and the cash is untouched.
        for sizing in ["mode = \"all\"", "mode = \"notional\"\nnotional = 1000", "mode = \"fraction\"\nfraction = 0.5",
                       "mode = \"all\"\nfractional = true"] {
            let toml = """
            name = "tiny"
            [rules]
            long_entry = "close > 0"
            long_exit = "close < 0"
            [sizing]
            \(sizing)
            [execution]
            commission = 0.002
            """
            let bars = EngineFixtures.flat("TINY", Array(repeating: 1e-300, count: 50))
            let r = try EngineFixtures.run(toml, [bars])
            #expect(r.trades.isEmpty && r.openTrades.isEmpty, "\(sizing)")
            #expect(r.equity.allSatisfy { $0 == 10_000 }, "\(sizing)")
            let rejected = r.orders.filter { $0.status == .rejected }
            #expect(rejected.count == r.orders.count - r.orders.count { $0.status == .pending }, "\(sizing)")
            #expect(!rejected.isEmpty && rejected.allSatisfy { $0.reason == .sizeOutOfBounds }, "\(sizing)")
        }
    }

    @Test func smallButSanePricesAreSizedAndFilled() throws {
        // 1e-10 per unit with 10,000 cash: 1e14 units, within the bound, filled and marked.
        let toml = """
        name = "small"
        [rules]
        long_entry = "close > 0"
        [sizing]
        mode = "all"
        """
        let bars = EngineFixtures.flat("SMALL", [1e-10, 1e-10, 1e-10, 2e-10])
        let r = try EngineFixtures.run(toml, [bars])
        let t = try #require(r.openTrades.first)
        // backtesting.py's 1 − 2⁻⁵² of the cash: one unit short of 1e14.
        #expect(t.size == 1e14 - 1)
        #expect(r.equity.last == 10_000 + t.size * (2e-10 - 1e-10))
    }

    @Test func anExplicitSizeAboveTheBoundIsAnError() throws {
        let toml = """
        name = "huge"
        [rules]
        long_entry = "close > 0"
        [sizing]
        mode = "units"
        units = 1e16
        """
        #expect(throws: EngineError.self) { try EngineFixtures.run(toml, [EngineFixtures.flat("X", [1, 1, 1])]) }
    }

    @Test(.timeLimit(.minutes(1)))
    func rebalanceBuysAtPricesNearZeroAreRejectedAsOutOfBounds() throws {
        let toml = """
        name = "alloc"
        [allocation]
        method = "equal"
        rebalance = "week"
        lookback = 2
        [execution]
        fill = "close"
        commission = 0.001
        commission_min = 1
        """
        let a = EngineFixtures.flat("A", Array(repeating: 1e-300, count: 30))
        let b = EngineFixtures.flat("B", Array(repeating: 1e-300, count: 30))
        let r = try EngineFixtures.run(toml, [a, b])
        #expect(r.openTrades.isEmpty)
        #expect(r.equity.allSatisfy { $0 == 10_000 })
        let buys = r.orders.filter { $0.intent == .rebalance && $0.status == .rejected }
        #expect(!buys.isEmpty && buys.allSatisfy { $0.reason == .sizeOutOfBounds })
    }
}
