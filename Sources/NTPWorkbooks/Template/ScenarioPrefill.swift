import Foundation
import NTPData
import NTPDomain

extension WorkbookScenario {
    /// An existing scenario as a workbook holds it, to fill a template with (`ntp template --from`): a
    /// department starts from last year's scenario, or a benchmark from a generated province. The
    /// values keep the provenance the scenario gives them; the scenario's file is named for the rest.
    public init(budget: BudgetScenario, costs: CostScenario, options: ScenarioOptions, data: DataSet, file: String) {
        self.init(name: budget.name, phaseID: budget.phaseID, scopeID: budget.scopeID, criteriaSetID: budget.criteriaSetID, unit: budget.unit)
        description = budget.description
        horizon = options.horizon
        let codes = costs.criteriaSet.criteria.map(\.code)
        let source = Provenance(file)
        communes = costs.communes.map { commune in
            var status: [String: CriterionStatus] = [:]
            for code in codes {
                if commune.met.contains(code) {
                    status[code] = CriterionStatus(.met, provenance: source)
                } else if let year = commune.plannedYear[code] {
                    status[code] = CriterionStatus(.planned(year), provenance: source)
                } else {
                    status[code] = CriterionStatus(.missing, provenance: source)
                }
            }
            return Commune(locality: commune.locality, status: status, provenance: commune.locality.provenance)
        }
        envelopes = budget.envelopes
        lines = []
        policy.capacity = options.capacity
        policy.minimumProgress = options.minimumProgress
        policy.officialTargets = options.officialTargets
        policy.targets = options.targets
        policy.kinds = options.kinds.map { selection in MoneyKind.allCases.filter { selection.contains($0) } }
        overrides = costs.model.overrides
    }
}
