import Foundation
import NTPDomain
import NTPOptimization
import NTPTestSupport
import PropertyBased
import Testing

/// The allocation model's optimum against exhaustive enumeration written independently here, on tiny
/// instances with two sources: `central`, which may pay only some criteria, and `local`, which may pay
/// every criterion. Each source has one envelope a year, with unlimited carry-over to its next year.
///
/// The enumerator tries every completion year (or "not in the horizon") for every item. A choice is
/// feasible when it keeps the locks, targets and capacity, and when its money can be found: a
/// transportation problem with supplies (source, year), usable in that year or later, and demands
/// (the items completed in a year, grouped by whether central may pay them), decided by Hall's
/// condition. Nothing here calls the model to compute an expected value.
@Suite struct EnumerationTests {
    typealias Item = AllocationInstance.Item
    typealias Policy = AllocationInstance.Policy
    typealias Target = AllocationInstance.Target
    typealias Objective = AllocationInstance.Objective

    static let firstYear = 2023
    static let sources = [TestMoney.source("central", .centralBudget, level: .central), TestMoney.source("local", .localBudget)]

    /// A tiny instance: communes c0, c1… each missing some of criteria "2", "3", "4".
    struct Case: Sendable, CustomStringConvertible {
        /// Per commune, per missing criterion (code "\(k + 2)"), in million VND.
        var costs: [[Int64]]
        /// Per year, in million VND (both of the same length: the horizon).
        var central: [Int64]
        var local: [Int64]
        /// The criteria central money may pay for.
        var centralCriteria: Set<String>
        var policy = Policy()
        var objective: Objective = .criteriaYears
        var targets: [Target] = []
        /// Item index → year index, or nil for "not in the horizon".
        var locked: [Int: Int?] = [:]

        var years: [Int] { central.indices.map { EnumerationTests.firstYear + $0 } }

        var items: [Item] {
            costs.enumerated().flatMap { c, criteria in
                criteria.enumerated().map { k, cost in
                    Item(commune: "c\(c)", criterion: "\(k + 2)", cost: [.construction: Money(dong: cost * 1_000_000)], buildYears: 1)
                }
            }
        }

        var instance: AllocationInstance {
            let rules = BudgetRules(
                carryOver: [TestMoney.carryOverEverywhere],
                sourceEligibility: [SourceEligibility(source: "central", criteria: centralCriteria, basis: Provenance("test"))])
            var envelopes: [BudgetEnvelope] = []
            for (source, amounts) in [("central", central), ("local", local)] {
                for (t, amount) in amounts.enumerated() {
                    let year = EnumerationTests.firstYear + t
                    envelopes.append(
                        BudgetEnvelope(program: "NTM", source: source, years: year...year, amount: Money(dong: amount * 1_000_000), provenance: Provenance("test")))
                }
            }
            let items = self.items
            var locks: [Item: Int?] = [:]
            for (i, year) in locked { locks[items[i]] = .some(year.map { EnumerationTests.firstYear + $0 }) }
            return AllocationInstance(
                items: items, years: years, envelopes: envelopes, rules: rules, sources: EnumerationTests.sources,
                localities: TestMoney.noLocalities, policy: policy, objective: objective, locked: locks, targets: targets)
        }

        var description: String {
            let targetText = targets.map { "(\($0.commune ?? "*"), \($0.criterion ?? "*"), \($0.year.map(String.init) ?? "last"))" }
            let lockText = locked.sorted { $0.key < $1.key }.map { "\($0.key)→\($0.value.map(String.init) ?? "none")" }
            return "Case(costs: \(costs), central: \(central), local: \(local), centralPays: \(centralCriteria.sorted()), "
                + "capacity: \(policy.capacityPerCommuneYear.map(String.init) ?? "nil"), minimumProgress: \(policy.minimumProgress.map(String.init) ?? "nil"), "
                + "bonus: \(policy.standardBonus), priority: \(policy.priority.sorted { $0.key < $1.key }), objective: \(objective), "
                + "targets: \(targetText), locked: \(lockText))"
        }
    }

    // MARK: - The enumerator

    /// What a choice of completion years earns, by every measure the objectives use.
    struct Score: CustomStringConvertible {
        /// Σ over met items of (years − year index): unweighted.
        var criteriaYears: Int64 = 0
        /// The same, each item weighted by its commune's priority.
        var weightedCriteriaYears: Int64 = 0
        /// Σ over communes with every item met of bonus × weight × (years − the year index it gets there).
        var bonus: Int64 = 0
        /// Communes with every item met within the horizon.
        var atStandard: Int64 = 0
        /// Σ_c Σ_t max(0, min(n_c, k·(t+1)) − met_c(t)), and (when asked for) its non-zero terms as
        /// "commune@year:count".
        var shortfall: Int64 = 0
        var shortfalls: [String] = []
        /// Money of the met items, and the least of it that must be central (given the choice is feasible).
        var cost: Int64 = 0
        var minCentral: Int64 = 0

        var description: String {
            "Score(cy: \(criteriaYears), weighted: \(weightedCriteriaYears), bonus: \(bonus), atStandard: \(atStandard), "
                + "shortfall: \(shortfall) \(shortfalls), cost: \(cost), minCentral: \(minCentral))"
        }
    }

    /// Plain loops over small arrays: a debug build must get through 4⁷ choices quickly.
    struct Enumerator {
        let horizon: Int  // Y; a choice of Y means "not in the horizon"
        let commune: [Int]
        let cost: [Int64]
        /// The first demand group of each item: Y when central may pay it, else 0; its group in year
        /// index t is this + t.
        let groupBase: [Int]
        let weight: [Int64]  // per commune
        let itemsOf: [[Int]]  // per commune
        let options: [[Int]]  // per item, the choices locks and targets allow
        let capacity: Int?
        let minimumProgress: Int?
        let standardBonus: Int64
        /// Demand groups g = (central may pay ? Y : 0) + year index; per subset of groups, the supply of
        /// every (source, year) node some group of the subset can reach: all of them, and local only.
        let groups: Int
        let reachAll: [Int64]
        let reachLocal: [Int64]

        init(_ c: Case) {
            let y = c.central.count
            horizon = y
            var commune: [Int] = [], cost: [Int64] = [], base: [Int] = [], criterion: [String] = []
            for (ci, criteria) in c.costs.enumerated() {
                for (k, amount) in criteria.enumerated() {
                    commune.append(ci)
                    cost.append(amount)
                    criterion.append("\(k + 2)")
                    base.append(c.centralCriteria.contains("\(k + 2)") ? y : 0)
                }
            }
            self.commune = commune
            self.cost = cost
            groupBase = base
            weight = c.costs.indices.map { Int64(c.policy.priority["c\($0)"] ?? 1) }
            itemsOf = c.costs.indices.map { ci in commune.indices.filter { commune[$0] == ci } }
            capacity = c.policy.capacityPerCommuneYear
            minimumProgress = c.policy.minimumProgress
            standardBonus = Int64(c.policy.standardBonus)

            // A target binds from its year's index (no year: the last; before the horizon: the first;
            // after it: not at all).
            func binding(_ year: Int?) -> Int? {
                let year = year ?? (EnumerationTests.firstYear + y - 1)
                if year < EnumerationTests.firstYear { return 0 }
                if year > EnumerationTests.firstYear + y - 1 { return nil }
                return year - EnumerationTests.firstYear
            }
            options = commune.indices.map { i in
                var allowed = Array(0...y)
                if let lock = c.locked[i] { allowed = [lock ?? y] }
                for target in c.targets
                where (target.commune == nil || target.commune == "c\(commune[i])") && (target.criterion == nil || target.criterion == criterion[i]) {
                    if let by = binding(target.year) { allowed = allowed.filter { $0 <= by } }
                }
                return allowed
            }

            groups = 2 * y
            var reachAll: [Int64] = [], reachLocal: [Int64] = []
            for subset in 0..<(1 << groups) {
                // Local money of every year up to the latest group's; central money up to the latest
                // group's that central may pay.
                var latestLocal = -1, latestCentral = -1
                for g in 0..<groups where subset & (1 << g) != 0 {
                    latestLocal = max(latestLocal, g % y)
                    if g >= y { latestCentral = max(latestCentral, g % y) }
                }
                let local = c.local.prefix(latestLocal + 1).reduce(0, +)
                reachLocal.append(local)
                reachAll.append(local + c.central.prefix(latestCentral + 1).reduce(0, +))
            }
            self.reachAll = reachAll
            self.reachLocal = reachLocal
        }

        /// Whether demand by group can be paid (Hall's condition on every subset of groups: its demand is
        /// at most the supply it can reach), and then the least central money it needs: D − (the most local
        /// money can pay) = max over subsets T of d(T) − local supply reachable from T (max-flow min-cut on
        /// the local network alone; a maximum local flow extends by augmenting paths to a full flow without
        /// using less local money, since augmenting paths never lower the flow out of the source).
        /// `sum` is scratch space of 2^groups entries.
        func hall(_ demand: [Int64], _ sum: inout [Int64]) -> (feasible: Bool, minCentral: Int64) {
            var feasible = true
            var minCentral: Int64 = 0
            let count = 1 << groups
            // Raw buffers: array subscripts are slow in a debug build, and this runs for every choice.
            demand.withUnsafeBufferPointer { demand in
                reachAll.withUnsafeBufferPointer { reachAll in
                    reachLocal.withUnsafeBufferPointer { reachLocal in
                        sum.withUnsafeMutableBufferPointer { sum in
                            sum[0] = 0
                            for subset in 1..<count {
                                let total = sum[subset & (subset - 1)] + demand[subset.trailingZeroBitCount]
                                sum[subset] = total
                                if total > reachAll[subset] { feasible = false }
                                if total - reachLocal[subset] > minCentral { minCentral = total - reachLocal[subset] }
                            }
                        }
                    }
                }
            }
            return (feasible, minCentral)
        }

        func money(_ choice: [Int]) -> (feasible: Bool, minCentral: Int64) {
            var demand = [Int64](repeating: 0, count: groups)
            for i in choice.indices where choice[i] < horizon { demand[groupBase[i] + choice[i]] += cost[i] }
            var sum = [Int64](repeating: 0, count: 1 << groups)
            return hall(demand, &sum)
        }

        /// Locks, targets and capacity.
        func allowed(_ choice: [Int]) -> Bool {
            guard choice.indices.allSatisfy({ options[$0].contains(choice[$0]) }) else { return false }
            if let capacity {
                for members in itemsOf {
                    for t in 0..<horizon where members.filter({ choice[$0] == t }).count > capacity { return false }
                }
            }
            return true
        }

        func score(_ choice: [Int], minCentral: Int64? = nil, detail: Bool = true) -> Score {
            var score = Score()
            for i in choice.indices where choice[i] < horizon {
                score.criteriaYears += Int64(horizon - choice[i])
                score.weightedCriteriaYears += weight[commune[i]] * Int64(horizon - choice[i])
                score.cost += cost[i]
            }
            for c in itemsOf.indices {
                var reached = 0
                for i in itemsOf[c] { reached = max(reached, choice[i]) }
                if reached < horizon {
                    score.atStandard += 1
                    score.bonus += standardBonus * weight[c] * Int64(horizon - reached)
                }
                if let k = minimumProgress {
                    for t in 0..<horizon {
                        let required = min(itemsOf[c].count, k * (t + 1))
                        var met = 0
                        for i in itemsOf[c] where choice[i] <= t { met += 1 }
                        if required > met {
                            score.shortfall += Int64(required - met)
                            if detail { score.shortfalls.append("c\(c)@\(EnumerationTests.firstYear + t):\(required - met)") }
                        }
                    }
                }
            }
            score.minCentral = minCentral ?? money(choice).minCentral
            return score
        }

        /// Calls `body` with every feasible choice and the least central money it needs: items assigned
        /// one by one, over the years locks and targets allow, within the capacity; money checked last.
        func forEachFeasible(_ body: ([Int], Int64) -> Void) {
            let n = cost.count
            var choice = [Int](repeating: horizon, count: n)
            var demand = [Int64](repeating: 0, count: groups)
            var completions = [Int](repeating: 0, count: itemsOf.count * horizon)  // per (commune, year)
            var sum = [Int64](repeating: 0, count: 1 << groups)
            func visit(_ i: Int) {
                if i == n {
                    let money = hall(demand, &sum)
                    if money.feasible { body(choice, money.minCentral) }
                    return
                }
                for t in options[i] {
                    choice[i] = t
                    if t == horizon {
                        visit(i + 1)
                        continue
                    }
                    let slot = commune[i] * horizon + t
                    if let capacity, completions[slot] >= capacity { continue }
                    completions[slot] += 1
                    demand[groupBase[i] + t] += cost[i]
                    visit(i + 1)
                    completions[slot] -= 1
                    demand[groupBase[i] + t] -= cost[i]
                }
            }
            visit(0)
        }

        /// The lexicographically greatest key over feasible choices, with one choice attaining it; nil when
        /// no choice is feasible.
        func best(_ key: (Score) -> [Int64]) -> (key: [Int64], choice: [Int])? {
            var best: (key: [Int64], choice: [Int])?
            forEachFeasible { choice, minCentral in
                let k = key(score(choice, minCentral: minCentral, detail: false))
                if best.map({ $0.key.lexicographicallyPrecedes(k) }) ?? true { best = (k, choice) }
            }
            return best
        }
    }

    /// The objective's goals, in order, each to be maximised (docs/model.md, "Objective"): minimum progress
    /// first (soft), then the objective's own.
    static func key(_ objective: Objective) -> (Score) -> [Int64] {
        switch objective {
        case .criteriaYears: { [-$0.shortfall, $0.weightedCriteriaYears + $0.bonus] }
        case .maxStandard: { [-$0.shortfall, $0.atStandard, $0.weightedCriteriaYears] }
        case .minCost(.none): { [-$0.shortfall, -$0.cost] }
        case .minCost(.some): { [-$0.shortfall, -$0.minCentral] }
        }
    }

    // MARK: - Checking a solved plan

    /// Solves `c`, compares the optimum with enumeration and checks the plan; returns the result for
    /// further checks (nil when there is no plan).
    @discardableResult
    static func check(_ c: Case, sourceLocation: SourceLocation = #_sourceLocation) throws -> (result: AllocationResult, score: Score, expected: Score)? {
        let enumerator = Enumerator(c)
        let key = Self.key(c.objective)
        let best = enumerator.best(key)
        let result = try AllocationModel(c.instance).solve()
        guard let best else {
            #expect(result.termination == .infeasible, "enumeration finds no feasible plan: \(c)", sourceLocation: sourceLocation)
            #expect(result.objectiveValue == nil, sourceLocation: sourceLocation)
            return nil
        }
        #expect(result.termination == .optimal, "\(c)", sourceLocation: sourceLocation)
        guard result.objectiveValue != nil else {
            Issue.record("no plan, but enumeration finds \(enumerator.score(best.choice)) with \(best.choice): \(c)", sourceLocation: sourceLocation)
            return nil
        }
        let items = c.items
        let y = c.years.count
        #expect(Set(result.completion.keys).isSubset(of: Set(items)), sourceLocation: sourceLocation)
        let choice = items.map { item in result.completion[item].map { $0 - firstYear } ?? y }
        let score = enumerator.score(choice)
        let expected = enumerator.score(best.choice)

        // The plan's completions keep the locks, targets and capacity, its money can be found, and it is optimal.
        #expect(enumerator.allowed(choice), "the plan breaks a lock, target or capacity: \(choice) in \(c)", sourceLocation: sourceLocation)
        #expect(enumerator.money(choice).feasible, "no money can pay for \(choice) in \(c)", sourceLocation: sourceLocation)
        #expect(key(score) == best.key, "got \(choice) \(score), enumeration \(best.choice) \(expected): \(c)", sourceLocation: sourceLocation)

        // What the result reports.
        #expect(result.criteriaYears(over: c.years) == Int(score.criteriaYears), sourceLocation: sourceLocation)
        let reported = result.shortfalls.map { "\($0.commune)@\($0.year):\($0.criteria)" }.sorted()
        #expect(reported == score.shortfalls.sorted(), "\(c)", sourceLocation: sourceLocation)
        if let objective = result.objectiveValue, score.shortfall == 0 {
            switch c.objective {
            case .criteriaYears:
                #expect(Int64(objective.rounded()) == score.weightedCriteriaYears + score.bonus, "\(c)", sourceLocation: sourceLocation)
            case .minCost(.none):
                #expect(abs(objective - Double(score.cost)) < 1e-3, "\(objective) for \(c)", sourceLocation: sourceLocation)
            case .minCost(.some):
                // Central money counts 1 a million, other money a millionth of that.
                #expect(abs(objective - Double(expected.minCentral)) < 1e-3, "\(objective) for \(c)", sourceLocation: sourceLocation)
            case .maxStandard:
                break
            }
        }

        // The money: every met item is paid exactly its cost, in its completion year, from sources that
        // may pay for it; nothing else is paid; no source spends by the end of a year more than it has
        // received by then; and the ledger finds no breach.
        for (i, item) in items.enumerated() {
            let lines = result.plan.lines.filter { $0.locality == item.commune && $0.criterion == item.criterion }
            let paid = lines.reduce(Int64(0)) { $0 + $1.amount.dong }
            if choice[i] < y {
                #expect(paid == item.cost.values.reduce(0) { $0 + $1.dong }, "\(item) in \(c)", sourceLocation: sourceLocation)
                #expect(lines.allSatisfy { $0.year == c.years[choice[i]] }, "\(item) in \(c)", sourceLocation: sourceLocation)
            } else {
                #expect(lines.isEmpty, "\(item) is not met but paid: \(c)", sourceLocation: sourceLocation)
            }
            #expect(
                lines.allSatisfy { $0.source == "local" || ($0.source == "central" && c.centralCriteria.contains(item.criterion)) },
                "\(item) paid from a source that may not pay it: \(c)", sourceLocation: sourceLocation)
        }
        #expect(
            result.plan.lines.allSatisfy { line in line.program == "NTM" && items.contains { $0.commune == line.locality && $0.criterion == line.criterion } },
            sourceLocation: sourceLocation)
        for (source, amounts) in [("central", c.central), ("local", c.local)] {
            var balance: Int64 = 0
            for (t, year) in c.years.enumerated() {
                balance += amounts[t] * 1_000_000
                balance -= result.plan.lines.filter { $0.source == source && $0.year == year }.reduce(0) { $0 + $1.amount.dong }
                #expect(balance >= 0, "\(source) overspent by \(year): \(c)", sourceLocation: sourceLocation)
            }
        }
        #expect(result.ledger.violations.filter(\.isBreach).isEmpty, "\(c)", sourceLocation: sourceLocation)

        // Least central money: what the plan actually pays from central.
        if case .minCost(let source?) = c.objective, source == "central" {
            let central = result.plan.lines.filter { $0.source == "central" }.reduce(Int64(0)) { $0 + $1.amount.dong }
            #expect(abs(central - expected.minCentral * 1_000_000) <= 10, "central \(central) đồng, least \(expected.minCentral) million: \(c)", sourceLocation: sourceLocation)
        }
        return (result, score, expected)
    }

    // MARK: - Generators

    /// Up to 4 communes × 3 criteria, cut to at most 7 items; 2-3 years; capacity 1, 2 or none.
    static let caseGen = zip(
        Gen.int(in: 1...9).array(of: 1...3).array(of: 1...4),
        Gen.int(in: 0...12).array(of: 3),
        Gen.int(in: 0...12).array(of: 3),
        Gen.int(in: 2...3),
        Gen.int(in: 0...7),
        Gen.int(in: 0...2)
    ).map { costs, central, local, years, mask, capacity in
        var costs = costs.map { $0.map(Int64.init) }
        while costs.reduce(0, { $0 + $1.count }) > 7 {
            costs[costs.count - 1].removeLast()
            if costs[costs.count - 1].isEmpty { costs.removeLast() }
        }
        return Case(
            costs: costs, central: central.prefix(years).map(Int64.init), local: local.prefix(years).map(Int64.init),
            centralCriteria: Set((0..<3).filter { mask & (1 << $0) != 0 }.map { "\($0 + 2)" }),
            policy: Policy(capacityPerCommuneYear: capacity == 0 ? nil : capacity))
    }

    /// Priority weights of communes c0 and c1 (1-3).
    static let priorityGen = zip(Gen.int(in: 1...3), Gen.int(in: 1...3)).map { a, b in ["c0": a, "c1": b] }

    /// One or two targets: (commune index or any, criterion index or all, year: 0 none, 1 before the
    /// horizon, 2-4 the years 2023-2025, of which 2025 lies after a two-year horizon).
    static let targetsGen = zip(Gen.int(in: 0...4), Gen.int(in: 0...3), Gen.int(in: 0...4)).array(of: 1...2)

    static func targets(_ raw: [(Int, Int, Int)], in c: Case) -> [Target] {
        raw.map { commune, criterion, year in
            let criterionCode: String? = criterion < 3 ? "\(criterion + 2)" : nil
            let communeCode: String? = commune < 4 || criterionCode == nil ? "c\(commune % c.costs.count)" : nil
            return Target(commune: communeCode, criterion: criterionCode, year: year == 0 ? nil : firstYear - 2 + year)
        }
    }

    // MARK: - Property tests

    /// Criteria-years, weighted by commune priority, plus a bonus for every year a commune is at standard.
    @Test func criteriaYearsWithPriorityAndBonus() async {
        await propertyCheck(count: 100, input: Self.caseGen, Self.priorityGen, Gen.int(in: 0...2)) { base, priority, bonus throws in
            var c = base
            c.policy.priority = priority
            c.policy.standardBonus = bonus
            try Self.check(c)
        }
    }

    /// Most communes at standard by the last year; weighted criteria-years break ties.
    @Test func mostCommunesAtStandard() async {
        await propertyCheck(count: 70, input: Self.caseGen, Self.priorityGen, Gen.bool()) { base, priority, weighted throws in
            var c = base
            c.objective = .maxStandard
            if weighted { c.policy.priority = priority }
            guard let checked = try Self.check(c) else { return }
            let (result, score, expected) = checked
            let communes = Set(c.items.map(\.commune))
            let atStandard = communes.filter { commune in c.items.filter { $0.commune == commune }.allSatisfy { result.completion[$0] != nil } }
            #expect(atStandard.count == Int(expected.atStandard), "\(c)")
            #expect(score.weightedCriteriaYears == expected.weightedCriteriaYears, "\(c)")
            if !weighted { #expect(result.criteriaYears(over: c.years) == Int(expected.criteriaYears), "\(c)") }
        }
    }

    /// The least money of all sources that meets the targets (or "infeasible" when none can).
    @Test func leastMoneyMeetingTheTargets() async {
        await propertyCheck(count: 70, input: Self.caseGen, Self.targetsGen) { base, raw throws in
            var c = base
            c.objective = .minCost(source: nil)
            c.targets = Self.targets(raw, in: c)
            guard let checked = try Self.check(c) else { return }
            let (result, score, expected) = checked
            #expect(score.cost == expected.cost, "\(c)")
            #expect(result.plan.lines.reduce(Int64(0)) { $0 + $1.amount.dong } == expected.cost * 1_000_000, "\(c)")
        }
    }

    /// The least central money that meets the targets.
    @Test func leastCentralMoneyMeetingTheTargets() async {
        await propertyCheck(count: 70, input: Self.caseGen, Self.targetsGen) { base, raw throws in
            var c = base
            c.objective = .minCost(source: "central")
            c.targets = Self.targets(raw, in: c)
            // Less local money, so that central money is more often needed.
            c.local = c.local.map { $0 / 2 }
            try Self.check(c)
        }
    }

    /// Minimum progress: the least total shortfall first, then the most (weighted, with bonus) criteria-years,
    /// the most communes at standard, or the least money for a target.
    @Test func minimumProgressFallsShortAsLittleAsPossible() async {
        await propertyCheck(count: 80, input: Self.caseGen, Gen.int(in: 1...2), Gen.int(in: 0...2), Self.priorityGen, Gen.int(in: 0...1)) {
            base, k, objective, priority, bonus throws in
            var c = base
            c.policy.minimumProgress = k
            c.objective = [Objective.criteriaYears, .maxStandard, .minCost(source: nil)][objective]
            if objective == 0 {
                c.policy.priority = priority
                c.policy.standardBonus = bonus
            }
            if objective == 2 { c.targets = [Target(commune: "c0", year: Self.firstYear + 1)] }
            guard let checked = try Self.check(c) else { return }
            let (result, score, expected) = checked
            #expect(result.shortfalls.reduce(0) { $0 + $1.criteria } == Int(expected.shortfall), "\(c)")
            if objective == 0 { #expect(score.weightedCriteriaYears + score.bonus == expected.weightedCriteriaYears + expected.bonus, "\(c)") }
        }
    }

    /// Capacity per commune and year, with locked decisions.
    @Test func capacityAndLocksHold() async {
        await propertyCheck(count: 60, input: Self.caseGen, Gen.int(in: 1...2), zip(Gen.int(in: 0...6), Gen.int(in: 0...3)).array(of: 0...2)) {
            base, capacity, raw throws in
            var c = base
            c.policy.capacityPerCommuneYear = capacity
            let n = c.items.count
            for (item, year) in raw { c.locked[item % n] = .some(year < 3 ? min(year, c.years.count - 1) : nil) }
            guard let result = try Self.check(c)?.result else { return }
            for (i, year) in c.locked { #expect(result.completion[c.items[i]] == year.map { Self.firstYear + $0 }, "\(c)") }
            for commune in Set(c.items.map(\.commune)) {
                for year in c.years {
                    #expect(result.completion.filter { $0.key.commune == commune && $0.value == year }.count <= capacity, "\(c)")
                }
            }
        }
    }

    // MARK: - The enumerator on cases worked by hand

    @Test func theEnumeratorAgreesWithHandWorkedCases() throws {
        // c0 misses "2" (5) and "3" (4); central (5, 0) may pay only "2", local (0, 4). "3" can only be met
        // in the second year, from local; "2" in the first, from central: 2 + 1 criteria-years.
        var c = Case(costs: [[5, 4]], central: [5, 0], local: [0, 4], centralCriteria: ["2"])
        var enumerator = Enumerator(c)
        #expect(enumerator.best(Self.key(.criteriaYears))?.key == [0, 3])
        #expect(enumerator.best(Self.key(.criteriaYears))?.choice == [0, 1])
        // Both at standard by the end: 9 million, all the money there is, so all 5 of central.
        c.targets = [Target(commune: "c0")]
        enumerator = Enumerator(c)
        #expect(enumerator.best(Self.key(.minCost(source: nil)))?.key == [0, -9])
        #expect(enumerator.best(Self.key(.minCost(source: "central")))?.key == [0, -5])
        // With local (9, 0) instead, central is not needed at all.
        c.local = [9, 0]
        enumerator = Enumerator(c)
        #expect(enumerator.best(Self.key(.minCost(source: "central")))?.key == [0, 0])
        // "3" by the first year, with local (0, 9): impossible.
        c.local = [0, 9]
        c.targets = [Target(commune: "c0", criterion: "3", year: Self.firstYear)]
        #expect(Enumerator(c).best(Self.key(.criteriaYears)) == nil)

        // Three criteria of 1 each, one a year required, money 1 in the first and third years: two met at
        // most, in the first and third years; short 1 by the second and 1 by the third; 3 + 1 criteria-years.
        let progress = Case(costs: [[1, 1, 1]], central: [0, 0, 0], local: [1, 0, 1], centralCriteria: [], policy: Policy(minimumProgress: 1))
        let best = try #require(Enumerator(progress).best(Self.key(.criteriaYears)))
        #expect(best.key == [-2, 4])
        #expect(Enumerator(progress).score(best.choice).shortfalls.sorted() == ["c0@2024:1", "c0@2025:1"])

        // Two communes with one criterion each, priority 3 on c1, bonus 2, one year's money for one:
        // c1 first (3 + 2·3 = 9 per year).
        let bonus = Case(costs: [[4], [4]], central: [0, 0], local: [4, 4], centralCriteria: [], policy: Policy(standardBonus: 2, priority: ["c1": 3]))
        #expect(Enumerator(bonus).best(Self.key(.criteriaYears))?.key == [0, 2 * 9 + 1 * 3])
        #expect(Enumerator(bonus).best(Self.key(.criteriaYears))?.choice == [1, 0])
    }

    /// The same hand-worked cases solved by the model.
    @Test func theModelAgreesOnHandWorkedCases() throws {
        var c = Case(costs: [[5, 4]], central: [5, 0], local: [0, 4], centralCriteria: ["2"])
        try Self.check(c)
        c.objective = .minCost(source: "central")
        c.targets = [Target(commune: "c0")]
        try Self.check(c)
        c.local = [9, 0]
        try Self.check(c)
        try Self.check(Case(costs: [[1, 1, 1]], central: [0, 0, 0], local: [1, 0, 1], centralCriteria: [], policy: Policy(minimumProgress: 1)))
        try Self.check(Case(costs: [[4], [4]], central: [0, 0], local: [4, 4], centralCriteria: [], policy: Policy(standardBonus: 2, priority: ["c1": 3])))
    }
}

