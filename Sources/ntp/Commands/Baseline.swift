import ArgumentParser
import Foundation
import NTPData
import NTPDomain
import NTPOptimization

/// `ntp baseline`: a plan made without the optimizer, in the plan format, to compare with.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Make a baseline plan: the official schedule, a split by allocation coefficients, or cheapest criteria first.",
        discussion: """
            official: the schedule the status states, financed by the ledger rules (envelopes listed first \
            in the scenario pay first), with the money it would need where the envelopes fall short. \
            formula: every envelope split across communes by the scenario's baseline.coefficients, each \
            commune completing its cheapest criteria first within its share. greedy: cheapest criteria \
            first across the whole area. docs/baselines.md gives the procedures. The plan file has the \
            format of ntp plan's (docs/plan-format.md), so ntp compare takes both.
            """
    )

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case official, formula, greedy
    }

    @Argument(help: "The scenario file (Scenarios/*.yaml).")
    var scenario: String

    @OptionGroup var options: DataOptions
    var lang: Language { options.lang }

    @Option(help: "official, formula or greedy.")
    var method: Method

    @Option(help: "Planning years, e.g. 2022-2025 (default: the scenario's).")
    var horizon: String?

    @Option(help: "Kinds of money to plan, comma-separated (default: the scenario's).")
    var kinds: KindSelection?

    @Option(help: "At most this many criteria per commune per year, for greedy and formula (default: the scenario's policy.capacity).")
    var capacity: Int?

    @Option(help: "Write the plan (JSON, docs/plan-format.md) to this file.")
    var out: String?

    func validate() throws {
        if let capacity, capacity < 1 { throw ValidationError("--capacity must be at least 1") }
    }

    func run() throws {
        let loaded = try LoadedScenario(scenario, data: options.data)
        var years: [Int]?
        if let horizon {
            guard let span = BudgetScenario.parseYears(horizon) else { throw ValidationError("--horizon must read like 2022-2025") }
            years = Array(span)
        }
        // The baseline is measured against the scenario's own objective and policy, without its targets.
        var settings = PlanSettings.effective(
            scenario: scenario, data: options.data, options: loaded.options, horizon: years, kinds: kinds, capacity: capacity)
        settings.officialTargets = false
        settings.targets = []
        if settings.objective == .minCost { settings.objective = .criteriaYears; settings.costSource = nil }
        let setup = try PlanSetup(settings, loaded: loaded)
        let instance = setup.instance

        let baseline: BaselinePlan
        switch method {
        case .official:
            var schedule: [AllocationInstance.Item: Int] = [:]
            let items = Dictionary(instance.items.map { ("\($0.commune)#\($0.criterion)", $0) }, uniquingKeysWith: { first, _ in first })
            for planned in setup.costs.plannedCosts() {
                if let item = items["\(planned.cost.locality)#\(planned.cost.criterion)"] { schedule[item] = planned.year }
            }
            baseline = try Baseline.official(instance, schedule: schedule)
        case .formula:
            guard let coefficients = loaded.options.coefficients else {
                throw ValidationError("\(scenario): the formula baseline needs baseline.coefficients (Scenarios/README.md)")
            }
            let byCommune = Dictionary(uniqueKeysWithValues: setup.costs.communes.map { ($0.locality.id, coefficients.coefficient(of: $0.locality)) })
            baseline = try Baseline.formula(instance, coefficients: byCommune)
        case .greedy:
            baseline = try Baseline.greedy(instance)
        }
        print(PlanSummary(
            instance: instance, result: baseline.result, communes: setup.costs.communes, standardSize: setup.costs.criteriaSet.criteria.count,
            catalogs: setup.dataSet.catalogs, lang: lang).text)
        if !baseline.unfunded.isEmpty {
            print(lang.pick("Vốn còn thiếu cho lịch trình này (ngoài các nguồn): ", "Money this schedule needs beyond the envelopes: ")
                + lang.format(baseline.totalUnfunded.amount(in: .trieu), decimals: 0) + lang.pick(" triệu đồng", " million VND"))
        }
        if let out {
            let document = PlanDocument(
                settings: settings, scenarioName: setup.budget.name, years: instance.years, result: baseline.result, method: method.rawValue,
                unfunded: baseline.unfunded)
            try document.write(to: URL(fileURLWithPath: out))
            print(lang.pick("Đã ghi \(out)", "Wrote \(out)"))
        }
    }
}
