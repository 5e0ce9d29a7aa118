import ArgumentParser
import Foundation
import NTPData
import NTPDomain
import NTPOptimization
import NTPPlanning
import NTPReports
import NTPText

/// `ntp baseline`: a plan made without the optimizer, in the plan format, to compare with.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Make a baseline plan: the official schedule, a split by allocation coefficients, or cheapest criteria first.",
        discussion: """
            official: the schedule the status states, financed by the ledger rules (envelopes listed first \
            in the scenario pay first), with the money it would need where the envelopes fall short. \
            formula: every envelope of the whole area split across communes by the scenario's \
            baseline.coefficients (by commune class, or allocation-coefficients-2026-2030: the 2026-2030 \
            coefficients on the communes' classification), a commune's own envelopes left to it, each \
            commune completing its cheapest criteria first within its share. greedy: cheapest criteria \
            first across the whole area. docs/baselines.md gives the procedures. The plan file has the \
            format of ntp plan's (docs/plan-format.md), so ntp compare takes both.
            """
    )

    @Argument(help: "The scenario file (Scenarios/*.yaml).")
    var scenario: String

    @OptionGroup var options: DataOptions
    var lang: Language { options.lang }

    @Option(help: "official, formula or greedy.")
    var method: BaselineMethod

    @Option(help: "Planning years, e.g. 2022-2025 (default: the scenario's).")
    var horizon: String?

    @Option(help: "Kinds of money to plan, comma-separated (default: the scenario's).")
    var kinds: KindSelection?

    @Option(help: "At most this many criteria per commune per year (1-100), for greedy and formula (default: the scenario's policy.capacity).")
    var capacity: Int?

    @Option(help: "Write the plan (JSON, docs/plan-format.md) to this file.")
    var out: String?

    @Option(help: "Also keep the plan in this plan store (SQLite, shared with ntp serve), with the scenario it was made from as a version of its own.")
    var store: String?

    func validate() throws {
        try check(capacity, "--capacity", Limits.capacity)
        try checkHorizon(horizon)
    }

    func run() throws {
        if let out { try checkOutput(out) }
        let loaded = try LoadedScenario(scenario, data: options.data)
        printWarnings(loaded.warnings, lang: lang)
        var overrides = PlanSettings.Overrides()
        overrides.horizon = horizon.flatMap(BudgetScenario.parseYears)
        overrides.kinds = kinds
        overrides.capacity = capacity
        let progress = ProgressLine()
        let baseline = try BaselineRun(method.planMethod, loaded: loaded, overrides: overrides) { progress.show($0, lang: lang) }
        progress.finish()
        print(PlanSummary(setup: baseline.setup, result: baseline.plan.result, lang: lang).text)
        if !baseline.plan.unfunded.isEmpty {
            print(lang("Money this schedule needs beyond the envelopes: ")
                + lang.format(baseline.plan.totalUnfunded.amount(in: .trieu), decimals: 0) + lang(" million VND"))
        }
        if let out {
            try baseline.document.write(to: URL(fileURLWithPath: out))
            print(lang("Wrote \(out)"))
        }
        if let store { try keep(baseline.document, in: store, lang: lang) }
    }

    /// The baselines `--method` offers.
    enum BaselineMethod: String, ExpressibleByArgument, CaseIterable {
        case official, formula, greedy

        var planMethod: PlanMethod {
            switch self {
            case .official: .official
            case .formula: .formula
            case .greedy: .greedy
            }
        }
    }
}
