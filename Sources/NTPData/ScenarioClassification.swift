import Foundation
import NTPDomain
import NTPText

/// A scenario's own classification of its communes (`classification.file`, the columns of
/// `localities/classification-2026.csv`): the commune groups, zones, flags and especially difficult
/// villages the data does not state, each row with its provenance (a source, or "assumption:" and the
/// reason). It fills what the data leaves unknown and never contradicts what the data states.
enum ScenarioClassificationLoader {
    /// The scenario's rows merged with the data's classification, by commune id; errors for a row that
    /// breaks a rule of the data's table, names a commune outside `scope`, or contradicts the data.
    static func load(url: URL, scope: String, data: DataSet, diagnostics: inout Diagnostics) -> [String: CommuneClassification] {
        guard let table = CSVTable(url: url, file: url.relativePath, diagnostics: &diagnostics),
            requireColumns(ClassificationLoader.columns, in: table, diagnostics: &diagnostics)
        else { return [:] }
        let registry = data.catalogs.localities
        let own = ClassificationLoader.load(table, registry: registry, diagnostics: &diagnostics)
        var merged: [String: CommuneClassification] = [:]
        for row in table.rows {
            guard let id = table.value(row, "locality_id")?.trimmingCharacters(in: .whitespaces), let stated = own[id] else { continue }
            func fail(_ column: String, _ message: Message) { diagnostics.add(table.diagnostic(.error, row, column, message)) }
            guard registry.path(to: id).contains(where: { $0.id == scope }) else {
                fail("locality_id", "\(id) is not in the scenario's scope \(scope)")
                continue
            }
            guard let known = data.catalogs.classifications[id] else {
                merged[id] = stated
                continue
            }
            let (result, conflicts) = known.filled(by: stated)
            for column in conflicts {
                fail(column, "contradicts \(ClassificationLoader.file), which states \(known.cell(column)) for \(id); a scenario only fills what the data leaves unknown")
            }
            // The group must still agree with the zone once both tables are read together.
            if case .zone(let ethnic)? = result.zone, ethnic != .I, result.group == .two {
                fail("commune_group", "with the zone \(ethnic.rawValue) of the data, \(id) is in group 3 (or 1), not 2 (QĐ 51/2025/QĐ-TTg)")
            } else if result.group == .three, let zone = result.zone, zone == .outside || zone == .zone(.I) {
                fail("commune_group", "group 3 is for zone II and III communes; with the data's zone, \(id) is \(zone == .outside ? Message("outside the zones") : "zone I")")
            }
            if conflicts.isEmpty { merged[id] = result }
        }
        return merged
    }
}

extension CommuneClassification {
    /// This classification with every unknown filled from `other`, and the columns where both state a
    /// value and the values differ.
    func filled(by other: CommuneClassification) -> (CommuneClassification, conflicts: [String]) {
        var result = self
        var conflicts: [String] = []
        func fill<Value: Equatable>(_ path: WritableKeyPath<CommuneClassification, Value?>, _ column: String) {
            switch (self[keyPath: path], other[keyPath: path]) {
            case (nil, let value): result[keyPath: path] = value
            case (let mine?, let theirs?) where mine != theirs: conflicts.append(column)
            default: break
            }
        }
        fill(\.group, "commune_group")
        fill(\.zone, "ethnic_zone")
        fill(\.border, "border")
        fill(\.safeZone, "safe_zone")
        fill(\.island, "island")
        fill(\.specialZone, "special_zone")
        fill(\.especiallyDifficultVillages, "especially_difficult_villages")
        result.provenance = Provenance("\(provenance.text); scenario: \(other.provenance.text)")
        return (result, conflicts)
    }

    /// A column's value as the classification table writes it.
    func cell(_ column: String) -> String {
        func flag(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "" }
        switch column {
        case "commune_group": return group.map { String($0.rawValue) } ?? ""
        case "ethnic_zone":
            switch zone {
            case .outside?: return "outside"
            case .zone(let ethnic)?: return ethnic.rawValue
            case nil: return ""
            }
        case "border": return flag(border)
        case "safe_zone": return flag(safeZone)
        case "island": return flag(island)
        case "special_zone": return flag(specialZone)
        case "especially_difficult_villages": return especiallyDifficultVillages.map(String.init) ?? ""
        default: return ""
        }
    }
}
