import Foundation
import NTPPlanning
import NTPText
import NTPDomain

/// The HTML report of a plan (docs/html-report.md): one self-contained HTML5 file, with no script and
/// no reference to anything outside it, readable on a phone and printable. The markup is well-formed
/// XML apart from the doctype (every element closed, every attribute quoted), so that a plain XML
/// parser reads it. The output is deterministic: no date, no random id.
///
/// Money is shown in million VND with `report.shownDecimals` decimals; the parts of every table are
/// rounded by largest remainder so that they add up exactly to the shown total.
struct HTMLReport {
    let report: ExportReport
    let lang: Language

    init(report: ExportReport, lang: Language) {
        self.report = report
        self.lang = lang
    }

    /// The ids of the figures the report always has, and those of a comparison.
    static let chartIDs = ["chart-spend", "chart-criteria", "chart-communes"]
    static let comparisonChartIDs = ["chart-compare-criteria", "chart-compare-communes", "chart-compare-spend"]

    /// What `<main>` holds: every section of the report and the footer.
    var body: String {
        var body = header + factsSection + yearSection + chartsSection
        if let comparison = report.comparison { body += comparisonSection(comparison) }
        body += scheduleSection + fundingSection + envelopeSection
        if !report.unfunded.isEmpty { body += unfundedSection }
        return body + "<footer><p>" + Self.escape(lang("Made by ") + report.generatedBy) + "</p></footer>\n"
    }

    var html: String {
        let document = """
            <!doctype html>
            <html lang="\(lang.rawValue)">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(Self.escape(title))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <main>
            \(body)</main>
            </body>
            </html>

            """
        return document.precomposedStringWithCanonicalMapping
    }

    // MARK: Markup

    /// Text or attribute value with `&`, `<`, `>`, `"` and `'` escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A table cell: text (escaped when written), numeric cells right-aligned, header cells as `th`.
    struct Cell {
        var text: String
        var numeric = false
        var header = false
        var colspan = 1
        var rowspan = 1
        var cssClass: String? = nil

        static func text(_ text: String) -> Cell { Cell(text: text) }
        /// Text that wraps within a column of at least 10em (names).
        static func wide(_ text: String) -> Cell { Cell(text: text, cssClass: "w") }
        /// Text kept on one line (years, codes).
        static func short(_ text: String) -> Cell { Cell(text: text, cssClass: "nw") }
        static func number(_ text: String) -> Cell { Cell(text: text, numeric: true) }
        static func head(_ text: String, numeric: Bool = false, colspan: Int = 1, rowspan: Int = 1) -> Cell {
            Cell(text: text, numeric: numeric, header: true, colspan: colspan, rowspan: rowspan)
        }
    }

    struct Table {
        let id: String
        let caption: String
        var head: [[Cell]]
        var body: [[Cell]] = []
        var foot: [[Cell]] = []
        var cssClass: String? = nil
        /// A table of a few columns, not stretched across a wide screen.
        var narrow = false

        var html: String {
            func row(_ cells: [Cell], in part: String) -> String {
                "<tr>" + cells.map { cell in
                    let tag = cell.header ? "th" : "td"
                    var attributes = ""
                    if cell.header { attributes += part == "thead" ? " scope=\"col\"" : " scope=\"row\"" }
                    let classes = [cell.numeric ? "n" : nil, cell.cssClass].compactMap { $0 }
                    if !classes.isEmpty { attributes += " class=\"\(classes.joined(separator: " "))\"" }
                    if cell.colspan > 1 { attributes += " colspan=\"\(cell.colspan)\"" }
                    if cell.rowspan > 1 { attributes += " rowspan=\"\(cell.rowspan)\"" }
                    return "<\(tag)\(attributes)>\(HTMLReport.escape(cell.text))</\(tag)>"
                }.joined() + "</tr>\n"
            }
            var out = "<div class=\"scroll\(narrow ? " narrow" : "")\"><table id=\"\(HTMLReport.escape(id))\"\(cssClass.map { " class=\"\($0)\"" } ?? "")>\n"
            out += "<caption>\(HTMLReport.escape(caption))</caption>\n"
            out += "<thead>\n" + head.map { row($0, in: "thead") }.joined() + "</thead>\n"
            out += "<tbody>\n" + body.map { row($0, in: "tbody") }.joined() + "</tbody>\n"
            if !foot.isEmpty { out += "<tfoot>\n" + foot.map { row($0, in: "tfoot") }.joined() + "</tfoot>\n" }
            return out + "</table></div>\n"
        }
    }

    private func section(_ id: String, _ heading: String, _ content: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(Self.escape(heading))</h2>\n\(content)</section>\n"
    }

    private func paragraph(_ text: String, cssClass: String = "note") -> String {
        "<p class=\"\(cssClass)\">\(Self.escape(text))</p>\n"
    }

    private func figure(_ id: String, chart: SVGChart, caption: String, legend: [(name: String, colorClass: String)]) -> String {
        Self.figure(id, chart: chart, caption: caption, legend: legend)
    }

    /// A chart as a `<figure>`: the SVG, its legend and caption, and a note when it has nothing to draw.
    static func figure(_ id: String, chart: SVGChart, caption: String, legend: [(name: String, colorClass: String)]) -> String {
        var out = "<figure id=\"\(id)\">\n" + chart.svg + "\n<figcaption>"
        if !legend.isEmpty {
            out += "<ul class=\"legend\">" + legend.map { "<li><span class=\"sw \($0.colorClass)\"></span>\(escape($0.name))</li>" }.joined() + "</ul>"
        }
        out += "<span class=\"caption\">\(escape(caption))</span>"
        if chart.isEmpty { out += "<span class=\"empty-note\">\(escape(chart.emptyNote))</span>" }
        return out + "</figcaption>\n</figure>\n"
    }

    // MARK: Numbers

    private var decimals: Int { report.shownDecimals }

    private func count(_ value: Int) -> String { lang.format(Decimal(value), decimals: 0) }

    private func millions(_ value: Decimal) -> String { lang.format(value, decimals: decimals) }

    /// A column of amounts in million VND, rounded by largest remainder against its shown total.
    func shown(_ column: [Money]) -> (parts: [String], total: String, values: [Decimal], totalValue: Decimal) {
        let rounded = LargestRemainder.round(column, in: .trieu, decimals: decimals)
        return (rounded.parts.map(millions), millions(rounded.total), rounded.parts, rounded.total)
    }

    /// One amount on its own, rounded half up.
    private func single(_ money: Money) -> Decimal { LargestRemainder.round([money], in: .trieu, decimals: decimals).total }

    private static func total(_ amounts: [Money]) -> Money { Money(dong: amounts.reduce(0) { $0 + $1.dong }) }

    private static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }

    // MARK: Spend by source and year

    /// The plan's spend as a source × year matrix: every non-zero cell rounded by largest remainder
    /// against the grand total, the row and column totals the sums of the shown cells.
    struct SpendMatrix {
        let sources: [ExportReport.Named]
        let years: [Int]
        /// By source then year, exact.
        let exact: [[Money]]
        /// By source then year, shown in million VND.
        let shown: [[Decimal]]
        let total: Money
        let shownTotal: Decimal

        var sourceTotals: [Decimal] { shown.map { $0.reduce(0, +) } }
        var yearTotals: [Decimal] { years.indices.map { year in shown.reduce(0) { $0 + $1[year] } } }
        /// The (source, year) pairs with spend.
        var cellsWithSpend: Int { exact.reduce(0) { $0 + $1.filter { $0.dong != 0 }.count } }
    }

    var spendMatrix: SpendMatrix {
        var sources: [ExportReport.Named] = []
        for line in report.funding where !sources.contains(where: { $0.id == line.source.id }) { sources.append(line.source) }
        sources.sort { $0.id < $1.id }
        let years = Array(Set(report.years.map(\.year) + report.funding.map(\.year))).sorted()
        var exact = sources.map { _ in years.map { _ in Int64(0) } }
        for line in report.funding {
            exact[sources.firstIndex { $0.id == line.source.id }!][years.firstIndex(of: line.year)!] += line.amount.dong
        }
        let flat = exact.flatMap { $0 }.map { Money(dong: $0) }
        let rounded = LargestRemainder.round(flat, in: .trieu, decimals: decimals)
        let shown = sources.indices.map { row in Array(rounded.parts[(row * years.count)..<((row + 1) * years.count)]) }
        return SpendMatrix(
            sources: sources, years: years, exact: exact.map { $0.map { Money(dong: $0) } }, shown: shown, total: Self.total(flat),
            shownTotal: rounded.total)
    }

    // MARK: Labels

    /// The scenario the plan is for, and the day of the export: what a reader files it under.
    private var title: String { lang("Allocation plan: ") + report.facts.scenarioName + " (" + dateText + ")" }

    /// The export's day as the language writes dates: 12/05/2026, or 2026-05-12.
    private var dateText: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let parts = calendar.dateComponents([.year, .month, .day], from: report.exportedOn)
        let (y, m, d) = (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        return lang == .vi ? String(format: "%02d/%02d/%04d", d, m, y) : String(format: "%04d-%02d-%02d", y, m, d)
    }

    private var unit: String { lang("million VND") }


    private func yearsText(_ years: [Int]) -> String {
        guard let first = years.first, let last = years.last else { return "–" }
        return first == last ? "\(first)" : "\(first)–\(last)"
    }

    private func levelName(_ level: String?) -> String { level.map(lang.levelName) ?? "–" }

    private func statusText(_ status: ExportReport.CriterionStatus?) -> String {
        switch status {
        case .planned(let year): "\(year)"
        case .notPlanned: lang("not met")
        case .metBefore: lang("met before")
        case nil: lang("not missing")
        }
    }

    // MARK: Sections

    private var header: String {
        let facts = report.facts
        var out = "<header>\n<h1>\(Self.escape(title))</h1>\n"
        out += "<p class=\"lead\">" + Self.escape(lang("Plan: ") + facts.name + " · " + lang("Exported on ") + dateText)
            + "<br/>" + Self.escape(lang("Scenario: ") + "\(facts.scenarioName) (\(facts.scenario))")
            + "<br/>" + Self.escape(lang("Years: ") + yearsText(facts.years) + " · " + lang("Money in ") + unit)
            + "</p>\n"
        if let comparison = report.comparison {
            out += "<p class=\"lead\">" + Self.escape(lang("Compared with: ") + comparison.otherName) + "</p>\n"
        }
        return out + "</header>\n"
    }

    private var factsSection: String {
        let facts = report.facts
        let matrix = spendMatrix
        var table = Table(id: "table-facts", caption: lang("The plan"), head: [[.head(lang("Item")), .head(lang("Value"), numeric: true)]])
        table.narrow = true
        func row(_ label: String, _ value: String) { table.body.append([.head(label), .number(value)]) }
        row(lang("Made by"), lang.name(of: facts.method))
        row(lang("Termination"), lang.termination(facts.termination))
        if let value = facts.objectiveValue { row(lang("Objective value"), lang.format(Decimal(value), decimals: 1)) }
        if let gap = facts.relativeGap { row(lang("Relative gap (%)"), lang.format(Decimal(gap * 100), decimals: 2)) }
        row(lang("Criteria met / missing"), "\(count(facts.criteriaMet)) / \(count(facts.criteriaMissing))")
        row(lang("Criteria-years"), count(facts.criteriaYears))
        row(lang("Communes"), count(facts.communes))
        row(lang("Communes at standard before the plan"), count(facts.communesAlreadyAtStandard))
        row(lang("Communes at standard at the end"), "\(count(facts.communesAtStandardAtEnd)) / \(count(facts.communes))")
        let available = single(facts.available)
        row(lang("Money available (\(unit))"), millions(available))
        row(lang("Spent (\(unit))"), millions(matrix.shownTotal))
        row(lang("Unspent (\(unit))"), millions(available - matrix.shownTotal))
        if facts.unfunded.dong != 0 { row(lang("Unfunded, beyond the envelopes (\(unit))"), millions(single(facts.unfunded))) }
        return section("facts", lang("Summary"), table.html)
    }

    private var yearSection: String {
        let spent = shown(report.years.map(\.spent))
        var table = Table(
            id: "table-years", caption: lang("Results by year"),
            head: [[.head(lang("Year"), rowspan: 2), .head(lang("Criteria met"), colspan: 2),
                    .head(lang("Communes at NTM standard"), colspan: 2), .head(unit.capitalizedFirst, colspan: 2)],
                   [.head(lang("in the year"), numeric: true), .head(lang("by year end"), numeric: true),
                    .head(lang("in the year"), numeric: true), .head(lang("by year end"), numeric: true),
                    .head(lang("spent"), numeric: true), .head(lang("unspent at year end"), numeric: true)]])
        table.cssClass = "groups"
        for (index, row) in report.years.enumerated() {
            table.body.append([.head("\(row.year)"), .number(count(row.criteriaMet)), .number(count(row.criteriaMetByEnd)),
                               .number(count(row.communesReachingStandard)), .number(count(row.communesAtStandard)),
                               .number(spent.parts[index]), .number(millions(single(row.unspent)))])
        }
        table.foot.append([.head(lang("Total")), .number(count(report.years.reduce(0) { $0 + $1.criteriaMet })), .number(""),
                           .number(count(report.years.reduce(0) { $0 + $1.communesReachingStandard })), .number(""), .number(spent.total), .number("")])
        let note = lang("Criteria-years (criteria met by the end of each year, summed): \(count(report.facts.criteriaYears)). Unspent = the envelopes opened by the end of the year minus what was spent through it.")
        return section("years", lang("By year"), table.html + paragraph(note))
    }

    static let palette = 8

    private var chartsSection: String {
        let matrix = spendMatrix
        let years = matrix.years.map(String.init)
        let spendSeries = matrix.sources.enumerated().map { index, source in
            SVGChart.Series(
                name: source.name(lang), key: source.id, colorClass: "s\(index % Self.palette)",
                values: matrix.exact[index].map { Double($0.dong) / 1_000_000 }, labels: matrix.shown[index].map(millions))
        }
        let spendData = matrix.years.indices.map { year in
            "\(matrix.years[year]): " + millions(matrix.yearTotals[year])
        }.joined(separator: "; ")
        let spend = SVGChart(
            title: lang("Spend by source and year"),
            description: lang("Stacked bars by source, \(unit). Total by year: ") + spendData,
            axisLabel: unit, categories: years, series: spendSeries, layout: .stacked, totals: matrix.yearTotals.map(millions),
            format: lang.format, emptyNote: lang("No spending"))

        let yearLabels = report.years.map { "\($0.year)" }
        let criteria = SVGChart(
            title: lang("Criteria met per year"),
            description: report.years.map { "\($0.year): \(count($0.criteriaMet))" }.joined(separator: "; "),
            axisLabel: lang("criteria"), categories: yearLabels,
            series: [SVGChart.Series(
                name: lang("Criteria met in the year"), key: "criteria-met", colorClass: "p0",
                values: report.years.map { Double($0.criteriaMet) }, labels: report.years.map { count($0.criteriaMet) })],
            layout: .grouped, integerAxis: true, format: lang.format, emptyNote: lang("No criterion met"))

        let reaching = SVGChart.Series(
            name: lang("Communes reaching standard in the year"), key: "reaching", colorClass: "p0",
            values: report.years.map { Double($0.communesReachingStandard) }, labels: report.years.map { count($0.communesReachingStandard) })
        let atStandard = SVGChart.Series(
            name: lang("Communes at standard by the end of the year (cumulative)"), key: "at-standard",
            colorClass: "p1", values: report.years.map { Double($0.communesAtStandard) }, labels: report.years.map { count($0.communesAtStandard) })
        let communes = SVGChart(
            title: lang("Communes reaching the NTM standard per year"),
            description: report.years.map { "\($0.year): \(count($0.communesReachingStandard)) / \(count($0.communesAtStandard))" }.joined(separator: "; "),
            axisLabel: lang("communes"), categories: yearLabels, series: [reaching, atStandard], layout: .grouped, integerAxis: true,
            format: lang.format, emptyNote: lang("No commune at standard"))

        var out = "<div class=\"charts\">\n"
        out += figure(
            "chart-spend", chart: spend,
            caption: lang("Spend by source and year (\(unit)); the number above a bar is the year's total."),
            legend: spendSeries.map { ($0.name, $0.colorClass) })
        out += figure(
            "chart-criteria", chart: criteria, caption: lang("Criteria met in each year (all communes)."),
            legend: [])
        out += figure(
            "chart-communes", chart: communes,
            caption: lang("Communes reaching the standard in the year, and at standard by the end of it (those at standard before included)."),
            legend: [(reaching.name, reaching.colorClass), (atStandard.name, atStandard.colorClass)])
        return section("charts", lang("Charts"), out + "</div>\n")
    }

    private func comparisonSection(_ comparison: ExportReport.Comparison) -> String {
        let a = report.facts, b = comparison.otherFacts
        let names = [a.name, b.name]
        var out = ""
        if !comparison.sameScenario {
            out += paragraph(lang("The plans were made from different scenarios; each column is computed with its own plan's scenario."))
        }
        // The plans.
        var facts = Table(id: "table-comparison-facts", caption: lang("The two plans"),
                          head: [[.head(lang("Item"))] + names.map { .head($0, numeric: true) }])
        facts.narrow = true
        func row(_ label: String, _ value: (ExportReport.Facts) -> String) { facts.body.append([.head(label)] + [a, b].map { .number(value($0)) }) }
        if !comparison.sameScenario { row(lang("Scenario")) { $0.scenario } }
        row(lang("Made by")) { lang.name(of: $0.method) }
        row(lang("Years")) { yearsText($0.years) }
        row(lang("Termination")) { lang.termination($0.termination) }
        row(lang("Criteria met / missing")) { "\(count($0.criteriaMet)) / \(count($0.criteriaMissing))" }
        row(lang("Criteria-years")) { count($0.criteriaYears) }
        row(lang("Communes at standard at the end")) { "\(count($0.communesAtStandardAtEnd)) / \(count($0.communes))" }
        row(lang("Money available (\(unit))")) { millions(single($0.available)) }
        row(lang("Spent (\(unit))")) { millions(single($0.spent)) }
        row(lang("Unspent (\(unit))")) { millions(single($0.available) - single($0.spent)) }
        if a.unfunded.dong != 0 || b.unfunded.dong != 0 {
            row(lang("Unfunded, beyond the envelopes (\(unit))")) { millions(single($0.unfunded)) }
        }
        out += facts.html

        // Side by side by year.
        let spent = [comparison.years.map { $0.plan?.spent ?? .zero }, comparison.years.map { $0.other?.spent ?? .zero }].map(shown)
        let measures = [lang("Criteria met in the year"), lang("Communes reaching standard"),
                        lang("Communes at standard by the end of the year"), lang("Spent (\(unit))")]
        var years = Table(
            id: "table-comparison-years", caption: lang("The two plans by year"),
            head: [[.head(lang("Year"), rowspan: 2)] + measures.map { .head($0, numeric: true, colspan: 2) },
                   measures.flatMap { _ in names.map { Cell.head($0, numeric: true) } }])
        years.cssClass = "groups pairs"
        for (index, pair) in comparison.years.enumerated() {
            func cells(_ value: (ExportReport.YearRow) -> Int) -> [Cell] { [pair.plan, pair.other].map { .number($0.map { count(value($0)) } ?? "–") } }
            years.body.append([.head("\(pair.year)")] + cells(\.criteriaMet) + cells(\.communesReachingStandard) + cells(\.communesAtStandard)
                + [0, 1].map { plan in .number((plan == 0 ? pair.plan : pair.other) == nil ? "–" : spent[plan].parts[index]) })
        }
        func sum(_ value: (ExportReport.YearRow) -> Int) -> [Cell] {
            [comparison.years.compactMap(\.plan), comparison.years.compactMap(\.other)].map { .number(count($0.reduce(0) { $0 + value($1) })) }
        }
        years.foot.append([.head(lang("Total"))] + sum(\.criteriaMet) + sum(\.communesReachingStandard) + [.number(""), .number("")]
            + spent.map { .number($0.total) })
        out += years.html

        // Charts.
        let categories = comparison.years.map { "\($0.year)" }
        func series(_ value: @escaping (ExportReport.YearRow) -> Int) -> [SVGChart.Series] {
            [(0, names[0]), (1, names[1])].map { plan, name in
                let rows = comparison.years.map { plan == 0 ? $0.plan : $0.other }
                return SVGChart.Series(
                    name: name, key: "plan-\(plan + 1)", colorClass: "p\(plan)", values: rows.map { Double($0.map(value) ?? 0) },
                    labels: rows.map { $0.map { count(value($0)) } ?? "–" })
            }
        }
        let legend = names.enumerated().map { ($0.element, "p\($0.offset)") }
        let criteriaChart = SVGChart(
            title: lang("Criteria met per year: both plans"),
            description: comparison.years.map { "\($0.year): \($0.plan.map { count($0.criteriaMet) } ?? "–") / \($0.other.map { count($0.criteriaMet) } ?? "–")" }.joined(separator: "; "),
            axisLabel: lang("criteria"), categories: categories, series: series(\.criteriaMet), layout: .grouped, integerAxis: true,
            format: lang.format, emptyNote: lang("No criterion met"))
        let communesChart = SVGChart(
            title: lang("Communes at standard by the end of the year: both plans"),
            description: comparison.years.map { "\($0.year): \($0.plan.map { count($0.communesAtStandard) } ?? "–") / \($0.other.map { count($0.communesAtStandard) } ?? "–")" }.joined(separator: "; "),
            axisLabel: lang("communes"), categories: categories, series: series(\.communesAtStandard), layout: .grouped, integerAxis: true,
            format: lang.format, emptyNote: lang("No commune at standard"))
        let spendSeries = [0, 1].map { plan in
            let rows = comparison.years.map { plan == 0 ? $0.plan : $0.other }
            return SVGChart.Series(
                name: names[plan], key: "plan-\(plan + 1)", colorClass: "p\(plan)",
                values: rows.map { Double($0?.spent.dong ?? 0) / 1_000_000 },
                labels: rows.indices.map { rows[$0] == nil ? "–" : spent[plan].parts[$0] })
        }
        let spendChart = SVGChart(
            title: lang("Spend per year: both plans"),
            description: lang("\(unit). ") + comparison.years.indices.map { "\(categories[$0]): \(spendSeries[0].labels[$0]) / \(spendSeries[1].labels[$0])" }.joined(separator: "; "),
            axisLabel: unit, categories: categories, series: spendSeries, layout: .grouped, format: lang.format,
            emptyNote: lang("No spending"))
        out += "<div class=\"charts\">\n"
        out += figure("chart-compare-criteria", chart: criteriaChart, caption: lang("Criteria met in each year, the two plans side by side."), legend: legend)
        out += figure("chart-compare-communes", chart: communesChart, caption: lang("Communes at standard by the end of each year, the two plans side by side."), legend: legend)
        out += figure("chart-compare-spend", chart: spendChart, caption: lang("Spend in each year (\(unit)), the two plans side by side."), legend: legend)
        out += "</div>\n"

        // Spend by source and year, both plans.
        let spend = [comparison.spend.map(\.plan), comparison.spend.map(\.other)].map(shown)
        var spendTable = Table(
            id: "table-comparison-spend", caption: lang("Spend by source and year (\(unit))"),
            head: [[.head(lang("Source")), .head(lang("Year"))] + names.map { .head($0, numeric: true) }
                + [.head(lang("Difference"), numeric: true)]])
        func signed(_ value: Decimal) -> String { (value > 0 ? "+" : "") + millions(value) }
        for (index, pair) in comparison.spend.enumerated() {
            spendTable.body.append([.wide(pair.source.name(lang)), .short("\(pair.year)"), .number(spend[0].parts[index]), .number(spend[1].parts[index]),
                                    .number(signed(spend[1].values[index] - spend[0].values[index]))])
        }
        spendTable.foot.append([.head(lang("Total")), .text(""), .number(spend[0].total), .number(spend[1].total),
                                .number(signed(spend[1].totalValue - spend[0].totalValue))])
        out += spendTable.html

        // Criteria that move.
        var moves = Table(
            id: "table-comparison-moves", caption: lang("Criteria that move: \(b.name) against \(a.name)"),
            head: [[.head(lang("Commune")), .head(lang("Criterion")), .head(a.name, numeric: true), .head(b.name, numeric: true)]])
        for move in comparison.moves {
            moves.body.append([.wide(move.commune.name(lang)), .wide("\(move.criterion.id). \(move.criterion.name(lang))"), .number(statusText(move.plan)), .number(statusText(move.other))])
        }
        out += "<details id=\"comparison-moves\"><summary>" + Self.escape(lang("Criteria that move (\(count(comparison.moves.count)))"))
            + "</summary>\n" + (comparison.moves.isEmpty ? paragraph(lang("No criterion moves.")) : moves.html) + "</details>\n"
        return section("comparison", lang("The two plans side by side"), out)
    }

    private var scheduleSection: String {
        let criteria = report.criteria
        let years = report.years.map(\.year)
        var table = Table(
            id: "table-schedule", caption: lang("Schedule for meeting the criteria"),
            head: [[.head(lang("Commune")), .head(lang("Met before"), numeric: true)]
                + criteria.map { .head($0.id) }
                + [.head(lang("Met at the end"), numeric: true), .head(lang("Standard year"), numeric: true)]])
        table.cssClass = "sched"
        for row in report.communes {
            var cells: [Cell] = [.head(row.commune.name(lang)), .number(count(row.metBefore))]
            for criterion in criteria {
                let assess = row.needsAssessment.contains(criterion.id)
                switch row.status[criterion.id] {
                case .metBefore: cells.append(Cell(text: "x", cssClass: "x"))
                case .planned(let year): cells.append(Cell(text: "\(year)" + (assess ? "*" : ""), cssClass: assess ? "y a" : "y"))
                case .notPlanned, nil: cells.append(Cell(text: assess ? "*" : "", cssClass: assess ? "m a" : "m"))
                }
            }
            let standard = row.alreadyAtStandard ? lang("before") : row.standardYear.map(String.init) ?? "–"
            cells += [.number(count(row.metAtEnd)), .number(standard)]
            table.body.append(cells)
        }
        func countRow(_ label: String, _ matches: (ExportReport.CriterionStatus?) -> Bool, metBefore: String = "", end: String = "", standard: String = "") -> [Cell] {
            [.head(label), .number(metBefore)] + criteria.map { criterion in .number(count(report.communes.filter { matches($0.status[criterion.id]) }.count)) }
                + [.number(end), .number(standard)]
        }
        table.foot.append(countRow(lang("Met before (x)"), { $0 == .metBefore }, metBefore: count(report.communes.reduce(0) { $0 + $1.metBefore })))
        for year in years {
            table.foot.append(countRow(lang("Met in \(year)"), { $0 == .planned(year) },
                                       standard: count(report.communes.filter { $0.standardYear == year }.count)))
        }
        table.foot.append(countRow(lang("Total met at the end"), { status in if case .planned = status { true } else { status == .metBefore } },
                                   metBefore: count(report.communes.reduce(0) { $0 + $1.metBefore }), end: count(report.communes.reduce(0) { $0 + $1.metAtEnd }),
                                   standard: count(report.communes.filter { $0.alreadyAtStandard || $0.standardYear != nil }.count)))
        var legend = "<ul class=\"keys\">"
        legend += "<li><span class=\"key x\">x</span>" + Self.escape(lang("met before the plan")) + "</li>"
        legend += "<li><span class=\"key y\">\(years.first.map(String.init) ?? "2025")</span>" + Self.escape(lang("the year it is planned to be met")) + "</li>"
        legend += "<li><span class=\"key m\"></span>" + Self.escape(lang("not met within the plan")) + "</li>"
        if report.communes.contains(where: { !$0.needsAssessment.isEmpty }) {
            let what = report.facts.needsAssessmentPolicy == .exclude
                ? lang("left out of the plan until assessed")
                : lang("presumed missing and planned")
            legend += "<li><span class=\"key a\">*</span>" + Self.escape(lang("needs assessment") + " (\(report.facts.needsAssessment)): " + what) + "</li>"
        }
        legend += "</ul>\n"
        var names = "<details id=\"criteria-names\"><summary>" + Self.escape(lang("The criteria's names")) + "</summary>\n<ol class=\"criteria\">"
        names += criteria.map { "<li value=\"\(Int($0.id) ?? 0)\">" + Self.escape("\($0.id). \($0.name(lang))") + "</li>" }.joined()
        names += "</ol></details>\n"
        return section("schedule", lang("Criteria by commune"), legend + table.html + names)
    }

    private var fundingSection: String {
        let matrix = spendMatrix
        var out = ""
        if matrix.sources.isEmpty {
            out += paragraph(lang("The plan spends nothing."))
        } else {
            var table = Table(
                id: "table-funding", caption: lang("Spend by source and year (\(unit))"),
                head: [[.head(lang("Source"))] + matrix.years.map { .head("\($0)", numeric: true) } + [.head(lang("Total"), numeric: true)]])
            for (index, source) in matrix.sources.enumerated() {
                table.body.append([Cell(text: source.name(lang), header: true, cssClass: "w")] + matrix.shown[index].map { .number(millions($0)) } + [.number(millions(matrix.sourceTotals[index]))])
            }
            table.foot.append([.head(lang("Total"))] + matrix.yearTotals.map { .number(millions($0)) } + [.number(millions(matrix.shownTotal))])
            out += table.html
        }
        let lines = shown(report.funding.map(\.amount))
        var table = Table(
            id: "table-funding-lines", caption: lang("Funding lines (\(unit))"),
            head: [[.head(lang("Commune")), .head(lang("Criterion")), .head(lang("Program")),
                    .head(lang("Source")), .head(lang("Year")), .head(lang("Amount"), numeric: true)]])
        for (index, line) in report.funding.enumerated() {
            table.body.append([.wide(line.commune.name(lang)), .wide(line.criterion.map { "\($0.id). \($0.name(lang))" } ?? lang("(whole commune)")),
                               .short(line.program.id), .wide(line.source.name(lang)), .short("\(line.year)"), .number(lines.parts[index])])
        }
        table.foot.append([.head(lang("Total")), .text(""), .text(""), .text(""), .text(""), .number(lines.total)])
        out += "<details id=\"funding-lines\"><summary>" + Self.escape(lang("Funding lines (\(count(report.funding.count)))"))
            + "</summary>\n" + table.html + "</details>\n"
        return section("funding", lang("Funding by source"), out)
    }

    private var envelopeSection: String {
        // Integrated capital counted in its own program is a memo under the total (as in the workbook).
        let rows = report.envelopes.filter { !$0.countedElsewhere }
        let memo = report.envelopes.filter(\.countedElsewhere)
        let columns = [rows.map(\.envelope), rows.map(\.carriedIn), rows.map(\.used), rows.map(\.balance), rows.map(\.carriedOut), rows.map(\.lapsed)].map(shown)
        var table = Table(
            id: "table-envelopes", caption: lang("Sources and uses of the envelopes (\(unit))"),
            head: [[.head(lang("Program")), .head(lang("Source")), .head(lang("Level")),
                    .head(lang("Years")), .head(lang("Envelope"), numeric: true),
                    .head(lang("Carried in"), numeric: true), .head(lang("Allocated"), numeric: true),
                    .head(lang("Balance"), numeric: true), .head(lang("Carried out"), numeric: true),
                    .head(lang("Lapsed"), numeric: true)]])
        for (index, row) in rows.enumerated() {
            var source = row.source.name(lang)
            if let from = row.integratedFrom { source += lang(" (integrated from \(from))") }
            if let own = row.locality { source += lang(" (\(own.name(lang))'s own)") }
            table.body.append([.short(row.program.id), .wide(source), .short(levelName(row.level)), .short(yearsText(Array(Set([row.firstYear, row.lastYear])).sorted()))]
                + columns.map { .number($0.parts[index]) })
        }
        table.foot.append([.head(lang("Total")), .text(""), .text(""), .text("")] + columns.map { .number($0.total) })
        guard !rows.isEmpty else {
            return section("envelopes", lang("Sources and uses"), paragraph(lang("The scenario has no envelope.")))
        }
        var programs: [ExportReport.Named] = []
        for row in rows where !programs.contains(where: { $0.id == row.program.id }) { programs.append(row.program) }
        var content = table.html
        content += "<ul class=\"programs\">" + programs.map { "<li><b>\(Self.escape($0.id))</b>: \(Self.escape($0.name(lang)))</li>" }.joined() + "</ul>\n"
        content += paragraph(lang("Balance = envelope + carried in − allocated; a positive balance is carried out or lapses."))
        if !memo.isEmpty {
            content += paragraph(lang("Memo: integrated capital counted in its own program, not added to the total: ")
                + memo.map { "\($0.program.id) \($0.source.name(lang)) \(millions(single($0.envelope))) \(unit)" }.joined(separator: "; ") + ".")
        }
        return section("envelopes", lang("Sources and uses"), content)
    }

    private var unfundedSection: String {
        let amounts = shown(report.unfunded.map(\.amount))
        var table = Table(
            id: "table-unfunded", caption: lang("Unfunded, beyond the envelopes (\(unit))"),
            head: [[.head(lang("Commune")), .head(lang("Criterion")), .head(lang("Kind")),
                    .head(lang("Year")), .head(lang("Amount"), numeric: true)]])
        for (index, row) in report.unfunded.enumerated() {
            table.body.append([.wide(row.commune.name(lang)), .wide("\(row.criterion.id). \(row.criterion.name(lang))"), .short(row.kind), .short("\(row.year)"),
                               .number(amounts.parts[index])])
        }
        table.foot.append([.head(lang("Total")), .text(""), .text(""), .text(""), .number(amounts.total)])
        let note = paragraph(lang("Money the baseline needs beyond the scenario's envelopes to keep its schedule."))
        return section("unfunded", lang("Unfunded money"), table.html + note)
    }

    // MARK: Style

    /// Inline CSS only: system fonts, no URL of any kind.
    static let style = """

        :root{color-scheme:light}
        *{box-sizing:border-box}
        body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;font-size:16px;line-height:1.45;color:#1b1b1b;background:#fff}
        main{max-width:1480px;margin:0 auto;padding:12px 14px 32px}
        h1{font-size:1.45rem;line-height:1.25;margin:.4rem 0 .5rem;overflow-wrap:anywhere}
        h2{font-size:1.2rem;margin:1.8rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid #d5dbe1}
        .lead{margin:.2rem 0;color:#333;overflow-wrap:anywhere}
        .note{font-size:.9rem;color:#444}
        .scroll{overflow-x:auto;margin:.4rem 0 1rem;border:1px solid #e1e5ea;border-radius:4px}
        table{border-collapse:collapse;font-size:.9rem;width:100%}
        caption{caption-side:top;text-align:left;font-weight:600;padding:.45rem .55rem}
        th,td{padding:.3rem .55rem;border-top:1px solid #e6e9ed;text-align:left;vertical-align:top}
        thead th{background:#f1f4f7;vertical-align:bottom}
        tbody th{font-weight:500}
        .n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        thead th.n{white-space:normal}
        .narrow{max-width:46rem}
        .narrow td.n{white-space:normal}
        .narrow tbody th{min-width:9em}
        thead th{overflow-wrap:break-word}
        thead th.n{min-width:4.2em}
        .w{min-width:10em}
        tbody th{min-width:6em}
        .nw{white-space:nowrap}
        .groups thead tr:first-child th[colspan]{text-align:center;border-bottom:1px solid #d5dbe1}
        .sched tbody th,.sched thead th:first-child,.sched tfoot th{position:sticky;left:0;background:#fff;z-index:1}
        .sched thead th:first-child{background:#f1f4f7}
        tfoot th,tfoot td{font-weight:700}
        tfoot tr:first-child>*{border-top:2px solid #9aa5b1}
        .programs{font-size:.85rem;margin:.2rem 0 .6rem;padding-left:1.2rem}
        .pairs thead th{text-align:center}
        .sched th,.sched td{text-align:center;padding:.25rem .3rem;white-space:nowrap}
        .sched thead th{white-space:normal}
        .sched tbody th,.sched tfoot th{text-align:left}
        .sched td.y,.key.y{background:#e3eefb}
        .sched td.x,.key.x{color:#555}
        .sched td.m,.key.m{background:#fbeaea}
        .sched td.a,.key.a{background:#fff2cc}
        .keys{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;font-size:.9rem}
        .key{display:inline-block;min-width:2.6em;margin-right:.4em;padding:0 .25em;text-align:center;border:1px solid #ccd3da}
        .key.m{min-height:1.2em;vertical-align:-.2em}
        ol.criteria{columns:2 18rem;font-size:.9rem}
        details{margin:.4rem 0 1rem}
        summary{cursor:pointer;font-weight:600;padding:.3rem 0}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,440px),1fr));gap:1rem;margin:.5rem 0 1rem}
        figure{margin:0;padding:.5rem .6rem;border:1px solid #e1e5ea;border-radius:6px;break-inside:avoid;page-break-inside:avoid}
        figure svg{display:block;width:100%;height:auto;max-height:420px}
        figcaption{font-size:.88rem;color:#333}
        .caption{display:block;margin-top:.2rem}
        .empty-note{display:block;font-weight:600}
        .legend{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
        .sw{display:inline-block;width:.95em;height:.95em;margin-right:.35em;vertical-align:-.12em;border-radius:2px}
        svg text{fill:#1b1b1b;font-family:inherit}
        svg .tick{font-size:14px;fill:#444}
        svg .category{font-size:15px}
        svg .axis-title{font-size:14px;fill:#444}
        svg .value{font-weight:600}
        svg .value.inside{fill:#fff}
        svg .empty{font-size:17px;fill:#666}
        svg .grid{stroke:#e3e7eb;stroke-width:1}
        svg .axis{stroke:#555;stroke-width:1.2}
        svg .bar{stroke:#fff;stroke-width:.6}
        .s0{fill:#2f6db5;background:#2f6db5}
        .s1{fill:#e08a1e;background:#e08a1e}
        .s2{fill:#3a9a4a;background:#3a9a4a}
        .s3{fill:#c0392b;background:#c0392b}
        .s4{fill:#7d5ba6;background:#7d5ba6}
        .s5{fill:#8c6d46;background:#8c6d46}
        .s6{fill:#d4609f;background:#d4609f}
        .s7{fill:#6b7b8c;background:#6b7b8c}
        .p0{fill:#2f6db5;background:#2f6db5}
        .p1{fill:#e08a1e;background:#e08a1e}
        footer{margin-top:2rem;font-size:.8rem;color:#555}
        @media (max-width:480px){body{font-size:15px}main{padding:8px 10px 24px}table{font-size:.84rem}th,td{padding:.25rem .4rem}}
        @media print{
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        body{font-size:10pt;color:#000}
        main{max-width:none;padding:0}
        @page{size:A4 landscape;margin:10mm}
        .sched th,.sched td{white-space:normal;padding:.1rem .15rem}
        .sched{font-size:7pt}
        .lead,.note,figcaption,footer,svg .tick,svg .axis-title{color:#000;fill:#000}
        .scroll{overflow:visible;border:0}
        table{font-size:9pt}
        thead{display:table-header-group}
        tr,figure{break-inside:avoid;page-break-inside:avoid}
        h2{break-after:avoid;page-break-after:avoid}
        .charts{display:block}
        figure{margin:0 0 .6rem;border:0}
        figure svg{max-height:none;max-width:16cm}
        summary{list-style:none}
        }

        """
}

private extension String {
    /// The text with its first letter in capitals ("triệu đồng" → "Triệu đồng").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
