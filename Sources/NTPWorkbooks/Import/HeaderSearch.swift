import Foundation
import NTPDomain

/// Finding a table's header in a sheet a department laid out itself: title rows above it, merged
/// header cells over several columns, a row of column numbers under it.
extension SheetView {
    /// How far down a header is looked for (title rows, notes, the document's heading).
    static let headerSearchRows = 40

    /// The first row holding a cell for each of `labels` (as headers are written: with a unit in
    /// parentheses, over merged cells), and the column of each.
    func headerRow(_ labels: [Label], from start: Int = 0) -> (row: Int, columns: [Int])? {
        let end = min(lastRow, start + Self.headerSearchRows)
        guard start <= end else { return nil }
        for row in start...end {
            var columns: [Int] = []
            for label in labels {
                guard let column = column(of: label, in: row) else { break }
                columns.append(column)
            }
            if columns.count == labels.count { return (row, columns) }
        }
        return nil
    }

    /// The first column of `row` whose header is `label`, within `rows` (a band of header rows).
    func column(of label: Label, in row: Int) -> Int? {
        guard lastColumn >= 0 else { return nil }
        return (0...lastColumn).first { label.matchesHeader(text(row, $0)) }
    }

    func column(of label: Label, inBand rows: ClosedRange<Int>) -> Int? {
        for row in rows { if let column = column(of: label, in: row) { return column } }
        return nil
    }

    /// The money unit a header or a note over the table states ("Số tiền (triệu đồng)", "Đơn vị tính:
    /// tỷ đồng"): the first found in `rows`.
    func statedUnit(rows: ClosedRange<Int>) -> (unit: MoneyUnit, row: Int, column: Int)? {
        guard lastColumn >= 0 else { return nil }
        for row in rows where row <= lastRow {
            for column in 0...lastColumn {
                if let unit = MoneyUnitWords.unit(in: text(row, column)) { return (unit, row, column) }
            }
        }
        return nil
    }
}

extension Label {
    /// As `matches`, also when the header adds a unit or a note in parentheses (`Số tiền (triệu đồng)`).
    func matchesHeader(_ text: String) -> Bool {
        if matches(text) { return true }
        guard let open = text.lastIndex(of: "("), text.hasSuffix(")") else { return false }
        return matches(String(text[..<open]))
    }
}

/// The words a header or a note uses for a money unit.
enum MoneyUnitWords {
    /// A unit named on its own: `triệu đồng`, `tỷ`, `million VND`, `trieu`…
    static func named(_ text: String) -> MoneyUnit? {
        switch Fold.key(text) {
        case "triệu đồng", "triệu", "tr.đ", "million vnd", "trieu": .trieu
        case "tỷ đồng", "tỷ", "tỉ đồng", "tỉ", "billion vnd", "ty": .ty
        case "nghìn đồng", "ngàn đồng", "nghìn", "thousand vnd", "nghin": .nghin
        case "đồng", "vnd", "dong": .dong
        default: nil
        }
    }

    static func unit(in text: String) -> MoneyUnit? {
        let folded = Fold.key(text)
        guard folded.contains("đồng") || folded.contains("vnd") || folded.contains("đ)") else { return nil }
        if folded.contains("tỷ") || folded.contains("tỉ") || folded.contains("billion") { return .ty }
        if folded.contains("triệu") || folded.contains("million") || folded.contains("tr.đ") { return .trieu }
        if folded.contains("nghìn") || folded.contains("ngàn") || folded.contains("thousand") { return .nghin }
        if folded.contains("(đồng)") || folded.contains("(vnd)") || folded.hasSuffix(": đồng") { return .dong }
        return nil
    }
}
