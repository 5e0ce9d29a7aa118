import Foundation
import GLPKSwift
import NTPDomain
@testable import NTPOptimization
import NTPTestSupport
import PropertyBased
import Synchronization
import Testing

/// The decomposition by commune: its bound is the LP relaxation's, its plan is feasible and never
/// better than the true optimum, and the ledger accepts it.
@Suite struct DecompositionTests {
    /// On many tiny provinces, against exhaustive enumeration: the plan never beats the optimum, the
    /// bound never falls below it, and where the search says its gap is proven (optimal, or the gap
    /// asked for, 0 here) the plan is the optimum. Without a time limit a province this small ends with
    /// branch-and-cut on the whole model, so the search proves the optimum every time.
    @Test func onTinyInstancesItNeverBeatsTheOptimumAndItsBoundHoldsIt() async {
        await propertyCheck(count: 200, input: AllocationModelTests.tinyGen) { tiny throws in
            guard tiny.costs.flatMap({ $0 }).count <= 7 else { return }
            try Self.checkAgainstEnumeration(tiny)
        }
    }

    /// A small province's local search (its moves, then `kickUntilStalled`: a chain of kicks, and a chain
    /// with noisy refills, each from the moved plan until it stalls) on many tiny provinces, against
    /// exhaustive enumeration: it starts from the repaired plan and never makes it worse, its plan never
    /// beats the optimum, and the whole plan it leaves meets every row of the whole model (checked afresh
    /// on the model's own rows, not by the search's money bookkeeping).
    @Test func onTinyInstancesTheKicksNeverBeatTheOptimumAndKeepThePlanFeasible() async {
        let polished = Mutex(0), noisy = Mutex(0)
        await propertyCheck(count: 200, input: AllocationModelTests.tinyGen) { tiny throws in
            guard tiny.costs.flatMap({ $0 }).count <= 7 else { return }
            let model = AllocationModel(tiny.instance)
            let search = try Decomposition(model)
            guard SchedulePolish.applies(to: search.split) else { return }
            let run = Decomposition.Run(search, options: MILPOptions(relativeGap: 0), progress: nil, kept: nil)
            guard let state = try run.boundByColumnGeneration() else { return }
            try run.repair(state)
            guard let before = run.incumbent?.value else { return }
            _ = run.polish(kicks: 0)
            let moved = try #require(run.incumbent)
            run.kickUntilStalled(from: moved, noisy: false)
            let kicked = run.kicksDone
            run.kickUntilStalled(from: moved, noisy: true)
            polished.withLock { $0 += 1 }
            if run.kicksDone > kicked { noisy.withLock { $0 += 1 } }
            let after = try #require(run.incumbent?.value)
            #expect(after >= before - 1e-9, "\(tiny)")
            #expect(after <= Double(tiny.enumerated) + 1e-6, "\(tiny): \(after)")
            guard case .solved(let values, let objective, _, _, _) = try run.finish() else {
                Issue.record("\(tiny): no plan after the local search")
                return
            }
            #expect(model.problem.firstViolation(of: values) == nil, "\(tiny)")
            #expect(abs(objective - after) <= 1e-6, "\(tiny): \(objective) against \(after)")
        }
        // The property ran on the local search, not only on cases it skipped.
        #expect(polished.withLock { $0 } >= 100)
        // The noisy chain kicked on some of them (49 of 192 when written), not only where the plan was
        // already proven optimal.
        #expect(noisy.withLock { $0 } >= 15)
    }

    /// Found by the random test: the dive on the master undid a step, solved the master again (which
    /// retired proposals and so moved the others' places), and then read each commune's heaviest
    /// proposal from before that solve; commune c2 got commune c1's proposal, the plan counted c1 twice
    /// (5 criteria-years by its communes, 4 in the whole model) and the search ended at 4 of 5 with a
    /// gap it called proven.
    @Test func theDiveReadsTheMastersProposalsAfterItsLastSolve() throws {
        let tiny = AllocationModelTests.Tiny(costs: [[1], [6], [7]], budgets: [4, 2, 8], capacity: nil)
        #expect(tiny.enumerated == 5)
        let result = try Self.checkAgainstEnumeration(tiny)
        #expect(result.criteriaYears(over: tiny.years) == 5)
    }

    /// Found by BudgetSweepTests: with no money at all, the only proposals that priced out (at prices
    /// clipped to valid signs) were ones the master held or had retired, and column generation re-added
    /// them round after round to the time limit (an hour without one). It now ends, proving the optimum.
    @Test func columnGenerationEndsWhenOnlyHeldProposalsPriceOut() throws {
        let noMoney = EnumerationTests.Case(
            costs: [[1], [1]], central: [0, 0, 0], local: [0, 0, 0], centralCriteria: ["2", "4"],
            policy: AllocationInstance.Policy(capacityPerCommuneYear: 1))
        let result = try AllocationModel(noMoney.instance).solve(options: MILPOptions(timeLimit: .seconds(600)), method: .decomposition)
        #expect(result.termination == .optimal && !result.timeLimited, "\(result.termination), bound \(String(describing: result.bestBound))")
        #expect(result.objectiveValue == 0)
    }

    /// The search by commune on `tiny`, checked against exhaustive enumeration.
    @discardableResult
    static func checkAgainstEnumeration(_ tiny: AllocationModelTests.Tiny, sourceLocation: SourceLocation = #_sourceLocation) throws -> AllocationResult {
        let result = try AllocationModel(tiny.instance).solve(method: .decomposition)
        let optimum = Double(tiny.enumerated)
        let objective = try #require(result.objectiveValue, sourceLocation: sourceLocation)
        let bound = try #require(result.bestBound, sourceLocation: sourceLocation)
        // The objective is the plan's criteria-years, counted afresh from its completion years.
        #expect(Double(result.criteriaYears(over: tiny.years) ?? -1) == objective, "\(tiny)", sourceLocation: sourceLocation)
        #expect(objective <= optimum + 1e-6, "\(tiny)", sourceLocation: sourceLocation)
        #expect(bound >= optimum - 1e-6, "\(tiny)", sourceLocation: sourceLocation)
        if result.termination == .optimal || (result.termination == .gapLimit && (result.relativeGap ?? 1) <= 1e-9) {
            #expect(objective == optimum, "\(tiny): \(result.termination) at \(objective) of \(optimum)", sourceLocation: sourceLocation)
        }
        #expect(result.termination == .optimal && !result.timeLimited, "\(tiny): \(result.termination) at \(objective), bound \(bound)", sourceLocation: sourceLocation)
        #expect(result.ledger.violations.filter(\.isBreach).isEmpty, sourceLocation: sourceLocation)
        return result
    }

    /// With every commune in the same envelopes, column generation converges to the LP relaxation's
    /// value: the bound proven is never weaker than the whole model's relaxation (rounded down to a whole
    /// number of criteria-years, or tightened by branch-and-cut on a small province, it may be tighter),
    /// and it still holds the optimum.
    @Test func theBoundIsNeverWeakerThanTheLPRelaxation() throws {
        let instance = try GeneratedProvince(communes: 12, years: 3, seed: 7, capacity: nil).instance
        let model = AllocationModel(instance)
        let relaxation = try #require(try GLPK.solveLP(model.problem, options: LPOptions(method: .dualThenPrimal)).objectiveValue)
        let result = try model.solve(options: MILPOptions(timeLimit: .seconds(120)), method: .decomposition)
        let bound = try #require(result.bestBound)
        #expect(bound <= relaxation + 1e-6 * relaxation, "bound \(bound), relaxation \(relaxation)")
        let objective = try #require(result.objectiveValue)
        #expect(objective <= bound + 1e-6)
        // The direct search proves the optimum here; the decomposition's plan is within its own proven gap of it.
        let direct = try model.solve(options: MILPOptions(timeLimit: .seconds(120)), method: .direct)
        let optimum = try #require(direct.objectiveValue)
        #expect(direct.termination == .optimal)
        #expect(objective <= optimum + 1e-6 && optimum <= bound + 1e-6)
    }

    /// Cancelled before it starts, the search stops at once: no plan, marked cancelled and cut short,
    /// and no branch-and-cut on the whole model after it (which would not stop in its LP relaxation).
    @Test(.timeLimit(.minutes(3))) func aSearchCancelledBeforeItStartsStopsWithoutAPlan() throws {
        let model = AllocationModel(try GeneratedProvince(communes: 44, years: 2, seed: 9).instance)
        let result = try model.solve(options: MILPOptions(timeLimit: .seconds(3600), isCancelled: { true }), method: .decomposition)
        #expect(result.cancelled && result.timeLimited)
        #expect(result.objectiveValue == nil && result.termination == .timeLimit)
    }

    /// Cancelled once it has a plan, the search stops in whatever phase it is in and returns its best
    /// plan so far, marked cancelled; the ledger accepts it. With an hour's limit and no gap that the
    /// search can prove, it would otherwise run the hour (the test's own limit catches that).
    @Test(.timeLimit(.minutes(3)), arguments: [(communes: 44, seed: UInt64(9)), (communes: 10, seed: UInt64(3))])
    func aSearchCancelledAfterItsFirstPlanReturnsThatPlanOrABetterOne(communes: Int, seed: UInt64) throws {
        let model = AllocationModel(try GeneratedProvince(communes: communes, years: 2, seed: seed).instance)
        let first = Mutex<Double?>(nil)
        let options = MILPOptions(timeLimit: .seconds(3600), relativeGap: 0, isCancelled: { first.withLock { $0 != nil } })
        let result = try model.solve(options: options, method: .decomposition) { progress in
            if let incumbent = progress.incumbent { first.withLock { if $0 == nil { $0 = incumbent } } }
        }
        let seen = try #require(first.withLock { $0 })
        let objective = try #require(result.objectiveValue)
        #expect(result.cancelled && result.timeLimited)
        #expect(objective >= seen - 1e-6)
        let bound = try #require(result.bestBound)
        #expect(objective <= bound + 1e-6)
        #expect(result.ledger.violations.filter(\.isBreach).isEmpty)
    }

    /// Not cancelled, the same hook changes nothing: the plan is the one found without it.
    @Test func aSearchNeverCancelledGivesThePlanWithoutTheHook() throws {
        let model = AllocationModel(try GeneratedProvince(communes: 10, years: 2, seed: 3).instance)
        let plain = try model.solve(options: MILPOptions(relativeGap: 0), method: .decomposition)
        let hooked = try model.solve(options: MILPOptions(relativeGap: 0, isCancelled: { false }), method: .decomposition)
        #expect(!hooked.cancelled && !hooked.timeLimited)
        #expect(hooked.objectiveValue == plain.objectiveValue && hooked.plan.lines == plain.plan.lines)
    }

    /// The same inputs give the same plan: every phase ends by its own work (convergence, a pass that
    /// improves nothing, a node limit), never by the clock, and the pricing threads put each result in
    /// its commune's place. Both the large-province path (neighbourhoods and the local search) and the
    /// small one (chains of kicks until they stall, and branch-and-cut on the whole model) are
    /// run twice.
    @Test(arguments: [(communes: 44, years: 2, seed: UInt64(9)), (communes: 10, years: 2, seed: UInt64(3))])
    func theSameInputsGiveTheSamePlan(communes: Int, years: Int, seed: UInt64) throws {
        let model = AllocationModel(try GeneratedProvince(communes: communes, years: years, seed: seed).instance)
        let runs = try (0..<2).map { _ in try model.solve(options: MILPOptions(relativeGap: 0), method: .decomposition) }
        for run in runs {
            #expect(!run.timeLimited)
            #expect(run.ledger.violations.filter(\.isBreach).isEmpty)
        }
        #expect(runs[0].objectiveValue != nil && runs[0].objectiveValue == runs[1].objectiveValue && runs[0].bestBound == runs[1].bestBound)
        #expect(runs[0].completion == runs[1].completion)
        #expect(runs[0].plan.lines == runs[1].plan.lines)
    }

    /// A search the time limit cuts says so, whether or not it found a plan by then.
    @Test func aSearchCutByTheTimeLimitSaysSo() throws {
        let model = AllocationModel(try GeneratedProvince(communes: 44, years: 2, seed: 9).instance)
        let result = try model.solve(options: MILPOptions(timeLimit: .milliseconds(1)), method: .decomposition)
        #expect(result.timeLimited)
    }

    /// The progress a person watches: the first report comes before any plan, in the bound phase; the
    /// plan only improves, the bound only tightens, and the last report is the result's plan and bound.
    @Test func progressStartsAtOnceAndOnlyImproves() throws {
        let model = AllocationModel(try GeneratedProvince(communes: 44, years: 2, seed: 9).instance)
        var reports: [SearchProgress] = []
        let result = try model.solve(options: MILPOptions(relativeGap: 0, progressInterval: .zero), method: .decomposition) { reports.append($0) }
        let first = try #require(reports.first)
        #expect(first.phase == .bound && first.incumbent == nil && first.work == .columnGeneration(rounds: 0, proposals: 0))
        let plans = reports.compactMap(\.incumbent), bounds = reports.compactMap(\.bound)
        #expect(zip(plans, plans.dropFirst()).allSatisfy { $0 <= $1 + 1e-6 })
        #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0 >= $1 - 1e-6 })
        #expect(Set(reports.map(\.phase)).isSuperset(of: [.bound, .firstPlan, .improve]))
        #expect(reports.last?.incumbent == result.objectiveValue && reports.last?.bound == result.bestBound)
    }

    @Test func theGeneratedProvinceIsTheSameForTheSameSeed() throws {
        let a = try GeneratedProvince(communes: 30, years: 2, seed: 3)
        let b = try GeneratedProvince(communes: 30, years: 2, seed: 3)
        let c = try GeneratedProvince(communes: 30, years: 2, seed: 4)
        #expect(a.instance.items == b.instance.items && a.instance.envelopes == b.instance.envelopes)
        #expect(a.instance.items != c.instance.items)
        // Every commune misses something (at most 15 of the 19 criteria met).
        #expect(Set(a.instance.items.map(\.commune)).count == 30)
    }
}

@Suite struct MarginalValueTests {
    typealias Tiny = AllocationModelTests.Tiny

    /// One commune, criteria costing 4 and 6, 5 in one year: the plan meets the first; the million left
    /// and the next ones would buy sixths of the second, so a billion is worth 1000/6 criteria-years.
    @Test func theNextMillionBuysAPartOfTheNextCriterion() throws {
        let tiny = Tiny(costs: [[4, 6]], budgets: [5], capacity: nil)
        let model = AllocationModel(tiny.instance)
        let result = try model.solve()
        #expect(result.criteriaYears(over: tiny.years) == 1)
        let values = try #require(try model.marginalValues(completion: result.completion))
        #expect(abs(values[0]! * 1000 - 1000.0 / 6) < 1e-6)
    }

    /// The duals are the slope of the restricted LP: a little more money in an envelope raises its value
    /// by exactly dual × amount, and never by more (concavity), whatever the envelope.
    @Test func theDualIsTheSlopeOfTheRestrictedLP() async {
        await propertyCheck(count: 30, input: AllocationModelTests.tinyGen) { tiny throws in
            guard tiny.costs.flatMap({ $0 }).count <= 6 else { return }
            let model = AllocationModel(tiny.instance)
            let result = try model.solve()
            guard let values = try model.marginalValues(completion: result.completion) else { return }
            for (e, dual) in values {
                let value = { (extra: Int64) throws -> Double in
                    var instance = tiny.instance
                    instance = instance.adding([e: Money(dong: extra)])
                    let shifted = AllocationModel(instance)
                    var restricted = shifted.problem
                    for (i, item) in instance.items.enumerated() {
                        for (t, column) in shifted.families.done[item: i].enumerated() {
                            let met = result.completion[item].map { $0 <= instance.years[t] } ?? false
                            restricted.columns[column].kind = .continuous
                            restricted.columns[column].bounds = met ? .fixed(1) : .between(0, 1)
                        }
                    }
                    return try GLPK.solveLP(restricted).requireOptimal().objectiveValue!
                }
                let base = try value(0)
                let big = try value(1_000_000_000)   // +1 billion: at most dual × 1000
                #expect(big <= base + dual * 1000 + 1e-6)
                let small = try value(1_000)          // +1 thousand đồng: dual × 0.001 within the basis
                #expect(abs(small - base - dual * 0.001) < 1e-6 || small - base < dual * 0.001)
            }
        }
    }
}
