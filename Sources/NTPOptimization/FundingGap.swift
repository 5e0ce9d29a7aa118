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
        for (e, row) in envelopeRows.sorted(by: { $0.key < $1.key }) {
            let column = elastic.addColumn(Column(name: "extra(\(e))", objective: 1))
            elastic.entries.append(MatrixEntry(row: row, column: column, value: -1))
            extra[e] = column
        }
        let solution = try GLPK.solveMILP(elastic, options: options)
        switch solution.termination {
        case .infeasible: return FundingGap(outcome: .impossible, termination: solution.termination)
        default: break
        }
        guard solution.primalStatus == .feasiblePoint else { return FundingGap(outcome: .unknown, termination: solution.termination) }
        var money: [Int: Money] = [:]
        for (e, column) in extra {
            // Round up to the đồng, ignoring the solver's tolerance dust.
            let millions = solution.columnValues[column]
            guard millions > 1e-9 else { continue }
            money[e] = Money(dong: (Decimal(millions) * 1_000_000).rounded(0, .up).int64Value)
        }
        return FundingGap(outcome: .extra(money), termination: solution.termination)
    }
}
