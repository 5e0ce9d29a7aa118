import Foundation
import NTPPlanning
import NTPText
import NTPDomain

/// The presentation of a `PlanComparison`: a terminal table, Markdown or JSON (docs/compare.md). Money is
/// shown in million VND, each column rounded by largest remainder so that its parts add up to its shown
/// total; JSON carries exact đồng.
public struct PlanComparisonReport {
    let comparison: PlanComparison
    let lang: Language

    public init(comparison: PlanComparison, lang: Language) {
        self.comparison = comparison
        self.lang = lang
    }

    typealias Section = ReportSection

    private var plans: [PlanComparison.PlanFacts] { comparison.plans }

    // MARK: Rendering

    public var table: String {
        var out = header.map { $0 + "\n" }.joined()
        for section in sections {
            out += "\n" + section.title + "\n"
            if section.rows.isEmpty, let empty = section.empty {
                out += empty + "\n"
            } else {
                var table = TextTable(section.columns)
                for row in section.rows { table.add(row) }
                if !section.totals.isEmpty { table.addRule() }
                for row in section.totals { table.add(row) }
                out += table.text
            }
            out += section.notes.map { $0 + "\n" }.joined()
        }
        return out
    }

    public var markdown: String {
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        var lines = ["# " + lang("Plan comparison"), ""]
        lines += header.dropFirst().map { $0 + "  " }
        for section in sections {
            lines += ["", "## " + section.title, ""]
            if section.rows.isEmpty, let empty = section.empty {
                lines.append(empty)
            } else {
                lines.append("| " + section.columns.map { cell($0.0) }.joined(separator: " | ") + " |")
                lines.append("|" + section.columns.map { $0.1 == .left ? "---|" : "---:|" }.joined())
                for row in section.rows { lines.append("| " + row.map(cell).joined(separator: " | ") + " |") }
                for row in section.totals {
                    lines.append("| " + row.enumerated().map { $0.offset == 0 && !$0.element.isEmpty ? "**\(cell($0.element))**" : cell($0.element) }.joined(separator: " | ") + " |")
                }
            }
            if !section.notes.isEmpty { lines.append("") }
            lines += section.notes.map { $0 + "  " }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Content

    /// The lines above the tables: title, unit, the scenario (or each plan's).
    public var header: [String] {
        var lines = [
            lang("Plan comparison"),
            lang("Money in million VND"),
        ]
        if comparison.sameScenario {
            lines.append(lang("Scenario: ") + "\(plans[0].scenarioName) (\(plans[0].scenario))")
        } else {
            lines.append(lang("The plans were made from different scenarios; each column is computed with its own plan's scenario:"))
            for plan in plans { lines.append("  \(plan.name): \(plan.scenarioName) (\(plan.scenario), \(lang("data")) \(plan.data))") }
        }
        return lines
    }

    private var names: [String] { plans.map(\.name) }

    private func number(_ value: Int) -> String { lang.format(Decimal(value), decimals: 0) }

    /// The shown million-VND values of a column: parts rounded by largest remainder against the total.
    private func shown(_ column: [Money]) -> (parts: [String], total: String) {
        let rounded = LargestRemainder.round(column, in: .trieu, decimals: 0)
        return (rounded.parts.map { lang.format($0, decimals: 0) }, lang.format(rounded.total, decimals: 0))
    }

    private func millions(_ money: Money) -> Decimal { LargestRemainder.round([money], in: .trieu, decimals: 0).total }

    func localityName(_ id: String) -> String { comparison.localityNames[id].map { "\($0) (\(id))" } ?? id }

    func sourceName(_ code: String) -> String { comparison.sourceNames[code].map { lang == .vi ? $0.vi : $0.en } ?? code }

    func statusText(_ status: PlanComparison.Status) -> String {
        switch status {
        case .met(let year): "\(year)"
        case .notMet: lang("not met")
        case .notMissing: lang("not missing")
        }
    }

    func changeText(_ move: PlanComparison.CriterionMove) -> String {
        if let shift = move.shift {
            let years = abs(shift)
            if years == 1 { return shift < 0 ? lang("1 year earlier") : lang("1 year later") }
            return shift < 0 ? lang("\(years) years earlier") : lang("\(years) years later")
        }
        switch (move.from, move.to) {
        case (_, .met): return lang("newly met")
        case (.met, _): return lang("dropped")
        default: return lang("scenario differs")
        }
    }

    /// The tables, in order (docs/compare.md).
    public var sections: [ReportSection] {
        [summary, perYear(lang("Criteria met in the year"), \.criteriaMet,
                          total: (lang("Total (met / missing)"), plans.map { "\(number($0.criteriaMet)) / \(number($0.criteriaMissing))" })),
         perYear(lang("Criteria met by the end of the year"), \.criteriaMetByEnd,
                 total: (lang("Criteria-years (sum)"), plans.map { number($0.criteriaYears) })),
         perYear(lang("Communes reaching standard in the year"), \.communesReachingStandard,
                 total: (lang("Total"), comparison.years.first.map { _ in columnSums(\.communesReachingStandard) } ?? [])),
         perYear(lang("Communes at standard by the end of the year (those at standard before included)"),
                 \.communesAtStandard, total: (lang("Communes"), plans.map { number($0.communes) })),
         spendSection, unspentSection]
            + comparison.diffs.flatMap { [criteriaSection($0), moneySection($0)] }
    }

    private func columnSums(_ value: KeyPath<PlanComparison.YearCell, Int>) -> [String] {
        plans.indices.map { index in number(comparison.years.compactMap { $0.cells[index]?[keyPath: value] }.reduce(0, +)) }
    }

    private var summary: Section {
        var section = Section(title: lang("The plans"), columns: [("", .left)] + names.map { ($0, .right) })
        func row(_ label: String, _ values: (PlanComparison.PlanFacts) -> String) { section.rows.append([label] + plans.map(values)) }
        row(lang("File")) { $0.path }
        if !comparison.sameScenario { row(lang("Scenario")) { $0.scenario } }
        row(lang("Made by")) { lang.name(of: $0.method) }
        row(lang("Years")) { plan in plan.years.first.map { "\($0)-\(plan.years.last!)" } ?? "" }
        row(lang("Objective")) { $0.settings.objective.rawValue }
        row(lang("Kinds planned")) { $0.settings.kinds.description }
        row(lang("Capacity (criteria a commune a year)")) { $0.settings.capacity.map(number) ?? "–" }
        row(lang("Minimum progress")) { $0.settings.minimumProgress.map(number) ?? "–" }
        row(lang("Termination")) { $0.termination }
        row(lang("Objective value")) { plan in plan.objectiveValue.map { lang.format(Decimal($0), decimals: 1) } ?? "–" }
        row(lang("Criteria met / missing")) { "\(number($0.criteriaMet)) / \(number($0.criteriaMissing))" }
        row(lang("Criteria-years")) { number($0.criteriaYears) }
        let last = plans.indices.map { index in comparison.years.last { $0.cells[index] != nil }?.cells[index] }
        section.rows.append([lang("Communes at standard at the end")]
            + plans.indices.map { "\(number(last[$0]?.communesAtStandard ?? 0)) / \(number(plans[$0].communes))" })
        let available = plans.map { millions($0.available) }, spent = plans.map { millions($0.spent) }
        section.rows.append([lang("Money available (million VND)")] + available.map { lang.format($0, decimals: 0) })
        section.rows.append([lang("Spent (million VND)")] + spent.map { lang.format($0, decimals: 0) })
        section.rows.append([lang("Unspent (million VND)")] + plans.indices.map { lang.format(available[$0] - spent[$0], decimals: 0) })
        if plans.contains(where: { $0.unfunded.dong != 0 }) {
            section.rows.append([lang("Unfunded, beyond the envelopes (million VND)")]
                + plans.map { lang.format(millions($0.unfunded), decimals: 0) })
        }
        return section
    }

    private func perYear(_ title: String, _ value: KeyPath<PlanComparison.YearCell, Int>, total: (String, [String])) -> Section {
        var section = Section(title: title, columns: [(lang("Year"), .left)] + names.map { ($0, .right) })
        for row in comparison.years { section.rows.append(["\(row.year)"] + row.cells.map { $0.map { number($0[keyPath: value]) } ?? "–" }) }
        if !total.1.isEmpty { section.totals.append([total.0] + total.1) }
        return section
    }

    private var spendSection: Section {
        var section = Section(
            title: lang("Spend by source and year (million VND)"),
            columns: [(lang("Source"), .left), (lang("Year"), .left)] + names.map { ($0, .right) })
        let columns = plans.indices.map { index in shown(comparison.spend.map { $0.amounts[index] }) }
        for (index, row) in comparison.spend.enumerated() { section.rows.append([sourceName(row.source), "\(row.year)"] + columns.map { $0.parts[index] }) }
        section.totals.append([lang("Total"), ""] + columns.map(\.total))
        return section
    }

    private var unspentSection: Section {
        var section = Section(
            title: lang("Unspent money at the end of the year (million VND)"),
            columns: [(lang("Year"), .left)] + names.map { ($0, .right) })
        for row in comparison.years {
            section.rows.append(["\(row.year)"] + row.cells.map { $0.map { lang.format(millions($0.unspent), decimals: 0) } ?? "–" })
        }
        section.notes.append(lang("Unspent = the envelopes opened by the end of the year (first year ≤ that year) minus what was spent through it."))
        return section
    }

    private func criteriaSection(_ diff: PlanComparison.Diff) -> Section {
        let a = plans[0].name, b = plans[diff.to].name
        var section = Section(
            title: lang("Criteria that move: \(b) against \(a)"),
            columns: [(lang("Commune"), .left), (lang("Criterion"), .right), (a, .right), (b, .right), (lang("Change"), .left)],
            empty: lang("No criterion moves."))
        for move in diff.criteria {
            section.rows.append([localityName(move.commune), move.criterion, statusText(move.from), statusText(move.to), changeText(move)])
        }
        if !diff.criteria.isEmpty {
            let earlier = diff.criteria.filter { ($0.shift ?? 0) < 0 }.count, later = diff.criteria.filter { ($0.shift ?? 0) > 0 }.count
            let gained = diff.criteria.filter { $0.from.year == nil && $0.to.year != nil }.count
            let lost = diff.criteria.filter { $0.from.year != nil && $0.to.year == nil }.count
            section.notes.append(lang("Earlier: \(earlier); later: \(later); newly met: \(gained); dropped: \(lost)."))
        }
        return section
    }

    private func moneySection(_ diff: PlanComparison.Diff) -> Section {
        let a = plans[0].name, b = plans[diff.to].name
        var section = Section(
            title: lang("Money by commune and source (million VND): \(b) against \(a)"),
            columns: [(lang("Commune"), .left), (lang("Source"), .left), (a, .right), (b, .right),
                      (lang("Difference"), .right)],
            empty: lang("No difference in money."))
        guard !diff.money.isEmpty else { return section }
        // Each plan's column is rounded against its own total; the difference is the shown B minus the shown A.
        let from = LargestRemainder.round(diff.money.map(\.from), in: .trieu, decimals: 0)
        let to = LargestRemainder.round(diff.money.map(\.to), in: .trieu, decimals: 0)
        func signed(_ value: Decimal) -> String { (value > 0 ? "+" : "") + lang.format(value, decimals: 0) }
        for (index, move) in diff.money.enumerated() {
            section.rows.append([localityName(move.commune), sourceName(move.source), lang.format(from.parts[index], decimals: 0),
                                 lang.format(to.parts[index], decimals: 0), signed(to.parts[index] - from.parts[index])])
        }
        section.totals.append([lang("Total"), "", lang.format(from.total, decimals: 0), lang.format(to.total, decimals: 0), signed(to.total - from.total)])
        return section
    }

    // MARK: JSON

    /// Stable keys (sorted), exact đồng as integers, null where a value does not apply.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        func settings(_ value: PlanSettings) throws -> Any {
            try JSONSerialization.jsonObject(with: encoder.encode(value))
        }
        func optional(_ value: Any?) -> Any { value ?? NSNull() }
        func status(_ status: PlanComparison.Status) -> String {
            switch status {
            case .met: "met"
            case .notMet: "not_met"
            case .notMissing: "not_missing"
            }
        }
        let planObjects: [[String: Any]] = try plans.enumerated().map { index, plan in
            [
                "name": plan.name, "file": plan.path, "scenario": plan.scenario, "scenario_name": plan.scenarioName, "data": plan.data,
                "settings": try settings(plan.settings), "method": plan.method.rawValue, "years": plan.years, "termination": plan.termination,
                "objective_value": optional(plan.objectiveValue), "criteria_missing": plan.criteriaMissing, "criteria_met": plan.criteriaMet,
                "criteria_years": plan.criteriaYears, "communes": plan.communes, "communes_already_at_standard": plan.communesAlreadyAtStandard,
                "available_dong": plan.available.dong, "spent_dong": plan.spent.dong, "unspent_dong": plan.available.dong - plan.spent.dong, "unfunded_dong": plan.unfunded.dong,
                "by_year": comparison.years.compactMap { row -> [String: Any]? in
                    guard let cell = row.cells[index] else { return nil }
                    return [
                        "year": row.year, "criteria_met": cell.criteriaMet, "criteria_met_by_end": cell.criteriaMetByEnd,
                        "communes_reaching_standard": cell.communesReachingStandard, "communes_at_standard": cell.communesAtStandard,
                        "spent_dong": cell.spent.dong, "available_dong": cell.available.dong, "unspent_dong": cell.unspent.dong,
                    ]
                },
                "spend": comparison.spend.filter { $0.amounts[index].dong != 0 }.map {
                    ["source": $0.source, "year": $0.year, "amount_dong": $0.amounts[index].dong] as [String: Any]
                },
            ]
        }
        let diffObjects: [[String: Any]] = comparison.diffs.map { diff in
            [
                "from": plans[0].name, "to": plans[diff.to].name,
                "criteria": diff.criteria.map { move -> [String: Any] in
                    [
                        "commune": move.commune, "commune_name": optional(comparison.localityNames[move.commune]), "criterion": move.criterion,
                        "status_from": status(move.from), "status_to": status(move.to), "year_from": optional(move.from.year),
                        "year_to": optional(move.to.year), "shift": optional(move.shift),
                    ]
                },
                "money": diff.money.map { move -> [String: Any] in
                    [
                        "commune": move.commune, "commune_name": optional(comparison.localityNames[move.commune]), "source": move.source,
                        "from_dong": move.from.dong, "to_dong": move.to.dong, "difference_dong": move.difference.dong,
                    ]
                },
            ]
        }
        let object: [String: Any] = [
            "format": "ntp-compare", "version": 1, "same_scenario": comparison.sameScenario,
            "years": comparison.years.map(\.year), "plans": planObjects, "diffs": diffObjects,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
