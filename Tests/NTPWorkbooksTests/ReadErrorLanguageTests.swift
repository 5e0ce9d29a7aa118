import NTPFiles
import NTPTestSupport
import NTPText
import Testing
import XLSXSwift
@testable import NTPWorkbooks

/// The reader's problems, written once in XLSXSwift as English templates, are shown in Vietnamese from
/// the catalogue: every template has its entry and the Vietnamese keeps none of the English words.
@Suite struct ReadErrorLanguageTests {
    typealias Problem = XLSXReadError.Problem

    static let problems: [Problem] = [
        .cannotOpen(reason: "no such file"), .cannotOpen(reason: "it is \(FileKind.folder.wording), not a file"),
        .cannotOpen(reason: FileError.tooLarge(path: "f.xlsx", bytes: 3 << 20, limit: 1 << 20).wording),
        .emptyFile, .legacyExcelWorkbook, .encryptedWorkbook, .otherCompoundFile,
        .textFile(.csv), .textFile(.html), .textFile(.spreadsheetXML2003), .textFile(.xml), .textFile(.plainText),
        .otherDocument(.openDocumentSpreadsheet), .otherDocument(.openDocument), .otherDocument(.wordDocument),
        .otherDocument(.powerPointPresentation), .otherDocument(.binaryWorkbook), .otherDocument(.pdf), .zipWithoutWorkbook,
        .notAWorkbook, .damagedZip(.noEndOfCentralDirectory), .damagedZip(.sizeMismatch(path: "a", stated: 1, actual: 2)),
        .unsupportedZip(.multipleDisks), .missingPart(path: "a", referencedBy: "b"),
        .relationshipOutsidePackage(target: "t"), .undefinedRelationship(id: "r"), .malformedXML(line: 1, column: 2, code: 76),
        .documentTypeDeclaration, .xmlEncoding("e"), .unexpectedRootElement(expected: "a", found: "b"),
        .missingAttribute(element: "a", attribute: "b"), .invalidAttribute(element: "a", attribute: "b", value: "c"),
        .duplicateRelationship(id: "r"), .misplacedElement("c", expectedIn: "row"), .invalidCellReference("x"), .invalidRange("x"),
        .cellOutsideItsRow(rowNumber: 1), .duplicateCell, .invalidNumber("x"),
        .invalidBoolean("x"), .invalidDate("x"), .invalidError("x"), .sharedStringOutOfRange(index: "1", count: 0),
        .styleOutOfRange(index: "1", count: 0), .undefinedSharedFormula(index: "0"), .overlappingMerges(CellRange(0, 0, 1, 1), CellRange(1, 1, 2, 2)),
        .duplicateSheetName("x"), .limitExceeded(.fileBytes, limit: 1, found: 2), .limitExceeded(.xmlDepth, limit: 1, found: 2),
        .limitExceeded(.compressionRatio, limit: 1, found: 2), .noSuchSheet("x", available: []), .noSuchSheet("x", available: ["y"]),
    ]

    /// Words Vietnamese writes as English does: extensions, "web", Excel's menu (File → Info → Protect
    /// Workbook → Encrypt with Password), the program's name and docs/limits.md.
    static let sameInBoth: Set = ["xlsx", "xlsb", "xls", "ods", "docx", "pptx", "zip", "deflate", "libxml", "web", "with", "ntp", "docs", "limits"]

    @Test func everyReadProblemIsShownInTheLanguageAsked() {
        for problem in Self.problems {
            let message = XLSXReadError(file: "f.xlsx", part: "p.xml", problem).message
            #expect(message.text(.en) == "p.xml: " + problem.wording.description)
            let problems = OneLanguage.problems(message, sameInBoth: Self.sameInBoth)
            #expect(problems.isEmpty, "\(problems)")
        }
    }
}
