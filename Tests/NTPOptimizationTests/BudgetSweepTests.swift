import Foundation
import NTPDomain
import NTPOptimization
import PropertyBased
import Testing

/// The sweep changes only right-hand sides: each point must be the model built afresh on the scaled
/// money, and more money never lowers the optimum.
@Suite struct BudgetSweepTests {
    @Test func moreMoneyNeverHurtsAndEachPointIsTheRebuiltModel() async {
        await propertyCheck(count: 40, input: EnumerationTests.caseGen, Gen.bool()) { c, centralOnly throws in
            let instance = c.instance
            let model = AllocationModel(instance)
            let sweep = BudgetSweep(model, sources: centralOnly ? ["central"] : ["central", "local"])
            let scales: [Decimal] = [0, 0.5, 1, 1.5, 2]
            let points = try sweep.run(scales: scales, options: .init(), method: .direct)
            var previous = -Double.infinity
            for point in points {
                let objective = try #require(point.result.objectiveValue, "no plan at \(point.scale): \(c)")
                #expect(objective >= previous - 1e-6, "the curve falls at \(point.scale): \(objective) < \(previous) in \(c)")
                previous = objective
                // The same money in a model built from scratch gives the same optimum.
                var envelopes = instance.envelopes
                for e in sweep.envelopes { envelopes[e].amount = Money(dong: (Decimal(envelopes[e].amount.dong) * point.scale).rounded(0, .plain).int64Value) }
                let rebuilt = try AllocationModel(instance.with(envelopes: envelopes)).solve()
                #expect(abs((rebuilt.objectiveValue ?? .nan) - objective) < 1e-6, "scale \(point.scale): rebuilt \(String(describing: rebuilt.objectiveValue)), swept \(objective) in \(c)")
                #expect(point.money.dong == sweep.envelopes.reduce(0) { $0 + envelopes[$1].amount.dong })
                #expect(point.result.ledger.violations.filter(\.isBreach).isEmpty)
            }
        }
    }
}
