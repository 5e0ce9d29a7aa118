import ArgumentParser
import Foundation
import GLPKSwift
import NTPData
import NTPDomain
import NTPOptimization

/// What a plan is made from: the scenario, the data and every choice of `ntp plan` (the scenario's own
/// options, overridden by the command line). Recorded in the plan file, so `ntp explain` rebuilds the
/// same model and a run can be repeated.
struct PlanSettings: Codable, Equatable {
    var scenario: String
    var data: String
    /// The planning years; nil for the years the status document plans.
    var horizon: [Int]?
    var kinds: String
    var objective: ObjectiveChoice
    /// The source whose money min-cost counts (nil: all money).
    var costSource: String?
    var capacity: Int?
    var minimumProgress: Int?
    var standardBonus: Int
    /// Priority weights, e.g. "border=2,especially-difficult=2,lang-son/x=3".
    var priority: String?
    var officialTargets: Bool
    /// Targets as written (`[COMMUNE|*][#CRITERION][@YEAR]`): the scenario's, then the command line's.
    var targets: [String]
    /// A plan whose decisions up to `lockThrough` are kept while the rest is re-planned.
    var lockPlan: String?
    var lockThrough: Int?
    /// The search (absent in plans written before scenarios carried solver options).
    var method: String?
    var timeLimit: Double?
    var gap: Double?

    /// The scenario's options with the command line's over them (`nil`: not given there).
    static func effective(
        scenario: String, data: String, options: ScenarioOptions, horizon: [Int]? = nil, kinds: KindSelection? = nil,
        objective: ObjectiveChoice? = nil, costSource: String? = nil, capacity: Int? = nil, minimumProgress: Int? = nil,
        standardBonus: Int? = nil, priority: String? = nil, officialTargets: Bool? = nil, targets: [String] = [], lockPlan: String? = nil,
        lockThrough: Int? = nil, method: AllocationModel.Method? = nil, timeLimit: Double? = nil, gap: Double? = nil
    ) -> PlanSettings {
        let scenarioPriority = options.priority.map { "\($0.key)=\($0.weight)" }.joined(separator: ",")
        return PlanSettings(
            scenario: scenario, data: data, horizon: horizon ?? options.horizon.map { Array($0) },
            kinds: (kinds ?? options.kinds.map { KindSelection(kinds: $0) } ?? KindSelection(kinds: Set(MoneyKind.allCases))).description,
            objective: objective ?? options.objective.flatMap(ObjectiveChoice.init(rawValue:)) ?? .criteriaYears,
            costSource: costSource ?? (objective == nil || objective == .minCost ? options.costSource : nil),
            capacity: capacity ?? options.capacity, minimumProgress: minimumProgress ?? options.minimumProgress,
            standardBonus: standardBonus ?? options.standardBonus ?? 0, priority: priority ?? (scenarioPriority.isEmpty ? nil : scenarioPriority),
            officialTargets: officialTargets ?? options.officialTargets ?? false, targets: options.targets.map(\.text) + targets,
            lockPlan: lockPlan, lockThrough: lockThrough,
            method: (method?.rawValue ?? options.method) ?? AllocationModel.Method.automatic.rawValue,
            timeLimit: timeLimit ?? options.timeLimitSeconds ?? 60, gap: gap ?? options.gap ?? 0)
    }

    var searchMethod: AllocationModel.Method { method.flatMap(AllocationModel.Method.init(rawValue:)) ?? .automatic }
    var solverOptions: MILPOptions {
        MILPOptions(timeLimit: .milliseconds(Int64((timeLimit ?? 60) * 1000)), relativeGap: gap ?? 0, progressInterval: ProgressLine.interval)
    }
}

enum ObjectiveChoice: String, Codable, CaseIterable, ExpressibleByArgument {
    case criteriaYears = "criteria-years"
    case minCost = "min-cost"
    case maxStandard = "max-standard"
}

/// A scenario file resolved and loaded: its budget, costs and options.
struct LoadedScenario {
    let dataSet: DataSet
    let resolved: ResolvedScenario
    let budget: BudgetScenario
    let costs: CostScenario
    let options: ScenarioOptions

    init(_ path: String, data: String) throws {
        let dataSet = try loadDataSet(data)
        var diagnostics = Diagnostics()
        guard let resolved = ResolvedScenario.load(url: URL(fileURLWithPath: path), catalogs: dataSet.catalogs, diagnostics: &diagnostics) else {
            try requireNoErrors(diagnostics)
            throw ExitCode.failure
        }
        let budget = BudgetScenario.load(resolved, data: dataSet, diagnostics: &diagnostics)
        let costs = CostScenario.load(resolved, data: dataSet, diagnostics: &diagnostics)
        let options = costs.flatMap { ScenarioOptions.load(resolved, costs: $0, catalogs: dataSet.catalogs, diagnostics: &diagnostics) }
        try requireNoErrors(diagnostics)
        guard let budget, let costs, let options else { throw ExitCode.failure }
        self.dataSet = dataSet
        self.resolved = resolved
        self.budget = budget
        self.costs = costs
        self.options = options
    }
}

/// The scenario loaded and turned into the optimizer's instance.
struct PlanSetup {
    let dataSet: DataSet
    let budget: BudgetScenario
    let costs: CostScenario
    let instance: AllocationInstance

    init(_ settings: PlanSettings) throws {
        try self.init(settings, loaded: LoadedScenario(settings.scenario, data: settings.data))
    }

    /// The instance of `settings`, which already hold the scenario's options.
    init(_ settings: PlanSettings, loaded: LoadedScenario) throws {
        let dataSet = loaded.dataSet, budget = loaded.budget, costs = loaded.costs

        let years: [Int]
        let planned = Set(costs.plannedCosts().map(\.year))
        if let horizon = settings.horizon {
            years = horizon
        } else if let first = planned.min(), let last = planned.max() {
            years = Array(first...last)
        } else {
            throw ValidationError("the scenario's status document plans no year; give --horizon")
        }
        guard let kinds = KindSelection(argument: settings.kinds) else { throw ValidationError("unknown kinds of money: \(settings.kinds)") }
        let items = costs.costs().map {
            AllocationInstance.Item(
                commune: $0.locality, criterion: $0.criterion, cost: $0.byKind.filter { kinds.kinds.contains($0.key) }, buildYears: $0.buildYears,
                maintenancePerYear: kinds.kinds.contains(.recurrent) ? $0.maintenancePerYear : .zero)
        }
        var targets = settings.officialTargets
            ? costs.plannedCosts().map { AllocationInstance.Target(commune: $0.cost.locality, criterion: $0.cost.criterion, year: $0.year) } : []
        let communes = Set(costs.communes.map(\.locality.id))
        for text in settings.targets { targets.append(try Self.target(text, communes: communes, criteria: costs.criteriaSet)) }

        let objective: AllocationInstance.Objective
        switch settings.objective {
        case .criteriaYears: objective = .criteriaYears
        case .maxStandard: objective = .maxStandard
        case .minCost:
            if let source = settings.costSource, dataSet.catalogs.source(source) == nil {
                throw ValidationError("--cost-source: unknown source \"\(source)\" (see Data/catalogs/capital-sources.yaml)")
            }
            guard !targets.isEmpty else { throw ValidationError("min-cost needs targets to meet: give --official-targets or --target") }
            objective = .minCost(source: settings.costSource)
        }
        var locked: [AllocationInstance.Item: Int?] = [:]
        if let lockPlan = settings.lockPlan, let through = settings.lockThrough {
            let earlier = try PlanDocument.read(from: lockPlan)
            for done in earlier.completions where done.year <= through {
                guard let item = items.first(where: { $0.commune == done.commune && $0.criterion == done.criterion }) else {
                    throw ValidationError("\(lockPlan): \(done.commune) criterion \(done.criterion) is not a criterion the scenario's communes miss")
                }
                locked[item] = done.year
            }
            for target in targets {
                for (item, year) in locked where target.covers(item) {
                    let by = target.year ?? years[years.count - 1]
                    if year.map({ $0 > by }) ?? true {
                        throw ValidationError("the target \(target.commune ?? "*")#\(target.criterion ?? "all")@\(by) contradicts the locked plan: \(item.commune) criterion \(item.criterion) is locked to \(year.map(String.init) ?? "not in the horizon")")
                    }
                }
            }
            // A target on a criterion left open by the frozen years cannot be met before they end.
            for target in targets {
                let by = target.year ?? years[years.count - 1]
                if by <= through, let item = items.first(where: { target.covers($0) && locked[$0] == nil }) {
                    throw ValidationError("the target \(target.commune ?? "*")#\(target.criterion ?? "all")@\(by) falls in the locked years (through \(through)), in which \(item.commune) criterion \(item.criterion) is not met")
                }
            }
        }
        let policy = AllocationInstance.Policy(
            capacityPerCommuneYear: settings.capacity, minimumProgress: settings.minimumProgress, standardBonus: settings.standardBonus,
            priority: try Self.priority(settings.priority, communes: costs.communes))
        self.dataSet = dataSet
        self.budget = budget
        self.costs = costs
        instance = AllocationInstance(
            items: items, years: years, envelopes: budget.envelopes, rules: budget.rules, sources: dataSet.catalogs.sources,
            localities: dataSet.catalogs.localities, policy: policy, objective: objective, locked: locked,
            frozenThrough: settings.lockPlan == nil ? nil : settings.lockThrough, targets: targets)
    }

    /// `[COMMUNE|*][#CRITERION][@YEAR]`: a commune at standard, a criterion of a commune, or a criterion in
    /// every commune that misses it, by a year (or by the end of the horizon).
    static func target(_ text: String, communes: Set<String>, criteria: CriteriaSet) throws -> AllocationInstance.Target {
        do {
            let spec = try TargetSpec(text, communes: communes, criteria: criteria)
            return AllocationInstance.Target(commune: spec.commune, criterion: spec.criterion, year: spec.year)
        } catch {
            throw ValidationError("--target \(error)")
        }
    }

    /// Weights by commune from "border=2,especially-difficult=2,ID=3": the highest that applies.
    static func priority(_ text: String?, communes: [CostScenario.Commune]) throws -> [String: Int] {
        guard let text, !text.isEmpty else { return [:] }
        var weights: [String: Int] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let weight = Int(pair[1]), weight >= 1 else {
                throw ValidationError("--priority \(part): write KEY=WEIGHT with a whole weight ≥ 1")
            }
            let matching: [CostScenario.Commune]
            switch pair[0] {
            case "border": matching = communes.filter { $0.locality.border == true }
            case "especially-difficult": matching = communes.filter { $0.locality.especiallyDifficult == true }
            default:
                matching = communes.filter { $0.locality.id == pair[0] }
                guard !matching.isEmpty else {
                    throw ValidationError("--priority \(part): \"\(pair[0])\" is neither border, especially-difficult nor a commune of the scenario")
                }
            }
            for commune in matching { weights[commune.locality.id] = max(weights[commune.locality.id] ?? 1, weight) }
        }
        return weights
    }
}
