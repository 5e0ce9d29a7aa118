import Foundation
import NTPDomain
import NTPText
import XLSXSwift

/// One sheet as the import reads it: what each cell shows (a merged range's value in every cell of it),
/// the cell's place for messages and provenance, and the readings of money, years and counts a
/// department writes either as numbers or as text.
struct SheetView {
    let sheet: XLSXDocument.Sheet
    let workbook: String
    let lastRow: Int
    let lastColumn: Int

    init(sheet: XLSXDocument.Sheet, workbook: String) {
        self.sheet = sheet
        self.workbook = workbook
        lastRow = sheet.rows.last?.index ?? -1
        lastColumn = sheet.usedRange?.last.column ?? -1
    }

    var name: String { sheet.name }

    func cell(_ row: Int, _ column: Int) -> XLSXDocument.Cell? { sheet.displayedCell(at: CellAddress(row: row, column: column)) }

    /// The shown text, trimmed; a number as its decimal (15 significant digits, as Excel shows it).
    func text(_ row: Int, _ column: Int) -> String {
        guard let cell = cell(row, column) else { return "" }
        if case .number(let number)? = cell.value { return (number.decimal(significantDigits: 15) ?? 0).description }
        return cell.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func isEmpty(_ row: Int, _ column: Int) -> Bool { text(row, column).isEmpty }

    func reference(_ row: Int, _ column: Int) -> String { CellAddress(row: row, column: column).description }

    func range(_ row: Int, _ first: Int, _ last: Int) -> String { "\(reference(row, first)):\(reference(row, last))" }

    /// `book.xlsx:Sheet!C7`: a value's provenance.
    func provenance(_ row: Int, _ column: Int) -> String { "\(workbook):\(name)!\(reference(row, column))" }

    func error(_ row: Int, _ column: Int, _ message: Message) -> WorkbookDiagnostic {
        WorkbookDiagnostic(.error, workbook: workbook, sheet: name, cell: reference(row, column), message)
    }

    func warning(_ row: Int, _ column: Int, _ message: Message) -> WorkbookDiagnostic {
        WorkbookDiagnostic(.warning, workbook: workbook, sheet: name, cell: reference(row, column), message)
    }

    /// The cell's value as the message quotes it: `“70.285”` for text, `70285` for a number.
    func found(_ row: Int, _ column: Int) -> Message {
        guard let cell = cell(row, column) else { return "an empty cell" }
        switch cell.value {
        case .number?: return .verbatim(text(row, column))
        case .text(let text)?: return .verbatim(quoted(text))
        case .error(let code)?: return "the error \(code)"
        // Excel's own words for the values, as the cell shows them.
        case .boolean(let value)?: return .verbatim(value ? "TRUE" : "FALSE")
        case .date(let date)?: return "the date \(date)"
        case nil: return cell.formula.map { "a formula (=\($0)) without a value" } ?? "an empty cell"
        }
    }

    /// A non-negative amount: a number cell, or text in Vietnamese notation (`70.285` is 70285, `484,0` is
    /// 484), else plain (`70285.5`). Nil for an empty cell; a diagnostic for anything else.
    func amount(_ row: Int, _ column: Int, diagnostics: inout WorkbookDiagnostics) -> Decimal? {
        guard let cell = cell(row, column), let value = cell.value else {
            if let formula = self.cell(row, column)?.formula {
                diagnostics.add(error(row, column, "the formula =\(formula) has no stored value; open the file in Excel, let it calculate, and save it again"))
            }
            return nil
        }
        switch value {
        case .number(let number):
            guard let decimal = number.decimal(significantDigits: 15) else {
                diagnostics.add(error(row, column, "found \(number.text), which is beyond the range of amounts"))
                return nil
            }
            if decimal < 0 {
                diagnostics.add(error(row, column, "found \(found(row, column)); expected an amount of zero or more"))
                return nil
            }
            return decimal
        case .text(let raw):
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: " ", with: "")
            if text.isEmpty || text == "-" || text == "–" { return nil }
            if text.hasPrefix("-") {
                diagnostics.add(error(row, column, "found \(found(row, column)); expected an amount of zero or more"))
                return nil
            }
            if let value = try? Numbers.parse(text, .vietnamese) { return value }
            if let value = try? Numbers.parse(text, .plain) { return value }
            diagnostics.add(error(row, column, "found \(found(row, column)); expected an amount: a number, or text in Vietnamese notation (70.285 or 484,0)"))
            return nil
        case .error(let code):
            diagnostics.add(error(row, column, "found the error \(code) where an amount was expected; correct the formula"))
            return nil
        case .boolean, .date:
            diagnostics.add(error(row, column, "found \(found(row, column)); expected an amount"))
            return nil
        }
    }

    /// A whole number (a year, a count): a number cell without decimals, or its digits as text.
    func wholeNumber(_ row: Int, _ column: Int) -> Int? {
        let text = self.text(row, column)
        guard !text.isEmpty else { return nil }
        if let value = Int(text) { return value }
        if let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), decimal == decimal.rounded(0, .plain) {
            return NSDecimalNumber(decimal: decimal).intValue
        }
        return nil
    }

    /// A number as stated (a count, a mean), and the decimals it is written with.
    func statedNumber(_ row: Int, _ column: Int) -> (value: Decimal, decimals: Int)? {
        guard let cell = cell(row, column) else { return nil }
        switch cell.value {
        case .number(let number)?:
            guard let value = number.decimal(significantDigits: 15) else { return nil }
            return (value, max(0, -Int(value.exponent)))
        case .text(let text)?:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let value = try? Numbers.parse(trimmed, .either) { return (value, Numbers.decimals(asWritten: trimmed)) }
            // "11.4" in a Vietnamese document that writes decimals with a dot (Quảng Hòa's TB row).
            if let value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")) { return (value, Numbers.decimals(asWritten: trimmed)) }
            return nil
        default: return nil
        }
    }
}
