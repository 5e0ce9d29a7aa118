import Foundation
import GLPKSwift
import NTPDomain

extension AllocationModel {
    /// What one more million in each envelope is worth to the objective, given a plan: the duals of the
    /// envelope rows of the LP in which every criterion the plan meets stays met from its year on, and
    /// every other `done` is relaxed to [0, 1].
    ///
    /// With every integer decision fixed the objective would not depend on money at all, so every dual
    /// would be 0. Relaxing only what the plan leaves undone asks the question a finance officer asks:
    /// what would the next million buy, the plan as it stands? The answer is linear: a million may buy a
    /// part of a criterion. `ntp plan --marginal` also re-solves with a whole billion more to compare.
    /// Nil when the LP ends otherwise than optimal (the time ran out).
    public func marginalValues(completion: [AllocationInstance.Item: Int], timeLimit: Duration? = nil) throws -> [Int: Double]? {
        var restricted = problem
        for (i, item) in instance.items.enumerated() {
            for (t, column) in families.done[item: i].enumerated() {
                if let year = completion[item], year <= instance.years[t] {
                    restricted.columns[column].bounds = .fixed(1)
                } else {
                    restricted.columns[column].kind = .continuous
                    if case .fixed = restricted.columns[column].bounds { continue }  // a lock or target keeps its value
                    restricted.columns[column].bounds = .between(0, 1)
                }
            }
        }
        let solution = try GLPK.solveLP(restricted, options: LPOptions(method: .dualThenPrimal, presolve: true, timeLimit: timeLimit))
        guard solution.termination == .optimal, let duals = solution.rowDuals else { return nil }
        return Dictionary(uniqueKeysWithValues: families.envelope.entries.map { ($0.key, duals[$0.position]) })
    }
}

/// Why a criterion of a commune lands where the plan puts it (`ntp explain`).
public struct Explanation: Sendable {
    public struct Envelope: Sendable {
        public let index: Int
        public let envelope: BudgetEnvelope
        /// Objective gained per extra billion VND in this envelope (marginal value).
        public let valuePerBillion: Double
        /// What the plan spends from it, against its amount.
        public let spent: Money
    }

    public let item: AllocationInstance.Item
    /// The year the plan meets it, nil when not within the horizon.
    public let year: Int?
    public let cost: Money
    /// Criteria-years it earns where the plan puts it; or, when not met, what meeting it in the first year
    /// would earn.
    public let criteriaYears: Int
    /// Its own return: criteria-years per billion VND of its cost.
    public let criteriaYearsPerBillion: Double
    /// The envelopes that may pay it, with their marginal value: money that buys more elsewhere is why
    /// a criterion waits.
    public let envelopes: [Envelope]
    /// Kinds of its cost no envelope may pay: it cannot be met whatever the money.
    public let unpayable: [MoneyKind]
    /// The commune already completes as many criteria as capacity allows in the year before.
    public let capacityFullYears: [Int]
    /// The stated targets that cover it.
    public let targets: [AllocationInstance.Target]
}

extension AllocationModel {
    /// Why `item` lands where `plan` puts it. Throws `MoneyError.overflow` when the plan's lines on an
    /// envelope add up beyond what money can hold (a plan file no loader checked).
    public func explain(
        _ item: AllocationInstance.Item, completion: [AllocationInstance.Item: Int], plan: AllocationPlan, marginal: [Int: Double]
    ) throws(MoneyError) -> Explanation {
        let years = instance.years
        let year = completion[item]
        let cost = try item.cost.values.total()
        let earned = year.map { years.last! - $0 + 1 } ?? years.count
        var envelopes: [Explanation.Envelope] = []
        var payable = Set<MoneyKind>()
        for (e, envelope) in instance.envelopes.enumerated() {
            let kinds = item.cost.keys.filter { instance.mayPay($0, of: item, from: envelope) }
            guard !kinds.isEmpty else { continue }
            payable.formUnion(kinds)
            let spent = try plan.lines.filter {
                $0.program == envelope.program && $0.source == envelope.source && envelope.years.contains($0.year) && $0.envelopeLocality == envelope.locality
            }.map(\.amount).total()
            envelopes.append(.init(index: e, envelope: envelope, valuePerBillion: (marginal[e] ?? 0) * 1000, spent: spent))
        }
        var full: [Int] = []
        if let capacity = instance.policy.capacityPerCommuneYear {
            let done = completion.filter { $0.key.commune == item.commune }.values
            full = years.filter { y in done.filter { $0 == y }.count >= capacity && y < (year ?? Int.max) }
        }
        let billions = Double(cost.dong) / 1e9
        return Explanation(
            item: item, year: year, cost: cost, criteriaYears: earned,
            criteriaYearsPerBillion: billions > 0 ? Double(earned) / billions : .infinity, envelopes: envelopes,
            unpayable: item.cost.filter { $0.value.dong > 0 && !payable.contains($0.key) }.keys.sorted { $0.rawValue < $1.rawValue },
            capacityFullYears: full, targets: instance.targets.filter { $0.covers(item) })
    }
}
