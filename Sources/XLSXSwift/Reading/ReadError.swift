import NTPFiles
/// Why a workbook cannot be read: the file, where in it (package part, sheet, cell) and the problem.
///
/// `problem` carries the facts as values so that a caller can say them in Vietnamese or English;
/// `problem.wording` is its text (ReadMessages.swift holds every one) and `description` the English.
public struct XLSXReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the caller named it (the path, or the name given with the bytes).
    public var file: String
    /// The package part (`xl/worksheets/sheet1.xml`) when the problem is inside one.
    public var part: String?
    /// The sheet's name when the problem is inside a sheet.
    public var sheet: String?
    public var cell: CellAddress?
    public var problem: Problem

    public init(file: String, part: String? = nil, sheet: String? = nil, cell: CellAddress? = nil, _ problem: Problem) {
        self.file = file
        self.part = part
        self.sheet = sheet
        self.cell = cell
        self.problem = problem
    }

    /// What is wrong. Cases up to `notAWorkbook` say what the file is instead of a workbook; then a
    /// damaged package, then content Excel would not write, then a limit, then a question the
    /// workbook cannot answer.
    public enum Problem: Sendable, Equatable {
        /// The file cannot be opened (no such file, a folder, no permission): why.
        case cannotOpen(reason: Wording)
        case emptyFile
        /// An Excel 97-2003 workbook (`.xls`: an OLE2 compound file with a Workbook stream).
        case legacyExcelWorkbook
        /// A password-protected workbook: Excel encrypts the package into an OLE2 compound file.
        case encryptedWorkbook
        /// Another OLE2 compound file (an old Word or PowerPoint document, an Outlook message).
        case otherCompoundFile
        /// A text file named like a workbook.
        case textFile(TextKind)
        /// A document of another kind (OpenDocument, Word, PowerPoint, a binary `.xlsb` workbook, PDF).
        case otherDocument(DocumentKind)
        /// A zip archive without a workbook in it.
        case zipWithoutWorkbook
        /// Bytes of no kind the reader recognises.
        case notAWorkbook

        case damagedZip(ZIPDamage)
        case unsupportedZip(ZIPFeature)
        /// A part that the package refers to is not in it.
        case missingPart(path: String, referencedBy: String)
        /// A relationship of `part` points outside the package (`../../etc/passwd`, `file:///…`).
        case relationshipOutsidePackage(target: String)
        /// The workbook names a relationship its relationships part does not define.
        case undefinedRelationship(id: String)
        /// A relationships part defines an id twice.
        case duplicateRelationship(id: String)
        case malformedXML(line: Int, column: Int, code: Int)
        /// An XML part declares a document type (DTD): entities are refused, never expanded.
        case documentTypeDeclaration
        case xmlEncoding(String)
        case unexpectedRootElement(expected: String, found: String)

        case missingAttribute(element: String, attribute: String)
        case invalidAttribute(element: String, attribute: String, value: String)
        /// An element where SpreadsheetML does not allow it (a cell outside a row).
        case misplacedElement(String, expectedIn: String)
        case invalidCellReference(String)
        case invalidRange(String)
        case cellOutsideItsRow(rowNumber: Int)
        case duplicateCell
        case invalidNumber(String)
        case invalidBoolean(String)
        case invalidDate(String)
        case invalidError(String)
        case sharedStringOutOfRange(index: String, count: Int)
        case styleOutOfRange(index: String, count: Int)
        /// A cell of a shared formula whose first cell (which holds the text) is not before it.
        case undefinedSharedFormula(index: String)
        case overlappingMerges(CellRange, CellRange)
        case duplicateSheetName(String)

        case limitExceeded(Limit, limit: Int, found: Int)

        case noSuchSheet(String, available: [String])
    }

    /// Text that is not a workbook, by what it looks like.
    public enum TextKind: Sendable, Equatable {
        case csv
        case html
        /// Excel 2003's XML Spreadsheet format.
        case spreadsheetXML2003
        case xml
        case plainText
    }

    public enum DocumentKind: Sendable, Equatable {
        case openDocumentSpreadsheet
        case openDocument
        case wordDocument
        case powerPointPresentation
        case binaryWorkbook
        case pdf
    }

    /// How a zip archive is damaged.
    public enum ZIPDamage: Sendable, Equatable {
        /// No end-of-central-directory record: the file is cut short or not a zip archive.
        case noEndOfCentralDirectory
        case centralDirectoryOutOfBounds
        case badCentralDirectoryEntry(index: Int)
        case badLocalHeader(path: String)
        case dataOutOfBounds(path: String)
        case duplicatePart(path: String)
        /// The compressed data ends before the compressed stream does.
        case truncatedData(path: String)
        case invalidCompressedData(path: String)
        /// Inflating gives more bytes than the archive states (a zip bomb lies this way).
        case inflatesBeyondStatedSize(path: String, stated: Int)
        case sizeMismatch(path: String, stated: Int, actual: Int)
        case badChecksum(path: String)
    }

    public enum ZIPFeature: Sendable, Equatable {
        case encryptedEntries(path: String)
        case multipleDisks
        case compressionMethod(Int, path: String)
    }

    /// The limits a workbook must stay within (`XLSXDocument.Limits`, and Excel's sheet size).
    public enum Limit: Sendable, Equatable {
        case fileBytes
        case parts
        case partBytes
        case totalBytes
        case compressionRatio
        case sheets
        case cellsPerSheet
        case cells
        case sharedStrings
        case cellStyles
        case relationships
        case sharedFormulaBytes
        case textLength
        case formulaLength
        case xmlDepth
        case mergedRanges
        case rows
        case columns
    }

    public var description: String { Self.english(self) }
}
