import Foundation
import NTPData
import NTPDomain
import NTPWorkbooks
import Testing
import XLSXSwift
import ZIPFoundation

/// Every refusal of the import, each from a crafted workbook: the message names the workbook, the
/// sheet and the cell, the value found and what was expected; one run lists every problem; nothing is
/// written while there is one.
@Suite struct ImportRefusalTests {
    typealias V = Fixture.Value

    /// A small valid workbook in the template's sheet names: two Quảng Hòa communes, one envelope.
    struct Book {
        var scenario: [[V]] = [
            ["Tên kịch bản", "Thử"], ["Giai đoạn", "2021-2025"], ["Bộ tiêu chí", "qd318-2021-2025-commune"], ["Mã địa bàn", "cao-bang/quang-hoa"],
            ["Đơn vị tiền", "triệu đồng"], ["Năm đầu kế hoạch", 2022], ["Năm cuối kế hoạch", 2025],
            ["Số tiêu chí tối đa mỗi xã mỗi năm", 3], ["Giữ đúng năm ghi trong biểu tiêu chí", "không"],
            [], ["Xã (để trống: mọi xã)", "Tiêu chí (để trống: đạt chuẩn)", "Năm"],
            ["Phúc Sen", nil, 2024],
        ]
        var status: [[V]] = [
            ["TT", "Xã", "KQ đạt số tiêu chí"] + (1...19).map { V.text("\($0)") },
            [1, "Phúc Sen", 17] + (1...19).map { $0 == 1 ? 2022 : $0 == 2 ? 2023 : "x" },
            [2, "Đại Sơn", 18] + (1...19).map { $0 == 10 ? 2024 : "x" },
        ]
        var capital: [[V]] = [
            ["TT", "Chương trình", "Nguồn vốn", "Cấp ngân sách", "Từ năm", "Đến năm", "Số tiền (triệu đồng)", "Căn cứ"],
            [1, "NTM", "Ngân sách trung ương - vốn đầu tư phát triển", nil, 2022, 2025, 1000, "QĐ 1/QĐ-UBND"],
            [nil, "Tổng cộng", nil, nil, nil, nil, 1000],
        ]
        var communes: [[V]]?
        var overrides: [[V]]?
        /// An exported plan's funding lines.
        var funding: [[V]]?

        var sheets: [Sheet] {
            var sheets = [Fixture.sheet("Kịch bản", scenario), Fixture.sheet("Biểu tiêu chí", status), Fixture.sheet("Vốn", capital)]
            if let communes { sheets.append(Fixture.sheet("Danh sách xã", communes)) }
            if let overrides { sheets.append(Fixture.sheet("Chi phí riêng", overrides)) }
            if let funding { sheets.append(Fixture.sheet("Phân bổ chi tiết", funding)) }
            return sheets
        }
    }

    static let communesHeader: [V] = ["TT", "Mã xã", "Tên xã", "Loại đơn vị", "Mã đơn vị cấp trên", "Đặc biệt khó khăn", "Biên giới", "An toàn khu", "Vùng dân tộc thiểu số", "Căn cứ"]
    static func funding(_ line: [V]) -> [[V]] {
        [["Đơn vị tính: triệu đồng"], ["TT", "Mã xã", "Xã", "Tiêu chí", "Tên tiêu chí", "Chương trình", "Nguồn vốn", "Năm", "Số tiền", "Số tiền (đồng)"], line]
    }
    static let line: [V] = [1, "cao-bang/quang-hoa/phuc-sen", "Phúc Sen", "1", "Quy hoạch", "NTM", "Ngân sách trung ương - vốn đầu tư phát triển", 2022, 120, 120_000_000]
    static func changed(_ line: [V], _ column: Int, _ value: V) -> [V] {
        var line = line
        line[column] = value
        return line
    }
    static let overridesHeader: [V] = ["TT", "Xã", "Tiêu chí", "Chi phí (triệu đồng)", "Xây dựng (%)", "Sự nghiệp (%)", "Tín dụng (%)", "Cộng đồng, doanh nghiệp (%)", "Căn cứ"]

    @Test func theSmallBookImports() throws {
        var book = Book()
        book.funding = Self.funding(Self.line)
        let result = try Fixture.read(book.sheets)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let scenario = try #require(result.scenario)
        #expect(scenario.communes.map(\.locality.id) == ["cao-bang/quang-hoa/phuc-sen", "cao-bang/quang-hoa/dai-son"])
        #expect(scenario.policy.targets.map(\.text) == ["cao-bang/quang-hoa/phuc-sen@2024"])
        #expect(scenario.envelopes.map(\.amount) == [Money(dong: 1_000_000_000)])
        #expect(scenario.lines.map { "\($0.locality) \($0.criterion ?? "") \($0.source) \($0.year) \($0.amount.dong) \($0.provenance?.text ?? "")" }
            == ["cao-bang/quang-hoa/phuc-sen 1 central_investment 2022 120000000 book.xlsx:Phân bổ chi tiết!I3"])
    }

    /// One mutation of the small book, and the diagnostic it must give, in full.
    static let refusals: [(String, @Sendable (inout Book) -> Void, String)] = [
        ("status: a word", { $0.status[1][5] = "có" },
         "book.xlsx:Biểu tiêu chí!F2: error: found “có”; expected x (met), a year 2021-2025 (planned) or an empty cell (not met)"),
        ("status: a year outside the phase", { $0.status[1][3] = 2026 },
         "book.xlsx:Biểu tiêu chí!D2: error: found 2026; a planned year must lie in 2021-2025"),
        ("status: a number that is no year", { $0.status[2][12] = 1.5 },
         "book.xlsx:Biểu tiêu chí!M3: error: found 1.5; expected x (met), a year 2021-2025 (planned) or an empty cell (not met)"),
        ("status: a missing criterion column", { book in book.status = book.status.map { Array($0.prefix(21)) } },
         "book.xlsx:Biểu tiêu chí!B1: error: no column for criterion 19 of the criteria set (found 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18); a column is found by the criterion's number or name in the header"),
        ("status: a criterion twice", { book in book.status = book.status.map { $0 + [$0[3]] } },
         "book.xlsx:Biểu tiêu chí!W1: error: a second column for criterion 1 (the first is column D); keep one"),
        ("status: a commune twice", { $0.status.append([3, "Phúc Sen", 17] + (1...19).map { _ in "x" }) },
         "book.xlsx:Biểu tiêu chí!B4: error: “Phúc Sen” is listed a second time (first on row 2); give each commune one row"),
        ("status: criteria without a commune", { $0.status.append([3, nil, nil, "x"]) },
         "book.xlsx:Biểu tiêu chí!B4: error: this row has criteria but no commune name"),
        ("status: an unknown commune", { $0.status[2][1] = "Xã Không Có" },
         "book.xlsx:Biểu tiêu chí!B3: error: “Xã Không Có” is no commune of cao-bang/quang-hoa in the data; to plan a commune the data does not know, list it on the communes sheet (Danh sách xã) with its name and, if you wish, its id"),
        ("scenario: an unknown criteria set", { $0.scenario[2][1] = "qd999" },
         "book.xlsx:Kịch bản!B3: error: unknown criteria set “qd999”; the sets are qd318-2021-2025-commune, qd318-2021-2025-commune-advanced, qd319-2021-2025-commune-model, qd320-2021-2025-district, qd51-2026-2030-commune"),
        ("scenario: an unknown phase", { $0.scenario[1][1] = "2016-2020" },
         "book.xlsx:Kịch bản!B2: error: unknown phase “2016-2020”; the phases are 2021-2025, 2026-2035"),
        ("scenario: an unknown area without its description", { $0.scenario[3][1] = "cao-bang/khong-co" },
         "book.xlsx:Kịch bản!B4: error: the area “cao-bang/khong-co” is not in the data: give its name (Tên địa bàn)"),
        ("scenario: a commune as the area", { $0.scenario[3][1] = "cao-bang/quang-hoa/phuc-sen" },
         "book.xlsx: error: the area “cao-bang/quang-hoa/phuc-sen” is xã “Phúc Sen”; the area of a scenario is a district or a province"),
        ("scenario: capacity zero", { $0.scenario[7][1] = 0 },
         "book.xlsx:Kịch bản!B8: error: found 0; expected a whole number of at least 1"),
        ("scenario: a yes/no that is neither", { $0.scenario[8][1] = "có lẽ" },
         "book.xlsx:Kịch bản!B9: error: found “có lẽ”; expected có or không (yes or no)"),
        ("scenario: years the wrong way round", { $0.scenario[5][1] = 2025; $0.scenario[6][1] = 2022 },
         "book.xlsx:Kịch bản!B6: error: the years 2025-2022 are not a span within the phase 2021-2025 (2021-2025)"),
        ("scenario: an unknown unit", { $0.scenario[4][1] = "USD" },
         "book.xlsx:Kịch bản!B5: error: found “USD”; expected triệu đồng, tỷ đồng, nghìn đồng or đồng"),
        ("target: an unknown commune", { $0.scenario[11][0] = "Cai Bộ" },
         "book.xlsx:Kịch bản!A12: error: found “Cai Bộ”; expected a commune of the criteria status"),
        ("target: a criterion outside the set", { $0.scenario[11][1] = "20" },
         "book.xlsx:Kịch bản!B12: error: found “20”; expected a criterion of qd318-2021-2025-commune (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19)"),
        ("target: a year outside the phase", { $0.scenario[11][2] = 2030 },
         "book.xlsx:Kịch bản!C12: error: found 2030; expected a year of the phase 2021-2025"),
        ("capital: an unknown source", { $0.capital[1][2] = "Vốn vay ODA" },
         "book.xlsx:Vốn!C2: error: found “Vốn vay ODA”; expected a source of funds of the catalog: "),
        ("capital: an unknown program", { $0.capital[1][1] = "NTM-2030" },
         "book.xlsx:Vốn!B2: error: found “NTM-2030”; expected a program of the phase 2021-2025: NTM, GNBV, DTTS"),
        ("capital: a year outside the phase", { $0.capital[1][5] = 2027 },
         "book.xlsx:Vốn!F2: error: found 2027; expected a year of the phase 2021-2025 (2021-2025)"),
        ("capital: the years the wrong way round", { $0.capital[1][4] = 2025; $0.capital[1][5] = 2022 },
         "book.xlsx:Vốn!F2: error: the last year 2022 is before the first 2025"),
        ("capital: a negative amount", { $0.capital[1][6] = -5 },
         "book.xlsx:Vốn!G2: error: found -5; expected an amount of zero or more"),
        ("capital: an amount that is no number", { $0.capital[1][6] = "một nghìn" },
         "book.xlsx:Vốn!G2: error: found “một nghìn”; expected an amount: a number, or text in Vietnamese notation (70.285 or 484,0)"),
        ("capital: a source without its amount", { $0.capital[1][6] = nil },
         "book.xlsx:Vốn!G2: error: the source “Ngân sách trung ương - vốn đầu tư phát triển” has no amount"),
        ("capital: an amount without its source", { $0.capital[1][2] = nil },
         "book.xlsx:Vốn!C2: error: an amount without its source of funds"),
        ("capital: a fraction of a đồng", { $0.capital[1][6] = 0.0000001 },
         "book.xlsx:Vốn!G2: error: found 0.0000001: 0.0000001 triệu đồng is not a whole number of đồng"),
        ("capital: an unknown level", { $0.capital[1][3] = "thôn" },
         "book.xlsx:Vốn!D2: error: found “thôn”; expected trung ương, tỉnh, huyện or xã (or empty)"),
        ("communes: a flag that is neither", { $0.communes = [Self.communesHeader, [1, nil, "Phúc Sen", "xã", nil, "hơi khó"]] },
         "book.xlsx:Danh sách xã!F2: error: found “hơi khó”; expected có, không or an empty cell (not known)"),
        ("communes: an ethnic zone that is none", { $0.communes = [Self.communesHeader, [1, nil, "Phúc Sen", "xã", nil, nil, nil, nil, "IV"]] },
         "book.xlsx:Danh sách xã!I2: error: found “IV”; expected I, II, III or an empty cell"),
        ("communes: the id of another commune", { book in
            book.status[2][1] = "Xã Mới"
            book.communes = [Self.communesHeader, [1, "cao-bang/quang-hoa/phuc-sen", "Xã Mới"]]
         },
         "book.xlsx:Biểu tiêu chí!B3: error: “Xã Mới” is the commune cao-bang/quang-hoa/phuc-sen, already listed (book.xlsx:Biểu tiêu chí!B2); give each commune one row"),
        ("communes: an id that cannot be one", { book in
            book.status[2][1] = "Xã Mới"
            book.communes = [Self.communesHeader, [1, "Cao Bằng/Xã Mới", "Xã Mới"]]
         },
         "book.xlsx:Danh sách xã!B2: error: “Cao Bằng/Xã Mới” cannot be an id: lower-case ASCII letters, digits and hyphens, parts joined by / (e.g. cao-bang/quang-hoa/xa-moi)"),
        ("communes: a parent outside the area", { book in
            book.status[2][1] = "Xã Mới"
            book.communes = [Self.communesHeader, [1, nil, "Xã Mới", "xã", "lang-son"]]
         },
         "book.xlsx:Danh sách xã!E2: error: the parent “lang-son” is no district or province within cao-bang/quang-hoa"),
        ("overrides: an unknown commune", { $0.overrides = [Self.overridesHeader, [1, "Cai Bộ", "5", 100]] },
         "book.xlsx:Chi phí riêng!B2: error: found “Cai Bộ”; expected a commune of the criteria status"),
        ("overrides: a criterion outside the set", { $0.overrides = [Self.overridesHeader, [1, "Phúc Sen", "20", 100]] },
         "book.xlsx:Chi phí riêng!C2: error: found “20”; expected a criterion of qd318-2021-2025-commune"),
        ("overrides: shares that do not add up", { $0.overrides = [Self.overridesHeader, [1, "Phúc Sen", "5", 100, 50, 40, 0, 0]] },
         "book.xlsx:Chi phí riêng!E2: error: the four shares add up to 90, not 100 (E2:H2)"),
        ("overrides: twice for one criterion", { $0.overrides = [Self.overridesHeader, [1, "Phúc Sen", "5", 100], [2, "Phúc Sen", "5", 120]] },
         "book.xlsx:Chi phí riêng!C3: error: a second override for this commune and criterion (the first is on row 2)"),
        ("overrides: no cost", { $0.overrides = [Self.overridesHeader, [1, "Phúc Sen", "5"]] },
         "book.xlsx:Chi phí riêng!D2: error: an override states the cost"),
        ("funding: a line without its amount", { $0.funding = Self.funding(Self.changed(Self.changed(Self.line, 8, nil), 9, nil)) },
         "book.xlsx:Phân bổ chi tiết!I3: error: a funding line without its amount"),
        ("funding: an unknown commune", { $0.funding = Self.funding(Self.changed(Self.line, 1, "cao-bang/quang-hoa/khong-co")) },
         "book.xlsx:Phân bổ chi tiết!B3: error: found “cao-bang/quang-hoa/khong-co”; expected a commune id of the scenario"),
        ("funding: a year outside the phase", { $0.funding = Self.funding(Self.changed(Self.line, 7, 2030)) },
         "book.xlsx:Phân bổ chi tiết!H3: error: found 2030; expected a year of the phase 2021-2025"),
        ("funding: an unknown source", { $0.funding = Self.funding(Self.changed(Self.line, 6, "Vốn vay ODA")) },
         "book.xlsx:Phân bổ chi tiết!G3: error: found “Vốn vay ODA”; expected a source of funds of the catalog"),
        ("funding: a criterion outside the set", { $0.funding = Self.funding(Self.changed(Self.line, 3, "20")) },
         "book.xlsx:Phân bổ chi tiết!D3: error: found criterion “20”, not of qd318-2021-2025-commune"),
    ]

    @Test(arguments: refusals)
    func eachRefusalNamesItsCell(what: String, change: @Sendable (inout Book) -> Void, message: String) throws {
        var book = Book()
        change(&book)
        let result = try Fixture.read(book.sheets)
        #expect(result.scenario == nil, "\(what)")
        #expect(result.errors.contains { $0.description.hasPrefix(message) }, "\(what): \(result.errors.map(\.description))")
    }

    /// One run lists every problem of the workbook, in every sheet.
    @Test func oneRunListsThemAll() throws {
        var book = Book()
        book.status[1][5] = "có"
        book.status[2][12] = 2031
        book.capital[1][2] = "Vốn vay ODA"
        book.capital[1][6] = "một nghìn"
        book.scenario[7][1] = 0
        let result = try Fixture.read(book.sheets)
        #expect(result.errors.map { "\($0.sheet ?? "")!\($0.cell ?? "")" }.sorted() == ["Biểu tiêu chí!F2", "Biểu tiêu chí!M3", "Kịch bản!B8", "Vốn!C2", "Vốn!G2"])
    }

    /// A formula saved without its value (by a program that does not calculate) cannot be read: the
    /// import says so at the cell rather than take it as empty. libxlsxwriter always stores the value,
    /// so the package is written by hand here.
    @Test func aFormulaWithoutItsValueIsRefused() throws {
        func cell(_ reference: String, _ text: String) -> String { #"<c r="\#(reference)" t="inlineStr"><is><t>\#(text)</t></is></c>"# }
        var header = cell("A1", "TT") + cell("B1", "Xã")
        var values = #"<c r="A2"><v>1</v></c>"# + cell("B2", "Phúc Sen")
        for code in 1...19 {
            let column = CellAddress.columnName(1 + code)
            header += cell("\(column)1", "\(code)")
            values += code == 4 ? #"<c r="\#(column)2"><f>IF(TRUE,"x","")</f></c>"# : cell("\(column)2", "x")
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let package = "http://schemas.openxmlformats.org/package/2006/relationships"
        let parts: [(String, String)] = [
            ("_rels/.rels", #"<Relationships xmlns="\#(package)"><Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets><sheet name="Biểu tiêu chí" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="\#(package)"><Relationship Id="rId1" Type="\#(relationships)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", #"<worksheet xmlns="\#(main)"><sheetData><row r="1">\#(header)</row><row r="2">\#(values)</row></sheetData></worksheet>"#),
        ]
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let bytes = try #require(archive.data)
        let result = WorkbookImport(bytes: bytes, name: "book.xlsx", context: ImportContext(scopeID: "cao-bang/quang-hoa", criteriaSetID: "qd318-2021-2025-commune"), data: Fixture.data)
        #expect(result.scenario == nil)
        #expect(result.errors.map(\.description) == [
            "book.xlsx:Biểu tiêu chí!F2: error: the formula =IF(TRUE,\"x\",\"\") has no stored value; open the file in Excel, let it calculate, and save it again",
        ])
    }

    /// What is not a workbook at all is named as such.
    static let notWorkbooks: [(String, Data, String)] = [
        ("text", Data("TT,Xã\n1,Phúc Sen\n".utf8), "book.xlsx: error: "),
        ("empty", Data(), "book.xlsx: error: the file is empty (0 bytes); get it again"),
        ("zip without a workbook", Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)), "book.xlsx: error: "),
    ]

    @Test(arguments: notWorkbooks)
    func whatIsNoWorkbookIsRefused(what: String, bytes: Data, message: String) {
        let result = WorkbookImport(bytes: bytes, name: "book.xlsx", data: Fixture.data)
        #expect(result.scenario == nil)
        #expect(result.errors.count == 1 && result.errors[0].description.hasPrefix(message), "\(what): \(result.errors.map(\.description))")
    }

    @Test func aWorkbookWithoutAStatusIsRefused() throws {
        let result = try Fixture.read([Fixture.sheet("Ghi chú", [["Không có bảng"]])])
        #expect(result.errors.map(\.description) == [
            "book.xlsx: error: no sheet holds the criteria status: a table with a commune column (Xã) and one column per criterion, found by its number or name; the template's is “Biểu tiêu chí”",
        ])
    }

    /// A value the caller gives must agree with the workbook's.
    @Test func anOptionThatDisagreesWithTheWorkbookIsRefused() throws {
        let result = try Fixture.read(Book().sheets, context: ImportContext(scopeID: "lang-son/loc-binh"))
        #expect(result.errors.map(\.description).contains(
            "book.xlsx:Kịch bản!B4: error: the workbook says “cao-bang/quang-hoa”, --scope says “lang-son/loc-binh”; correct one of them"))
    }

    /// Without a scenario sheet or options, what the workbook cannot tell is asked for.
    @Test func anAreaThatCannotBeInferredIsAskedFor() throws {
        var book = Book()
        book.status[2][1] = "Xã Không Có"
        let result = try Fixture.read([Fixture.sheet("Biểu", book.status)])
        #expect(result.errors.map(\.description) == [
            "book.xlsx:Biểu: error: the area is not stated, and “Xã Không Có” is no commune of the data; give the area on the scenario sheet (Mã địa bàn) or with --scope",
        ])
    }

    // MARK: The folder

    @Test func nothingIsWrittenOverAFolderThatIsNotAnImport() throws {
        let result = try Fixture.read(Book().sheets)
        let scenario = try #require(result.scenario)
        let parent = try Fixture.temporaryFolder("out")
        let folder = parent.appendingPathComponent("scenario")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let files = ScenarioFolder(scenario, workbook: "book.xlsx", sheets: result.sheetsRead)
        #expect { try files.write(to: folder, data: Fixture.data) } throws: {
            "\($0)".contains("exists and is not an earlier import (it has no import.txt); give a new folder")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["scenario"])
    }

    @Test func anEarlierImportIsReplacedWholeAndAnythingElseInItIsKept() throws {
        let result = try Fixture.read(Book().sheets)
        let scenario = try #require(result.scenario)
        let parent = try Fixture.temporaryFolder("out")
        let folder = parent.appendingPathComponent("scenario")
        let files = ScenarioFolder(scenario, workbook: "book.xlsx", sheets: result.sheetsRead)
        try files.write(to: folder, data: Fixture.data)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["import.txt", "scenario.yaml", "status.csv"])
        try files.write(to: folder, data: Fixture.data)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["scenario"])
        // A plan saved into the folder makes it more than an import: it is not replaced.
        try Data("{}".utf8).write(to: folder.appendingPathComponent("plan.json"))
        #expect { try files.write(to: folder, data: Fixture.data) } throws: { "\($0)".contains("holds plan.json, which an import does not write") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["import.txt", "plan.json", "scenario.yaml", "status.csv"])
    }

    /// The written scenario is loaded before it takes the folder's place; here its status names a
    /// commune of another province, which only the loader sees, and nothing is left behind.
    @Test func aScenarioThatDoesNotLoadIsNotWritten() throws {
        var scenario = try #require(try Fixture.read(Book().sheets).scenario)
        scenario.communes[0].locality = try #require(Fixture.data.catalogs.localities["lang-son/loc-binh-2025"])
        let parent = try Fixture.temporaryFolder("out")
        let folder = parent.appendingPathComponent("scenario")
        #expect {
            try ScenarioFolder(scenario, workbook: "book.xlsx", sheets: []).write(to: folder, data: Fixture.data)
        } throws: { error in
            "\(error)".hasPrefix("the scenario written does not load, so nothing was written:\n\(folder.path)/status.csv:2:1: error: locality: unknown commune “lang-son/loc-binh-2025” in cao-bang/quang-hoa")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).isEmpty)
    }
}
