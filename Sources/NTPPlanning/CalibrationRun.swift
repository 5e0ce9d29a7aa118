import Foundation
import NTPData
import NTPDomain
import NTPOptimization

/// The cost factor(s) at which a scenario's official plan is exactly affordable (docs/calibration.md):
/// the norms themselves are calibrated, so the scenario's own calibration is not applied.
public struct CalibrationRun: Sendable {
    public let budget: BudgetScenario
    public let calibration: Calibration
    public let outcome: Calibration.Outcome
    /// What the official plan costs at the norms (the kinds calibrated), and the money of the envelopes.
    public let planCost: Money
    public let budgetTotal: Money

    public init(scenario path: String, dataSet: DataSet, mode: Calibration.Mode, kinds: KindSelection) throws(PlanningError) {
        let url = URL(fileURLWithPath: path)
        var diagnostics = Diagnostics()
        let dataSet = dataSet.including(scenarioAt: url, diagnostics: &diagnostics)
        let budget = BudgetScenario.load(url: url, data: dataSet, diagnostics: &diagnostics)
        let costs = CostScenario.load(url: url, data: dataSet, diagnostics: &diagnostics, calibrated: false)
        guard !diagnostics.hasErrors, let budget, let costs else { throw .scenarioHasErrors(diagnostics) }
        let items = costs.plannedCosts().map {
            Calibration.Item(
                locality: $0.cost.locality, criterion: $0.cost.criterion, group: $0.group, year: $0.year, buildYears: $0.cost.buildYears,
                cost: $0.cost.byKind.filter { kinds.contains($0.key) })
        }
        calibration = Calibration(
            items: items, envelopes: budget.envelopes, eligibility: Eligibility(sources: dataSet.catalogs.sources, rules: budget.rules),
            localities: dataSet.catalogs.localities, mode: mode)
        do { outcome = try calibration.solve() } catch { throw .solver("\(error)") }
        self.budget = budget
        planCost = Money(dong: items.reduce(0) { $0 + $1.cost.values.reduce(0) { $0 + $1.dong } })
        budgetTotal = Money(dong: budget.envelopes.reduce(0) { $0 + $1.amount.dong })
        warnings = diagnostics.warnings
    }

    public let warnings: [Diagnostic]

    /// The file a scenario names under `costs.calibration`: the factors and the envelopes used up.
    /// `command` is how the factors were asked for, written as the file's first comment.
    public static func file(factors: [String: Decimal], binding: [BudgetEnvelope], scenario: String, command: String) -> String {
        var text = "# Written by `\(command)`: cost scale factors at which the\n"
        text += "# official plan is exactly affordable. Name this file under costs.calibration in the scenario.\n"
        text += "scale:\n"
        for group in factors.keys.sorted() { text += "  \"\(group)\": \(factors[group]!)\n" }
        let envelopes = binding.map { "\($0.program) \($0.source) \($0.years.lowerBound)-\($0.years.upperBound)" }.joined(separator: "; ")
        text += "provenance: \"ntp calibrate of \(URL(fileURLWithPath: scenario).lastPathComponent); budgets used up: \(envelopes)\"\n"
        return text
    }
}
