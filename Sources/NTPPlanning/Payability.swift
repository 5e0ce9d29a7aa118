import NTPDomain
import NTPOptimization

/// What a scenario's envelopes can never pay, found before planning: the parts of criteria's costs
/// (by kind of money) that no envelope open within the horizon may pay. Those criteria cannot be met
/// whatever the plan, so a plan's objective is capped by them, and the department is told what to do:
/// add an envelope of a source that may pay that kind, or plan only the other kinds and say who pays
/// the rest.
public struct Payability: Sendable {
    /// One kind of money some criteria need and no envelope may pay.
    public struct Gap: Sendable {
        public let kind: MoneyKind
        /// The criteria whose part of this kind cannot be paid, in the scenario's order.
        public let items: [CommuneCriterion]
        /// Their cost of this kind.
        public let money: Money
        /// Sources of the catalog that may pay this kind for at least one of these criteria.
        public let sources: [CapitalSource]
    }

    /// The criteria the communes miss, and those no plan can meet.
    public let items: Int
    public let unpayableItems: Int
    public let gaps: [Gap]
    /// The kinds the plan pays from the envelopes, less those some criterion cannot be paid in: planning
    /// only these (the others financed outside the envelopes) leaves nothing unpayable by kind. Nil
    /// when nothing is unpayable or no kind would be left.
    public let kindsToPlanInstead: KindSelection?

    public var isComplete: Bool { gaps.isEmpty }

    public init(instance: AllocationInstance, kinds: KindSelection) {
        let unpayable = instance.unpayableItems
        items = instance.items.count
        unpayableItems = unpayable.count
        gaps = MoneyKind.allCases.compactMap { kind in
            let affected = unpayable.filter { $0.kinds.contains(kind) }.map(\.item)
            guard !affected.isEmpty else { return nil }
            let criteria = Set(affected.map(\.criterion))
            return Gap(
                kind: kind, items: affected.map { CommuneCriterion($0.commune, $0.criterion) },
                money: Money(dong: affected.reduce(0) { $0 + ($1.cost[kind]?.dong ?? 0) }),
                sources: instance.sources.filter { source in criteria.contains { instance.eligibility.canPay(kind, criterion: $0, from: source.code) } })
        }
        let remaining = kinds.kinds.subtracting(gaps.map(\.kind))
        kindsToPlanInstead = gaps.isEmpty || remaining.isEmpty ? nil : KindSelection(remaining)
    }
}
