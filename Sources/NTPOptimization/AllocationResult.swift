import Foundation
import GLPKSwift
import NTPDomain

/// A solved allocation: which criteria are met in which year, the money of each, and the ledger that
/// re-checked it.
public struct AllocationResult: Sendable {
    public let termination: TerminationReason
    /// The objective's value (criteria-years, weighted as the policy says; or cost in million VND), nil
    /// without a plan.
    public let objectiveValue: Double?
    public let bestBound: Double?
    public let relativeGap: Double?
    /// Whether the time limit cut the search short somewhere (column generation, a neighbourhood, the
    /// branch-and-cut): the same inputs may then give another plan. Without it they always give this one.
    public let timeLimited: Bool
    /// The year each completed item is met.
    public let completion: [AllocationInstance.Item: Int]
    /// The year each criterion is met: its item's, or the last of its indicators' when every one is
    /// (`AllocationInstance.unitCompletion`). What criteria-years and the criteria met count.
    public let units: [AllocationInstance.CriterionUnit: Int]
    /// Where minimum progress could not be kept: the criteria a commune falls short by the end of a year.
    public let shortfalls: [Shortfall]
    public let plan: AllocationPlan
    public let ledger: Ledger
    /// Whether the caller cancelled the search (`MILPOptions.isCancelled`): it stopped as at its time
    /// limit, and the plan (if any) is the best found until then.
    public internal(set) var cancelled = false

    public struct Shortfall: Sendable, Hashable {
        public let commune: String
        public let year: Int
        public let criteria: Int
    }

    /// Criteria-years gained over `years` (the criteria already met are not counted); nil without a plan
    /// (a baseline's schedule is a plan even where the model's objective cannot value it).
    public func criteriaYears(over years: [Int]) -> Int? {
        guard objectiveValue != nil || !completion.isEmpty, let last = years.last else { return nil }
        return units.values.reduce(0) { $0 + last - $1 + 1 }
    }

    static func none(_ termination: TerminationReason, _ instance: AllocationInstance) -> AllocationResult {
        let empty = AllocationPlan(name: "none", lines: [])
        return AllocationResult(
            termination: termination, objectiveValue: nil, bestBound: nil, relativeGap: nil, timeLimited: termination == .timeLimit,
            completion: [:], units: [:], shortfalls: [], plan: empty,
            ledger: Ledger(envelopes: instance.envelopes, plan: empty, rules: instance.rules, sources: instance.sources, localities: instance.localities))
    }
}

extension AllocationResult {
    /// The communes of `items` whose every missing criterion is met by the end of `year`: the communes
    /// that reach the standard then.
    public func communesCompleting(by year: Int, items: [AllocationInstance.Item]) -> Set<String> {
        let open = Set(items.filter { item in completion[item].map { $0 > year } ?? true }.map(\.commune))
        return Set(items.map(\.commune)).subtracting(open)
    }
}

/// A decomposition's plan that breaks a row of the whole model: a bug, never a valid plan.
public struct PlanFailsModel: Error, CustomStringConvertible {
    public let breach: ModelBreach
    public var description: String { "the decomposition's plan breaks the model: \(breach)" }
}

/// A plan the ledger rejects: a bug in the model, never a valid plan.
public struct PlanFailsLedger: Error, CustomStringConvertible {
    public let violations: [RuleViolation]
    public var description: String {
        "the optimizer's plan breaks \(violations.count) rules the ledger checks: " + violations.map(Self.describe).joined(separator: "; ")
    }

    /// A violation in words, naming the commune and criterion where it has them.
    static func describe(_ violation: RuleViolation) -> String {
        let line = { (line: AllocationLine) in
            "commune \(line.locality)\(line.criterion.map { ", criterion \($0)" } ?? ""): \(line.amount.dong) đồng of \(line.program), \(line.source) in \(line.year)"
        }
        switch violation {
        case .overspent(let program, let source, let years, let available, let used):
            return "envelope \(program), \(source), \(years.lowerBound)-\(years.upperBound) overspent: \(used.dong) đồng used of \(available.dong)"
        case .noEnvelope(let spent): return "\(line(spent)) has no envelope"
        case .counterpartShortfall(let program, let years, _, _, _, let shortfall):
            return "program \(program), \(years.lowerBound)-\(years.upperBound): local counterpart short by \(shortfall.dong) đồng"
        case .ineligibleSource(let spent, _): return "\(line(spent)): the source may not pay this criterion"
        case .shareCapExceeded(let locality, let criterion, let source, let share, let excess, _):
            return "commune \(locality), criterion \(criterion): source \(source) pays \(share) %, \(excess.dong) đồng above its cap"
        case .programNotEligible(let spent, _): return "\(line(spent)): the program may not pay in this commune"
        case .unverifiable(let spent, _): return "\(line(spent)): the data does not say whether the program may pay here"
        case .amountsBeyondRange(let total): return "the amounts add up to \(total) đồng, beyond what the ledger counts"
        }
    }
}

extension AllocationModel {
    /// How `solve` searches.
    public typealias Method = SearchMethod

    /// Solves the model and verifies the plan with the ledger, which must find no rule the plan breaks.
    ///
    /// `automatic` and `decomposition` search by commune (docs/model.md, "Search"); `direct`, or a
    /// starting solution in `options`, runs GLPK's branch-and-cut on the whole model. `progress` hears
    /// the search's phase, best plan and bound, at most every `options.progressInterval` but at once for
    /// a new plan. When `options.isCancelled` says so, the search stops as at its time limit and the
    /// result, marked `cancelled`, holds the best plan found until then.
    public func solve(
        options: MILPOptions = MILPOptions(), method: Method = .automatic, progress: ((SearchProgress) -> Void)? = nil
    ) throws -> AllocationResult {
        try solve(options: options, method: method, progress: progress, kept: nil)
    }

    /// `solve`, the search by commune starting from the master `kept` holds and leaving its own there
    /// (a budget sweep's points, `BudgetSweep`).
    func solve(options: MILPOptions, method: Method, progress: ((SearchProgress) -> Void)?, kept: KeptMaster?) throws -> AllocationResult {
        var result = try search(options: options, method: method, progress: progress, kept: kept)
        result.cancelled = options.isCancelled?() ?? false
        return result
    }

    private func search(options: MILPOptions, method: Method, progress: ((SearchProgress) -> Void)?, kept: KeptMaster?) throws -> AllocationResult {
        let clock = ContinuousClock(), started = clock.now
        var timeLimited = false
        if method != .direct && options.startingSolution == nil {
            switch try Decomposition(self).solve(options: options, progress: progress, kept: kept) {
            case .solved(let values, let objective, let bound, let termination, let cut):
                if let breach = firstBreach(of: values, tolerance: 1e-5) { throw PlanFailsModel(breach: breach) }
                let gap = abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
                return try result(values: values, objective: objective, termination: termination, bestBound: bound, relativeGap: gap, timeLimited: cut)
            case .unsolved(let cut):
                // Cancelled before a plan: no branch-and-cut after it (its LP relaxation would not stop).
                if options.isCancelled?() ?? false { return .none(.timeLimit, instance) }
                timeLimited = cut
            }
        }
        // The whole model, by branch-and-cut; after a decomposition without a plan, it tells infeasible
        // from out of time in what time is left.
        var rest = options
        if let limit = options.timeLimit { rest.timeLimit = max(.milliseconds(1), limit - (clock.now - started)) }
        let limit = options.timeLimit
        let solution = try solveDirect(options: rest) { milp in
            progress?(SearchProgress(
                phase: .branchAndCut, work: .nodes(total: milp.totalNodes, active: milp.activeNodes), elapsed: clock.now - started,
                timeLimit: limit, incumbent: milp.incumbent, bound: milp.bestBound))
        }
        timeLimited = timeLimited || solution.termination == .timeLimit
        guard solution.primalStatus == .feasiblePoint, let objective = solution.objectiveValue else {
            return .none(solution.termination, instance)
        }
        return try result(
            values: solution.columnValues, objective: objective, termination: solution.termination, bestBound: solution.bestBound,
            relativeGap: solution.relativeGap, timeLimited: timeLimited)
    }

    /// Branch-and-cut on the whole model. Unless `options` already carry a starting solution, the search
    /// starts from the rounded LP relaxation (`roundedStart`): GLPK's own heuristics find no incumbent on
    /// province-sized models (shared/GLPK-NOTES.md), while the relaxation is tight. Offering a start
    /// needs GLPK's presolver off.
    func solveDirect(options: MILPOptions, progress: ((MILPProgress) -> Void)?) throws -> MILPSolution {
        var options = options
        let clock = ContinuousClock()
        let started = clock.now
        if options.startingSolution == nil, let start = try roundedStart(deadline: options.timeLimit) {
            options.presolve = false
            options.startingSolution = start
        }
        // The time limit covers the whole call: the search gets what the start left.
        if let limit = options.timeLimit { options.timeLimit = max(.milliseconds(1), limit - (clock.now - started)) }
        return try GLPK.solveMILP(problem, options: options, progress: progress)
    }

    /// The plan of a feasible point of the model, rounded to the đồng and checked by the ledger.
    func result(
        values: [Double], objective: Double, termination: TerminationReason, bestBound: Double?, relativeGap: Double?, timeLimited: Bool
    ) throws -> AllocationResult {
        let instance = self.instance
        var completion: [AllocationInstance.Item: Int] = [:]
        for (i, item) in instance.items.enumerated() {
            if let t = families.done[item: i].firstIndex(where: { values[$0] > 0.5 }) { completion[item] = instance.years[t] }
        }
        let plan = AllocationPlan(name: "optimized", lines: lines(values: values, completion: completion))
        let ledger = Ledger(envelopes: instance.envelopes, plan: plan, rules: instance.rules, sources: instance.sources, localities: instance.localities)
        // Breaches the envelopes have whatever the plan (a counterpart shortfall in the budget itself) are not the plan's.
        let baseline = Ledger(envelopes: instance.envelopes, plan: AllocationPlan(name: "none", lines: []), rules: instance.rules, sources: instance.sources, localities: instance.localities)
        let breaches = ledger.violations.filter { $0.isBreach && !baseline.violations.contains($0) }
        if !breaches.isEmpty { throw PlanFailsLedger(violations: breaches) }
        let shortfalls = families.shortfall.entries.compactMap { key, column in
            let short = Int(values[column].rounded())
            return short > 0 ? AllocationResult.Shortfall(commune: key.commune, year: instance.years[key.year], criteria: short) : nil
        }.sorted { ($0.commune, $0.year) < ($1.commune, $1.year) }
        return AllocationResult(
            termination: termination, objectiveValue: objective, bestBound: bestBound, relativeGap: relativeGap, timeLimited: timeLimited,
            completion: completion, units: instance.unitCompletion(completion), shortfalls: shortfalls, plan: plan, ledger: ledger)
    }

    /// A feasible point near the LP optimum: solve the relaxation, keep the criteria it meets fully (done
    /// within 10⁻⁶ of 1, monotone by construction), fix every done variable accordingly, and solve the
    /// LP again for the money. Nil when that LP has no solution (a counterpart row the dropped criteria
    /// were needed for, say) or the time runs out.
    func roundedStart(deadline: Duration?) throws -> [Double]? {
        let limit = deadline.map { $0 / 4 }
        let relaxation = try GLPK.solveLP(problem, options: LPOptions(method: .dualThenPrimal, timeLimit: limit))
        guard relaxation.termination == .optimal else { return nil }
        var fixed = problem
        for column in families.done.all {
            fixed.columns[column].bounds = .fixed(relaxation.columnValues[column] >= 1 - 1e-6 ? 1 : 0)
        }
        let repaired = try GLPK.solveLP(fixed, options: LPOptions(method: .dualThenPrimal, timeLimit: limit))
        guard repaired.termination == .optimal, problem.firstViolation(of: repaired.columnValues) == nil else { return nil }
        return repaired.columnValues
    }

    /// The money of each completed item and kind, in whole đồng: exactly its cost, and no envelope over
    /// what it holds.
    ///
    /// Every payment is rounded down to the đồng. What each item then lacks (less than a đồng per
    /// payment) is added a đồng at a time to its payments with the largest remainders, where the
    /// envelope has room: its amount, plus what the previous envelope of its chain passed on (rounded
    /// down), less what it passes on itself (rounded up) and less what it already pays. The ledger gives
    /// an envelope at least that much, so it finds no overspending.
    /// `unfunded` (đồng by kind of an item's cost, or by year of its upkeep) is left out of what each item
    /// is paid: the money a fixed schedule needs beyond the envelopes.
    func lines(values: [Double], completion: [AllocationInstance.Item: Int], unfunded: [Due: Int64] = [:]) -> [AllocationLine] {
        let metItems = Set(instance.items.indices.filter { completion[instance.items[$0]] != nil })
        let used = families.payments.filter { metItems.contains($0.item) }
        let exact = used.map { Self.dong(values[$0.column]) }
        var dong = exact.map { $0.rounded(0, .down).int64Value }
        var room: [Int: Int64] = [:]
        for (e, envelope) in instance.envelopes.enumerated() {
            let inflow = families.carry.incoming(to: e).map { Self.dong(values[$0]).rounded(0, .down).int64Value } ?? 0
            let outflow = families.carry[envelope: e].map { Self.dong(values[$0]).rounded(0, .up).int64Value } ?? 0
            room[e] = envelope.amount.dong + inflow - outflow
        }
        for (index, payment) in used.enumerated() { room[payment.envelope, default: 0] -= dong[index] }

        // Each item's cost by kind, and each year's upkeep of an item met the year before, is paid exactly.
        let grouped = Dictionary(grouping: used.indices) { used[$0].due }
        var owed: [(parts: [Int], amount: Int64)] = []
        for (i, item) in instance.items.enumerated() where metItems.contains(i) {
            for kind in MoneyKind.allCases {
                let due = Due.cost(ItemKind(item: i, kind: kind))
                guard let cost = item.cost[kind], cost.dong > 0, let parts = grouped[due] else { continue }
                owed.append((parts, cost.dong - (unfunded[due] ?? 0)))
            }
            guard item.maintenancePerYear.dong > 0, let year = completion[item], let met = instance.years.firstIndex(of: year) else { continue }
            for t in instance.years.indices where t > met {
                let due = Due.upkeep(ItemYear(item: i, year: t))
                if let parts = grouped[due] { owed.append((parts, item.maintenancePerYear.dong - (unfunded[due] ?? 0))) }
            }
        }
        for (parts, amount) in owed {
            var lacking = amount - parts.reduce(0) { $0 + dong[$1] }
            let order = parts.sorted { (exact[$0] - Decimal(dong[$0])) > (exact[$1] - Decimal(dong[$1])) }
            while lacking > 0, let index = order.first(where: { room[used[$0].envelope, default: 0] > 0 }) {
                let step = min(lacking, room[used[index].envelope]!)
                dong[index] += step
                room[used[index].envelope]! -= step
                lacking -= step
            }
        }
        return used.indices.filter { dong[$0] > 0 }.map { index in
            let payment = used[index], envelope = instance.envelopes[payment.envelope], item = instance.items[payment.item]
            return AllocationLine(
                locality: item.commune, criterion: item.criterion, program: envelope.program, source: envelope.source,
                year: instance.years[payment.year], amount: Money(dong: dong[index]), envelopeLocality: envelope.locality)
        }
    }
}

extension AllocationModel {
    /// A solver value in million VND as đồng. Within a hundredth of a đồng of a whole đồng it is that
    /// đồng: the simplex method's floating-point dust, not money, so it must not tip a rounding.
    static func dong(_ millions: Double) -> Decimal {
        let value = Decimal(max(0, millions)) * 1_000_000
        let nearest = value.rounded()
        return abs(value - nearest) < Decimal(string: "0.01")! ? nearest : value
    }
}


