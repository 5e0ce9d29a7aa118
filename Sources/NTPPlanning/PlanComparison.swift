import Foundation
import NTPData
import NTPDomain
import NTPOptimization

/// A plan file read for comparison, with the scenario it was made from rebuilt (docs/compare.md).
public struct ComparedPlan: Sendable {
    /// The column's name: the file name, or the path as given when two plans share a file name.
    public let name: String
    /// The path as given on the command line.
    public let path: String
    public let document: PlanDocument
    public let setup: PlanSetup

    /// A plan held in memory (the workbench's store, a test), with the inputs it carries.
    public init(name: String, path: String, document: PlanDocument, setup: PlanSetup) {
        self.name = name
        self.path = path
        self.document = document
        self.setup = setup
    }

    /// Reads the plan at `path` with the inputs it was made from.
    public static func load(_ path: String) throws(PlanningError) -> (document: PlanDocument, setup: PlanSetup) {
        let document = try PlanDocument.read(from: path)
        return (document, try document.setup(path: path))
    }

    /// Loads every plan and names each by its file name (the path when two file names are equal, and a
    /// number when the same path is given twice).
    public static func loadAll(_ paths: [String]) throws(PlanningError) -> [ComparedPlan] {
        var loaded: [(document: PlanDocument, setup: PlanSetup)] = []
        for path in paths { loaded.append(try load(path)) }
        let fileNames = paths.map { URL(fileURLWithPath: $0).lastPathComponent }
        var names: [String] = []
        for (index, path) in paths.enumerated() {
            let sharing = Set(paths.indices.filter { fileNames[$0] == fileNames[index] }.map { paths[$0] })
            var name = sharing.count > 1 ? path : fileNames[index]
            if names.contains(name) {
                var number = 2
                while names.contains("\(name) #\(number)") { number += 1 }
                name = "\(name) #\(number)"
            }
            names.append(name)
        }
        return paths.indices.map { ComparedPlan(name: names[$0], path: paths[$0], document: loaded[$0].document, setup: loaded[$0].setup) }
    }
}

/// Several plans side by side: per-year progress, spend and unspent money, and what changes from the
/// first plan to each other one. Plain values, no printing; the formats are in
/// PlanComparisonFormats.swift and every row is described in docs/compare.md.
public struct PlanComparison: Sendable {
    /// What a plan is and was made from.
    public struct PlanFacts: Sendable {
        public let name, path: String
        public let scenario, scenarioName, data: String
        public let settings: PlanSettings
        public let method: PlanMethod
        public let years: [Int]
        public let termination: String
        public let objectiveValue: Double?
        /// Criteria the scenario's communes miss (the instance's items).
        public let criteriaMissing: Int
        /// Criteria the plan meets within its horizon.
        public let criteriaMet: Int
        /// Σ over met criteria of (last year − year met + 1) = Σ over years of the criteria met by its end.
        public let criteriaYears: Int
        /// Communes of the scenario, and those at standard before the plan starts (nothing missing).
        public let communes: Int
        public let communesAlreadyAtStandard: Int
        public let spent: Money
        /// Baselines: money the schedule needs beyond the envelopes (not in `spent`).
        public let unfunded: Money
        /// Every envelope of the scenario (integrated capital counted once).
        public let available: Money
    }

    /// One plan's figures for one year.
    public struct YearCell: Equatable, Sendable {
        public let criteriaMet: Int
        public let criteriaMetByEnd: Int
        /// Communes whose last missing criterion is met in this year.
        public let communesReachingStandard: Int
        /// Communes at standard at the end of the year, those at standard before the plan included.
        public let communesAtStandard: Int
        public let spent: Money
        /// Envelopes opened by the end of the year (first year ≤ year).
        public let available: Money
        /// `available` minus everything spent through the end of the year.
        public let unspent: Money

        public init(
            criteriaMet: Int, criteriaMetByEnd: Int, communesReachingStandard: Int, communesAtStandard: Int, spent: Money, available: Money, unspent: Money
        ) {
            self.criteriaMet = criteriaMet
            self.criteriaMetByEnd = criteriaMetByEnd
            self.communesReachingStandard = communesReachingStandard
            self.communesAtStandard = communesAtStandard
            self.spent = spent
            self.available = available
            self.unspent = unspent
        }
    }

    public struct YearRow: Sendable {
        public let year: Int
        /// One per plan; nil when the year is outside that plan's horizon.
        public let cells: [YearCell?]
    }

    public struct SpendRow: Sendable {
        public let source: String
        public let year: Int
        public let amounts: [Money]
    }

    /// Where a plan has a criterion of a commune.
    public enum Status: Equatable, Sendable {
        case met(Int)
        case notMet
        /// The plan's scenario does not list the criterion as missing (it is met already, or the commune
        /// is not in it).
        case notMissing

        public var year: Int? { if case .met(let year) = self { year } else { nil } }
    }

    public struct CriterionMove: Sendable {
        public let commune, criterion: String
        public let from, to: Status
        /// Years earlier (negative) or later (positive), when both plans meet it.
        public var shift: Int? { from.year.flatMap { a in to.year.map { $0 - a } } }
    }

    public struct MoneyMove: Sendable {
        public let commune, source: String
        public let from, to: Money
        public var difference: Money { Money(dong: to.dong - from.dong) }
    }

    /// From the first plan to plan `to`.
    public struct Diff: Sendable {
        public let to: Int
        public let criteria: [CriterionMove]
        public let money: [MoneyMove]
    }

    public let plans: [PlanFacts]
    /// Whether every plan was made from the same scenario and data (by their digests).
    public let sameScenario: Bool
    public let years: [YearRow]
    public let spend: [SpendRow]
    public let diffs: [Diff]
    /// Display names: localities by id, sources by code (Vietnamese and English).
    public let localityNames: [String: String]
    public let sourceNames: [String: (vi: String, en: String)]

    public init(plans input: [ComparedPlan]) {
        precondition(!input.isEmpty, "a comparison needs plans")
        struct Key: Hashable {
            let commune, criterion: String
        }
        struct Derived {
            let completion: [Key: Int]
            let missing: Set<Key>
            /// Commune → the criteria it misses.
            let byCommune: [String: [Key]]
        }
        let derived = input.map { plan in
            let items = plan.setup.instance.items
            var completion: [Key: Int] = [:]
            for done in plan.document.completions { completion[Key(commune: done.commune, criterion: done.criterion)] = done.year }
            return Derived(
                completion: completion, missing: Set(items.map { Key(commune: $0.commune, criterion: $0.criterion) }),
                byCommune: Dictionary(grouping: items, by: \.commune).mapValues { $0.map { Key(commune: $0.commune, criterion: $0.criterion) } })
        }

        var facts: [PlanFacts] = []
        for (plan, d) in zip(input, derived) {
            let years = plan.document.years
            let last = years.last ?? 0
            let within = plan.document.completions.filter { years.contains($0.year) }
            let communes = plan.setup.inputs.communes
            let ledger = Self.ledger(plan, lines: plan.document.lines, envelopes: plan.setup.instance.envelopes)
            facts.append(PlanFacts(
                name: plan.name, path: plan.path, scenario: plan.document.settings.scenario, scenarioName: plan.document.scenario_name,
                data: plan.document.settings.data, settings: plan.document.settings, method: plan.document.madeBy, years: years, termination: plan.document.termination,
                objectiveValue: plan.document.objective_value, criteriaMissing: d.missing.count, criteriaMet: within.count,
                criteriaYears: within.reduce(0) { $0 + last - $1.year + 1 }, communes: communes.count,
                communesAlreadyAtStandard: plan.setup.communesAlreadyAtStandard,
                spent: ledger.totalUses, unfunded: Money(dong: (plan.document.unfunded ?? []).reduce(0) { $0 + $1.amount_dong }),
                available: ledger.totalSources))
        }
        plans = facts
        sameScenario = Set(input.map { ScenarioIdentity($0.setup.inputs) }).count == 1

        // Per year, over the union of the plans' horizons.
        let allYears = Array(Set(input.flatMap(\.document.years))).sorted()
        years = allYears.map { year in
            YearRow(year: year, cells: zip(input, derived).enumerated().map { index, pair in
                let (plan, d) = pair
                guard plan.document.years.contains(year) else { return nil }
                let doneBy = { (y: Int) in
                    Set(d.byCommune.filter { $0.value.allSatisfy { d.completion[$0].map { $0 <= y } ?? false } }.keys)
                }
                let reached = doneBy(year), before = doneBy(year - 1)
                let envelopes = plan.setup.instance.envelopes.filter { $0.years.lowerBound <= year }
                let ledger = Self.ledger(plan, lines: plan.document.lines.filter { $0.year <= year }, envelopes: envelopes)
                return YearCell(
                    criteriaMet: plan.document.completions.filter { $0.year == year }.count,
                    criteriaMetByEnd: plan.document.completions.filter { $0.year <= year && plan.document.years.contains($0.year) }.count,
                    communesReachingStandard: reached.subtracting(before).count,
                    communesAtStandard: facts[index].communesAlreadyAtStandard + reached.count,
                    spent: Money(dong: plan.document.lines.filter { $0.year == year }.reduce(0) { $0 + $1.amount_dong }),
                    available: ledger.totalSources, unspent: Money(dong: ledger.totalSources.dong - ledger.totalUses.dong))
            })
        }

        // Spend by source and year.
        let spendByPlan = input.map { SourceYear.totals($0.document.lines.map(\.allocationLine)) }
        spend = Set(spendByPlan.flatMap(\.keys)).sorted().map { key in
            SpendRow(source: key.source, year: key.year, amounts: spendByPlan.map { $0[key] ?? .zero })
        }

        // Differences from the first plan.
        struct Funding: Hashable {
            let commune, source: String
        }
        let moneyByPlan = input.map { plan in
            var totals: [Funding: Int64] = [:]
            for line in plan.document.lines { totals[Funding(commune: line.locality, source: line.source), default: 0] += line.amount_dong }
            return totals
        }
        func status(_ d: Derived, _ k: Key) -> Status {
            if let year = d.completion[k] { return .met(year) }
            return d.missing.contains(k) ? .notMet : .notMissing
        }
        func ordered(_ a: CriterionMove, _ b: CriterionMove) -> Bool {
            a.commune != b.commune ? a.commune < b.commune : a.criterion.compare(b.criterion, options: .numeric) == .orderedAscending
        }
        diffs = input.indices.dropFirst().map { other in
            let a = derived[0], b = derived[other]
            let keys = Set(a.completion.keys).union(b.completion.keys)
            let criteria = keys.compactMap { k -> CriterionMove? in
                let from = status(a, k), to = status(b, k)
                guard from != to else { return nil }
                return CriterionMove(commune: k.commune, criterion: k.criterion, from: from, to: to)
            }.sorted(by: ordered)
            let moneyKeys = Set(moneyByPlan[0].keys).union(moneyByPlan[other].keys)
            let money = moneyKeys.compactMap { k -> MoneyMove? in
                let from = moneyByPlan[0][k] ?? 0, to = moneyByPlan[other][k] ?? 0
                guard from != to else { return nil }
                return MoneyMove(commune: k.commune, source: k.source, from: Money(dong: from), to: Money(dong: to))
            }.sorted { ($0.commune, $0.source) < ($1.commune, $1.source) }
            return Diff(to: other, criteria: criteria, money: money)
        }

        var localities: [String: String] = [:]
        var sources: [String: (vi: String, en: String)] = [:]
        for plan in input {
            let inputs = plan.setup.inputs
            for id in Set(plan.document.lines.map(\.locality) + plan.document.completions.map(\.commune) + plan.setup.instance.items.map(\.commune))
            where localities[id] == nil {
                localities[id] = inputs.locality(id)?.name
            }
            for source in inputs.sources where sources[source.code] == nil { sources[source.code] = (source.nameVi, source.nameEn) }
        }
        localityNames = localities
        sourceNames = sources
    }

    /// The ledger of `lines` against `envelopes` under the plan's scenario rules.
    public static func ledger(_ plan: ComparedPlan, lines: [PlanDocument.Line], envelopes: [BudgetEnvelope]) -> Ledger {
        let instance = plan.setup.instance
        let allocation = AllocationPlan(name: plan.name, lines: lines.map(\.allocationLine))
        return Ledger(envelopes: envelopes, plan: allocation, rules: instance.rules, sources: instance.sources, localities: instance.localities)
    }
}

/// A scenario's content and the data it was planned with, by digest.
struct ScenarioIdentity: Hashable {
    let scenario, data: String

    init(_ inputs: PlanInputs) {
        scenario = inputs.scenario.digest
        data = inputs.data.digest
    }
}
