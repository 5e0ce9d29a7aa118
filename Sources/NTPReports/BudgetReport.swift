import CSV
import Foundation
import NTPPlanning
import NTPText
import NTPData
import NTPDomain

/// The presentation of a ledger: a terminal table, JSON or CSV. Amounts shown in a unit come from
/// `LargestRemainder`, so each table's parts add up to its shown total; JSON and CSV also carry đồng.
public struct BudgetReport {
    let scenario: BudgetScenario
    let ledger: Ledger
    let catalogs: Catalogs
    let lang: Language
    let unit: MoneyUnit
    let decimals: Int

    public init(scenario: BudgetScenario, ledger: Ledger, catalogs: Catalogs, lang: Language, unit: MoneyUnit, decimals: Int) {
        self.scenario = scenario
        self.ledger = ledger
        self.catalogs = catalogs
        self.lang = lang
        self.unit = unit
        self.decimals = decimals
    }

    var unitName: String { lang == .vi ? unit.nameVi : unit.nameEn }

    func sourceName(_ code: String) -> String {
        catalogs.source(code).map { lang == .vi ? $0.nameVi : $0.nameEn } ?? code
    }

    func years(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
    }

    func levelName(_ level: GovernmentLevel?) -> String { level.map(lang.name(of:)) ?? "" }

    func localityName(_ id: String) -> String {
        catalogs.localities[id].map { "\($0.unitType) \($0.name)" } ?? id
    }

    /// Columns of amounts, each rounded by largest remainder against its own total.
    func shown(_ columns: [[Money]]) -> [(parts: [String], total: String)] {
        columns.map { column in
            let rounded = LargestRemainder.round(column, in: unit, decimals: decimals)
            return (rounded.parts.map { lang.format($0, decimals: decimals) }, lang.format(rounded.total, decimals: decimals))
        }
    }

    // MARK: Table

    public var table: String {
        var out = "\(scenario.name)\n" + lang.pick("Đơn vị: \(unitName)\n", "Unit: \(unitName)\n")
        out += "\n" + lang.pick("Nguồn và sử dụng theo nguồn vốn\n", "Sources and uses by envelope\n") + envelopeTable
        if !ledger.uses.isEmpty { out += "\n" + lang.pick("Sử dụng theo địa bàn\n", "Uses by locality\n") + usesTable }
        out += "\n" + lang.pick("Cơ cấu nguồn vốn\n", "Sources by share\n") + sharesTable
        if !ledger.counterparts.isEmpty { out += "\n" + lang.pick("Vốn đối ứng địa phương\n", "Local counterpart\n") + counterpartTable }
        out += "\n" + lang.pick("Kiểm tra quy tắc\n", "Rule check\n") + ruleCheck
        return out
    }

    private var envelopeTable: String {
        let rows = ledger.rows
        let columns = shown([rows.map(\.envelope), rows.map(\.carriedIn), rows.map(\.used), rows.map(\.balance), rows.map(\.carriedOut), rows.map(\.lapsed)])
        var table = TextTable([
            (lang.pick("Chương trình", "Program"), .left), (lang.pick("Nguồn vốn", "Source"), .left), (lang.pick("Cấp", "Level"), .left),
            (lang.pick("Các năm", "Years"), .left), (lang.pick("Dự toán", "Envelope"), .right), (lang.pick("Chuyển từ trước", "Carried in"), .right),
            (lang.pick("Sử dụng", "Used"), .right), (lang.pick("Còn lại", "Balance"), .right), (lang.pick("Chuyển sang sau", "Carried out"), .right),
            (lang.pick("Hủy dự toán", "Lapsed"), .right),
        ])
        for (index, row) in rows.enumerated() {
            table.add([row.program, sourceName(row.source), levelName(row.level), years(row.years)] + columns.map { $0.parts[index] })
        }
        table.addRule()
        // A balance includes the money carried in from the envelope before, which that envelope's row
        // shows too: its column has no total; what is left at the end is stated under the table.
        var totals = columns.map(\.total)
        totals[3] = ""
        table.add([lang.pick("Cộng", "Total"), "", "", ""] + totals)
        var text = table.text
        let left = Money(dong: rows.reduce(0) { $0 + $1.envelope.dong - $1.used.dong - $1.lapsed.dong })
        text += lang.pick("Còn lại cuối kỳ (dự toán − sử dụng − hủy dự toán): ", "Left at the end (envelopes − used − lapsed): ")
            + lang.format(LargestRemainder.round([left], in: unit, decimals: decimals).total, decimals: decimals) + "\n"
        let counted = ledger.rows.filter { $0.integratedFrom != nil }
        if !counted.isEmpty {
            text += lang.pick("Tổng nguồn (vốn lồng ghép tính một lần): ", "Total sources (integrated capital counted once): ")
                + ledger.totalSources.formatted(in: unit, decimals: decimals) + "\n"
        }
        return text
    }

    private var usesTable: String {
        let columns = shown([ledger.uses.map(\.amount)])
        var table = TextTable([
            (lang.pick("Địa bàn", "Locality"), .left), (lang.pick("Chương trình", "Program"), .left), (lang.pick("Nguồn vốn", "Source"), .left),
            (lang.pick("Năm", "Year"), .left), (lang.pick("Số tiền", "Amount"), .right),
        ])
        for (index, use) in ledger.uses.enumerated() {
            table.add([localityName(use.locality), use.program, sourceName(use.source), "\(use.year)", columns[0].parts[index]])
        }
        table.addRule()
        table.add([lang.pick("Cộng", "Total"), "", "", "", columns[0].total])
        return table.text
    }

    private var sharesTable: String {
        let bySource = ledger.sourcesBySource
        let amounts = shown([bySource.map(\.amount)])[0]
        let percents = LargestRemainder.percentages(bySource.map(\.amount), decimals: 1)
        var table = TextTable([(lang.pick("Nguồn vốn", "Source"), .left), (lang.pick("Số tiền", "Amount"), .right), (lang.pick("Tỷ lệ", "Share"), .right)])
        for (index, entry) in bySource.enumerated() {
            table.add([sourceName(entry.source), amounts.parts[index], lang.format(percents[index], decimals: 1) + "%"])
        }
        table.addRule()
        table.add([lang.pick("Tổng nguồn", "Total sources"), amounts.total, bySource.isEmpty ? "" : lang.format(100, decimals: 1) + "%"])
        return table.text
    }

    private var counterpartTable: String {
        var table = TextTable([
            (lang.pick("Chương trình", "Program"), .left), (lang.pick("Các năm", "Years"), .left), (lang.pick("Theo", "Of"), .left),
            (lang.pick("Trung ương", "Central"), .right), (lang.pick("Địa phương", "Local"), .right),
            (lang.pick("Địa phương/TW", "Local/central"), .right), (lang.pick("Yêu cầu", "Required"), .right),
        ])
        for counterpart in ledger.counterparts {
            table.add([
                counterpart.program, years(counterpart.years), counterpart.ofUses ? lang.pick("sử dụng", "uses") : lang.pick("kế hoạch", "envelopes"),
                counterpart.central.formatted(in: unit, decimals: decimals), counterpart.local.formatted(in: unit, decimals: decimals),
                counterpart.ratio.map { lang.format($0 * 100, decimals: 1) + "%" } ?? "",
                counterpart.required.map { "≥ " + lang.format($0.ratio * 100, decimals: 1) + "%" } ?? "",
            ])
        }
        return table.text
    }

    private var ruleCheck: String {
        guard !ledger.violations.isEmpty else { return lang.pick("Không vi phạm quy tắc nào.\n", "No rule is broken.\n") }
        return ledger.violations.map { "- " + describe($0) + "\n" }.joined()
    }

    func describe(_ violation: RuleViolation) -> String {
        let money = { (amount: Money) in amount.formatted(in: unit, decimals: decimals) + " " + unitName }
        switch violation {
        case .overspent(let program, let source, let span, let available, let used):
            return lang.pick(
                "VƯỢT KẾ HOẠCH: \(program), \(sourceName(source)), \(years(span)): sử dụng \(money(used)), chỉ có \(money(available)) (vượt \(money(violation.amount)))",
                "OVERSPENT: \(program), \(sourceName(source)), \(years(span)): used \(money(used)) of \(money(available)) (over by \(money(violation.amount)))")
        case .noEnvelope(let line):
            return lang.pick(
                "KHÔNG CÓ NGUỒN: \(line.program), \(sourceName(line.source)), \(line.year), \(localityName(line.locality)): \(money(line.amount))",
                "NO ENVELOPE: \(line.program), \(sourceName(line.source)), \(line.year), \(localityName(line.locality)): \(money(line.amount))")
        case .counterpartShortfall(let program, let span, _, _, let ratio, _):
            return lang.pick(
                "THIẾU ĐỐI ỨNG: \(program) \(years(span)): ngân sách địa phương thiếu \(money(violation.amount)) so với tỷ lệ \(lang.format(ratio * 100, decimals: 1))% vốn trung ương",
                "COUNTERPART SHORT: \(program) \(years(span)): local budget is \(money(violation.amount)) short of \(lang.format(ratio * 100, decimals: 1))% of central")
        case .ineligibleSource(let line, let rule):
            return lang.pick(
                "NGUỒN KHÔNG ĐƯỢC CHI: \(sourceName(line.source)) cho tiêu chí \(line.criterion ?? "?") tại \(localityName(line.locality)) năm \(line.year): \(money(line.amount)) (\(rule.basis))",
                "INELIGIBLE SOURCE: \(sourceName(line.source)) for criterion \(line.criterion ?? "?") in \(localityName(line.locality)), \(line.year): \(money(line.amount)) (\(rule.basis))")
        case .shareCapExceeded(let locality, let criterion, let source, let share, _, let rule):
            return lang.pick(
                "VƯỢT TỶ LỆ: \(sourceName(source)) chiếm \(lang.format(share, decimals: 1))% tiêu chí \(criterion) tại \(localityName(locality)), tối đa \(lang.format(rule.shareCapPercent ?? 0, decimals: 1))% (vượt \(money(violation.amount)))",
                "SHARE CAP: \(sourceName(source)) is \(lang.format(share, decimals: 1))% of criterion \(criterion) in \(localityName(locality)), at most \(lang.format(rule.shareCapPercent ?? 0, decimals: 1))% (over by \(money(violation.amount)))")
        case .programNotEligible(let line, let rule):
            return lang.pick(
                "CHƯƠNG TRÌNH KHÔNG ĐƯỢC CHI: \(line.program) tại \(localityName(line.locality)) năm \(line.year): \(money(line.amount)) (\(rule.basis))",
                "PROGRAM NOT ELIGIBLE: \(line.program) in \(localityName(line.locality)), \(line.year): \(money(line.amount)) (\(rule.basis))")
        case .unverifiable(let line, let rule):
            return lang.pick(
                "CHƯA KIỂM TRA ĐƯỢC: \(line.program) tại \(localityName(line.locality)): dữ liệu chưa cho biết địa bàn có thuộc đối tượng không (\(rule.basis)); \(money(line.amount))",
                "CANNOT CHECK: \(line.program) in \(localityName(line.locality)): the data does not say whether it qualifies (\(rule.basis)); \(money(line.amount))")
        }
    }
}
