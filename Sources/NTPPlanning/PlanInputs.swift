import Foundation
import NTPData
import NTPDomain
import NTPOptimization

/// Everything a plan is made from, as values: the scenario as content, a digest of the data folder,
/// and what the optimizer and the reports were given — the criteria set, the communes with their
/// status, the criteria they miss with their costs, the money and its rules, the policy. A plan file
/// carries it (docs/plan-format.md), so that the plan is compared, explained, exported and re-planned
/// anywhere, always against the inputs it was made from.
public struct PlanInputs: Codable, Sendable {
    public struct Scenario: Codable, Sendable {
        /// The scenario's `name`, phase, area (a locality id) and the area's name.
        public let name: String
        public let phase: String
        public let scope: String
        public let scopeName: String
        /// The file as given when the plan was made, and the files it extends.
        public let file: String
        public let chain: [String]
        public let bundle: ScenarioBundle
        /// The bundle's digest, so that a changed scenario file is told from the one planned.
        public let digest: String
    }

    public struct DataFolder: Codable, Sendable {
        /// As given when the plan was made.
        public let folder: String
        public let digest: String
    }

    /// A commune of the scenario: the criteria it meets and misses at the start, and the year the
    /// status document plans each.
    public struct Commune: Codable, Sendable {
        public let locality: Locality
        public let met: [String]
        public let missing: [String]
        public let planned: [String: Int]
    }

    /// A completion kept from an earlier plan (`--lock-plan`); no year: not met within the horizon.
    public struct Lock: Codable, Sendable, Hashable {
        public let commune, criterion: String
        public let year: Int?
    }

    public let scenario: Scenario
    public let data: DataFolder
    public let criteriaSet: CriteriaSet
    public let communes: [Commune]
    public let sources: [CapitalSource]
    public let programs: [Program]
    /// The communes and every unit above them.
    public let localities: [Locality]
    public let envelopes: [BudgetEnvelope]
    public let rules: BudgetRules
    public let years: [Int]
    public let items: [AllocationInstance.Item]
    public let policy: AllocationInstance.Policy
    public let objective: AllocationInstance.Objective
    public let targets: [AllocationInstance.Target]
    public let locks: [Lock]
    public let frozenThrough: Int?

    /// The optimizer's instance of these inputs.
    public var instance: AllocationInstance {
        let byKey = Dictionary(items.map { (CommuneCriterion($0.commune, $0.criterion), $0) }, uniquingKeysWith: { first, _ in first })
        var locked: [AllocationInstance.Item: Int?] = [:]
        for lock in locks {
            if let item = byKey[CommuneCriterion(lock.commune, lock.criterion)] { locked[item] = lock.year }
        }
        return AllocationInstance(
            items: items, years: years, envelopes: envelopes, rules: rules, sources: sources, localities: registry, policy: policy,
            objective: objective, locked: locked, frozenThrough: frozenThrough, targets: targets)
    }

    public var registry: LocalityRegistry { LocalityRegistry(localities: localities, merges: []) }

    public func source(_ code: String) -> CapitalSource? { sources.first { $0.code == code } }
    public func program(_ code: String) -> Program? { programs.first { $0.code == code } }
    public func locality(_ id: String) -> Locality? { localities.first { $0.id == id } }

    /// Communes at full standard before the plan starts.
    public var communesAlreadyAtStandard: Int {
        communes.filter { criteriaSet.isAtStandard(met: $0.met, missing: $0.missing) }.count
    }
}

extension PlanInputs {
    /// The inputs of a loaded scenario under `settings`: the instance the optimizer is given and what
    /// the reports show about it.
    init(
        settings: PlanSettings, loaded: LoadedScenario, items: [AllocationInstance.Item], years: [Int], policy: AllocationInstance.Policy,
        objective: AllocationInstance.Objective, targets: [AllocationInstance.Target], locked: [AllocationInstance.Item: Int?]
    ) throws(PlanningError) {
        var diagnostics = Diagnostics()
        guard let bundle = ScenarioBundle(loaded.resolved, diagnostics: &diagnostics) else { throw .scenarioHasErrors(diagnostics) }
        let catalogs = loaded.dataSet.catalogs
        let communes = loaded.costs.communes
        var localityIDs: [String] = []
        var seen = Set<String>()
        for commune in communes {
            for unit in catalogs.localities.path(to: commune.locality.id) where seen.insert(unit.id).inserted { localityIDs.append(unit.id) }
        }
        let budget = loaded.budget
        scenario = Scenario(
            name: budget.name, phase: budget.phaseID, scope: budget.scopeID, scopeName: catalogs.localities[budget.scopeID]?.name ?? budget.scopeID,
            file: loaded.path, chain: loaded.resolved.chain, bundle: bundle, digest: bundle.digest)
        data = DataFolder(folder: loaded.dataFolder, digest: loaded.dataSet.digest)
        criteriaSet = loaded.costs.criteriaSet
        self.communes = communes.map { Commune(locality: $0.locality, met: $0.met, missing: $0.missing, planned: $0.plannedYear) }
        sources = catalogs.sources
        programs = catalogs.programs
        localities = localityIDs.compactMap { catalogs.localities[$0] }
        envelopes = loaded.budget.envelopes
        rules = loaded.budget.rules
        self.years = years
        self.items = items
        self.policy = policy
        self.objective = objective
        self.targets = targets
        locks = locked.map { Lock(commune: $0.key.commune, criterion: $0.key.criterion, year: $0.value) }
            .sorted { ($0.commune, $0.criterion) < ($1.commune, $1.criterion) }
        frozenThrough = settings.lockPlan == nil ? nil : settings.lockThrough
    }
}
