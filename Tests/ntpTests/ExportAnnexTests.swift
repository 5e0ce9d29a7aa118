import Foundation
import NTPPlanning
import NTPText
import Testing
import XLSXSwift
import ZIPFoundation
@testable import NTPReports

/// What makes the workbook one a decision can attach: the allocation to each commune by source and
/// year, totals that are formulas over their parts with their values, filters on the long tables, and
/// the exact đồng of every line. Read back through XLSXSwift's reader and, for what it does not model
/// (filters), from the package's XML.
@Suite struct ExportAnnexTests {
    let tests = ExportTests()

    func workbook(_ plan: String, lang: Language = .vi) throws -> (URL, XLSXDocument, ExportReport, ExportTests.RawPlan) {
        let path = ExportTests.fixture(plan)
        let report = try tests.report(path)
        let url = try tests.temporaryFolder().appendingPathComponent("plan.xlsx")
        try XLSXExport(report: report, lang: lang).workbook.write(to: url)
        return (url, try XLSXDocument(contentsOf: url), report, try ExportTests.RawPlan(path))
    }

    /// Each commune's money from each source in each year is the sum of its plan lines; each year's
    /// total, each commune's total and the bottom row follow their parts, as formulas with their values.
    @Test func theAnnexByCommuneAddsUpNumberByNumber() throws {
        let (_, file, report, raw) = try workbook("quang-hoa-optimizer.json")
        let sheet = try file.sheet(named: "Phân bổ theo xã")
        let top = try tests.headerRow(sheet, column: "B", title: "Xã")
        let years = raw.years
        let sources = Array(Set(raw.lines.map(\.source))).sorted()
        let block = sources.count + 1
        let names = Dictionary(report.funding.map { ($0.source.vi, $0.source.id) }, uniquingKeysWith: { a, _ in a })
        let communes = Dictionary(report.communes.map { ($0.commune.vi, $0.commune.id) }, uniquingKeysWith: { a, _ in a })
        let width = 2 + years.count * block + 1
        #expect(sheet.merges.contains(CellRange(top - 1, 1, top, 1)))
        for (y, year) in years.enumerated() {
            #expect(sheet[top - 1, 2 + y * block]?.text == "Năm \(year)")
            #expect(sheet.merges.contains(CellRange(top - 1, 2 + y * block, top - 1, 1 + (y + 1) * block)))
            for s in sources.indices { #expect(names[sheet[top, 2 + y * block + s]?.text ?? ""] == sources[s]) }
        }
        let rows = tests.rows(sheet, after: top + 1, stopAt: "B", "Tổng cộng")
        #expect(rows.count == Set(raw.lines.map(\.commune)).count)
        var grand = Decimal(0)
        var columnTotals = [Decimal](repeating: 0, count: width)
        for row in rows {
            let commune = try #require(communes[row[1]?.text ?? ""])
            var total = Decimal(0)
            for (y, year) in years.enumerated() {
                var yearTotal = Decimal(0)
                for (s, source) in sources.enumerated() {
                    let column = 2 + y * block + s
                    let value = try #require(row[column]?.number)
                    #expect(value == tests.million(raw.lines.filter { $0.commune == commune && $0.year == year && $0.source == source }.reduce(0) { $0 + $1.dong }))
                    yearTotal += value
                    columnTotals[column] += value
                }
                let totalCell = try #require(row[2 + y * block + sources.count])
                #expect(totalCell.number == yearTotal)
                #expect(totalCell.formula == "SUM(\(XLSXSwiftColumn.name(2 + y * block))\(row.number):\(XLSXSwiftColumn.name(1 + y * block + sources.count))\(row.number))")
                columnTotals[2 + y * block + sources.count] += yearTotal
                total += yearTotal
            }
            #expect(row[width - 1]?.number == total)
            #expect(total == tests.million(raw.lines.filter { $0.commune == commune }.reduce(0) { $0 + $1.dong }))
            grand += total
        }
        let bottom = sheet.row(number: top + 1 + rows.count + 1)
        #expect(bottom[1]?.text == "Tổng cộng")
        for column in 2..<(width - 1) {
            #expect(bottom[column]?.number == columnTotals[column], "column \(column)")
            #expect(bottom[column]?.formula == "SUM(\(XLSXSwiftColumn.name(column))\(top + 2):\(XLSXSwiftColumn.name(column))\(top + 1 + rows.count))")
        }
        #expect(bottom[width - 1]?.number == grand)
        #expect(grand == tests.million(raw.lines.reduce(0) { $0 + $1.dong }))
    }

    /// The funding lines carry their exact đồng beside the shown million; the totals are SUM formulas.
    @Test func fundingLinesCarryTheirExactDongAndFormulaTotals() throws {
        let (_, file, _, raw) = try workbook("quang-hoa-greedy.json")
        let funding = try file.sheet(named: "Phân bổ chi tiết")
        let header = try tests.headerRow(funding, column: "J", title: "Số tiền (đồng)")
        let lines = tests.rows(funding, after: header, stopAt: "B", "Tổng cộng")
        #expect(lines.map { "\($0["B"]?.text ?? "")|\($0["D"]?.text ?? "")|\($0["H"]?.number ?? 0)|\($0["J"]?.number ?? -1)" }.sorted()
            == raw.lines.map { "\($0.commune)|\($0.criterion ?? "")|\($0.year)|\($0.dong)" }.sorted())
        let total = funding.row(number: header + lines.count + 1)
        #expect(total["I"]?.formula == "SUM(I\(header + 1):I\(header + lines.count))")
        #expect(total["J"]?.formula == "SUM(J\(header + 1):J\(header + lines.count))")
        #expect(total["J"]?.number == Decimal(raw.lines.reduce(0) { $0 + $1.dong }))

        // The schedule's totals count the cells above them; the summary's year totals add the years.
        let schedule = try file.sheet(named: "Kế hoạch tiêu chí")
        let scheduleHeader = try tests.headerRow(schedule, column: "B", title: "Xã")
        let communes = tests.rows(schedule, after: scheduleHeader + 1, stopAt: "B", "Tổng cộng").count
        let first = scheduleHeader + 2, last = scheduleHeader + 1 + communes
        let totalRow = schedule.row(number: last + 1)
        #expect(totalRow["D"]?.formula == "COUNTIF(D\(first):D\(last),\"x\")")
        #expect(totalRow["D"]?.number == Decimal((first...last).filter { schedule["D\($0)"]?.text == "x" }.count))
        let year = raw.years[0]
        let yearRow = schedule.row(number: last + 2)
        #expect(yearRow["B"]?.text == "Hoàn thành năm \(year)")
        #expect(yearRow["C"]?.number == Decimal(raw.completions.filter { $0.year == year }.count))
        #expect(yearRow["C"]?.formula == "COUNTIF(D\(first):V\(last),\(year))")
        #expect(schedule.row(number: first)["Y"]?.text == "cao-bang/quang-hoa/dai-son")
        let summary = try file.sheet(named: "Tổng hợp")
        let yearHeader = try tests.headerRow(summary, column: "A", title: "Năm")
        let totals = summary.row(number: yearHeader + raw.years.count + 1)
        #expect(totals["B"]?.formula == "SUM(B\(yearHeader + 1):B\(yearHeader + raw.years.count))")
        #expect(totals["B"]?.number == Decimal(raw.completions.count))
        #expect(summary["A7"]?.text == "Giai đoạn" && summary["B7"]?.text == "2021-2025")
        #expect(summary["A8"]?.text == "Mã địa bàn" && summary["B8"]?.text == "cao-bang/quang-hoa")
        #expect(summary["A10"]?.text == "Bộ tiêu chí" && summary["B10"]?.text == "qd318-2021-2025-commune")
    }

    /// The long tables get filter buttons on their header rows.
    @Test func theLongTablesHaveFilters() throws {
        let (url, file, _, _) = try workbook("quang-hoa-official.json")
        let archive = try Archive(url: url, accessMode: .read)
        func xml(_ index: Int) throws -> String {
            let entry = try #require(archive["xl/worksheets/sheet\(index).xml"])
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        let names = file.sheetNames
        let funding = try file.sheet(named: "Phân bổ chi tiết")
        let header = try tests.headerRow(funding, column: "B", title: "Mã xã")
        let lines = tests.rows(funding, after: header, stopAt: "B", "Tổng cộng").count
        #expect(try xml(1 + names.firstIndex(of: "Phân bổ chi tiết")!).contains("<autoFilter ref=\"A\(header):J\(header + lines)\"/>"))
        #expect(try xml(1 + names.firstIndex(of: "Phân bổ theo xã")!).contains("<autoFilter ref="))
        #expect(try !xml(1 + names.firstIndex(of: "Tổng hợp")!).contains("<autoFilter"))
    }
}
