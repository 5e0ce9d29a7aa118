import Foundation
import GLPKSwift
import NTPDomain

/// The budget-outcome curve: the same model solved again with some envelopes scaled, each point changing
/// only right-hand sides (docs/model.md, "Sweeping the budget").
public struct BudgetSweep: Sendable {
    public struct Point: Sendable {
        public let scale: Decimal
        /// The money of the scaled envelopes at this point.
        public let money: Money
        public let result: AllocationResult
    }

    public let model: AllocationModel
    /// The envelopes (by index) the sweep scales.
    public let envelopes: [Int]

    /// Scales the envelopes whose source is one of `sources` or lies below one of them.
    public init(_ model: AllocationModel, sources: Set<String>) {
        self.model = model
        envelopes = model.instance.envelopes.indices.filter { e in
            !sources.isDisjoint(with: model.instance.eligibility.lineage(of: model.instance.envelopes[e].source))
        }
    }

    /// Solves the model at each scale, in order.
    public func run(scales: [Decimal], options: MILPOptions, method: AllocationModel.Method, progress: ((Decimal) -> Void)? = nil) throws -> [Point] {
        try scales.map { scale in
            progress?(scale)
            let scaled = model.scalingEnvelopes(envelopes, by: scale)
            let money = Money(dong: envelopes.reduce(0) { $0 + scaled.instance.envelopes[$1].amount.dong })
            return Point(scale: scale, money: money, result: try scaled.solve(options: options, method: method))
        }
    }
}

extension AllocationModel {
    /// The same model with envelopes `indices` multiplied by `scale` (each rounded to the đồng, half away
    /// from zero): only their rows' right-hand sides and the bounds of what they may carry over change.
    public func scalingEnvelopes(_ indices: [Int], by scale: Decimal) -> AllocationModel {
        precondition(scale >= 0, "a budget cannot be scaled below zero")
        var copy = self
        var envelopes = instance.envelopes
        for e in indices {
            envelopes[e].amount = Money(dong: (Decimal(envelopes[e].amount.dong) * scale).rounded(0, .plain).int64Value)
            if let row = families.envelope[e] { copy.problem.rows[row].bounds = .atMost(Self.millions(envelopes[e].amount)) }
            if let carry = families.carry[envelope: e], case .between(let low, _) = problem.columns[carry].bounds {
                if let percent = Self.carryOverRule(instance, source: envelopes[e].source)?.capPercent { copy.problem.columns[carry].bounds = .between(low, Self.millions(Money.share(envelopes[e].amount, percent: percent))) }
            }
        }
        copy.instance = instance.with(envelopes: envelopes)
        return copy
    }
}
