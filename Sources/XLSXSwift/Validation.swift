/// Why a workbook value cannot be written, naming the sheet and cell.
public struct XLSXError: Error, Equatable, CustomStringConvertible {
    public let sheet: String?
    public let cell: String?
    public let message: String

    public init(sheet: String? = nil, cell: String? = nil, _ message: String) {
        self.sheet = sheet
        self.cell = cell
        self.message = message
    }

    public var description: String {
        var place: [String] = []
        if let sheet { place.append("sheet \"\(sheet)\"") }
        if let cell { place.append("cell \(cell)") }
        return (place.isEmpty ? "" : place.joined(separator: ", ") + ": ") + message
    }
}

/// Excel's limits (Microsoft's "Excel specifications and limits"), checked in Swift so that
/// libxlsxwriter never sees a value it would refuse or write into a file Excel cannot open.
public enum XLSXLimits {
    public static let rows = 1_048_576
    public static let columns = 16_384
    public static let sheetNameLength = 31
    public static let textLength = 32_767
    public static let formulaLength = 8_192
    public static let columnWidth = 255.0
    /// A drop-down list written into the rule itself, its values joined by commas.
    public static let listLength = 255
    public static let validationTitleLength = 32
    public static let validationMessageLength = 255
    static let forbiddenInSheetNames: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
}

extension Workbook {
    /// Every rule `write(to:)` relies on; throws the first one broken.
    public func validate() throws {
        if sheets.isEmpty { throw XLSXError("a workbook needs at least one sheet") }
        // Excel opens a workbook on its first sheet, which therefore cannot be hidden.
        if sheets[0].hidden { throw XLSXError(sheet: sheets[0].name, "the first sheet is the one Excel opens on; it cannot be hidden") }
        var seen: Set<String> = []
        for sheet in sheets {
            try sheet.validate()
            // Excel compares sheet names without regard to case.
            let key = sheet.name.lowercased()
            if !seen.insert(key).inserted { throw XLSXError(sheet: sheet.name, "two sheets have this name (Excel ignores case)") }
        }
        for (label, text) in [("title", title), ("author", author), ("comments", comments)] {
            if let text { try checkText(text, what: "the document \(label)", sheet: nil, cell: nil) }
        }
    }
}

extension Sheet {
    func validate() throws {
        let name = self.name
        if name.isEmpty || name.count > XLSXLimits.sheetNameLength {
            throw XLSXError(sheet: name, "a sheet name has 1 to \(XLSXLimits.sheetNameLength) characters (this has \(name.count))")
        }
        if let bad = name.first(where: { XLSXLimits.forbiddenInSheetNames.contains($0) }) {
            throw XLSXError(sheet: name, "a sheet name cannot contain \"\(bad)\"")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { throw XLSXError(sheet: name, "a sheet name cannot begin or end with an apostrophe") }
        try checkText(name, what: "the sheet name", sheet: name, cell: nil)

        for (address, cell) in cells {
            try check(address)
            let place = address.description
            switch cell.value {
            case .blank: break
            case .text(let text):
                try checkText(text, what: "the text", sheet: name, cell: place)
                if text.count > XLSXLimits.textLength {
                    throw XLSXError(sheet: name, cell: place, "a cell holds at most \(XLSXLimits.textLength) characters (this has \(text.count))")
                }
            case .number(let value):
                if !value.isFinite { throw XLSXError(sheet: name, cell: place, "\(value) is not a number a workbook can hold") }
            case .formula(let formula, let cached):
                try checkText(formula, what: "the formula", sheet: name, cell: place)
                let body = formula.hasPrefix("=") ? String(formula.dropFirst()) : formula
                if body.isEmpty { throw XLSXError(sheet: name, cell: place, "an empty formula") }
                if formula.count > XLSXLimits.formulaLength {
                    throw XLSXError(sheet: name, cell: place, "a formula has at most \(XLSXLimits.formulaLength) characters")
                }
                if !cached.isFinite { throw XLSXError(sheet: name, cell: place, "the formula's value \(cached) is not a number a workbook can hold") }
            }
            if let format = cell.style.numberFormat {
                if format.isEmpty { throw XLSXError(sheet: name, cell: place, "an empty number format") }
                try checkText(format, what: "the number format", sheet: name, cell: place)
            }
            if let size = cell.style.fontSize, !(1...409).contains(size) {
                throw XLSXError(sheet: name, cell: place, "font size \(size) is outside 1-409 points")
            }
            if let fill = cell.style.fill, fill > 0xFFFFFF { throw XLSXError(sheet: name, cell: place, "colour \(fill) is not 0xRRGGBB") }
        }
        for (column, width) in columnWidths {
            try check(CellAddress(row: 0, column: column))
            if !width.isFinite || width < 0 || width > XLSXLimits.columnWidth {
                throw XLSXError(sheet: name, cell: CellAddress.columnName(column), "column width \(width) is outside 0-\(Int(XLSXLimits.columnWidth))")
            }
        }
        for (row, height) in rowHeights {
            try check(CellAddress(row: row, column: 0))
            if !height.isFinite || height < 0 || height > 409 {
                throw XLSXError(sheet: name, cell: "row \(row + 1)", "row height \(height) is outside 0-409 points")
            }
        }
        if frozenRows < 0 || frozenRows >= XLSXLimits.rows || frozenColumns < 0 || frozenColumns >= XLSXLimits.columns {
            throw XLSXError(sheet: name, "cannot freeze \(frozenRows) rows and \(frozenColumns) columns")
        }
        if let rows = printTitleRows {
            try check(CellAddress(row: rows.lowerBound, column: 0))
            try check(CellAddress(row: rows.upperBound, column: 0))
        }
        for (index, range) in merges.enumerated() {
            try check(range.first)
            try check(range.last)
            if range.first.row > range.last.row || range.first.column > range.last.column {
                throw XLSXError(sheet: name, cell: range.description, "a merged range runs from its top left to its bottom right cell")
            }
            if range.first == range.last { throw XLSXError(sheet: name, cell: range.description, "a merged range has at least two cells") }
            if let other = merges[..<index].first(where: { $0.overlaps(range) }) {
                throw XLSXError(sheet: name, cell: range.description, "overlaps the merged range \(other)")
            }
            if let hidden = cells.keys.filter({ range.contains($0) && $0 != range.first }).min() {
                throw XLSXError(sheet: name, cell: hidden.description, "has a value but lies inside the merged range \(range), where only the first cell shows")
            }
            if case .formula = cells[range.first]?.value {
                throw XLSXError(sheet: name, cell: range.first.description, "a merged range shows text or a number, not a formula")
            }
        }
        if let range = autoFilter { try checkRange(range) }
        for (index, validation) in validations.enumerated() {
            try checkRange(validation.range)
            let place = validation.range.description
            if let other = validations[..<index].first(where: { $0.range.overlaps(validation.range) }) {
                throw XLSXError(sheet: name, cell: place, "overlaps the data validation of \(other.range): a cell has one rule")
            }
            switch validation.rule {
            case .list(let values):
                if values.isEmpty { throw XLSXError(sheet: name, cell: place, "a drop-down list needs at least one value") }
                for value in values {
                    try checkText(value, what: "a value of the list", sheet: name, cell: place)
                    if value.isEmpty || value.contains(",") || value.contains("\"") {
                        throw XLSXError(sheet: name, cell: place, "the list value \"\(value)\" must be non-empty, without commas or double quotes (use listFrom a range for such values)")
                    }
                }
                let length = values.joined(separator: ",").count
                if length > XLSXLimits.listLength {
                    throw XLSXError(sheet: name, cell: place, "a drop-down list written in the rule holds at most \(XLSXLimits.listLength) characters (this has \(length)); list the values in cells and use listFrom")
                }
            case .listFrom(let formula):
                try checkText(formula, what: "the list's range", sheet: name, cell: place)
                if formula.trimmingCharacters(in: .whitespaces).isEmpty { throw XLSXError(sheet: name, cell: place, "a drop-down list needs the range of its values") }
                if formula.count > XLSXLimits.listLength { throw XLSXError(sheet: name, cell: place, "the list's range has at most \(XLSXLimits.listLength) characters") }
            case .wholeNumber(let bounds):
                if bounds.lowerBound < Int(Int32.min) || bounds.upperBound > Int(Int32.max) {
                    throw XLSXError(sheet: name, cell: place, "whole-number bounds \(bounds) are beyond what Excel stores (±2.147.483.647)")
                }
            case .decimal(let bounds):
                if !bounds.lowerBound.isFinite || !bounds.upperBound.isFinite {
                    throw XLSXError(sheet: name, cell: place, "number bounds \(bounds) must be finite")
                }
            }
            for (label, message) in [("prompt", validation.prompt), ("error", validation.error)] {
                guard let message else { continue }
                try checkText(message.title + message.text, what: "the \(label)", sheet: name, cell: place)
                if message.title.count > XLSXLimits.validationTitleLength {
                    throw XLSXError(sheet: name, cell: place, "the \(label)'s title has at most \(XLSXLimits.validationTitleLength) characters (this has \(message.title.count))")
                }
                if message.text.count > XLSXLimits.validationMessageLength {
                    throw XLSXError(sheet: name, cell: place, "the \(label)'s text has at most \(XLSXLimits.validationMessageLength) characters (this has \(message.text.count))")
                }
            }
        }
    }

    private func checkRange(_ range: CellRange) throws {
        try check(range.first)
        try check(range.last)
        if range.first.row > range.last.row || range.first.column > range.last.column {
            throw XLSXError(sheet: name, cell: range.description, "a range runs from its top left to its bottom right cell")
        }
    }

    private func check(_ address: CellAddress) throws {
        if address.row < 0 || address.row >= XLSXLimits.rows || address.column < 0 || address.column >= XLSXLimits.columns {
            throw XLSXError(sheet: name, cell: "row \(address.row), column \(address.column)",
                "outside the sheet (\(XLSXLimits.rows) rows × \(XLSXLimits.columns) columns, counted from 0)")
        }
    }
}

/// C strings end at the first NUL, and XML 1.0 cannot carry most other control characters: refuse
/// them rather than let the text be cut or the file be unreadable.
private func checkText(_ text: String, what: String, sheet: String?, cell: String?) throws {
    if let bad = text.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }) {
        throw XLSXError(sheet: sheet, cell: cell, "\(what) contains the control character U+\(String(bad.value, radix: 16, uppercase: true).leftPadded(4))")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
