import NTPDomain

/// Everything the allocation model needs, in domain terms: the criteria communes still miss with their
/// costs, the years, the money and its rules, and the policy. Built from a scenario by the data layer;
/// the model (`AllocationModel`) knows nothing of files.
public struct AllocationInstance: Sendable {
    /// A criterion a commune still misses.
    public struct Item: Sendable, Hashable, Codable {
        public let commune: String
        public let criterion: String
        /// Cost by kind of money (exact đồng).
        public let cost: [MoneyKind: Money]
        /// Years over which its money is spent up to completion (1-3).
        public let buildYears: Int
        /// Recurrent upkeep in every year after the one it is met in.
        public let maintenancePerYear: Money

        public init(commune: String, criterion: String, cost: [MoneyKind: Money], buildYears: Int, maintenancePerYear: Money = .zero) {
            self.commune = commune
            self.criterion = criterion
            self.cost = cost
            self.buildYears = buildYears
            self.maintenancePerYear = maintenancePerYear
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
    public let policy: Policy
    public let objective: Objective
    /// Completions fixed in advance (commune, criterion → year); nil year means "not in the horizon".
    public let locked: [Item: Int?]
    /// The years up to and including this one are decided: a criterion not in `locked` is not met by
    /// then (re-planning the rest of a plan whose first years are done).
    public let frozenThrough: Int?
    /// Stated targets the plan must meet.
    public let targets: [Target]

    /// What the plan maximises or minimises (docs/model.md, "Objective").
    public enum Objective: Sendable, Hashable, Codable {
        /// Criteria met summed over the years of the horizon, so earlier counts more.
        case criteriaYears
        /// Meet the targets at the least cost: all money, or only the money of one source (and the
        /// sources below it in the source tree).
        case minCost(source: String?)
        /// The most communes at full standard by the last year; criteria-years break ties.
        case maxStandard
    }

    /// Rules of the department's own choosing, beyond the budget rules.
    public struct Policy: Sendable, Hashable, Codable {
        /// At most this many criteria completed per commune per year; nil for no limit.
        public var capacityPerCommuneYear: Int?
        /// At least this many criteria a year in every commune not yet at standard, counted on average:
        /// by the end of the t-th year of the horizon, at least min(missing, k·t) met. Soft: where the
        /// money cannot do it, the plan falls short as little as possible and says where.
        public var minimumProgress: Int?
        /// Criteria-years added for every year a commune is at full standard (criteriaYears objective).
        public var standardBonus: Int
        /// A commune's weight on the criteria-years it gains (default 1): border, especially difficult
        /// or named communes count more.
        public var priority: [String: Int]

        public init(capacityPerCommuneYear: Int? = nil, minimumProgress: Int? = nil, standardBonus: Int = 0, priority: [String: Int] = [:]) {
            self.capacityPerCommuneYear = capacityPerCommuneYear
            self.minimumProgress = minimumProgress
            self.standardBonus = standardBonus
            self.priority = priority
        }

        public func weight(of commune: String) -> Int { priority[commune] ?? 1 }
    }

    /// A criterion met by a year in one commune or in every commune that misses it; with no criterion,
    /// every criterion a commune misses (the commune at standard); with no year, by the end of the horizon.
    public struct Target: Sendable, Hashable, Codable {
        public let commune: String?
        public let criterion: String?
        public let year: Int?

        public init(commune: String?, criterion: String? = nil, year: Int? = nil) {
            precondition(commune != nil || criterion != nil, "a target names a commune, a criterion or both")
            self.commune = commune
            self.criterion = criterion
            self.year = year
        }

        /// The index of the first year of `years` it binds: its year's (no year: the last), the first year
        /// for a year before the horizon, nil for one after it.
        public func firstBindingYear(in years: [Int]) -> Int? {
            let year = self.year ?? years[years.count - 1]
            return years.firstIndex(where: { $0 >= year }) ?? (year < years[0] ? 0 : nil)
        }

        enum CodingKeys: String, CodingKey { case commune, criterion, year }

        /// Refuses a target that names neither a commune nor a criterion.
        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            commune = try container.decodeIfPresent(String.self, forKey: .commune)
            criterion = try container.decodeIfPresent(String.self, forKey: .criterion)
            year = try container.decodeIfPresent(Int.self, forKey: .year)
            guard commune != nil || criterion != nil else {
                throw DecodingError.dataCorruptedError(forKey: .commune, in: container, debugDescription: "a target names a commune, a criterion or both")
            }
        }

        public func covers(_ item: Item) -> Bool {
            (commune == nil || commune == item.commune) && (criterion == nil || criterion == item.criterion)
        }
    }

    /// The communes of the instance, in order of first appearance.
    public var communes: [String] {
        var seen = Set<String>()
        return items.map(\.commune).filter { seen.insert($0).inserted }
    }

    public init(
        items: [Item], years: [Int], envelopes: [BudgetEnvelope], rules: BudgetRules, sources: [CapitalSource],
        localities: LocalityRegistry, policy: Policy = Policy(), objective: Objective = .criteriaYears,
        locked: [Item: Int?] = [:], frozenThrough: Int? = nil, targets: [Target] = []
    ) {
        self.items = items
        self.years = years
        self.envelopes = envelopes
        self.rules = rules
        self.sources = sources
        eligibility = Eligibility(sources: sources, rules: rules)
        self.localities = localities
        self.policy = policy
        self.objective = objective
        self.locked = locked
        self.frozenThrough = frozenThrough
        self.targets = targets
    }

    /// The same instance with other items, envelopes, policy, objective, locks or targets.
    public func with(
        items: [Item]? = nil, envelopes: [BudgetEnvelope]? = nil, policy: Policy? = nil, objective: Objective? = nil, locked: [Item: Int?]? = nil,
        targets: [Target]? = nil
    ) -> AllocationInstance {
        AllocationInstance(
            items: items ?? self.items, years: years, envelopes: envelopes ?? self.envelopes, rules: rules, sources: sources, localities: localities,
            policy: policy ?? self.policy, objective: objective ?? self.objective, locked: locked ?? self.locked, frozenThrough: frozenThrough, targets: targets ?? self.targets)
    }

    /// The same instance with `extra` money added to each envelope (by index).
    public func adding(_ extra: [Int: Money]) -> AllocationInstance {
        var envelopes = self.envelopes
        for (index, money) in extra { envelopes[index].amount = Money(dong: envelopes[index].amount.dong + money.dong) }
        return with(envelopes: envelopes)
    }
}
