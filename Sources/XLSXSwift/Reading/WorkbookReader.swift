import Foundation
import NTPFiles

/// Reads a workbook package: the main part found from the package relationships, then its shared
/// strings, styles and sheets through the workbook's relationships, and the core properties. Errors
/// name the part and sheet; `XLSXDocument` adds the file.
struct WorkbookReader {
    private var package: OPCPackage
    private let limits: XLSXDocument.Limits

    init(data: Data, limits: XLSXDocument.Limits) throws(XLSXReadError) {
        if data.count > limits.fileBytes {
            throw XLSXReadError(file: "", .limitExceeded(.fileBytes, limit: limits.fileBytes, found: data.count))
        }
        if let problem = FileKind.problem(of: data) { throw XLSXReadError(file: "", problem) }
        package = OPCPackage(zip: try ZIPPackage(data: data, limits: limits))
        self.limits = limits
    }

    mutating func read() throws(XLSXReadError) -> WorkbookContents {
        let packageRelationships = try package.relationships(of: "")
        let workbookPath = try mainPart(packageRelationships)
        let workbook = WorkbookParser(limits: limits)
        try package.parse(workbookPath, with: workbook, root: "workbook")
        let relationships = try package.relationships(of: workbookPath)
        let relationshipsPart = OPCPackage.relationshipsPart(of: workbookPath)

        func part(_ kind: String) throws(XLSXReadError) -> String? {
            guard let relationship = relationships.first(where: { $0.kind == kind }) else { return nil }
            return try internalTarget(relationship, of: relationshipsPart)
        }
        var strings: [String] = []
        if let path = try part("sharedStrings") {
            let parser = SharedStringsParser(limits: limits)
            try package.parse(path, with: parser, root: "sst")
            strings = parser.strings
        }
        var formats: [NumberFormat] = []
        if let path = try part("styles") {
            let parser = StylesParser(limits: limits)
            try package.parse(path, with: parser, root: "styleSheet")
            formats = parser.formats
        }

        var seen: Set<String> = []
        for entry in workbook.sheets where !seen.insert(entry.name.lowercased()).inserted {
            throw XLSXReadError(file: "", part: workbookPath, .duplicateSheetName(entry.name))
        }
        let byID = Dictionary(uniqueKeysWithValues: relationships.map { ($0.id, $0) })
        var sheets: [XLSXDocument.Sheet] = []
        var budgets = (cells: limits.cells, formulaBytes: limits.sharedFormulaBytes)
        for entry in workbook.sheets {
            guard let relationship = byID[entry.relationship] else {
                throw XLSXReadError(file: "", part: workbookPath, sheet: entry.name, .undefinedRelationship(id: entry.relationship))
            }
            let path = try internalTarget(relationship, of: relationshipsPart)
            do {
                let sheet = try readSheet(entry, kind: relationship.kind, path: path, strings: strings, formats: formats,
                                          dateSystem: workbook.dateSystem, budgets: &budgets)
                sheets.append(sheet)
            } catch var error {
                error.sheet = entry.name
                throw error
            }
        }

        var properties = XLSXDocument.Properties()
        if let core = packageRelationships.first(where: { $0.kind == "core-properties" }) {
            let path = try internalTarget(core, of: "_rels/.rels")
            let parser = CorePropertiesParser(limits: limits)
            try package.parse(path, with: parser, root: "coreProperties")
            properties = parser.properties
        }
        return WorkbookContents(sheets: sheets, properties: properties, dateSystem: workbook.dateSystem)
    }

    private mutating func readSheet(_ entry: WorkbookParser.SheetEntry, kind: String, path: String, strings: [String],
                                    formats: [NumberFormat], dateSystem: XLSXDocument.DateSystem,
                                    budgets: inout (cells: Int, formulaBytes: Int)) throws(XLSXReadError) -> XLSXDocument.Sheet {
        let sheetKind: XLSXDocument.SheetKind = switch kind {
        case "worksheet": .worksheet
        case "chartsheet": .chartsheet
        default: .other
        }
        guard sheetKind == .worksheet else {
            return XLSXDocument.Sheet(name: entry.name, visibility: entry.visibility, kind: sheetKind, rows: [], merges: [],
                                      mergeIndex: .empty, columnWidths: [], frozenRows: 0, frozenColumns: 0, listValidations: [])
        }
        let parser = WorksheetParser(limits: limits, strings: strings, formats: formats, dateSystem: dateSystem,
                                     cellBudget: budgets.cells, formulaBudget: budgets.formulaBytes)
        try package.parse(path, with: parser, root: "worksheet")
        do {
            try parser.finish()
        } catch var error {
            error.part = path
            throw error
        }
        budgets.cells -= parser.cellCount
        budgets.formulaBytes -= parser.formulaBytes
        let mergeIndex: MergeIndex
        do {
            mergeIndex = try MergeIndex(parser.merges)
        } catch {
            throw XLSXReadError(file: "", part: path, .overlappingMerges(error.first, error.second))
        }
        return XLSXDocument.Sheet(name: entry.name, visibility: entry.visibility, kind: .worksheet, rows: parser.rows,
                                  merges: parser.merges, mergeIndex: mergeIndex, columnWidths: parser.columnWidths,
                                  frozenRows: parser.frozenRows, frozenColumns: parser.frozenColumns,
                                  listValidations: parser.listValidations)
    }

    /// The part a relationship points to, which must be in the package.
    private func internalTarget(_ relationship: OPCPackage.Relationship, of relationshipsPart: String) throws(XLSXReadError) -> String {
        guard let target = relationship.target else {
            throw XLSXReadError(file: "", part: relationshipsPart, .relationshipOutsidePackage(target: relationship.rawTarget))
        }
        guard package.contains(target) else {
            throw XLSXReadError(file: "", part: relationshipsPart, .missingPart(path: target, referencedBy: relationshipsPart))
        }
        return target
    }

    /// The workbook part, from the package's `officeDocument` relationship (or where Excel puts it);
    /// another kind of package is named for what it is.
    private mutating func mainPart(_ relationships: [OPCPackage.Relationship]) throws(XLSXReadError) -> String {
        func other(_ path: String) -> XLSXReadError.Problem? {
            let lower = path.lowercased()
            if lower.hasSuffix(".bin") { return .otherDocument(.binaryWorkbook) }
            if lower.hasPrefix("word/") { return .otherDocument(.wordDocument) }
            if lower.hasPrefix("ppt/") { return .otherDocument(.powerPointPresentation) }
            return nil
        }
        if let main = relationships.first(where: { $0.kind == "officeDocument" }) {
            let path = try internalTarget(main, of: "_rels/.rels")
            if let problem = other(path) { throw XLSXReadError(file: "", problem) }
            return path
        }
        for path in ["xl/workbook.xml", "xl/workbook.bin", "word/document.xml", "ppt/presentation.xml"] where package.contains(path) {
            if let problem = other(path) { throw XLSXReadError(file: "", problem) }
            return path
        }
        // An OpenDocument file names its type in a small `mimetype` entry.
        if let size = package.statedSize("mimetype"), size <= 256, let data = try package.read("mimetype") {
            let type = String(decoding: data, as: UTF8.self)
            if type.hasPrefix("application/vnd.oasis.opendocument") {
                throw XLSXReadError(file: "", .otherDocument(type.hasSuffix(".spreadsheet") ? .openDocumentSpreadsheet : .openDocument))
            }
        }
        throw XLSXReadError(file: "", .zipWithoutWorkbook)
    }
}

extension XLSXDocument {
    /// The file's bytes, its size checked before it is read.
    static func readFile(_ url: URL, limits: Limits) throws(XLSXReadError) -> Data {
        let path = url.path
        // Only a regular file (a named pipe would block the read, a device never end), within the limit.
        do { return try InputFile.data(at: path, limit: Int64(limits.fileBytes)) } catch {
            switch error {
            case .tooLarge(_, let bytes, _):
                throw XLSXReadError(file: path, .limitExceeded(.fileBytes, limit: limits.fileBytes, found: Int(clamping: bytes)))
            case .missing: throw XLSXReadError(file: path, .cannotOpen(reason: "no such file"))
            case .notAFile(_, let kind): throw XLSXReadError(file: path, .cannotOpen(reason: "it is \(kind.wording), not a file"))
            case .cannotRead(_, let reason): throw XLSXReadError(file: path, .cannotOpen(reason: reason))
            default: throw XLSXReadError(file: path, .cannotOpen(reason: error.wording))
            }
        }
    }
}
