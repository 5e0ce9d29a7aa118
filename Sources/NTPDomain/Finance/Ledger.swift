import Foundation

/// Sources and uses of an allocation against its budget envelopes, and every rule it breaks.
///
/// The ledger is plain arithmetic on exact money, independent of the optimizer: it re-checks every plan
/// the solver proposes and never trusts it.
public struct Ledger: Sendable {
    /// One envelope: what it had, what was drawn from it, what was left.
    public struct Row: Hashable, Sendable {
        public let program: String
        public let source: String
        public let level: GovernmentLevel?
        public let years: ClosedRange<Int>
        public let envelope: Money
        /// Unspent money of the previous envelope of the same program and source.
        public let carriedIn: Money
        public let used: Money
        /// envelope + carried in − used; negative when overspent.
        public let balance: Money
        public let carriedOut: Money
        /// Unspent money that may not be carried over.
        public let lapsed: Money
        public let integratedFrom: String?
        /// The locality the envelope is limited to; nil for the whole area.
        public let locality: String?
    }

    /// Money a locality received, by program, source and year.
    public struct Use: Hashable, Sendable {
        public let locality: String
        public let program: String
        public let source: String
        public let year: Int
        public let amount: Money
    }

    /// A local-to-central ratio, against the rule when there is one.
    public struct Counterpart: Hashable, Sendable {
        public let program: String
        public let years: ClosedRange<Int>
        /// Whether the ratio is of envelopes (money available) or of the plan's uses.
        public let ofUses: Bool
        public let central: Money
        public let local: Money
        public let required: CounterpartRule?

        /// local / central, or nil without central money.
        public var ratio: Decimal? { central.dong == 0 ? nil : Decimal(local.dong) / Decimal(central.dong) }
    }

    public let rows: [Row]
    public let uses: [Use]
    public let counterparts: [Counterpart]
    public let violations: [RuleViolation]
    /// Envelopes of every source, integrated capital of a program in the ledger counted once.
    public let totalSources: Money
    public let totalUses: Money

    /// Total sources by source code.
    public var sourcesBySource: [(source: String, amount: Money)] {
        var totals: [String: Int64] = [:]
        var order: [String] = []
        for row in rows where !countedElsewhere(row) {
            if totals[row.source] == nil { order.append(row.source) }
            totals[row.source, default: 0] += row.envelope.dong
        }
        return order.map { ($0, Money(dong: totals[$0]!)) }
    }

    func countedElsewhere(_ row: Row) -> Bool {
        row.integratedFrom.map { program in rows.contains { $0.program == program && $0.integratedFrom == nil } } ?? false
    }
}

/// A rule a plan breaks, with the money involved.
public enum RuleViolation: Hashable, Sendable {
    /// More was drawn from an envelope than it held (with what was carried in).
    case overspent(program: String, source: String, years: ClosedRange<Int>, available: Money, used: Money)
    /// Money spent from a program and source (or year) that has no envelope, or drawn on an envelope
    /// limited to a locality the line's commune is not in.
    case noEnvelope(AllocationLine)
    /// Local money below the counterpart ratio; `shortfall` is what local money lacks.
    case counterpartShortfall(program: String, years: ClosedRange<Int>, central: Money, local: Money, ratio: Decimal, shortfall: Money)
    /// A source paid for a criterion it may not pay for.
    case ineligibleSource(AllocationLine, rule: SourceEligibility)
    /// A source's share of a commune's criterion is above its cap; `excess` is the money above it.
    case shareCapExceeded(locality: String, criterion: String, source: String, share: Decimal, excess: Money, rule: SourceEligibility)
    /// A program's money went where the program may not pay.
    case programNotEligible(AllocationLine, rule: ProgramEligibility)
    /// A program rule could not be checked: the data does not say whether the locality qualifies.
    case unverifiable(AllocationLine, rule: ProgramEligibility)
    /// The envelopes and lines add up (in absolute value) to `total` đồng, beyond `Ledger.largestTotal`:
    /// the ledger cannot count them, and checks nothing else.
    case amountsBeyondRange(total: Decimal)

    /// The money the violation is about.
    public var amount: Money {
        switch self {
        case .overspent(_, _, _, let available, let used): Money(dong: used.dong - available.dong)
        case .noEnvelope(let line), .ineligibleSource(let line, _), .programNotEligible(let line, _), .unverifiable(let line, _): line.amount
        case .counterpartShortfall(_, _, _, _, _, let shortfall): shortfall
        case .shareCapExceeded(_, _, _, _, let excess, _): excess
        case .amountsBeyondRange: Ledger.largestTotal
        }
    }

    /// Whether the plan is wrong (true) or only could not be checked (false).
    public var isBreach: Bool {
        if case .unverifiable = self { return false }
        return true
    }
}

extension Ledger {
    /// Builds the ledger of `plan` against `envelopes` under `rules`. `sources` gives the source tree (a
    /// use of `central_investment` draws on a `central` envelope when there is no envelope of its own);
    /// `localities` tells which communes a program rule admits.
    ///
    /// The amounts must add up within `largestTotal` (loaders check it with `checkRange`): then no sum,
    /// balance or counterpart below can overflow. Beyond it the ledger holds no row and the one
    /// violation `amountsBeyondRange`.
    public init(
        envelopes: [BudgetEnvelope], plan: AllocationPlan, rules: BudgetRules, sources: [CapitalSource],
        localities: LocalityRegistry
    ) {
        if let total = Self.beyondRange(envelopes: envelopes, lines: plan.lines) {
            rows = []
            uses = []
            counterparts = []
            violations = [.amountsBeyondRange(total: total)]
            totalSources = .zero
            totalUses = .zero
            return
        }
        let tree = SourceTree(sources)
        var violations: [RuleViolation] = []

        // Which envelope each line draws on: its own source, or the nearest ancestor with an envelope, of
        // the locality the line names (the whole area when none); a limited envelope pays only in its
        // locality and below.
        var drawn: [Int: [AllocationLine]] = [:]
        for line in plan.lines {
            let candidates = tree.lineage(of: line.source)
            let index = candidates.lazy.compactMap { source in
                envelopes.firstIndex {
                    $0.program == line.program && $0.source == source && $0.years.contains(line.year) && $0.locality == line.envelopeLocality
                }
            }.first
            if let index, envelopes[index].covers(line.locality, in: localities) {
                drawn[index, default: []].append(line)
            } else {
                violations.append(.noEnvelope(line))
            }
        }

        // Envelopes of one program, source and locality, in year order, pass unspent money on where allowed.
        var rows: [Row?] = Array(repeating: nil, count: envelopes.count)
        let keys = Dictionary(grouping: envelopes.indices) { "\(envelopes[$0].program)\u{1F}\(envelopes[$0].source)\u{1F}\(envelopes[$0].locality ?? "")" }
        for indices in keys.values {
            var carry = Money.zero
            var previousEnd: Int?
            for index in indices.sorted(by: { envelopes[$0].years.lowerBound < envelopes[$1].years.lowerBound }) {
                let envelope = envelopes[index]
                let carriedIn = previousEnd.map { $0 + 1 == envelope.years.lowerBound } == true ? carry : .zero
                let used = Money(dong: (drawn[index] ?? []).reduce(0) { $0 + $1.amount.dong })
                let balance = Money(dong: envelope.amount.dong + carriedIn.dong - used.dong)
                if balance.dong < 0 {
                    violations.append(
                        .overspent(
                            program: envelope.program, source: envelope.source, years: envelope.years,
                            available: Money(dong: envelope.amount.dong + carriedIn.dong), used: used))
                }
                let rule = rules.carryOver.first { $0.source == envelope.source } ?? rules.carryOver.first { $0.source == "*" }
                var carriedOut = Money.zero
                if balance.dong > 0, let rule, rule.allowed {
                    let cap = rule.capPercent.map { Money.share(envelope.amount, percent: $0) }
                    carriedOut = Money(dong: min(balance.dong, cap?.dong ?? balance.dong))
                }
                let lapsed = Money(dong: max(0, balance.dong) - carriedOut.dong)
                rows[index] = Row(
                    program: envelope.program, source: envelope.source, level: envelope.level ?? tree.level(of: envelope.source),
                    years: envelope.years, envelope: envelope.amount, carriedIn: carriedIn, used: used, balance: balance,
                    carriedOut: carriedOut, lapsed: lapsed, integratedFrom: envelope.integratedFrom, locality: envelope.locality)
                carry = carriedOut
                previousEnd = envelope.years.upperBound
            }
        }

        violations += Self.eligibility(plan: plan, rules: rules, eligibility: Eligibility(sources: sources, rules: rules), tree: tree, localities: localities)

        var useTotals: [Use: Int64] = [:]
        var useOrder: [Use] = []
        for line in plan.lines {
            let key = Use(locality: line.locality, program: line.program, source: line.source, year: line.year, amount: .zero)
            if useTotals[key] == nil { useOrder.append(key) }
            useTotals[key, default: 0] += line.amount.dong
        }
        let uses = useOrder.map { Use(locality: $0.locality, program: $0.program, source: $0.source, year: $0.year, amount: Money(dong: useTotals[$0]!)) }
        let counterparts = Self.counterparts(envelopes: envelopes, plan: plan, rules: rules, tree: tree)
        for counterpart in counterparts {
            guard let rule = counterpart.required, counterpart.central.dong > 0 else { continue }
            // Within range for every ratio a loader admits (Limits.counterpartRatio); a larger one asks for
            // more than any amount, which no local money meets either.
            let needed = Money(dong: (Decimal(counterpart.central.dong) * rule.ratio).rounded(0, .up).wholeInt64 ?? Int64.max)
            if counterpart.local < needed {
                violations.append(
                    .counterpartShortfall(
                        program: counterpart.program, years: counterpart.years, central: counterpart.central, local: counterpart.local,
                        ratio: rule.ratio, shortfall: Money(dong: needed.dong - counterpart.local.dong)))
            }
        }

        let built = rows.compactMap { $0 }
        self.rows = built
        self.uses = uses
        self.counterparts = counterparts
        self.violations = violations
        totalUses = Money(dong: plan.lines.reduce(0) { $0 + $1.amount.dong })
        let integratedPrograms = Set(built.filter { $0.integratedFrom == nil }.map(\.program))
        totalSources = Money(dong: built.filter { $0.integratedFrom.map { !integratedPrograms.contains($0) } ?? true }.reduce(0) { $0 + $1.envelope.dong })
    }

    private static func eligibility(
        plan: AllocationPlan, rules: BudgetRules, eligibility: Eligibility, tree: SourceTree, localities: LocalityRegistry
    ) -> [RuleViolation] {
        var violations: [RuleViolation] = []
        for line in plan.lines {
            if let criterion = line.criterion, let rule = eligibility.sourceRule(for: line.source), !rule.allows(criterion: criterion) {
                violations.append(.ineligibleSource(line, rule: rule))
            }
            for rule in eligibility.programRules(line.program, from: line.source) {
                switch rule.qualifies(line.locality, in: localities) {
                case true?: break
                case false?: violations.append(.programNotEligible(line, rule: rule))
                case nil: violations.append(.unverifiable(line, rule: rule))
                }
            }
        }
        // Share caps, per commune and criterion over the whole plan.
        let byCriterion = Dictionary(grouping: plan.lines.filter { $0.criterion != nil }) { "\($0.locality)\u{1F}\($0.criterion!)" }
        for lines in byCriterion.values.sorted(by: { $0[0].locality + $0[0].criterion! < $1[0].locality + $1[0].criterion! }) {
            let total = Money(dong: lines.reduce(0) { $0 + $1.amount.dong })
            guard total.dong > 0 else { continue }
            for rule in rules.sourceEligibility {
                guard let cap = rule.shareCapPercent else { continue }
                let own = Money(dong: lines.filter { tree.lineage(of: $0.source).contains(rule.source) }.reduce(0) { $0 + $1.amount.dong })
                let allowed = Money.share(total, percent: cap)
                if own > allowed {
                    violations.append(
                        .shareCapExceeded(
                            locality: lines[0].locality, criterion: lines[0].criterion!, source: rule.source,
                            share: Decimal(own.dong) * 100 / Decimal(total.dong), excess: Money(dong: own.dong - allowed.dong), rule: rule))
                }
            }
        }
        return violations
    }

    /// Central and local money per program: over all its envelopes, and per year of the plan's uses.
    private static func counterparts(envelopes: [BudgetEnvelope], plan: AllocationPlan, rules: BudgetRules, tree: SourceTree) -> [Counterpart] {
        var result: [Counterpart] = []
        let programs = Array(Set(envelopes.map(\.program) + plan.lines.map(\.program))).sorted()
        for program in programs {
            let rule = rules.counterparts.first { $0.program == program }
            // Over all of the program's envelopes (a phase plan and a year's extra money together).
            let own = envelopes.filter { $0.program == program }
            if let first = own.map(\.years.lowerBound).min(), let last = own.map(\.years.upperBound).max() {
                let central = own.filter { tree.origin(of: $0.source) == .centralBudget }.reduce(0) { $0 + $1.amount.dong }
                let local = own.filter { tree.origin(of: $0.source) == .localBudget }.reduce(0) { $0 + $1.amount.dong }
                if central > 0 || local > 0 {
                    result.append(Counterpart(program: program, years: first...last, ofUses: false, central: Money(dong: central), local: Money(dong: local), required: rule))
                }
            }
            for year in Set(plan.lines.filter { $0.program == program }.map(\.year)).sorted() {
                let lines = plan.lines.filter { $0.program == program && $0.year == year }
                let central = lines.filter { tree.origin(of: $0.source) == .centralBudget }.reduce(0) { $0 + $1.amount.dong }
                let local = lines.filter { tree.origin(of: $0.source) == .localBudget }.reduce(0) { $0 + $1.amount.dong }
                if central > 0 || local > 0 {
                    result.append(Counterpart(program: program, years: year...year, ofUses: true, central: Money(dong: central), local: Money(dong: local), required: rule))
                }
            }
        }
        return result
    }
}

extension ProgramEligibility {
    /// Whether `locality` qualifies; nil when the data does not say (a flag not known).
    func qualifies(_ locality: String, in registry: LocalityRegistry) -> Bool? {
        let path = registry.path(to: locality)
        switch condition {
        case .only(let ids): return path.contains { ids.contains($0.id) }
        case .excluding(let ids): return !path.contains { ids.contains($0.id) }
        case .especiallyDifficult:
            guard let flag = registry[locality]?.especiallyDifficult else { return nil }
            return flag
        case .ethnicZone(let zones):
            guard let zone = registry[locality]?.ethnicZone else { return nil }
            return zones.contains(zone)
        }
    }
}

/// The capital-source tree, for draws on a parent's envelope and for origins.
struct SourceTree {
    private let byCode: [String: CapitalSource]

    init(_ sources: [CapitalSource]) {
        byCode = Dictionary(sources.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `code`, its parent, its parent's parent…
    func lineage(of code: String) -> [String] {
        var chain = [code]
        while let parent = byCode[chain.last!]?.parent, !chain.contains(parent) { chain.append(parent) }
        return chain
    }

    func origin(of code: String) -> CapitalSource.Origin? { byCode[code]?.origin }
    func spending(of code: String) -> CapitalSource.Spending? { byCode[code]?.spending }
    func level(of code: String) -> GovernmentLevel? { byCode[code]?.level }
}

extension Ledger {
    /// The most money the ledger counts: the envelopes and the plan's lines together, in absolute value
    /// (about 5,76 × 10¹⁷ đồng, some 500 times the money of the national program 2026-2030). Below it
    /// every sum, balance and counterpart amount the ledger forms stays within `Money`'s range, with
    /// room for a counterpart ratio of up to 10.
    public static let largestTotal = Money(dong: Int64.max / 16)

    /// Throws `MoneyError.overflow` when the amounts add up beyond `largestTotal`, as a loader checks
    /// before building a ledger.
    public static func checkRange(envelopes: [BudgetEnvelope], lines: [AllocationLine]) throws(MoneyError) {
        if beyondRange(envelopes: envelopes, lines: lines) != nil { throw .overflow }
    }

    /// The total in absolute value when it is beyond `largestTotal`, else nil.
    static func beyondRange(envelopes: [BudgetEnvelope], lines: [AllocationLine]) -> Decimal? {
        var total: UInt64 = 0
        var overflow = false
        for magnitude in envelopes.map(\.amount.dong.magnitude) + lines.map(\.amount.dong.magnitude) {
            let (sum, over) = total.addingReportingOverflow(magnitude)
            total = sum
            overflow = overflow || over
        }
        guard overflow || total > UInt64(largestTotal.dong) else { return nil }
        return (envelopes.map(\.amount) + lines.map(\.amount)).reduce(Decimal(0)) { $0 + abs(Decimal($1.dong)) }
    }
}

extension Money {
    /// `percent` % of `amount`, to the đồng: rounded down, or up when a minimum is being computed.
    /// `percent` is a cap between 0 and 100 (loaders refuse others); outside it is taken at the nearer
    /// bound, so that the share lies between 0 and the amount and is always within range.
    public static func share(_ amount: Money, percent: Decimal, roundingUp: Bool = false) -> Money {
        let bounded = min(max(percent, 0), 100)
        return Money(dong: (Decimal(amount.dong) * bounded / 100).rounded(0, roundingUp ? .up : .down).wholeInt64 ?? 0)
    }
}
