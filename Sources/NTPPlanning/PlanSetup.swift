import Foundation
import GLPKSwift
import NTPData
import NTPDomain
import NTPOptimization

/// The data folder at `folder`, loaded; an error when it is missing or has errors.
public func loadDataSet(_ folder: String) throws(PlanningError) -> DataSet {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
        throw .noDataFolder(folder)
    }
    let (dataSet, diagnostics) = DataSet.load(root: URL(fileURLWithPath: folder))
    if diagnostics.hasErrors { throw .dataHasErrors(folder: folder, count: diagnostics.errors.count) }
    return dataSet
}

/// A scenario file resolved and loaded: its budget, costs and options.
public struct LoadedScenario: Sendable {
    /// The scenario file and the data folder, as given.
    public let path: String
    public let dataFolder: String
    public let dataSet: DataSet
    public let resolved: ResolvedScenario
    public let budget: BudgetScenario
    public let costs: CostScenario
    public let options: ScenarioOptions
    /// What loading found that does not stop it (a document's own inconsistencies, say).
    public let warnings: [Diagnostic]

    public init(_ path: String, data: String) throws(PlanningError) {
        try self.init(path, data: data, dataSet: loadDataSet(data))
    }

    /// With the data folder `data` already loaded as `dataSet`.
    public init(_ path: String, data: String, dataSet: DataSet) throws(PlanningError) {
        var diagnostics = Diagnostics()
        let resolved = ResolvedScenario.load(url: URL(fileURLWithPath: path), catalogs: dataSet.catalogs, diagnostics: &diagnostics)
        // The scenario's own communes (`localities:`) join the registry for it.
        let dataSet = resolved.map { dataSet.including($0, diagnostics: &diagnostics) } ?? dataSet
        let costs = resolved.flatMap { CostScenario.load($0, data: dataSet, diagnostics: &diagnostics) }
        let budget = resolved.flatMap { BudgetScenario.load($0, data: dataSet, costs: costs, diagnostics: &diagnostics) }
        let options = costs.flatMap { ScenarioOptions.load(resolved!, costs: $0, catalogs: dataSet.catalogs, diagnostics: &diagnostics) }
        guard !diagnostics.hasErrors, let resolved, let budget, let costs, let options else { throw .scenarioHasErrors(diagnostics) }
        self.path = path
        dataFolder = data
        self.dataSet = dataSet
        self.resolved = resolved
        self.budget = budget
        self.costs = costs
        self.options = options
        warnings = diagnostics.warnings
    }
}

/// The inputs of a plan and the optimizer's instance of them: made from a loaded scenario and the
/// plan settings, or read back from a plan file.
public struct PlanSetup: Sendable {
    public let inputs: PlanInputs
    public let instance: AllocationInstance

    /// The inputs a plan file carries.
    public init(inputs: PlanInputs) {
        self.inputs = inputs
        instance = inputs.instance
    }

    /// The scenario and data folder `settings` name, loaded from their files.
    public init(_ settings: PlanSettings) throws(PlanningError) {
        try self.init(settings, loaded: LoadedScenario(settings.scenario, data: settings.data))
    }

    /// The instance of `settings`, which already hold the scenario's options.
    public init(_ settings: PlanSettings, loaded: LoadedScenario) throws(PlanningError) {
        let dataSet = loaded.dataSet, costs = loaded.costs

        let years: [Int]
        let planned = Set(costs.plannedCosts().map(\.year))
        if let horizon = settings.horizon {
            years = Array(horizon)
        } else if let first = planned.min(), let last = planned.max() {
            years = Array(first...last)
        } else {
            throw .noPlanningYears
        }
        let kinds = settings.kinds
        let items = costs.costs().map {
            AllocationInstance.Item(
                commune: $0.locality, criterion: $0.criterion, cost: $0.byKind.filter { kinds.contains($0.key) }, buildYears: $0.buildYears,
                maintenancePerYear: kinds.contains(.recurrent) ? $0.maintenancePerYear : .zero)
        }
        var targets = settings.officialTargets
            ? costs.plannedCosts().map { AllocationInstance.Target(commune: $0.cost.locality, criterion: $0.cost.criterion, year: $0.year) } : []
        let communes = Set(costs.communes.map(\.locality.id))
        for target in settings.targets {
            do { try target.check(communes: communes, criteria: costs.criteriaSet) } catch { throw .invalidSetting(.targets, error.message) }
            targets.append(AllocationInstance.Target(commune: target.commune, criterion: target.criterion, year: target.year))
        }

        let objective: AllocationInstance.Objective
        switch settings.objective {
        case .criteriaYears: objective = .criteriaYears
        case .maxStandard: objective = .maxStandard
        case .minCost:
            if let source = settings.costSource, dataSet.catalogs.source(source) == nil {
                throw .invalidSetting(.costSource, "unknown source \"\(source)\" (see Data/catalogs/capital-sources.yaml)")
            }
            guard !targets.isEmpty else { throw .minCostNeedsTargets }
            objective = .minCost(source: settings.costSource)
        }
        let locked = try Self.locked(settings, items: items, years: years, targets: targets)
        for entry in settings.priority.weights {
            if case .commune(let id) = entry.key, !communes.contains(id) {
                throw .invalidSetting(.priority, "\(entry.key)=\(entry.weight): \"\(id)\" is neither border, especially-difficult nor a commune of the scenario")
            }
        }
        let policy = AllocationInstance.Policy(
            capacityPerCommuneYear: settings.capacity, minimumProgress: settings.minimumProgress, standardBonus: settings.standardBonus,
            priority: settings.priority.byCommune(costs.communes.map(\.locality)))
        try self.init(inputs: PlanInputs(
            settings: settings, loaded: loaded, items: items, years: years, policy: policy, objective: objective, targets: targets, locked: locked))
    }

    /// The completions kept from the plan `settings` lock to, checked against the targets.
    private static func locked(
        _ settings: PlanSettings, items: [AllocationInstance.Item], years: [Int], targets: [AllocationInstance.Target]
    ) throws(PlanningError) -> [AllocationInstance.Item: Int?] {
        guard let lockPlan = settings.lockPlan, let through = settings.lockThrough else { return [:] }
        var locked: [AllocationInstance.Item: Int?] = [:]
        let earlier = try PlanDocument.read(from: lockPlan)
        for done in earlier.completions where done.year <= through {
            guard let item = items.first(where: { $0.commune == done.commune && $0.criterion == done.criterion }) else {
                throw .lockedCriterionNotMissing(plan: lockPlan, commune: done.commune, criterion: done.criterion)
            }
            locked[item] = done.year
        }
        func name(_ target: AllocationInstance.Target, by year: Int) -> String { "\(target.commune ?? "*")#\(target.criterion ?? "all")@\(year)" }
        for target in targets {
            for (item, year) in locked where target.covers(item) {
                let by = target.year ?? years[years.count - 1]
                if year.map({ $0 > by }) ?? true {
                    throw .targetContradictsLock(target: name(target, by: by), commune: item.commune, criterion: item.criterion, lockedYear: year)
                }
            }
        }
        // A target on a criterion left open by the frozen years cannot be met before they end.
        for target in targets {
            let by = target.year ?? years[years.count - 1]
            if by <= through, let item = items.first(where: { target.covers($0) && locked[$0] == nil }) {
                throw .targetInLockedYears(target: name(target, by: by), through: through, commune: item.commune, criterion: item.criterion)
            }
        }
        return locked
    }

    /// The communes at full standard before the plan starts.
    public var communesAlreadyAtStandard: Int { inputs.communesAlreadyAtStandard }

    /// The year each criterion is met by a plan's completions (an item each: a criterion, or an
    /// indicator of one planned by indicator): what the reports count as criteria met.
    public func criterionCompletion(_ completions: [PlanDocument.Completion]) -> [AllocationInstance.CriterionUnit: Int] {
        let items = Dictionary(instance.items.map { (CommuneCriterion($0.commune, $0.criterion), $0) }, uniquingKeysWith: { first, _ in first })
        var completion: [AllocationInstance.Item: Int] = [:]
        for done in completions {
            if let item = items[CommuneCriterion(done.commune, done.criterion)] { completion[item] = done.year }
        }
        return instance.unitCompletion(completion)
    }
}
