import ArgumentParser
import Foundation
import GLPKSwift
import NTPData
import NTPDomain
import NTPOptimization

/// `ntp plan`: the allocation that meets the most criteria as early as possible within the scenario's
/// budgets and rules.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Optimize the allocation of a scenario: which criteria each commune meets in which year, paid from which envelopes.",
        discussion: """
            The model is docs/model.md: criteria-years (criteria met summed over the years of the horizon), \
            max-standard or min-cost, within every budget and policy rule; below 40 communes GLPK's \
            branch-and-cut on the whole model, from 40 a decomposition by commune, both with a proven gap. \
            Every plan is re-checked by the ledger before it is written. Live progress goes to standard \
            error. Exit status: 0 with a plan, 2 when none was found within the limits, 1 on an error.
            """
    )

    @Argument(help: "The scenario file (Scenarios/*.yaml).")
    var scenario: String

    @OptionGroup var options: DataOptions
    var lang: Language { options.lang }

    @Option(help: "Planning years, e.g. 2022-2025 (default: the scenario's horizon, else the years its status plans).")
    var horizon: String?

    @Option(help: "Kinds of money to plan, comma-separated (default: the scenario's costs.kinds, else all). The others are taken to be financed outside the scenario's envelopes.")
    var kinds: KindSelection?

    @Option(help: "What to optimize: criteria-years (criteria met summed over the years), min-cost (meet the targets at least cost) or max-standard (most communes at full standard by the last year). Default: the scenario's objective.kind, else criteria-years.")
    var objective: ObjectiveChoice?

    @Option(help: "With min-cost: count only the money of this source (and the sources below it).")
    var costSource: String?

    @Option(help: "At most this many criteria completed per commune per year.")
    var capacity: Int?

    @Option(help: "At least this many criteria a year (on average) in every commune not yet at standard; where the money cannot do it the plan falls short as little as possible and says where.")
    var minProgress: Int?

    @Option(help: "Criteria-years added for every year a commune is at full standard (criteria-years objective; default 0).")
    var standardBonus: Int?

    @Option(help: "Priority weights on criteria-years, e.g. border=2,especially-difficult=2,COMMUNE_ID=3 (the highest that applies).")
    var priority: String?

    @Flag(inversion: .prefixedNo, help: "Hold the plan to the official schedule: every criterion the status plans, met by its planned year. When the money cannot do it, the funding gap is shown. (Default: the scenario's policy.official_targets.)")
    var officialTargets: Bool?

    @Option(help: "A mandatory target, repeatable, added to the scenario's policy.targets: COMMUNE_ID@YEAR (at standard), COMMUNE_ID#CRITERION@YEAR, or *#CRITERION (in every commune's plan); without @YEAR, by the last year.")
    var target: [String] = []

    @Option(help: "How to search: automatic (direct below 40 communes), direct (branch-and-cut on the whole model) or decomposition (by commune, for provinces). Default: the scenario's solver.method, else automatic.")
    var method: AllocationModel.Method?

    @Option(help: "Re-plan from this plan file: its decisions through --lock-through stay as they are (criteria met in those years stay met then, none other is met by then); the later years are optimized again.")
    var lockPlan: String?

    @Option(help: "With --lock-plan: the last year whose decisions are kept.")
    var lockThrough: Int?

    @Option(help: "Wall-clock time limit in seconds (default: the scenario's solver.time_limit, else 60).")
    var timeLimit: Double?

    @Option(help: "Relative gap at which to stop, e.g. 0.005 (default: the scenario's solver.gap, else 0).")
    var gap: Double?

    @Flag(help: "Print the marginal value of money: per envelope, the objective gained per extra billion VND from the LP duals (docs/model.md), cross-checked by re-solving with one billion more in that envelope.")
    var marginal = false

    @Option(help: "Write the plan (JSON, docs/plan-format.md) to this file.")
    var out: String?

    @Option(help: "Write the model as free MPS to this file (cross-check it with ntp solve).")
    var writeMps: String?

    @Flag(help: "Print to standard error, in seconds of wall-clock: loading the scenario and data, building the model (the instance and the whole GLPK problem), and the search (ntp-timings load=… build=… solve=…). Writing the MPS file is not counted.")
    var timings = false

    func validate() throws {
        if let timeLimit, !(timeLimit > 0) { throw ValidationError("--time-limit must be positive") }
        if let gap, !(gap >= 0) { throw ValidationError("--gap must be ≥ 0") }
        if let capacity, capacity < 1 { throw ValidationError("--capacity must be at least 1") }
        if let minProgress, minProgress < 1 { throw ValidationError("--min-progress must be at least 1") }
        if let standardBonus, standardBonus < 0 { throw ValidationError("--standard-bonus must be ≥ 0") }
        if costSource != nil && objective != nil && objective != .minCost { throw ValidationError("--cost-source goes with --objective min-cost") }
        if (lockPlan == nil) != (lockThrough == nil) { throw ValidationError("--lock-plan and --lock-through go together") }
    }

    /// The scenario's options with this command's over them.
    func settings(over scenarioOptions: ScenarioOptions) throws -> PlanSettings {
        var years: [Int]?
        if let horizon {
            guard let span = BudgetScenario.parseYears(horizon) else { throw ValidationError("--horizon must read like 2022-2025") }
            years = Array(span)
        }
        return PlanSettings.effective(
            scenario: scenario, data: options.data, options: scenarioOptions, horizon: years, kinds: kinds, objective: objective, costSource: costSource,
            capacity: capacity, minimumProgress: minProgress, standardBonus: standardBonus, priority: priority, officialTargets: officialTargets,
            targets: target, lockPlan: lockPlan, lockThrough: lockThrough, method: method, timeLimit: timeLimit, gap: gap)
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let loaded = try LoadedScenario(scenario, data: options.data)
        let settings = try settings(over: loaded.options)
        if settings.costSource != nil && settings.objective != .minCost { throw ValidationError("a cost source goes with the min-cost objective") }
        let loadedAt = clock.now
        let setup = try PlanSetup(settings, loaded: loaded)
        let instance = setup.instance
        let model = AllocationModel(instance)
        let builtAt = clock.now
        if let writeMps { try GLPK.write(model.problem, to: URL(fileURLWithPath: writeMps), format: .freeMPS) }

        let progress = ProgressLine()
        let solveStart = clock.now
        let result = try model.solve(options: settings.solverOptions, method: settings.searchMethod) { progress.show($0) }
        let solvedAt = clock.now
        progress.finish()
        if timings {
            let seconds = { (duration: Duration) in String(format: "%.3f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) }
            StandardError.write("ntp-timings load=\(seconds(loadedAt - start)) build=\(seconds(builtAt - loadedAt)) solve=\(seconds(solvedAt - solveStart))\n")
        }
        guard result.objectiveValue != nil else {
            print(lang.pick("Không tìm được kế hoạch: \(result.termination.label)", "No plan found: \(result.termination.label)"))
            if result.termination == .infeasible && !instance.targets.isEmpty { try printFundingGap(model, instance.envelopes, settings) }
            throw ExitCode(2)
        }
        print(PlanSummary(
            instance: instance, result: result, communes: setup.costs.communes, standardSize: setup.costs.criteriaSet.criteria.count,
            catalogs: setup.dataSet.catalogs, lang: lang).text)
        if marginal { try printMarginalValues(model, result, settings) }
        if let out {
            let document = PlanDocument(settings: settings, scenarioName: setup.budget.name, years: instance.years, result: result)
            try document.write(to: URL(fileURLWithPath: out))
            print(lang.pick("Đã ghi \(out)", "Wrote \(out)"))
        }
    }

    /// Per envelope: the LP's marginal value and the gain of re-solving with one billion more.
    private func printMarginalValues(_ model: AllocationModel, _ result: AllocationResult, _ settings: PlanSettings) throws {
        let limit = settings.solverOptions.timeLimit
        guard let values = try model.marginalValues(completion: result.completion, timeLimit: limit), let base = result.objectiveValue else {
            print(lang.pick("Hết thời gian trước khi tính được giá trị biên của vốn.", "The time ran out before the marginal values were found."))
            return
        }
        print("\n" + lang.pick("Giá trị biên của vốn (mục tiêu tăng thêm mỗi tỷ đồng):", "Marginal value of money (objective gained per extra billion VND):"))
        var table = TextTable([
            (lang.pick("Chương trình, nguồn, năm", "Program, source, years"), .left), (lang.pick("Đối ngẫu LP", "LP dual"), .right),
            (lang.pick("Giải lại +1 tỷ", "Re-solved +1 billion"), .right),
        ])
        for (e, dual) in values.sorted(by: { $0.key < $1.key }) {
            let envelope = model.instance.envelopes[e]
            let richer = try AllocationModel(model.instance.adding([e: Money(dong: 1_000_000_000)])).solve(
                options: MILPOptions(timeLimit: limit, relativeGap: settings.gap ?? 0), method: settings.searchMethod)
            let gained = richer.objectiveValue.map { lang.format(Decimal($0 - base), decimals: 2) } ?? "–"
            table.add(["\(envelope.program), \(envelope.source), \(envelope.years.lowerBound)-\(envelope.years.upperBound)", lang.format(Decimal(dual * 1000), decimals: 2), gained])
        }
        print(table.text)
    }

    /// The least extra money per envelope that would meet the targets.
    private func printFundingGap(_ model: AllocationModel, _ envelopes: [BudgetEnvelope], _ settings: PlanSettings) throws {
        let gap = try model.fundingGap(options: MILPOptions(timeLimit: settings.solverOptions.timeLimit, relativeGap: settings.gap ?? 0))
        switch gap.outcome {
        case .extra(let extra):
            print(lang.pick("Vốn còn thiếu để đạt các mục tiêu (ít nhất):", "Money missing to meet the targets (the least):"))
            for (index, money) in extra.sorted(by: { $0.key < $1.key }) {
                let envelope = envelopes[index]
                print("  \(envelope.program), \(envelope.source), \(envelope.years.lowerBound)-\(envelope.years.upperBound): "
                    + lang.format(money.amount(in: .trieu), decimals: 0) + lang.pick(" triệu đồng", " million VND"))
            }
            let total = Money(dong: extra.values.reduce(0) { $0 + $1.dong })
            print(lang.pick("  Cộng: ", "  Total: ") + lang.format(total.amount(in: .trieu), decimals: 0) + lang.pick(" triệu đồng", " million VND"))
            if !gap.bindingTargets.isEmpty {
                print(lang.pick("Các mục tiêu cần số vốn thêm này (bỏ mục tiêu thì bớt được tối đa, ước tính tuyến tính):", "Targets that need this money (dropping one would save up to, a linear estimate):"))
                for (target, saving) in gap.bindingTargets.prefix(20) {
                    let what = (target.commune ?? lang.pick("mọi xã", "every commune")) + (target.criterion.map { lang.pick(", tiêu chí ", ", criterion ") + $0 } ?? lang.pick(", đạt chuẩn", ", at standard"))
                    let when = target.year.map { lang.pick(" trước hết năm ", " by ") + String($0) } ?? ""
                    print("  " + what + when + ": " + lang.format(saving.amount(in: .trieu), decimals: 0) + lang.pick(" triệu đồng", " million VND"))
                }
                if gap.bindingTargets.count > 20 { print(lang.pick("  … và \(gap.bindingTargets.count - 20) mục tiêu khác", "  … and \(gap.bindingTargets.count - 20) more")) }
            }
        case .impossible:
            print(lang.pick(
                "Không thêm vốn nào vào các nguồn hiện có đạt được các mục tiêu: có phần chi phí không nguồn nào được chi (xem ntp calibrate), hoặc vượt năng lực thực hiện.",
                "No extra money in the scenario's envelopes meets the targets: some part of a cost has no envelope that may pay for it (see ntp calibrate), or capacity forbids it."))
        case .unknown:
            print(lang.pick("Hết thời gian trước khi tính được vốn còn thiếu.", "The time ran out before the funding gap was found."))
        }
    }
}

extension AllocationModel.Method: ExpressibleByArgument {}
