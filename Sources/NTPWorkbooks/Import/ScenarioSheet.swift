import Foundation
import NTPDomain
import NTPText

/// The scenario sheet: a label in column A, its value in column B (the template's "Kịch bản", and the
/// facts at the top of the export's "Tổng hợp"), then the table of required targets.
struct ScenarioSheet {
    struct Field {
        let row: Int
        let column: Int
        let text: String
    }

    struct TargetRow {
        let row: Int
        let commune: String
        let criterion: String
        let year: Int?
        let yearColumn: Int
    }

    let view: SheetView
    /// By label (its Vietnamese text).
    private(set) var fields: [String: Field] = [:]
    private(set) var targets: [TargetRow] = []

    init(view: SheetView, diagnostics: inout WorkbookDiagnostics) {
        self.view = view
        let labels = [
            ScenarioFields.name, ScenarioFields.description, ScenarioFields.phase, ScenarioFields.criteriaSet, ScenarioFields.scope,
            ScenarioFields.scopeName, ScenarioFields.scopeLevel, ScenarioFields.scopeParent, ScenarioFields.unit, ScenarioFields.firstYear,
            ScenarioFields.lastYear, ScenarioFields.years, ScenarioFields.capacity, ScenarioFields.minimumProgress, ScenarioFields.officialTargets,
        ] + ScenarioFields.kinds.map(\.1)
        let targetHeader = view.headerRow([Columns.target, Columns.targetCriterion, Columns.targetYear])
        let lastFieldRow = targetHeader?.row ?? view.lastRow
        if lastFieldRow >= 0 {
            for row in 0...lastFieldRow {
                let text = view.text(row, 0)
                guard let label = labels.first(where: { $0.matches(text) }) else { continue }
                // The first statement wins; the export's "Kịch bản: …" note line does not match a label.
                if fields[label.vi] == nil { fields[label.vi] = Field(row: row, column: 1, text: view.text(row, 1)) }
            }
        }
        if let header = targetHeader {
            let (communeColumn, criterionColumn, yearColumn) = (header.columns[0], header.columns[1], header.columns[2])
            if header.row < view.lastRow {
                for row in (header.row + 1)...view.lastRow {
                    let commune = view.text(row, communeColumn), criterion = view.text(row, criterionColumn), yearText = view.text(row, yearColumn)
                    if commune.isEmpty && criterion.isEmpty && yearText.isEmpty { continue }
                    let year = view.wholeNumber(row, yearColumn)
                    if !yearText.isEmpty && year == nil {
                        diagnostics.add(view.error(row, yearColumn, "found \(view.found(row, yearColumn)); expected a year"))
                        continue
                    }
                    if commune.isEmpty && criterion.isEmpty {
                        diagnostics.add(view.error(row, communeColumn, "a target names a commune, a criterion or both"))
                        continue
                    }
                    targets.append(TargetRow(row: row, commune: commune, criterion: criterion, year: year, yearColumn: yearColumn))
                }
            }
        }
    }

    func field(_ label: Label) -> Field? {
        guard let field = fields[label.vi], !field.text.isEmpty else { return nil }
        return field
    }

    func provenance(_ field: Field) -> String { view.provenance(field.row, field.column) }

    func error(_ field: Field, _ message: Message) -> WorkbookDiagnostic { view.error(field.row, field.column, message) }

    /// A yes/no field: nil when empty.
    func answer(_ label: Label, diagnostics: inout WorkbookDiagnostics) -> Bool? {
        guard let field = field(label) else { return nil }
        if Answers.yes.matches(field.text) { return true }
        if Answers.no.matches(field.text) { return false }
        diagnostics.add(error(field, "found \(view.found(field.row, field.column)); expected có or không (yes or no)"))
        return nil
    }

    /// A whole number of at least `minimum`: nil when empty.
    func whole(_ label: Label, atLeast minimum: Int, diagnostics: inout WorkbookDiagnostics) -> Int? {
        guard let field = field(label) else { return nil }
        guard let value = view.wholeNumber(field.row, field.column), value >= minimum else {
            diagnostics.add(error(field, "found \(view.found(field.row, field.column)); expected a whole number of at least \(minimum)"))
            return nil
        }
        return value
    }
}
