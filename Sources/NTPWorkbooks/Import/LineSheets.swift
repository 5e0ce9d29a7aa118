import Foundation
import NTPDomain
import NTPText

/// The cost overrides sheet: a department's own estimate for one criterion of one commune, with the
/// split of its money by kind (four whole percentages adding up to 100, or none).
struct OverridesSheet {
    struct Row {
        let row: Int
        let commune: String
        let communeColumn: Int
        let criterion: String
        let criterionColumn: Int
        let amount: Decimal
        let amountColumn: Int
        let split: [MoneyKind: Int]?
        let basis: String
    }

    private(set) var rows: [Row] = []
    let view: SheetView

    init?(view: SheetView, diagnostics: inout WorkbookDiagnostics) {
        guard let header = view.headerRow([Columns.commune, Columns.criterion, Columns.cost]) else { return nil }
        self.view = view
        let (communeColumn, criterionColumn, amountColumn) = (header.columns[0], header.columns[1], header.columns[2])
        let kindColumns: [(MoneyKind, Int?)] = [
            (.construction, view.column(of: Columns.construction, in: header.row)), (.recurrent, view.column(of: Columns.recurrent, in: header.row)),
            (.credit, view.column(of: Columns.credit, in: header.row)), (.communityEnterprise, view.column(of: Columns.communityEnterprise, in: header.row)),
        ]
        let basisColumn = view.column(of: Columns.basis, in: header.row)
        guard header.row < view.lastRow else { return }
        for row in (header.row + 1)...view.lastRow {
            let commune = view.text(row, communeColumn), criterion = view.text(row, criterionColumn)
            let amountEmpty = view.isEmpty(row, amountColumn)
            let kindTexts = kindColumns.map { $0.1.map { view.text(row, $0) } ?? "" }
            if commune.isEmpty && criterion.isEmpty && amountEmpty && kindTexts.allSatisfy(\.isEmpty) { continue }
            var ok = true
            func fail(_ column: Int, _ message: Message) {
                diagnostics.add(view.error(row, column, message))
                ok = false
            }
            if commune.isEmpty { fail(communeColumn, "an override names its commune") }
            if criterion.isEmpty { fail(criterionColumn, "an override names its criterion") }
            if amountEmpty { fail(amountColumn, "an override states the cost") }
            let amount = amountEmpty ? nil : view.amount(row, amountColumn, diagnostics: &diagnostics)
            var split: [MoneyKind: Int]?
            if kindTexts.contains(where: { !$0.isEmpty }) {
                var parsed: [MoneyKind: Int] = [:]
                for (kind, column) in kindColumns {
                    guard let column else { continue }
                    if view.isEmpty(row, column) { parsed[kind] = 0; continue }
                    guard let percent = view.wholeNumber(row, column), (0...100).contains(percent) else {
                        fail(column, "found \(view.found(row, column)); expected a whole percentage 0-100")
                        continue
                    }
                    parsed[kind] = percent
                }
                let sum = parsed.values.reduce(0, +)
                if ok && sum != 100, let first = kindColumns.compactMap(\.1).first {
                    fail(first, "the four shares add up to \(sum), not 100 (\(view.range(row, first, kindColumns.compactMap(\.1).last ?? first)))")
                }
                split = parsed
            }
            let basis = basisColumn.map { view.text(row, $0) } ?? ""
            guard ok, let amount else { continue }
            rows.append(Row(
                row: row, commune: commune, communeColumn: communeColumn, criterion: criterion, criterionColumn: criterionColumn, amount: amount,
                amountColumn: amountColumn, split: split, basis: basis))
        }
    }
}

/// The export's funding sheet ("Phân bổ chi tiết"): one allocation line a row (commune id, criterion,
/// program, source, year, amount, and the amount in đồng), which become the scenario's plan file.
struct FundingSheet {
    struct Row {
        let row: Int
        let commune: String
        let communeColumn: Int
        let criterion: String?
        let criterionColumn: Int?
        let program: String
        let programColumn: Int
        let source: String
        let sourceColumn: Int
        let year: Int?
        let yearColumn: Int
        let amount: Money?
        let amountColumn: Int
    }

    private(set) var rows: [Row] = []
    let view: SheetView

    init?(view: SheetView, unit fallback: MoneyUnit?, diagnostics: inout WorkbookDiagnostics) {
        guard let header = view.headerRow([Columns.communeID, Columns.program, Columns.source, Columns.year, Columns.amount]) else { return nil }
        self.view = view
        let (communeColumn, programColumn, sourceColumn, yearColumn, amountColumn) = (header.columns[0], header.columns[1], header.columns[2], header.columns[3], header.columns[4])
        let criterionColumn = view.column(of: Columns.criterion, in: header.row)
        let dongColumn = view.column(of: Columns.amountDong, in: header.row)
        let unit = view.statedUnit(rows: 0...max(0, header.row - 1))?.unit ?? fallback
        var sum = Decimal(0)
        guard header.row < view.lastRow else { return }
        for row in (header.row + 1)...view.lastRow {
            let labels = (0...min(2, max(0, view.lastColumn))).map { view.text(row, $0) }
            if labels.contains(where: { TotalRows.total.matches($0) }) {
                if let stated = view.amount(row, amountColumn, diagnostics: &diagnostics), stated != sum {
                    // The shown amounts are rounded by largest remainder so that they add up exactly.
                    diagnostics.add(view.warning(row, amountColumn, "total: the workbook states \(CapitalSheet.show(stated)); its rows give \(CapitalSheet.show(sum))"))
                }
                break
            }
            let commune = view.text(row, communeColumn)
            if commune.isEmpty && view.isEmpty(row, amountColumn) { continue }
            let shown = view.amount(row, amountColumn, diagnostics: &diagnostics)
            sum += shown ?? 0
            var money: Money?
            if shown == nil && (dongColumn.map { view.isEmpty(row, $0) } ?? true) && view.isEmpty(row, amountColumn) {
                diagnostics.add(view.error(row, amountColumn, "a funding line without its amount"))
            } else if let dongColumn, let dong = view.amount(row, dongColumn, diagnostics: &diagnostics) {
                money = try? Money(dong, .dong)
                if money == nil { diagnostics.add(view.error(row, dongColumn, "found \(view.found(row, dongColumn)); expected a whole number of đồng")) }
            } else if let shown, let unit {
                money = try? Money(shown, unit)
            } else if shown != nil {
                diagnostics.add(view.error(row, amountColumn, "the unit of the amounts is not stated over the table"))
            }
            let criterion = criterionColumn.map { view.text(row, $0) }.flatMap { $0.isEmpty ? nil : $0 }
            rows.append(Row(
                row: row, commune: commune, communeColumn: communeColumn, criterion: criterion, criterionColumn: criterionColumn, program: view.text(row, programColumn), programColumn: programColumn,
                source: view.text(row, sourceColumn), sourceColumn: sourceColumn, year: view.wholeNumber(row, yearColumn), yearColumn: yearColumn,
                amount: money, amountColumn: amountColumn))
        }
    }
}
