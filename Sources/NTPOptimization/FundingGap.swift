import Foundation
import GLPKSwift
import NTPDomain

/// How much more money, from which envelopes (source and year), would make the stated targets
/// feasible: the least total, found by making every envelope row elastic.
public struct FundingGap: Sendable {
    public enum Outcome: Sendable {
        /// The extra money per envelope (by index), rounded up to the đồng; empty when none is needed.
        case extra([Int: Money])
        /// No amount of the scenario's envelopes can meet the targets: some part of a target has no
        /// envelope that may pay for it, or a locked decision contradicts a target.
        case impossible
        /// The time ran out before a gap was found.
        case unknown
    }

    public let outcome: Outcome
    public let termination: TerminationReason
    /// The targets that need the extra money, with how much less would be needed without each: a linear
    /// estimate (the reduced costs of its fixed `done` columns in the elastic LP with every integer
    /// decision fixed), capped at the whole gap. Most first; targets that need none are left out.
    public let bindingTargets: [(target: AllocationInstance.Target, saving: Money)]
}

extension AllocationModel {
    /// The least extra money that makes the targets feasible:
    ///
    ///     minimise   Σ_e extra[e]
    ///     subject to every row of the model, with envelope(e): Σ pay + carry[e] − carry[prev(e)] − extra[e] ≤ A_e
    ///
    /// The criteria-years objective is dropped; what the extra money buys beyond the targets is for the
    /// plan solved afterwards with it.
    public func fundingGap(options: MILPOptions = MILPOptions()) throws -> FundingGap {
        var elastic = problem
        elastic.sense = .minimize
        for index in elastic.columns.indices { elastic.columns[index].objective = 0 }
        var extra: [Int: Int] = [:]
        for (e, row) in families.envelope.entries {
            let column = elastic.addColumn(Column(name: "extra(\(names.envelopes[e]))", objective: 1))
            elastic.entries.append(MatrixEntry(row: row, column: column, value: -1))
            extra[e] = column
        }
        let solution = try GLPK.solveMILP(elastic, options: options)
        switch solution.termination {
        case .infeasible: return FundingGap(outcome: .impossible, termination: solution.termination, bindingTargets: [])
        default: break
        }
        guard solution.primalStatus == .feasiblePoint else { return FundingGap(outcome: .unknown, termination: solution.termination, bindingTargets: []) }
        var money: [Int: Money] = [:]
        for (e, column) in extra {
            // Round up to the đồng, ignoring the solver's tolerance dust.
            let millions = solution.columnValues[column]
            guard millions > 1e-9 else { continue }
            money[e] = Money(dong: (Decimal(millions) * 1_000_000).rounded(0, .up).int64Value)
        }
        let total = Money(dong: money.values.reduce(0) { $0 + $1.dong })
        let binding = try bindingTargets(elastic, solution.columnValues).map { ($0.target, Money(dong: min($0.saving.dong, total.dong))) }
        return FundingGap(outcome: .extra(money), termination: solution.termination, bindingTargets: binding)
    }

    /// Each target's share of the extra money: with every `done` fixed at the funding gap's solution, the
    /// reduced cost of a target's `done[i,t]` column is how much extra money one unit less of it would
    /// save.
    private func bindingTargets(_ elastic: LinearProblem, _ values: [Double]) throws -> [(target: AllocationInstance.Target, saving: Money)] {
        var fixed = elastic
        for column in families.done.all {
            fixed.columns[column].kind = .continuous
            fixed.columns[column].bounds = .fixed(values[column].rounded())
        }
        let solution = try GLPK.solveLP(fixed, options: LPOptions(method: .dualThenPrimal))
        guard solution.termination == .optimal, let reduced = solution.reducedCosts else { return [] }
        let years = instance.years
        var binding: [(target: AllocationInstance.Target, saving: Money)] = []
        for target in instance.targets {
            guard let first = target.firstBindingYear(in: years) else { continue }
            let millions = instance.items.indices.filter { target.covers(instance.items[$0]) }
                .reduce(0.0) { sum, i in sum + (first..<years.count).reduce(0.0) { $0 + max(0, reduced[families.done[item: i, year: $1]]) } }
            guard millions > 1e-6 else { continue }
            binding.append((target, Money(dong: (Decimal(millions) * 1_000_000).rounded(0, .plain).int64Value)))
        }
        return binding.sorted { $0.saving.dong > $1.saving.dong }
    }
}
