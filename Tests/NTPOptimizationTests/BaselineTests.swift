import Foundation
import NTPDomain
import NTPOptimization
import NTPTestSupport
import PropertyBased
import Testing

/// The baselines (docs/baselines.md) on the enumeration suite's tiny instances: their plans obey every
/// rule, checked here independently of the model (Hall's condition for the money, plain counting for
/// capacity, sums for the money lines), and the optimizer's plan is never worse on its own objective.
@Suite struct BaselineTests {
    typealias Case = EnumerationTests.Case
    typealias Item = AllocationInstance.Item

    /// A baseline's schedule as the enumerator's choice (year index, or the horizon for "not met").
    static func choice(_ plan: BaselinePlan, _ c: Case) -> [Int] {
        c.items.map { item in plan.result.completion[item].map { $0 - EnumerationTests.firstYear } ?? c.years.count }
    }

    /// Every rule the baseline promises, checked without the model.
    static func checkRules(_ plan: BaselinePlan, _ c: Case, _ name: String) {
        let enumerator = EnumerationTests.Enumerator(c)
        let choice = choice(plan, c)
        #expect(plan.unfunded.isEmpty, "\(name) needs money beyond the envelopes: \(plan.unfunded) in \(c)")
        #expect(enumerator.allowed(choice), "\(name) breaks capacity: \(choice) in \(c)")
        #expect(enumerator.money(choice).feasible, "no money can pay for \(name)'s \(choice) in \(c)")
        #expect(plan.result.ledger.violations.filter(\.isBreach).isEmpty, "\(name): \(plan.result.ledger.violations)")
        // Each met criterion is paid exactly its cost; nothing else is paid.
        for item in c.items {
            let paid = plan.result.plan.paid(for: item)
            let cost = plan.result.completion[item] == nil ? 0 : item.totalCost
            #expect(paid == cost, "\(name): \(item.commune) \(item.criterion) paid \(paid), costs \(cost) in \(c)")
        }
    }

    @Test func greedyAndFormulaKeepEveryRuleAndTheOptimizerIsNeverWorse() async {
        await propertyCheck(count: 80, input: EnumerationTests.caseGen, EnumerationTests.priorityGen, Gen.int(in: 1...50).array(of: 4)) {
            base, priority, coefficients throws in
            var c = base
            c.policy.priority = priority
            let instance = c.instance
            let optimum = try AllocationModel(instance).solve()
            let key = EnumerationTests.key(c.objective)
            let enumerator = EnumerationTests.Enumerator(c)
            let weights = Dictionary(uniqueKeysWithValues: instance.communes.enumerated().map { ($1, Decimal(coefficients[$0 % 4])) })
            for (name, plan) in [("greedy", try Baseline.greedy(instance)), ("formula", try Baseline.formula(instance, coefficients: weights))] {
                Self.checkRules(plan, c, name)
                guard let best = optimum.objectiveValue else {
                    Issue.record("the optimizer finds no plan where \(name) does: \(c)")
                    continue
                }
                let mine = key(enumerator.score(Self.choice(plan, c)))
                let optimizer = key(enumerator.score(c.items.map { item in optimum.completion[item].map { $0 - EnumerationTests.firstYear } ?? c.years.count }))
                #expect(!optimizer.lexicographicallyPrecedes(mine), "\(name) \(mine) beats the optimizer \(optimizer): \(c)")
                // The model values the baseline's schedule as the enumerator does, and no higher than its optimum.
                #expect(plan.result.objectiveValue.map { $0 <= best + 1e-6 } ?? false, "\(name): \(String(describing: plan.result.objectiveValue)) vs \(best)")
            }
        }
    }

    /// Any schedule: what the envelopes cannot pay is exactly the money Hall's condition says is missing
    /// when the schedule is feasible (none), and the lines still obey the ledger when it is not.
    @Test func anOfficialScheduleIsFinancedAsFarAsTheMoneyGoes() async {
        await propertyCheck(count: 80, input: EnumerationTests.caseGen, Gen.int(in: 0...3).array(of: 7)) { base, years throws in
            var c = base
            c.policy = AllocationInstance.Policy()
            let items = c.items
            var schedule: [Item: Int] = [:]
            for (i, item) in items.enumerated() where years[i] < c.years.count { schedule[item] = c.years[years[i]] }
            let plan = try Baseline.official(c.instance, schedule: schedule)
            let choice = Self.choice(plan, c)
            #expect(choice == items.indices.map { years[$0] < c.years.count ? years[$0] : c.years.count })
            #expect(plan.result.ledger.violations.filter(\.isBreach).isEmpty, "\(plan.result.ledger.violations)")
            #expect(plan.unfunded.isEmpty == EnumerationTests.Enumerator(c).money(choice).feasible, "\(plan.unfunded) for \(choice) in \(c)")
            // Paid plus unfunded is each met criterion's cost.
            for item in items where schedule[item] != nil {
                let missing = plan.unfunded.filter { $0.commune == item.commune && $0.criterion == item.criterion }.reduce(0) { $0 + $1.amount.dong }
                #expect(plan.result.plan.paid(for: item) + missing == item.totalCost, "\(item) in \(c)")
            }
        }
    }

    /// One commune, one year, 40 million of central money: a schedule of 30 + 50 million needs 40 more.
    @Test func theMoneyAScheduleNeedsIsWhatTheEnvelopesLack() throws {
        let c = Case(costs: [[30, 50]], central: [40], local: [0], centralCriteria: ["2", "3"])
        let items = c.items
        let plan = try Baseline.official(c.instance, schedule: [items[0]: 2023, items[1]: 2023])
        #expect(plan.totalUnfunded == Money(dong: 40_000_000))
        #expect(plan.result.plan.lines.reduce(0) { $0 + $1.amount.dong } == 40_000_000)
        #expect(plan.result.completion.count == 2)
    }

    /// Costs 10, 20, 30 and 35 million a year for two years: cheapest first meets 10 and 20 in the first
    /// year (30 does not fit in the 5 left), and 30 in the second with the 5 carried over.
    @Test func greedyTakesTheCheapestThatFit() throws {
        let c = Case(costs: [[30, 10, 20]], central: [35, 30], local: [0, 0], centralCriteria: ["2", "3", "4"])
        let items = c.items
        let plan = try Baseline.greedy(c.instance)
        #expect(plan.result.completion == [items[1]: 2023, items[2]: 2023, items[0]: 2024])
    }

    /// Formula shares add up to the whole and follow the coefficients within a đồng.
    @Test func sharesAddUpAndFollowTheCoefficients() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000_000), Gen.int(in: 1...50).array(of: 1...8)) { amount, weights in
            let decimals = weights.map { Decimal($0) }
            let parts = Money.split(Money(dong: Int64(amount)), by: decimals)
            #expect(parts.reduce(0) { $0 + $1.dong } == Int64(amount))
            let total = weights.reduce(0, +)
            for (part, weight) in zip(parts, weights) {
                let exact = Decimal(amount) * Decimal(weight) / Decimal(total)
                #expect(abs(Decimal(part.dong) - exact) < 1)
            }
        }
    }
}
