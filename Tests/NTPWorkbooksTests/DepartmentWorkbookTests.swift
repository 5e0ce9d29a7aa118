import Foundation
import NTPData
import NTPDomain
import NTPPlanning
import NTPWorkbooks
import Testing
import XLSXSwift

/// A department's own workbook, laid out as Quảng Hòa's plan prints it: title rows over the table,
/// merged headers, criteria columns found by their numbers, `x`, `X` and `đạt`, years as numbers and as
/// text, the document's own total and mean rows; its capital by program and source, nested under
/// "Ngân sách trung ương", with the phase's total and 2022's column, amounts as Vietnamese text.
@Suite struct DepartmentWorkbookTests {
    typealias V = Fixture.Value

    /// The matrix of 000_5b912bceceed0a91.txt#L294-L309 in the document's row order.
    static let matrix: [(String, [String])] = [
        ("Đại Sơn", "x x x x x x x x x 2022 2022 x 2022 x 2022 x 2022 x x"),
        ("Quảng Hưng", "x x x x x x x x x 2023 2023 x x x x x 2022 2023 x"),
        ("Phúc Sen", "2022 2022 x x x x x x x 2023 2023 x 2023 x x x 2023 x x"),
        ("Độc Lập", "2022 2023 x x 2024 2023 x x x 2024 x x x x x x x 2024 x"),
        ("Bế Văn Đàn", "2022 x x x x 2023 x x x 2024 2024 x 2023 x x x 2023 x x"),
        ("Mỹ Hưng", "x x x x x 2023 x x 2022 2024 2024 x x x x x x x x"),
        ("Cách Linh", "2022 2023 x x 2023 2023 x x 2023 2024 2024 x x x x x 2022 x x"),
        ("Ngọc Động", "2022 2022 x x 2024 2023 x x x 2024 2024 x x x x x 2022 x x"),
        ("Tự Do", "2022 2022 x x 2025 2025 x 2023 x 2024 2025 x 2025 x x x 2022 2025 x"),
        ("Tiên Thành", "x 2023 x x 2025 2023 x x 2022 2025 2024 x x x x x 2024 2025 x"),
        ("Quốc Toàn", "x 2022 x x 2023 2023 x x 2022 2025 2025 x 2024 x x x 2024 x x"),
        ("Hồng Quang", "x 2023 x x 2025 2025 x 2024 2022 2025 2025 x 2024 x x x 2024 x x"),
        ("Hạnh Phúc", "2022 2023 2022 x 2025 2025 x x 2024 2025 2025 x 2024 x x x 2024 x x"),
        ("Chí Thảo", "x x x x 2024 2024 x 2025 x 2025 2025 2024 2025 x 2023 x 2025 x x"),
        ("Phi Hải", "x 2023 x x 2024 2024 x 2023 2023 2025 2025 2022 x x x x 2025 x x"),
        ("Cai Bộ", "x 2023 2024 x 2023 2024 2022 2022 2023 2025 2025 x 2022 x x x 2025 2025 x"),
    ].map { ($0.0, $0.1.split(separator: " ").map(String.init)) }
    static let stated = [14, 15, 13, 13, 13, 15, 11, 12, 9, 11, 11, 10, 9, 10, 10, 7]
    /// "Tổng cộng" as the document states it, criterion by criterion.
    static let totals = [9, 5, 14, 16, 5, 3, 15, 11, 8, 0, 1, 14, 7, 16, 14, 16, 2, 11, 16]

    /// The status sheet, with a cell of each variant a department writes.
    /// A criterion's number as departments write it over its column: a number, text, or "TC 5".
    static func number(_ code: Int) -> V {
        if code == 5 { return "TC 5" }
        return code % 2 == 0 ? V.text("\(code)") : V.number(Double(code))
    }

    static func status(totalForCriterion5: Int = 5, tb: String = "11.4") -> Sheet {
        let numbers: [V] = [nil, nil, nil] + (1...19).map(number)
        var rows: [[V]] = [
            ["ỦY BAN NHÂN DÂN HUYỆN QUẢNG HÒA"],
            ["BIỂU KẾ HOẠCH DỰ KIẾN THỰC HIỆN TIÊU CHÍ NÔNG THÔN MỚI GIAI ĐOẠN 2022-2025"],
            ["(Kèm theo Kế hoạch số /KH-UBND ngày /10/2022 của UBND huyện Quảng Hòa)"],
            [],
            ["TT", "Xã", "KQ Đạt số tiêu chí", "Các tiêu chí nông thôn mới"],
            // Criterion numbers under the merged heading: numbers, text, "TC 5".
            numbers,
        ]
        for (index, (name, cells)) in matrix.enumerated() {
            var row: [V] = [V.number(Double(index + 1)), V.text(name), V.number(Double(stated[index]))]
            for (offset, cell) in cells.enumerated() {
                let variant = (index + offset) % 5
                if cell == "x" {
                    row.append(variant == 0 ? "X" : variant == 1 ? "đạt" : "x")
                } else {
                    row.append(variant == 2 ? V.text(cell) : variant == 3 ? V.text("Năm \(cell)") : V.number(Double(cell)!))
                }
            }
            rows.append(row)
        }
        var total: [V] = [nil, "Tổng cộng", 183]
        for (index, count) in totals.enumerated() { total.append(V.number(Double(index == 4 ? totalForCriterion5 : count))) }
        rows.append(total)
        rows.append([nil, "TB tiêu chí /xã", V.text(tb)])
        return Fixture.sheet("Biểu 2022-2025", rows, merges: [
            CellRange(1, 0, 1, 21), CellRange(4, 3, 4, 21), CellRange(4, 0, 5, 0), CellRange(4, 1, 5, 1), CellRange(4, 2, 5, 2),
        ])
    }

    /// §IV of the plan as a table by program and source: the phase's total and 2022's figure.
    static func capital(dttsTotal: String = "305.243") -> Sheet {
        Fixture.sheet("Nguồn lực", [
            ["IV. NGUỒN LỰC THỰC HIỆN"],
            ["Đơn vị tính: triệu đồng"],
            ["TT", "Nguồn vốn", "Giai đoạn 2021-2025", "Năm 2022"],
            ["(1)", "Chương trình MTQG xây dựng nông thôn mới, trong đó:", "82.199"],
            [nil, "- Ngân sách trung ương:"],
            [nil, "+ Vốn đầu tư phát triển", 70285],
            [nil, "+ Vốn sự nghiệp", nil, "484,0"],
            [nil, "- Ngân sách địa phương", "11.430"],
            ["(2)", "Chương trình MTQG phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi", V.text(dttsTotal)],
            [nil, "- Ngân sách Trung ương", 293687],
            [nil, "- Ngân sách địa phương", "11.556"],
            ["(3)", "Chương trình MTQG giảm nghèo bền vững", 74064],
            [nil, "Ngân sách Trung ương", 74064],
            [nil, "Tổng cộng", "461.506", 484],
        ])
    }

    static let context = ImportContext(scopeID: "cao-bang/quang-hoa")

    @Test func theDepartmentsOwnWorkbookReadsAsTheShippedScenario() throws {
        let result = try Fixture.read([Self.status(), Self.capital()], context: Self.context)
        // Only what the workbook does not say is reported: the criteria set, read from its 19 columns.
        #expect(result.errors.isEmpty, "\(result.errors.map(\.description))")
        #expect(result.warnings.map(\.description) == [
            "book.xlsx: warning: the criteria set is not stated; read as qd318-2021-2025-commune (19 criteria columns in “Biểu 2022-2025”)",
        ])
        let scenario = try #require(result.scenario)
        #expect(result.sheetsRead.map(\.sheet) == ["Biểu 2022-2025", "Nguồn lực"])
        #expect(scenario.phaseID == "2021-2025" && scenario.unit == .trieu)

        let shipped = try LoadedScenario(Fixture.scenario("quang-hoa-2021-2025.yaml"), data: Fixture.dataFolder.path)
        let byID = Dictionary(uniqueKeysWithValues: shipped.costs.communes.map { ($0.locality.id, $0) })
        #expect(scenario.communes.count == 16)
        for commune in scenario.communes {
            let original = try #require(byID[commune.locality.id], "\(commune.locality.id)")
            #expect(Set(commune.met) == Set(original.met), "\(commune.locality.name)")
            #expect(commune.status.compactMapValues { if case .planned(let year) = $0.state { year } else { nil } } == original.plannedYear, "\(commune.locality.name)")
        }
        // The cell of Đại Sơn's criterion 10 (the first planned one) is its provenance.
        #expect(scenario.communes[0].status["10"]?.provenance.text == "book.xlsx:Biểu 2022-2025!M7")
        // The capital is the shipped scenario's, envelope by envelope.
        #expect(scenario.envelopes.map { "\($0.program) \($0.source) \($0.years) \($0.amount.dong)" }
            == shipped.budget.envelopes.map { "\($0.program) \($0.source) \($0.years) \($0.amount.dong)" })
        #expect(scenario.envelopes[1].provenance.text == "book.xlsx:Nguồn lực!D7")
    }

    /// A stated figure its rows do not give is a warning with both figures; the rows are kept as written.
    @Test func statedTotalsThatDisagreeWithTheirRowsAreWarnings() throws {
        let result = try Fixture.read([Self.status(totalForCriterion5: 6, tb: "11,5"), Self.capital(dttsTotal: "305.234")], context: Self.context)
        #expect(result.scenario != nil)
        let warnings = result.warnings.map(\.description)
        #expect(warnings.contains("book.xlsx:Biểu 2022-2025!H23: warning: communes meeting criterion 5: the workbook states 6; its rows give 5 (cells holding x in H7:H22)"))
        #expect(warnings.contains("book.xlsx:Biểu 2022-2025!C24: warning: criteria met per commune (mean): the workbook states 11.5; its rows give 11.4 (183 / 16 communes)"))
        #expect(warnings.contains("book.xlsx:Nguồn lực!C9: warning: program DTTS: the workbook states 305.234; its rows give 305.243 (rows 10, 11)"))
        #expect(warnings.count == 4)
    }

    /// A commune's count of criteria met that its cells do not give is named with the row's cells.
    @Test func aRowsCountThatDisagreesIsAWarning() throws {
        var sheet = Self.status()
        sheet.set(6, 2, .number(15))
        let result = try Fixture.read([sheet, Self.capital()], context: Self.context)
        #expect(result.warnings.map(\.description).contains(
            "book.xlsx:Biểu 2022-2025!C7: warning: criteria met in “Đại Sơn”: the workbook states 15; the row gives 14 (cells holding x in D7:V7)"))
        #expect(result.warnings.map(\.description).contains(
            "book.xlsx:Biểu 2022-2025!C23: warning: criteria met in all communes: the workbook states 183; its rows give 184 (the sum of C7:C22)"))
    }
}
