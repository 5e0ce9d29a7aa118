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

    /// Where a sweep is: its point (counted from 1) of how many, that point's scale, and the search's
    /// progress at that point (nil as the point starts).
    public struct Progress: Sendable {
        public let point: Int
        public let points: Int
        public let scale: Decimal
        public let search: SearchProgress?
    }

    /// Solves the model at each scale, in order. The search by commune keeps its master LP loaded from one
    /// point to the next (docs/model.md, "Sweeping the budget"): each point moves the master's envelope
    /// rows and carry-over bounds, re-solves it from its last basis and starts from the proposals of the
    /// points before. The direct method solves each point's model afresh.
    public func run(scales: [Decimal], options: MILPOptions, method: AllocationModel.Method, progress: ((Progress) -> Void)? = nil) throws -> [Point] {
        try run(scales: scales, options: options, method: method, kept: KeptMaster(), progress: progress)
    }

    /// `run`, with the master kept in `kept` (nil: every point builds its own, as a model rebuilt from
    /// scratch would).
    func run(scales: [Decimal], options: MILPOptions, method: AllocationModel.Method, kept: KeptMaster?, progress: ((Progress) -> Void)?) throws -> [Point] {
        try scales.enumerated().map { index, scale in
            let at = { (search: SearchProgress?) in progress?(Progress(point: index + 1, points: scales.count, scale: scale, search: search)) }
            at(nil)
            let scaled = model.scalingEnvelopes(envelopes, by: scale)
            let money = Money(dong: envelopes.reduce(0) { $0 + scaled.instance.envelopes[$1].amount.dong })
            let result = try scaled.solve(options: options, method: method, progress: progress.map { _ in { at($0) } }, kept: kept)
            return Point(scale: scale, money: money, result: result)
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
