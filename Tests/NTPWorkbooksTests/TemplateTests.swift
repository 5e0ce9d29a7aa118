import Foundation
import NTPData
import NTPDomain
import NTPPlanning
import NTPText
import NTPWorkbooks
import Testing
import XLSXSwift

/// `ntp template`: the workbook a department fills in, read back through the reader (which shares no
/// code with libxlsxwriter): its sheets, headers, drop-downs and, filled from a scenario, every value.
@Suite struct TemplateTests {
    static func write(_ template: WorkbookTemplate) throws -> XLSXDocument {
        let url = try Fixture.temporaryFolder("template").appendingPathComponent("template.xlsx")
        try template.workbook.write(to: url)
        return try XLSXDocument(contentsOf: url)
    }

    /// The first row holding `text` in `column`, from 0.
    static func row(_ sheet: XLSXDocument.Sheet, _ column: Int, _ text: String) throws -> Int {
        try #require(sheet.rows.first { $0[column]?.text == text }?.index, "no \(text) in column \(column) of \(sheet.name)")
    }

    static let sets: [(phase: String, set: String, count: Int, years: ClosedRange<Int>)] = [
        ("2021-2025", "qd318-2021-2025-commune", 19, 2021...2025),
        ("2026-2035", "qd51-2026-2030-commune", 10, 2026...2030),
    ]

    /// Both criteria sets: one column per criterion with its name and number, a drop-down of x and the
    /// plan's years on every status cell, the capital's drop-downs reading the hidden lists.
    @Test(arguments: sets)
    func aBlankTemplateHasItsSheetsHeadersAndDropDowns(phase: String, set: String, count: Int, years: ClosedRange<Int>) throws {
        let document = try Self.write(try WorkbookTemplate(options: .init(phaseID: phase, criteriaSetID: set, blankRows: 12), data: Fixture.data))
        #expect(document.sheetNames == ["Hướng dẫn", "Kịch bản", "Danh sách xã", "Biểu tiêu chí", "Vốn", "Chi phí riêng", "Danh mục"])
        #expect(try document.sheet(named: "Danh mục").visibility == .hidden)
        let criteria = try #require(Fixture.data.catalogs.criteriaSets[set]).criteria
        #expect(criteria.count == count)

        let status = try document.sheet(named: "Biểu tiêu chí")
        let header = try Self.row(status, 1, "Xã")
        #expect(status[header, 0]?.text == "TT" && status[header, 2]?.text == "KQ đạt số tiêu chí")
        for (offset, criterion) in criteria.enumerated() {
            #expect(status[header, 3 + offset]?.text == criterion.nameVi)
            #expect(status[header + 1, 3 + offset]?.text == criterion.code)
        }
        let block = CellRange(header + 2, 3, header + 13, 2 + count)
        #expect(status.listValidations.contains { $0.ranges == [block] && $0.source == .values(["x"] + years.map(String.init)) })
        // The total rows count over the twelve empty rows: zero, as formulas.
        let total = try Self.row(status, 1, "Tổng cộng")
        #expect(total == header + 14)
        #expect(status[total, 3]?.formula == "COUNTIF(D\(header + 3):D\(header + 14),\"x\")" && status[total, 3]?.number == 0)
        #expect(status[total + 1, 1]?.text == "Hoàn thành năm \(years.lowerBound)")

        let capital = try document.sheet(named: "Vốn")
        let capitalHeader = try Self.row(capital, 2, "Nguồn vốn")
        #expect(capital[capitalHeader, 6]?.text == "Số tiền (triệu đồng)")
        let phaseObject = try #require(Fixture.data.catalogs.phase(phase))
        #expect(capital.listValidations.contains { $0.source == .values(phaseObject.programCodes) })
        let sources = Fixture.data.catalogs.sources
        #expect(capital.listValidations.contains { $0.source == .formula("'Danh mục'!$A$2:$A$\(1 + sources.count)") })
        let lists = try document.sheet(named: "Danh mục")
        #expect((1...sources.count).map { lists[$0, 0]?.text } == sources.map(\.nameVi))

        let scenario = try document.sheet(named: "Kịch bản")
        #expect(scenario[try Self.row(scenario, 0, "Giai đoạn"), 1]?.text == phase)
        #expect(scenario[try Self.row(scenario, 0, "Bộ tiêu chí"), 1]?.text == set)
        #expect(scenario[try Self.row(scenario, 0, "Đơn vị tiền"), 1]?.text == "triệu đồng")
    }

    @Test func anEnglishTemplateSaysTheSameInEnglish() throws {
        let document = try Self.write(try WorkbookTemplate(options: .init(phaseID: "2021-2025", language: .en, blankRows: 3), data: Fixture.data))
        #expect(document.sheetNames == ["Instructions", "Scenario", "Communes", "Criteria status", "Capital", "Cost overrides", "Lists"])
        let status = try document.sheet(named: "Criteria status")
        let header = try Self.row(status, 1, "Commune")
        #expect(status[header, 3]?.text == "Planning")
        let scenario = try document.sheet(named: "Scenario")
        #expect(scenario[try Self.row(scenario, 0, "Money unit"), 1]?.text == "million VND")
    }

    @Test func defaultsAreTheLatestPhaseAndItsCommuneSet() throws {
        let document = try Self.write(try WorkbookTemplate(options: .init(blankRows: 2), data: Fixture.data))
        let scenario = try document.sheet(named: "Kịch bản")
        #expect(scenario[try Self.row(scenario, 0, "Giai đoạn"), 1]?.text == "2026-2035")
        #expect(scenario[try Self.row(scenario, 0, "Bộ tiêu chí"), 1]?.text == "qd51-2026-2030-commune")
        #expect(scenario[try Self.row(scenario, 0, "Năm cuối kế hoạch"), 1]?.number == 2030)
    }

    static let badOptions: [(WorkbookTemplate.Options, String)] = [
        (.init(phaseID: "2016-2020"), "unknown phase “2016-2020”"),
        (.init(phaseID: "2021-2025", criteriaSetID: "qd999"), "unknown criteria set “qd999”"),
        (.init(phaseID: "2021-2025", horizon: 2024...2027), "the years 2024-2027 are not within the phase 2021-2025"),
        (.init(blankRows: 0), "the number of empty rows must be 1 to 10000, not 0"),
        (.init(scopeID: "Cao Bằng/Huyện Mới"), "“Cao Bằng/Huyện Mới” is not an area id"),
    ]

    @Test(arguments: badOptions)
    func badOptionsAreRefused(options: WorkbookTemplate.Options, message: String) {
        #expect { _ = try WorkbookTemplate(options: options, data: Fixture.data) } throws: { "\($0)".contains(message) }
    }

    /// A template filled from the shipped Quảng Hòa scenario holds every status cell, count, total and
    /// envelope of it, and imports back to the same scenario.
    @Test func aTemplateFilledFromAScenarioReadsBackCellByCellAndImportsToIt() throws {
        let path = Fixture.scenario("quang-hoa-2022-2025.yaml")
        let loaded = try LoadedScenario(path, data: Fixture.dataFolder.path)
        let prefill = WorkbookScenario(budget: loaded.budget, costs: loaded.costs, options: loaded.options, data: loaded.dataSet, file: path)
        let template = try WorkbookTemplate(options: .init(), data: Fixture.data, prefill: prefill)
        let document = try Self.write(template)

        let status = try document.sheet(named: "Biểu tiêu chí")
        let header = try Self.row(status, 1, "Xã")
        let codes = loaded.costs.criteriaSet.criteria.map(\.code)
        for (index, commune) in loaded.costs.communes.enumerated() {
            let row = header + 2 + index
            #expect(status[row, 0]?.number == Decimal(index + 1))
            #expect(status[row, 1]?.text == commune.locality.name)
            #expect(status[row, 2]?.number == Decimal(commune.met.count), "\(commune.locality.name)")
            for (offset, code) in codes.enumerated() {
                let cell = status[row, 3 + offset]
                if commune.met.contains(code) {
                    #expect(cell?.text == "x")
                } else if let year = commune.plannedYear[code] {
                    #expect(cell?.number == Decimal(year))
                } else {
                    #expect(cell?.value == nil)
                }
            }
        }
        let last = header + 1 + loaded.costs.communes.count
        #expect(status[last + 1, 1]?.text == "Tổng cộng")
        #expect(status[last + 1, 2]?.number == 183)
        for (offset, code) in codes.enumerated() {
            #expect(status[last + 1, 3 + offset]?.number == Decimal(loaded.costs.communes.filter { $0.met.contains(code) }.count))
        }
        for (index, year) in (2022...2025).enumerated() {
            let planned = loaded.costs.communes.reduce(0) { $0 + $1.plannedYear.values.filter { $0 == year }.count }
            #expect(status[last + 2 + index, 2]?.number == Decimal(planned), "\(year)")
        }
        #expect(status[last + 6, 1]?.text == "TB tiêu chí/xã" && status[last + 6, 2]?.number == Decimal(string: "11.4375"))

        let capital = try document.sheet(named: "Vốn")
        let capitalHeader = try Self.row(capital, 2, "Nguồn vốn")
        for (index, envelope) in loaded.budget.envelopes.enumerated() {
            let row = capitalHeader + 1 + index
            #expect(capital[row, 1]?.text == envelope.program)
            #expect(capital[row, 2]?.text == Fixture.data.catalogs.source(envelope.source)?.nameVi)
            #expect(capital[row, 4]?.number == Decimal(envelope.years.lowerBound) && capital[row, 5]?.number == Decimal(envelope.years.upperBound))
            #expect(capital[row, 6]?.number == envelope.amount.amount(in: .trieu))
        }
        #expect(capital[capitalHeader + loaded.budget.envelopes.count + 6, 6]?.number == 461_506)

        let url = try Fixture.temporaryFolder("prefilled").appendingPathComponent("qh.xlsx")
        try template.workbook.write(to: url)
        let result = WorkbookImport(url: url, data: Fixture.data)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let scenario = try #require(result.scenario)
        #expect(scenario.name == loaded.budget.name && scenario.scopeID == "cao-bang/quang-hoa" && scenario.phaseID == "2021-2025")
        #expect(scenario.horizon == 2022...2025 && scenario.unit == .trieu)
        #expect(scenario.policy.capacity == 3 && scenario.policy.officialTargets == false && scenario.policy.kinds == [.construction, .recurrent])
        #expect(scenario.communes.map(\.locality.id) == loaded.costs.communes.map(\.locality.id))
        for (read, original) in zip(scenario.communes, loaded.costs.communes) {
            #expect(Set(read.met) == Set(original.met))
            let planned = read.status.compactMapValues { if case .planned(let year) = $0.state { year } else { nil } }
            #expect(planned == original.plannedYear)
        }
        #expect(scenario.envelopes.map { [$0.program, $0.source, "\($0.years)", "\($0.amount.dong)"] }
            == loaded.budget.envelopes.map { [$0.program, $0.source, "\($0.years)", "\($0.amount.dong)"] })
        #expect(scenario.envelopes[0].provenance.text == "qh.xlsx:Vốn!G5; 000_5b912bceceed0a91.txt#L112 §IV.(1)")
    }
}
