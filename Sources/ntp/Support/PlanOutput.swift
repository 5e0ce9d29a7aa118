import Foundation
import GLPKSwift
import NTPData
import NTPDomain
import NTPOptimization

/// The terminal summary of an optimized plan.
struct PlanSummary {
    let instance: AllocationInstance
    let result: AllocationResult
    let communes: [CostScenario.Commune]
    /// How many criteria make the standard (19 for the national commune set).
    let standardSize: Int
    let catalogs: Catalogs
    let lang: Language

    func text(criteriaYears: Int) -> String {
        var out = lang.pick("Trạng thái: ", "Status: ") + result.termination.label
        if let gap = result.relativeGap { out += lang.pick(", khoảng cách ", ", gap ") + lang.format(Decimal(gap * 100), decimals: 2) + "%" }
        out += "\n" + lang.pick("Tiêu chí-năm đạt thêm: ", "Criteria-years gained: ") + "\(criteriaYears)"
        if let bound = result.bestBound { out += lang.pick(" (cận trên ", " (bound ") + lang.format(Decimal(bound), decimals: 1) + ")" }
        out += "\n\n"

        var table = TextTable([(lang.pick("Năm", "Year"), .left), (lang.pick("Tiêu chí đạt", "Criteria met"), .right), (lang.pick("Xã đạt chuẩn", "Communes at standard"), .right)])
        for year in instance.years {
            let met = result.completion.values.filter { $0 == year }.count
            // Communes with nothing missing are at standard already; the others once all their items are met.
            let atStandard = communes.filter { $0.missing.isEmpty && $0.met.count >= standardSize }.count
                + result.communesCompleting(by: year, items: instance.items).count
            table.add(["\(year)", "\(met)", "\(atStandard)"])
        }
        table.addRule()
        table.add([lang.pick("Cộng", "Total"), "\(result.completion.count) / \(instance.items.count)", ""])
        out += table.text

        // Spend by source and year, shown in triệu with exact totals.
        let keys = Array(Set(result.plan.lines.map { "\($0.source)|\($0.year)" })).sorted()
        let amounts = keys.map { key in Money(dong: result.plan.lines.filter { "\($0.source)|\($0.year)" == key }.reduce(0) { $0 + $1.amount.dong }) }
        let shown = LargestRemainder.round(amounts, in: .trieu, decimals: 0)
        var spend = TextTable([(lang.pick("Nguồn vốn", "Source"), .left), (lang.pick("Năm", "Year"), .left), (lang.pick("Số tiền (triệu đồng)", "Amount (million VND)"), .right)])
        for (index, key) in keys.enumerated() {
            let parts = key.split(separator: "|").map(String.init)
            let name = catalogs.source(parts[0]).map { lang == .vi ? $0.nameVi : $0.nameEn } ?? parts[0]
            spend.add([name, parts[1], lang.format(shown.parts[index], decimals: 0)])
        }
        spend.addRule()
        spend.add([lang.pick("Cộng", "Total"), "", lang.format(shown.total, decimals: 0)])
        out += "\n" + spend.text
        return out
    }
}

/// The plan file (docs/plan-format.md).
struct PlanDocument: Encodable {
    struct Completion: Encodable {
        let commune, criterion: String
        let year: Int
    }

    struct Line: Encodable {
        let locality: String
        let criterion: String?
        let program, source: String
        let year: Int
        let amount_dong: Int64
    }

    let format = "ntp-plan"
    let version = 1
    let generated_by: String
    let scenario: String
    let scenario_name: String
    let data: String
    let objective = "criteria-years"
    let years: [Int]
    let kinds: String
    let termination: String
    let criteria_years: Int?
    let best_bound: Double?
    let relative_gap: Double?
    let completions: [Completion]
    let lines: [Line]

    init(scenario: String, scenarioName: String, data: String, years: [Int], kinds: String, result: AllocationResult) {
        generated_by = "ntp \(NTP.configuration.version) "
        self.scenario = scenario
        scenario_name = scenarioName
        self.data = data
        self.years = years
        self.kinds = kinds
        termination = result.termination.rawValue
        criteria_years = result.criteriaYears
        best_bound = result.bestBound
        relative_gap = result.relativeGap
        completions = result.completion.map { Completion(commune: $0.key.commune, criterion: $0.key.criterion, year: $0.value) }
            .sorted { ($0.commune, Int($0.criterion) ?? 0) < ($1.commune, Int($1.criterion) ?? 0) }
        lines = result.plan.lines.map {
            Line(locality: $0.locality, criterion: $0.criterion, program: $0.program, source: $0.source, year: $0.year, amount_dong: $0.amount.dong)
        }
    }

    /// Writes the plan atomically: the file appears whole or not at all.
    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: url, options: .atomic)
    }
}
