import Foundation
import PropertyBased
import Testing
@testable import XLSXSwift

/// Workbooks written by the module's writer (libxlsxwriter) read back through the reader, which shares
/// no code with it: every kind of cell, styles' number formats, merges, panes, widths, several sheets
/// and the document properties.
@Suite struct ReaderRoundTripTests {
    func temporaryURL() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("book.xlsx")
    }

    func roundTrip(_ book: Workbook) throws -> XLSXDocument {
        let url = try temporaryURL()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try book.write(to: url)
        return try XLSXDocument(contentsOf: url)
    }

    @Test func everyKindOfCellSheetsAndProperties() throws {
        var plan = Sheet(name: "Kế hoạch")
        plan.set(0, 0, .text("Tổng hợp vốn: Quảng Hòa"), CellStyle(bold: true))
        plan.merge(CellRange(0, 0, 0, 3))
        plan.set(1, 0, .text("  Xã có khoảng trắng\tvà\ndòng mới  "))
        plan.set(1, 1, .number(1_234.567), CellStyle(numberFormat: "#,##0.000"))
        plan.set(1, 2, .number(-0.001))
        plan.set(1, 3, .number(45_000), CellStyle(numberFormat: "dd/mm/yyyy"))
        plan.set(2, 1, .formula("B2*2", cached: 2_469.134), CellStyle(numberFormat: "#,##0.000"))
        plan.set(2, 2, .formula("=C2+1", cached: 0.999))
        plan.set(3, 0, .blank, CellStyle(border: true))
        plan.set(4, 5, .number(7))
        plan.set(6, 0, .number(12), CellStyle(bold: true))
        plan.merge(CellRange(6, 0, 8, 1))
        plan.columnWidths = [0: 30, 3: 12]
        plan.frozenRows = 2
        plan.frozenColumns = 1
        var book = Workbook(title: "Kế hoạch phân bổ vốn", author: "Phòng Tài chính - Kế hoạch", comments: "Bản thử")
        book.sheets = [plan, Sheet(name: "Trống"), {
            var other = Sheet(name: "Số liệu")
            other.set(0, 0, .text("x"))
            return other
        }()]
        let document = try roundTrip(book)

        #expect(document.sheetNames == ["Kế hoạch", "Trống", "Số liệu"])
        #expect(document.properties == XLSXDocument.Properties(title: "Kế hoạch phân bổ vốn", author: "Phòng Tài chính - Kế hoạch", comments: "Bản thử"))
        #expect(document.dateSystem == .from1900)
        let sheet = try document.sheet(named: "Kế hoạch")
        #expect(sheet["A1"]?.value == .text("Tổng hợp vốn: Quảng Hòa"))
        #expect(sheet["A2"]?.text == "  Xã có khoảng trắng\tvà\ndòng mới  ")
        #expect(sheet["B2"]?.number == Decimal(string: "1234.567"))
        #expect(sheet["B2"]?.numberFormat == "#,##0.000")
        #expect(sheet["C2"]?.number == Decimal(string: "-0.001"))
        #expect(sheet["D2"]?.date?.description == "2023-03-15")
        #expect(sheet["D2"]?.numberFormat == "dd/mm/yyyy")
        #expect(sheet["B3"]?.formula == "B2*2")
        #expect(sheet["B3"]?.number == Decimal(string: "2469.134"))
        #expect(sheet["C3"]?.formula == "C2+1")
        #expect(sheet["C3"]?.number == Decimal(string: "0.999"))
        #expect(sheet["A4"] == nil)
        #expect(sheet["F5"]?.number == 7)
        #expect(sheet.merges == [CellRange(0, 0, 0, 3), CellRange(6, 0, 8, 1)])
        #expect(sheet.displayedCell(at: CellAddress(row: 8, column: 1))?.number == 12)
        #expect(sheet.displayedCell(at: CellAddress(row: 0, column: 3))?.text == "Tổng hợp vốn: Quảng Hòa")
        #expect(sheet.usedRange == CellRange(0, 0, 6, 5))
        #expect(sheet.frozenRows == 2 && sheet.frozenColumns == 1)
        #expect(abs((sheet.columnWidth(0) ?? 0) - 30) < 1 && abs((sheet.columnWidth(3) ?? 0) - 12) < 1)
        #expect(try document.sheet(named: "Trống").rows.isEmpty)
        #expect(try document.sheet(named: "Số liệu")["A1"]?.text == "x")
    }

    /// Random sheets of numbers (money in millions to the thousand đồng), texts and formulas with their
    /// values read back cell by cell, nothing more and nothing less. libxlsxwriter writes a number's
    /// double with 16 digits (`%.16G`), one more than the 15 a decimal of up to 15 digits needs and
    /// Excel shows, so the number rounded to 15 significant digits is exactly the amount written.
    @Test func randomSheetsReadBackCellByCell() async throws {
        let cells = zip(Gen.int(in: 0...300), Gen.int(in: 0...40), Gen.int(in: 0...3), Gen.int(in: -999_999_999_999...999_999_999_999))
            .array(of: 0...120)
        await propertyCheck(count: 40, input: cells) { specs throws in
            var sheet = Sheet(name: "Ngẫu nhiên")
            var expected: [CellAddress: (kind: Int, value: Int)] = [:]
            for (row, column, kind, value) in specs {
                let amount = Double(value) / 1_000
                switch kind {
                case 0: sheet.set(row, column, .number(amount))
                case 1: sheet.set(row, column, .text("Xã \(value) đạt chuẩn"))
                case 2: sheet.set(row, column, .formula("A1+\(value)", cached: amount))
                default: sheet.set(row, column, .blank, CellStyle(border: true))
                }
                expected[CellAddress(row: row, column: column)] = (kind, value)
            }
            var book = Workbook()
            book.sheets = [sheet]
            let read = try roundTrip(book).sheet(named: "Ngẫu nhiên")
            for (address, (kind, value)) in expected {
                let cell = read[address]
                let amount = Decimal(value) / 1_000
                switch kind {
                case 0:
                    #expect(cell?.formula == nil)
                    #expect(cell.flatMap { Self.number($0)?.decimal(significantDigits: 15) } == amount, "\(address)")
                case 1: #expect(cell?.value == .text("Xã \(value) đạt chuẩn"), "\(address)")
                case 2:
                    #expect(cell?.formula == "A1+\(value)", "\(address)")
                    #expect(cell.flatMap { Self.number($0)?.decimal(significantDigits: 15) } == amount, "\(address)")
                default: #expect(cell == nil, "\(address)")
                }
            }
            #expect(read.cells.count == expected.values.filter { $0.kind != 3 }.count)
        }
    }

    static func number(_ cell: XLSXDocument.Cell) -> XLSXDocument.Number? {
        if case .number(let number) = cell.value { number } else { nil }
    }
}
