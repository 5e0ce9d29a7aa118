import Foundation

/// A workbook read from an .xlsx file: its sheets in workbook order with their cells, merged ranges,
/// column widths, frozen panes and list validations, and the document properties.
///
/// Reading is hardened for files from anywhere: anything that is not a sound workbook within
/// `Limits` is refused with an `XLSXReadError` naming the file, the part, sheet or cell and the
/// problem, never a crash or a hang (docs/xlsx-reader.md).
public struct XLSXDocument: Sendable {
    /// The file as named in errors: the path, or the name given with the bytes.
    public let file: String
    public let sheets: [Sheet]
    public let properties: Properties
    /// How the file counts dates (`workbookPr date1904`).
    public let dateSystem: DateSystem

    /// Reads the workbook at `url`.
    public init(contentsOf url: URL, limits: Limits = Limits()) throws(XLSXReadError) {
        let file = url.path
        let data = try Self.readFile(url, limits: limits)
        try self.init(data: data, file: file, limits: limits)
    }

    /// Reads a workbook from memory (an upload, a fuzzer's input); `name` names it in errors.
    public init(data: Data, name: String = "workbook", limits: Limits = Limits()) throws(XLSXReadError) {
        try self.init(data: data, file: name, limits: limits)
    }

    private init(data: Data, file: String, limits: Limits) throws(XLSXReadError) {
        let contents: WorkbookContents
        do {
            var reader = try WorkbookReader(data: data, limits: limits)
            contents = try reader.read()
        } catch var error {
            error.file = file
            throw error
        }
        self.file = file
        sheets = contents.sheets
        properties = contents.properties
        dateSystem = contents.dateSystem
    }

    public var sheetNames: [String] { sheets.map(\.name) }

    /// The sheet of this name, compared as Excel does: regardless of case (and of Unicode
    /// normalisation). A missing sheet is an error that lists the sheets there are.
    public func sheet(named name: String) throws(XLSXReadError) -> Sheet {
        let wanted = name.lowercased()
        guard let sheet = sheets.first(where: { $0.name.lowercased() == wanted }) else {
            throw XLSXReadError(file: file, .noSuchSheet(name, available: sheetNames))
        }
        return sheet
    }

    /// File → Info in Excel.
    public struct Properties: Sendable, Equatable {
        public var title: String?
        public var subject: String?
        public var author: String?
        public var keywords: String?
        public var comments: String?
    }

    public enum Visibility: String, Sendable {
        case visible
        case hidden
        /// Hidden so that only a macro can show it again.
        case veryHidden
    }

    public enum SheetKind: String, Sendable {
        case worksheet
        /// A sheet that is one chart: it has no cells.
        case chartsheet
        /// A dialog or macro sheet of old Excel versions: its cells are not read.
        case other
    }

    /// One sheet: cells by row, sparse (empty rows and cells are absent), rows and columns counted
    /// from 0 as in `CellAddress`.
    public struct Sheet: Sendable {
        public let name: String
        public let visibility: Visibility
        public let kind: SheetKind
        /// The rows holding at least one cell, top to bottom.
        public let rows: [Row]
        /// Merged ranges in file order; they never overlap (a file where they do is refused).
        public let merges: [CellRange]
        /// Widths set in the file, in characters of the default font.
        public let columnWidths: [ColumnWidth]
        /// Rows and columns kept in view when scrolling (0 when the panes are not frozen).
        public let frozenRows: Int
        public let frozenColumns: Int
        /// Drop-down lists (data validation of type list).
        public let listValidations: [ListValidation]
        let rowPositions: [Int: Int]
        let mergeIndex: MergeIndex

        init(name: String, visibility: Visibility, kind: SheetKind, rows: [Row], merges: [CellRange], mergeIndex: MergeIndex,
             columnWidths: [ColumnWidth], frozenRows: Int, frozenColumns: Int, listValidations: [ListValidation]) {
            self.name = name
            self.visibility = visibility
            self.kind = kind
            self.rows = rows
            self.merges = merges
            self.mergeIndex = mergeIndex
            self.columnWidths = columnWidths
            self.frozenRows = frozenRows
            self.frozenColumns = frozenColumns
            self.listValidations = listValidations
            rowPositions = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($0.element.index, $0.offset) })
        }

        /// Row `index` (from 0), empty when the file has no cell in it.
        public func row(_ index: Int) -> Row {
            rowPositions[index].map { rows[$0] } ?? Row(index: index, cells: [])
        }

        /// The row Excel numbers `number` (from 1).
        public func row(number: Int) -> Row { row(number - 1) }

        public subscript(row: Int, column: Int) -> Cell? { self.row(row)[column] }

        public subscript(address: CellAddress) -> Cell? { self[address.row, address.column] }

        /// The cell at an Excel reference such as `C7`; nil when there is no cell or no such reference.
        public subscript(reference: String) -> Cell? {
            CellAddress(reference: reference).flatMap { self[$0] }
        }

        /// Every cell, row by row, left to right.
        public var cells: [Cell] { rows.flatMap(\.cells) }

        /// The smallest range holding every cell; nil for an empty sheet.
        public var usedRange: CellRange? {
            guard let first = rows.first, let last = rows.last else { return nil }
            var left = Int.max, right = Int.min
            for row in rows {
                if let cell = row.cells.first { left = min(left, cell.address.column) }
                if let cell = row.cells.last { right = max(right, cell.address.column) }
            }
            return CellRange(first.index, left, last.index, right)
        }

        /// The merged range holding `address`, if any.
        public func mergedRange(containing address: CellAddress) -> CellRange? {
            mergeIndex.range(containing: address).map { merges[$0] }
        }

        /// The cell whose value Excel shows at `address`: in a merged range its top-left cell, otherwise
        /// the cell itself.
        public func displayedCell(at address: CellAddress) -> Cell? {
            self[mergedRange(containing: address)?.first ?? address]
        }

        /// The width set for `column` (from 0), if the file sets one.
        public func columnWidth(_ column: Int) -> Double? {
            columnWidths.last { $0.columns.contains(column) }?.width
        }
    }

    public struct Row: Sendable {
        /// From 0, as in `CellAddress`.
        public let index: Int
        /// Left to right.
        public let cells: [Cell]

        /// As Excel numbers rows (from 1).
        public var number: Int { index + 1 }

        /// The cell in `column` (from 0).
        public subscript(column: Int) -> Cell? {
            var low = 0, high = cells.count
            while low < high {
                let middle = (low + high) / 2
                if cells[middle].address.column < column { low = middle + 1 } else { high = middle }
            }
            return low < cells.count && cells[low].address.column == column ? cells[low] : nil
        }

        /// The cell in the column of these letters (`C`).
        public subscript(columnName: String) -> Cell? {
            CellAddress.column(named: columnName).flatMap { self[$0] }
        }
    }

    /// A cell that holds a value, a formula or both.
    public struct Cell: Sendable, Equatable {
        public let address: CellAddress
        /// Nil for a formula the file stores without its result.
        public let value: Value?
        /// The formula without its `=`. For the cells of a shared formula after its first, which the
        /// file stores without text, the first cell's formula with its relative references moved.
        public let formula: String?
        /// The number format code of the cell's style (`General` when it has none).
        public let numberFormat: String

        /// The value as text: a string as it is, a number or a date as the decimal written in the
        /// file (a date written as ISO text as that text), `TRUE`/`FALSE`, an error's code; empty
        /// without a value.
        public var text: String {
            switch value {
            case .text(let text): text
            case .number(let number): number.text
            case .date(let date): date.serial?.text ?? date.description
            case .boolean(let value): value ? "TRUE" : "FALSE"
            case .error(let code): code
            case nil: ""
            }
        }

        /// The exact number of a number cell (not of a date: see `date`).
        public var number: Decimal? {
            if case .number(let number) = value { number.decimal } else { nil }
        }

        public var double: Double? {
            if case .number(let number) = value { number.double } else { nil }
        }

        public var date: DateTime? {
            if case .date(let date) = value { date } else { nil }
        }

        public var boolean: Bool? {
            if case .boolean(let value) = value { value } else { nil }
        }
    }

    public enum Value: Sendable, Hashable {
        case text(String)
        case number(Number)
        /// A number shown with a date or time format, or a date the file writes as ISO text.
        case date(DateTime)
        case boolean(Bool)
        /// An error a formula gave: `#DIV/0!`, `#N/A`, `#VALUE!`, `#REF!`, `#NAME?`, `#NUM!`, `#NULL!`…
        case error(String)
    }

    /// Columns `columns` (from 0) have this width.
    public struct ColumnWidth: Sendable, Equatable {
        public let columns: ClosedRange<Int>
        public let width: Double
    }

    /// A drop-down list on some ranges: its values, or the formula that gives them (`$H$1:$H$5`,
    /// `Lists!$A$1:$A$10`, a defined name).
    public struct ListValidation: Sendable, Equatable {
        public enum Source: Sendable, Equatable {
            case values([String])
            case formula(String)
        }

        public let ranges: [CellRange]
        public let source: Source
    }
}

/// What one reading produced, before the document names its file.
struct WorkbookContents {
    var sheets: [XLSXDocument.Sheet]
    var properties: XLSXDocument.Properties
    var dateSystem: XLSXDocument.DateSystem
}
