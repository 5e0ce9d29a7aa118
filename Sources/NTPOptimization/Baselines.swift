import Foundation
import GLPKSwift
import NTPDomain

/// A plan made without the optimizer, to compare it with (docs/baselines.md): the official schedule, a
/// split by allocation coefficients, or cheapest criteria first.
public struct BaselinePlan: Sendable {
    /// The schedule, its money within the envelopes, and the ledger's check of that money.
    public let result: AllocationResult
    /// Money the schedule needs beyond the envelopes (only the official schedule can need any).
    public let unfunded: [Unfunded]

    public struct Unfunded: Sendable, Hashable {
        public let commune: String
        public let criterion: String
        public let kind: MoneyKind
        /// The year the money is needed by: the completion year, or the year of an upkeep.
        public let year: Int
        public let amount: Money
    }

    public var totalUnfunded: Money { Money(dong: unfunded.reduce(0) { $0 + $1.amount.dong }) }
}

/// What a baseline is doing, for a progress display.
public enum BaselineProgress: Sendable, Equatable {
    /// Cheapest first: the year being filled, the criteria considered in it so far of those not yet
    /// scheduled, and the criteria scheduled in all.
    case scheduling(year: Int, considered: Int, of: Int, scheduled: Int)
    /// By coefficients: the communes whose share has been scheduled.
    case sharing(communes: Int, of: Int)
    /// The schedule's money, by the linear program, once.
    case financing(criteria: Int)
}

/// The baselines. Each fixes a schedule (which criterion is met in which year) and finances it with
/// `AllocationInstance.finance(_:)`, so its money obeys every ledger rule the optimizer's does.
public enum Baseline {
    /// The schedule the status document states (`schedule`), as it is; where the envelopes cannot pay for
    /// it, the money it would need.
    public static func official(
        _ instance: AllocationInstance, schedule: [AllocationInstance.Item: Int], progress: ((BaselineProgress) -> Void)? = nil
    ) throws -> BaselinePlan {
        let scheduled = schedule.filter { instance.years.contains($0.value) }
        progress?(.financing(criteria: scheduled.count))
        return try instance.finance(scheduled)
    }

    /// Cheapest criteria first across the whole area (`Greedy`).
    public static func greedy(_ instance: AllocationInstance, progress: ((BaselineProgress) -> Void)? = nil) throws -> BaselinePlan {
        let schedule = try Greedy(instance).schedule(progress: progress)
        progress?(.financing(criteria: schedule.count))
        return try instance.finance(schedule)
    }

    /// Central money split across communes by allocation coefficients, then each commune completes its
    /// cheapest criteria first within its share.
    ///
    /// Every envelope is split in proportion to the communes' coefficients (to the đồng, largest
    /// remainder): the coefficients allocate central money, and the local counterpart and other money
    /// are taken to follow it in the same proportion. Each commune's schedule is its greedy schedule
    /// within its share; the union is then financed on the whole area. Because the shares partition
    /// every envelope, that union is always within the money.
    public static func formula(
        _ instance: AllocationInstance, coefficients: [String: Decimal], progress: ((BaselineProgress) -> Void)? = nil
    ) throws -> BaselinePlan {
        let communes = instance.communes
        let weights = communes.map { coefficients[$0] ?? 1 }
        var schedule: [AllocationInstance.Item: Int] = [:]
        // An envelope limited to a commune is that commune's alone; the others are split over the communes they cover.
        let shares = instance.envelopes.map { envelope in
            Money.split(envelope.amount, by: communes.indices.map { envelope.covers(communes[$0], in: instance.localities) ? weights[$0] : 0 })
        }
        let itemsOf = Dictionary(grouping: instance.items) { $0.commune }
        for (c, commune) in communes.enumerated() {
            var envelopes = instance.envelopes
            for e in envelopes.indices { envelopes[e].amount = shares[e][c] }
            let own = instance.with(items: itemsOf[commune] ?? [], envelopes: envelopes)
            schedule.merge(try Greedy(own).schedule()) { first, _ in first }
            progress?(.sharing(communes: c + 1, of: communes.count))
        }
        progress?(.financing(criteria: schedule.count))
        return try instance.finance(schedule)
    }
}

/// Cheapest criteria first: each year, in order, criteria are taken from the cheapest up (by their cost
/// in the kinds planned; ties by commune and criterion) as long as everything taken so far can still be
/// financed, with each commune's capacity per year respected. A criterion that does not fit is passed
/// over for that year; a year's scan ends after `patience` criteria in a row that do not fit, not
/// counting the first after one that did (money is then exhausted for anything dearer).
///
/// Whether everything taken can still be financed is asked of `ScheduleMoney` one criterion at a time;
/// the baseline's linear program runs once, on the schedule found.
struct Greedy {
    let instance: AllocationInstance
    let patience = 20

    init(_ instance: AllocationInstance) { self.instance = instance }

    func schedule(progress: ((BaselineProgress) -> Void)? = nil) throws -> [AllocationInstance.Item: Int] {
        let items = instance.items
        let total = items.map { $0.cost.values.reduce(0) { $0 + $1.dong } }
        let ordered = items.indices.sorted { a, b in
            (total[a], items[a].commune, Int(items[a].criterion) ?? 0, items[a].criterion)
                < (total[b], items[b].commune, Int(items[b].criterion) ?? 0, items[b].criterion)
        }
        var money = try instance.scheduleMoney()
        var schedule: [AllocationInstance.Item: Int] = [:]
        let limit = instance.policy.capacityPerCommuneYear ?? Int.max
        for (t, year) in instance.years.enumerated() {
            let candidates = ordered.filter { schedule[items[$0]] == nil }
            var taken: [String: Int] = [:]
            // Misses in a row, and criteria taken since the last miss.
            var misses = 0, run = 0
            for (considered, i) in candidates.enumerated() {
                if considered % 256 == 0 {
                    progress?(.scheduling(year: year, considered: considered, of: candidates.count, scheduled: schedule.count))
                }
                guard taken[items[i].commune, default: 0] < limit else { continue }
                if try money.add(i, year: t) {
                    schedule[items[i]] = year
                    taken[items[i].commune, default: 0] += 1
                    run += 1
                } else {
                    misses = run > 0 ? 0 : misses + 1
                    run = 0
                    if misses >= patience { break }
                }
            }
        }
        return schedule
    }
}

extension Money {
    /// `amount` split in proportion to `weights`, to the đồng: each part rounded down, the đồng left
    /// over going to the largest remainders (ties to the first). The parts add up to `amount`.
    public static func split(_ amount: Money, by weights: [Decimal]) -> [Money] {
        let total = weights.reduce(0, +)
        guard total > 0 else { return weights.map { _ in .zero } }
        let exact = weights.map { Decimal(amount.dong) * $0 / total }
        var parts = exact.map { $0.rounded(0, .down).int64Value }
        let left = amount.dong - parts.reduce(0, +)
        let order = exact.indices.sorted { (exact[$0] - Decimal(parts[$0]), -$0) > (exact[$1] - Decimal(parts[$1]), -$1) }
        for index in order.prefix(Int(left)) { parts[index] += 1 }
        return parts.map { Money(dong: $0) }
    }
}

extension AllocationInstance {
    /// The linear program of `finance`, with the schedule `locked` (item → its year, or nil for not
    /// met): the model's rows without the policy, its money columns weighted ε·(e + 1), and the unfunded
    /// columns of each due, minimised first.
    func financingProgram(locked: [Item: Int?]) -> (problem: LinearProblem, model: AllocationModel, unfunded: [(due: Due, column: Int)]) {
        let fixed = with(policy: Policy(), objective: .criteriaYears, locked: locked, targets: [])
        let model = AllocationModel(fixed)
        var lp = model.problem
        lp.sense = .minimize
        let step = 1e-4 / Double(max(1, envelopes.count))
        for index in lp.columns.indices {
            lp.columns[index].objective = 0
            if lp.columns[index].kind != .continuous { lp.columns[index].kind = .continuous }
        }
        for payment in model.families.payments { lp.columns[payment.column].objective = step * Double(payment.envelope + 1) }
        // u ≥ 0 on every funded row of a kind of an item's cost, and on every maintained row.
        var unfundedColumns: [(due: Due, column: Int)] = []
        for itemKind in model.families.funded.itemKinds {
            let column = lp.addColumn(Column(name: "unfunded(\(model.names.items[itemKind.item]),\(itemKind.kind.rawValue))", objective: 1))
            for row in model.families.funded.positions(of: itemKind) { lp.entries.append(MatrixEntry(row: row, column: column, value: 1)) }
            unfundedColumns.append((.cost(itemKind), column))
        }
        for (key, row) in model.families.maintained.entries {
            let column = lp.addColumn(Column(name: "unfunded_upkeep(\(model.names.items[key.item]),\(years[key.year]))", objective: 1))
            lp.entries.append(MatrixEntry(row: row, column: column, value: 1))
            unfundedColumns.append((.upkeep(key), column))
        }
        return (lp, model, unfundedColumns)
    }

    /// Finances a fixed schedule (item → completion year; items not in it are not met) by the linear
    /// program of docs/baselines.md: every row of the allocation model with the schedule fixed and the
    /// policy left out, plus unfunded money on each item's funding and upkeep rows, minimising
    ///
    ///     Σ unfunded + ε · Σ_e (e + 1) · pay[·,·,e,·]
    ///
    /// so that the envelopes pay as much as they can, those listed first in the scenario first. The
    /// money is rounded to the đồng like the optimizer's and checked by the ledger.
    public func finance(_ schedule: [Item: Int]) throws -> BaselinePlan {
        var locked: [Item: Int?] = [:]
        for item in items { locked[item] = schedule[item] }
        let (lp, model, unfundedColumns) = financingProgram(locked: locked)
        let solution = try GLPK.solveLP(lp, options: LPOptions(method: .dualThenPrimal))
        guard solution.termination == .optimal else { throw UnexpectedSolveOutcome(summary: "financing a fixed schedule: \(solution.termination)") }

        var unfunded: [Due: Int64] = [:]
        var needs: [BaselinePlan.Unfunded] = []
        for (due, column) in unfundedColumns {
            // A need of less than a hundredth of a đồng is the simplex method's dust.
            let dong = AllocationModel.dong(solution.columnValues[column]).rounded(0, .up).int64Value
            guard dong > 0 else { continue }
            unfunded[due] = dong
            switch due {
            case .cost(let key):
                let item = items[key.item]
                needs.append(.init(commune: item.commune, criterion: item.criterion, kind: key.kind, year: schedule[item]!, amount: Money(dong: dong)))
            case .upkeep(let key):
                let item = items[key.item]
                needs.append(.init(commune: item.commune, criterion: item.criterion, kind: .recurrent, year: years[key.year], amount: Money(dong: dong)))
            }
        }
        let completion = schedule.filter { years.contains($0.value) }
        let plan = AllocationPlan(name: "baseline", lines: model.lines(values: solution.columnValues, completion: completion, unfunded: unfunded))
        let ledger = Ledger(envelopes: envelopes, plan: plan, rules: rules, sources: sources, localities: localities)
        let baseline = Ledger(envelopes: envelopes, plan: AllocationPlan(name: "none", lines: []), rules: rules, sources: sources, localities: localities)
        let breaches = ledger.violations.filter { $0.isBreach && !baseline.violations.contains($0) }
        if !breaches.isEmpty { throw PlanFailsLedger(violations: breaches) }
        let result = AllocationResult(
            termination: .optimal, objectiveValue: try AllocationModel(self).objective(of: completion), bestBound: nil, relativeGap: nil,
            timeLimited: false, completion: completion, units: unitCompletion(completion), shortfalls: [], plan: plan, ledger: ledger)
        return BaselinePlan(
            result: result,
            unfunded: needs.sorted { ($0.commune, $0.year, $0.criterion, $0.kind.rawValue) < ($1.commune, $1.year, $1.criterion, $1.kind.rawValue) })
    }
}

extension AllocationModel {
    /// The objective this model gives a schedule (item → completion year; the others not met): the LP
    /// with every `done` fixed accordingly. Nil when the schedule breaks a row (money, capacity, a target).
    public func objective(of completion: [AllocationInstance.Item: Int]) throws -> Double? {
        var fixed = problem
        for (i, item) in instance.items.enumerated() {
            for (t, column) in families.done[item: i].enumerated() {
                let met = completion[item].map { instance.years[t] >= $0 } ?? false
                fixed.columns[column].bounds = .fixed(met ? 1 : 0)
            }
        }
        for index in fixed.columns.indices where fixed.columns[index].kind != .continuous { fixed.columns[index].kind = .continuous }
        let solution = try GLPK.solveLP(fixed, options: LPOptions(method: .dualThenPrimal))
        guard solution.termination == .optimal else { return nil }
        return solution.objectiveValue
    }
}
