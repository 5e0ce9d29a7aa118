import Foundation
import NTPData
import NTPDomain
import NTPWorkbooks
import Testing
import XLSXSwift

/// What the workbook suites share: the repository's data, temporary folders, and crafted workbooks.
enum Fixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let dataFolder = repository.appendingPathComponent("Data")
    static let data: DataSet = {
        let (data, diagnostics) = DataSet.load(root: dataFolder)
        precondition(!diagnostics.hasErrors, "the shipped data has errors: \(diagnostics.errors)")
        return data
    }()

    static func scenario(_ name: String) -> String { repository.appendingPathComponent("Scenarios/\(name)").path }

    static func temporaryFolder(_ label: String = "book") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-workbooks-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A value of a crafted sheet: text, a number, or an empty cell.
    enum Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral {
        case text(String), number(Double), empty
        init(stringLiteral value: String) { self = .text(value) }
        init(integerLiteral value: Int) { self = .number(Double(value)) }
        init(floatLiteral value: Double) { self = .number(value) }
        init(nilLiteral: ()) { self = .empty }
    }

    /// A sheet from rows of values, A1 first, with merged ranges.
    static func sheet(_ name: String, _ rows: [[Value]], merges: [CellRange] = []) -> Sheet {
        var sheet = Sheet(name: name)
        for (r, row) in rows.enumerated() {
            for (c, value) in row.enumerated() {
                switch value {
                case .text(let text): sheet.set(r, c, .text(text))
                case .number(let number): sheet.set(r, c, .number(number))
                case .empty: break
                }
            }
        }
        for range in merges { sheet.merge(range) }
        return sheet
    }

    /// The bytes of a workbook of these sheets.
    static func bytes(_ sheets: [Sheet]) throws -> Data {
        var book = Workbook()
        book.sheets = sheets
        let url = try temporaryFolder("crafted").appendingPathComponent("book.xlsx")
        try book.write(to: url)
        return try Data(contentsOf: url)
    }

    static func read(_ sheets: [Sheet], context: ImportContext = ImportContext()) throws -> WorkbookImport {
        WorkbookImport(bytes: try bytes(sheets), name: "book.xlsx", context: context, data: data)
    }

    static func read(_ book: Workbook, name: String = "book.xlsx", context: ImportContext = ImportContext()) throws -> WorkbookImport {
        let url = try temporaryFolder("book").appendingPathComponent(name)
        try book.write(to: url)
        return WorkbookImport(url: url, context: context, data: data)
    }
}
