import Foundation
import NTPData
import NTPDomain
import NTPOptimization
import NTPPlanning
import NTPWorkbooks
import Testing
import XLSXSwift

/// Both shapes of locality and both criteria sets, planned from a filled template alone: a district
/// the data does not know (district → commune, QĐ 318's 19 criteria), and a province's communes after
/// the 2025 reorganisation with one commune the data does not have (province → commune, QĐ 51's 10).
@Suite struct LocalityShapeTests {
    static let open = CellStyle(border: true, locked: false)

    /// Fills the labelled fields of the scenario sheet, the communes sheet's rows, the status rows and
    /// the capital rows of a blank template.
    static func fill(
        _ options: WorkbookTemplate.Options, fields: [(String, Fixture.Value)], communes: [[Fixture.Value]], status: [(String, [String])],
        capital: [[Fixture.Value]]
    ) throws -> Workbook {
        var book = try WorkbookTemplate(options: options, data: Fixture.data).workbook
        func put(_ sheet: Int, _ row: Int, _ column: Int, _ value: Fixture.Value) {
            switch value {
            case .text(let text): book.sheets[sheet].set(row, column, .text(text), open)
            case .number(let number): book.sheets[sheet].set(row, column, .number(number), open)
            case .empty: break
            }
        }
        let s = try QuangHoaTemplateTests.index(book, "Kịch bản")
        for (label, value) in fields { put(s, try QuangHoaTemplateTests.find(book.sheets[s], label).row, 1, value) }
        let c = try QuangHoaTemplateTests.index(book, "Danh sách xã")
        let communesHeader = try QuangHoaTemplateTests.find(book.sheets[c], "Mã xã").row
        for (index, row) in communes.enumerated() {
            for (column, value) in row.enumerated() { put(c, communesHeader + 1 + index, 1 + column, value) }
        }
        let b = try QuangHoaTemplateTests.index(book, "Biểu tiêu chí")
        let header = try QuangHoaTemplateTests.find(book.sheets[b], "Xã").row
        for (index, (name, cells)) in status.enumerated() {
            put(b, header + 2 + index, 1, .text(name))
            for (offset, cell) in cells.enumerated() { put(b, header + 2 + index, 3 + offset, Int(cell).map { .number(Double($0)) } ?? (cell.isEmpty ? .empty : .text(cell))) }
        }
        let v = try QuangHoaTemplateTests.index(book, "Vốn")
        let capitalHeader = try QuangHoaTemplateTests.find(book.sheets[v], "Nguồn vốn").row
        for (index, row) in capital.enumerated() {
            for (column, value) in row.enumerated() { put(v, capitalHeader + 1 + index, 1 + column, value) }
        }
        return book
    }

    /// Imports, writes the folder and plans it; the plan's completions by commune.
    static func importAndPlan(_ book: Workbook) throws -> (WorkbookImport, LoadedScenario, [String: Int]) {
        let result = try Fixture.read(book)
        #expect(result.errors.isEmpty, "\(result.errors.map(\.description))")
        let scenario = try #require(result.scenario)
        let folder = try Fixture.temporaryFolder("shape").appendingPathComponent("imported")
        try ScenarioFolder(scenario, workbook: "book.xlsx", sheets: result.sheetsRead).write(to: folder, data: Fixture.data)
        let loaded = try LoadedScenario(folder.appendingPathComponent("scenario.yaml").path, data: Fixture.dataFolder.path)
        let settings = try PlanSettings(loaded)
        let setup = try PlanSetup(settings, loaded: loaded)
        let plan = try AllocationModel(setup.instance).solve(options: settings.solverOptions(), method: settings.method)
        #expect(plan.objectiveValue != nil)
        var met: [String: Int] = [:]
        for (item, _) in plan.completion { met[item.commune, default: 0] += 1 }
        return (result, loaded, met)
    }

    @Test func aDistrictTheDataDoesNotKnowIsPlannedFromItsWorkbook() throws {
        let book = try Self.fill(
            .init(phaseID: "2021-2025", criteriaSetID: "qd318-2021-2025-commune", horizon: 2023...2025, blankRows: 3),
            fields: [("Tên kịch bản", "Huyện Mới 2023-2025"), ("Mã địa bàn", "cao-bang/huyen-moi"), ("Tên địa bàn", "Huyện Mới"),
                     ("Cấp địa bàn", "huyện"), ("Mã tỉnh của địa bàn", "cao-bang"), ("Số tiêu chí tối đa mỗi xã mỗi năm", 3)],
            communes: [
                [nil, "Xã Một", "xã", nil, "có", "không", nil, "III", "Quyết định 1/QĐ-UBND"],
                ["cao-bang/huyen-moi/hai", "Thị trấn Hai", "thị trấn"],
                [nil, "Xã Ba"],
            ],
            status: [
                ("Xã Một", "x x x x 2024 x x x x 2025 x x x x x x 2023 x x".split(separator: " ").map(String.init)),
                ("Thị trấn Hai", (1...19).map { $0 <= 15 ? "x" : "" }),
                ("Xã Ba", (1...19).map { $0 % 4 == 0 ? "" : "x" }),
            ],
            capital: [
                ["NTM", "Ngân sách trung ương - vốn đầu tư phát triển", nil, 2023, 2025, 30000, nil, "QĐ 2/QĐ-UBND"],
                ["NTM", "Ngân sách trung ương - vốn sự nghiệp", nil, 2023, 2025, 8000, nil, "QĐ 2/QĐ-UBND"],
                ["NTM", "Ngân sách địa phương", "huyện", 2023, 2025, 5000, nil, "QĐ 3/QĐ-UBND"],
                ["NTM", "Vốn tín dụng", nil, 2023, 2025, 20000, nil, "NHCSXH"],
                ["NTM", "Cộng đồng dân cư đóng góp", nil, 2023, 2025, 10000, nil, "ước tính"],
            ])
        let (result, loaded, met) = try Self.importAndPlan(book)
        let scenario = try #require(result.scenario)
        #expect(scenario.newLocalities.map(\.id) == ["cao-bang/huyen-moi", "cao-bang/huyen-moi/mot", "cao-bang/huyen-moi/hai", "cao-bang/huyen-moi/ba"])
        let one = try #require(loaded.dataSet.catalogs.localities["cao-bang/huyen-moi/mot"])
        #expect(one.especiallyDifficult == true && one.border == false && one.safeZone == nil && one.ethnicZone == .III && one.parentID == "cao-bang/huyen-moi")
        #expect(one.provenance.text.hasSuffix("!C5; Quyết định 1/QĐ-UBND"))
        #expect(loaded.dataSet.catalogs.localities["cao-bang/huyen-moi"]?.name == "Huyện Mới")
        #expect(loaded.costs.communes.map { $0.missing.count } == [3, 4, 4])
        #expect(loaded.costs.communes[0].plannedYear == ["5": 2024, "10": 2025, "17": 2023])
        #expect(!met.isEmpty)
        #expect(Set(met.keys).isSubset(of: ["cao-bang/huyen-moi/mot", "cao-bang/huyen-moi/hai", "cao-bang/huyen-moi/ba"]))
    }

    @Test func aProvincesCommunesOnTheNewCriteriaArePlannedWithOneTheDataDoesNotHave() throws {
        let book = try Self.fill(
            .init(phaseID: "2026-2035", criteriaSetID: "qd51-2026-2030-commune", horizon: 2026...2030, blankRows: 3),
            fields: [("Tên kịch bản", "Lạng Sơn 2026-2030"), ("Mã địa bàn", "lang-son")],
            communes: [
                ["lang-son/mau-son", "Mẫu Sơn"],
                ["lang-son/na-duong", "Na Dương"],
                [nil, "Xã Thử Nghiệm", "xã", nil, nil, "có", nil, "II", "giả định cho kiểm thử"],
            ],
            status: [
                ("Mẫu Sơn", ["x", "", "", "x", "", "2027", "", "x", "", ""]),
                ("Na Dương", ["x", "x", "", "", "", "", "x", "x", "", "2028"]),
                ("Xã Thử Nghiệm", ["", "", "", "", "", "", "", "", "", ""]),
            ],
            capital: [
                ["NTM-GNBV-DTTS", "Ngân sách trung ương - vốn đầu tư phát triển", "trung ương", 2026, 2030, 150000, nil, "phase-2026-2030.yaml (giả định)"],
                ["NTM-GNBV-DTTS", "Ngân sách trung ương - vốn sự nghiệp", "trung ương", 2026, 2030, 60000, nil, "giả định"],
                ["NTM-GNBV-DTTS", "Ngân sách địa phương", "tỉnh", 2026, 2030, 300000, nil, "giả định"],
                ["NTM-GNBV-DTTS", "Vốn tín dụng", nil, 2026, 2030, 50000, nil, "giả định"],
                ["NTM-GNBV-DTTS", "Cộng đồng dân cư đóng góp", nil, 2026, 2030, 200000, nil, "giả định"],
            ])
        let (result, loaded, met) = try Self.importAndPlan(book)
        let scenario = try #require(result.scenario)
        #expect(scenario.criteriaSetID == "qd51-2026-2030-commune" && scenario.phaseID == "2026-2035")
        #expect(scenario.newLocalities.map(\.id) == ["lang-son/thu-nghiem"])
        #expect(loaded.costs.criteriaSet.criteria.count == 10)
        // A commune that meets and plans nothing stays in the scenario, all ten criteria missing.
        #expect(loaded.costs.communes.map(\.locality.id) == ["lang-son/mau-son", "lang-son/na-duong", "lang-son/thu-nghiem"])
        #expect(loaded.costs.communes.map(\.missing.count) == [7, 6, 10])
        #expect(loaded.costs.communes[2].locality.border == true && loaded.costs.communes[2].locality.parentID == "lang-son")
        #expect(met["lang-son/thu-nghiem", default: 0] > 0)
    }
}
