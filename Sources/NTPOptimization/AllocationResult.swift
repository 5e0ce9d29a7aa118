import Foundation
import GLPKSwift
import NTPDomain

/// A solved allocation: which criteria are met in which year, the money of each, and the ledger that
/// re-checked it.
public struct AllocationResult: Sendable {
    public let termination: TerminationReason
    /// Criteria-years gained over the horizon (the criteria already met are not counted).
    public let criteriaYears: Int?
    public let bestBound: Double?
    public let relativeGap: Double?
    /// The year each completed item is met.
    public let completion: [AllocationInstance.Item: Int]
    public let plan: AllocationPlan
    public let ledger: Ledger
}

/// A plan the ledger rejects: a bug in the model, never a valid plan.
public struct PlanFailsLedger: Error, CustomStringConvertible {
    public let violations: [RuleViolation]
    public var description: String { "the optimizer's plan breaks \(violations.count) rules the ledger checks: \(violations)" }
}

extension AllocationModel {
    /// Solves the model and verifies the plan with the ledger, which must find no rule the plan breaks.
    public func solve(options: MILPOptions = MILPOptions(), progress: ((MILPProgress) -> Void)? = nil) throws -> AllocationResult {
        let solution = try GLPK.solveMILP(problem, options: options, progress: progress)
        let instance = self.instance
        guard solution.primalStatus == .feasiblePoint else {
            let empty = AllocationPlan(name: "none", lines: [])
            return AllocationResult(
                termination: solution.termination, criteriaYears: nil, bestBound: nil, relativeGap: nil, completion: [:], plan: empty,
                ledger: Ledger(envelopes: instance.envelopes, plan: empty, rules: instance.rules, sources: instance.sources, localities: instance.localities))
        }
        let values = solution.columnValues
        var completion: [AllocationInstance.Item: Int] = [:]
        for (i, item) in instance.items.enumerated() {
            if let t = done[i].firstIndex(where: { values[$0] > 0.5 }) { completion[item] = instance.years[t] }
        }
        let plan = AllocationPlan(name: "optimized", lines: lines(values: values, completion: completion))
        let ledger = Ledger(envelopes: instance.envelopes, plan: plan, rules: instance.rules, sources: instance.sources, localities: instance.localities)
        // Breaches the envelopes have whatever the plan (a counterpart shortfall in the budget itself) are not the plan's.
        let baseline = Ledger(envelopes: instance.envelopes, plan: AllocationPlan(name: "none", lines: []), rules: instance.rules, sources: instance.sources, localities: instance.localities)
        let breaches = ledger.violations.filter { $0.isBreach && !baseline.violations.contains($0) }
        if !breaches.isEmpty { throw PlanFailsLedger(violations: breaches) }
        return AllocationResult(
            termination: solution.termination, criteriaYears: solution.objectiveValue.map { Int($0.rounded()) }, bestBound: solution.bestBound,
            relativeGap: solution.relativeGap, completion: completion, plan: plan, ledger: ledger)
    }

    /// The money of each completed item and kind: exactly its cost in đồng, divided among its payments in
    /// proportion to the solution by largest remainder (so no part exceeds what the model paid by a đồng).
    func lines(values: [Double], completion: [AllocationInstance.Item: Int]) -> [AllocationLine] {
        var lines: [AllocationLine] = []
        let grouped = Dictionary(grouping: payments) { "\($0.item)|\($0.kind.rawValue)" }
        for (i, item) in instance.items.enumerated() where completion[item] != nil {
            for kind in MoneyKind.allCases {
                guard let cost = item.cost[kind], cost.dong > 0, let own = grouped["\(i)|\(kind.rawValue)"] else { continue }
                let weights = own.map { max(0, values[$0.column]) }
                let total = weights.reduce(0, +)
                guard total > 0 else { continue }
                let exact = weights.map { Decimal(cost.dong) * Decimal($0 / total) }
                var parts = exact.map { NSDecimalNumber(decimal: $0.floored).int64Value }
                let missing = cost.dong - parts.reduce(0, +)
                let order = parts.indices.sorted { (exact[$0] - Decimal(parts[$0])) > (exact[$1] - Decimal(parts[$1])) }
                for index in order.prefix(Int(max(0, missing))) { parts[index] += 1 }
                for (payment, dong) in zip(own, parts) where dong > 0 {
                    let envelope = instance.envelopes[payment.envelope]
                    lines.append(
                        AllocationLine(
                            locality: item.commune, criterion: item.criterion, program: envelope.program, source: envelope.source,
                            year: instance.years[payment.year], amount: Money(dong: dong)))
                }
            }
        }
        return lines
    }
}

extension Decimal {
    fileprivate var floored: Decimal {
        var source = self
        var result = Decimal()
        NSDecimalRound(&result, &source, 0, .down)
        return result
    }
}
