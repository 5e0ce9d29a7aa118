import Foundation
import Testing
import ZIPFoundation
@testable import XLSXSwift

/// What makes a workbook a form to fill in: drop-down lists and number bounds, filters, protected
/// sheets whose unlocked cells stay editable, hidden sheets of lists. Drop-downs are read back through
/// the module's reader; what the reader does not model (bounds, filters, protection, locking) is read
/// from the package's XML itself.
@Suite struct FormTests {
    func temporaryURL() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-form-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("form.xlsx")
    }

    /// The text of one part of the package.
    func part(_ path: String, of url: URL) throws -> String {
        let archive = try Archive(url: url, accessMode: .read)
        let entry = try #require(archive[path], "no \(path) in the package")
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func dropDownsBoundsFiltersProtectionAndHiddenSheetsAreWritten() throws {
        var form = Sheet(name: "Biểu tiêu chí")
        let open = CellStyle(border: true, locked: false)
        form.set(0, 0, .text("Xã"), CellStyle(bold: true))
        form.set(0, 1, .text("Tiêu chí 1"), CellStyle(bold: true))
        form.set(0, 2, .text("Số tiền"), CellStyle(bold: true))
        form.set(0, 3, .text("Nguồn vốn"), CellStyle(bold: true))
        for row in 1...3 {
            form.set(row, 0, .text("Xã \(row)"))
            form.set(row, 1, .blank, open)
            form.set(row, 2, .blank, open)
            form.set(row, 3, .blank, open)
        }
        form.validate(DataValidation(
            CellRange(1, 1, 3, 1), .list(["x", "2022", "2023"]),
            prompt: .init(title: "Tiêu chí", text: "x: đã đạt; năm: năm dự kiến đạt; để trống: chưa đạt"),
            error: .init(title: "Giá trị không hợp lệ", text: "Ghi x, một năm của kế hoạch, hoặc để trống.")))
        form.validate(DataValidation(CellRange(1, 2, 3, 2), .decimal(0...1e12)))
        form.validate(DataValidation(CellRange(1, 3, 3, 3), .listFrom("'Danh mục'!$A$1:$A$2")))
        form.validate(DataValidation(CellRange(5, 0, 5, 0), .wholeNumber(2021...2025), allowBlank: false))
        form.autoFilter = CellRange(0, 0, 3, 3)
        form.protection = SheetProtection(insertRows: true)
        var lists = Sheet(name: "Danh mục")
        lists.set(0, 0, .text("Ngân sách trung ương"))
        lists.set(1, 0, .text("Ngân sách địa phương"))
        lists.hidden = true
        var book = Workbook()
        book.sheets = [form, lists]
        let url = try temporaryURL()
        try book.write(to: url)

        let read = try XLSXDocument(contentsOf: url)
        let sheet = try read.sheet(named: "Biểu tiêu chí")
        #expect(sheet.listValidations == [
            XLSXDocument.ListValidation(ranges: [CellRange(1, 1, 3, 1)], source: .values(["x", "2022", "2023"])),
            XLSXDocument.ListValidation(ranges: [CellRange(1, 3, 3, 3)], source: .formula("'Danh mục'!$A$1:$A$2")),
        ])
        #expect(try read.sheet(named: "Danh mục").visibility == .hidden)
        #expect(sheet.visibility == .visible)

        let xml = try part("xl/worksheets/sheet1.xml", of: url)
        #expect(xml.contains("<autoFilter ref=\"A1:D4\"/>"))
        // Protected, with column and row formatting and the filter still allowed.
        let protection = try #require(xml.range(of: "<sheetProtection[^>]*/>", options: .regularExpression).map { String(xml[$0]) })
        #expect(protection.contains("sheet=\"1\""))
        #expect(protection.contains("formatColumns=\"0\"") && protection.contains("formatRows=\"0\"") && protection.contains("autoFilter=\"0\""))
        #expect(protection.contains("insertRows=\"0\"") && !protection.contains("deleteRows=\"0\""))
        #expect(!protection.contains("password"))
        #expect(xml.contains("type=\"decimal\"") && xml.contains("sqref=\"C2:C4\""))
        #expect(xml.contains("type=\"whole\"") && xml.contains("<formula1>2021</formula1><formula2>2025</formula2>"))
        #expect(xml.contains("promptTitle=\"Tiêu chí\"") && xml.contains("errorTitle=\"Giá trị không hợp lệ\""))
        // The cells meant for input use a style whose protection is unlocked; the labels keep the default.
        let styles = try part("xl/styles.xml", of: url)
        let formats = styles.components(separatedBy: "<cellXfs")[1].components(separatedBy: "</cellXfs>")[0]
            .components(separatedBy: "<xf ").dropFirst().map { String($0) }
        func styleIndex(_ reference: String) throws -> Int {
            let pattern = "<c r=\"\(reference)\" s=\"([0-9]+)\""
            let match = try #require(xml.range(of: pattern, options: .regularExpression), "no style on \(reference)")
            return Int(xml[match].split(separator: "\"")[3])!
        }
        #expect(formats[try styleIndex("B2")].contains("locked=\"0\""))
        #expect(!formats[try styleIndex("A1")].contains("locked=\"0\""))
    }

    static let badForms: [(String, Workbook)] = [
        ("sheet \"S\": the first sheet is the one Excel opens on; it cannot be hidden", WorkbookTests.book([WorkbookTests.sheet { $0.hidden = true }])),
        ("cell B2:B3: overlaps the data validation of B1:B2", WorkbookTests.book([WorkbookTests.sheet {
            $0.validate(DataValidation(CellRange(0, 1, 1, 1), .list(["x"])))
            $0.validate(DataValidation(CellRange(1, 1, 2, 1), .wholeNumber(1...2)))
        }])),
        ("a drop-down list needs at least one value", WorkbookTests.book([WorkbookTests.sheet { $0.validate(DataValidation(CellRange(0, 0, 0, 0), .list([]))) }])),
        ("the list value \"a,b\" must be non-empty, without commas", WorkbookTests.book([WorkbookTests.sheet {
            $0.validate(DataValidation(CellRange(0, 0, 0, 0), .list(["a,b"])))
        }])),
        ("holds at most 255 characters (this has 290)", WorkbookTests.book([WorkbookTests.sheet {
            $0.validate(DataValidation(CellRange(0, 0, 0, 0), .list((1...50).map { "năm\($0)" })))
        }])),
        ("the prompt's title has at most 32 characters (this has 40)", WorkbookTests.book([WorkbookTests.sheet {
            $0.validate(DataValidation(CellRange(0, 0, 0, 0), .list(["x"]), prompt: .init(title: String(repeating: "t", count: 40), text: "")))
        }])),
        ("cell B1:A1: a range runs from its top left to its bottom right cell", WorkbookTests.book([WorkbookTests.sheet { $0.autoFilter = CellRange(0, 1, 0, 0) }])),
        ("number bounds", WorkbookTests.book([WorkbookTests.sheet { $0.validate(DataValidation(CellRange(0, 0, 0, 0), .decimal(0...Double.infinity))) }])),
        ("row 1048576, column 0: outside the sheet", WorkbookTests.book([WorkbookTests.sheet {
            $0.validate(DataValidation(CellRange(0, 0, 1_048_576, 0), .list(["x"])))
        }])),
    ]

    /// Each rule libxlsxwriter or Excel would refuse or silently cut is refused before a file exists.
    @Test(arguments: badForms)
    func badFormsAreRefusedAndNothingIsWritten(message: String, book: Workbook) throws {
        let url = try temporaryURL()
        #expect {
            try book.write(to: url)
        } throws: { error in
            "\(error)".contains(message)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path).isEmpty)
    }
}
