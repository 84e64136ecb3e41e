import Analytics
import Testing

/// `BuyAndHoldReturn`: from the close of the warm-up bar to the last close, equal parts over
/// several symbols; undefined (NaN) when a symbol has no bar at the warm-up.
@Suite struct BuyAndHoldReturnTests {
    @Test func measuredFromTheWarmUpCloseNotTheFirst() {
        #expect(BuyAndHoldReturn.of(closes: [[50, 80, 100, 120]], warmUp: 0) == 120.0 / 50 - 1)
        #expect(BuyAndHoldReturn.of(closes: [[50, 80, 100, 120]], warmUp: 2) == 120.0 / 100 - 1)
    }

    @Test func severalSymbolsAreEqualParts() {
        // (120/100 + 30/20) / 2 − 1, each symbol from its own warm-up bar.
        #expect(BuyAndHoldReturn.of(closes: [[50, 100, 120], [10, 20, 30]], warmUp: 1) == (1.2 + 1.5) / 2 - 1)
    }

    @Test func warmUpBeyondTheBarsOrNoCloseIsUndefined() {
        #expect(BuyAndHoldReturn.of(closes: [[50, 100]], warmUp: 2).isNaN)
        #expect(BuyAndHoldReturn.of(closes: [[50, 100], [1]], warmUp: 1).isNaN)
        #expect(BuyAndHoldReturn.of(closes: [], warmUp: 0).isNaN)
        #expect(BuyAndHoldReturn.of(closes: [[.nan, 100]], warmUp: 0).isNaN)
    }
}
