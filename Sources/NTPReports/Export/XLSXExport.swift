import Foundation
import NTPPlanning
import NTPText
import NTPDomain
import XLSXSwift

/// The report as an Excel workbook (docs/export-formats.md): summary, the schedule in the layout of the
/// seeds' "Biểu kế hoạch thực hiện tiêu chí", funding lines, spend by source and year, sources and uses
/// of the envelopes, money a baseline lacks, and the comparison when there is one.
///
/// Money is in million VND with the report's decimals; every table's parts are rounded by largest
/// remainder so that they add up exactly to the total written under them. Totals are formulas over
/// their parts (`SUM`, `COUNTIF`), as are the sources-and-uses columns a reader expects to follow their
/// parts (available = envelope + carried in, remaining = available − allocated); each is stored with its
/// value, so that viewers that do not recalculate show it. Long tables have filters.
struct XLSXExport {
    let report: ExportReport
    let lang: Language

    var workbook: Workbook {
        var book = Workbook(
            title: lang("Allocation plan: ") + report.facts.scenarioName,
            author: report.generatedBy,
            comments: lang("Exported by ntp export from ") + report.facts.name)
        book.sheets = [summary, schedule, funding, byCommune, bySourceAndYear, sourcesAndUses]
        if !report.unfunded.isEmpty { book.sheets.append(unfunded) }
        if report.comparison != nil { book.sheets.append(comparison) }
        // Printed landscape, each sheet one page wide (as long as it needs).
        for index in book.sheets.indices {
            book.sheets[index].landscape = true
            book.sheets[index].fitToPageWidth = true
        }
        return book
    }

    // MARK: Styles

    var moneyFormat: String { report.shownDecimals == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: report.shownDecimals) }
    var differenceFormat: String { moneyFormat + ";[Red]-" + moneyFormat }
    static let headerFill: UInt32 = 0xD9E1F2
    static let totalFill: UInt32 = 0xF2F2F2

    var title: CellStyle { CellStyle(bold: true, fontSize: 14) }
    var note: CellStyle { CellStyle(italic: true) }
    var header: CellStyle { CellStyle(bold: true, alignment: .center, verticalCenter: true, wrap: true, border: true, fill: Self.headerFill) }
    func text(_ total: Bool = false) -> CellStyle { CellStyle(bold: total, verticalCenter: true, border: true, fill: total ? Self.totalFill : nil) }
    func integer(_ total: Bool = false) -> CellStyle { CellStyle(bold: total, numberFormat: "#,##0", border: true, fill: total ? Self.totalFill : nil) }
    func year(_ total: Bool = false) -> CellStyle { CellStyle(bold: total, numberFormat: "0", alignment: .center, border: true, fill: total ? Self.totalFill : nil) }
    func money(_ total: Bool = false) -> CellStyle { CellStyle(bold: total, numberFormat: moneyFormat, border: true, fill: total ? Self.totalFill : nil) }
    func difference(_ total: Bool = false) -> CellStyle { CellStyle(bold: total, numberFormat: differenceFormat, border: true, fill: total ? Self.totalFill : nil) }
    var mark: CellStyle { CellStyle(alignment: .center, border: true) }

    /// Amounts shown in million VND, rounded so that they add up to the shown total.
    func shown(_ amounts: [Money]) -> (parts: [Decimal], total: Decimal) {
        LargestRemainder.round(amounts, in: .trieu, decimals: report.shownDecimals)
    }

    func number(_ value: Decimal) -> CellValue { .number(double(value)) }

    /// The double nearest to a shown amount. Parsing its decimal text rounds correctly (NSDecimalNumber's
    /// doubleValue may not: 58.333 would come out as 58.33300000000001), so the file's text of the
    /// number is the shown amount itself.
    func double(_ value: Decimal) -> Double { Double(value.description) ?? .nan }
    func number(_ value: Int) -> CellValue { .number(Double(value)) }

    var unitNote: String { lang("Amounts in million VND") }

    /// A total over `rows` of `column`: the formula, with the value shown stored with it; the number
    /// alone when there are no rows to add.
    func sum(_ column: Int, _ rows: ClosedRange<Int>?, _ value: Decimal) -> CellValue {
        guard let rows else { return number(value) }
        let letter = CellAddress.columnName(column)
        return .formula("SUM(\(letter)\(rows.lowerBound + 1):\(letter)\(rows.upperBound + 1))", cached: double(value))
    }

    func sum(_ column: Int, _ rows: ClosedRange<Int>?, _ value: Int) -> CellValue { sum(column, rows, Decimal(value)) }

    /// How many cells of `column` over `rows` hold `what` (`"x"`, or a year).
    func count(_ column: Int, _ rows: ClosedRange<Int>?, _ what: String, _ value: Int) -> CellValue {
        guard let rows else { return number(value) }
        let letter = CellAddress.columnName(column)
        return .formula("COUNTIF(\(letter)\(rows.lowerBound + 1):\(letter)\(rows.upperBound + 1),\(what))", cached: Double(value))
    }

    /// Rows `first` to `last`, or nil when there are none.
    func span(_ first: Int, _ last: Int) -> ClosedRange<Int>? { first <= last ? first...last : nil }

    /// Title, scenario and unit over a table of `width` columns; returns the first free row.
    func heading(_ sheet: inout Sheet, _ text: String, width: Int) -> Int {
        sheet.set(0, 0, .text(text), title)
        if width > 1 { sheet.merge(CellRange(0, 0, 0, width - 1)) }
        sheet.set(1, 0, .text(lang("Scenario: ") + report.facts.scenarioName + " (" + report.facts.scenario + ")"), note)
        sheet.set(2, 0, .text(unitNote), note)
        return 4
    }

    func headerRow(_ sheet: inout Sheet, row: Int, _ titles: [String], widths: [Double]) {
        for (column, title) in titles.enumerated() { sheet.set(row, column, .text(title), header) }
        for (column, width) in widths.enumerated() where sheet.columnWidths[column].map({ $0 < width }) ?? true { sheet.columnWidths[column] = width }
        sheet.rowHeights[row] = 32
    }

    // MARK: Summary

    var summary: Sheet {
        var sheet = Sheet(name: lang("Summary"))
        let facts = report.facts
        var row = heading(&sheet, lang("CAPITAL ALLOCATION PLAN"), width: 8)
        let money = shown([facts.available, facts.spent])
        let unspent = money.parts[0] - money.parts[1]
        let rows: [(String, CellValue, CellStyle)] = [
            (lang("Plan file"), .text(facts.name), text()),
            (lang("Scenario name"), .text(facts.scenarioName), text()),
            (lang("Phase"), .text(facts.phase), text()),
            (lang("Area id"), .text(facts.scope), text()),
            (lang("Area name"), .text(facts.scopeName), text()),
            (lang("Criteria set"), .text(facts.criteriaSet), text()),
            (lang("Method"), .text(lang.name(of: facts.method)), text()),
            (lang("Years"), .text(facts.years.map(String.init).joined(separator: ", ")), text()),
            (lang("Solver result"), .text(lang.termination(facts.termination)), text()),
            (lang("Objective value"), facts.objectiveValue.map { .number($0) } ?? .text("–"), CellStyle(numberFormat: "#,##0.0", border: true)),
            (lang("Optimality gap"), facts.relativeGap.map { .number($0) } ?? .text("–"), CellStyle(numberFormat: "0.00%", border: true)),
            (lang("Communes"), number(facts.communes), integer()),
            (lang("Communes at standard before the plan"), number(facts.communesAlreadyAtStandard), integer()),
            (lang("Communes at standard at the end"), number(facts.communesAtStandardAtEnd), integer()),
            (lang("Criteria missing"), number(facts.criteriaMissing), integer()),
            (lang("Criteria met within the plan"), number(facts.criteriaMet), integer()),
            (lang("Criteria-years"), number(facts.criteriaYears), integer()),
            (lang("Money available (million VND)"), number(money.parts[0]), self.money()),
            (lang("Allocated (million VND)"), number(money.parts[1]), self.money()),
            (lang("Not allocated (million VND)"), number(unspent), self.money()),
        ]
        for (label, value, style) in rows {
            sheet.set(row, 0, .text(label), text())
            sheet.set(row, 1, value, style)
            row += 1
        }
        if facts.unfunded.dong > 0 {
            sheet.set(row, 0, .text(lang("Money the schedule lacks (million VND)")), text())
            sheet.set(row, 1, number(shown([facts.unfunded]).total), self.money())
            row += 1
        }
        sheet.columnWidths = [0: 40, 1: 22]

        row += 1
        sheet.set(row, 0, .text(lang("Progress by year")), CellStyle(bold: true))
        row += 1
        let headerRowIndex = row
        headerRow(&sheet, row: row, [
            lang("Year"), lang("Criteria met in the year"),
            lang("Criteria met by the end of the year"), lang("Communes reaching standard"),
            lang("Communes at standard by the end of the year"), lang("Allocated in the year"),
            lang("Money opened by the end of the year"), lang("Not allocated at the end of the year"),
        ], widths: [40, 22, 16, 16, 16, 18, 18, 18])
        row += 1
        let spent = shown(report.years.map(\.spent))
        let yearRows = span(row, row + report.years.count - 1)
        for (index, year) in report.years.enumerated() {
            // Money opened and unspent are levels at the end of a year, not flows: each stands alone.
            let level = shown([year.available, year.unspent])
            let values: [(CellValue, CellStyle)] = [
                (number(year.year), self.year()), (number(year.criteriaMet), integer()), (number(year.criteriaMetByEnd), integer()),
                (number(year.communesReachingStandard), integer()), (number(year.communesAtStandard), integer()),
                (number(spent.parts[index]), self.money()), (number(level.parts[0]), self.money()), (number(level.parts[1]), self.money()),
            ]
            for (column, value) in values.enumerated() { sheet.set(row, column, value.0, value.1) }
            row += 1
        }
        let totals: [(CellValue, CellStyle)] = [
            (.text(lang("Total")), text(true)), (sum(1, yearRows, report.years.reduce(0) { $0 + $1.criteriaMet }), integer(true)), (.blank, text(true)),
            (sum(3, yearRows, report.years.reduce(0) { $0 + $1.communesReachingStandard }), integer(true)), (.blank, text(true)),
            (sum(5, yearRows, spent.total), self.money(true)), (.blank, text(true)), (.blank, text(true)),
        ]
        for (column, value) in totals.enumerated() { sheet.set(row, column, value.0, value.1) }
        sheet.rowHeights[headerRowIndex] = 45
        return sheet
    }

    // MARK: The schedule ("Biểu")

    var schedule: Sheet {
        var sheet = Sheet(name: lang("Criteria schedule"))
        let criteria = report.criteria
        let width = 3 + criteria.count + 3
        let years = report.facts.years
        let period = years.first.map { first in "\(first)-\(years.last ?? first)" } ?? ""
        var row = heading(&sheet, lang("SCHEDULE OF NEW RURAL CRITERIA, ") + period, width: width)
        let assessing = report.communes.contains { !$0.needsAssessment.isEmpty }
        let key = lang("\"x\": met before the plan; a year: the year the plan meets the criterion; empty: not met within the plan.")
        let assessment = lang(" Yellow cells, \"n/a\": needs assessment (the status was not assessed against the new set), ")
        sheet.set(2, 0, .text(key + (assessing ? assessment + assessmentNote : "")), note)
        let titles = [lang("No."), lang("Commune"), lang("Criteria met before")]
            + criteria.map { $0.name(lang) }
            + [lang("Year at standard"), lang("Criteria met at the end"), lang("Commune id")]
        headerRow(&sheet, row: row, titles, widths: [5, 22, 10] + criteria.map { _ in 9 } + [10, 10, 28])
        sheet.rowHeights[row] = 90
        row += 1
        // The column letters of the seed's tables: A, B, C, then the criteria's numbers.
        let letters = ["A", "B", "C"] + criteria.map(\.id) + ["D", "E", "F"]
        for (column, letter) in letters.enumerated() { sheet.set(row, column, .text(letter), CellStyle(italic: true, alignment: .center, border: true)) }
        row += 1
        sheet.frozenRows = row
        sheet.frozenColumns = 2
        sheet.printTitleRows = (row - 2)...(row - 1)

        for (index, commune) in report.communes.enumerated() {
            sheet.set(row, 0, number(index + 1), integer())
            sheet.set(row, 1, .text(commune.commune.name(lang)), text())
            sheet.set(row, 2, number(commune.metBefore), integer())
            for (offset, criterion) in criteria.enumerated() {
                let assess = commune.needsAssessment.contains(criterion.id)
                switch commune.status[criterion.id] {
                case .metBefore: sheet.set(row, 3 + offset, .text("x"), mark)
                case .planned(let year): sheet.set(row, 3 + offset, number(year), assess ? assessedYear : self.year())
                case .notPlanned, nil: sheet.set(row, 3 + offset, assess ? .text(lang("n/a")) : .blank, assess ? assessedMark : mark)
                }
            }
            let standard: CellValue = commune.alreadyAtStandard ? .text("x") : commune.standardYear.map(number) ?? .blank
            sheet.set(row, 3 + criteria.count, standard, commune.alreadyAtStandard ? mark : self.year())
            sheet.set(row, 4 + criteria.count, number(commune.metAtEnd), integer())
            // The commune's id, so that a commune whose name others share is read back as itself.
            sheet.set(row, 5 + criteria.count, .text(commune.commune.id), text())
            row += 1
        }
        // The seed's total row counts the communes meeting each criterion before the plan ("x"), each year's
        // row the criteria met in it, as COUNTIF formulas over the rows above.
        let communes = report.communes
        let rows = span(row - communes.count, row - 1)
        let block = rows.map { "\(CellAddress.columnName(3))\($0.lowerBound + 1):\(CellAddress.columnName(2 + criteria.count))\($0.upperBound + 1)" }
        sheet.set(row, 0, .blank, text(true))
        sheet.set(row, 1, .text(lang("Total (met before the plan)")), text(true))
        sheet.set(row, 2, sum(2, rows, communes.reduce(0) { $0 + $1.metBefore }), integer(true))
        for (offset, criterion) in criteria.enumerated() {
            sheet.set(row, 3 + offset, count(3 + offset, rows, "\"x\"", communes.filter { $0.status[criterion.id] == .metBefore }.count), integer(true))
        }
        sheet.set(row, 3 + criteria.count, count(3 + criteria.count, rows, "\"x\"", communes.filter(\.alreadyAtStandard).count), integer(true))
        sheet.set(row, 4 + criteria.count, sum(4 + criteria.count, rows, communes.reduce(0) { $0 + $1.metAtEnd }), integer(true))
        row += 1
        for year in years {
            sheet.set(row, 0, .blank, text(true))
            sheet.set(row, 1, .text(lang("Met in ") + String(year)), text(true))
            let planned = communes.reduce(0) { total, commune in total + commune.status.values.filter { $0 == .planned(year) }.count }
            sheet.set(row, 2, block.map { CellValue.formula("COUNTIF(\($0),\(year))", cached: Double(planned)) } ?? number(planned), integer(true))
            for (offset, criterion) in criteria.enumerated() {
                sheet.set(row, 3 + offset, count(3 + offset, rows, String(year), communes.filter { $0.status[criterion.id] == .planned(year) }.count), integer(true))
            }
            sheet.set(row, 3 + criteria.count, count(3 + criteria.count, rows, String(year), communes.filter { $0.standardYear == year }.count), integer(true))
            sheet.set(row, 4 + criteria.count, .blank, text(true))
            row += 1
        }
        if let rows {
            let average = { (value: Int) in Decimal(value) / Decimal(communes.count) }
            let mean = CellStyle(bold: true, numberFormat: "0.0", border: true, fill: Self.totalFill)
            func formula(_ column: Int, _ value: Int) -> CellValue {
                let letter = CellAddress.columnName(column)
                return .formula("AVERAGE(\(letter)\(rows.lowerBound + 1):\(letter)\(rows.upperBound + 1))", cached: double(average(value)))
            }
            sheet.set(row, 0, .blank, text(true))
            sheet.set(row, 1, .text(lang("Criteria per commune (mean)")), text(true))
            sheet.set(row, 2, formula(2, communes.reduce(0) { $0 + $1.metBefore }), mean)
            sheet.set(row, 4 + criteria.count, formula(4 + criteria.count, communes.reduce(0) { $0 + $1.metAtEnd }), mean)
        }
        return sheet
    }

    /// What the plan did with statuses that need assessment, as the schedule's note says it.
    private var assessmentNote: String {
        report.facts.needsAssessmentPolicy == .exclude
            ? lang("left out of the plan until assessed.")
            : lang("presumed missing and planned.")
    }

    /// A schedule cell whose status needs assessment: a planned year, or the mark of one not planned.
    private var assessedYear: CellStyle { var style = year(); style.fill = Self.assessFill; return style }
    private var assessedMark: CellStyle { var style = mark; style.fill = Self.assessFill; return style }
    static let assessFill: UInt32 = 0xFFF2CC

    // MARK: Funding lines

    var funding: Sheet {
        var sheet = Sheet(name: lang("Funding"))
        var row = heading(&sheet, lang("FUNDING BY COMMUNE, CRITERION, SOURCE AND YEAR"), width: 10)
        headerRow(&sheet, row: row, [
            lang("No."), lang("Commune id"), lang("Commune"), lang("Criterion"),
            lang("Criterion name"), lang("Program"), lang("Source"),
            lang("Year"), lang("Amount"), lang("Amount (VND)"),
        ], widths: [6, 26, 20, 8, 30, 14, 34, 7, 14, 18])
        let header = row
        row += 1
        sheet.frozenRows = row
        sheet.frozenColumns = 3
        sheet.printTitleRows = (row - 1)...(row - 1)
        let amounts = shown(report.funding.map(\.amount))
        // The exact amount in đồng beside the shown one, so that the workbook carries the plan's money whole.
        let dong = CellStyle(numberFormat: "#,##0", border: true)
        for (index, line) in report.funding.enumerated() {
            let values: [(CellValue, CellStyle)] = [
                (number(index + 1), integer()), (.text(line.commune.id), text()), (.text(line.commune.name(lang)), text()),
                (line.criterion.map { .text($0.id) } ?? .blank, mark), (line.criterion.map { .text($0.name(lang)) } ?? .text(lang("(commune as a whole)")), text()),
                (.text(line.program.id), text()), (.text(line.source.name(lang)), text()), (number(line.year), year()), (number(amounts.parts[index]), money()),
                (.number(Double(line.amount.dong)), dong),
            ]
            for (column, value) in values.enumerated() { sheet.set(row, column, value.0, value.1) }
            row += 1
        }
        let lines = span(header + 1, row - 1)
        for column in 0..<8 { sheet.set(row, column, .blank, text(true)) }
        sheet.set(row, 1, .text(lang("Grand total")), text(true))
        sheet.set(row, 8, sum(8, lines, amounts.total), money(true))
        sheet.set(row, 9, sum(9, lines, Decimal(report.funding.reduce(Int64(0)) { $0 + $1.amount.dong })), CellStyle(bold: true, numberFormat: "#,##0", border: true, fill: Self.totalFill))
        sheet.autoFilter = CellRange(header, 0, max(header, row - 1), 9)
        return sheet
    }

    // MARK: Spend by source and year

    var bySourceAndYear: Sheet {
        var sheet = Sheet(name: lang("By source and year"))
        let years = Array(Set(report.funding.map(\.year)).union(report.facts.years)).sorted()
        var sources: [ExportReport.Named] = []
        for line in report.funding where !sources.contains(line.source) { sources.append(line.source) }
        sources.sort { $0.id < $1.id }
        var row = heading(&sheet, lang("ALLOCATED BY SOURCE AND YEAR"), width: years.count + 2)
        headerRow(&sheet, row: row, [lang("Source")] + years.map(String.init) + [lang("Total")],
            widths: [40] + years.map { _ in 14 } + [16])
        row += 1
        sheet.frozenRows = row
        sheet.frozenColumns = 1
        // Every cell rounded together, then the margins summed from the shown cells: rows, columns and
        // the grand total all add up.
        var cells: [Money] = []
        for source in sources {
            for year in years {
                cells.append(Money(dong: report.funding.filter { $0.source == source && $0.year == year }.reduce(0) { $0 + $1.amount.dong }))
            }
        }
        let parts = shown(cells).parts
        let first = row
        for (s, source) in sources.enumerated() {
            sheet.set(row, 0, .text(source.name(lang)), text())
            let rowParts = parts[(s * years.count)..<((s + 1) * years.count)]
            for (y, part) in rowParts.enumerated() { sheet.set(row, 1 + y, number(part), money()) }
            sheet.set(row, 1 + years.count, rowSum(row, 1, years.count, rowParts.reduce(0, +)), money(true))
            row += 1
        }
        let rows = span(first, row - 1)
        sheet.set(row, 0, .text(lang("Total")), text(true))
        for y in years.indices {
            sheet.set(row, 1 + y, sum(1 + y, rows, sources.indices.reduce(Decimal(0)) { $0 + parts[$1 * years.count + y] }), money(true))
        }
        sheet.set(row, 1 + years.count, sum(1 + years.count, rows, parts.reduce(0, +)), money(true))
        return sheet
    }

    /// The sum of `count` cells of `row` from `column`, as a formula with the value shown.
    func rowSum(_ row: Int, _ column: Int, _ count: Int, _ value: Decimal) -> CellValue {
        guard count > 0 else { return number(value) }
        return .formula("SUM(\(CellAddress.columnName(column))\(row + 1):\(CellAddress.columnName(column + count - 1))\(row + 1))", cached: double(value))
    }

    // MARK: Allocation by commune (the annex of a decision)

    /// Communes × sources, year by year: what each commune receives from each source in each year, the
    /// year's total, and the commune's total over the plan; the table a decision attaches as its annex.
    var byCommune: Sheet {
        var sheet = Sheet(name: lang("By commune"))
        let years = Array(Set(report.funding.map(\.year)).union(report.facts.years)).sorted()
        var sources: [ExportReport.Named] = []
        for line in report.funding where !sources.contains(line.source) { sources.append(line.source) }
        sources.sort { $0.id < $1.id }
        // Communes in the schedule's order, then any other place the plan pays (a district as a whole).
        var communes = report.communes.map(\.commune).filter { commune in report.funding.contains { $0.commune == commune } }
        for line in report.funding where !communes.contains(line.commune) { communes.append(line.commune) }
        let block = sources.count + 1
        let width = 2 + years.count * block + 1
        var row = heading(&sheet, lang("ALLOCATION TO THE COMMUNES BY SOURCE AND YEAR"), width: width)
        // Two header rows: each year over its sources and its total; TT, the commune and the grand total span both.
        let top = row, second = row + 1
        for (column, title) in [(0, lang("No.")), (1, lang("Commune")), (width - 1, lang("Grand total"))] {
            sheet.set(top, column, .text(title), header)
            sheet.merge(CellRange(top, column, second, column))
        }
        for (y, year) in years.enumerated() {
            let first = 2 + y * block
            sheet.set(top, first, .text(lang("Year ") + String(year)), header)
            if block > 1 { sheet.merge(CellRange(top, first, top, first + block - 1)) }
            for (offset, source) in sources.enumerated() { sheet.set(second, first + offset, .text(source.name(lang)), header) }
            sheet.set(second, first + sources.count, .text(lang("Total ") + String(year)), header)
        }
        sheet.rowHeights[top] = 20
        sheet.rowHeights[second] = 60
        sheet.columnWidths[0] = 6
        sheet.columnWidths[1] = 24
        for column in 2..<width { sheet.columnWidths[column] = 14 }
        row = second + 1
        sheet.frozenRows = row
        sheet.frozenColumns = 2
        sheet.printTitleRows = top...second
        // Every cell rounded together; the totals are sums of the shown cells.
        var cells: [Money] = []
        for commune in communes {
            for year in years {
                for source in sources {
                    cells.append(Money(dong: report.funding.filter { $0.commune == commune && $0.year == year && $0.source == source }.reduce(0) { $0 + $1.amount.dong }))
                }
            }
        }
        let parts = shown(cells).parts
        func part(_ c: Int, _ y: Int, _ s: Int) -> Decimal { parts[(c * years.count + y) * sources.count + s] }
        let firstRow = row
        for (c, commune) in communes.enumerated() {
            sheet.set(row, 0, number(c + 1), integer())
            sheet.set(row, 1, .text(commune.name(lang)), text())
            var total = Decimal(0)
            var yearTotals: [String] = []
            for y in years.indices {
                let first = 2 + y * block
                var yearTotal = Decimal(0)
                for s in sources.indices {
                    sheet.set(row, first + s, number(part(c, y, s)), money())
                    yearTotal += part(c, y, s)
                }
                sheet.set(row, first + sources.count, rowSum(row, first, sources.count, yearTotal), money(true))
                yearTotals.append("\(CellAddress.columnName(first + sources.count))\(row + 1)")
                total += yearTotal
            }
            sheet.set(row, width - 1, yearTotals.isEmpty ? number(total) : .formula(yearTotals.joined(separator: "+"), cached: double(total)), money(true))
            row += 1
        }
        let rows = span(firstRow, row - 1)
        sheet.set(row, 0, .blank, text(true))
        sheet.set(row, 1, .text(lang("Grand total")), text(true))
        for column in 2..<width {
            let y = (column - 2) / block, s = (column - 2) % block
            let value: Decimal = column == width - 1 ? parts.reduce(0, +)
                : communes.indices.reduce(Decimal(0)) { total, c in total + (s < sources.count ? part(c, y, s) : sources.indices.reduce(Decimal(0)) { $0 + part(c, y, $1) }) }
            sheet.set(row, column, sum(column, rows, value), money(true))
        }
        sheet.autoFilter = CellRange(second, 0, max(second, row - 1), width - 1)
        return sheet
    }

    // MARK: Sources and uses

    var sourcesAndUses: Sheet {
        var sheet = Sheet(name: lang("Sources and uses"))
        var row = heading(&sheet, lang("SOURCES AND USES OF THE ENVELOPES"), width: 13)
        headerRow(&sheet, row: row, [
            lang("Program"), lang("Source"), lang("Level"), lang("From"),
            lang("To"), lang("Envelope"), lang("Carried in"),
            lang("Available"), lang("Allocated"), lang("Remaining"),
            lang("Carried out"), lang("Lapsed"), lang("Integrated from"),
        ], widths: [14, 34, 10, 8, 8, 14, 14, 14, 14, 14, 14, 14, 12])
        row += 1
        let first = row
        sheet.frozenRows = row
        sheet.frozenColumns = 2
        let counted = report.envelopes.filter { !$0.countedElsewhere }
        let memo = report.envelopes.filter(\.countedElsewhere)
        let envelope = shown(counted.map(\.envelope)), carriedIn = shown(counted.map(\.carriedIn)), used = shown(counted.map(\.used))
        let carriedOut = shown(counted.map(\.carriedOut)), lapsed = shown(counted.map(\.lapsed))
        func write(_ r: Int, _ e: ExportReport.EnvelopeRow, _ values: (Decimal, Decimal, Decimal, Decimal, Decimal), memo: Bool = false) {
            let label = e.program.id + (memo ? lang(" (integrated, counted in ") + (e.integratedFrom ?? "") + ")" : "")
            sheet.set(r, 0, .text(label), text())
            sheet.set(r, 1, .text(e.source.name(lang) + (e.locality.map { lang(" (\($0.name(lang))'s own)") } ?? "")), text())
            sheet.set(r, 2, e.level.map { .text(lang.levelName($0)) } ?? .blank, text())
            sheet.set(r, 3, number(e.firstYear), year())
            sheet.set(r, 4, number(e.lastYear), year())
            sheet.set(r, 5, number(values.0), money())
            sheet.set(r, 6, number(values.1), money())
            // Available and remaining follow their parts as shown, so each row adds up too.
            sheet.set(r, 7, .formula("F\(r + 1)+G\(r + 1)", cached: double(values.0 + values.1)), money())
            sheet.set(r, 8, number(values.2), money())
            sheet.set(r, 9, .formula("H\(r + 1)-I\(r + 1)", cached: double(values.0 + values.1 - values.2)), difference())
            sheet.set(r, 10, number(values.3), money())
            sheet.set(r, 11, number(values.4), money())
            sheet.set(r, 12, e.integratedFrom.map { .text($0) } ?? .blank, text())
        }
        for (index, e) in counted.enumerated() {
            write(row, e, (envelope.parts[index], carriedIn.parts[index], used.parts[index], carriedOut.parts[index], lapsed.parts[index]))
            row += 1
        }
        let rows = span(first, row - 1)
        sheet.set(row, 0, .text(lang("Grand total")), text(true))
        for column in [1, 2, 3, 4, 12] { sheet.set(row, column, .blank, text(true)) }
        sheet.set(row, 5, sum(5, rows, envelope.total), money(true))
        sheet.set(row, 6, sum(6, rows, carriedIn.total), money(true))
        sheet.set(row, 7, sum(7, rows, envelope.total + carriedIn.total), money(true))
        sheet.set(row, 8, sum(8, rows, used.total), money(true))
        sheet.set(row, 9, sum(9, rows, envelope.total + carriedIn.total - used.total), difference(true))
        sheet.set(row, 10, sum(10, rows, carriedOut.total), money(true))
        sheet.set(row, 11, sum(11, rows, lapsed.total), money(true))
        row += 1
        if !memo.isEmpty {
            row += 1
            sheet.set(row, 0, .text(lang("Memo: integrated capital counted in its own program")), note)
            row += 1
            for e in memo {
                let one = { (m: Money) in self.shown([m]).total }
                write(row, e, (one(e.envelope), one(e.carriedIn), one(e.used), one(e.carriedOut), one(e.lapsed)), memo: true)
                row += 1
            }
        }
        return sheet
    }

    // MARK: Unfunded money (baselines)

    var unfunded: Sheet {
        var sheet = Sheet(name: lang("Unfunded"))
        var row = heading(&sheet, lang("MONEY THE SCHEDULE LACKS"), width: 6)
        headerRow(&sheet, row: row, [
            lang("Commune"), lang("Criterion"), lang("Criterion name"),
            lang("Kind"), lang("Year"), lang("Amount"),
        ], widths: [22, 8, 30, 16, 7, 14])
        let header = row
        row += 1
        sheet.frozenRows = row
        let amounts = shown(report.unfunded.map(\.amount))
        for (index, line) in report.unfunded.enumerated() {
            sheet.set(row, 0, .text(line.commune.name(lang)), text())
            sheet.set(row, 1, .text(line.criterion.id), mark)
            sheet.set(row, 2, .text(line.criterion.name(lang)), text())
            sheet.set(row, 3, .text(line.kind), text())
            sheet.set(row, 4, number(line.year), year())
            sheet.set(row, 5, number(amounts.parts[index]), money())
            row += 1
        }
        sheet.set(row, 0, .text(lang("Grand total")), text(true))
        for column in 1...4 { sheet.set(row, column, .blank, text(true)) }
        sheet.set(row, 5, sum(5, span(header + 1, row - 1), amounts.total), money(true))
        sheet.autoFilter = CellRange(header, 0, max(header, row - 1), 5)
        return sheet
    }

    // MARK: Comparison

    var comparison: Sheet {
        var sheet = Sheet(name: lang("Comparison"))
        guard let comparison = report.comparison else { return sheet }
        let a = report.facts, b = comparison.otherFacts
        var row = heading(&sheet, lang("TWO PLANS COMPARED"), width: 10)
        if !comparison.sameScenario {
            sheet.set(3, 0, .text(lang("The two plans were made from different scenarios.")), note)
        }
        headerRow(&sheet, row: row, [lang("Figure"), a.name, b.name, lang("Difference")], widths: [40, 18, 18, 14])
        row += 1
        let money = shown([a.available, a.spent, b.available, b.spent])
        let counts: [(String, Int, Int)] = [
            (lang("Criteria met within the plan"), a.criteriaMet, b.criteriaMet),
            (lang("Criteria-years"), a.criteriaYears, b.criteriaYears),
            (lang("Communes at standard at the end"), a.communesAtStandardAtEnd, b.communesAtStandardAtEnd),
        ]
        for (label, x, y) in counts {
            sheet.set(row, 0, .text(label), text())
            sheet.set(row, 1, number(x), integer())
            sheet.set(row, 2, number(y), integer())
            sheet.set(row, 3, number(y - x), CellStyle(numberFormat: "#,##0;[Red]-#,##0", border: true))
            row += 1
        }
        for (label, x, y) in [
            (lang("Allocated (million VND)"), money.parts[1], money.parts[3]),
            (lang("Not allocated (million VND)"), money.parts[0] - money.parts[1], money.parts[2] - money.parts[3]),
        ] {
            sheet.set(row, 0, .text(label), text())
            sheet.set(row, 1, number(x), self.money())
            sheet.set(row, 2, number(y), self.money())
            sheet.set(row, 3, number(y - x), difference())
            row += 1
        }

        row += 1
        sheet.set(row, 0, .text(lang("By year")), CellStyle(bold: true))
        row += 1
        headerRow(&sheet, row: row, [
            lang("Year"),
            lang("Criteria met: ") + a.name, lang("Criteria met: ") + b.name, lang("Difference"),
            lang("At standard: ") + a.name, lang("At standard: ") + b.name, lang("Difference"),
            lang("Allocated: ") + a.name, lang("Allocated: ") + b.name, lang("Difference"),
        ], widths: [40, 18, 18, 14, 16, 16, 12, 16, 16, 14])
        sheet.rowHeights[row] = 45
        row += 1
        let yearsFirst = row
        let spentA = shown(comparison.years.map { $0.plan?.spent ?? .zero }), spentB = shown(comparison.years.map { $0.other?.spent ?? .zero })
        for (index, pair) in comparison.years.enumerated() {
            sheet.set(row, 0, number(pair.year), year())
            let metA = pair.plan?.criteriaMet, metB = pair.other?.criteriaMet
            let stdA = pair.plan?.communesAtStandard, stdB = pair.other?.communesAtStandard
            sheet.set(row, 1, metA.map(number) ?? .blank, integer())
            sheet.set(row, 2, metB.map(number) ?? .blank, integer())
            sheet.set(row, 3, number((metB ?? 0) - (metA ?? 0)), CellStyle(numberFormat: "#,##0;[Red]-#,##0", border: true))
            sheet.set(row, 4, stdA.map(number) ?? .blank, integer())
            sheet.set(row, 5, stdB.map(number) ?? .blank, integer())
            sheet.set(row, 6, number((stdB ?? 0) - (stdA ?? 0)), CellStyle(numberFormat: "#,##0;[Red]-#,##0", border: true))
            sheet.set(row, 7, number(spentA.parts[index]), self.money())
            sheet.set(row, 8, number(spentB.parts[index]), self.money())
            sheet.set(row, 9, number(spentB.parts[index] - spentA.parts[index]), difference())
            row += 1
        }
        let metA = comparison.years.reduce(0) { $0 + ($1.plan?.criteriaMet ?? 0) }, metB = comparison.years.reduce(0) { $0 + ($1.other?.criteriaMet ?? 0) }
        let yearRows = span(yearsFirst, row - 1)
        sheet.set(row, 0, .text(lang("Total")), text(true))
        sheet.set(row, 1, sum(1, yearRows, metA), integer(true))
        sheet.set(row, 2, sum(2, yearRows, metB), integer(true))
        sheet.set(row, 3, sum(3, yearRows, metB - metA), CellStyle(bold: true, numberFormat: "#,##0;[Red]-#,##0", border: true, fill: Self.totalFill))
        for column in 4...6 { sheet.set(row, column, .blank, text(true)) }
        sheet.set(row, 7, sum(7, yearRows, spentA.total), self.money(true))
        sheet.set(row, 8, sum(8, yearRows, spentB.total), self.money(true))
        sheet.set(row, 9, sum(9, yearRows, spentB.total - spentA.total), difference(true))
        row += 2

        sheet.set(row, 0, .text(lang("Allocated by source and year")), CellStyle(bold: true))
        row += 1
        headerRow(&sheet, row: row, [lang("Source"), lang("Year"), a.name, b.name, lang("Difference")], widths: [40, 18, 18, 14, 16])
        row += 1
        let spendFirst = row
        let sourceA = shown(comparison.spend.map(\.plan)), sourceB = shown(comparison.spend.map(\.other))
        for (index, pair) in comparison.spend.enumerated() {
            sheet.set(row, 0, .text(pair.source.name(lang)), text())
            sheet.set(row, 1, number(pair.year), year())
            sheet.set(row, 2, number(sourceA.parts[index]), self.money())
            sheet.set(row, 3, number(sourceB.parts[index]), self.money())
            sheet.set(row, 4, number(sourceB.parts[index] - sourceA.parts[index]), difference())
            row += 1
        }
        let spendRows = span(spendFirst, row - 1)
        sheet.set(row, 0, .text(lang("Total")), text(true))
        sheet.set(row, 1, .blank, text(true))
        sheet.set(row, 2, sum(2, spendRows, sourceA.total), self.money(true))
        sheet.set(row, 3, sum(3, spendRows, sourceB.total), self.money(true))
        sheet.set(row, 4, sum(4, spendRows, sourceB.total - sourceA.total), difference(true))
        row += 2

        sheet.set(row, 0, .text(lang("Criteria that move")), CellStyle(bold: true))
        row += 1
        headerRow(&sheet, row: row, [lang("Commune"), lang("Criterion"), a.name, b.name, lang("Years earlier (−) / later (+)")], widths: [40, 32, 18, 14, 16])
        row += 1
        for move in comparison.moves {
            sheet.set(row, 0, .text(move.commune.name(lang)), text())
            sheet.set(row, 1, .text(move.criterion.id + ". " + move.criterion.name(lang)), text())
            sheet.set(row, 2, statusCell(move.plan), move.plan.flatMap(plannedYear) != nil ? year() : mark)
            sheet.set(row, 3, statusCell(move.other), move.other.flatMap(plannedYear) != nil ? year() : mark)
            if let x = move.plan.flatMap(plannedYear), let y = move.other.flatMap(plannedYear) {
                sheet.set(row, 4, number(y - x), CellStyle(numberFormat: "+0;[Red]-0;0", alignment: .center, border: true))
            } else {
                sheet.set(row, 4, .blank, mark)
            }
            row += 1
        }
        return sheet
    }

    private func plannedYear(_ status: ExportReport.CriterionStatus) -> Int? { if case .planned(let year) = status { year } else { nil } }

    private func statusCell(_ status: ExportReport.CriterionStatus?) -> CellValue {
        switch status {
        case .planned(let year): number(year)
        case .notPlanned: .text(lang("not met"))
        case .metBefore: .text("x")
        case nil: .text(lang("not missing"))
        }
    }
}
