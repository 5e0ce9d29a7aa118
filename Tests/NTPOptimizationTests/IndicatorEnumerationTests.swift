import Foundation
import NTPDomain
import NTPOptimization
import NTPTestSupport
import PropertyBased
import Testing

/// Criteria planned by indicator and envelopes limited to one commune, against exhaustive enumeration
/// written independently here, on tiny instances: communes c0, c1 each miss criteria planned whole
/// (code "2") or by indicator ("3.1", "3.2"…); money is one area envelope a year and one envelope a year
/// of each commune's own, every one carrying over without a cap.
///
/// The enumerator tries every completion year (or none) for every item. A criterion is met in the year
/// its last item is, when all are. A choice is feasible when capacity (criteria met per commune and
/// year) holds and its money can be found: Hall's condition on the transportation problem whose supplies
/// are the envelopes (an area one reaches every commune's demands of its year and later; a commune's own
/// reaches only that commune's), where the worst sets of demands are, per commune, every demand up to a
/// cut-off year. The score is the model's lexicographic objective: the minimum-progress shortfall
/// (counted in criteria), then criteria-years (criteria, not indicators).
@Suite struct IndicatorEnumerationTests {
    typealias Item = AllocationInstance.Item
    static let firstYear = 2026

    struct Case: Sendable, CustomStringConvertible {
        /// Per commune, per criterion: the costs of its items in million VND (one: the criterion planned
        /// whole; several: its indicators).
        var criteria: [[[Int64]]]
        /// Area money a year, and each commune's own money a year (million VND).
        var area: [Int64]
        var own: [[Int64]]
        var capacity: Int?
        var minimumProgress: Int?

        var years: [Int] { area.indices.map { IndicatorEnumerationTests.firstYear + $0 } }

        /// The items, with the criterion index (within its commune) each counts towards.
        var items: [(item: Item, commune: Int, criterion: Int)] {
            criteria.enumerated().flatMap { c, list in
                list.enumerated().flatMap { k, costs in
                    costs.enumerated().map { n, cost in
                        let code = costs.count == 1 ? "\(k + 2)" : "\(k + 2).\(n + 1)"
                        return (Item(commune: "c\(c)", criterion: code, cost: [.construction: TestMoney.million(cost)], buildYears: 1), c, k)
                    }
                }
            }
        }

        var instance: AllocationInstance {
            var envelopes: [BudgetEnvelope] = []
            for (t, amount) in area.enumerated() { envelopes.append(TestMoney.envelope("local", years[t], amount)) }
            for (c, amounts) in own.enumerated() {
                for (t, amount) in amounts.enumerated() {
                    var envelope = TestMoney.envelope("local", years[t], amount)
                    envelope.locality = "c\(c)"
                    envelopes.append(envelope)
                }
            }
            return AllocationInstance(
                items: items.map(\.item), years: years, envelopes: envelopes, rules: BudgetRules(carryOver: [TestMoney.carryOverEverywhere]),
                sources: [TestMoney.source("local", .localBudget)], localities: TestMoney.noLocalities,
                policy: AllocationInstance.Policy(capacityPerCommuneYear: capacity, minimumProgress: minimumProgress))
        }

        var description: String {
            "Case(criteria: \(criteria), area: \(area), own: \(own), capacity: \(capacity.map(String.init) ?? "nil"), minimumProgress: \(minimumProgress.map(String.init) ?? "nil"))"
        }
    }

    /// The year index each criterion (commune, criterion index) is met in under `choice` (Y: not met).
    static func criterionYears(_ c: Case, _ choice: [Int]) -> [[Int]] {
        let y = c.years.count
        var years = c.criteria.map { $0.map { _ in 0 } }
        for (index, entry) in c.items.enumerated() { years[entry.commune][entry.criterion] = max(years[entry.commune][entry.criterion], choice[index]) }
        return years.map { $0.map { min($0, y) } }
    }

    static func feasible(_ c: Case, _ choice: [Int]) -> Bool {
        let y = c.years.count
        let met = criterionYears(c, choice)
        if let capacity = c.capacity {
            for commune in met { for t in 0..<y where commune.filter({ $0 == t }).count > capacity { return false } }
        }
        // Demand by commune and year.
        var demand = c.criteria.map { _ in [Int64](repeating: 0, count: y) }
        for (index, entry) in c.items.enumerated() where choice[index] < y { demand[entry.commune][choice[index]] += entry.item.totalCost / 1_000_000 }
        // Every cut-off year per commune (−1: none of its demands).
        var cut = [Int](repeating: -1, count: c.criteria.count)
        func check(_ commune: Int) -> Bool {
            if commune == cut.count {
                let latest = cut.max() ?? -1
                var need: Int64 = 0, have: Int64 = 0
                for (i, last) in cut.enumerated() where last >= 0 {
                    need += demand[i][0...last].reduce(0, +)
                    have += c.own[i][0...last].reduce(0, +)
                }
                if latest >= 0 { have += c.area[0...latest].reduce(0, +) }
                return need <= have
            }
            for last in -1..<y {
                cut[commune] = last
                if !check(commune + 1) { return false }
            }
            return true
        }
        return check(0)
    }

    /// [−shortfall, criteria-years], both counted in criteria.
    static func key(_ c: Case, _ choice: [Int]) -> [Int64] {
        let y = c.years.count
        let met = criterionYears(c, choice)
        var criteriaYears: Int64 = 0, shortfall: Int64 = 0
        for commune in met {
            for year in commune where year < y { criteriaYears += Int64(y - year) }
            if let k = c.minimumProgress {
                for t in 0..<y { shortfall += Int64(max(0, min(commune.count, k * (t + 1)) - commune.filter { $0 <= t }.count)) }
            }
        }
        return [-shortfall, criteriaYears]
    }

    static func best(_ c: Case) -> [Int64]? {
        let n = c.items.count, y = c.years.count
        var choice = [Int](repeating: y, count: n)
        var best: [Int64]?
        func visit(_ i: Int) {
            if i == n {
                guard feasible(c, choice) else { return }
                let k = key(c, choice)
                if best.map({ $0.lexicographicallyPrecedes(k) }) ?? true { best = k }
                return
            }
            for t in 0...y {
                choice[i] = t
                visit(i + 1)
            }
        }
        visit(0)
        return best
    }

    /// 1-2 communes, 1-2 criteria each of 1-3 items (at most 6 items), 2-3 years, capacity 1 or none,
    /// minimum progress 1 or none.
    static let caseGen = zip(
        Gen.int(in: 1...9).array(of: 1...3).array(of: 1...2).array(of: 1...2),
        Gen.int(in: 0...10).array(of: 3),
        Gen.int(in: 0...6).array(of: 3).array(of: 2),
        Gen.int(in: 2...3),
        Gen.bool(),
        Gen.bool()
    ).map { criteria, area, own, years, capacity, progress in
        var criteria = criteria.map { $0.map { $0.map(Int64.init) } }
        while criteria.reduce(0, { $0 + $1.reduce(0) { $0 + $1.count } }) > 6 {
            let c = criteria.count - 1, k = criteria[c].count - 1
            criteria[c][k].removeLast()
            if criteria[c][k].isEmpty { criteria[c].removeLast() }
            if criteria[c].isEmpty { criteria.removeLast() }
        }
        return Case(
            criteria: criteria, area: area.prefix(years).map(Int64.init), own: own.prefix(criteria.count).map { $0.prefix(years).map(Int64.init) },
            capacity: capacity ? 1 : nil, minimumProgress: progress ? 1 : nil)
    }

    /// The optimum counts criteria, not indicators, and equals enumeration; the plan keeps capacity and
    /// pays each commune's items only from its own envelopes or the area's, each met item to the đồng.
    @Test func optimumCountsCriteriaAndMatchesEnumeration() async {
        await propertyCheck(count: 120, input: Self.caseGen) { c throws in
            let expected = try #require(Self.best(c), "choosing nothing is always feasible")
            let result = try AllocationModel(c.instance).solve(method: .direct)
            #expect(result.termination == .optimal, "\(c)")
            let items = c.items
            let choice = items.map { entry in result.completion[entry.item].map { $0 - Self.firstYear } ?? c.years.count }
            #expect(Self.feasible(c, choice), "the plan \(choice) breaks capacity or the money: \(c)")
            #expect(Self.key(c, choice) == expected, "got \(choice) \(Self.key(c, choice)), enumeration \(expected): \(c)")
            #expect(result.criteriaYears(over: c.years).map(Int64.init) == expected[1], "\(c)")
            for entry in items {
                let lines = result.plan.lines.filter { $0.locality == entry.item.commune && $0.criterion == entry.item.criterion }
                #expect(lines.allSatisfy { $0.envelopeLocality == nil || $0.envelopeLocality == entry.item.commune }, "\(entry.item) paid from another commune's envelope: \(c)")
                let paid = lines.reduce(Int64(0)) { $0 + $1.amount.dong }
                #expect(paid == (result.completion[entry.item] == nil ? 0 : entry.item.totalCost), "\(entry.item): \(c)")
            }
            #expect(result.ledger.violations.filter(\.isBreach).isEmpty, "\(c)")
        }
    }

    /// The decomposition plans communes with criteria planned by indicator in their own model (their
    /// criteria are tied together, so not priced by sight): its plan keeps every row of the whole model,
    /// never beats the enumerated optimum, and its bound holds it.
    @Test func theDecompositionKeepsIndicatorsTogether() async {
        await propertyCheck(count: 60, input: Self.caseGen) { c throws in
            let expected = try #require(Self.best(c))
            // The objective's value of the optimum: criteria-years less the shortfall at its weight, one more
            // than every criterion-year the plan could count (docs/model.md, "Objective").
            let criteria = c.criteria.reduce(0) { $0 + $1.count }
            let optimum = Double(expected[1]) + Double(1 + criteria * c.years.count) * Double(expected[0])
            let result = try AllocationModel(c.instance).solve(method: .decomposition)
            let objective = try #require(result.objectiveValue, "\(c)")
            #expect(objective <= optimum + 1e-6, "\(objective) above the optimum \(optimum): \(c)")
            #expect((result.bestBound ?? -.infinity) >= optimum - 1e-6, "the bound \(result.bestBound ?? .nan) below the optimum \(optimum): \(c)")
            let choice = c.items.map { entry in result.completion[entry.item].map { $0 - Self.firstYear } ?? c.years.count }
            #expect(Self.feasible(c, choice), "\(c)")
        }
    }
}
