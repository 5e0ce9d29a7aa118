import Foundation
import NTPData
import NTPDomain
import NTPOptimization
import NTPPlanning
import NTPText

/// A commune's statuses that need a new assessment, and what the plan does with them.
public struct NeedsAssessmentText {
    let codes: [String]
    let policy: NeedsAssessmentPolicy
    let lang: Language

    public init(codes: [String], policy: NeedsAssessmentPolicy, lang: Language) {
        self.codes = codes
        self.policy = policy
        self.lang = lang
    }

    public var text: String {
        let list = (codes.count == 1 ? lang("criterion ") : lang("criteria ")) + codes.joined(separator: ", ")
        return switch policy {
        case .presumeMissing:
            lang("Needs assessment: \(list), presumed missing (status.needs_assessment: presume_missing)")
        case .exclude:
            lang("Needs assessment: \(list), left out of the plan until assessed (status.needs_assessment: exclude)")
        }
    }
}

/// An explanation in words.
public struct ExplanationText {
    let explanation: Explanation
    let criteria: CriteriaSet
    let lang: Language
    /// Its status needed a new assessment and the scenario presumed it missing.
    let needsAssessment: Bool
    /// The capital sources the envelopes are named by (their code where a source is not listed).
    let sources: [CapitalSource]

    public init(explanation: Explanation, criteria: CriteriaSet, lang: Language, needsAssessment: Bool = false, sources: [CapitalSource] = []) {
        self.explanation = explanation
        self.criteria = criteria
        self.lang = lang
        self.needsAssessment = needsAssessment
        self.sources = sources
    }

    func sourceName(_ code: String) -> String {
        sources.first { $0.code == code }.map { lang == .vi ? $0.nameVi : $0.nameEn } ?? code
    }

    public var text: String {
        let x = explanation
        let code = x.item.criterion
        let criterionName = criteria.criteria.first { $0.code == x.item.countsTowards }.map { lang == .vi ? $0.nameVi : $0.nameEn } ?? ""
        let cost = lang.format(x.cost.amount(in: .trieu), decimals: 0) + lang(" million VND")
        let rate = lang.format(Decimal(x.criteriaYearsPerBillion), decimals: 2)
        var out: String
        if x.item.isIndicator {
            let name = criteria.indicator(code).map { lang == .vi ? $0.nameVi : $0.nameEn ?? $0.nameVi } ?? ""
            out = lang("Indicator \(code) (\(name)) of criterion \(x.item.countsTowards) (\(criterionName)): ")
        } else {
            out = lang("Criterion \(code) (\(criterionName)): ")
        }
        if needsAssessment {
            out += lang("[needs assessment: presumed missing] ")
        }
        if let year = x.year {
            out += lang("met in \(year), ") + lang("costs \(cost), earns \(x.criteriaYears) criteria-years (\(rate) per billion).")
        } else {
            out += lang("not met within the horizon. ")
                + lang("It costs \(cost); met in the first year it would earn \(x.criteriaYears) criteria-years (\(rate) per billion).")
        }
        if !x.unpayable.isEmpty {
            out += "\n  " + lang("No envelope may pay its part: ") + x.unpayable.map(lang.name(of:)).joined(separator: ", ")
                + lang(" — it cannot be met whatever the money in the scenario's envelopes.")
        }
        for envelope in x.envelopes {
            let e = envelope.envelope
            let spent = lang.format(envelope.spent.amount(in: .trieu), decimals: 0) + "/" + lang.format(e.amount.amount(in: .trieu), decimals: 0)
            let value = lang.format(Decimal(envelope.valuePerBillion), decimals: 2)
            out += "\n  " + "\(e.program), \(sourceName(e.source)), \(e.years.lowerBound)-\(e.years.upperBound)"
                + (e.locality == nil ? "" : lang(" (the commune's own)")) + ": "
                + lang("spent \(spent) million; marginal value \(value) criteria-years per extra billion")
            if envelope.valuePerBillion > 1e-9 {
                out += x.criteriaYearsPerBillion < envelope.valuePerBillion
                    ? lang(" (this budget binds, and its money buys more elsewhere)")
                    : lang(" (this budget binds)")
            }
        }
        if !x.capacityFullYears.isEmpty {
            out += "\n  " + lang("The commune is at its capacity in: ") + x.capacityFullYears.map(String.init).joined(separator: ", ")
        }
        for target in x.targets {
            let end = target.year.map(String.init) ?? lang("the horizon")
            out += "\n  " + lang("Mandatory target: met by the end of \(end)")
        }
        return out
    }
}

/// The budget-outcome curve as a terminal table, CSV or JSON.
public struct SweepReport {
    public enum Format: String, Sendable, CaseIterable { case table, csv, json }

    let rows: [SweepRun.Row]
    let lang: Language

    public init(rows: [SweepRun.Row], lang: Language) {
        self.rows = rows
        self.lang = lang
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return String(decoding: (try? encoder.encode(rows)) ?? Data(), as: UTF8.self) + "\n"
        case .csv:
            let header = "scale,money_dong,criteria_years,criteria_met,communes_at_standard,objective,relative_gap"
            let lines = rows.map { row -> String in
                let counts: [String] = [row.criteriaYears, row.criteriaMet, row.communesAtStandard].map { $0.map(String.init) ?? "" }
                let solver: [String] = [row.objective, row.gap].map { $0.map { "\($0)" } ?? "" }
                return (["\(row.scale)", "\(row.money.dong)"] + counts + solver).joined(separator: ",")
            }
            return ([header] + lines).joined(separator: "\n") + "\n"
        case .table:
            var table = TextTable(section.columns)
            for row in section.rows { table.add(row) }
            return table.text
        }
    }

    /// The curve as a table: scale, money, criteria-years, criteria met, communes at standard, gap.
    public var section: ReportSection {
        ReportSection(
            title: lang("Budget-outcome curve"),
            columns: [
                (lang("Scale"), .right), (lang("Money of the sources (million VND)"), .right),
                (lang("Criteria-years"), .right), (lang("Criteria met"), .right),
                (lang("Communes at standard"), .right), (lang("Gap"), .right),
            ],
            rows: rows.map { row in
                [
                    lang.format(row.scale, decimals: 2), lang.format(row.money.amount(in: .trieu), decimals: 0),
                    row.criteriaYears.map(String.init) ?? "–", row.criteriaMet.map(String.init) ?? "–", row.communesAtStandard.map(String.init) ?? "–",
                    row.gap.map { lang.format(Decimal($0 * 100), decimals: 2) + "%" } ?? "–",
                ]
            })
    }
}

extension SweepReport {
    /// The curve as the HTML report draws charts (docs/html-report.md): criteria-years, and communes at
    /// standard, per scale, as bars labelled with the table's figures; a point without a plan is left out
    /// of the bars and says so in its label.
    public var figures: String {
        let categories = rows.map { lang.format($0.scale, decimals: 2) }
        func count(_ value: Int?) -> String { value.map { lang.format(Decimal($0), decimals: 0) } ?? "–" }
        let money = rows.map { lang.format($0.money.amount(in: .trieu), decimals: 0) }
        let description = zip(categories, zip(money, rows)).map { "\($0.0) (\($0.1.0)): \(count($0.1.1.criteriaYears)) / \(count($0.1.1.communesAtStandard))" }
        let criteria = SVGChart(
            title: lang("Criteria-years by scale of the money"),
            description: description.joined(separator: "; "), axisLabel: lang("criteria-years"), categories: categories,
            series: [SVGChart.Series(
                name: lang("Criteria-years"), key: "criteria-years", colorClass: "p0",
                values: rows.map { Double($0.criteriaYears ?? 0) }, labels: rows.map { count($0.criteriaYears) })],
            layout: .grouped, integerAxis: true, format: lang.format, emptyNote: lang("No plan at any scale"))
        let communes = SVGChart(
            title: lang("Communes at standard by scale of the money"),
            description: description.joined(separator: "; "), axisLabel: lang("communes"), categories: categories,
            series: [SVGChart.Series(
                name: lang("Communes at standard at the end"), key: "communes-at-standard", colorClass: "p1",
                values: rows.map { Double($0.communesAtStandard ?? 0) }, labels: rows.map { count($0.communesAtStandard) })],
            layout: .grouped, integerAxis: true, format: lang.format, emptyNote: lang("No plan at any scale"))
        let caption = lang("Scale of the chosen sources' money (1 = the scenario's); – is a point with no plan found within the time allowed.")
        return "<div class=\"charts\">\n"
            + HTMLReport.figure("chart-sweep-criteria-years", chart: criteria, caption: caption, legend: [])
            + HTMLReport.figure("chart-sweep-communes", chart: communes, caption: caption, legend: []) + "</div>\n"
    }
}

/// Per envelope, what one more billion VND is worth (`ntp plan --marginal`).
public struct MarginalValueTable {
    let values: [MarginalValue]?
    let lang: Language

    public init(values: [MarginalValue]?, lang: Language) {
        self.values = values
        self.lang = lang
    }

    public var text: String {
        guard let values else {
            return lang("The time ran out before the marginal values were found.")
        }
        var table = TextTable([
            (lang("Program, source, years"), .left), (lang("LP dual"), .right),
            (lang("Re-solved +1 billion"), .right),
        ])
        for value in values {
            let envelope = value.envelope
            table.add([
                "\(envelope.program), \(envelope.source), \(envelope.years.lowerBound)-\(envelope.years.upperBound)",
                lang.format(Decimal(value.dualPerBillion), decimals: 2), value.resolvedGain.map { lang.format(Decimal($0), decimals: 2) } ?? "–",
            ])
        }
        return "\n" + lang("Marginal value of money (objective gained per extra billion VND):") + "\n"
            + table.text
    }
}

/// The least extra money that would meet the targets, and the targets that need it; or, when no money
/// can, the targets that cannot be met and why, by commune, criterion and year.
public struct FundingGapText {
    let gap: FundingGap
    let setup: PlanSetup
    let lang: Language

    public init(gap: FundingGap, setup: PlanSetup, lang: Language) {
        self.gap = gap
        self.setup = setup
        self.lang = lang
    }

    private func communeName(_ id: String) -> String { setup.inputs.locality(id)?.name ?? id }

    private func targetText(_ target: AllocationInstance.Target) -> String {
        let what = (target.commune.map(communeName) ?? lang("every commune"))
            + (target.criterion.map { lang(", criterion ") + $0 } ?? lang(", at standard"))
        let when = target.year.map { lang(" by ") + String($0) } ?? ""
        return what + when
    }

    public var text: String {
        var lines: [String] = []
        let million = lang(" million VND")
        let envelopes = setup.instance.envelopes
        switch gap.outcome {
        case .extra(let extra):
            lines.append(lang("Money missing to meet the targets (the least):"))
            for (index, money) in extra.sorted(by: { $0.key < $1.key }) {
                let envelope = envelopes[index]
                lines.append("  \(envelope.program), \(setup.inputs.source(envelope.source).map { lang == .vi ? $0.nameVi : $0.nameEn } ?? envelope.source), "
                    + "\(envelope.years.lowerBound)-\(envelope.years.upperBound): " + lang.format(money.amount(in: .trieu), decimals: 0) + million)
            }
            let total = Money(dong: extra.values.reduce(0) { $0 + $1.dong })
            lines.append(lang("  Total: ") + lang.format(total.amount(in: .trieu), decimals: 0) + million)
            if !gap.bindingTargets.isEmpty {
                lines.append(lang("Targets that need this money (dropping one would save up to, a linear estimate):"))
                for (target, saving) in gap.bindingTargets.prefix(20) {
                    lines.append("  " + targetText(target) + ": " + lang.format(saving.amount(in: .trieu), decimals: 0) + million)
                }
                if gap.bindingTargets.count > 20 {
                    lines.append(lang("  … and \(gap.bindingTargets.count - 20) more"))
                }
            }
        case .impossible:
            lines.append(lang("No extra money in the scenario's envelopes meets the targets:"))
            let instance = setup.instance
            var reasons: [String] = []
            for (item, kinds) in instance.unpayableItems {
                for target in instance.targets where target.covers(item) {
                    reasons.append("  " + communeName(item.commune) + lang(", criterion ") + item.criterion
                        + (target.year.map { lang(" by ") + String($0) } ?? "") + ": "
                        + lang("no envelope may pay its ") + kinds.map(lang.name(of:)).joined(separator: ", "))
                }
            }
            lines += reasons.prefix(20)
            if reasons.count > 20 { lines.append(lang("  … and \(reasons.count - 20) more")) }
            for excess in Self.capacityExcess(instance) {
                lines.append("  " + communeName(excess.commune) + ": " + lang("the targets ask for \(excess.required) criteria by the end of \(excess.year), more than the capacity of \(excess.capacity)"))
            }
            if lines.count == 1 {
                lines.append(lang("  some part of a cost has no envelope that may pay for it (see ntp calibrate), or capacity forbids it."))
            }
        case .unknown:
            lines.append(lang("The time ran out before the funding gap was found."))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Communes whose targets ask for more criteria by a year than capacity allows up to it.
    static func capacityExcess(_ instance: AllocationInstance) -> [(commune: String, year: Int, required: Int, capacity: Int)] {
        guard let capacity = instance.policy.capacityPerCommuneYear else { return [] }
        var found: [(commune: String, year: Int, required: Int, capacity: Int)] = []
        for commune in instance.communes {
            let items = instance.items.filter { $0.commune == commune }
            for (index, year) in instance.years.enumerated() {
                let required = items.filter { item in
                    instance.targets.contains { $0.covers(item) && ($0.firstBindingYear(in: instance.years).map { $0 <= index } ?? false) }
                }.count
                let allowed = capacity * (index + 1)
                if required > allowed {
                    found.append((commune, year, required, allowed))
                    break
                }
            }
        }
        return found
    }
}

/// A plan's input that changed since the plan was made, in words: the plan is still read against its
/// own inputs, and the reader is told so.
public func inputChangeNote(_ change: PlanDocument.InputChange, plan: String, lang: Language) -> String {
    switch change {
    case .scenario(let file):
        lang("Note: the scenario \(file) has changed since \(plan) was made; the report uses the inputs the plan carries.")
    case .data(let folder):
        lang("Note: the data folder \(folder) has changed since \(plan) was made; the report uses the inputs the plan carries.")
    }
}

/// What the scenario's envelopes can never pay, said before planning, with what to do about it.
public struct PayabilityText {
    let payability: Payability
    let inputs: PlanInputs
    let lang: Language

    public init(payability: Payability, inputs: PlanInputs, lang: Language) {
        self.payability = payability
        self.inputs = inputs
        self.lang = lang
    }

    /// Empty when everything can be paid.
    public var text: String {
        guard !payability.isComplete else { return "" }
        let p = payability
        var out = lang("Cannot be paid: \(p.unpayableItems) of the \(p.items) missing criteria cannot be met by any plan, because no envelope of the scenario may pay these parts of their cost:")
            + "\n"
        for gap in p.gaps {
            let money = lang.format(gap.money.amount(in: .trieu), decimals: 0) + lang(" million VND")
            let sources = gap.sources.filter { source in !gap.sources.contains { $0.parent == source.code } }
                .map { lang == .vi ? $0.nameVi : $0.nameEn }
            out += "  - " + lang.name(of: gap.kind) + ": " + lang("\(gap.items.count) criteria, \(money)")
            if !sources.isEmpty { out += lang(" (sources that may pay it: ") + sources.joined(separator: "; ") + ")" }
            out += "\n"
        }
        out += lang("What to do: add envelopes for those parts to the scenario")
        if let kinds = p.kindsToPlanInstead {
            let names = kinds.kinds.sorted { $0.rawValue < $1.rawValue }.map(lang.name(of:)).joined(separator: ", ")
            let setting = "costs.kinds: [\(kinds)]", option = "--kinds \(kinds)"
            out += lang(", or plan only \(names) (\(setting) in the scenario, or \(option)) and say who pays the rest")
        }
        return out + ".\n"
    }
}
