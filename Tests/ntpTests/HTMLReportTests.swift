import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NTPDomain
import Testing
@testable import NTPReports
import NTPPlanning
import NTPText

/// The HTML report (docs/html-report.md): parsed back with Foundation's XML parser, its tables and
/// charts checked against the plan files read here independently.
@Suite struct HTMLReportTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/ntpTests/Fixtures")

    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A copy of a fixture plan whose scenario and data paths are absolute, in a folder of its own (the
    /// plan keeps its file name, which names it in the report).
    static func plan(_ name: String) throws -> String {
        let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        guard var object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              var settings = object["settings"] as? [String: Any],
              let scenario = settings["scenario"] as? String, let data = settings["data"] as? String
        else { throw Problem("\(name): no settings") }
        settings["scenario"] = repository.appendingPathComponent(scenario).path
        settings["data"] = repository.appendingPathComponent(data).path
        object["settings"] = settings
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: url)
        return url.path
    }

    /// The plan file's own records, read with JSONSerialization.
    struct PlanFile {
        let lines: [(source: String, year: Int, dong: Int64)]
        let completions: [(commune: String, criterion: String, year: Int)]
        let years: [Int]

        init(_ path: String) throws {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
            lines = (object["lines"] as! [[String: Any]]).map {
                ($0["source"] as! String, ($0["year"] as! NSNumber).intValue, ($0["amount_dong"] as! NSNumber).int64Value)
            }
            completions = (object["completions"] as! [[String: Any]]).map {
                ($0["commune"] as! String, $0["criterion"] as! String, ($0["year"] as! NSNumber).intValue)
            }
            years = (object["years"] as! [NSNumber]).map(\.intValue)
        }
    }

    static let optimizer = Result { try plan("quang-hoa-optimizer.json") }
    static let official = Result { try plan("quang-hoa-official.json") }
    static let single = Result { ExportReport(plans: try ComparedPlan.loadAll([try optimizer.get()])) }
    static let compared = Result { ExportReport(plans: try ComparedPlan.loadAll([try optimizer.get(), try official.get()])) }

    // MARK: A small DOM from XMLParser

    final class Node {
        let name: String
        let attributes: [String: String]
        var children: [Node] = []
        var text = ""
        weak var parent: Node?

        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }

        /// The text of the node and all its descendants.
        var allText: String { text + children.map(\.allText).joined() }

        func all(_ name: String) -> [Node] { children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) } }

        func element(id: String) -> Node? {
            if attributes["id"] == id { return self }
            for child in children { if let found = child.element(id: id) { return found } }
            return nil
        }

        var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }
    }

    final class TreeBuilder: NSObject, XMLParserDelegate {
        let root = Node(name: "#document", attributes: [:])
        lazy var current = root
        var error: Error?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            let node = Node(name: name, attributes: attributes)
            node.parent = current
            current.children.append(node)
            current = node
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            current = current.parent ?? root
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            current.text += string
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
    }

    /// Parses the report as XML after removing the HTML doctype.
    static func parse(_ html: String) throws -> Node {
        #expect(html.hasPrefix("<!doctype html>\n"))
        let xml = String(html.dropFirst("<!doctype html>".count))
        let parser = XMLParser(data: Data(xml.utf8))
        let builder = TreeBuilder()
        parser.delegate = builder
        guard parser.parse(), builder.error == nil else {
            throw Problem("not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber), column \(parser.columnNumber)")
        }
        return builder.root
    }

    struct TableCells {
        let head: [[String]]
        let body: [[String]]
        let foot: [[String]]
    }

    static func table(_ document: Node, _ id: String) throws -> TableCells {
        guard let table = document.element(id: id), table.name == "table" else { throw Problem("no table \(id)") }
        func rows(_ part: String) -> [[String]] {
            table.children.filter { $0.name == part }.flatMap { $0.children.filter { $0.name == "tr" } }.map { row in
                row.children.filter { $0.name == "td" || $0.name == "th" }.map(\.allText)
            }
        }
        return TableCells(head: rows("thead"), body: rows("tbody"), foot: rows("tfoot"))
    }

    /// A number as the report writes it, in either language.
    static func decimal(_ text: String, _ lang: Language) -> Decimal? {
        let plain = lang == .vi ? text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
            : text.replacingOccurrences(of: ",", with: "")
        return Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX"))
    }

    static func millions(_ dong: Int64) -> Decimal { Decimal(dong) / 1_000_000 }

    // MARK: Tests

    @Test(arguments: Language.allCases) func isOneSelfContainedWellFormedDocument(lang: Language) throws {
        let html = HTMLReport(report: try Self.single.get(), lang: lang).html
        let document = try Self.parse(html)
        let root = try #require(document.children.first)
        #expect(root.name == "html")
        #expect(root.attributes["lang"] == lang.rawValue)
        #expect(html.contains("<meta charset=\"utf-8\"/>"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"))
        for forbidden in ["<script", "http://", "https://", "src=", "url(", "@import", "<link", "<img", "<iframe"] {
            #expect(!html.lowercased().contains(forbidden), "the report contains \(forbidden)")
        }
        #expect(document.all("style").count == 1)
        #expect(html.contains("@media print"))
        #expect(html.contains("overflow-x:auto"))
        #expect(html == html.precomposedStringWithCanonicalMapping)
        // Every table sits in a horizontally scrolling wrapper.
        for table in document.all("table") { #expect(table.parent?.classes.contains("scroll") == true) }
        // The same input gives the same bytes.
        #expect(html == HTMLReport(report: try Self.single.get(), lang: lang).html)
    }

    @Test func containsEveryChartAndTable() throws {
        let document = try Self.parse(HTMLReport(report: try Self.single.get(), lang: .vi).html)
        for id in HTMLReport.chartIDs {
            let figure = try #require(document.element(id: id), "no figure \(id)")
            #expect(figure.name == "figure")
            let svg = try #require(figure.all("svg").first)
            #expect(svg.attributes["role"] == "img")
            #expect(svg.attributes["viewBox"] != nil)
            #expect(svg.attributes["width"] == "100%")
            #expect(svg.children.first?.name == "title" && !(svg.children.first?.allText.isEmpty ?? true))
            #expect(svg.children.dropFirst().first?.name == "desc")
            #expect(!figure.all("figcaption").isEmpty)
            #expect(!svg.all("text").filter { $0.classes.contains("tick") }.isEmpty)
        }
        for id in ["table-facts", "table-years", "table-schedule", "table-funding", "table-funding-lines", "table-envelopes"] {
            #expect(document.element(id: id)?.name == "table", "no table \(id)")
        }
        for id in HTMLReport.comparisonChartIDs + ["table-comparison-years", "table-unfunded"] { #expect(document.element(id: id) == nil) }
    }

    @Test(arguments: Language.allCases) func tablesShowThePlansExactFigures(lang: Language) throws {
        let report = try Self.single.get()
        let file = try Self.PlanFile(try Self.optimizer.get())
        #expect(report.shownDecimals == 0)
        let document = try Self.parse(HTMLReport(report: report, lang: lang).html)
        func number(_ text: String) throws -> Decimal { try #require(Self.decimal(text, lang), "not a number: \(text)") }
        let total = Self.millions(file.lines.reduce(0) { $0 + $1.dong })

        // By year: criteria met counted from the completions, spend summed from the lines.
        let years = try Self.table(document, "table-years")
        #expect(years.body.map { $0[0] } == file.years.map(String.init))
        for row in years.body {
            let year = Int(row[0])!
            #expect(try number(row[1]) == Decimal(file.completions.filter { $0.year == year }.count))
            #expect(try number(row[5]) == Self.millions(file.lines.filter { $0.year == year }.reduce(0) { $0 + $1.dong }))
        }
        #expect(try number(years.foot[0][1]) == Decimal(file.completions.filter { file.years.contains($0.year) }.count))
        #expect(try number(years.foot[0][5]) == total)
        // Criteria met by the end of a year grow by the year's criteria.
        for (previous, row) in zip(years.body, years.body.dropFirst()) {
            #expect(try number(row[2]) - number(previous[2]) == number(row[1]))
        }

        // Summary: spent.
        let facts = try Self.table(document, "table-facts")
        let spent = try #require(facts.body.first { $0[0].hasPrefix(lang == .vi ? "Đã chi" : "Spent") })
        #expect(try number(spent[1]) == total)

        // Funding by source and year: every cell, row and column equals the lines' sums.
        let funding = try Self.table(document, "table-funding")
        let columns = funding.head[0].dropFirst().dropLast().map { Int($0)! }
        let sources = Set(file.lines.map(\.source))
        #expect(funding.body.count == sources.count)
        let names = Dictionary(report.funding.map { ($0.source.name(lang), $0.source.id) }, uniquingKeysWith: { first, _ in first })
        for row in funding.body {
            let source = try #require(names[row[0]])
            for (index, year) in columns.enumerated() {
                #expect(try number(row[index + 1]) == Self.millions(file.lines.filter { $0.source == source && $0.year == year }.reduce(0) { $0 + $1.dong }))
            }
            #expect(try number(row.last!) == Self.millions(file.lines.filter { $0.source == source }.reduce(0) { $0 + $1.dong }))
        }
        #expect(try number(funding.foot[0].last!) == total)

        // The funding lines: one row per line, adding up to the total.
        let lines = try Self.table(document, "table-funding-lines")
        #expect(lines.body.count == file.lines.count)
        #expect(try lines.body.reduce(Decimal(0)) { try $0 + number($1.last!) } == total)
        #expect(try number(lines.foot[0].last!) == total)

        // Envelopes: the used column adds up to the spend.
        let envelopes = try Self.table(document, "table-envelopes")
        #expect(!envelopes.body.isEmpty)
        #expect(try number(envelopes.foot[0][6]) == total)
        for row in envelopes.body + envelopes.foot {
            // Envelope, carried in, used, balance, carried out, lapsed (docs/ledger.md): the balance is
            // envelope + carried in − used, and a positive balance is carried out or lapses.
            let values = try row[4...9].map(number)
            #expect(values[0] + values[1] - values[2] == values[3])
            if row != envelopes.foot[0] { #expect(values[4] + values[5] == max(0, values[3])) }
        }

        // The schedule: one row per commune; the per-year rows count the completions of the year.
        let schedule = try Self.table(document, "table-schedule")
        #expect(schedule.body.count == report.communes.count)
        #expect(schedule.head[0].count == 2 + 19 + 2)
        let plannedCells = schedule.body.flatMap { $0[2..<21] }.filter { Int($0) != nil }
        #expect(plannedCells.count == file.completions.filter { file.years.contains($0.year) }.count)
        for year in file.years {
            let row = try #require(schedule.foot.first { $0[0].contains("\(year)") })
            #expect(try row[2..<21].reduce(Decimal(0)) { try $0 + number($1) } == Decimal(file.completions.filter { $0.year == year }.count))
            #expect(plannedCells.filter { $0 == "\(year)" }.count == file.completions.filter { $0.year == year }.count)
        }
    }

    @Test func spendChartHasOneBarPerSourceAndYearWithSpend() throws {
        let file = try Self.PlanFile(try Self.optimizer.get())
        let document = try Self.parse(HTMLReport(report: try Self.single.get(), lang: .en).html)
        let figure = try #require(document.element(id: "chart-spend"))
        let bars = figure.all("rect").filter { $0.classes.contains("bar") }
        let pairs = Set(file.lines.filter { $0.dong != 0 }.map { "\($0.source) \($0.year)" })
        #expect(bars.count == pairs.count)
        #expect(Set(bars.map { "\($0.attributes["data-series"]!) \($0.attributes["data-category"]!)" }) == pairs)
        // One legend entry per source; the stack totals are the years' spend.
        #expect(figure.all("li").count == Set(file.lines.map(\.source)).count)
        let totals = figure.all("text").filter { $0.classes.contains("value") }.map(\.allText)
        let years = Set(file.lines.map(\.year)).sorted()
        #expect(totals.map { Self.decimal($0, .en) } == years.map { year in Self.millions(file.lines.filter { $0.year == year }.reduce(0) { $0 + $1.dong }) })
        // Heights are proportional to the amounts.
        let perDong = bars.map { bar -> (height: Double, dong: Double) in
            let pair = (bar.attributes["data-series"]!, Int(bar.attributes["data-category"]!)!)
            let dong = file.lines.filter { $0.source == pair.0 && $0.year == pair.1 }.reduce(0) { $0 + $1.dong }
            return (height: Double(bar.attributes["height"]!)!, dong: Double(dong))
        }
        let scale = perDong.map { $0.height / $0.dong }.max()!
        // Heights are written with one decimal.
        #expect(perDong.allSatisfy { abs($0.height - $0.dong * scale) <= 0.1 })

        // Criteria per year: one bar per year with completions, labelled with the count.
        let criteria = try #require(document.element(id: "chart-criteria"))
        let labels = criteria.all("text").filter { $0.classes.contains("value") }.map(\.allText)
        #expect(labels == file.years.map { year in "\(file.completions.filter { $0.year == year }.count)" })
        #expect(try #require(document.element(id: "chart-communes")).all("li").count == 2)
    }

    @Test(arguments: Language.allCases) func comparisonShowsBothPlans(lang: Language) throws {
        let report = try Self.compared.get()
        let html = HTMLReport(report: report, lang: lang).html
        let document = try Self.parse(html)
        for id in HTMLReport.chartIDs + HTMLReport.comparisonChartIDs {
            #expect(document.element(id: id)?.name == "figure", "no figure \(id)")
        }
        let facts = try Self.table(document, "table-comparison-facts")
        #expect(facts.head[0].suffix(2) == ["quang-hoa-optimizer.json", "quang-hoa-official.json"])
        let years = try Self.table(document, "table-comparison-years")
        #expect(years.head[1] == Array(repeating: ["quang-hoa-optimizer.json", "quang-hoa-official.json"], count: 4).flatMap { $0 })
        let a = try Self.PlanFile(try Self.optimizer.get()), b = try Self.PlanFile(try Self.official.get())
        for row in years.body {
            let year = Int(row[0])!
            #expect(row[1] == "\(a.completions.filter { $0.year == year }.count)")
            #expect(row[2] == "\(b.completions.filter { $0.year == year }.count)")
            #expect(Self.decimal(row[7], lang) == Self.millions(a.lines.filter { $0.year == year }.reduce(0) { $0 + $1.dong }))
            #expect(Self.decimal(row[8], lang) == Self.millions(b.lines.filter { $0.year == year }.reduce(0) { $0 + $1.dong }))
        }
        #expect(Self.decimal(years.foot[0][7], lang) == Self.millions(a.lines.reduce(0) { $0 + $1.dong }))
        #expect(Self.decimal(years.foot[0][8], lang) == Self.millions(b.lines.reduce(0) { $0 + $1.dong }))
        let spend = try Self.table(document, "table-comparison-spend")
        #expect(Self.decimal(spend.foot[0][2], lang) == Self.millions(a.lines.reduce(0) { $0 + $1.dong }))
        #expect(Self.decimal(spend.foot[0][3], lang) == Self.millions(b.lines.reduce(0) { $0 + $1.dong }))
        // Grouped bars: each plan has its series in every comparison chart, with a legend naming both.
        for id in HTMLReport.comparisonChartIDs {
            let figure = try #require(document.element(id: id))
            let series = Set(figure.all("rect").compactMap { $0.attributes["data-series"] })
            #expect(series == ["plan-1", "plan-2"])
            #expect(figure.all("li").map(\.allText) == ["quang-hoa-optimizer.json", "quang-hoa-official.json"])
        }
        #expect(document.element(id: "table-comparison-moves") != nil)
    }

    @Test func languagesDiffer() throws {
        let report = try Self.single.get()
        let vi = HTMLReport(report: report, lang: .vi).html, en = HTMLReport(report: report, lang: .en).html
        #expect(vi.contains("Chi theo nguồn vốn và năm"))
        #expect(vi.contains("triệu đồng"))
        #expect(en.contains("Spend by source and year"))
        #expect(en.contains("million VND"))
        #expect(!en.contains("triệu đồng"))
        // The Vietnamese report writes 358.590, the English one 358,590.
        #expect(vi.contains(">358.590<"))
        #expect(en.contains(">358,590<"))
    }

    // MARK: A small hand-built report

    static func named(_ id: String, _ name: String) -> ExportReport.Named { .init(id: id, vi: name, en: name) }

    static func tinyReport(spend: Bool, unfunded: Bool = true) -> ExportReport {
        let commune = named("x/<&>", "Xã <A & B> \"Quote\" 'single'")
        let criterion = named("1", "Quy hoạch")
        let source = named("central<", "Ngân sách <TW>")
        let program = named("NTM", "NTM")
        let amount = Money(dong: spend ? 1_234_567 : 0)
        let facts = ExportReport.Facts(
            name: "plan<&>.json", scenarioName: "Kịch bản <1>", scenario: "s&.yaml", method: .official, years: [2024], termination: "feasible",
            objectiveValue: nil, relativeGap: nil, criteriaMissing: 1, criteriaMet: spend ? 1 : 0, criteriaYears: spend ? 1 : 0, communes: 1,
            communesAlreadyAtStandard: 0, communesAtStandardAtEnd: 0, available: Money(dong: 2_000_000), spent: amount,
            unfunded: Money(dong: unfunded ? 500_000 : 0))
        return ExportReport(
            facts: facts, generatedBy: "ntp <test>", criteria: [criterion],
            communes: [.init(commune: commune, metBefore: 0, status: ["1": spend ? .planned(2024) : .notPlanned], standardYear: spend ? 2024 : nil, alreadyAtStandard: false)],
            years: [.init(year: 2024, figures: .init(
                criteriaMet: spend ? 1 : 0, criteriaMetByEnd: spend ? 1 : 0, communesReachingStandard: spend ? 1 : 0,
                communesAtStandard: spend ? 1 : 0, spent: amount, available: Money(dong: 2_000_000), unspent: Money(dong: 2_000_000 - amount.dong)))],
            funding: spend ? [.init(commune: commune, criterion: criterion, program: program, source: source, year: 2024, amount: amount)] : [],
            envelopes: [.init(program: program, source: source, level: "commune", firstYear: 2024, lastYear: 2024, envelope: Money(dong: 2_000_000),
                              carriedIn: .zero, used: amount, carriedOut: .zero, lapsed: .zero, balance: Money(dong: 2_000_000 - amount.dong), integratedFrom: nil, countedElsewhere: false)],
            unfunded: unfunded ? [.init(commune: commune, criterion: criterion, kind: "construction", year: 2024, amount: Money(dong: 500_000))] : [],
            comparison: nil)
    }

    @Test func escapesNamesAndShowsUnfundedMoney() throws {
        var report = Self.tinyReport(spend: true)
        report.exportedOn = try #require(Calendar(identifier: .gregorian).date(from: DateComponents(timeZone: .current, year: 2026, month: 5, day: 12, hour: 12)))
        #expect(report.shownDecimals == 3)
        let html = HTMLReport(report: report, lang: .vi).html
        let document = try Self.parse(html)
        #expect(html.contains("Xã &lt;A &amp; B&gt; &quot;Quote&quot; &#39;single&#39;"))
        #expect(!html.contains("<A & B>"))
        #expect(html.contains("data-series=\"central&lt;\""))
        // The parser gives the names back as they were.
        let schedule = try Self.table(document, "table-schedule")
        #expect(schedule.body[0][0] == "Xã <A & B> \"Quote\" 'single'")
        // Titled by the scenario and dated by the export; the plan file is named under the title.
        #expect(document.all("title").first?.allText == "Kế hoạch phân bổ vốn: Kịch bản <1> (12/05/2026)")
        #expect(document.all("h1").first?.allText == "Kế hoạch phân bổ vốn: Kịch bản <1> (12/05/2026)")
        #expect(html.contains("Kế hoạch: plan&lt;&amp;&gt;.json · Xuất ngày 12/05/2026"))
        let english = HTMLReport(report: report, lang: .en).html
        #expect(english.contains("<title>Allocation plan: Kịch bản &lt;1&gt; (2026-05-12)</title>"))
        // Unfunded money, and amounts with three decimals (1.234.567 đồng = 1,235 triệu).
        let unfunded = try Self.table(document, "table-unfunded")
        #expect(unfunded.body.count == 1)
        #expect(unfunded.body[0].last == "0,500")
        #expect(try Self.table(document, "table-funding").foot[0].last == "1,235")
    }

    @Test func emptyDataDrawsAxesAndSaysSo() throws {
        let report = Self.tinyReport(spend: false, unfunded: false)
        for lang in Language.allCases {
            let html = HTMLReport(report: report, lang: lang).html
            let document = try Self.parse(html)
            let figure = try #require(document.element(id: "chart-spend"))
            #expect(figure.all("rect").isEmpty)
            #expect(html.contains(lang("No spending")))
            #expect(!html.contains("nan\"") && !html.contains("inf\""))
            #expect(document.element(id: "table-unfunded") == nil)
            #expect(document.element(id: "table-funding") == nil)
        }
    }

    @Test func axisStepsAreRound() {
        let zero = SVGChart.axis(highest: 0, integer: true)
        #expect(zero.top == 1 && zero.step == 1 && zero.intervals == 1)
        let criteria = SVGChart.axis(highest: 48, integer: true)
        #expect(criteria.top == 60 && criteria.step == 20 && criteria.intervals == 3)
        let money = SVGChart.axis(highest: 215_270, integer: false)
        #expect(money.top >= 215_270 && money.intervals >= 3 && money.intervals <= 5)
        let small = SVGChart.axis(highest: 3, integer: true)
        #expect(small.step == 1 && small.top == 3)
    }
}
