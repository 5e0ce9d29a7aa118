import ArgumentParser
import Foundation
import NTPData
import NTPDomain
import NTPOptimization

/// What a plan is made from: the scenario, the data and every choice of `ntp plan`. Recorded in the
/// plan file, so `ntp explain` rebuilds the same model and a run can be repeated.
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
    /// Targets as written on the command line (`[COMMUNE|*][#CRITERION][@YEAR]`).
    var targets: [String]
    /// A plan whose decisions up to `lockThrough` are kept while the rest is re-planned.
    var lockPlan: String?
    var lockThrough: Int?
}

enum ObjectiveChoice: String, Codable, CaseIterable, ExpressibleByArgument {
    case criteriaYears = "criteria-years"
    case minCost = "min-cost"
    case maxStandard = "max-standard"
}

/// The scenario loaded and turned into the optimizer's instance.
struct PlanSetup {
    let dataSet: DataSet
    let budget: BudgetScenario
    let costs: CostScenario
    let instance: AllocationInstance

    init(_ settings: PlanSettings) throws {
        let dataSet = try loadDataSet(settings.data)
        let url = URL(fileURLWithPath: settings.scenario)
        var diagnostics = Diagnostics()
        let budget = BudgetScenario.load(url: url, data: dataSet, diagnostics: &diagnostics)
        let costs = CostScenario.load(url: url, data: dataSet, diagnostics: &diagnostics)
        try requireNoErrors(diagnostics)
        guard let budget, let costs else { throw ExitCode.failure }

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
        var rest = Substring(text)
        var year: Int?
        if let at = rest.lastIndex(of: "@") {
            guard let parsed = Int(rest[rest.index(after: at)...]) else { throw ValidationError("--target \(text): the year after @ must be a number") }
            year = parsed
            rest = rest[..<at]
        }
        var criterion: String?
        if let hash = rest.lastIndex(of: "#") {
            criterion = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
            guard criteria.criteria.contains(where: { $0.code == criterion }) else {
                throw ValidationError("--target \(text): criterion \"\(criterion!)\" is not in \(criteria.id)")
            }
        }
        let commune = rest == "*" || rest.isEmpty ? nil : String(rest)
        if let commune, !communes.contains(commune) {
            throw ValidationError("--target \(text): unknown commune \"\(commune)\" (use a locality id of the scenario, see ntp show)")
        }
        guard commune != nil || criterion != nil else { throw ValidationError("--target \(text): name a commune, a criterion (#c) or both") }
        return AllocationInstance.Target(commune: commune, criterion: criterion, year: year)
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
