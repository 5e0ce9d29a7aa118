import NTPDomain
import NTPOptimization

/// What the optimization tests' hand-made instances share: sources, an empty locality registry, budget
/// rules and money in million VND.
public enum TestMoney {
    /// A capital source with no parent that may pay any kind of money.
    public static func source(_ code: String, _ origin: CapitalSource.Origin, level: GovernmentLevel? = .district) -> CapitalSource {
        CapitalSource(code: code, nameVi: "", nameEn: "", parent: nil, origin: origin, level: level, spending: .any, provenance: Provenance("test"))
    }

    /// No localities: no program rule applies, since none names a locality.
    public static let noLocalities = LocalityRegistry(localities: [], merges: [])

    /// Unspent money of every source moves to its next envelope, without a cap.
    public static let carryOverEverywhere = CarryOverRule(source: "*", allowed: true, basis: Provenance("test"))

    public static func million(_ amount: Int64) -> Money { Money(dong: amount * 1_000_000) }

    /// A one-year envelope of `program`, in million VND.
    public static func envelope(_ source: String, _ year: Int, _ millions: Int64, program: String = "NTM") -> BudgetEnvelope {
        BudgetEnvelope(program: program, source: source, years: year...year, amount: million(millions), provenance: Provenance("test"))
    }
}

extension AllocationPlan {
    /// What the plan pays for one criterion of one commune, in đồng.
    public func paid(for item: AllocationInstance.Item) -> Int64 {
        lines.filter { $0.locality == item.commune && $0.criterion == item.criterion }.reduce(0) { $0 + $1.amount.dong }
    }
}

extension AllocationInstance.Item {
    /// Its whole cost, in đồng.
    public var totalCost: Int64 { cost.values.reduce(0) { $0 + $1.dong } }
}
