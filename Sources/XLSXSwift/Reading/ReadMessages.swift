import NTPFiles

/// Every text of the reader, in English, as a template with its values (`Wording`): the cause, then
/// what to do. A layer with languages shows them as messages of its catalogue (NTPWorkbooks), so that
/// they are written once.
extension XLSXReadError.Problem {
    public var wording: Wording { ReadMessages.wording(self) }
}

extension XLSXReadError {
    /// The file, the sheet or part and the cell, then the problem, in English.
    static func english(_ error: XLSXReadError) -> String {
        var places: [String] = []
        if let sheet = error.sheet { places.append("sheet “\(sheet)”") } else if let part = error.part { places.append(part) }
        if let cell = error.cell { places.append("cell \(cell)") }
        let place = places.isEmpty ? "" : places.joined(separator: ", ") + ": "
        return "\(error.file): \(place)\(error.problem.wording)"
    }
}

enum ReadMessages {
    static let saveAsXLSX: Wording = "open it in Excel and save it as an Excel Workbook (.xlsx)"
    static let damaged: Wording = "the file is damaged (perhaps cut short in an upload or a copy); get it again, or open it in Excel and save it again"
    static let repair: Wording = "Excel would not write this; open the file in Excel (which repairs it) and save it again"

    static func wording(_ problem: XLSXReadError.Problem) -> Wording {
        switch problem {
        case .cannotOpen(let reason):
            "cannot open the file: \(reason); check the path and that the file may be read"
        case .emptyFile:
            "the file is empty (0 bytes); get it again"
        case .legacyExcelWorkbook:
            "this is an Excel 97-2003 workbook (.xls), an older format the reader does not read; \(saveAsXLSX)"
        case .encryptedWorkbook:
            "the workbook is protected by a password (encrypted); open it in Excel, remove the password "
                + "(File → Info → Protect Workbook → Encrypt with Password, empty) and save it as .xlsx"
        case .otherCompoundFile:
            "this is an older Office document (Word, PowerPoint or Outlook), not an Excel workbook; choose the workbook file"
        case .textFile(let kind):
            switch kind {
            case .csv:
                "this is a text file of comma- or semicolon-separated values (CSV) named like a workbook; \(saveAsXLSX)"
            case .html:
                "this is a web page (HTML) named like a workbook, as some systems export tables; \(saveAsXLSX)"
            case .spreadsheetXML2003:
                "this is an Excel 2003 XML Spreadsheet, an older format the reader does not read; \(saveAsXLSX)"
            case .xml:
                "this is an XML file, not an Excel workbook; choose the workbook file"
            case .plainText:
                "this is a text file, not an Excel workbook; \(saveAsXLSX)"
            }
        case .otherDocument(let kind):
            switch kind {
            case .openDocumentSpreadsheet:
                "this is an OpenDocument spreadsheet (.ods, LibreOffice or OpenOffice); save it in Excel Workbook (.xlsx) format"
            case .openDocument:
                "this is an OpenDocument text or presentation, not a workbook; choose the workbook file"
            case .wordDocument:
                "this is a Word document (.docx), not an Excel workbook; choose the workbook file"
            case .powerPointPresentation:
                "this is a PowerPoint presentation (.pptx), not an Excel workbook; choose the workbook file"
            case .binaryWorkbook:
                "this is an Excel Binary Workbook (.xlsb), which the reader does not read; \(saveAsXLSX)"
            case .pdf:
                "this is a PDF document, not an Excel workbook; ask for the workbook the PDF was made from"
            }
        case .zipWithoutWorkbook:
            "this is a zip archive without an Excel workbook in it; choose the workbook file"
        case .notAWorkbook:
            "this is not an Excel workbook (not a zip package, nor a format the reader recognises); choose an .xlsx file"

        case .damagedZip(let damage):
            "\(wording(damage)); \(damaged)"
        case .unsupportedZip(let feature):
            switch feature {
            case .encryptedEntries(let path):
                "the zip archive encrypts \(path), which an Excel workbook never does; \(saveAsXLSX)"
            case .multipleDisks:
                "the zip archive is split over several files, which an Excel workbook never is; \(saveAsXLSX)"
            case .compressionMethod(let method, let path):
                "\(path) is compressed with method \(method), which Excel does not use (it uses deflate); \(saveAsXLSX)"
            }
        case .missingPart(let path, let referencedBy):
            "\(referencedBy) refers to \(path), which is not in the file; \(damaged)"
        case .relationshipOutsidePackage(let target):
            "a relationship points outside the workbook, to “\(target)”; the reader only reads parts inside the file. "
                + "An Excel workbook never does this: the file may have been crafted; do not use it"
        case .undefinedRelationship(let id):
            "the workbook refers to relationship \(id), which it does not define; \(damaged)"
        case .duplicateRelationship(let id):
            "two relationships have the id \(id), so which part it names is undefined; \(repair)"
        case .malformedXML(let line, let column, let code):
            "malformed XML at line \(line), column \(column) (\(xmlProblem(code))); \(damaged)"
        case .documentTypeDeclaration:
            "the XML declares a document type (DTD), which Excel never writes and which can expand entities without "
                + "bound or read other files; the reader refuses it: the file may have been crafted, do not use it"
        case .xmlEncoding(let encoding):
            "the XML is encoded in \(encoding); Excel writes UTF-8 and the reader reads only UTF-8; \(saveAsXLSX)"
        case .unexpectedRootElement(let expected, let found):
            "the part holds <\(found)> where a <\(expected)> belongs; \(damaged)"

        case .missingAttribute(let element, let attribute):
            "an element <\(element)> has no \(attribute) attribute; \(repair)"
        case .invalidAttribute(let element, let attribute, let value):
            "<\(element) \(attribute)=“\(value)”> is not a valid value; \(repair)"
        case .misplacedElement(let element, let parent):
            "an element <\(element)> stands outside a <\(parent)>; \(repair)"
        case .invalidCellReference(let text):
            "“\(text)” is not a cell inside a sheet (A1 to XFD1048576); \(repair)"
        case .invalidRange(let text):
            "“\(text)” is not a range of cells (such as A1:D4) inside a sheet; \(repair)"
        case .cellOutsideItsRow(let rowNumber):
            "the cell is written inside row \(rowNumber); \(repair)"
        case .duplicateCell:
            "the cell is written twice; \(repair)"
        case .invalidNumber(let text):
            "“\(text)” is not a number; \(repair)"
        case .invalidBoolean(let text):
            "“\(text)” is not a boolean (1 or 0); \(repair)"
        case .invalidDate(let text):
            "“\(text)” is not an ISO 8601 date (such as 2024-03-01 or 2024-03-01T13:45:00); \(repair)"
        case .invalidError(let text):
            "“\(text)” is not a formula error code (such as #DIV/0! or #N/A); \(repair)"
        case .sharedStringOutOfRange(let index, let count):
            "the cell refers to shared string \(index), but the workbook has \(count) (numbered from 0); \(damaged)"
        case .styleOutOfRange(let index, let count):
            "the cell uses style \(index), but the workbook defines \(count) (numbered from 0); \(damaged)"
        case .undefinedSharedFormula(let index):
            "the cell uses shared formula \(index), which no cell before it defines; \(repair)"
        case .overlappingMerges(let first, let second):
            "the merged ranges \(first) and \(second) overlap, so which value shows is undefined; \(repair)"
        case .duplicateSheetName(let name):
            "two sheets are named “\(name)” (Excel ignores case); \(repair)"

        case .limitExceeded(let limit, let value, let found):
            wording(limit, value, found)

        case .noSuchSheet(let name, let available):
            available.isEmpty
                ? "no sheet is named “\(name)”; the workbook has no sheet"
                : "no sheet is named “\(name)”; the sheets are \(available.map { "“\($0)”" }.joined(separator: ", "))"
        }
    }

    static func wording(_ damage: XLSXReadError.ZIPDamage) -> Wording {
        switch damage {
        case .noEndOfCentralDirectory:
            "the zip archive has no central directory at its end (it is cut short)"
        case .centralDirectoryOutOfBounds:
            "the zip archive's central directory lies outside the file"
        case .badCentralDirectoryEntry(let index):
            "entry \(index + 1) of the zip archive's central directory is unreadable"
        case .badLocalHeader(let path):
            "the zip archive's header of \(path) is unreadable"
        case .dataOutOfBounds(let path):
            "the data of \(path) lies outside the zip archive"
        case .duplicatePart(let path):
            "the zip archive holds \(path) twice"
        case .truncatedData(let path):
            "the compressed data of \(path) is cut short"
        case .invalidCompressedData(let path):
            "the compressed data of \(path) is corrupt"
        case .inflatesBeyondStatedSize(let path, let stated):
            "\(path) inflates to more than the \(stated) bytes the archive states"
        case .sizeMismatch(let path, let stated, let actual):
            "\(path) inflates to \(actual) bytes where the archive states \(stated)"
        case .badChecksum(let path):
            "the checksum (CRC-32) of \(path) does not match its data"
        }
    }

    static func wording(_ limit: XLSXReadError.Limit, _ value: Int, _ found: Int) -> Wording {
        let smaller: Wording = "split the data into smaller workbooks, or raise the reader's limit if the workbook is genuine"
        return switch limit {
        case .fileBytes:
            "the file has \(found) bytes, more than the \(value) the reader accepts; \(smaller)"
        case .parts:
            "the zip archive holds \(found) or more entries, more than the \(value) the reader accepts; \(smaller)"
        case .partBytes:
            "the part inflates to \(found) bytes, more than the \(value) the reader accepts for one part; \(smaller)"
        case .totalBytes:
            "the parts read inflate to \(found) bytes, more than the \(value) the reader accepts in all; \(smaller)"
        case .compressionRatio:
            "the part inflates \(found) times its compressed size, more than the \(value) times of real workbooks "
                + "(a zip bomb looks like this); do not use the file, or raise the reader's limit if it is genuine"
        case .sheets:
            "the workbook has \(found) or more sheets, more than the \(value) the reader accepts; \(smaller)"
        case .cellsPerSheet:
            "the sheet has \(found) or more cells, more than the \(value) the reader accepts in one sheet; \(smaller)"
        case .cells:
            "the workbook has \(found) or more cells, more than the \(value) the reader accepts; \(smaller)"
        case .sharedStrings:
            "the workbook has \(found) or more shared strings, more than the \(value) the reader accepts; \(smaller)"
        case .cellStyles:
            "the workbook defines \(found) or more cell or number formats, more than the \(value) Excel allows; \(repair)"
        case .relationships:
            "the part has \(found) or more relationships, more than the \(value) the reader accepts; \(smaller)"
        case .sharedFormulaBytes:
            "the shared formulas of the workbook spell out to \(found) or more bytes of text, more than the \(value) the reader "
                + "accepts; \(smaller)"
        case .textLength:
            "a text has \(found) characters, more than the \(value) a cell can hold; shorten it"
        case .formulaLength:
            "a formula has \(found) characters, more than the \(value) Excel allows; shorten it"
        case .xmlDepth:
            "the XML nests elements \(found) deep, more than the \(value) the reader accepts (Excel nests fewer than 10); "
                + "the file may have been crafted: do not use it"
        case .mergedRanges:
            "the sheet has \(found) or more merged ranges, more than the \(value) the reader accepts; unmerge cells or \(smaller)"
        case .rows:
            "row \(found) is beyond the \(value) rows of a sheet; \(repair)"
        case .columns:
            "column \(found) is beyond the \(value) columns of a sheet (XFD); \(repair)"
        }
    }

    /// libxml2's error codes (xmlParserErrors) the reader meets most, in words.
    static func xmlProblem(_ code: Int) -> Wording {
        switch code {
        case 4: "the document is empty"
        case 5: "content after the end of the document"
        case 9: "a character XML does not allow, or bytes that are not UTF-8"
        case 26: "an undefined entity"
        case 39, 40, 41: "a malformed attribute"
        case 73, 77: "an element that does not end"
        case 76: "an end tag that does not match its start tag"
        case 201, 202, 203: "an undeclared namespace prefix"
        case 0: "the document ends early"
        default: "libxml2 error \(code)"
        }
    }
}
