import Foundation
import NTPDomain

/// The communes sheet: one row per commune with its id (optional), name, unit type, parent and the
/// flags rules and coefficients test.
struct CommunesSheet {
    struct Row {
        let row: Int
        let id: String?
        let name: String
        let nameColumn: Int
        let idColumn: Int
        let unitType: String?
        let parentID: String?
        let parentColumn: Int?
        let especiallyDifficult: Bool?
        let border: Bool?
        let safeZone: Bool?
        let ethnicZone: EthnicZone?
        let basis: String?
    }

    let view: SheetView
    private(set) var rows: [Row] = []

    init?(view: SheetView, diagnostics: inout WorkbookDiagnostics) {
        guard let header = view.headerRow([Columns.communeID, Columns.communeName]) else { return nil }
        self.view = view
        let row0 = header.row
        let (idColumn, nameColumn) = (header.columns[0], header.columns[1])
        let column = { (label: Label) in view.column(of: label, in: row0) }
        let unitColumn = column(Columns.unitType), parentColumn = column(Columns.parentID)
        let flagColumns = (column(Columns.especiallyDifficult), column(Columns.border), column(Columns.safeZone))
        let zoneColumn = column(Columns.ethnicZone), basisColumn = column(Columns.basis)
        guard row0 < view.lastRow else { return }
        var seen: [String: Int] = [:]
        for row in (row0 + 1)...view.lastRow {
            let id = view.text(row, idColumn), name = view.text(row, nameColumn)
            if TotalRows.total.matches(name) { break }
            if id.isEmpty && name.isEmpty { continue }
            if name.isEmpty {
                diagnostics.add(view.error(row, nameColumn, "the commune \(quoted(id)) has no name"))
                continue
            }
            if let first = seen.updateValue(row, forKey: Fold.key(id.isEmpty ? name : id)) {
                diagnostics.add(view.error(row, id.isEmpty ? nameColumn : idColumn, "\(quoted(id.isEmpty ? name : id)) is listed a second time (first on row \(first + 1))"))
                continue
            }
            func flag(_ column: Int?) -> Bool? {
                guard let column, !view.isEmpty(row, column) else { return nil }
                if Answers.yes.matches(view.text(row, column)) { return true }
                if Answers.no.matches(view.text(row, column)) { return false }
                diagnostics.add(view.error(row, column, "found \(view.found(row, column)); expected có, không or an empty cell (not known)"))
                return nil
            }
            var zone: EthnicZone?
            if let zoneColumn, !view.isEmpty(row, zoneColumn) {
                zone = EthnicZone(rawValue: view.text(row, zoneColumn).uppercased())
                if zone == nil { diagnostics.add(view.error(row, zoneColumn, "found \(view.found(row, zoneColumn)); expected I, II, III or an empty cell")) }
            }
            let text = { (column: Int?) in column.map { view.text(row, $0) }.flatMap { $0.isEmpty ? nil : $0 } }
            rows.append(Row(
                row: row, id: id.isEmpty ? nil : id, name: name, nameColumn: nameColumn, idColumn: idColumn, unitType: text(unitColumn),
                parentID: text(parentColumn), parentColumn: parentColumn, especiallyDifficult: flag(flagColumns.0), border: flag(flagColumns.1),
                safeZone: flag(flagColumns.2), ethnicZone: zone, basis: text(basisColumn)))
        }
    }
}
