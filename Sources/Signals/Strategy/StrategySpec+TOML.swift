import MarketData

extension StrategySpec {
    static let topLevelKeys = [
        "name", "description", "symbols", "interval", "params", "signals", "rules",
        "sizing", "execution", "portfolio", "allocation",
    ]

    /// Decodes and validates a parsed strategy document.
    init(table: ConfigTable, path: String?) throws(StrategyError) {
        let root = TableReader(table, file: path)
        try root.rejectUnknown(allowed: StrategySpec.topLevelKeys)
        let explicitName = try root.string("name")
        self.init(name: explicitName ?? StrategySpec.defaultName(path))
        if let problem = StrategyName.problem(name) {
            throw root.error("name", .invalidValue(explicitName == nil ? "\(problem) (taken from the file name; set name = \"...\")" : problem))
        }
        sourcePath = path
        description = try root.string("description") ?? ""
        symbols = try root.strings("symbols") ?? []
        if let text = try root.string("interval") {
            guard let interval = Interval(text) else {
                throw root.error("interval", .invalidValue("'\(text)' is not an interval such as 1d, 1h, 5m, 1wk"))
            }
            self.interval = interval
        }
        if let p = try root.subtable("params") {
            for entry in p.table.entries {
                try StrategySpec.checkIdentifier(entry.key, p)
                guard let v = try p.number(entry.key) else { continue }
                params[entry.key] = v
                paramNames.append(entry.key)
            }
        }
        if let s = try root.subtable("signals") {
            for entry in s.table.entries {
                try StrategySpec.checkIdentifier(entry.key, s)
                // The engine finds rules by name: a signal called `long_exit` would act as one
                // in some runs and not in others.
                if RuleKey(rawValue: entry.key) != nil {
                    throw s.error(entry.key, .invalidValue("'\(entry.key)' is a rule name; give the signal another name (rules go in [rules])"))
                }
                guard let text = try s.string(entry.key) else { continue }
                signals.append(Signal(name: entry.key, expression: text))
            }
        }
        if let r = try root.subtable("rules") {
            try r.rejectUnknown(allowed: RuleKey.allCases.map(\.rawValue))
            for entry in r.table.entries {
                guard let key = RuleKey(rawValue: entry.key), let text = try r.string(entry.key) else { continue }
                rules.append(Rule(key: key, expression: text))
            }
        }
        if let t = try root.subtable("sizing") { sizing = try SizingSpec(t) }
        if let t = try root.subtable("execution") { execution = try ExecutionSpec(t) }
        if let t = try root.subtable("portfolio") { portfolio = try PortfolioSpec(t) }
        if let t = try root.subtable("allocation") { allocation = try AllocationSpec(t) }
        // One way to trade per strategy: rules place entries and exits, an allocation rebalances
        // to target weights. Mixing them would let each undo the other's orders.
        if allocation != nil && !rules.isEmpty {
            throw StrategyError(file: path, key: "allocation", .invalidValue(
                "an [allocation] strategy rebalances to target weights and cannot also have [rules]; remove [rules] (or [allocation] to trade by rules)"))
        }
    }

    static func defaultName(_ path: String?) -> String {
        guard let path, let file = path.split(separator: "/").last else { return "strategy" }
        let base = file.hasSuffix(".toml") ? file.dropLast(5) : file
        return base.isEmpty ? "strategy" : String(base)
    }

    /// Signal and param names must be usable in expressions.
    static func checkIdentifier(_ name: String, _ reader: TableReader) throws(StrategyError) {
        let ok = name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
            && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
            && !["and", "or", "not"].contains(name)
        guard ok else {
            throw reader.error(name, .invalidValue("'\(name)' cannot be used in expressions; use letters, digits and _ (not and/or/not)"))
        }
    }
}

extension SizingSpec {
    init(_ t: TableReader) throws(StrategyError) {
        self.init()
        try t.rejectUnknown(allowed: SizingSpec.keys)
        mode = try t.choice("mode", Mode.self) ?? mode
        fraction = try t.number("fraction", minimum: 0, exclusive: true) ?? fraction
        units = try t.number("units", minimum: 0, exclusive: true) ?? units
        notional = try t.number("notional", minimum: 0, exclusive: true) ?? notional
        risk = try t.number("risk", minimum: 0, exclusive: true) ?? risk
        fractional = try t.bool("fractional") ?? fractional
        if mode == .notional && notional == 0 {
            throw t.error("notional", .invalidValue("mode = \"notional\" needs notional = <cash per entry>"))
        }
    }
}

extension ExecutionSpec {
    init(_ t: TableReader) throws(StrategyError) {
        self.init()
        try t.rejectUnknown(allowed: ExecutionSpec.keys)
        fill = try t.choice("fill", Fill.self) ?? fill
        commission = try t.number("commission", minimum: 0) ?? commission
        commissionPerUnit = try t.number("commission_per_unit", minimum: 0) ?? commissionPerUnit
        commissionFixed = try t.number("commission_fixed", minimum: 0) ?? commissionFixed
        commissionMin = try t.number("commission_min", minimum: 0) ?? commissionMin
        slippageBps = try t.number("slippage_bps", minimum: 0) ?? slippageBps
        exclusive = try t.bool("exclusive") ?? exclusive
        pyramiding = try t.integer("pyramiding", minimum: 1) ?? pyramiding
        goodFor = try t.integer("good_for", minimum: 1) ?? goodFor
        warmUp = try t.choice("warmup", WarmUp.self) ?? warmUp
    }
}

extension PortfolioSpec {
    init(_ t: TableReader) throws(StrategyError) {
        self.init()
        try t.rejectUnknown(allowed: PortfolioSpec.keys)
        cash = try t.number("cash", minimum: 0, exclusive: true) ?? cash
    }
}

extension AllocationSpec {
    init(_ t: TableReader) throws(StrategyError) {
        self.init()
        try t.rejectUnknown(allowed: AllocationSpec.keys)
        method = try t.choice("method", Method.self) ?? method
        rebalance = try t.choice("rebalance", Rebalance.self) ?? rebalance
        lookback = try t.integer("lookback", minimum: 2) ?? lookback
    }
}
