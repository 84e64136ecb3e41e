/// A tradable thing the store knows: one row of the `instruments` table.
public struct Instrument: Sendable, Equatable {
    public var id: Int64
    public var symbol: String
    public var name: String?
    public var assetClass: String?
    public var currency: String?
    public var source: String?

    public init(
        id: Int64, symbol: String, name: String? = nil, assetClass: String? = nil,
        currency: String? = nil, source: String? = nil
    ) {
        self.id = id
        self.symbol = symbol
        self.name = name
        self.assetClass = assetClass
        self.currency = currency
        self.source = source
    }
}
