import NTPDomain

/// A deterministic synthetic province for scale tests and benchmarks: communes that miss part of a
/// criteria set, costs from given norms with commune multipliers, yearly envelopes from several
/// sources that cover part of the need, as in the seed plans.
///
/// The same parameters and seed always give the same instance (its own random generator, SplitMix64,
/// so it does not depend on the platform's).
public struct SyntheticProvince: Sendable {
    /// The cost of one commune reaching a criterion, before the commune's multiplier.
    public struct Norm: Sendable {
        public let criterion: String
        public let cost: [MoneyKind: Money]
        public let buildYears: Int

        public init(criterion: String, cost: [MoneyKind: Money], buildYears: Int) {
            self.criterion = criterion
            self.cost = cost
            self.buildYears = buildYears
        }
    }

    public let communes: Int
    public let years: [Int]
    public let seed: UInt64
    public let norms: [Norm]
    /// The part of the total need the envelopes cover (the seeds fund roughly a third to a half).
    public let fundedShare: Double

    public init(communes: Int, years: [Int], seed: UInt64, norms: [Norm], fundedShare: Double = 0.45) {
        self.communes = communes
        self.years = years
        self.seed = seed
        self.norms = norms
        self.fundedShare = fundedShare
    }

    /// The sources of the synthetic province: central investment and recurrent money, the province's
    /// budget, policy credit and community contributions.
    public static let sources: [CapitalSource] = [
        source("central_investment", .centralBudget, .investment),
        source("central_recurrent", .centralBudget, .recurrent),
        source("local", .localBudget, .any),
        source("credit", .credit, .any),
        source("community", .community, .any),
    ]

    private static func source(_ code: String, _ origin: CapitalSource.Origin, _ spending: CapitalSource.Spending) -> CapitalSource {
        CapitalSource(code: code, nameVi: code, nameEn: code, parent: nil, origin: origin, level: .province, spending: spending, provenance: Provenance("synthetic"))
    }

    /// A commune's class, which scales its costs: remote and mountainous communes cost more.
    public enum CommuneClass: String, Sendable, CaseIterable {
        case border, especiallyDifficult, zoneIII, zoneII, zoneI, other

        var costMultiplier: Double {
            switch self {
            case .border: 1.4
            case .especiallyDifficult: 1.3
            case .zoneIII: 1.2
            case .zoneII: 1.1
            case .zoneI, .other: 1.0
            }
        }
    }

    public struct Province: Sendable {
        public let instance: AllocationInstance
        public let classes: [String: CommuneClass]
    }

    public func generate() -> Province {
        var random = SplitMix64(seed: seed)
        var items: [AllocationInstance.Item] = []
        var classes: [String: CommuneClass] = [:]
        // Criteria are not equally often missing: weights rise with the norm's cost (the expensive
        // infrastructure criteria are the ones communes still miss), as in the seeds' matrices.
        let weights = norms.map { norm in 1 + Double(norm.cost.values.reduce(0) { $0 + $1.dong }).squareRoot() / 30_000 }
        for c in 0..<communes {
            let commune = "x\(String(c + 1).leftPadded(to: 4))"
            let draw = random.unit()
            let communeClass: CommuneClass = switch draw {
            case ..<0.08: .border
            case ..<0.25: .especiallyDifficult
            case ..<0.40: .zoneIII
            case ..<0.60: .zoneII
            case ..<0.80: .zoneI
            default: .other
            }
            classes[commune] = communeClass
            // 6-15 of the criteria met, so 4-13 of 19 missing.
            let met = min(norms.count - 1, 6 + Int(random.next() % 10))
            var missing = Set<Int>()
            while missing.count < norms.count - met {
                missing.insert(random.pick(weights: weights))
            }
            for index in missing.sorted() {
                let norm = norms[index]
                let factor = communeClass.costMultiplier * (0.7 + 0.6 * random.unit())
                let cost = norm.cost.mapValues { Money(dong: Int64((Double($0.dong) * factor / 1_000_000).rounded()) * 1_000_000) }
                items.append(.init(commune: commune, criterion: norm.criterion, cost: cost, buildYears: norm.buildYears))
            }
        }

        // Yearly envelopes: each kind's need times the funded share, spread evenly over the years; the
        // central budget carries construction and recurrent money, the province a fifth of both.
        var need: [MoneyKind: Int64] = [:]
        for item in items { for (kind, money) in item.cost { need[kind, default: 0] += money.dong } }
        let perYear = { (kind: MoneyKind, share: Double) in
            Money(dong: Int64((Double(need[kind] ?? 0) * fundedShare * share / Double(years.count) / 1_000_000).rounded()) * 1_000_000)
        }
        var envelopes: [BudgetEnvelope] = []
        for year in years {
            let amounts: [(String, Money)] = [
                ("central_investment", perYear(.construction, 0.8)),
                ("central_recurrent", perYear(.recurrent, 0.8)),
                ("local", Money(dong: perYear(.construction, 0.2).dong + perYear(.recurrent, 0.2).dong)),
                ("credit", perYear(.credit, 1)),
                ("community", perYear(.communityEnterprise, 1)),
            ]
            for (source, amount) in amounts where amount.dong > 0 {
                envelopes.append(BudgetEnvelope(program: "NTM", source: source, years: year...year, amount: amount, provenance: Provenance("synthetic")))
            }
        }
        let rules = BudgetRules(carryOver: [CarryOverRule(source: "*", allowed: true, basis: Provenance("synthetic"))])
        let instance = AllocationInstance(
            items: items, years: years, envelopes: envelopes, rules: rules, sources: Self.sources,
            localities: LocalityRegistry(localities: [], merges: []))
        return Province(instance: instance, classes: classes)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
