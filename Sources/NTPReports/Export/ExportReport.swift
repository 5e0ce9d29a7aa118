import Foundation
import NTPPlanning
import NTPText
import NTPDomain

/// Everything an export carries, as typed records in exact money (đồng): the plan's facts, its years,
/// the commune × criterion schedule, the funding lines, the sources and uses of every envelope, and a
/// comparison with a second plan. The formats (XLSX, CSV, JSON, HTML) only lay these out; the fields
/// are described in docs/export-formats.md.
struct ExportReport {
    struct Named: Equatable {
        let id: String
        let vi: String
        let en: String

        func name(_ lang: Language) -> String { lang == .vi ? vi : en }
    }

    /// One commune's row of the schedule, as the seeds' "Biểu kế hoạch thực hiện tiêu chí" lays it out.
    struct CommuneRow {
        let commune: Named
        /// Criteria met before the plan starts.
        let metBefore: Int
        /// By criterion id: met before the plan, met in a year of the plan, or still missing.
        let status: [String: CriterionStatus]
        /// The year the last missing criterion is met; nil when it is not within the plan (or when the
        /// commune is at standard already, `alreadyAtStandard`).
        let standardYear: Int?
        let alreadyAtStandard: Bool
        /// Criteria met by the end of the plan, those met before included.
        var metAtEnd: Int { metBefore + status.values.filter { if case .planned = $0 { true } else { false } }.count }
    }

    enum CriterionStatus: Equatable {
        case metBefore
        case planned(Int)
        /// Missing and not met within the plan's years.
        case notPlanned
    }

    /// One year of the plan: the comparison's figures for it (`row.criteriaMet`, `row.spent`, …).
    @dynamicMemberLookup
    struct YearRow {
        let year: Int
        let figures: PlanComparison.YearCell

        subscript<Value>(dynamicMember path: KeyPath<PlanComparison.YearCell, Value>) -> Value { figures[keyPath: path] }
    }

    struct FundingLine {
        let commune: Named
        /// nil for money spent on the commune as a whole (no criterion).
        let criterion: Named?
        let program: Named
        let source: Named
        let year: Int
        let amount: Money
    }

    /// One envelope's sources and uses over the plan (from the ledger).
    struct EnvelopeRow {
        let program: Named
        let source: Named
        let level: String?
        let firstYear: Int
        let lastYear: Int
        let envelope: Money
        let carriedIn: Money
        let used: Money
        let carriedOut: Money
        let lapsed: Money
        let balance: Money
        /// For integrated capital: the program it was integrated from.
        let integratedFrom: String?
        /// Integrated capital whose program is in the report too: its money is that program's, so the
        /// row is shown as a memo and left out of the totals (the ledger counts it once).
        let countedElsewhere: Bool
        var available: Money { Money(dong: envelope.dong + carriedIn.dong) }
    }

    struct Unfunded {
        let commune: Named
        let criterion: Named
        let kind: String
        let year: Int
        let amount: Money
    }

    /// Two plans side by side: the first is the exported plan, the second the one it is compared with.
    struct Comparison {
        struct YearPair {
            let year: Int
            /// nil when the year is outside that plan's years.
            let plan: YearRow?
            let other: YearRow?
        }

        struct SpendPair {
            let source: Named
            let year: Int
            let plan: Money
            let other: Money
        }

        struct CriterionMove {
            let commune: Named
            let criterion: Named
            let plan: CriterionStatus?
            let other: CriterionStatus?
        }

        let otherName: String
        let otherFacts: Facts
        let sameScenario: Bool
        let years: [YearPair]
        let spend: [SpendPair]
        let moves: [CriterionMove]
    }

    struct Facts {
        let name: String
        let scenarioName: String
        let scenario: String
        let method: PlanMethod
        let years: [Int]
        let termination: String
        let objectiveValue: Double?
        let relativeGap: Double?
        let criteriaMissing: Int
        let criteriaMet: Int
        let criteriaYears: Int
        let communes: Int
        let communesAlreadyAtStandard: Int
        let communesAtStandardAtEnd: Int
        let available: Money
        let spent: Money
        let unfunded: Money
        var unspent: Money { Money(dong: available.dong - spent.dong) }
        /// The scenario's phase, area (id and name) and criteria set, which `ntp import` reads back.
        var phase = ""
        var scope = ""
        var scopeName = ""
        var criteriaSet = ""
    }

    let facts: Facts
    let generatedBy: String
    /// The criteria set's criteria in their order (1 to 19 for the national commune set).
    let criteria: [Named]
    let communes: [CommuneRow]
    let years: [YearRow]
    let funding: [FundingLine]
    let envelopes: [EnvelopeRow]
    let unfunded: [Unfunded]
    let comparison: Comparison?
    /// The day the export is made, which dates the HTML report.
    var exportedOn = Date()

    /// Money is shown in million VND with this many decimals (0 to 3): the fewest at which every amount
    /// of the report is exact, and 3 (thousand đồng) at most, below which the parts are rounded by
    /// largest remainder so that they add up to their shown total.
    var shownDecimals: Int {
        var amounts = funding.map(\.amount) + unfunded.map(\.amount)
        for row in envelopes { amounts += [row.envelope, row.carriedIn, row.used, row.carriedOut, row.lapsed, row.balance] }
        if let comparison {
            amounts += comparison.spend.map(\.other) + [comparison.otherFacts.available, comparison.otherFacts.unfunded]
        }
        for decimals in 0..<3 {
            var step: Int64 = 1_000_000
            for _ in 0..<decimals { step /= 10 }
            if amounts.allSatisfy({ $0.dong % step == 0 }) { return decimals }
        }
        return 3
    }
}

extension ExportReport {
    /// The report of `plans[0]`, compared with `plans[1]` when there is one.
    init(plans: [ComparedPlan]) {
        precondition((1...2).contains(plans.count), "an export has one plan and at most one to compare")
        let comparison = PlanComparison(plans: plans)
        let plan = plans[0]
        let inputs = plan.setup.inputs
        let criteriaSet = inputs.criteriaSet
        let criteria = criteriaSet.criteria.map { Named(id: $0.code, vi: $0.nameVi, en: $0.nameEn) }
        func criterion(_ id: String) -> Named { criteria.first { $0.id == id } ?? Named(id: id, vi: id, en: id) }
        func locality(_ id: String) -> Named {
            let name = comparison.localityNames[id] ?? inputs.locality(id)?.name ?? id
            return Named(id: id, vi: name, en: name)
        }
        func source(_ code: String) -> Named {
            inputs.source(code).map { Named(id: code, vi: $0.nameVi, en: $0.nameEn) } ?? Named(id: code, vi: code, en: code)
        }
        func program(_ code: String) -> Named {
            inputs.program(code).map { Named(id: code, vi: $0.nameVi, en: $0.nameEn) } ?? Named(id: code, vi: code, en: code)
        }

        let schedules = plans.map { Self.schedule($0, criteria: criteria.map(\.id)) }
        communes = schedules[0].map { row in
            CommuneRow(commune: locality(row.id), metBefore: row.metBefore, status: row.status, standardYear: row.standardYear, alreadyAtStandard: row.alreadyAtStandard)
        }
        let facts = comparison.plans.indices.map { index in
            let f = comparison.plans[index]
            let scenario = plans[index].setup.inputs.scenario
            var facts = Facts(
                name: f.name, scenarioName: f.scenarioName, scenario: f.scenario, method: f.method, years: f.years, termination: f.termination,
                objectiveValue: f.objectiveValue, relativeGap: plans[index].document.relative_gap, criteriaMissing: f.criteriaMissing,
                criteriaMet: f.criteriaMet, criteriaYears: f.criteriaYears, communes: f.communes,
                communesAlreadyAtStandard: f.communesAlreadyAtStandard,
                communesAtStandardAtEnd: comparison.years.last { $0.cells[index] != nil }?.cells[index]?.communesAtStandard ?? f.communesAlreadyAtStandard,
                available: f.available, spent: f.spent, unfunded: f.unfunded)
            facts.phase = scenario.phase
            facts.scope = scenario.scope
            facts.scopeName = scenario.scopeName
            facts.criteriaSet = plans[index].setup.inputs.criteriaSet.id
            return facts
        }
        self.facts = facts[0]
        generatedBy = plan.document.generated_by
        self.criteria = criteria
        let yearRows = plans.indices.map { index in
            comparison.years.compactMap { row in
                row.cells[index].map { YearRow(year: row.year, figures: $0) }
            }
        }
        years = yearRows[0]
        // Communes in the scenario's order (the order of the seeds' tables), then criteria by number.
        var order: [String: Int] = [:]
        for (index, commune) in inputs.communes.enumerated() { order[commune.locality.id] = index }
        funding = plan.document.lines.map {
            FundingLine(
                commune: locality($0.locality), criterion: $0.criterion.map(criterion), program: program($0.program), source: source($0.source),
                year: $0.year, amount: Money(dong: $0.amount_dong))
        }.sorted {
            let a = (order[$0.commune.id] ?? Int.max, Int($0.criterion?.id ?? "") ?? 0, $0.criterion?.id ?? "", $0.year)
            let b = (order[$1.commune.id] ?? Int.max, Int($1.criterion?.id ?? "") ?? 0, $1.criterion?.id ?? "", $1.year)
            return a != b ? a < b : ($0.source.id, $0.program.id, $0.commune.id) < ($1.source.id, $1.program.id, $1.commune.id)
        }
        let ledgerRows = PlanComparison.ledger(plan, lines: plan.document.lines, envelopes: plan.setup.instance.envelopes).rows
        let ownPrograms = Set(ledgerRows.filter { $0.integratedFrom == nil }.map(\.program))
        envelopes = ledgerRows.map { row in
            EnvelopeRow(
                program: program(row.program), source: source(row.source), level: row.level?.rawValue, firstYear: row.years.lowerBound,
                lastYear: row.years.upperBound, envelope: row.envelope, carriedIn: row.carriedIn, used: row.used, carriedOut: row.carriedOut,
                lapsed: row.lapsed, balance: row.balance, integratedFrom: row.integratedFrom,
                countedElsewhere: row.integratedFrom.map(ownPrograms.contains) ?? false)
        }
        unfunded = (plan.document.unfunded ?? []).map {
            Unfunded(commune: locality($0.commune), criterion: criterion($0.criterion), kind: $0.kind, year: $0.year, amount: Money(dong: $0.amount_dong))
        }

        guard plans.count == 2 else {
            self.comparison = nil
            return
        }
        let allYears = comparison.years.map(\.year)
        let spend = comparison.spend.map { Comparison.SpendPair(source: source($0.source), year: $0.year, plan: $0.amounts[0], other: $0.amounts[1]) }
        let moves = comparison.diffs[0].criteria.map { move in
            Comparison.CriterionMove(
                commune: locality(move.commune), criterion: criterion(move.criterion), plan: Self.status(move.from), other: Self.status(move.to))
        }
        self.comparison = Comparison(
            otherName: facts[1].name, otherFacts: facts[1], sameScenario: comparison.sameScenario,
            years: allYears.map { year in
                Comparison.YearPair(year: year, plan: yearRows[0].first { $0.year == year }, other: yearRows[1].first { $0.year == year })
            },
            spend: spend, moves: moves)
    }

    private static func status(_ status: PlanComparison.Status) -> CriterionStatus? {
        switch status {
        case .met(let year): .planned(year)
        case .notMet: .notPlanned
        case .notMissing: nil
        }
    }

    private struct ScheduleRow {
        let id: String
        let metBefore: Int
        let status: [String: CriterionStatus]
        let standardYear: Int?
        let alreadyAtStandard: Bool
    }

    /// Each commune's criteria: met before, met in a year of the plan, or not met within it.
    private static func schedule(_ plan: ComparedPlan, criteria: [String]) -> [ScheduleRow] {
        let years = Set(plan.document.years)
        var completion: [String: [String: Int]] = [:]
        for done in plan.document.completions where years.contains(done.year) { completion[done.commune, default: [:]][done.criterion] = done.year }
        let set = plan.setup.inputs.criteriaSet
        return plan.setup.inputs.communes.map { commune in
            let id = commune.locality.id
            var status: [String: CriterionStatus] = [:]
            for criterion in criteria {
                if let year = completion[id]?[criterion] {
                    status[criterion] = .planned(year)
                } else if commune.met.contains(criterion) {
                    status[criterion] = .metBefore
                } else {
                    status[criterion] = .notPlanned
                }
            }
            let already = set.isAtStandard(met: commune.met, missing: commune.missing)
            let planned = status.values.compactMap { if case .planned(let year) = $0 { year } else { nil } }
            let allMet = !status.values.contains(.notPlanned)
            return ScheduleRow(
                id: id, metBefore: commune.met.count, status: status, standardYear: already || !allMet ? nil : planned.max(), alreadyAtStandard: already)
        }
    }
}
