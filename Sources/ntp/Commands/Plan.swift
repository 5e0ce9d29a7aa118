import ArgumentParser
import Foundation
import NTPFiles
import GLPKSwift
import NTPData
import NTPDomain
import NTPOptimization
import NTPPlanning
import NTPReports
import NTPText

/// `ntp plan`: the allocation that meets the most criteria as early as possible within the scenario's
/// budgets and rules.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Optimize the allocation of a scenario: which criteria each commune meets in which year, paid from which envelopes.",
        discussion: """
            The model is docs/model.md: criteria-years (criteria met summed over the years of the horizon), \
            max-standard or min-cost, within every budget and policy rule; searched by commune at every size \
            (up to 40 communes ending with GLPK's branch-and-cut on the whole model), with a proven gap. \
            Every plan is re-checked by the ledger before it is written. Live progress goes to standard \
            error. Exit status: 0 with a plan, 2 when none was found within the limits, 1 on an error.
            """
    )

    @Argument(help: "The scenario file (Scenarios/*.yaml).")
    var scenario: String

    @OptionGroup var options: DataOptions
    var lang: Language { options.lang }

    @Option(help: "Planning years within the scenario's phase, e.g. 2022-2025 (default: the scenario's horizon, else the years its status plans).")
    var horizon: String?

    @Option(help: "Kinds of money to plan, comma-separated (default: the scenario's costs.kinds, else all). The others are taken to be financed outside the scenario's envelopes.")
    var kinds: KindSelection?

    @Option(help: "What to optimize: criteria-years (criteria met summed over the years), min-cost (meet the targets at least cost) or max-standard (most communes at full standard by the last year). Default: the scenario's objective.kind, else criteria-years.")
    var objective: ObjectiveKind?

    @Option(help: "With min-cost: count only the money of this source (and the sources below it).")
    var costSource: String?

    @Option(help: "At most this many criteria completed per commune per year (1-100).")
    var capacity: Int?

    @Option(help: "At least this many criteria a year (on average, 1-100) in every commune not yet at standard; where the money cannot do it the plan falls short as little as possible and says where.")
    var minProgress: Int?

    @Option(help: "Criteria-years added for every year a commune is at full standard (criteria-years objective; 0-1000, default 0).")
    var standardBonus: Int?

    @Option(help: "Priority weights on criteria-years, e.g. border=2,especially-difficult=2,COMMUNE_ID=3 (the highest that applies).")
    var priority: String?

    @Flag(inversion: .prefixedNo, help: "Hold the plan to the official schedule: every criterion the status plans, met by its planned year. When the money cannot do it, the funding gap is shown. (Default: the scenario's policy.official_targets.)")
    var officialTargets: Bool?

    @Option(help: "A mandatory target, repeatable, added to the scenario's policy.targets: COMMUNE_ID@YEAR (at standard), COMMUNE_ID#CRITERION@YEAR, or *#CRITERION (in every commune's plan); without @YEAR, by the last year.")
    var target: [String] = []

    @Option(help: "How to search: automatic or decomposition (by commune, at every size), or direct (GLPK's branch-and-cut on the whole model). Default: the scenario's solver.method, else automatic.")
    var method: SearchMethod?

    @Option(help: "Re-plan from this plan file: its decisions through --lock-through stay as they are (criteria met in those years stay met then, none other is met by then); the later years are optimized again.")
    var lockPlan: String?

    @Option(help: "With --lock-plan: the last year whose decisions are kept.")
    var lockThrough: Int?

    @Option(help: "Wall-clock time limit in seconds, at most 86400 (default: the scenario's solver.time_limit, else 60).")
    var timeLimit: Double?

    @Option(help: "Relative gap at which to stop, 0-1, e.g. 0.005 (default: the scenario's solver.gap, else 0).")
    var gap: Double?

    @Flag(help: "Print the marginal value of money: per envelope, the objective gained per extra billion VND from the LP duals (docs/model.md), cross-checked by re-solving with one billion more in that envelope.")
    var marginal = false

    @Option(help: "Write the plan (JSON, docs/plan-format.md) to this file.")
    var out: String?

    @Option(help: "Also keep the plan in this plan store (SQLite, shared with ntp serve), with the scenario it was made from as a version of its own.")
    var store: String?

    @Option(help: "Write the model as free MPS to this file (cross-check it with ntp solve).")
    var writeMps: String?

    @Flag(help: "Print to standard error, in seconds of wall-clock: loading the scenario and data, building the model (the instance and the whole GLPK problem), and the search (ntp-timings load=… build=… solve=…). Writing the MPS file is not counted.")
    var timings = false

    func validate() throws {
        try check(timeLimit, "--time-limit", Limits.timeLimitSeconds)
        try check(gap, "--gap", Limits.gap)
        try check(capacity, "--capacity", Limits.capacity)
        try check(minProgress, "--min-progress", Limits.minimumProgress)
        try check(standardBonus, "--standard-bonus", Limits.standardBonus)
        try check(lockThrough, "--lock-through", Limits.year)
        if costSource != nil && objective != nil && objective != .minCost { throw ValidationError("--cost-source goes with --objective min-cost") }
        if (lockPlan == nil) != (lockThrough == nil) { throw ValidationError("--lock-plan and --lock-through go together") }
        try checkHorizon(horizon)
        if let priority, case .failure(let error) = PriorityWeights.parse(priority) {
            throw ValidationError(lang("--priority \(error.part): write KEY=WEIGHT with a whole weight \(Limits.priorityWeight.bounds.message)"))
        }
        for text in target {
            do { _ = try TargetSpec(parsing: text) } catch { throw ValidationError(lang("--target \(error.message)")) }
        }
    }

    /// The options given on the command line, each overriding the scenario's value.
    var overrides: PlanSettings.Overrides {
        var overrides = PlanSettings.Overrides()
        overrides.horizon = horizon.flatMap(BudgetScenario.parseYears)
        overrides.kinds = kinds
        overrides.objective = objective
        overrides.costSource = costSource
        overrides.capacity = capacity
        overrides.minimumProgress = minProgress
        overrides.standardBonus = standardBonus
        overrides.priority = priority.flatMap { try? PriorityWeights.parse($0).get() }
        overrides.officialTargets = officialTargets
        overrides.targets = target.compactMap { try? TargetSpec(parsing: $0) }
        overrides.lockPlan = lockPlan
        overrides.lockThrough = lockThrough
        overrides.method = method
        overrides.timeLimit = timeLimit
        overrides.gap = gap
        return overrides
    }

    func run() throws {
        for path in [out, writeMps].compactMap({ $0 }) { try checkOutput(path) }
        let clock = ContinuousClock()
        let start = clock.now
        let progress = ProgressLine()
        // The line ends before anything else is printed: the report, or an error.
        defer { progress.finish() }
        progress.note(lang("Reading the scenario and data…"))
        let loaded = try LoadedScenario(scenario, data: options.data)
        progress.finish()
        printWarnings(loaded.warnings, lang: lang)
        let settings = try PlanSettings(loaded, overrides: overrides)
        if settings.costSource != nil && settings.objective != .minCost { throw ValidationError(lang("a cost source goes with the min-cost objective")) }
        let loadedAt = clock.now
        let setup = try PlanSetup(settings, loaded: loaded)
        let instance = setup.instance
        progress.finish()
        print(PayabilityText(payability: Payability(instance: instance, kinds: settings.kinds), inputs: setup.inputs, lang: lang).text, terminator: "")
        progress.note(lang("Building the model (\(instance.items.count) missing criteria in \(instance.communes.count) communes)…"))
        let model = AllocationModel(instance)
        let builtAt = clock.now
        if let writeMps { try GLPK.write(model.problem, to: URL(fileURLWithPath: writeMps), format: .freeMPS) }

        let solveStart = clock.now
        let result = try model.solve(options: settings.solverOptions(progressInterval: ProgressLine.interval), method: settings.method) { progress.show($0, lang: lang) }
        let solvedAt = clock.now
        progress.finish()
        if timings {
            let seconds = { (duration: Duration) in String(format: "%.3f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) }
            StandardError.write("ntp-timings load=\(seconds(loadedAt - start)) build=\(seconds(builtAt - loadedAt)) solve=\(seconds(solvedAt - solveStart))\n")
        }
        guard result.objectiveValue != nil else {
            print(lang("No plan found: ") + lang.name(of: result.termination))
            if result.termination == .infeasible && !instance.targets.isEmpty {
                let gap = try model.fundingGap(options: MILPOptions(timeLimit: settings.solverOptions().timeLimit, relativeGap: settings.gap))
                print(FundingGapText(gap: gap, setup: setup, lang: lang).text, terminator: "")
            }
            throw ExitCode(2)
        }
        print(PlanSummary(setup: setup, result: result, lang: lang).text)
        if marginal { print(MarginalValueTable(values: try MarginalValue.of(model, result, settings: settings), lang: lang).text) }
        let document = PlanDocument(setup: setup, settings: settings, result: result)
        if let out {
            try document.write(to: URL(fileURLWithPath: out))
            print(lang("Wrote \(out)"))
        }
        if let store { try keep(document, in: store, lang: lang) }
    }
}

extension SearchMethod: ExpressibleByArgument {}
extension ObjectiveKind: ExpressibleByArgument {}
extension KindSelection: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}
