import Foundation

/// A worksheet part (`xl/worksheets/sheetN.xml`), streamed: cells row by row (a cell without `r`
/// follows the one before it, a row without `r` the row before it), values typed by `t` and the
/// style's number format, formulas with their cached values, merged ranges, column widths, the frozen
/// pane of the first view and list validations (also those Excel 2010 writes in `extLst`).
final class WorksheetParser: PartParser {
    typealias Cell = XLSXDocument.Cell

    private let strings: [String]
    private let formats: [NumberFormat]
    private let dateSystem: XLSXDocument.DateSystem
    /// Cells the workbook may still hold.
    private let cellBudget: Int
    /// Bytes of shared-formula text the workbook may still spell out.
    private let formulaBudget: Int
    private(set) var formulaBytes = 0

    private(set) var rows: [XLSXDocument.Row] = []
    private(set) var merges: [CellRange] = []
    private(set) var columnWidths: [XLSXDocument.ColumnWidth] = []
    private(set) var frozenRows = 0
    private(set) var frozenColumns = 0
    private(set) var listValidations: [XLSXDocument.ListValidation] = []
    private(set) var cellCount = 0

    private enum Capture { case none, value, formula, inlineText, validation }
    private var capture = Capture.none

    private var inSheetData = false
    private var rowIndex = -1
    private var inRow = false
    private var rowCells: [Cell] = []
    private var rowsSorted = true
    private var nextColumn = 0

    private var address: CellAddress?
    private var style = 0
    private var type: String?
    private var value: String?
    private var formula: String?
    private var formulaAttributes: [String: String] = [:]
    private var inline: String?
    private var phoneticDepth = 0
    /// The first cell and text of each shared formula, by its `si`.
    private var sharedFormulas: [String: (CellAddress, String)] = [:]

    private var sheetViews = 0
    private var validation: (type: String?, sqref: String?, formula: String?)?
    private var validationText = ""

    init(limits: XLSXDocument.Limits, strings: [String], formats: [NumberFormat], dateSystem: XLSXDocument.DateSystem,
         cellBudget: Int, formulaBudget: Int) {
        self.strings = strings
        self.formats = formats
        self.dateSystem = dateSystem
        self.cellBudget = cellBudget
        self.formulaBudget = formulaBudget
        super.init(limits: limits)
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "sheetData": inSheetData = true
        case "row" where inSheetData: startRow(attributes)
        case "c" where inSheetData: startCell(attributes)
        case "v" where address != nil:
            capture = .value
            value = ""
        case "f" where address != nil:
            capture = .formula
            formula = ""
            formulaAttributes = attributes
        case "is" where address != nil: inline = ""
        case "rPh" where inline != nil: phoneticDepth += 1
        case "t" where inline != nil && phoneticDepth == 0: capture = .inlineText
        case "sheetView": sheetViews += 1
        case "pane" where sheetViews == 1: pane(attributes)
        case "col": column(attributes)
        case "mergeCell": mergeCell(attributes)
        case "dataValidation": validation = (attributes["type"], attributes["sqref"], nil)
        case "formula1" where validation != nil, "sqref" where validation != nil:
            capture = .validation
            validationText = ""
        default: break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "sheetData": inSheetData = false
        case "row" where inSheetData: endRow()
        case "c" where address != nil: endCell()
        case "v", "f": if capture == .value || capture == .formula { capture = .none }
        case "t": if capture == .inlineText { capture = .none }
        case "rPh" where inline != nil: phoneticDepth -= 1
        case "formula1" where validation != nil:
            validation?.formula = validationText
            capture = .none
        case "sqref" where validation != nil:
            validation?.sqref = validationText
            capture = .none
        case "dataValidation": endValidation()
        default: break
        }
    }

    override func text(_ string: String) {
        let buffer: String
        switch capture {
        case .none: return
        case .value:
            value? += string
            buffer = value ?? ""
        case .formula:
            formula? += string
            buffer = formula ?? ""
        case .inlineText:
            inline? += string
            buffer = inline ?? ""
        case .validation:
            validationText += string
            buffer = validationText
        }
        // A runaway text stops here rather than at the end of its element (a UTF-16 unit takes at most
        // 3 bytes of UTF-8).
        let (limit, kind) = capture == .formula ? (limits.formulaLength, XLSXReadError.Limit.formulaLength) : (limits.textLength, .textLength)
        if buffer.utf8.count > 3 * limit {
            fail(.limitExceeded(kind, limit: limit, found: buffer.utf16.count), cell: address)
        }
    }

    // MARK: Rows and cells

    private func startRow(_ attributes: [String: String]) {
        let index: Int
        if let text = attributes["r"] {
            guard let number = Int(text), number >= 1 else { return fail(.invalidAttribute(element: "row", attribute: "r", value: text)) }
            index = number - 1
        } else {
            index = rowIndex + 1
        }
        guard index < XLSXLimits.rows else { return fail(.limitExceeded(.rows, limit: XLSXLimits.rows, found: index + 1)) }
        if index <= rowIndex { rowsSorted = false }
        rowIndex = index
        inRow = true
        rowCells = []
        nextColumn = 0
    }

    private func endRow() {
        if !rowCells.isEmpty { rows.append(XLSXDocument.Row(index: rowIndex, cells: rowCells)) }
        rowCells = []
        inRow = false
    }

    private func startCell(_ attributes: [String: String]) {
        guard inRow else { return fail(.misplacedElement("c", expectedIn: "row")) }
        cellCount += 1
        if cellCount > limits.cellsPerSheet { return fail(.limitExceeded(.cellsPerSheet, limit: limits.cellsPerSheet, found: cellCount)) }
        if cellCount > cellBudget { return fail(.limitExceeded(.cells, limit: limits.cells, found: limits.cells - cellBudget + cellCount)) }
        let cell: CellAddress
        if let reference = attributes["r"] {
            guard let parsed = CellAddress(reference: reference) else { return fail(.invalidCellReference(reference)) }
            if parsed.row != rowIndex { return fail(.cellOutsideItsRow(rowNumber: rowIndex + 1), cell: parsed) }
            cell = parsed
        } else {
            guard nextColumn < XLSXLimits.columns else { return fail(.limitExceeded(.columns, limit: XLSXLimits.columns, found: nextColumn + 1)) }
            cell = CellAddress(row: rowIndex, column: nextColumn)
        }
        nextColumn = cell.column + 1
        if let text = attributes["s"] {
            guard let index = Int(text), index >= 0 else { return fail(.invalidAttribute(element: "c", attribute: "s", value: text), cell: cell) }
            // Without a styles part only the default style 0 exists.
            guard index < max(formats.count, 1) else { return fail(.styleOutOfRange(index: text, count: max(formats.count, 1)), cell: cell) }
            style = index
        } else {
            style = 0
        }
        address = cell
        type = attributes["t"]
        value = nil
        formula = nil
        inline = nil
        phoneticDepth = 0
    }

    private func endCell() {
        guard let address else { return }
        defer {
            self.address = nil
            capture = .none
        }
        let format = formats.isEmpty ? NumberFormat.general : formats[style]
        let cellValue: XLSXDocument.Value?
        switch type ?? "n" {
        case "n":
            guard let text = value, !text.isEmpty else { cellValue = nil; break }
            guard let number = XLSXDocument.Number(text) else { return fail(.invalidNumber(text), cell: address) }
            if format.isDate, let date = XLSXDocument.DateTime(serial: number, system: dateSystem) {
                cellValue = .date(date)
            } else {
                cellValue = .number(number)
            }
        case "s":
            let text = value ?? ""
            guard let index = Int(text), index >= 0, index < strings.count else {
                return fail(.sharedStringOutOfRange(index: text, count: strings.count), cell: address)
            }
            cellValue = .text(strings[index])
        case "inlineStr":
            cellValue = (inline ?? value).map { .text(XMLText.unescape($0)) }
        case "str":
            cellValue = value.map { .text(XMLText.unescape($0)) }
        case "b":
            switch value {
            case nil: cellValue = nil
            case "1", "true": cellValue = .boolean(true)
            case "0", "false": cellValue = .boolean(false)
            case let text?: return fail(.invalidBoolean(text), cell: address)
            }
        case "e":
            guard let text = value else { cellValue = nil; break }
            guard text.hasPrefix("#"), text.count <= 32 else { return fail(.invalidError(text), cell: address) }
            cellValue = .error(text)
        case "d":
            guard let text = value, !text.isEmpty else { cellValue = nil; break }
            guard let date = XLSXDocument.DateTime(iso: text) else { return fail(.invalidDate(text), cell: address) }
            cellValue = .date(date)
        case let other:
            return fail(.invalidAttribute(element: "c", attribute: "t", value: other), cell: address)
        }
        if case .text(let text)? = cellValue, let length = XMLText.length(text, beyond: limits.textLength) {
            return fail(.limitExceeded(.textLength, limit: limits.textLength, found: length), cell: address)
        }
        guard case .formula(let formulaText) = cellFormula(at: address) else { return }
        if cellValue == nil && formulaText == nil { return }
        rowCells.append(Cell(address: address, value: cellValue, formula: formulaText, numberFormat: format.code))
    }

    private enum FormulaOutcome {
        /// The formula's text; nil when the cell has none.
        case formula(String?)
        case failed
    }

    private func cellFormula(at address: CellAddress) -> FormulaOutcome {
        guard let text = formula else { return .formula(nil) }
        var result: String?
        switch formulaAttributes["t"] ?? "normal" {
        case "normal", "array":
            result = text.isEmpty ? nil : text
        case "shared":
            guard let index = formulaAttributes["si"] else {
                fail(.missingAttribute(element: "f", attribute: "si"), cell: address)
                return .failed
            }
            if !text.isEmpty {
                sharedFormulas[index] = (address, text)
                result = text
            } else if let (first, shared) = sharedFormulas[index] {
                // Each cell gets its own copy of the text: bounded, so that a long formula shared by a
                // million cells cannot fill the memory.
                formulaBytes += shared.utf8.count
                if formulaBytes > formulaBudget {
                    fail(.limitExceeded(.sharedFormulaBytes, limit: limits.sharedFormulaBytes,
                                        found: limits.sharedFormulaBytes - formulaBudget + formulaBytes), cell: address)
                    return .failed
                }
                result = SharedFormula.translate(shared, rows: address.row - first.row, columns: address.column - first.column)
            } else {
                fail(.undefinedSharedFormula(index: index), cell: address)
                return .failed
            }
        case "dataTable":
            result = nil
        case let other:
            fail(.invalidAttribute(element: "f", attribute: "t", value: other), cell: address)
            return .failed
        }
        if let result, let length = XMLText.length(result, beyond: limits.formulaLength) {
            fail(.limitExceeded(.formulaLength, limit: limits.formulaLength, found: length), cell: address)
            return .failed
        }
        return .formula(result)
    }

    /// Rows in order, each once, cells left to right, each once: files written by Excel already are;
    /// others are sorted, and a cell written twice is refused.
    func finish() throws(XLSXReadError) {
        if !rowsSorted {
            var merged: [Int: [Cell]] = [:]
            for row in rows { merged[row.index, default: []].append(contentsOf: row.cells) }
            rows = merged.keys.sorted().map { XLSXDocument.Row(index: $0, cells: merged[$0] ?? []) }
        }
        for (position, row) in rows.enumerated() where !Self.isStrictlyOrdered(row.cells) {
            let cells = row.cells.sorted { $0.address.column < $1.address.column }
            if let duplicate = zip(cells, cells.dropFirst()).first(where: { $0.0.address == $0.1.address }) {
                throw XLSXReadError(file: "", cell: duplicate.0.address, .duplicateCell)
            }
            rows[position] = XLSXDocument.Row(index: row.index, cells: cells)
        }
    }

    private static func isStrictlyOrdered(_ cells: [Cell]) -> Bool {
        zip(cells, cells.dropFirst()).allSatisfy { $0.0.address.column < $0.1.address.column }
    }

    // MARK: Panes, columns, merges, validations

    private func pane(_ attributes: [String: String]) {
        guard let state = attributes["state"], state == "frozen" || state == "frozenSplit" else { return }
        func split(_ name: String, below limit: Int) -> Int? {
            guard let text = attributes[name] else { return 0 }
            guard let value = Double(text), value.rounded() == value, value >= 0, value < Double(limit) else {
                fail(.invalidAttribute(element: "pane", attribute: name, value: text))
                return nil
            }
            return Int(value)
        }
        guard let columns = split("xSplit", below: XLSXLimits.columns), let rows = split("ySplit", below: XLSXLimits.rows) else { return }
        frozenColumns = columns
        frozenRows = rows
    }

    private func column(_ attributes: [String: String]) {
        func number(_ name: String) -> Int? {
            guard let text = attributes[name] else {
                fail(.missingAttribute(element: "col", attribute: name))
                return nil
            }
            guard let value = Int(text), (1...XLSXLimits.columns).contains(value) else {
                fail(.invalidAttribute(element: "col", attribute: name, value: text))
                return nil
            }
            return value
        }
        guard let first = number("min"), let last = number("max") else { return }
        guard first <= last else { return fail(.invalidAttribute(element: "col", attribute: "max", value: String(last))) }
        guard let text = attributes["width"] else { return }
        guard let width = Double(text), width.isFinite, width >= 0 else {
            return fail(.invalidAttribute(element: "col", attribute: "width", value: text))
        }
        columnWidths.append(XLSXDocument.ColumnWidth(columns: (first - 1)...(last - 1), width: width))
    }

    private func mergeCell(_ attributes: [String: String]) {
        guard let reference = attributes["ref"] else { return fail(.missingAttribute(element: "mergeCell", attribute: "ref")) }
        guard let range = CellRange(reference: reference) else { return fail(.invalidRange(reference)) }
        if merges.count == limits.mergedRangesPerSheet {
            return fail(.limitExceeded(.mergedRanges, limit: limits.mergedRangesPerSheet, found: merges.count + 1))
        }
        merges.append(range)
    }

    private func endValidation() {
        defer { validation = nil }
        guard let validation, validation.type == "list", let sqref = validation.sqref, let formula = validation.formula else { return }
        var ranges: [CellRange] = []
        for reference in sqref.split(whereSeparator: { $0 == " " }) {
            guard let range = CellRange(reference: String(reference)) else { return fail(.invalidRange(String(reference))) }
            ranges.append(range)
        }
        let source: XLSXDocument.ListValidation.Source
        if formula.hasPrefix("\""), formula.hasSuffix("\""), formula.count >= 2 {
            // A literal list: comma-separated values inside quotes, a doubled quote standing for one.
            let body = formula.dropFirst().dropLast().replacingOccurrences(of: "\"\"", with: "\"")
            source = .values(body.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
        } else {
            source = .formula(formula)
        }
        listValidations.append(XLSXDocument.ListValidation(ranges: ranges, source: source))
    }
}
