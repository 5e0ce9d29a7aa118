import NTPDomain

/// Everything the allocation model needs, in domain terms: the criteria communes still miss with their
/// costs, the years, the money and its rules, and the policy. Built from a scenario by the data layer;
/// the model (`AllocationModel`) knows nothing of files.
public struct AllocationInstance: Sendable {
    /// A criterion a commune still misses.
    public struct Item: Sendable, Hashable {
        public let commune: String
        public let criterion: String
        /// Cost by kind of money (exact đồng).
        public let cost: [MoneyKind: Money]
        /// Years over which its money is spent up to completion (1-3).
        public let buildYears: Int

        public init(commune: String, criterion: String, cost: [MoneyKind: Money], buildYears: Int) {
            self.commune = commune
            self.criterion = criterion
            self.cost = cost
            self.buildYears = buildYears
        }
    }

    public let items: [Item]
    /// The planning years, in order (e.g. 2022…2025).
    public let years: [Int]
    public let envelopes: [BudgetEnvelope]
    public let rules: BudgetRules
    /// The capital-source tree the envelopes' sources belong to.
    public let sources: [CapitalSource]
    public let eligibility: Eligibility
    public let localities: LocalityRegistry
    /// At most this many criteria completed per commune per year; nil for no limit.
    public let capacityPerCommuneYear: Int?
    /// Completions fixed in advance (commune, criterion → year); nil year means "not in the horizon".
    public let locked: [Item: Int?]
    /// Stated targets the plan must meet.
    public let targets: [Target]

    /// A criterion of a commune met by a year; with no criterion, every criterion the commune misses
    /// (the commune at standard).
    public struct Target: Sendable, Hashable {
        public let commune: String
        public let criterion: String?
        public let year: Int

        public init(commune: String, criterion: String? = nil, year: Int) {
            self.commune = commune
            self.criterion = criterion
            self.year = year
        }
    }

    public init(
        items: [Item], years: [Int], envelopes: [BudgetEnvelope], rules: BudgetRules, sources: [CapitalSource],
        localities: LocalityRegistry, capacityPerCommuneYear: Int? = nil, locked: [Item: Int?] = [:], targets: [Target] = []
    ) {
        self.items = items
        self.years = years
        self.envelopes = envelopes
        self.rules = rules
        self.sources = sources
        eligibility = Eligibility(sources: sources, rules: rules)
        self.localities = localities
        self.capacityPerCommuneYear = capacityPerCommuneYear
        self.locked = locked
        self.targets = targets
    }

    /// The same instance with `extra` money added to each envelope (by index).
    public func adding(_ extra: [Int: Money]) -> AllocationInstance {
        var envelopes = self.envelopes
        for (index, money) in extra { envelopes[index].amount = Money(dong: envelopes[index].amount.dong + money.dong) }
        return AllocationInstance(
            items: items, years: years, envelopes: envelopes, rules: rules, sources: sources, localities: localities,
            capacityPerCommuneYear: capacityPerCommuneYear, locked: locked, targets: targets)
    }
}
