import Foundation
import Testing
import XLSXSwift
@testable import NTPReports
import NTPPlanning
import NTPText

/// `ntp export`: what the workbook, the CSV files and the JSON document say is read back independently
/// (the workbook through XLSXSwift's reader, which shares no code with libxlsxwriter, the plan through
/// JSONSerialization) and compared with the plan file, number by number.
@Suite struct ExportTests {
    static let fixtures = CLITests.repository.appendingPathComponent("Tests/ntpTests/Fixtures")
    static let golden = CLITests.repository.appendingPathComponent("Tests/ntpTests/Golden")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The plan file's lines and completions, read without the product's own types.
    struct RawPlan {
        let lines: [(commune: String, criterion: String?, source: String, year: Int, dong: Int64)]
        let completions: [(commune: String, criterion: String, year: Int)]
        let years: [Int]

        init(_ path: String) throws {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            let lines = try #require(object["lines"] as? [[String: Any]])
            self.lines = lines.map {
                ($0["locality"] as? String ?? "", $0["criterion"] as? String, $0["source"] as? String ?? "", $0["year"] as? Int ?? 0,
                 ($0["amount_dong"] as? NSNumber)?.int64Value ?? -1)
            }
            let completions = try #require(object["completions"] as? [[String: Any]])
            self.completions = completions.map { ($0["commune"] as? String ?? "", $0["criterion"] as? String ?? "", $0["year"] as? Int ?? 0) }
            years = try #require(object["years"] as? [Int])
        }
    }

    func report(_ paths: String...) throws -> ExportReport { ExportReport(plans: try ComparedPlan.loadAll(paths)) }

    func million(_ dong: Int64) -> Decimal { Decimal(dong) / 1_000_000 }

    /// Data rows of a sheet table: the rows after `headerRow` (1-based) down to, not including, the
    /// row whose column `label` starts with `stop`.
    func rows(_ sheet: XLSXDocument.Sheet, after headerRow: Int, stopAt label: String, _ stop: String) -> [XLSXDocument.Row] {
        var rows: [XLSXDocument.Row] = []
        var number = headerRow + 1
        while number <= sheet.rows.last?.number ?? 0 {
            let row = sheet.row(number: number)
            if row[label]?.text.hasPrefix(stop) == true { break }
            rows.append(row)
            number += 1
        }
        return rows
    }

    func headerRow(_ sheet: XLSXDocument.Sheet, column: String, title: String) throws -> Int {
        try #require((1...(sheet.rows.last?.number ?? 0)).first { sheet["\(column)\($0)"]?.text == title }, "no header \(title) in column \(column)")
    }

    @Test func theWorkbookSaysWhatThePlanSays() throws {
        let path = Self.fixture("quang-hoa-optimizer.json")
        let raw = try RawPlan(path)
        let report = try report(path)
        #expect(report.shownDecimals == 0)
        let url = try temporaryFolder().appendingPathComponent("plan.xlsx")
        try XLSXExport(report: report, lang: .vi).workbook.write(to: url)
        let file = try XLSXDocument(contentsOf: url)
        #expect(file.sheets.map(\.name) == ["Tổng hợp", "Kế hoạch tiêu chí", "Phân bổ chi tiết", "Phân bổ theo xã", "Theo nguồn và năm", "Cân đối nguồn vốn"])

        // Funding: one row per plan line, each amount the line's in million VND, the total their sum.
        let funding = try file.sheet(named: "Phân bổ chi tiết")
        let header = try headerRow(funding, column: "I", title: "Số tiền")
        #expect(CellAddress(row: funding.frozenRows, column: funding.frozenColumns).description == "D\(header + 1)")
        #expect(funding["I\(header)"]?.text == "Số tiền")
        let lines = rows(funding, after: header, stopAt: "B", "Tổng cộng")
        #expect(lines.count == raw.lines.count)
        let expected = raw.lines.map { "\($0.commune)|\($0.criterion ?? "")|\($0.year)|\(million($0.dong))" }.sorted()
        let shown = lines.map { "\($0["B"]?.text ?? "")|\($0["D"]?.text ?? "")|\($0["H"]?.number ?? 0)|\($0["I"]?.number ?? -1)" }.sorted()
        #expect(shown == expected)
        for line in lines { #expect(line["I"]?.numberFormat == "#,##0") }
        let total = try #require(funding.row(number: header + lines.count + 1)["I"]?.number)
        #expect(total == million(raw.lines.reduce(0) { $0 + $1.dong }))

        // By source and year: every cell the plan's lines of that source and year; the margins add up.
        let bySource = try file.sheet(named: "Theo nguồn và năm")
        let yearsHeader = try headerRow(bySource, column: "A", title: "Nguồn vốn")
        let sourceRows = rows(bySource, after: yearsHeader, stopAt: "A", "Cộng")
        let names = Dictionary(report.funding.map { ($0.source.vi, $0.source.id) }, uniquingKeysWith: { a, _ in a })
        var grand = Decimal(0)
        for row in sourceRows {
            let source = try #require(names[row["A"]?.text ?? ""])
            var sum = Decimal(0)
            for (index, year) in raw.years.enumerated() {
                let column = XLSXSwiftColumn.name(1 + index)
                let value = try #require(row[column]?.number)
                #expect(bySource["\(column)\(yearsHeader)"]?.text == String(year))
                #expect(value == million(raw.lines.filter { $0.source == source && $0.year == year }.reduce(0) { $0 + $1.dong }))
                sum += value
            }
            #expect(row[XLSXSwiftColumn.name(1 + raw.years.count)]?.number == sum)
            grand += sum
        }
        #expect(bySource.row(number: yearsHeader + sourceRows.count + 1)[XLSXSwiftColumn.name(1 + raw.years.count)]?.number == grand)

        // The schedule: every year in it is a completion of the plan, and every completion is there.
        let schedule = try file.sheet(named: "Kế hoạch tiêu chí")
        let scheduleHeader = try headerRow(schedule, column: "B", title: "Xã")
        #expect(CellAddress(row: schedule.frozenRows, column: schedule.frozenColumns).description == "C\(scheduleHeader + 2)")
        #expect(schedule["D\(scheduleHeader + 1)"]?.text == "1")
        let communeIDs = Dictionary(report.communes.map { ($0.commune.vi, $0.commune.id) }, uniquingKeysWith: { a, _ in a })
        var years: [String] = []
        for row in rows(schedule, after: scheduleHeader + 1, stopAt: "B", "Tổng cộng") {
            let commune = try #require(communeIDs[row["B"]?.text ?? ""])
            for (index, criterion) in report.criteria.enumerated() {
                if let year = row[XLSXSwiftColumn.name(3 + index)]?.number { years.append("\(commune)|\(criterion.id)|\(year)") }
            }
        }
        #expect(years.sorted() == raw.completions.map { "\($0.commune)|\($0.criterion)|\($0.year)" }.sorted())

        // The summary's year table: criteria met and money allocated per year, and their totals.
        let summary = try file.sheet(named: "Tổng hợp")
        let yearHeader = try headerRow(summary, column: "A", title: "Năm")
        let yearRows = rows(summary, after: yearHeader, stopAt: "A", "Cộng")
        #expect(yearRows.map { $0["A"]?.number } == raw.years.map { Decimal($0) })
        for row in yearRows {
            let year = Int(truncating: (row["A"]?.number ?? 0) as NSNumber)
            #expect(row["B"]?.number == Decimal(raw.completions.filter { $0.year == year }.count))
            #expect(row["F"]?.number == million(raw.lines.filter { $0.year == year }.reduce(0) { $0 + $1.dong }))
        }
        let totals = summary.row(number: yearHeader + yearRows.count + 1)
        #expect(totals["B"]?.number == Decimal(raw.completions.count))
        #expect(totals["F"]?.number == total)

        // Sources and uses: each money column adds up to its total, and the formulas hold on their values.
        let uses = try file.sheet(named: "Cân đối nguồn vốn")
        let usesHeader = try headerRow(uses, column: "I", title: "Đã phân bổ")
        let envelopeRows = rows(uses, after: usesHeader, stopAt: "A", "Tổng cộng")
        let usesTotal = uses.row(number: usesHeader + envelopeRows.count + 1)
        for column in ["F", "G", "H", "I", "J", "K", "L"] {
            #expect(envelopeRows.reduce(Decimal(0)) { $0 + ($1[column]?.number ?? 0) } == usesTotal[column]?.number, "column \(column)")
        }
        #expect(usesTotal["I"]?.number == total)
        for (offset, row) in envelopeRows.enumerated() {
            let number = usesHeader + 1 + offset
            #expect(row["H"]?.formula == "F\(number)+G\(number)")
            #expect(row["H"]?.number == (row["F"]?.number ?? 0) + (row["G"]?.number ?? 0))
            #expect(row["J"]?.number == (row["H"]?.number ?? 0) - (row["I"]?.number ?? 0))
        }
    }

    /// Amounts that are not whole millions are shown to the thousand đồng, rounded by largest remainder:
    /// each part less than a thousand đồng from its exact value, and the parts adding up to the total.
    @Test func oddAmountsAreRoundedSoThatThePartsAddUp() throws {
        let folder = try temporaryFolder()
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.fixture("quang-hoa-optimizer.json")))) as? [String: Any])
        var lines = try #require(object["lines"] as? [[String: Any]])
        // Split the first lines in three odd parts each: the same money, no longer whole millions.
        var split: [[String: Any]] = []
        for line in lines.prefix(6) {
            let amount = (line["amount_dong"] as? NSNumber)?.int64Value ?? 0
            for part in [amount / 3 - 1, amount / 3 + 1, amount - 2 * (amount / 3)] {
                var piece = line
                piece["amount_dong"] = part
                split.append(piece)
            }
        }
        lines = split + lines.dropFirst(6)
        object["lines"] = lines
        let path = folder.appendingPathComponent("odd.json")
        try JSONSerialization.data(withJSONObject: object).write(to: path)
        // The plan keeps its relative scenario path: found from the fixture folder upwards.
        let copied = Self.fixtures.appendingPathComponent(".odd-\(UUID().uuidString).json")
        try FileManager.default.copyItem(at: path, to: copied)
        defer { try? FileManager.default.removeItem(at: copied) }

        let report = try report(copied.path)
        #expect(report.shownDecimals == 3)
        let url = folder.appendingPathComponent("odd.xlsx")
        try XLSXExport(report: report, lang: .en).workbook.write(to: url)
        let file = try XLSXDocument(contentsOf: url)
        let funding = try file.sheet(named: "Funding")
        let header = try headerRow(funding, column: "I", title: "Amount")
        let rows = rows(funding, after: header, stopAt: "B", "Grand total")
        let exact = report.funding.map { million($0.amount.dong) }
        let shown = rows.map { $0["I"]?.number ?? -1 }
        #expect(shown.count == exact.count)
        for (a, b) in zip(shown, exact) { #expect(abs(NSDecimalNumber(decimal: a - b).doubleValue) < 0.001) }
        let total = try #require(funding.row(number: header + rows.count + 1)["I"]?.number)
        #expect(shown.reduce(0, +) == total)
        #expect(rows.first?["I"]?.numberFormat == "#,##0.000")
    }

    /// A baseline whose schedule needs money beyond the envelopes gets a sheet of it, adding up.
    @Test func unfundedMoneyHasItsSheet() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.fixture("quang-hoa-greedy.json")))) as? [String: Any])
        let needs: [(String, String, Int64)] = [("cao-bang/quang-hoa/cai-bo", "5", 1_234_567_891), ("cao-bang/quang-hoa/dai-son", "10", 250_000_000)]
        object["unfunded"] = needs.map { ["commune": $0.0, "criterion": $0.1, "kind": "construction", "year": 2023, "amount_dong": $0.2] as [String: Any] }
        let copied = Self.fixtures.appendingPathComponent(".unfunded-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: object).write(to: copied)
        defer { try? FileManager.default.removeItem(at: copied) }
        let url = try temporaryFolder().appendingPathComponent("unfunded.xlsx")
        try XLSXExport(report: try report(copied.path), lang: .vi).workbook.write(to: url)
        let sheet = try XLSXDocument(contentsOf: url).sheet(named: "Vốn còn thiếu")
        let header = try headerRow(sheet, column: "F", title: "Số tiền")
        let rows = rows(sheet, after: header, stopAt: "A", "Tổng cộng")
        #expect(rows.map { $0["B"]?.text } == ["5", "10"])
        // 1.234,567891 and 250 million shown to the thousand đồng: 1.234,568 and 250,000; total 1.484,568.
        #expect(rows.map { $0["F"]?.number } == [Decimal(string: "1234.568"), 250])
        #expect(sheet.row(number: header + 3)["F"]?.number == Decimal(string: "1484.568"))
    }

    @Test func aComparisonAddsItsSheetInEnglish() throws {
        let report = try report(Self.fixture("quang-hoa-optimizer.json"), Self.fixture("quang-hoa-official.json"))
        let raw = [try RawPlan(Self.fixture("quang-hoa-optimizer.json")), try RawPlan(Self.fixture("quang-hoa-official.json"))]
        let url = try temporaryFolder().appendingPathComponent("compare.xlsx")
        try XLSXExport(report: report, lang: .en).workbook.write(to: url)
        let file = try XLSXDocument(contentsOf: url)
        // The official schedule fits Quảng Hòa's money (it breaks only capacity), so no sheet of unfunded money.
        #expect(file.sheets.map(\.name) == ["Summary", "Criteria schedule", "Funding", "By commune", "By source and year", "Sources and uses", "Comparison"])
        let sheet = try file.sheet(named: "Comparison")
        let header = try headerRow(sheet, column: "A", title: "Year")
        #expect(sheet["B\(header)"]?.text == "Criteria met: quang-hoa-optimizer.json")
        #expect(sheet["C\(header)"]?.text == "Criteria met: quang-hoa-official.json")
        for (offset, year) in raw[0].years.enumerated() {
            let row = sheet.row(number: header + 1 + offset)
            #expect(row["A"]?.number == Decimal(year))
            #expect(row["B"]?.number == Decimal(raw[0].completions.filter { $0.year == year }.count))
            #expect(row["C"]?.number == Decimal(raw[1].completions.filter { $0.year == year }.count))
            #expect(row["D"]?.number == (row["C"]?.number ?? 0) - (row["B"]?.number ?? 0))
            #expect(row["H"]?.number == million(raw[0].lines.filter { $0.year == year }.reduce(0) { $0 + $1.dong }))
            #expect(row["I"]?.number == million(raw[1].lines.filter { $0.year == year }.reduce(0) { $0 + $1.dong }))
        }
    }

    /// The CSV files of the greedy Quảng Hòa plan, byte for byte, each starting with the UTF-8 byte-order
    /// mark Excel needs to read Vietnamese. After a deliberate change of the format, regenerate them with
    /// NTP_UPDATE_GOLDEN=1 swift test --filter ExportTests and review the diff.
    @Test func csvFilesMatchTheGoldenFiles() throws {
        let report = try report(Self.fixture("quang-hoa-greedy.json"))
        let files = try CSVExport(tables: ExportTables(report: report, lang: .vi)).files()
        let folder = Self.golden.appendingPathComponent("quang-hoa-greedy")
        if ProcessInfo.processInfo.environment["NTP_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files { try file.data.write(to: folder.appendingPathComponent(file.name)) }
        }
        let expected = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(files.map(\.name).sorted() == expected)
        for file in files {
            #expect(file.data.prefix(3) == Data([0xEF, 0xBB, 0xBF]), "\(file.name) has no byte-order mark")
            let golden = try Data(contentsOf: folder.appendingPathComponent(file.name))
            #expect(file.data == golden, "\(file.name) differs from the golden file")
        }
    }

    /// JSON and CSV carry the same tables with the same columns, and the money is the plan's to the đồng.
    @Test func jsonHasTheTablesOfTheCSVFiles() throws {
        let path = Self.fixture("quang-hoa-optimizer.json")
        let report = try report(path, Self.fixture("quang-hoa-greedy.json"))
        let tables = ExportTables(report: report, lang: .en)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONExport(tables: tables).data()) as? [String: Any])
        #expect(object["format"] as? String == "ntp-export")
        #expect(object["version"] as? Int == 1)
        for table in tables.tables {
            if table.columns == ["key", "value"] {
                let summary = try #require(object[table.name] as? [String: Any])
                #expect(Set(summary.keys) == Set(table.rows.compactMap { if case .text(let key) = $0[0] { key } else { nil } }))
            } else {
                let rows = try #require(object[table.name] as? [[String: Any]], "\(table.name)")
                #expect(rows.count == table.rows.count)
                for row in rows { #expect(Set(row.keys) == Set(table.columns)) }
            }
        }
        let raw = try RawPlan(path)
        let funding = try #require(object["funding"] as? [[String: Any]])
        #expect(funding.reduce(Int64(0)) { $0 + (($1["amount_dong"] as? NSNumber)?.int64Value ?? 0) } == raw.lines.reduce(0) { $0 + $1.dong })
        let summary = try #require(object["summary"] as? [String: Any])
        #expect((summary["allocated_dong"] as? NSNumber)?.int64Value == raw.lines.reduce(0) { $0 + $1.dong })
        #expect(summary["criteria_met"] as? Int == raw.completions.count)
        let schedule = try #require(object["schedule"] as? [[String: Any]])
        #expect(schedule.filter { $0["status"] as? String == "planned" }.count == raw.completions.count)
        #expect(ExportTables.allNames.filter { object[$0] != nil }.count == tables.tables.count)
    }

    @Test func csvReplacesAnEarlierExportAndRefusesAnyOtherFolder() throws {
        let report = try report(Self.fixture("quang-hoa-greedy.json"))
        let export = CSVExport(tables: ExportTables(report: report, lang: .vi))
        let folder = try temporaryFolder()
        let out = folder.appendingPathComponent("csv")
        try export.write(to: out)
        try export.write(to: out)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["csv"])
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        #expect { try export.write(to: out) } throws: { "\($0)".contains("holds notes.txt, which is not a file of an earlier CSV export") }
        #expect(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["csv"])
    }
}

extension ExportTests {
    @Test func theCommandWritesEachFormatAndRefusesWhatItCannotWrite() throws {
        let cli = CLITests()
        let folder = try temporaryFolder()
        let plan = "Tests/ntpTests/Fixtures/quang-hoa-greedy.json"
        for (format, name) in [("xlsx", "plan.xlsx"), ("csv", "csv"), ("json", "plan.json"), ("html", "plan.html")] {
            let run = try cli.ntp("export", plan, "--format", format, "--out", folder.appendingPathComponent(name).path, "--lang", "en")
            #expect(run.status == 0, "\(format): \(run.standardError)")
            #expect(run.standardOutput.contains("Wrote"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["csv", "plan.html", "plan.json", "plan.xlsx"])

        let missing = try cli.ntp("export", "no-such-plan.json", "--format", "xlsx", "--out", folder.appendingPathComponent("x.xlsx").path, "--lang", "en")
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("no-such-plan.json: no such file"))
        let noFolder = try cli.ntp("export", plan, "--format", "xlsx", "--out", "/no-such-folder-\(UUID().uuidString)/plan.xlsx", "--lang", "en")
        #expect(noFolder.status != 0)
        #expect(noFolder.standardError.contains("does not exist"))
        let notAPlan = try cli.ntp("export", "Scenarios/quang-hoa-2022-2025.yaml", "--format", "json", "--out", folder.appendingPathComponent("y.json").path, "--lang", "en")
        #expect(notAPlan.status != 0)
        #expect(notAPlan.standardError.contains("not an ntp plan file"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["csv", "plan.html", "plan.json", "plan.xlsx"])

        let noData = try cli.ntp("show", "Quảng Hòa", "--data", "no-such-data-\(UUID().uuidString)", "--lang", "en")
        #expect(noData.status != 0)
        #expect(noData.standardError.contains("no such data folder"))

        let help = try cli.ntp("export", "--help").standardOutput
        for word in ["--format", "--out", "--compare", "--lang", "xlsx", "csv", "json", "html"] { #expect(help.contains(word), "\(word)") }
    }
}

/// Column letters, computed here rather than taken from the writer.
enum XLSXSwiftColumn {
    static func name(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return index < 26 ? String(letters[index]) : String(letters[index / 26 - 1]) + String(letters[index % 26])
    }
}
