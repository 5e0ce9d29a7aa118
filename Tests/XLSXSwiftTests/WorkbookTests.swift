import Foundation
import NTPFiles
import Testing
@testable import XLSXSwift

/// The safe layer over libxlsxwriter: what it writes reads back the same through the module's reader
/// (ZIPFoundation and Foundation's XML parser, no code shared with libxlsxwriter), and every value it
/// would refuse is refused before a file exists.
@Suite struct WorkbookTests {
    func temporaryURL(_ name: String = "book.xlsx") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name)
    }

    /// Files in the folder of `url`, hidden temporaries included.
    func folderContents(_ url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path).sorted()
    }

    @Test func cellsStylesPanesWidthsAndMergesReadBack() throws {
        var sheet = Sheet(name: "Kế hoạch vốn")
        let money = CellStyle(numberFormat: "#,##0.000", border: true)
        sheet.set(0, 0, .text("Biểu kế hoạch: Quảng Hòa"), CellStyle(bold: true, fontSize: 14))
        sheet.merge(CellRange(0, 0, 0, 3))
        sheet.set(1, 0, .text("Xã"), CellStyle(bold: true, wrap: true))
        sheet.set(1, 1, .text("Năm"))
        sheet.set(1, 2, .text("Số tiền"))
        sheet.set(2, 0, .text("Đại Sơn"))
        sheet.set(2, 1, .number(2022), CellStyle(numberFormat: "0"))
        sheet.set(2, 2, .number(1_234.567), money)
        sheet.set(3, 0, .text("Cai Bộ"))
        sheet.set(3, 1, .number(2025), CellStyle(numberFormat: "0"))
        sheet.set(3, 2, .number(0.001), money)
        sheet.set(4, 2, .formula("SUM(C3:C4)", cached: 1_234.568), money)
        sheet.columnWidths = [0: 24, 2: 14.5]
        sheet.frozenRows = 2
        sheet.frozenColumns = 1
        var book = Workbook(title: "Kế hoạch phân bổ vốn")
        book.sheets = [sheet, Sheet(name: "Second")]
        let url = try temporaryURL()
        try book.write(to: url)

        let file = try XLSXDocument(contentsOf: url)
        #expect(file.sheets.map(\.name) == ["Kế hoạch vốn", "Second"])
        #expect(file.properties.title == "Kế hoạch phân bổ vốn")
        let read = try file.sheet(named: "Kế hoạch vốn")
        #expect(read["A1"]?.text == "Biểu kế hoạch: Quảng Hòa")
        #expect(read.merges.map(\.description) == ["A1:D1"])
        #expect(read["A3"]?.text == "Đại Sơn")
        #expect(read["B3"]?.number == 2022)
        #expect(read["B3"]?.numberFormat == "0")
        #expect(read["C3"]?.number == Decimal(string: "1234.567"))
        #expect(read["C3"]?.numberFormat == "#,##0.000")
        #expect(read["C4"]?.number == Decimal(string: "0.001"))
        #expect(read["C5"]?.formula == "SUM(C3:C4)")
        #expect(read["C5"]?.number == Decimal(string: "1234.568"))
        #expect(CellAddress(row: read.frozenRows, column: read.frozenColumns).description == "B3")
        #expect(read.columnWidth(0) != nil && read.columnWidth(2) != nil)
        #expect(abs((read.columnWidth(0) ?? 0) - 24) < 1)
        #expect(try folderContents(url) == ["book.xlsx"])
    }

    @Test func aNumberInAMergedRangeStaysANumber() throws {
        var sheet = Sheet(name: "S")
        sheet.set(0, 0, .number(42), CellStyle(bold: true))
        sheet.merge(CellRange(0, 0, 1, 1))
        var book = Workbook()
        book.sheets = [sheet]
        let url = try temporaryURL()
        try book.write(to: url)
        let read = try XLSXDocument(contentsOf: url).sheet(named: "S")
        #expect(read["A1"]?.number == 42)
        #expect(read.merges.map(\.description) == ["A1:B2"])
    }

    /// A workbook of sheets, each made by a closure.
    static func book(_ sheets: [Sheet]) -> Workbook {
        var book = Workbook()
        book.sheets = sheets
        return book
    }

    static func sheet(_ build: (inout Sheet) -> Void) -> Sheet {
        var sheet = Sheet(name: "S")
        build(&sheet)
        return sheet
    }

    static let badBooks: [(String, Workbook)] = [
        ("a workbook needs at least one sheet", book([])),
        ("sheet \"Tổng hợp: 2022\": a sheet name cannot contain \":\"", book([Sheet(name: "Tổng hợp: 2022")])),
        ("a sheet name has 1 to 31 characters (this has 32)", book([Sheet(name: String(repeating: "x", count: 32))])),
        ("sheet \"plan\": two sheets have this name (Excel ignores case)", book([Sheet(name: "Plan"), Sheet(name: "plan")])),
        ("cell C2: nan is not a number", book([sheet { $0.set(1, 2, .number(.nan)) }])),
        ("cell A1: the formula's value inf is not a number", book([sheet { $0.set(0, 0, .formula("1/0", cached: .infinity)) }])),
        ("row 1048576, column 0: outside the sheet", book([sheet { $0.set(1_048_576, 0, .number(1)) }])),
        ("cell A1: a cell holds at most 32767 characters", book([sheet { $0.set(0, 0, .text(String(repeating: "đ", count: 32_768))) }])),
        ("cell B1: the text contains the control character U+0000", book([sheet { $0.set(0, 1, .text("a\u{0}b")) }])),
        ("cell B1: has a value but lies inside the merged range A1:B1", book([sheet {
            $0.set(0, 0, .text("a")); $0.set(0, 1, .text("b")); $0.merge(CellRange(0, 0, 0, 1))
        }])),
        ("A2:B3: overlaps the merged range A1:B2", book([sheet { $0.merge(CellRange(0, 0, 1, 1)); $0.merge(CellRange(1, 0, 2, 1)) }])),
        ("cell C: column width 300.0 is outside 0-255", book([sheet { $0.columnWidths = [2: 300] }])),
        ("cell A1: an empty formula", book([sheet { $0.set(0, 0, .formula("=", cached: 0)) }])),
    ]

    /// Each bad value is refused with its sheet and cell, and nothing is written: not the file, not a
    /// temporary, and an older file of the same name stays as it was.
    @Test(arguments: badBooks)
    func badValuesAreRefusedAndNothingIsWritten(message: String, book: Workbook) throws {
        let url = try temporaryURL()
        try Data("older file".utf8).write(to: url)
        #expect {
            try book.write(to: url)
        } throws: { error in
            "\(error)".contains(message)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "older file")
        #expect(try folderContents(url) == ["book.xlsx"])
    }

    @Test func columnNamesFollowExcel() {
        #expect(CellAddress.columnName(0) == "A")
        #expect(CellAddress.columnName(25) == "Z")
        #expect(CellAddress.columnName(26) == "AA")
        #expect(CellAddress.columnName(701) == "ZZ")
        #expect(CellAddress.columnName(702) == "AAA")
        #expect(CellAddress.columnName(16_383) == "XFD")
    }

    @Test func aFolderThatCannotBeWrittenLeavesNothing() throws {
        var sheet = Sheet(name: "S")
        sheet.set(0, 0, .number(1))
        var book = Workbook()
        book.sheets = [sheet]
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/book.xlsx")
        #expect(throws: FileError.noFolder(path: url.path, folder: url.deletingLastPathComponent().path)) { try book.write(to: url) }
        #expect(!FileManager.default.fileExists(atPath: url.deletingLastPathComponent().path))
    }
}
