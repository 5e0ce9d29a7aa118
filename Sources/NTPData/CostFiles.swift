import Foundation
import NTPDomain
import NTPText

/// `Data/catalogs/cost-norms.yaml`, `cost-multipliers.yaml` and `Data/localities/attributes.csv`
/// (documented in Data/README.md, "Costs").
struct CostNormsFile: Decodable {
    struct Basis: Decodable {
        let about: String
        let value: String
        let source: String
    }

    struct Norm: Decodable {
        /// A criterion, or a listed indicator of the set.
        let criterion: String
        /// 1, 2 or 3: the norm of one commune group (absent: every commune).
        let commune_group: YAMLScalar?
        let name_vi: String?
        let low: YAMLScalar
        let base: YAMLScalar
        let high: YAMLScalar
        let split: [String: Int]
        let build_years: Int
        let maintenance_per_year: YAMLScalar?
        let basis: [Basis]
    }

    let criteria_set: String
    let unit: String
    let price_year: Int
    let provenance: String
    let norms: [Norm]
}

struct CostMultipliersFile: Decodable {
    struct Multiplier: Decodable {
        let id: String
        let applies_when: String
        let factor: YAMLScalar
        let applies_to: String
        let basis: String
    }

    let provenance: String
    let multipliers: [Multiplier]
}

/// Attributes of localities that cost multipliers test (terrain, population…). A commune without an
/// attribute of its own takes its district's, then its province's.
public struct LocalityAttributes: Sendable {
    private let values: [String: [String: String]]
    private let registry: LocalityRegistry

    init(values: [String: [String: String]], registry: LocalityRegistry) {
        self.values = values
        self.registry = registry
    }

    /// The value of `attribute` for `locality`: its flags first, then attributes.csv, inherited upwards.
    public func value(_ attribute: String, of locality: String) -> String? {
        guard let unit = registry[locality] else { return nil }
        switch attribute {
        case "border": return unit.border.map { $0 ? "yes" : "no" }
        case "especially_difficult": return unit.especiallyDifficult.map { $0 ? "yes" : "no" }
        case "safe_zone": return unit.safeZone.map { $0 ? "yes" : "no" }
        case "ethnic_zone": return unit.ethnicZone?.rawValue
        default:
            for place in registry.path(to: locality).reversed() {
                if let value = values[place.id]?[attribute] { return value }
            }
            return nil
        }
    }
}

/// The default cost model of the data folder.
public struct CostCatalog: Sendable {
    public let criteriaSetID: String
    public let priceYear: Int
    public let norms: [CostNorm]
    public let multipliers: [CostMultiplier]
    public let attributes: LocalityAttributes
}

enum CostLoader {
    /// The default norms (`catalogs/cost-norms.yaml`) or another set's (`normsFile`), with the shared
    /// multipliers; `attributes` (already loaded with the default norms) are reused, not read twice.
    static func load(
        root: URL, catalogs: Catalogs, diagnostics: inout Diagnostics, normsFile: String = "catalogs/cost-norms.yaml",
        attributes known: LocalityAttributes? = nil
    ) -> CostCatalog? {
        let multipliersFile = "catalogs/cost-multipliers.yaml"
        guard let normsRecord = decodeYAML(CostNormsFile.self, url: root.appendingPathComponent(normsFile), file: normsFile, diagnostics: &diagnostics),
            let multipliersRecord = decodeYAML(CostMultipliersFile.self, url: root.appendingPathComponent(multipliersFile), file: multipliersFile, diagnostics: &diagnostics)
        else { return nil }
        let before = diagnostics.errors.count
        func error(_ file: String, _ key: String, _ message: Message) { diagnostics.add(Diagnostic(.error, file: file, key: key, message: message)) }

        guard let unit = MoneyUnit(rawValue: normsRecord.unit) else {
            error(normsFile, "unit", "\(quoted(normsRecord.unit)) must be dong, nghin, trieu or ty")
            return nil
        }
        let set = catalogs.criteriaSets[normsRecord.criteria_set]
        if set == nil { error(normsFile, "criteria_set", "unknown criteria set \(quoted(normsRecord.criteria_set))") }
        var norms: [CostNorm] = []
        var seen: [String: Int] = [:]
        for (index, record) in normsRecord.norms.enumerated() {
            let key = "norms[\(index)]"
            if let set, !set.contains(code: record.criterion) {
                error(normsFile, "\(key).criterion", "\(quoted(record.criterion)) is not a criterion or listed indicator of \(set.id)")
            }
            var communeGroup: CommuneGroup?
            if let text = record.commune_group?.text {
                communeGroup = Int(text).flatMap(CommuneGroup.init(rawValue:))
                if let set, communeGroup == nil || !set.communeGroups.contains(communeGroup!) {
                    let groups = set.communeGroups.map { String($0.rawValue) }
                    error(normsFile, "\(key).commune_group", "\(quoted(text)) is not a commune group of \(set.id)\(groups.isEmpty ? " (the set has none)" : "; expected \(groups.joined(separator: ", "))")")
                }
            }
            if let first = seen.updateValue(index, forKey: "\(record.criterion)|\(communeGroup.map { String($0.rawValue) } ?? "")") {
                error(normsFile, "\(key).criterion", "a second norm for \(record.criterion)\(communeGroup.map { " in group \($0.rawValue)" } ?? "") (the first is norms[\(first)])")
            }
            func money(_ scalar: YAMLScalar, _ field: String) -> Money? {
                do { return try inputMoney(scalar.text, unit: unit) } catch {
                    diagnostics.add(Diagnostic(.error, file: normsFile, key: "\(key).\(field)", message: amountProblem(error)))
                    return nil
                }
            }
            guard let low = money(record.low, "low"), let base = money(record.base, "base"), let high = money(record.high, "high") else { continue }
            if !(low <= base && base <= high) { error(normsFile, key, "needs low ≤ base ≤ high, not \(record.low.text) / \(record.base.text) / \(record.high.text)") }
            var split: [MoneyKind: Int] = [:]
            for (name, percent) in record.split {
                guard let kind = MoneyKind(rawValue: name) else {
                    error(normsFile, "\(key).split", "unknown kind of money \(quoted(name)); expected \(MoneyKind.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                if percent < 0 { error(normsFile, "\(key).split.\(name)", "must not be negative") }
                split[kind] = percent
            }
            if split.values.reduce(0, +) != 100 { error(normsFile, "\(key).split", "adds up to \(split.values.reduce(0, +)), not 100") }
            if !(1...3).contains(record.build_years) { error(normsFile, "\(key).build_years", "must be 1, 2 or 3, not \(record.build_years)") }
            if record.basis.isEmpty || record.basis.contains(where: { $0.source.trimmingCharacters(in: .whitespaces).isEmpty }) {
                error(normsFile, "\(key).basis", "every norm needs its basis, each with a source (a reference, a seed line, or \"assumption:\" and why)")
            }
            let maintenance = record.maintenance_per_year.flatMap { money($0, "maintenance_per_year") } ?? .zero
            norms.append(
                CostNorm(
                    criterion: record.criterion, communeGroup: communeGroup, low: low, base: base, high: high, split: split,
                    buildYears: record.build_years, maintenancePerYear: maintenance, basis: record.basis.map { "\($0.about): \($0.value) (\($0.source))" }))
        }
        if let set {
            // Every criterion has a norm for every commune, or one for each of the set's groups.
            let missing = set.criteria.map(\.code).filter { code in
                !norms.contains { $0.criterion == code && $0.communeGroup == nil }
                    && (set.communeGroups.isEmpty || !set.communeGroups.allSatisfy { group in norms.contains { $0.criterion == code && $0.communeGroup == group } })
            }
            if !missing.isEmpty { error(normsFile, "norms", "no norm for criteria \(missing.joined(separator: ", ")) of \(set.id)") }
        }

        var multipliers: [CostMultiplier] = []
        for (index, record) in multipliersRecord.multipliers.enumerated() {
            let key = "multipliers[\(index)]"
            guard let condition = parseCondition(record.applies_when) else {
                error(multipliersFile, "\(key).applies_when", "\(quoted(record.applies_when)) must read like \"terrain = mountainous\" or \"population < 5000\"")
                continue
            }
            let factor: Decimal
            switch limitedDecimal(record.factor.text, Limits.costMultiplier) {
            case .success(let value): factor = value
            case .failure(let problem):
                error(multipliersFile, "\(key).factor", problem.message)
                continue
            }
            guard ["construction", "all"].contains(record.applies_to) else {
                error(multipliersFile, "\(key).applies_to", "\(quoted(record.applies_to)) must be construction or all")
                continue
            }
            multipliers.append(
                CostMultiplier(
                    id: record.id, attribute: condition.0, comparison: condition.1, value: condition.2, factor: factor,
                    constructionOnly: record.applies_to == "construction", basis: record.basis))
        }
        let attributes = known ?? loadAttributes(root: root, registry: catalogs.localities, diagnostics: &diagnostics)
        guard diagnostics.errors.count == before else { return nil }
        return CostCatalog(criteriaSetID: normsRecord.criteria_set, priceYear: normsRecord.price_year, norms: norms, multipliers: multipliers, attributes: attributes)
    }

    /// The norms of every other criteria set: `catalogs/cost-norms-<set>.yaml`, keyed by set id.
    static func loadOthers(root: URL, catalogs: Catalogs, attributes: LocalityAttributes?, diagnostics: inout Diagnostics) -> [String: CostCatalog] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("catalogs").path)) ?? []
        var result: [String: CostCatalog] = [:]
        for name in names.sorted() where name.hasPrefix("cost-norms-") && name.hasSuffix(".yaml") {
            let file = "catalogs/\(name)"
            guard let catalog = load(root: root, catalogs: catalogs, diagnostics: &diagnostics, normsFile: file, attributes: attributes) else { continue }
            if result[catalog.criteriaSetID] != nil {
                diagnostics.add(Diagnostic(.error, file: file, key: "criteria_set", message: "a second norms file for \(catalog.criteriaSetID)"))
            }
            result[catalog.criteriaSetID] = catalog
        }
        return result
    }

    /// "terrain = mountainous", "population < 5000".
    static func parseCondition(_ text: String) -> (String, CostMultiplier.Comparison, String)? {
        for comparison in [CostMultiplier.Comparison.equal, .less, .greater] {
            let parts = text.components(separatedBy: comparison.rawValue)
            if parts.count == 2 {
                let attribute = parts[0].trimmingCharacters(in: .whitespaces), value = parts[1].trimmingCharacters(in: .whitespaces)
                if !attribute.isEmpty && !value.isEmpty { return (attribute, comparison, value) }
            }
        }
        return nil
    }

    static func loadAttributes(root: URL, registry: LocalityRegistry, diagnostics: inout Diagnostics) -> LocalityAttributes {
        let file = "localities/attributes.csv"
        var values: [String: [String: String]] = [:]
        if let table = CSVTable(url: root.appendingPathComponent(file), file: file, diagnostics: &diagnostics),
            requireColumns(["locality_id", "attribute", "value", "provenance"], in: table, diagnostics: &diagnostics)
        {
            for row in table.rows {
                let id = table.value(row, "locality_id")!, attribute = table.value(row, "attribute")!
                if registry[id] == nil { diagnostics.add(table.diagnostic(.error, row, "locality_id", "unknown locality \(quoted(id))")) }
                if table.value(row, "provenance")!.isEmpty { diagnostics.add(table.diagnostic(.error, row, "provenance", "is empty")) }
                if values[id]?[attribute] != nil { diagnostics.add(table.diagnostic(.error, row, "attribute", "\(quoted(attribute)) of \(id) is given twice")) }
                values[id, default: [:]][attribute] = table.value(row, "value")!
            }
        }
        return LocalityAttributes(values: values, registry: registry)
    }
}
