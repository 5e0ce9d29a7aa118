import CSV
import Foundation
import NTPData
import NTPDomain
import NTPText

/// What each criterion a commune still misses costs (`ntp costs`): a terminal table, or CSV in exact đồng.
public struct CostReport {
    let scenario: CostScenario
    let costs: [CriterionCost]
    let lang: Language
    /// Whether the table lists the basis of every norm used.
    let basis: Bool

    public init(scenario: CostScenario, costs: [CriterionCost], lang: Language, basis: Bool) {
        self.scenario = scenario
        self.costs = costs
        self.lang = lang
        self.basis = basis
    }

    private func name(_ code: String, _ set: CriteriaSet) -> String {
        set.criterion(for: code).map { "\(code). " + (lang == .vi ? $0.nameVi : $0.nameEn) } ?? code
    }

    public var table: String {
        let kinds = MoneyKind.allCases
        let columns = [costs.map(\.amount)] + kinds.map { kind in costs.map { $0.byKind[kind] ?? .zero } }
        let shown = columns.map { LargestRemainder.round($0, in: .trieu, decimals: 0) }
        var table = TextTable(
            [(lang("Commune"), .left), (lang("Criterion"), .left), (lang("Cost"), .right),
             (lang("Construction"), .right), (lang("Recurrent"), .right), (lang("Credit"), .right),
             (lang("Community, firms"), .right), (lang("Build yrs"), .right), (lang("Steps"), .left)])
        for (index, cost) in costs.enumerated() {
            let commune = scenario.communes.first { $0.locality.id == cost.locality }?.locality.name ?? cost.locality
            table.add(
                [commune, name(cost.criterion, scenario.criteriaSet)] + shown.map { lang.format($0.parts[index], decimals: 0) }
                    + ["\(cost.buildYears)", cost.steps.joined(separator: "; ")])
        }
        table.addRule()
        table.add([lang("Total"), lang("\(costs.count) criteria")] + shown.map { lang.format($0.total, decimals: 0) })
        var out = scenario.name + "\n" + lang("Cost level: \(scenario.level.rawValue); unit: million VND\n\n") + table.text
        let upkeep = scenario.maintenance().filter { $0.perYear.dong > 0 }
        if !upkeep.isEmpty {
            out += "\n" + lang("Upkeep of criteria already met (per year)\n")
            for (commune, perYear) in upkeep { out += "  \(commune.name): \(lang.format(perYear.amount(in: .trieu), decimals: 0))\n" }
        }
        if basis {
            out += "\n" + lang("Basis of the norms\n")
            for code in Set(costs.map(\.criterion)).sorted(by: { Int($0) ?? 0 < Int($1) ?? 0 }) {
                out += name(code, scenario.criteriaSet) + "\n"
                for line in scenario.model.norms[code]?.basis ?? [] { out += "  - \(line)\n" }
            }
        }
        return out
    }

    public func csv() throws -> String {
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: ["locality", "criterion", "level", "amount_dong"] + MoneyKind.allCases.map { "\($0.rawValue)_dong" } + ["build_years", "maintenance_per_year_dong", "steps"])
        for cost in costs {
            try writer.write(
                row: [cost.locality, cost.criterion, scenario.level.rawValue, "\(cost.amount.dong)"] + MoneyKind.allCases.map { "\(cost.byKind[$0]?.dong ?? 0)" }
                    + ["\(cost.buildYears)", "\(cost.maintenancePerYear.dong)", cost.steps.joined(separator: "; ")])
        }
        writer.stream.close()
        return String(decoding: writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data(), as: UTF8.self) + "\n"
    }
}
