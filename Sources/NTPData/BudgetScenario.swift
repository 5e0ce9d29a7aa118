import Foundation
import NTPDomain
import NTPText

/// The budget part of a scenario (`Scenarios/*.yaml`): envelopes, an optional allocation plan, and the
/// rule overrides. Scenarios/README.md documents the file.
public struct BudgetScenario: Sendable {
    public let name: String
    public let description: String?
    public let phaseID: String
    public let scopeID: String
    public let criteriaSetID: String
    /// The unit the scenario writes its amounts in.
    public let unit: MoneyUnit
    public let envelopes: [BudgetEnvelope]
    public let plan: AllocationPlan
    public let rules: BudgetRules

    /// The ledger of the scenario's plan against its envelopes.
    public func ledger(catalogs: Catalogs) -> Ledger {
        Ledger(envelopes: envelopes, plan: plan, rules: rules, sources: catalogs.sources, localities: catalogs.localities)
    }
}

struct BudgetScenarioFile: Decodable {
    struct EnvelopeRecord: Decodable {
        let program: String
        let source: String
        let level: String?
        let years: YAMLScalar
        let amount: YAMLScalar
        let integrated_from: String?
        /// A locality of the scope the money is limited to.
        let locality: String?
        let provenance: String
    }

    /// Central money the loader splits over the scenario's communes by the 2026-2030 coefficients.
    struct CentralAllocationRecord: Decodable {
        let program: String
        let source: String
        let level: String?
        let years: YAMLScalar
        let amount: YAMLScalar
        /// The coefficients' catalog (`allocation-coefficients-2026-2030`).
        let coefficients: String
        /// The coefficients of every commune the amount is shared among, when the scenario's communes
        /// are only some of them (the nation's: the scenario gets its communes' part); absent: the
        /// amount is the scenario's communes' alone.
        let coefficient_total: YAMLScalar?
        /// `communes` (default): one envelope per commune, its share; `area`: the scenario's part as one
        /// envelope of the whole area, for money the province allocates itself.
        let over: String?
        let provenance: String
    }

    struct PlanRecord: Decodable {
        let file: String
    }

    let name: String
    let description: String?
    let phase: String
    let scope: String
    let criteria_set: String
    let money_unit: String
    let envelopes: [EnvelopeRecord]
    let central_allocation: [CentralAllocationRecord]?
    let plan: PlanRecord?
    let rules: BudgetRulesFile?
}

extension BudgetScenario {
    static let planColumns = ["locality", "criterion", "program", "source", "year", "amount", "unit", "provenance"]

    /// Loads a scenario file against the data set's catalogs and default rules (a data set that already
    /// includes the scenario's own localities, `DataSet.including`). Problems go to `diagnostics`; nil
    /// when the file cannot be used.
    public static func load(url: URL, data: DataSet, diagnostics: inout Diagnostics) -> BudgetScenario? {
        guard let scenario = ResolvedScenario.load(url: url, catalogs: data.catalogs, diagnostics: &diagnostics) else { return nil }
        return load(scenario, data: data, diagnostics: &diagnostics)
    }

    /// The budget part of a resolved scenario. `costs` (its cost part, loaded already) gives the
    /// communes and their classes that `central_allocation` splits money over; without it they are
    /// loaded here when needed.
    public static func load(_ scenario: ResolvedScenario, data: DataSet, costs: CostScenario? = nil, diagnostics: inout Diagnostics) -> BudgetScenario? {
        guard let record = scenario.decode(BudgetScenarioFile.self, diagnostics: &diagnostics) else { return nil }
        let catalogs = data.catalogs
        let before = diagnostics.errors.count
        func error(_ key: String, _ message: Message) { diagnostics.add(scenario.diagnostic(key, message)) }

        guard let phase = catalogs.phase(record.phase) else {
            error("phase", "unknown phase \(quoted(record.phase))")
            return nil
        }
        if catalogs.localities[record.scope] == nil { error("scope", "unknown locality \(quoted(record.scope))") }
        if catalogs.criteriaSets[record.criteria_set] == nil { error("criteria_set", "unknown criteria set \(quoted(record.criteria_set))") }
        guard let unit = MoneyUnit(rawValue: record.money_unit) else {
            error("money_unit", "\(quoted(record.money_unit)) must be dong, nghin, trieu or ty")
            return nil
        }

        var envelopes: [BudgetEnvelope] = []
        for (index, envelope) in record.envelopes.enumerated() {
            let key = "envelopes[\(index)]"
            if !phase.programCodes.contains(envelope.program) { error("\(key).program", "\(quoted(envelope.program)) is not a program of the phase \(phase.id)") }
            if catalogs.source(envelope.source) == nil { error("\(key).source", "unknown capital source \(quoted(envelope.source))") }
            let level = envelope.level.flatMap(GovernmentLevel.init(rawValue:))
            if envelope.level != nil && level == nil { error("\(key).level", "\(quoted(envelope.level!)) must be central, province, district or commune") }
            if envelope.provenance.trimmingCharacters(in: .whitespaces).isEmpty { error("\(key).provenance", "is empty: say where the amount comes from") }
            guard let years = parseYears(envelope.years.text), phase.years.contains(years.lowerBound), phase.years.contains(years.upperBound) else {
                error("\(key).years", "\(quoted(envelope.years.text)) must be a year or a span such as 2021-2025 within the phase \(phase.id)")
                continue
            }
            let money: Money
            do { money = try inputMoney(envelope.amount.text, unit: unit) } catch let problem {
                error("\(key).amount", amountProblem(problem))
                continue
            }
            if let locality = envelope.locality, !catalogs.localities.path(to: locality).contains(where: { $0.id == record.scope }) {
                error("\(key).locality", "\(quoted(locality)) is not a locality of the scope \(record.scope)")
            }
            envelopes.append(
                BudgetEnvelope(
                    program: envelope.program, source: envelope.source, level: level, years: years, amount: money,
                    integratedFrom: envelope.integrated_from, locality: envelope.locality, provenance: Provenance(envelope.provenance)))
        }
        if let allocations = record.central_allocation, !allocations.isEmpty {
            let costs = costs ?? {
                var scratch = Diagnostics()  // the cost part reports its own errors
                return CostScenario.load(scenario, data: data, diagnostics: &scratch)
            }()
            if let costs {
                envelopes += CentralAllocationSplit.envelopes(
                    allocations, phase: phase, unit: unit, costs: costs, catalogs: catalogs, scenario: scenario, diagnostics: &diagnostics)
            } else {
                error("central_allocation", "the scenario's communes could not be loaded (see the errors of its status), so the money cannot be split over them")
            }
        }

        var lines: [AllocationLine] = []
        if let planFile = record.plan?.file {
            let planURL = URL(fileURLWithPath: planFile)
            lines = loadPlan(url: planURL, phase: phase, scope: record.scope, criteriaSet: record.criteria_set, catalogs: catalogs, diagnostics: &diagnostics)
        }
        // Every sum the ledger forms is bounded by this total.
        if (try? Ledger.checkRange(envelopes: envelopes, lines: lines)) == nil {
            let limit = Ledger.largestTotal.formatted(in: .ty, decimals: 0)
            error("envelopes", "the envelopes and the plan's lines add up to more than the ledger counts (\(limit) tỷ đồng, docs/limits.md); check the unit")
        }
        var rules = data.defaultRules
        // On another set than the default rules', that set's own eligibility rules replace the default ones.
        let setRules = record.criteria_set == data.defaultRulesCriteriaSet ? nil : data.eligibilityBySet[record.criteria_set]
        if let setRules { rules.sourceEligibility = setRules }
        var own = BudgetRules()
        if let overrides = record.rules {
            own = BudgetRulesLoader.rules(overrides, file: scenario.origin(of: "rules"), keyPrefix: "rules.", diagnostics: &diagnostics)
            rules = rules.overridden(by: own)
        }
        checkEligibilityCodes(
            own: own, defaults: data.defaultRules, defaultsSet: setRules == nil ? data.defaultRulesCriteriaSet : record.criteria_set, criteriaSet: record.criteria_set, data: data, scenario: scenario, diagnostics: &diagnostics)
        guard diagnostics.errors.count == before else { return nil }
        return BudgetScenario(
            name: record.name, description: record.description, phaseID: phase.id, scopeID: record.scope, criteriaSetID: record.criteria_set,
            unit: unit, envelopes: envelopes, plan: AllocationPlan(name: record.plan?.file ?? record.name, lines: lines), rules: rules)
    }

    /// Source-eligibility rules name criteria of the scenario's set: the scenario's own must, and a
    /// default rule written for another set (QĐ 318's codes mean other criteria in QĐ 51) must be
    /// replaced by the scenario's own rule for that source, never read silently against the wrong set.
    static func checkEligibilityCodes(
        own: BudgetRules, defaults: BudgetRules, defaultsSet: String?, criteriaSet: String, data: DataSet, scenario: ResolvedScenario,
        diagnostics: inout Diagnostics
    ) {
        guard let set = data.catalogs.criteriaSets[criteriaSet] else { return }
        for (index, rule) in own.sourceEligibility.enumerated() {
            let unknown = (rule.criteria ?? []).filter { code in !set.criteria.contains { $0.code == code } }.sorted(by: CodeOrder.less)
            if !unknown.isEmpty {
                diagnostics.add(
                    scenario.diagnostic("rules.source_eligibility[\(index)].criteria", "not criteria of \(set.id): \(unknown.joined(separator: ", "))"))
            }
        }
        guard let defaultsSet, defaultsSet != criteriaSet else { return }
        let replaced = Set(own.sourceEligibility.map(\.source))
        for rule in defaults.sourceEligibility where rule.criteria != nil && !replaced.contains(rule.source) {
            let codes = (rule.criteria ?? []).sorted(by: CodeOrder.less).joined(separator: ", ")
            diagnostics.add(
                scenario.diagnostic(
                    "rules.source_eligibility",
                    "the default rule for \(rule.source) (Data/catalogs/budget-rules.yaml) names criteria \(codes) of \(defaultsSet), which mean other criteria in \(criteriaSet): state the rule for \(rule.source) in the scenario with codes of \(criteriaSet), or in catalogs/budget-rules-\(criteriaSet).yaml for every scenario on that set"))
        }
    }

    /// `2022` or `2021-2025`.
    public static func parseYears(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        switch parts.count {
        case 1: return parts[0].map { $0...$0 }
        case 2: if let from = parts[0], let to = parts[1], from <= to { return from...to } else { return nil }
        default: return nil
        }
    }

    /// A plan CSV: `locality,criterion,program,source,year,amount,unit,provenance`.
    static func loadPlan(
        url: URL, phase: Phase, scope: String, criteriaSet: String, catalogs: Catalogs, diagnostics: inout Diagnostics
    ) -> [AllocationLine] {
        guard let table = CSVTable(url: url, file: url.path, diagnostics: &diagnostics),
            requireColumns(planColumns, in: table, diagnostics: &diagnostics)
        else { return [] }
        var lines: [AllocationLine] = []
        for row in table.rows {
            let value = { (column: String) in table.value(row, column)!.trimmingCharacters(in: .whitespaces) }
            func fail(_ column: String, _ message: Message) { diagnostics.add(table.diagnostic(.error, row, column, message)) }
            let localityText = value("locality")
            let locality = catalogs.localities[localityText] ?? catalogs.localities.find(localityText, under: scope).first
            if locality == nil { fail("locality", "unknown locality \(quoted(localityText)) in \(scope)") }
            let criterion = value("criterion").nilIfEmpty
            if let criterion, catalogs.criteriaSets[criteriaSet]?.contains(code: criterion) != true {
                fail("criterion", "\(quoted(criterion)) is not a criterion of \(criteriaSet)")
            }
            if !phase.programCodes.contains(value("program")) { fail("program", "\(quoted(value("program"))) is not a program of the phase \(phase.id)") }
            if catalogs.source(value("source")) == nil { fail("source", "unknown capital source \(quoted(value("source")))") }
            guard let year = Int(value("year")), phase.years.contains(year) else {
                fail("year", "\(quoted(value("year"))) is not a year of the phase \(phase.id)")
                continue
            }
            guard let amount = table.money(row, diagnostics: &diagnostics) else { continue }
            if value("provenance").isEmpty { fail("provenance", "is empty: say where the line comes from") }
            guard let locality else { continue }
            lines.append(
                AllocationLine(
                    locality: locality.id, criterion: criterion, program: value("program"), source: value("source"), year: year, amount: amount,
                    provenance: Provenance(value("provenance"))))
        }
        return lines
    }
}
