import Foundation
import NTPDomain
import NTPText

/// Reads `Data/localities/localities.csv`, the placeholder communes of the seed folders, and `merges.csv`
/// (columns in Data/README.md).
enum LocalityLoader {
    static let localityColumns = [
        "id", "level", "unit_type", "name", "parent_id", "valid_from", "valid_to", "especially_difficult", "border",
        "ethnic_zone", "safe_zone", "provenance",
    ]
    static let mergeColumns = ["old_id", "new_id", "effective_date", "decision", "provenance"]

    /// A seed folder's communes that its document does not name but needs (same columns as
    /// localities.csv, each an `assumption:`), e.g. `seeds/lang-son-2022/placeholder_communes.csv`.
    static let placeholderFile = "placeholder_communes.csv"

    static func load(root: URL, diagnostics: inout Diagnostics) -> LocalityRegistry {
        let file = "localities/localities.csv"
        var localities: [Locality] = []
        var rows: [(CSVTable, CSVTable.Row)] = []
        var seen: [String: String] = [:]
        var files = [file]
        let seeds = root.appendingPathComponent("seeds")
        for folder in ((try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []).sorted()
        where FileManager.default.fileExists(atPath: seeds.appendingPathComponent(folder).appendingPathComponent(placeholderFile).path) {
            files.append("seeds/\(folder)/\(placeholderFile)")
        }
        for file in files {
            guard let table = CSVTable(url: root.appendingPathComponent(file), file: file, diagnostics: &diagnostics),
                requireColumns(localityColumns, in: table, diagnostics: &diagnostics)
            else { continue }
            for (locality, row) in parse(table, placeholders: file.hasSuffix(placeholderFile), seen: &seen, diagnostics: &diagnostics) {
                localities.append(locality)
                rows.append((table, row))
            }
        }
        let ids = Set(localities.map(\.id))
        for (locality, (table, row)) in zip(localities, rows) {
            if let parent = locality.parentID, !ids.contains(parent) {
                diagnostics.add(table.diagnostic(.error, row, "parent_id", "unknown locality \(quoted(parent))"))
            }
        }

        let mergesFile = "localities/merges.csv"
        var merges: [LocalityMerge] = []
        let known = Set(localities.map(\.id))
        if let table = CSVTable(url: root.appendingPathComponent(mergesFile), file: mergesFile, diagnostics: &diagnostics),
            requireColumns(mergeColumns, in: table, diagnostics: &diagnostics)
        {
            for row in table.rows {
                let value = { (column: String) in table.value(row, column)!.trimmingCharacters(in: .whitespaces) }
                for column in ["old_id", "new_id"] where !known.contains(value(column)) {
                    diagnostics.add(table.diagnostic(.error, row, column, "unknown locality \(quoted(value(column)))"))
                }
                if value("provenance").isEmpty { diagnostics.add(table.diagnostic(.error, row, "provenance", "is empty")) }
                merges.append(
                    LocalityMerge(oldID: value("old_id"), newID: value("new_id"), effectiveDate: value("effective_date"), decision: value("decision"), provenance: Provenance(value("provenance"))))
            }
        }
        return LocalityRegistry(localities: localities, merges: merges)
    }

    /// The units of a table with `localityColumns`, every broken rule reported. `seen` maps the ids met so
    /// far to their `file:line`, so that an id defined twice (in this table or an earlier one) is refused.
    static func parse(_ table: CSVTable, placeholders: Bool, seen: inout [String: String], diagnostics: inout Diagnostics) -> [(Locality, CSVTable.Row)] {
        let file = table.file
        var parsed: [(Locality, CSVTable.Row)] = []
        for row in table.rows {
            let value = { (column: String) in table.value(row, column)!.trimmingCharacters(in: .whitespaces) }
            let id = value("id")
            if let first = seen.updateValue("\(file):\(row.line)", forKey: id) {
                let place = first.hasPrefix(file + ":") ? "line \(first.dropFirst(file.count + 1))" : first
                diagnostics.add(table.diagnostic(.error, row, "id", "\(quoted(id)) is already defined on \(place)"))
                continue
            }
            if placeholders {
                if value("level") != "commune" { diagnostics.add(table.diagnostic(.error, row, "level", "a placeholder is a commune, not \(quoted(value("level")))")) }
                if !value("provenance").contains("assumption:") {
                    diagnostics.add(table.diagnostic(.error, row, "provenance", "a placeholder must say why it is assumed (assumption: …)"))
                }
            }
            guard let level = LocalityLevel(rawValue: value("level")) else {
                diagnostics.add(table.diagnostic(.error, row, "level", "unknown level \(quoted(value("level"))); expected province, district, commune or village"))
                continue
            }
            var flags: [String: Bool?] = [:]
            for column in ["especially_difficult", "border", "safe_zone"] {
                switch value(column) {
                case "yes": flags[column] = true
                case "no": flags[column] = false
                case "": flags[column] = .some(nil)
                default:
                    diagnostics.add(table.diagnostic(.error, row, column, "\(quoted(value(column))) must be yes, no or empty (not known)"))
                    flags[column] = .some(nil)
                }
            }
            let zone = value("ethnic_zone")
            if !zone.isEmpty && EthnicZone(rawValue: zone) == nil {
                diagnostics.add(table.diagnostic(.error, row, "ethnic_zone", "\(quoted(zone)) must be I, II, III or empty"))
            }
            if value("name").isEmpty { diagnostics.add(table.diagnostic(.error, row, "name", "is empty")) }
            if value("provenance").isEmpty { diagnostics.add(table.diagnostic(.error, row, "provenance", "is empty: say where the unit is named")) }
            let parent = value("parent_id")
            let locality = Locality(
                id: id, level: level, unitType: value("unit_type"), name: value("name"), parentID: parent.isEmpty ? nil : parent,
                validFrom: value("valid_from").nilIfEmpty, validTo: value("valid_to").nilIfEmpty,
                especiallyDifficult: flags["especially_difficult"]!, border: flags["border"]!,
                ethnicZone: EthnicZone(rawValue: zone), safeZone: flags["safe_zone"]!, provenance: Provenance(value("provenance")))
            parsed.append((locality, row))
        }
        return parsed
    }
}

/// Checks that `table` has exactly `columns`, in order.
func requireColumns(_ columns: [String], in table: CSVTable, diagnostics: inout Diagnostics) -> Bool {
    guard table.header == columns else {
        diagnostics.add(Diagnostic(.error, file: table.file, line: 1, message: "the header must be \(columns.joined(separator: ",")), not \(table.header.joined(separator: ","))"))
        return false
    }
    return true
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
