import Foundation
import NTPDomain
@testable import NTPOptimization
import NTPTestSupport
import Testing

/// The baselines' incremental money check (`ScheduleMoney`) against the financing LP it replaces: a
/// criterion is accepted exactly when `AllocationInstance.finance` pays the schedule with it in full.
@Suite struct ScheduleMoneyTests {
    typealias Item = AllocationInstance.Item

    /// On generated provinces, criteria offered one at a time in a random order and year: the flow of
    /// money (exact, in đồng) and the live LP accept the same ones, and each answer is the LP's.
    @Test(arguments: [(communes: 5, seed: UInt64(21)), (communes: 8, seed: UInt64(4))])
    func theFlowAndTheLiveLPAgreeWithTheFinancingLP(communes: Int, seed: UInt64) throws {
        let instance = try GeneratedProvince(communes: communes, years: 3, seed: seed, capacity: nil).instance
        var flow = FlowFinancing(instance)
        var live = try LPFinancing(instance)
        var random = SplitMix64(seed: seed)
        var order = Array(instance.items.indices)
        for i in order.indices.reversed() where i > 0 { order.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        var schedule: [Item: Int] = [:]
        var accepted = 0, refused = 0
        for i in order {
            let t = Int(random.next() % UInt64(instance.years.count))
            var trial = schedule
            trial[instance.items[i]] = instance.years[t]
            let financed = try instance.finance(trial).unfunded.isEmpty
            let byFlow = flow.add(i, year: t)
            let byLive = try live.add(i, year: t)
            #expect(byFlow == financed && byLive == financed, "item \(i) in year \(t): flow \(byFlow), live LP \(byLive), LP \(financed)")
            if financed {
                schedule = trial
                accepted += 1
            } else {
                refused += 1
            }
        }
        // The case exercises both answers.
        #expect(accepted > 0 && refused > 0)
    }

    /// The greedy baseline at a size where it used to re-finance the whole area by LP at every step: its
    /// schedule is paid in full and keeps every ledger rule and each commune's capacity.
    @Test func theGreedyAtAProvincesSize() throws {
        let instance = try GeneratedProvince(communes: 100, years: 4, seed: 2).instance
        var reports: [BaselineProgress] = []
        let plan = try Baseline.greedy(instance) { reports.append($0) }
        #expect(plan.unfunded.isEmpty)
        #expect(plan.result.ledger.violations.filter(\.isBreach).isEmpty)
        let capacity = try #require(instance.policy.capacityPerCommuneYear)
        let perCommuneYear = Dictionary(grouping: plan.result.completion) { "\($0.key.commune) \($0.value)" }
        #expect(perCommuneYear.values.allSatisfy { $0.count <= capacity })
        #expect(plan.result.completion.count > 0 && plan.result.completion.count < instance.items.count)
        // Progress: the scheduling of every year, then the financing of what was scheduled, once.
        #expect(Set(reports.compactMap { if case .scheduling(let year, _, _, _) = $0 { year } else { nil } }) == Set(instance.years))
        #expect(reports.last == .financing(criteria: plan.result.completion.count))
    }
}
