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

/// The baselines. Each fixes a schedule (which criterion is met in which year) and finances it with
/// `AllocationInstance.finance(_:)`, so its money obeys every ledger rule the optimizer's does.
public enum Baseline {
    /// The schedule the status document states (`schedule`), as it is; where the envelopes cannot pay for
    /// it, the money it would need.
    public static func official(_ instance: AllocationInstance, schedule: [AllocationInstance.Item: Int]) throws -> BaselinePlan {
        try instance.finance(schedule.filter { instance.years.contains($0.value) })
    }

    /// Cheapest criteria first across the whole area (`Greedy`).
    public static func greedy(_ instance: AllocationInstance) throws -> BaselinePlan {
        try instance.finance(Greedy(instance).schedule())
    }

    /// Central money split across communes by allocation coefficients, then each commune completes its
    /// cheapest criteria first within its share.
    ///
    /// Every envelope is split in proportion to the communes' coefficients (to the đồng, largest
    /// remainder): the coefficients allocate central money, and the local counterpart and other money
    /// are taken to follow it in the same proportion. Each commune's schedule is its greedy schedule
    /// within its share; the union is then financed on the whole area. Because the shares partition
    /// every envelope, that union is always within the money.
    public static func formula(_ instance: AllocationInstance, coefficients: [String: Decimal]) throws -> BaselinePlan {
        let communes = instance.communes
        let weights = communes.map { coefficients[$0] ?? 1 }
        var schedule: [AllocationInstance.Item: Int] = [:]
        // An envelope limited to a commune is that commune's alone; the others are split over the communes they cover.
        let shares = instance.envelopes.map { envelope in
            Money.split(envelope.amount, by: communes.indices.map { envelope.covers(communes[$0], in: instance.localities) ? weights[$0] : 0 })
        }
        for (c, commune) in communes.enumerated() {
            var envelopes = instance.envelopes
            for e in envelopes.indices { envelopes[e].amount = shares[e][c] }
            let own = instance.with(items: instance.items.filter { $0.commune == commune }, envelopes: envelopes)
            schedule.merge(try Greedy(own).schedule()) { first, _ in first }
        }
        return try instance.finance(schedule)
    }
}

/// Cheapest criteria first: each year, in order, criteria are taken from the cheapest up (by their cost
/// in the kinds planned; ties by commune and criterion) as long as everything taken so far can still be
/// financed, with each commune's capacity per year respected. A criterion that does not fit is passed
/// over for that year; a year's scan ends after `patience` criteria in a row that do not fit (money is
/// then exhausted for anything dearer).
struct Greedy {
    let instance: AllocationInstance
    let patience = 20

    init(_ instance: AllocationInstance) { self.instance = instance }

    func schedule() throws -> [AllocationInstance.Item: Int] {
        let ordered = instance.items.sorted { a, b in
            let ca = a.cost.values.reduce(0) { $0 + $1.dong }, cb = b.cost.values.reduce(0) { $0 + $1.dong }
            return (ca, a.commune, Int(a.criterion) ?? 0, a.criterion) < (cb, b.commune, Int(b.criterion) ?? 0, b.criterion)
        }
        var schedule: [AllocationInstance.Item: Int] = [:]
        for year in instance.years {
            var taken: [String: Int] = [:]
            var candidates = ordered.filter { schedule[$0] == nil }
            var misses = 0
            let limit = instance.policy.capacityPerCommuneYear ?? Int.max
            while !candidates.isEmpty && misses < patience {
                // The longest prefix that fits (within capacity) is found by bisection: fitting is monotone,
                // since adding criteria never makes the money go further.
                var prefix: [AllocationInstance.Item] = []
                var counts = taken
                for item in candidates where counts[item.commune, default: 0] < limit {
                    counts[item.commune, default: 0] += 1
                    prefix.append(item)
                }
                guard !prefix.isEmpty else { break }
                func fits(_ k: Int) throws -> Bool {
                    var trial = schedule
                    for item in prefix.prefix(k) { trial[item] = year }
                    return try instance.finance(trial, checkOnly: true).unfunded.isEmpty
                }
                var low = 0, high = prefix.count
                if try fits(1) {
                    low = 1
                    while low < high {
                        let mid = (low + high + 1) / 2
                        if try fits(mid) { low = mid } else { high = mid - 1 }
                    }
                }
                for item in prefix.prefix(low) {
                    schedule[item] = year
                    taken[item.commune, default: 0] += 1
                }
                misses = low == 0 ? misses + 1 : 0
                // The first that did not fit is passed over for this year.
                let skipped = low < prefix.count ? prefix[low] : nil
                candidates = candidates.filter { schedule[$0] == nil && $0 != skipped }
                if skipped == nil { break }
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
    /// Finances a fixed schedule (item → completion year; items not in it are not met) by the linear
    /// program of docs/baselines.md: every row of the allocation model with the schedule fixed and the
    /// policy left out, plus unfunded money on each item's funding and upkeep rows, minimising
    ///
    ///     Σ unfunded + ε · Σ_e (e + 1) · pay[·,·,e,·]
    ///
    /// so that the envelopes pay as much as they can, those listed first in the scenario first. The
    /// money is rounded to the đồng like the optimizer's and checked by the ledger.
    public func finance(_ schedule: [Item: Int]) throws -> BaselinePlan {
        try finance(schedule, checkOnly: false)
    }

    func finance(_ schedule: [Item: Int], checkOnly: Bool) throws -> BaselinePlan {
        var locked: [Item: Int?] = [:]
        for item in items { locked[item] = schedule[item] }
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
        if checkOnly {
            return BaselinePlan(result: .none(.optimal, self), unfunded: needs)
        }
        let completion = schedule.filter { years.contains($0.value) }
        let plan = AllocationPlan(name: "baseline", lines: model.lines(values: solution.columnValues, completion: completion, unfunded: unfunded))
        let ledger = Ledger(envelopes: envelopes, plan: plan, rules: rules, sources: sources, localities: localities)
        let baseline = Ledger(envelopes: envelopes, plan: AllocationPlan(name: "none", lines: []), rules: rules, sources: sources, localities: localities)
        let breaches = ledger.violations.filter { $0.isBreach && !baseline.violations.contains($0) }
        if !breaches.isEmpty { throw PlanFailsLedger(violations: breaches) }
        let result = AllocationResult(
            termination: .optimal, objectiveValue: try AllocationModel(self).objective(of: completion), bestBound: nil, relativeGap: nil,
            completion: completion, units: unitCompletion(completion), shortfalls: [], plan: plan, ledger: ledger)
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
