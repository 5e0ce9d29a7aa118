import Foundation
import NTPDomain
import NTPText

/// The cost part of a scenario: which plan's criteria status it starts from, and its cost choices
/// (level, overrides, calibration factors). Scenarios/README.md documents the keys.
public struct CostScenario: Sendable {
    /// A commune, what it still misses, and the year the official plan completes each.
    public struct Commune: Sendable {
        public let locality: Locality
        /// The codes it still misses and the plan decides: criteria, or indicators (`2.1`) of a criterion
        /// the set plans by indicator (`CriteriaSet.plannedCodes`). A code whose status needs assessment
        /// is here when the scenario presumes it missing.
        public let missing: [String]
        /// The criteria it meets at the start (a criterion planned by indicator: all of them).
        public let met: [String]
        public let plannedYear: [String: Int]
        /// The codes whose status needs a new assessment (cần đánh giá lại): in `missing` under
        /// `presume_missing`, left out of the plan under `exclude`.
        public let needsAssessment: [String]
        /// Its commune group, where known (the data's classification, filled by the scenario's).
        public let group: CommuneGroup?

        public init(
            locality: Locality, missing: [String], met: [String], plannedYear: [String: Int], needsAssessment: [String] = [], group: CommuneGroup? = nil
        ) {
            self.locality = locality
            self.missing = missing
            self.met = met
            self.plannedYear = plannedYear
            self.needsAssessment = needsAssessment
            self.group = group
        }
    }

    public let name: String
    public let level: CostLevel
    public let communes: [Commune]
    public let model: CostModel
    public let criteriaSet: CriteriaSet
    public let attributes: LocalityAttributes
    /// What the scenario does with statuses that need assessment; nil when its status has none.
    public let needsAssessmentPolicy: NeedsAssessmentPolicy?
    /// The classification of the scenario's communes (`localities/classification-2026.csv` filled by
    /// the scenario's `classification.file`), by commune id; empty for communes of the old map.
    public let classifications: [String: CommuneClassification]

    /// Whether a commune is at full standard before the plan starts.
    public func isAtStandard(_ commune: Commune) -> Bool {
        criteriaSet.isAtStandard(met: commune.met, missing: commune.missing + commune.needsAssessment)
    }

    /// The cost of every missing criterion of every commune, in the scenario's order.
    public func costs() -> [CriterionCost] {
        communes.flatMap { commune in commune.missing.compactMap { cost(of: $0, in: commune) } }
    }

    /// Yearly upkeep of the criteria each commune already meets (zero unless a norm states it), so that a
    /// plan can reserve money to keep communes at standard.
    public func maintenance() -> [(commune: Locality, perYear: Money)] {
        communes.map { commune in
            (commune.locality, Money(dong: commune.met.reduce(0) { $0 + (model.norm(of: $1, communeGroup: commune.group)?.maintenancePerYear.dong ?? 0) }))
        }
    }

    /// The official plan: every missing criterion the status document completes in a year, with its cost.
    public func plannedCosts() -> [(cost: CriterionCost, group: String?, year: Int)] {
        communes.flatMap { commune in
            commune.missing.compactMap { code in
                guard let year = commune.plannedYear[code], let cost = cost(of: code, in: commune) else { return nil }
                return (cost, criteriaSet.criterion(for: code)?.group, year)
            }
        }
    }

    private func cost(of code: String, in commune: Commune) -> CriterionCost? {
        model.cost(
            of: code, group: criteriaSet.criterion(for: code)?.group, in: commune.locality.id, communeGroup: commune.group, level: level,
            attribute: { attributes.value($0, of: commune.locality.id) })
    }
}

struct CostScenarioFile: Decodable {
    struct Status: Decodable {
        let document: String?
        /// A status table of the scenario's own (`locality,criterion,status,year,provenance`).
        let file: String?
        /// `presume_missing` or `exclude`: what the plan does with statuses that need assessment.
        let needs_assessment: String?
    }

    struct Classification: Decodable {
        /// The scenario's own classification table (the columns of `localities/classification-2026.csv`).
        let file: String?
    }

    struct Costs: Decodable {
        let level: String?
        let overrides: String?
        /// A file written by `ntp calibrate`: `scale:` factors with their provenance.
        let calibration: String?
        let scale: [String: YAMLScalar]?
    }

    let name: String
    let phase: String?
    let scope: String
    let criteria_set: String
    let status: Status?
    let classification: Classification?
    let costs: Costs?
}

extension CostScenario {
    static let overrideColumns = ["locality", "criterion", "amount", "unit", "construction", "recurrent", "credit", "community_enterprise", "provenance"]

    /// Loads the cost part of a scenario; `calibrated: false` leaves out its scale factors and calibration
    /// file (for calibrating the norms themselves).
    public static func load(
        url: URL, data: DataSet, level requested: CostLevel? = nil, diagnostics: inout Diagnostics, calibrated: Bool = true
    ) -> CostScenario? {
        guard let scenario = ResolvedScenario.load(url: url, catalogs: data.catalogs, diagnostics: &diagnostics) else { return nil }
        return load(scenario, data: data, level: requested, diagnostics: &diagnostics, calibrated: calibrated)
    }

    /// The cost part of a resolved scenario.
    public static func load(
        _ scenario: ResolvedScenario, data: DataSet, level requested: CostLevel? = nil, diagnostics: inout Diagnostics, calibrated: Bool = true
    ) -> CostScenario? {
        guard let record = scenario.decode(CostScenarioFile.self, diagnostics: &diagnostics) else { return nil }
        func error(_ key: String, _ message: Message) { diagnostics.add(scenario.diagnostic(key, message)) }
        guard let set = data.catalogs.criteriaSets[record.criteria_set] else {
            error("criteria_set", "unknown criteria set \(quoted(record.criteria_set))")
            return nil
        }
        // The default norms are for their set; another set's are catalogs/cost-norms-<set>.yaml.
        guard let catalog = data.costs?.criteriaSetID == set.id ? data.costs : data.costsBySet[set.id] ?? data.costs else {
            error("costs", "the data folder has no cost norms")
            return nil
        }
        if set.id != catalog.criteriaSetID {
            error("criteria_set", "the cost norms are for \(catalog.criteriaSetID), not \(set.id) (no catalogs/cost-norms-\(set.id).yaml)")
        }
        var policy: NeedsAssessmentPolicy?
        if let text = record.status?.needs_assessment {
            policy = NeedsAssessmentPolicy(rawValue: text)
            if policy == nil { error("status.needs_assessment", "\(quoted(text)) must be \(oneOf(NeedsAssessmentPolicy.allCases.map(\.rawValue)))") }
        }
        let document = record.status?.document.flatMap { data.document($0) }
        switch (record.status?.document, record.status?.file) {
        case (nil, nil):
            error("status", "needs the criteria status the scenario starts from: document (a folder of Data/seeds) or file (a status table)")
            return nil
        case (_?, _?):
            error("status", "give document or file, not both")
            return nil
        case (let id?, nil) where document == nil:
            error("status.document", "unknown document \(quoted(id)) (a folder of Data/seeds)")
            return nil
        default: break
        }
        let scopeID = document?.scopeID ?? record.scope
        let before = diagnostics.errors.count
        var level = CostLevel.base
        if let text = record.costs?.level {
            if let parsed = CostLevel(rawValue: text) { level = parsed } else { error("costs.level", "\(quoted(text)) must be low, base or high") }
        }
        var scale: [String: Decimal] = [:]
        var factors = calibrated ? record.costs?.scale ?? [:] : [:]
        if calibrated, let path = record.costs?.calibration {
            let calibrationURL = URL(fileURLWithPath: path)
            if let calibrated = decodeYAML(CalibrationFile.self, url: calibrationURL, file: calibrationURL.path, diagnostics: &diagnostics) {
                factors = calibrated.scale.merging(factors) { _, explicit in explicit }
            }
        }
        for (group, scalar) in factors.sorted(by: { $0.key < $1.key }) {
            let factor: Decimal
            switch limitedDecimal(scalar.text, Limits.costScale) {
            case .success(let value): factor = value
            case .failure(let problem):
                error("costs.scale.\(group)", problem.message)
                continue
            }
            if group != "*" && !set.groups.contains(where: { $0.code == group }) { error("costs.scale.\(group)", "unknown criterion group of \(set.id)") }
            scale[group] = factor
        }
        var overrides: [CostOverride] = []
        if let path = record.costs?.overrides {
            overrides = loadOverrides(url: URL(fileURLWithPath: path), scope: scopeID, set: set, data: data, diagnostics: &diagnostics)
        }
        guard let scope = data.catalogs.localities[scopeID] else {
            error("scope", "unknown locality \(quoted(scopeID))")
            return nil
        }
        let codes = set.criteria.map(\.code)
        var communes: [Commune]
        if let document {
            communes = data.status(of: scope).communes.filter { $0.documentID == document.id && !$0.met.isEmpty }.map { commune in
                Commune(
                    locality: commune.commune, missing: codes.filter { !commune.met.contains($0) },
                    met: codes.filter { commune.met.contains($0) },
                    plannedYear: Dictionary(commune.planned.flatMap { year, codes in codes.map { ($0, year) } }, uniquingKeysWith: min))
            }
        } else {
            let url = URL(fileURLWithPath: record.status!.file!)
            let years = record.phase.flatMap { data.catalogs.phase($0) }?.years ?? Limits.year.range
            let table = loadStatus(url: url, scope: scope.id, set: set, years: years, data: data, diagnostics: &diagnostics)
            let assessed = table.flatMap { $0.needsAssessment }.count
            if assessed > 0 && policy == nil {
                error(
                    "status.needs_assessment",
                    "\(url.relativePath) lists statuses that need assessment (needs_assessment: \(assessed)): say whether the plan presumes them missing (presume_missing) or leaves them out until assessed (exclude)")
            }
            communes = table.map { $0.commune(policy: policy ?? .presumeMissing) }
        }

        // Each commune's class: the data's, filled by the scenario's own table.
        var classifications: [String: CommuneClassification] = [:]
        for commune in communes { classifications[commune.locality.id] = data.catalogs.classifications[commune.locality.id] }
        if let path = record.classification?.file {
            let own = ScenarioClassificationLoader.load(url: URL(fileURLWithPath: path), scope: scope.id, data: data, diagnostics: &diagnostics)
            let ids = Set(communes.map(\.locality.id))
            for (id, classification) in own where ids.contains(id) { classifications[id] = classification }
        }
        communes = communes.map { commune in
            Commune(
                locality: commune.locality, missing: commune.missing, met: commune.met, plannedYear: commune.plannedYear,
                needsAssessment: commune.needsAssessment, group: classifications[commune.locality.id]?.group)
        }

        var norms = catalog.norms
        norms += indicatorNorms(set: set, norms: catalog.norms)
        let model = CostModel(norms: norms, multipliers: catalog.multipliers, overrides: overrides, scale: scale)
        checkPlannable(communes, set: set, model: model, scenario: scenario, diagnostics: &diagnostics)
        guard diagnostics.errors.count == before else { return nil }
        let costs = CostScenario(
            name: record.name, level: requested ?? level, communes: communes, model: model, criteriaSet: set, attributes: catalog.attributes,
            needsAssessmentPolicy: policy, classifications: classifications)
        for problem in costs.rangeProblems() { error("costs", problem) }
        guard diagnostics.errors.count == before else { return nil }
        return costs
    }

    /// What makes the costs uncountable: a cost whose factors take it beyond `Money`'s range, or costs
    /// and upkeep that add up beyond it. Once none, every cost and sum of costs is within range.
    func rangeProblems() -> [Message] {
        var problems: [Message] = []
        var all: [Money] = []
        for commune in communes {
            for code in commune.missing {
                do {
                    if let cost = try model.checkedCost(
                        of: code, group: criteriaSet.criterion(for: code)?.group, in: commune.locality.id, communeGroup: commune.group, level: level,
                        attribute: { attributes.value($0, of: commune.locality.id) })
                    {
                        all.append(cost.amount)
                    }
                } catch {
                    problems.append("\(amountProblem(error)); check costs.scale, the overrides and the multipliers")
                    if problems.count == 10 { return problems }
                }
            }
            all += commune.met.compactMap { model.norm(of: $0, communeGroup: commune.group)?.maintenancePerYear }
        }
        if problems.isEmpty && (try? all.total()) == nil {
            problems.append("the costs of the scenario's communes add up beyond what can be counted (about 9,2 × 10¹⁸ đồng); check costs.scale and the overrides")
        }
        return problems
    }

    /// The norms of the indicators a file does not price: each criterion planned by indicator shares its
    /// norm (for every commune, and each group's) evenly among its indicators that have none.
    static func indicatorNorms(set: CriteriaSet, norms: [CostNorm]) -> [CostNorm] {
        var derived: [CostNorm] = []
        for criterion in set.criteria where set.isPlannedByIndicator(criterion) {
            for norm in norms where norm.criterion == criterion.code {
                let unpriced = criterion.indicators.map(\.code).filter { code in !norms.contains { $0.criterion == code && $0.communeGroup == norm.communeGroup } }
                if unpriced.count == criterion.indicators.count { derived += norm.divided(among: unpriced) }
            }
        }
        return derived
    }

    /// Every missing code of every commune must be plannable: an indicator needs the commune's group
    /// and a requirement for it (a requirement not known for the group is a gap, never "no
    /// requirement"), and every code a cost norm for the commune.
    static func checkPlannable(_ communes: [Commune], set: CriteriaSet, model: CostModel, scenario: ResolvedScenario, diagnostics: inout Diagnostics) {
        for commune in communes {
            let id = commune.locality.id
            let indicators = commune.missing.compactMap { set.indicator($0) }
            if !indicators.isEmpty && !set.communeGroups.isEmpty {
                if let group = commune.group {
                    let gaps = indicators.filter { $0.requirements(for: group).isEmpty }.map(\.code)
                    if !gaps.isEmpty {
                        diagnostics.add(
                            scenario.diagnostic(
                                "status", "\(id) (group \(group.rawValue)) misses \(gaps.joined(separator: ", ")), whose requirement for group \(group.rawValue) is not known: supply it in catalogs/criteria/\(set.id).requirements.csv"))
                    }
                } else {
                    diagnostics.add(
                        scenario.diagnostic(
                            "classification", "\(id) misses indicators (\(indicators.map(\.code).joined(separator: ", "))) whose requirements differ by commune group, and its group is not known: state commune_group in localities/classification-2026.csv or the scenario's classification.file"))
                }
            }
            for code in commune.missing where model.norm(of: code, communeGroup: commune.group) == nil {
                let why = model.needsGroup(code) ? "its norm differs by commune group and the commune's group is not known (state commune_group in the classification)" : "no cost norm states it"
                diagnostics.add(scenario.diagnostic("costs", "\(id), \(code): no cost, because \(why)"))
            }
        }
    }

    static let statusColumns = ["locality", "criterion", "status", "year", "provenance"]

    /// The values a status table's `status` column takes.
    enum StatusValue: String, CaseIterable {
        case met, planned, missing
        case needsAssessment = "needs_assessment"
    }

    /// One commune of a status table: the status of each code it lists.
    struct ListedCommune {
        let locality: Locality
        let criteriaSet: CriteriaSet
        var status: [String: StatusValue] = [:]
        var year: [String: Int] = [:]

        var needsAssessment: [String] { codes.filter { status[$0] == .needsAssessment } }

        /// Every planned code of the set, in order.
        var codes: [String] { criteriaSet.criteria.flatMap { criteriaSet.plannedCodes(of: $0) } }

        /// The commune as the plan sees it: a code not listed is missing; a criterion is met when every
        /// planned code of it is.
        func commune(policy: NeedsAssessmentPolicy) -> Commune {
            let missing = codes.filter { code in
                switch status[code] {
                case .met?: false
                case .needsAssessment?: policy == .presumeMissing
                case .planned?, .missing?, nil: true
                }
            }
            let met = criteriaSet.criteria.filter { criterion in criteriaSet.plannedCodes(of: criterion).allSatisfy { status[$0] == .met } }.map(\.code)
            return Commune(locality: locality, missing: missing, met: met, plannedYear: year, needsAssessment: needsAssessment)
        }
    }

    /// A status table: one row per criterion (or indicator, where the set plans the criterion by
    /// indicator) of a commune: `met` at the start, `planned` by the official plan in its year (within `years`),
    /// `missing`, or `needs_assessment` (a carried status the old assessment cannot settle). A row for a
    /// criterion planned by indicator holds for each of its indicators. A code a commune does not list
    /// is missing and unplanned; a commune listed nowhere is not in the scenario.
    static func loadStatus(
        url: URL, scope: String, set: CriteriaSet, years: ClosedRange<Int>, data: DataSet, diagnostics: inout Diagnostics
    ) -> [ListedCommune] {
        guard let table = CSVTable(url: url, file: url.relativePath, diagnostics: &diagnostics),
            requireColumns(statusColumns, in: table, diagnostics: &diagnostics)
        else { return [] }
        var order: [String] = []
        var listed: [String: ListedCommune] = [:]
        var seen: [String: Int] = [:]
        let registry = data.catalogs.localities
        for row in table.rows {
            let value = { (column: String) in table.value(row, column)!.trimmingCharacters(in: .whitespaces) }
            func fail(_ column: String, _ message: Message) { diagnostics.add(table.diagnostic(.error, row, column, message)) }
            guard let locality = registry[value("locality")] ?? registry.find(value("locality"), under: scope, level: .commune).first,
                locality.level == .commune, registry.path(to: locality.id).contains(where: { $0.id == scope })
            else {
                fail("locality", "unknown commune \(quoted(value("locality"))) in \(scope)")
                continue
            }
            let code = value("criterion")
            guard let criterion = set.criterion(for: code), set.contains(code: code) else {
                fail("criterion", "\(quoted(code)) is not a criterion or listed indicator of \(set.id)")
                continue
            }
            let planned = set.plannedCodes(of: criterion)
            guard code == criterion.code || planned.contains(code) else {
                fail("criterion", "\(quoted(code)): criterion \(criterion.code) of \(set.id) is planned whole (its indicators state no requirement); give its status as \(criterion.code)")
                continue
            }
            // A criterion's row stands for each of its planned codes; a row for one of them must not meet another for the same code.
            let covered = code == criterion.code ? planned : [code]
            if let first = covered.lazy.compactMap({ seen["\(locality.id)|\($0)"] }).first {
                let what = planned == [criterion.code] ? "criterion" : code == criterion.code ? "criterion (or one of its indicators)" : "indicator (or its criterion)"
                fail("criterion", "a second row for this commune and \(what) (the first is on line \(first))")
                continue
            }
            for part in covered { seen["\(locality.id)|\(part)"] = row.line }
            if value("provenance").isEmpty { fail("provenance", "is empty: say where the status comes from") }
            guard let status = StatusValue(rawValue: value("status")) else {
                fail("status", "\(quoted(value("status"))) must be \(oneOf(StatusValue.allCases.map(\.rawValue)))")
                continue
            }
            var year: Int?
            if status == .planned {
                guard let planned = Int(value("year")) else {
                    fail("year", "\(quoted(value("year"))) must be the year the plan completes the criterion")
                    continue
                }
                guard years.contains(planned) else {
                    fail("year", "\(planned) is outside the scenario's phase (\(years.lowerBound)-\(years.upperBound))")
                    continue
                }
                year = planned
            } else if !value("year").isEmpty {
                fail("year", "must be empty unless the status is planned")
            }
            if listed[locality.id] == nil {
                order.append(locality.id)
                listed[locality.id] = ListedCommune(locality: locality, criteriaSet: set)
            }
            for part in covered {
                listed[locality.id]!.status[part] = status
                if let year { listed[locality.id]!.year[part] = year }
            }
        }
        return order.compactMap { listed[$0] }
    }

    /// `locality,criterion,amount,unit,construction,recurrent,credit,community_enterprise,provenance`; the
    /// four kinds are percentages (all empty to keep the norm's split).
    static func loadOverrides(url: URL, scope: String, set: CriteriaSet, data: DataSet, diagnostics: inout Diagnostics) -> [CostOverride] {
        guard let table = CSVTable(url: url, file: url.path, diagnostics: &diagnostics),
            requireColumns(overrideColumns, in: table, diagnostics: &diagnostics)
        else { return [] }
        var overrides: [CostOverride] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            let value = { (column: String) in table.value(row, column)!.trimmingCharacters(in: .whitespaces) }
            func fail(_ column: String, _ message: Message) { diagnostics.add(table.diagnostic(.error, row, column, message)) }
            let registry = data.catalogs.localities
            guard let locality = registry[value("locality")] ?? registry.find(value("locality"), under: scope, level: .commune).first else {
                fail("locality", "unknown commune \(quoted(value("locality"))) in \(scope)")
                continue
            }
            guard set.criterion(for: value("criterion"))?.code == value("criterion") else {
                fail("criterion", "\(quoted(value("criterion"))) is not a criterion of \(set.id)")
                continue
            }
            if let first = seen.updateValue(row.line, forKey: "\(locality.id)|\(value("criterion"))") {
                fail("criterion", "a second override for this commune and criterion (the first is on line \(first))")
                continue
            }
            guard let amount = table.money(row, diagnostics: &diagnostics) else { continue }
            var split: [MoneyKind: Int]?
            let kinds = MoneyKind.allCases.map { ($0, value($0.rawValue)) }
            if kinds.contains(where: { !$0.1.isEmpty }) {
                var parsed: [MoneyKind: Int] = [:]
                for (kind, text) in kinds {
                    guard let percent = text.isEmpty ? 0 : Int(text), percent >= 0 else {
                        fail(kind.rawValue, "\(quoted(text)) must be a whole percentage")
                        continue
                    }
                    parsed[kind] = percent
                }
                if parsed.values.reduce(0, +) != 100 { fail("construction", "the four percentages add up to \(parsed.values.reduce(0, +)), not 100") }
                split = parsed
            }
            if value("provenance").isEmpty { fail("provenance", "is empty: say whose estimate it is") }
            overrides.append(CostOverride(locality: locality.id, criterion: value("criterion"), amount: amount, split: split, basis: value("provenance")))
        }
        return overrides
    }
}

/// The file `ntp calibrate` writes and a scenario names under `costs.calibration`.
struct CalibrationFile: Decodable {
    let scale: [String: YAMLScalar]
    let provenance: String
}
