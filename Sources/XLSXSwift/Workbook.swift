/// A workbook as a plain value: sheets of cells with styles, column widths, frozen panes, merged
/// ranges, data validation, filters and protection. Nothing touches libxlsxwriter until `write(to:)`, which validates the whole value first
/// (`validate()`), so a bad value is refused with the sheet and cell named and no file is written.
public struct Workbook: Sendable {
    public var sheets: [Sheet] = []
    /// Document properties (File → Info in Excel).
    public var title: String?
    public var author: String?
    public var comments: String?

    public init(title: String? = nil, author: String? = nil, comments: String? = nil) {
        self.title = title
        self.author = author
        self.comments = comments
    }
}

/// One worksheet. Rows and columns count from 0, as in libxlsxwriter (A1 is row 0, column 0).
public struct Sheet: Sendable {
    public let name: String
    public private(set) var cells: [CellAddress: Cell] = [:]
    /// Width in characters of the default font, by column.
    public var columnWidths: [Int: Double] = [:]
    /// Height in points, by row (wrapped headers need room; Excel does not grow rows it did not lay out).
    public var rowHeights: [Int: Double] = [:]
    /// Rows and columns kept in view when scrolling (the header rows and label columns).
    public var frozenRows = 0
    public var frozenColumns = 0
    public private(set) var merges: [CellRange] = []
    /// Printing: landscape pages, `printTitleRows` repeated on every page, and the sheet fitted to
    /// one page wide.
    public var landscape = false
    public var printTitleRows: ClosedRange<Int>?
    public var fitToPageWidth = false
    /// What may be typed into ranges of the sheet (drop-down lists, number bounds); ranges never overlap.
    public private(set) var validations: [DataValidation] = []
    /// The range that gets filter buttons on its first row (the header of a long table).
    public var autoFilter: CellRange?
    /// When set, only cells whose style is not `locked` can be changed.
    public var protection: SheetProtection?
    /// Hidden from the tabs (a sheet of lists that drop-downs read); the first sheet stays visible.
    public var hidden = false

    public init(name: String) { self.name = name }

    public subscript(row: Int, column: Int) -> Cell? { cells[CellAddress(row: row, column: column)] }

    public mutating func set(_ row: Int, _ column: Int, _ value: CellValue, _ style: CellStyle = CellStyle()) {
        cells[CellAddress(row: row, column: column)] = Cell(value: value, style: style)
    }

    /// Merges a range; its first cell carries the value and style, the others must stay empty.
    public mutating func merge(_ range: CellRange) { merges.append(range) }

    /// Restricts what may be typed into `validation.range`.
    public mutating func validate(_ validation: DataValidation) { validations.append(validation) }

    /// The last row with a cell, or -1 when the sheet is empty.
    public var lastRow: Int { cells.keys.map(\.row).max() ?? -1 }
}

public struct CellAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let row: Int
    public let column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    public static func < (a: CellAddress, b: CellAddress) -> Bool { (a.row, a.column) < (b.row, b.column) }

    /// The address as Excel shows it: `A1`, `AB12`. Defined for valid addresses only.
    public var description: String { CellAddress.columnName(column) + String(row + 1) }

    /// `A` for column 0, `Z` for 25, `AA` for 26.
    public static func columnName(_ column: Int) -> String {
        var name = ""
        var rest = column + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            rest = (rest - 1) / 26
        }
        return name
    }
}

public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public let first: CellAddress
    public let last: CellAddress

    public init(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int) {
        first = CellAddress(row: firstRow, column: firstColumn)
        last = CellAddress(row: lastRow, column: lastColumn)
    }

    public func contains(_ address: CellAddress) -> Bool {
        (first.row...last.row).contains(address.row) && (first.column...last.column).contains(address.column)
    }

    public func overlaps(_ other: CellRange) -> Bool {
        first.row <= other.last.row && other.first.row <= last.row
            && first.column <= other.last.column && other.first.column <= last.column
    }

    public var description: String { "\(first):\(last)" }
}

public enum CellValue: Sendable, Equatable {
    /// No value, only the style (a bordered empty cell of a table).
    case blank
    case text(String)
    case number(Double)
    /// A formula (without the leading `=` or with it) and the value it evaluates to, stored with it so
    /// that readers that do not recalculate (viewers, parsers) still see the number.
    case formula(String, cached: Double)
}

public struct Cell: Sendable, Equatable {
    public let value: CellValue
    public let style: CellStyle
}

/// How a cell looks. Equal styles share one format in the file.
public struct CellStyle: Hashable, Sendable {
    public enum Alignment: Sendable, Hashable { case general, left, center, right }

    public var bold = false
    public var italic = false
    /// Font size in points; nil for the default (11).
    public var fontSize: Double?
    /// An Excel number format such as `#,##0.000` or `0`; nil for General.
    public var numberFormat: String?
    public var alignment = Alignment.general
    public var verticalCenter = false
    public var wrap = false
    /// A thin border on every side.
    public var border = false
    /// Background colour as 0xRRGGBB.
    public var fill: UInt32?
    /// Whether the cell is locked when its sheet is protected (Excel's default); false for the cells a
    /// user fills in.
    public var locked = true

    public init(
        bold: Bool = false, italic: Bool = false, fontSize: Double? = nil, numberFormat: String? = nil,
        alignment: Alignment = .general, verticalCenter: Bool = false, wrap: Bool = false, border: Bool = false,
        fill: UInt32? = nil, locked: Bool = true
    ) {
        self.bold = bold
        self.italic = italic
        self.fontSize = fontSize
        self.numberFormat = numberFormat
        self.alignment = alignment
        self.verticalCenter = verticalCenter
        self.wrap = wrap
        self.border = border
        self.fill = fill
        self.locked = locked
    }
}

/// A rule on what may be typed into a range (Excel's Data → Data Validation): a value outside it is
/// refused with `error`'s text, and `prompt` shows when a cell of the range is selected.
public struct DataValidation: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        /// One of these values, offered in a drop-down (Excel keeps at most 255 characters of them).
        case list([String])
        /// One of the values of a range, offered in a drop-down: `'Danh mục'!$B$2:$B$14`.
        case listFrom(String)
        /// A whole number within the bounds.
        case wholeNumber(ClosedRange<Int>)
        /// A number within the bounds.
        case decimal(ClosedRange<Double>)
    }

    /// A title (at most 32 characters) and a text (at most 255).
    public struct Message: Sendable, Equatable {
        public let title: String
        public let text: String

        public init(title: String, text: String) {
            self.title = title
            self.text = text
        }
    }

    public let range: CellRange
    public let rule: Rule
    /// An empty cell passes.
    public var allowBlank: Bool
    public var prompt: Message?
    public var error: Message?

    public init(_ range: CellRange, _ rule: Rule, allowBlank: Bool = true, prompt: Message? = nil, error: Message? = nil) {
        self.range = range
        self.rule = rule
        self.allowBlank = allowBlank
        self.prompt = prompt
        self.error = error
    }
}

/// What a user may still do on a protected sheet besides editing its unlocked cells. No password:
/// protection keeps a form's labels and formulas from being changed by mistake, it is not security.
public struct SheetProtection: Sendable, Equatable {
    public var formatColumns: Bool
    public var formatRows: Bool
    public var useAutoFilter: Bool
    public var sort: Bool
    /// Rows inserted take the style of the row above, so a table whose rows are unlocked can grow.
    public var insertRows: Bool
    public var deleteRows: Bool

    public init(
        formatColumns: Bool = true, formatRows: Bool = true, useAutoFilter: Bool = true, sort: Bool = false, insertRows: Bool = false,
        deleteRows: Bool = false
    ) {
        self.formatColumns = formatColumns
        self.formatRows = formatRows
        self.useAutoFilter = useAutoFilter
        self.sort = sort
        self.insertRows = insertRows
        self.deleteRows = deleteRows
    }
}
