import Foundation
import GLPKSwift
import NTPData
import NTPDomain
import NTPOptimization
import NTPPlanning
import NTPText

/// The terminal summary of an optimized plan.
public struct PlanSummary {
    let instance: AllocationInstance
    let result: AllocationResult
    /// Communes at full standard before the plan starts.
    let alreadyAtStandard: Int
    let inputs: PlanInputs
    let lang: Language

    public init(setup: PlanSetup, result: AllocationResult, lang: Language) {
        instance = setup.instance
        self.result = result
        alreadyAtStandard = setup.communesAlreadyAtStandard
        inputs = setup.inputs
        communeNames = Dictionary(setup.inputs.communes.map { ($0.locality.id, $0.locality.name) }, uniquingKeysWith: { first, _ in first })
        self.lang = lang
    }

    let communeNames: [String: String]

    public var text: String {
        // Criteria count once, a criterion planned by indicator when all its indicators are met.
        let criteria = instance.units.count
        let unpayable = Set(instance.unpayableItems.map(\.item.unit)).count
        var out = lang("Status: ") + lang.name(of: result.termination)
        if unpayable > 0 && result.objectiveValue != nil { out += lang(" within what the envelopes may pay") }
        if let gap = result.relativeGap { out += lang(", gap ") + lang.format(Decimal(gap * 100), decimals: 2) + "%" }
        if result.timeLimited {
            out += "\n" + lang("The time limit cut the search short: the same inputs may give another plan (a better one with more time).")
        }
        if unpayable > 0 {
            out += "\n" + lang("Cap: no envelope may pay all of \(unpayable) of the \(criteria) missing criteria; at most \(criteria - unpayable) can be met.")
        }
        out += needsAssessmentText
        out += "\n" + lang("Objective ") + objectiveName + ": "
            + (result.objectiveValue.map { lang.format(Decimal($0), decimals: 1) }
                ?? lang("– (the schedule breaks a row of the model: money, capacity or a target)"))
        if let bound = result.bestBound { out += lang(" (bound ") + lang.format(Decimal(bound), decimals: 1) + ")" }
        out += "\n" + lang("Criteria-years gained: ") + "\(result.criteriaYears(over: instance.years) ?? 0)"
        out += "\n\n"

        var table = TextTable([(lang("Year"), .left), (lang("Criteria met"), .right), (lang("Communes at standard"), .right)])
        for year in instance.years {
            let met = result.units.values.filter { $0 == year }.count
            let atStandard = alreadyAtStandard + result.communesCompleting(by: year, items: instance.items).count
            table.add(["\(year)", "\(met)", "\(atStandard)"])
        }
        table.addRule()
        table.add([lang("Total"), "\(result.units.count) / \(criteria)", ""])
        out += table.text
        let indicators = instance.items.filter(\.isIndicator)
        if !indicators.isEmpty {
            let met = indicators.filter { result.completion[$0] != nil }.count
            out += lang("Indicators met (criteria planned by indicator): \(met) / \(indicators.count)\n")
        }

        // Spend by source and year, shown in triệu with exact totals.
        let spent = SourceYear.totals(result.plan.lines)
        let keys = spent.keys.sorted()
        let shown = LargestRemainder.round(keys.map { spent[$0]! }, in: .trieu, decimals: 0)
        var spend = TextTable([(lang("Source"), .left), (lang("Year"), .left), (lang("Amount (million VND)"), .right)])
        for (index, key) in keys.enumerated() {
            let name = inputs.source(key.source).map { lang == .vi ? $0.nameVi : $0.nameEn } ?? key.source
            spend.add([name, "\(key.year)", lang.format(shown.parts[index], decimals: 0)])
        }
        spend.addRule()
        spend.add([lang("Total"), "", lang.format(shown.total, decimals: 0)])
        out += "\n" + spend.text

        if !result.shortfalls.isEmpty {
            out += "\n" + lang("The money cannot give every commune \(instance.policy.minimumProgress ?? 0) more criteria a year; short by (counted to the end of the year):") + "\n"
            var short = TextTable([(lang("Commune"), .left), (lang("Year"), .left), (lang("Criteria short"), .right)])
            for shortfall in result.shortfalls {
                short.add([communeNames[shortfall.commune] ?? shortfall.commune, "\(shortfall.year)", "\(shortfall.criteria)"])
            }
            out += short.text
        }
        return out
    }

    /// How many statuses needed a new assessment, what the plan did with them, and where; empty when none.
    private var needsAssessmentText: String {
        let communes = inputs.needsAssessment
        guard !communes.isEmpty else { return "" }
        let count = communes.reduce(0) { $0 + $1.codes.count }
        let excluded = inputs.needsAssessmentPolicy == .exclude
        let treated = excluded ? lang("left out of the plan until assessed")
            : lang("presumed missing and planned")
        let setting = "status.needs_assessment: \(inputs.needsAssessmentPolicy?.rawValue ?? "?")"
        var out = "\n" + lang("Needs assessment: \(count) criteria in \(communes.count) communes \(treated) (\(setting)):")
        var line = ""
        for (index, entry) in communes.enumerated() {
            let part = "\(entry.commune.name) (\(entry.codes.count))" + (index < communes.count - 1 ? "," : ".")
            if line.count + part.count + 1 > 100 {
                out += "\n  " + line
                line = part
            } else {
                line += line.isEmpty ? part : " " + part
            }
        }
        return out + "\n  " + line
    }

    private var objectiveName: String {
        switch instance.objective {
        case .criteriaYears: lang("criteria-years")
        case .maxStandard: lang("communes at standard (weighted)")
        case .minCost(let source): lang("cost (million VND") + (source.map { ", \($0)" } ?? "") + ")"
        }
    }
}

