import Foundation
import NTPDomain

/// The cost part of a scenario: which plan's criteria status it starts from, and its cost choices
/// (level, overrides, calibration factors). Scenarios/README.md documents the keys.
public struct CostScenario: Sendable {
    /// A commune, the criteria it still misses, and the year the official plan completes each.
    public struct Commune: Sendable {
        public let locality: Locality
        public let missing: [String]
        /// The criteria it meets at the start.
        public let met: [String]
        public let plannedYear: [String: Int]
    }

    public let name: String
    public let level: CostLevel
    public let communes: [Commune]
    public let model: CostModel
    public let criteriaSet: CriteriaSet
    public let attributes: LocalityAttributes

    /// Whether a commune is at full standard before the plan starts.
    public func isAtStandard(_ commune: Commune) -> Bool {
        criteriaSet.isAtStandard(met: commune.met, missing: commune.missing)
    }

    /// The cost of every missing criterion of every commune, in the scenario's order.
    public func costs() -> [CriterionCost] {
        communes.flatMap { commune in commune.missing.compactMap { cost(of: $0, in: commune) } }
    }

    /// Yearly upkeep of the criteria each commune already meets (zero unless a norm states it), so that a
    /// plan can reserve money to keep communes at standard.
    public func maintenance() -> [(commune: Locality, perYear: Money)] {
        communes.map { commune in
            (commune.locality, Money(dong: commune.met.reduce(0) { $0 + (model.norms[$1]?.maintenancePerYear.dong ?? 0) }))
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
            of: code, group: criteriaSet.criterion(for: code)?.group, in: commune.locality.id, level: level,
            attribute: { attributes.value($0, of: commune.locality.id) })
    }
}

struct CostScenarioFile: Decodable {
    struct Status: Decodable {
        let document: String?
        /// A status table of the scenario's own (`locality,criterion,status,year,provenance`).
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
    let scope: String
    let criteria_set: String
    let status: Status?
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
        func error(_ key: String, _ message: String) { diagnostics.add(scenario.diagnostic(key, message)) }
        guard let set = data.catalogs.criteriaSets[record.criteria_set] else {
            error("criteria_set", "unknown criteria set \(quoted(record.criteria_set))")
            return nil
        }
        // The set's own norms (catalogs/cost-norms-<set>.yaml) where there are some, else the default ones.
        guard let catalog = data.costsBySet[set.id] ?? data.costs else {
            error("costs", "the data folder has no cost norms")
            return nil
        }
        if set.id != catalog.criteriaSetID { error("criteria_set", "the cost norms are for \(catalog.criteriaSetID), not \(set.id)") }
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
        for (group, scalar) in factors {
            guard let factor = Decimal(string: scalar.text, locale: Locale(identifier: "en_US_POSIX")), factor > 0 else {
                error("costs.scale.\(group)", "\(quoted(scalar.text)) must be a positive number")
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
        let communes: [Commune]
        if let document {
            communes = data.status(of: scope).communes.filter { $0.documentID == document.id && !$0.met.isEmpty }.map { commune in
                Commune(
                    locality: commune.commune, missing: codes.filter { !commune.met.contains($0) },
                    met: codes.filter { commune.met.contains($0) },
                    plannedYear: Dictionary(commune.planned.flatMap { year, codes in codes.map { ($0, year) } }, uniquingKeysWith: min))
            }
        } else {
            communes = loadStatus(url: URL(fileURLWithPath: record.status!.file!), scope: scope.id, set: set, data: data, diagnostics: &diagnostics)
        }
        guard diagnostics.errors.count == before else { return nil }
        return CostScenario(
            name: record.name, level: requested ?? level, communes: communes,
            model: CostModel(norms: catalog.norms, multipliers: catalog.multipliers, overrides: overrides, scale: scale),
            criteriaSet: set, attributes: catalog.attributes)
    }

    static let statusColumns = ["locality", "criterion", "status", "year", "provenance"]

    /// A status table: one row per criterion a commune meets at the start (`met`, no year), the official
    /// plan completes (`planned`, with its year) or misses without a plan (`missing`, optional: criteria a
    /// commune does not list are missing and unplanned too).
    static func loadStatus(url: URL, scope: String, set: CriteriaSet, data: DataSet, diagnostics: inout Diagnostics) -> [Commune] {
        guard let table = CSVTable(url: url, file: url.relativePath, diagnostics: &diagnostics),
            requireColumns(statusColumns, in: table, diagnostics: &diagnostics)
        else { return [] }
        var order: [Locality] = []
        var listed: Set<String> = []
        var met: [String: Set<String>] = [:]
        var planned: [String: [String: Int]] = [:]
        var seen: [String: Int] = [:]
        let registry = data.catalogs.localities
        for row in table.rows {
            let value = { (column: String) in table.value(row, column)!.trimmingCharacters(in: .whitespaces) }
            func fail(_ column: String, _ message: String) { diagnostics.add(table.diagnostic(.error, row, column, message)) }
            guard let locality = registry[value("locality")] ?? registry.find(value("locality"), under: scope, level: .commune).first,
                locality.level == .commune, registry.path(to: locality.id).contains(where: { $0.id == scope })
            else {
                fail("locality", "unknown commune \(quoted(value("locality"))) in \(scope)")
                continue
            }
            let code = value("criterion")
            guard set.criterion(for: code)?.code == code else {
                fail("criterion", "\(quoted(code)) is not a criterion of \(set.id)")
                continue
            }
            if let first = seen.updateValue(row.line, forKey: "\(locality.id)|\(code)") {
                fail("criterion", "a second row for this commune and criterion (the first is on line \(first))")
                continue
            }
            if value("provenance").isEmpty { fail("provenance", "is empty: say where the status comes from") }
            if listed.insert(locality.id).inserted { order.append(locality) }
            switch value("status") {
            case "met":
                if !value("year").isEmpty { fail("year", "must be empty for a criterion met at the start") }
                met[locality.id, default: []].insert(code)
            case "planned":
                guard let year = Int(value("year")) else {
                    fail("year", "\(quoted(value("year"))) must be the year the plan completes the criterion")
                    continue
                }
                planned[locality.id, default: [:]][code] = year
            case "missing":
                // Listed so that a commune that meets and plans nothing is still one of the scenario's.
                if !value("year").isEmpty { fail("year", "must be empty for a missing criterion (give it status planned to plan it)") }
            default:
                fail("status", "\(quoted(value("status"))) must be met, planned or missing")
            }
        }
        let codes = set.criteria.map(\.code)
        return order.map { locality in
            let own = met[locality.id] ?? []
            return Commune(
                locality: locality, missing: codes.filter { !own.contains($0) }, met: codes.filter { own.contains($0) },
                plannedYear: planned[locality.id] ?? [:])
        }
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
            func fail(_ column: String, _ message: String) { diagnostics.add(table.diagnostic(.error, row, column, message)) }
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
