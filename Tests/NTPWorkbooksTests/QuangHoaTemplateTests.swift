import Foundation
import NTPData
import NTPDomain
import NTPOptimization
import NTPPlanning
import NTPWorkbooks
import Testing
import XLSXSwift

/// The template filled in as Quảng Hòa's department would, from its own plan (the matrix and the capital
/// of `Data/seeds/quang-hoa-2021-2025/`, read here without the product's loaders), imported, and planned:
/// the plan is the one the shipped scenario gives.
@Suite struct QuangHoaTemplateTests {
    /// A CSV file's rows as dictionaries by column (RFC 4180 quotes; the seeds have no line breaks in fields).
    static func csv(_ relative: String) throws -> [[String: String]] {
        let text = try String(contentsOf: Fixture.dataFolder.appendingPathComponent(relative), encoding: .utf8)
        var rows: [[String]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var fields: [String] = [], field = "", quoted = false
            var characters = Array(line).makeIterator()
            while let character = characters.next() {
                if quoted {
                    if character == "\"" { quoted = false } else { field.append(character) }
                } else if character == "\"" {
                    if field.isEmpty { quoted = true } else { field.append(character) }
                } else if character == "," {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
            }
            fields.append(field)
            rows.append(fields)
        }
        let header = rows[0]
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// The cell of `sheet` holding `text`, searched in the workbook value as a user looks for a label.
    static func find(_ sheet: Sheet, _ text: String) throws -> CellAddress {
        try #require(sheet.cells.keys.sorted().first { sheet.cells[$0]?.value == .text(text) }, "no “\(text)” in \(sheet.name)")
    }

    static func index(_ book: Workbook, _ name: String) throws -> Int { try #require(book.sheets.firstIndex { $0.name == name }) }

    /// The template, filled in cell by cell.
    static func filledWorkbook() throws -> Workbook {
        let matrix = try csv("seeds/quang-hoa-2021-2025/criteria_status.csv")
        let capital = try csv("seeds/quang-hoa-2021-2025/capital.csv").filter { $0["in_phase_total"] == "yes" }
        var communes: [String] = []
        for row in matrix where !communes.contains(row["commune"]!) { communes.append(row["commune"]!) }
        #expect(communes.count == 16)
        var book = try WorkbookTemplate(
            options: .init(phaseID: "2021-2025", criteriaSetID: "qd318-2021-2025-commune", horizon: 2022...2025, blankRows: communes.count), data: Fixture.data
        ).workbook
        let open = CellStyle(border: true, locked: false)

        let s = try index(book, "Kịch bản")
        for (label, value) in [("Tên kịch bản", "Quảng Hòa 2021-2025 (biểu của huyện)"), ("Mã địa bàn", "cao-bang/quang-hoa")] {
            let at = try find(book.sheets[s], label)
            book.sheets[s].set(at.row, 1, .text(value), open)
        }

        // The matrix: names in column B, then x or the planned year under each criterion's number.
        let b = try index(book, "Biểu tiêu chí")
        let header = try find(book.sheets[b], "Xã").row
        let numbers = Dictionary(uniqueKeysWithValues: (3..<22).map { (book.sheets[b][header + 1, $0]?.value, $0) }.compactMap { value, column -> (String, Int)? in
            if case .text(let code)? = value { (code, column) } else { nil }
        })
        var met: [Int] = Array(repeating: 0, count: communes.count)
        var perColumn: [Int: Int] = [:]
        var plannedPer: [Int: [Int: Int]] = [:]
        for row in matrix {
            let r = communes.firstIndex(of: row["commune"]!)!
            let column = try #require(numbers[row["criterion"]!])
            book.sheets[b].set(header + 2 + r, 1, .text(row["commune"]!), open)
            if row["status"] == "met" {
                book.sheets[b].set(header + 2 + r, column, .text("x"), open)
                met[r] += 1
                perColumn[column, default: 0] += 1
            } else {
                let year = try #require(Int(row["target_year"]!))
                book.sheets[b].set(header + 2 + r, column, .number(Double(year)), open)
                plannedPer[year, default: [:]][column, default: 0] += 1
            }
        }
        // What Excel stores when it recalculates the formulas on saving: the counts of the filled cells.
        func recalc(_ row: Int, _ column: Int, _ value: Double) {
            guard case .formula(let formula, _)? = book.sheets[b][row, column]?.value else { return }
            book.sheets[b].set(row, column, .formula(formula, cached: value), book.sheets[b][row, column]!.style)
        }
        for r in communes.indices { recalc(header + 2 + r, 2, Double(met[r])) }
        let totals = header + 2 + communes.count
        recalc(totals, 2, Double(met.reduce(0, +)))
        for column in 3..<22 { recalc(totals, column, Double(perColumn[column] ?? 0)) }
        for (offset, year) in (2022...2025).enumerated() {
            recalc(totals + 1 + offset, 2, Double(plannedPer[year]?.values.reduce(0, +) ?? 0))
            for column in 3..<22 { recalc(totals + 1 + offset, column, Double(plannedPer[year]?[column] ?? 0)) }
        }
        recalc(totals + 5, 2, Double(met.reduce(0, +)) / Double(communes.count))

        // The capital as the plan writes it: the source picked by its name, the amount as written (70.285, 484,0).
        let v = try index(book, "Vốn")
        let capitalHeader = try find(book.sheets[v], "Nguồn vốn").row
        for (index, line) in capital.enumerated() {
            let row = capitalHeader + 1 + index
            let source = try #require(Fixture.data.catalogs.source(line["source"]!))
            let year = Int(line["year"]!)
            book.sheets[v].set(row, 1, .text(line["program"]!), open)
            book.sheets[v].set(row, 2, .text(source.nameVi), open)
            book.sheets[v].set(row, 4, .number(Double(year ?? 2021)), open)
            book.sheets[v].set(row, 5, .number(Double(year ?? 2025)), open)
            book.sheets[v].set(row, 6, .text(line["amount_as_written"]!), open)
            book.sheets[v].set(row, 8, .text(line["provenance"]!), open)
        }
        let total = try find(book.sheets[v], "Tổng cộng")
        if case .formula(let formula, _)? = book.sheets[v][total.row, 6]?.value {
            let sum = capital.reduce(Decimal(0)) { $0 + (Decimal(string: $1["amount"]!, locale: Locale(identifier: "en_US_POSIX")) ?? 0) }
            book.sheets[v].set(total.row, 6, .formula(formula, cached: Double(sum.description)!), book.sheets[v][total.row, 6]!.style)
        }
        return book
    }

    static func plan(_ path: String) throws -> (criteriaYears: Double?, completion: [String: Int]) {
        let loaded = try LoadedScenario(path, data: Fixture.dataFolder.path)
        let settings = try PlanSettings(loaded)
        let setup = try PlanSetup(settings, loaded: loaded)
        let result = try AllocationModel(setup.instance).solve(options: settings.solverOptions(), method: settings.method)
        return (result.objectiveValue, Dictionary(uniqueKeysWithValues: result.completion.map { ("\($0.key.commune)#\($0.key.criterion)", $0.value) }))
    }

    @Test func theFilledTemplatePlansExactlyLikeTheShippedScenario() throws {
        let result = try Fixture.read(try Self.filledWorkbook(), name: "quang-hoa.xlsx")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let scenario = try #require(result.scenario)
        #expect(scenario.communes.count == 16)
        #expect(scenario.communes.reduce(0) { $0 + $1.met.count } == 183)
        #expect(scenario.envelopes.map(\.amount.dong).reduce(0, +) == 461_506_000_000)
        #expect(scenario.envelopes.first { $0.source == "central_recurrent" }?.amount == Money(dong: 484_000_000))
        let folder = try Fixture.temporaryFolder("qh").appendingPathComponent("imported")
        try ScenarioFolder(scenario, workbook: "quang-hoa.xlsx", sheets: result.sheetsRead).write(to: folder, data: Fixture.data)

        let shipped = try Self.plan(Fixture.scenario("quang-hoa-2021-2025.yaml"))
        let imported = try Self.plan(folder.appendingPathComponent("scenario.yaml").path)
        #expect(shipped.criteriaYears != nil)
        #expect(imported.criteriaYears == shipped.criteriaYears)
        #expect(imported.completion == shipped.completion)
        #expect(!imported.completion.isEmpty)
    }
}
