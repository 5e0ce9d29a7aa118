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
        "\(scenario.name)\n" + lang("Unit: \(unitName)\n") + sections.map { "\n" + $0.text }.joined()
    }

    /// The report's tables: sources and uses by envelope, uses by locality (when the scenario has a plan),
    /// sources by share, local counterpart (when a rule asks for one) and the rule check.
    public var sections: [ReportSection] {
        var sections = [envelopeSection]
        if !ledger.uses.isEmpty { sections.append(usesSection) }
        sections.append(sharesSection)
        if !ledger.counterparts.isEmpty { sections.append(counterpartSection) }
        sections.append(ruleCheck)
        return sections
    }

    private var envelopeSection: ReportSection {
        let rows = ledger.rows
        let columns = shown([rows.map(\.envelope), rows.map(\.carriedIn), rows.map(\.used), rows.map(\.balance), rows.map(\.carriedOut), rows.map(\.lapsed)])
        var section = ReportSection(title: lang("Sources and uses by envelope"), columns: [
            (lang("Program"), .left), (lang("Source"), .left), (lang("Level"), .left),
            (lang("Years"), .left), (lang("Envelope"), .right), (lang("Carried in"), .right),
            (lang("Used"), .right), (lang("Balance"), .right), (lang("Carried out"), .right),
            (lang("Lapsed"), .right),
        ])
        for (index, row) in rows.enumerated() {
            section.rows.append([row.program, sourceName(row.source), levelName(row.level), years(row.years)] + columns.map { $0.parts[index] })
        }
        // A balance includes the money carried in from the envelope before, which that envelope's row
        // shows too: its column has no total; what is left at the end is stated under the table.
        var totals = columns.map(\.total)
        totals[3] = ""
        section.totals = [[lang("Total"), "", "", ""] + totals]
        let left = Money(dong: rows.reduce(0) { $0 + $1.envelope.dong - $1.used.dong - $1.lapsed.dong })
        section.notes.append(lang("Left at the end (envelopes − used − lapsed): ")
            + lang.format(LargestRemainder.round([left], in: unit, decimals: decimals).total, decimals: decimals))
        if ledger.rows.contains(where: { $0.integratedFrom != nil }) {
            section.notes.append(lang("Total sources (integrated capital counted once): ")
                + ledger.totalSources.formatted(in: unit, decimals: decimals))
        }
        return section
    }

    private var usesSection: ReportSection {
        let columns = shown([ledger.uses.map(\.amount)])
        var section = ReportSection(title: lang("Uses by locality"), columns: [
            (lang("Locality"), .left), (lang("Program"), .left), (lang("Source"), .left),
            (lang("Year"), .left), (lang("Amount"), .right),
        ])
        for (index, use) in ledger.uses.enumerated() {
            section.rows.append([localityName(use.locality), use.program, sourceName(use.source), "\(use.year)", columns[0].parts[index]])
        }
        section.totals = [[lang("Total"), "", "", "", columns[0].total]]
        return section
    }

    private var sharesSection: ReportSection {
        let bySource = ledger.sourcesBySource
        let amounts = shown([bySource.map(\.amount)])[0]
        let percents = LargestRemainder.percentages(bySource.map(\.amount), decimals: 1)
        var section = ReportSection(
            title: lang("Sources by share"),
            columns: [(lang("Source"), .left), (lang("Amount"), .right), (lang("Share"), .right)])
        for (index, entry) in bySource.enumerated() {
            section.rows.append([sourceName(entry.source), amounts.parts[index], lang.format(percents[index], decimals: 1) + "%"])
        }
        section.totals = [[lang("Total sources"), amounts.total, bySource.isEmpty ? "" : lang.format(100, decimals: 1) + "%"]]
        return section
    }

    private var counterpartSection: ReportSection {
        var section = ReportSection(title: lang("Local counterpart"), columns: [
            (lang("Program"), .left), (lang("Years"), .left), (lang("Of"), .left),
            (lang("Central"), .right), (lang("Local"), .right),
            (lang("Local/central"), .right), (lang("Required"), .right),
        ])
        for counterpart in ledger.counterparts {
            section.rows.append([
                counterpart.program, years(counterpart.years), counterpart.ofUses ? lang("uses") : lang("envelopes"),
                counterpart.central.formatted(in: unit, decimals: decimals), counterpart.local.formatted(in: unit, decimals: decimals),
                counterpart.ratio.map { lang.format($0 * 100, decimals: 1) + "%" } ?? "",
                counterpart.required.map { "≥ " + lang.format($0.ratio * 100, decimals: 1) + "%" } ?? "",
            ])
        }
        return section
    }

    /// Every rule the plan breaks, one note each; no table.
    private var ruleCheck: ReportSection {
        var section = ReportSection(title: lang("Rule check"), columns: [])
        if ledger.violations.isEmpty { section.empty = lang("No rule is broken.") }
        section.notes = ledger.violations.map { "- " + describe($0) }
        return section
    }

    func describe(_ violation: RuleViolation) -> String {
        let money = { (amount: Money) in amount.formatted(in: unit, decimals: decimals) + " " + unitName }
        switch violation {
        case .overspent(let program, let source, let span, let available, let used):
            return lang("OVERSPENT: \(program), \(sourceName(source)), \(years(span)): used \(money(used)) of \(money(available)) (over by \(money(violation.amount)))")
        case .noEnvelope(let line):
            return lang("NO ENVELOPE: \(line.program), \(sourceName(line.source)), \(line.year), \(localityName(line.locality)): \(money(line.amount))")
        case .counterpartShortfall(let program, let span, _, _, let ratio, _):
            return lang("COUNTERPART SHORT: \(program) \(years(span)): local budget is \(money(violation.amount)) short of \(lang.format(ratio * 100, decimals: 1))% of central")
        case .ineligibleSource(let line, let rule):
            return lang("INELIGIBLE SOURCE: \(sourceName(line.source)) for criterion \(line.criterion ?? "?") in \(localityName(line.locality)), \(line.year): \(money(line.amount)) (\(rule.basis))")
        case .shareCapExceeded(let locality, let criterion, let source, let share, _, let rule):
            return lang("SHARE CAP: \(sourceName(source)) is \(lang.format(share, decimals: 1))% of criterion \(criterion) in \(localityName(locality)), at most \(lang.format(rule.shareCapPercent ?? 0, decimals: 1))% (over by \(money(violation.amount)))")
        case .programNotEligible(let line, let rule):
            return lang("PROGRAM NOT ELIGIBLE: \(line.program) in \(localityName(line.locality)), \(line.year): \(money(line.amount)) (\(rule.basis))")
        case .unverifiable(let line, let rule):
            return lang("CANNOT CHECK: \(line.program) in \(localityName(line.locality)): the data does not say whether it qualifies (\(rule.basis)); \(money(line.amount))")
        case .amountsBeyondRange(let total):
            let limit = Ledger.largestTotal.formatted(in: .ty, decimals: 0)
            return lang("BEYOND RANGE: the amounts add up to \(lang.format(total / 1_000_000_000, decimals: 0)) billion VND, more than the \(limit) billion the ledger counts; no rule could be checked")
        }
    }
}
