import Foundation
import GLPKSwift
import NTPDomain
import Synchronization

/// The search by commune (docs/model.md, "Search"): Dantzig-Wolfe column generation for the bound and
/// the first plans, then the communes the master mixes planned together, then large-neighbourhood
/// search (or, in a small province, branch-and-cut on the whole model from the plan found).
///
/// Communes share only the coupling rows: envelopes (with carry-over) and counterparts. A master LP
/// (`Master`) chooses a convex combination of proposals, whole plans of one commune; each commune's own
/// problem, with its money priced at the master's prices, proposes its next plan. At any prices, each
/// commune's priced optimum and the prices' worth of the money bound the whole MILP (Lagrangian bound).
struct Decomposition {
    let split: CommuneSplit
    /// The communes priced by sight (`SightModel`), nil for those priced by GLPK.
    let sight: [SightModel?]
    /// Column generation ends when the bound is within this relative distance of the master's value.
    var stopTolerance = 1e-4
    /// Prices are smoothed towards those that gave the best bound so far (Wentges): π̃ = α·π_best +
    /// (1 − α)·π_master. 0 prices at the master's prices.
    var smoothing = 0.5
    /// Communes a neighbourhood frees at first; it doubles, up to `largestNeighbourhood`, after a round
    /// of neighbourhoods that improves nothing.
    var neighbourhood = 6
    var largestNeighbourhood = 48
    /// Branch-and-cut nodes a neighbourhood's MILP may create: a work limit, not a time limit, so the
    /// same neighbourhood gives the same plan on every run.
    var nodeLimit = 200
    /// Rounds of column generation after each step of the dive on the master.
    var diveRounds = 10
    /// Steps in a row the dive may undo before it stops.
    var diveFailures = 3
    /// Kicks of the local search (`SchedulePolish.kick`) between two rounds of neighbourhoods.
    var kicksPerRound = 200
    /// A chain of kicks of a small province's local search ends after this many rounds of
    /// `kicksPerRound` kicks in a row that improve nothing.
    var stalledKickRounds = 15
    /// Chains of kicks a small province's local search runs, each from the plan its moves leave.
    var kickChains = 3
    /// Branch-and-cut nodes on the whole model between a small province's first chain of kicks and the
    /// others: enough for its root cuts to prove what they prove; a work limit rather than a share of the
    /// time, which left the chains after it short.
    var boundNodes = 20
    /// Without a time limit, the improvement ends after this many rounds in a row that improve nothing.
    var idleRounds = 3
    /// Provinces of at most this many communes end with branch-and-cut on the whole model, from the plan
    /// found, until the gap asked for or the time limit.
    var wholeProvince = 40

    var model: AllocationModel { split.model }

    init(_ model: AllocationModel) throws {
        split = try CommuneSplit(model)
        let instance = model.instance
        let itemsOf = Dictionary(grouping: instance.items.indices) { instance.items[$0].commune }
        sight = split.communes.indices.map { [split] c in split.separable[c] ? SightModel(items: itemsOf[split.communes[c]] ?? [], model: model) : nil }
    }

    enum Outcome {
        /// `timeLimited`: the time limit cut a phase short, so another run may give another plan.
        case solved(values: [Double], objective: Double, bound: Double, termination: TerminationReason, timeLimited: Bool)
        /// No plan: the targets or locks need more than the envelopes hold, a commune's own rules cannot
        /// be met, or the time ran out. The whole model decides which.
        case unsolved(timeLimited: Bool)
    }

    /// `kept` carries the whole master from one solve to the next of a model that differs only in
    /// bounds (a budget sweep's points): this solve starts from its proposals and basis and leaves its
    /// master there for the next.
    func solve(options: MILPOptions, progress: ((SearchProgress) -> Void)?, kept: KeptMaster? = nil) throws -> Outcome {
        try Run(self, options: options, progress: progress, kept: kept).solve()
    }
}

/// The whole master kept between the solves of a budget sweep (`BudgetSweep`): each point's model differs
/// from the last only in the envelopes' right-hand sides and the carry-over's bounds, so the next solve
/// moves the master there (`Master.move`) with its proposals and its basis instead of building it again.
final class KeptMaster {
    fileprivate(set) var master: Master?
    /// The split the master was last solved on.
    fileprivate(set) var split: CommuneSplit?
    /// Proposals the master held when each solve started (for the tests: a sweep reuses them), and after
    /// the moved master's first solve retired those its basis does not use (`Master.retireUnused`).
    private(set) var reused: [Int] = []
    private(set) var retained: [Int] = []
    /// Non-basic proposals each commune keeps when the master moves: a few, so that the next point's
    /// column generation and dive need not find again the ones nearest to entering (on a 181-commune
    /// sweep 6 beat 2 and keeping them all: benchmarks/analysis.md).
    let spare: Int

    init(spare: Int = 6) { self.spare = spare }

    fileprivate func record(reused count: Int) { reused.append(count) }
    fileprivate func record(retained count: Int) { retained.append(count) }
}

/// A whole plan: one plan per commune, and the money they use.
struct Incumbent {
    private(set) var plans: [CommunePlan]
    private(set) var money: MoneyInUse
    private(set) var value: Double

    /// The plans together, when their money fits.
    init?(_ plans: [CommunePlan], split: CommuneSplit) {
        var money = MoneyInUse(split)
        for plan in plans { money.add(plan) }
        guard money.fits() else { return nil }
        self.plans = plans
        self.money = money
        value = plans.reduce(0.0) { $0 + $1.value }
    }

    /// Replaces the plans of the communes of `new` when the money still fits; says whether it did.
    mutating func replace(with new: [CommunePlan]) -> Bool {
        let old = new.map { plans[$0.commune] }
        guard money.replace(old, by: new) else { return false }
        for plan in new { plans[plan.commune] = plan }
        value = plans.reduce(0.0) { $0 + $1.value }
        return true
    }
}

extension Decomposition {
    /// One search: its clock, its progress, and what it has found so far.
    final class Run {
        let search: Decomposition
        let split: CommuneSplit
        let options: MILPOptions
        let started = ContinuousClock.now
        let deadline: ContinuousClock.Instant
        let reporter: ProgressReporter
        let sense: Double
        var incumbent: Incumbent?
        /// The best bound proven so far (`prove`).
        private(set) var bound: Double
        /// Whether every plan's objective is a whole number (integer columns with whole coefficients carry
        /// all of it), so that a bound can be rounded to one.
        let integral: Bool
        /// Whether the time limit cut a phase short.
        var timeLimited = false
        /// The whole master's last prices: how dear each coupling row's money is.
        var prices: [Double]
        let penalty: Double

        let kept: KeptMaster?

        init(_ search: Decomposition, options: MILPOptions, progress: ((SearchProgress) -> Void)?, kept: KeptMaster?) {
            self.search = search
            self.kept = kept
            split = search.split
            self.options = options
            let limit = options.timeLimit ?? .seconds(3600)
            deadline = started + limit
            reporter = ProgressReporter(progress, started: started, timeLimit: options.timeLimit, interval: options.progressInterval)
            let problem = split.model.problem
            sense = problem.sense == .minimize ? -1 : 1
            bound = sense * .infinity
            integral = problem.objectiveConstant.rounded() == problem.objectiveConstant
                && problem.columns.allSatisfy { $0.objective == 0 || ($0.kind != .continuous && $0.objective.rounded() == $0.objective) }
            prices = [Double](repeating: 0, count: split.couplingRows.count)
            // More than any million of money can be worth to the objective: twice the most a commune's
            // plan can earn, per million of the cheapest cost.
            let most = split.columns.map { columns in columns.reduce(0.0) { $0 + abs(problem.columns[Int($1)].objective) } }.max() ?? 1
            let cheapest = split.model.instance.items.flatMap { $0.cost.values.map(AllocationModel.millions) }.filter { $0 > 0 }.min() ?? 1
            penalty = 2 * max(1, most) / min(1, cheapest)
        }

        /// A bound rounded to a whole number when every plan's objective is one.
        func tightened(_ bound: Double) -> Double {
            guard integral else { return bound }
            return sense > 0 ? (bound + 1e-6).rounded(.down) : (bound - 1e-6).rounded(.up)
        }

        /// Keeps `proven` when it is tighter than the bound so far.
        func prove(_ proven: Double) {
            let proven = tightened(proven)
            if sense * (bound - proven) > 0 { bound = proven }
        }

        /// a is better than b by more than rounding.
        func better(_ a: Double, than b: Double) -> Bool { sense * (a - b) > 1e-6 * max(1, abs(b)) }

        var gap: Double? { incumbent.map { abs($0.value - bound) / (abs($0.value) + .ulpOfOne) } }
        var gapReached: Bool { gap.map { $0 <= options.relativeGap } ?? false }
        /// Whether the caller cancelled the search (`MILPOptions.isCancelled`, a workbench run): it then
        /// ends as at its time limit, with the plan found so far.
        var cancelled: Bool { options.isCancelled?() ?? false }
        /// Time to go on: before the deadline, and not cancelled. Every phase asks it between its steps and
        /// every branch-and-cut it runs carries the same cancel, so a cancelled search ends promptly.
        var timeLeft: Bool { ContinuousClock.now < deadline && !cancelled }

        func offer(_ candidate: Incumbent, _ phase: SearchPhase, _ work: SearchWork) {
            if incumbent.map({ better(candidate.value, than: $0.value) }) ?? true {
                incumbent = candidate
                reporter.report(phase, work, incumbent: candidate.value)
            }
        }

        /// The phases in a fixed order, each ending by its own work (convergence, a pass that improves
        /// nothing, a node limit), never by the clock; only the time limit cuts the last phase short (or
        /// an earlier one, and then `timeLimited` says so).
        func solve() throws -> Outcome {
            guard let state = try boundByColumnGeneration() else { return .unsolved(timeLimited: timeLimited) }
            if state.solution.extra < 1e-6, timeLeft, !gapReached {
                try repair(state)
            }
            guard incumbent != nil else { return .unsolved(timeLimited: timeLimited) }
            if gapReached || !timeLeft {
                if !timeLeft { timeLimited = true }
            } else if split.communes.count <= search.wholeProvince {
                // A small province: chains of kicks of the local search, and branch-and-cut on the whole
                // model for its bound (or, where the local search does not apply, neighbourhoods until a
                // round at the largest size improves nothing, then that branch-and-cut).
                if SchedulePolish.applies(to: split) {
                    try kickChains()
                } else {
                    try improve(untilExhausted: true)
                    if timeLeft, !gapReached { try wholeProvince() }
                }
            } else {
                try improve(untilExhausted: false)
            }
            return try finish()
        }

        // MARK: Bound: column generation on the live master

        /// The whole master, converged or stopped.
        struct MasterState {
            let master: Master
            let solution: Master.Solution
        }

        /// Column generation on the whole province until the bound is within `stopTolerance` of the
        /// master (or the time limit); first plans along the way. Nil when there is no
        /// plan: a commune has none of its own, or no proposals fit the money (and no first plan did).
        func boundByColumnGeneration() throws -> MasterState? {
            let zero = [Double](repeating: 0, count: split.couplingRows.count)
            // A price high enough that every proposal spends as little as it may: the first, cheapest plans.
            let dear = split.couplingRows.map { row in sense * (split.model.problem.rows[row].bounds.upper != nil ? penalty : -penalty) }
            // The master first (a sweep's kept one moved here), so that the first report says what it holds.
            let master = try wholeMaster()
            reporter.report(.bound, .columnGeneration(rounds: 0, proposals: master.proposals.count))
            guard let unpriced = try priceAll(zero), let cheapest = try priceAll(dear) else { return nil }
            // At no price, each commune's best plan alone bounds the whole.
            prove(lagrangian(zero, unpriced, master))
            let total = split.communes.count
            let first = zip(unpriced, cheapest).flatMap { $0.plan == $1.plan ? [$0.plan] : [$0.plan, $1.plan] }
            if let plan = quickPlan(first, weights: []) { offer(plan, .firstPlan, .communes(planned: total, of: total)) }
            let held = Set(master.proposals)
            guard let generated = try generate(master, from: first.filter { !held.contains($0) }, until: deadline, whole: true) else { return nil }
            prices = generated.solution.prices
            guard generated.solution.extra < 1e-6 || incumbent != nil else { return nil }
            return MasterState(master: master, solution: generated.solution)
        }

        /// The whole master: a new one, or the one `kept` holds moved to this model and re-solved by the
        /// dual simplex from its last basis (its right-hand sides changed) when every commune still holds
        /// a proposal, then rid of the earlier points' proposals that basis does not use.
        func wholeMaster() throws -> Master {
            guard let kept, let master = kept.master, let from = kept.split else {
                let master = try Master(split, penalty: penalty)
                kept?.master = master
                kept?.split = split
                kept?.record(reused: 0)
                return master
            }
            _ = try master.move(from: from, to: split)
            kept.split = split
            kept.record(reused: master.proposals.count)
            if master.holdsEveryCommune {
                if let moved = try master.solve(adding: [], deadline: deadline) {
                    try master.retireUnused(after: moved, spare: kept.spare)
                    kept.record(retained: master.proposals.count)
                } else {
                    timeLimited = true
                }
            }
            return master
        }

        /// Column generation on `master` from `first` proposals (kept for good): each round solves the
        /// master from its last basis, prices its communes at the master's prices smoothed towards those
        /// of the best bound so far (Wentges), and adds the proposals that improve the master. Ends when
        /// the master is within `stopTolerance` of the best Lagrangian bound, nothing prices out, or at
        /// `end`. For the whole province (`whole`), the bounds are proven and first plans offered along
        /// the way. Nil when the time runs out before the master is solved once.
        func generate(_ master: Master, from first: [CommunePlan], until end: ContinuousClock.Instant, whole: Bool) throws
            -> (solution: Master.Solution, bound: Double)?
        {
            var fresh = first
            var keep = true
            var center: [Double]?
            var best = sense * Double.infinity
            var rounds = 0
            var last: Master.Solution?
            var seen = Set(first)
            while true {
                guard let solution = try master.solve(adding: fresh, keep: keep, deadline: deadline) else {
                    timeLimited = true
                    break
                }
                keep = false
                last = solution
                rounds += 1
                let masterPrices = valid(solution.prices, master)
                var at = masterPrices
                if let center, search.smoothing > 0 {
                    at = valid(zip(center, masterPrices).map { search.smoothing * $0 + (1 - search.smoothing) * $1 }, master)
                }
                guard var priced = try priceAll(at, communes: master.communes) else { break }
                var improving = improvements(priced, solution, masterPrices)
                if improving.isEmpty && at != masterPrices {
                    // Smoothed prices found nothing the master lacks: price at the master's own.
                    at = masterPrices
                    guard let again = try priceAll(at, communes: master.communes) else { break }
                    priced = again
                    improving = improvements(priced, solution, masterPrices)
                }
                var lagrangian = self.lagrangian(at, priced, master)
                // Nothing prices out: the master's value is the bound column generation converges to.
                if improving.isEmpty, solution.extra < 1e-7 { lagrangian = sense * min(sense * lagrangian, sense * solution.value) }
                if sense * (best - lagrangian) > 0 {
                    best = lagrangian
                    center = at
                }
                if whole {
                    prove(lagrangian)
                    reporter.report(.bound, .columnGeneration(rounds: rounds, proposals: master.proposals.count), bound: bound)
                    // First plans from the master as it grows: after rounds 1, 2, 4, 8…
                    if rounds & (rounds - 1) == 0, let plan = quickPlan(master.proposals, weights: solution.weights) {
                        offer(plan, .firstPlan, .columnGeneration(rounds: rounds, proposals: master.proposals.count))
                    }
                }
                let bestBound = whole ? bound : tightened(best)
                let converged = solution.extra < 1e-7 && sense * (bestBound - solution.value) <= search.stopTolerance * max(1, abs(solution.value))
                if converged || improving.isEmpty { break }
                // Only proposals the master holds price out (at prices clipped to valid signs): adding
                // them again changes nothing, so the rounds would repeat to the time limit.
                let held = Set(master.proposals)
                let new = improving.filter { !held.contains($0) }
                if new.isEmpty { break }
                if ContinuousClock.now >= end || cancelled {
                    timeLimited = true
                    break
                }
                // A proposal that prices out again after it was retired stays for good: retiring and
                // re-adding it would cycle.
                keep = new.contains { seen.contains($0) }
                seen.formUnion(new)
                fresh = new
            }
            return last.map { ($0, best) }
        }

        /// The priced plans whose reduced value at the master's prices exceeds the commune's convexity
        /// dual: the proposals the master lacks.
        func improvements(_ priced: [(objective: Double, plan: CommunePlan)], _ solution: Master.Solution, _ masterPrices: [Double]) -> [CommunePlan] {
            priced.compactMap { result in
                let reduced = result.plan.value - result.plan.cost(at: masterPrices) - solution.convexity[result.plan.commune]
                return sense * reduced > 1e-7 * max(1, abs(result.plan.value)) ? result.plan : nil
            }
        }

        /// Prices a Lagrangian bound may use: a row's price has the sign of the side it prices (≥ 0 on an
        /// upper bound when maximising), and none on a side the row lacks.
        func valid(_ prices: [Double], _ master: Master) -> [Double] {
            zip(prices, master.couplingBounds).map { price, bounds in
                if sense * price > 0 { return bounds.upper == nil ? 0 : price }
                if sense * price < 0 { return bounds.lower == nil ? 0 : price }
                return 0
            }
        }

        /// The Lagrangian bound of `master`'s problem at `prices`: every commune's priced optimum, plus
        /// the carry-over's best priced value within its bounds, plus Σ_r π_r·b_r with b_r the bound
        /// π_r prices. Valid for any prices `valid` returns, because each commune's pricing is exact.
        func lagrangian(_ prices: [Double], _ priced: [(objective: Double, plan: CommunePlan)], _ master: Master) -> Double {
            var total = priced.reduce(0.0) { $0 + $1.objective }
            for column in split.chains.carryColumns {
                var reduced = split.pricedObjective(of: column, at: prices)
                // A carry-over the master leaves in its basis prices at zero, up to rounding.
                if abs(reduced) <= 1e-9 * max(1, prices.lazy.map(abs).max() ?? 0) { reduced = 0 }
                let bounds = split.model.problem.columns[column].bounds
                let end = sense * reduced > 0 ? bounds.upper : bounds.lower
                guard let end else { return sense * .infinity }
                total += reduced * end
            }
            for (k, bounds) in master.couplingBounds.enumerated() where prices[k] != 0 {
                total += prices[k] * ((sense * prices[k] > 0 ? bounds.upper : bounds.lower) ?? 0)
            }
            return total
        }

        /// The communes `communes` (all when nil) priced at `prices`, on two threads (GLPK keeps its state
        /// per thread); each result goes to its commune's place, so the order the threads finish in does
        /// not matter. Nil when a commune has no plan or the time ran out.
        func priceAll(_ prices: [Double], communes: [Int]? = nil) throws -> [(objective: Double, plan: CommunePlan)]? {
            let communes = communes ?? Array(split.communes.indices)
            let results = Mutex<[(objective: Double, plan: CommunePlan)?]>(Array(repeating: nil, count: communes.count))
            let failure = Mutex<Error?>(nil)
            let search = self.search, deadline = self.deadline, isCancelled = options.isCancelled
            DispatchQueue.concurrentPerform(iterations: 2) { lane in
                for index in stride(from: lane, to: communes.count, by: 2) {
                    guard ContinuousClock.now < deadline, !(isCancelled?() ?? false), failure.withLock({ $0 == nil }) else { return }
                    do {
                        let result = try search.price(communes[index], at: prices, deadline: deadline, isCancelled: isCancelled)
                        results.withLock { $0[index] = result }
                    } catch { failure.withLock { $0 = error } }
                }
            }
            if let error = failure.withLock({ $0 }) { throw error }
            let all = results.withLock { $0 }
            guard all.allSatisfy({ $0 != nil }) else {
                if !timeLeft { timeLimited = true }
                return nil
            }
            return all.map { $0! }
        }

        // MARK: First plans

        /// A whole plan from proposals: every commune the master takes whole keeps that proposal; each
        /// other commune, in order, takes its best proposal that still fits the money, and then each
        /// commune in turn takes a better one where the money left allows. Nil when some commune has
        /// none that fits.
        func quickPlan(_ proposals: [CommunePlan], weights: [Double]) -> Incumbent? {
            var byCommune = [[Int]](repeating: [], count: split.communes.count)
            for (k, plan) in proposals.enumerated() { byCommune[plan.commune].append(k) }
            for c in byCommune.indices {
                byCommune[c].sort { sense * (proposals[$0].value - proposals[$1].value) > 0 || (proposals[$0].value == proposals[$1].value && $0 < $1) }
            }
            var money = MoneyInUse(split)
            var chosen = [Int?](repeating: nil, count: split.communes.count)
            for (k, weight) in weights.enumerated() where weight > 1 - 1e-6 && chosen[proposals[k].commune] == nil {
                if money.replace(nil, by: proposals[k]) { chosen[proposals[k].commune] = k }
            }
            for c in chosen.indices where chosen[c] == nil {
                guard let k = byCommune[c].first(where: { money.replace(nil, by: proposals[$0]) }) else { return nil }
                chosen[c] = k
            }
            for c in chosen.indices {
                let current = chosen[c]!
                for k in byCommune[c] where sense * (proposals[k].value - proposals[current].value) > 1e-9 {
                    if money.replace(proposals[current], by: proposals[k]) {
                        chosen[c] = k
                        break
                    }
                }
            }
            return Incumbent(chosen.map { proposals[$0!] }, split: split)
        }

        // MARK: Repair: the mixed communes

        /// The communes the master mixes. Diving on the master fixes communes at whole proposals while
        /// the others can still fit the money; the communes it leaves mixed are planned one by one in the
        /// money the fixed ones leave (at the master's prices, then again at none, so that no money that
        /// could still meet a criterion is left), then together as one MILP from that plan.
        func repair(_ state: MasterState) throws {
            let total = split.communes.count
            if let quick = quickPlan(state.master.proposals, weights: state.solution.weights) {
                offer(quick, .firstPlan, .communes(planned: total, of: total))
            }
            guard let planned = try plan(state.master, from: state.solution, others: [], phase: .repair) else { return }
            offer(planned, .repair, .communes(planned: total, of: total))
        }

        /// An integral plan of `master`'s communes from its solution, the other communes keeping `others`
        /// (by commune; empty for the whole master): the dive, then the communes it leaves mixed one by
        /// one, then together by branch-and-cut. Nil when the dive or the one-by-one plan fails.
        func plan(_ master: Master, from solution: Master.Solution, others: [CommunePlan], phase: SearchPhase) throws -> Incumbent? {
            guard let (fixed, prices) = try dive(master, from: solution, phase: phase) else { return nil }
            var plans = fixed
            for plan in others { plans[plan.commune] = plan }
            let mixed = master.communes.filter { fixed[$0] == nil }
            guard var start = try oneByOne(plans, mixed: mixed, prices: prices, phase: phase) else { return nil }
            if !mixed.isEmpty, timeLeft, let joint = try replan(mixed, in: start, options: neighbourhoodOptions(), phase: phase) {
                _ = start.replace(with: joint.plans)
            }
            return start
        }

        /// Diving on the master: the communes it takes whole, and the mixed commune its proposal weighs
        /// most in, are fixed at those proposals; the master is solved again (dual simplex from its basis)
        /// with the free communes priced anew, up to `diveRounds` rounds; and again. When the fixed plans
        /// leave the others no way to fit the money, the step is undone and that proposal set aside;
        /// after `diveFailures` such steps in a row the dive stops. The fixed communes' plans (nil for the
        /// others) and the master's last prices; nil when the time runs out.
        func dive(_ master: Master, from start: Master.Solution, phase: SearchPhase) throws -> (fixed: [CommunePlan?], prices: [Double])? {
            var solution = start
            var fixed = [CommunePlan?](repeating: nil, count: split.communes.count)
            /// Solves the master again, pricing the free communes for up to `diveRounds` rounds.
            func resolve() throws -> Bool {
                var fresh: [CommunePlan] = []
                for round in 0... {
                    guard timeLeft, let next = try master.solve(adding: fresh, deadline: deadline) else {
                        timeLimited = true
                        return false
                    }
                    solution = next
                    let free = master.communes.filter { fixed[$0] == nil }
                    guard !free.isEmpty, round < search.diveRounds else { return true }
                    let at = valid(next.prices, master)
                    guard let priced = try priceAll(at, communes: free) else { return false }
                    fresh = improvements(priced, next, at)
                    if fresh.isEmpty { return true }
                }
                return true
            }
            // Each commune's heaviest proposal, by its place in `master.proposals`: read afresh after
            // every solve, which may retire proposals and so move the others' places.
            var top = [(k: Int, weight: Double)?](repeating: nil, count: split.communes.count)
            func heaviest() {
                for c in master.communes { top[c] = nil }
                for (k, weight) in solution.weights.enumerated() {
                    let c = master.proposals[k].commune
                    if top[c].map({ weight > $0.weight }) ?? true { top[c] = (k, weight) }
                }
            }
            let whole = { (c: Int) in (top[c]?.weight ?? 0) >= 1 - 1e-6 }
            var failures = 0
            while true {
                heaviest()
                let free = master.communes.filter { fixed[$0] == nil }
                let mixed = free.filter { !whole($0) }
                guard !mixed.isEmpty else { break }
                let pick = mixed.max { (top[$0]?.weight ?? 0, -$0) < (top[$1]?.weight ?? 0, -$1) }!
                let step = free.filter(whole) + [pick]
                let ids = step.map { master.ids[top[$0]!.k] }
                let plans = step.map { master.proposals[top[$0]!.k] }
                try master.setWeights(ids, .one)
                for plan in plans { fixed[plan.commune] = plan }
                guard try resolve() else { return nil }
                if solution.extra > 1e-6 {
                    // The communes left cannot fit the money any more: undo the step and set the mixed
                    // commune's proposal aside.
                    try master.setWeights(Array(ids.dropLast()), .free)
                    try master.setWeights([ids.last!], .zero)
                    for c in step { fixed[c] = nil }
                    failures += 1
                    guard try resolve() else { return nil }
                    if failures >= search.diveFailures || solution.extra > 1e-6 { break }
                    continue
                }
                failures = 0
                let count = master.communes.filter { fixed[$0] != nil }.count
                reporter.report(phase, .communes(planned: count, of: master.communes.count))
            }
            // Every commune the master still takes whole keeps that proposal (the last solve's).
            heaviest()
            for c in master.communes where fixed[c] == nil && whole(c) { fixed[c] = master.proposals[top[c]!.k] }
            return (fixed, valid(solution.prices, master))
        }

        /// The communes `mixed` planned one by one, each alone in the money the others leave (the others
        /// keeping `plans`), first with the money priced at `prices`, then again at none.
        func oneByOne(_ plans: [CommunePlan?], mixed: [Int], prices: [Double], phase: SearchPhase) throws -> Incumbent? {
            var plans = plans
            var money = MoneyInUse(split)
            for case let plan? in plans { money.add(plan) }
            let zero = [Double](repeating: 0, count: prices.count)
            for (pass, at) in [prices, zero].enumerated() {
                for (done, c) in mixed.enumerated() {
                    guard timeLeft else {
                        timeLimited = true
                        return nil
                    }
                    if let old = plans[c] { money.remove(old) }
                    let part = try planAlone(c, money: money, prices: at)
                    if let part, money.replace(nil, by: part) {
                        plans[c] = part
                    } else {
                        guard pass > 0, let old = plans[c] else { return nil }
                        money.add(old)
                    }
                    reporter.report(phase, .communes(planned: done + 1 + pass * mixed.count, of: 2 * mixed.count))
                }
            }
            guard plans.allSatisfy({ $0 != nil }) else { return nil }
            return Incumbent(plans.map { $0! }, split: split)
        }

        /// Commune c's best plan alone in the money `money` leaves (its own use not in it), its money
        /// priced at `prices`.
        func planAlone(_ c: Int, money: MoneyInUse, prices: [Double]) throws -> CommunePlan? {
            let part = split.problem(of: [c], prices: prices, shifts: money.use)
            let solution = try GLPK.solveMILP(part.problem, options: MILPOptions(
                    timeLimit: max(.milliseconds(1), deadline - .now), presolve: true, nodeLimit: 10_000, isCancelled: options.isCancelled))
            if solution.termination == .timeLimit { timeLimited = true }
            guard solution.primalStatus == .feasiblePoint else { return nil }
            return plans(of: [c], part, solution.columnValues)[0]
        }

        // MARK: Improve

        /// The options of a neighbourhood's MILP: from the current plan (so presolve off), within the
        /// node limit and the time left.
        func neighbourhoodOptions(until end: ContinuousClock.Instant? = nil) -> MILPOptions {
            MILPOptions(
                timeLimit: max(.milliseconds(1), (end ?? deadline) - .now), relativeGap: 0, presolve: false, nodeLimit: search.nodeLimit,
                isCancelled: options.isCancelled)
        }

        /// The communes `part` planned again together in the money the others leave, from their plans in
        /// `incumbent`, by branch-and-cut. Their new plans when better than the current ones and the money
        /// fits.
        func replan(_ part: [Int], in incumbent: Incumbent, options: MILPOptions, phase: SearchPhase) throws
            -> (plans: [CommunePlan], solution: MILPSolution)?
        {
            var shifts = incumbent.money.use
            for c in part { for use in incumbent.plans[c].use { shifts[Int(use.row)] -= use.amount } }
            let sub = split.problem(of: part, prices: nil, shifts: shifts)
            var options = options
            options.startingSolution = start(sub, incumbent)
            options.presolve = options.startingSolution == nil
            let reporter = self.reporter
            let solution = try GLPK.solveMILP(sub.problem, options: options) { progress in
                reporter.report(phase, .nodes(total: progress.totalNodes, active: progress.activeNodes))
            }
            if solution.termination == .timeLimit { timeLimited = true }
            guard solution.primalStatus == .feasiblePoint else { return nil }
            let plans = self.plans(of: part, sub, solution.columnValues)
            let before = part.reduce(0.0) { $0 + incumbent.plans[$1].value }
            let after = plans.reduce(0.0) { $0 + $1.value }
            guard better(after, than: before) else { return nil }
            var check = incumbent
            guard check.replace(with: plans) else { return nil }
            return (plans, solution)
        }

        /// The incumbent's plans of a subproblem's communes and its carry-over, as the subproblem's
        /// starting point; nil when it is not one (the carry-over does not fit).
        func start(_ sub: CommuneSplit.Subproblem, _ incumbent: Incumbent) -> [Double]? {
            guard let carry = incumbent.money.carryOver() else { return nil }
            var whole: [Int: Double] = [:]
            for (column, value) in carry { whole[column] = value }
            let communes = Set(sub.columns.map { split.communeOfColumn[$0] }.filter { $0 >= 0 })
            for c in communes { for (column, value) in zip(incumbent.plans[Int(c)].columns, incumbent.plans[Int(c)].values) { whole[Int(column)] = value } }
            let values = sub.columns.map { whole[$0] ?? 0 }
            return sub.problem.firstViolation(of: values) == nil ? values : nil
        }

        /// A subproblem's solution as plans of its communes.
        func plans(of part: [Int], _ sub: CommuneSplit.Subproblem, _ values: [Double]) -> [CommunePlan] {
            var byCommune = [Int: [(column: Int, value: Double)]]()
            for (column, value) in zip(sub.columns, values) {
                let c = Int(split.communeOfColumn[column])
                if c >= 0 { byCommune[c, default: []].append((column, value)) }
            }
            return part.map { CommunePlan(commune: $0, values: byCommune[$0] ?? [], split: split) }
        }

        /// The criterion-by-criterion local search (`SchedulePolish`) on the plan, where it applies: its
        /// moves until a pass improves nothing, then `kicks` kicks (numbered on from `kicksDone`, so that
        /// the sequence is the same on every run). Says whether it improved the plan.
        func polish(kicks: Int) -> Bool {
            guard SchedulePolish.applies(to: split), let current = incumbent, var polish = SchedulePolish(split, current) else { return false }
            var improved = polish.improve(until: deadline, isCancelled: options.isCancelled)
            if kicks > 0, !gapReached {
                improved = polish.kick(kicks, numberedFrom: kicksDone, until: deadline, isCancelled: options.isCancelled) || improved
                kicksDone += UInt64(kicks)
            }
            if !timeLeft { timeLimited = true }
            guard improved, let polished = Incumbent(polish.plans(), split: split) else { return false }
            let before = incumbent?.value
            offer(polished, .improve, .localSearch(kicks: Int(kicksDone)))
            return incumbent?.value != before
        }

        /// Kicks of the local search done so far.
        var kicksDone: UInt64 = 0

        /// A small province's improvement where the local search applies: its moves, then a chain of
        /// kicks from the plan they leave until it stalls; branch-and-cut on the whole model within
        /// `boundNodes` nodes (its root cuts prove most of what it proves in seconds); `kickChains` − 1 more
        /// chains from the same plan, refilling in noisy orders; and branch-and-cut again in the time
        /// left. Measured on 16 communes (benchmarks/small-provinces.md), a chain stalls within a few
        /// thousand kicks on a plan that depends on the order of its kicks: chains started again from one
        /// plan, the best kept, found better plans on 5 of 12 seeds and never a worse one, where more
        /// kicks in one chain and neighbourhoods of a few communes by branch-and-cut found none.
        func kickChains() throws {
            _ = polish(kicks: 0)
            guard let moved = incumbent else { return }
            kickUntilStalled(from: moved, noisy: false)
            if search.kickChains > 1 {
                try wholeProvince(nodes: search.boundNodes)
                for _ in 1..<search.kickChains { kickUntilStalled(from: moved, noisy: true) }
            }
            try wholeProvince()
        }

        /// One chain of kicks from `moved`: rounds of `kicksPerRound` kicks (numbered on from
        /// `kicksDone`, so that the sequence is the same on every run) until `stalledKickRounds` rounds in
        /// a row improve it nothing, the gap asked for or the time limit; its plans offered as they
        /// improve. `noisy`: refill in noisy orders of value per đồng (`SchedulePolish.refillOrder`).
        func kickUntilStalled(from moved: Incumbent, noisy: Bool) {
            guard timeLeft, !gapReached, var polish = SchedulePolish(split, moved) else {
                if !timeLeft { timeLimited = true }
                return
            }
            var idle = 0
            while timeLeft, !gapReached, idle < search.stalledKickRounds {
                let improved = polish.kick(search.kicksPerRound, numberedFrom: kicksDone, noisy: noisy, until: deadline, isCancelled: options.isCancelled)
                kicksDone += UInt64(search.kicksPerRound)
                if improved, let plan = Incumbent(polish.plans(), split: split) { offer(plan, .improve, .localSearch(kicks: Int(kicksDone))) }
                idle = improved ? 0 : idle + 1
            }
            if !timeLeft { timeLimited = true }
        }

        /// Each commune in turn planned again alone in the money the others leave, its plan replaced only
        /// by a better one; again while a pass improves anything.
        func alone() throws {
            var improving = true
            while improving {
                improving = false
                for c in split.communes.indices {
                    guard timeLeft, !gapReached else {
                        if !timeLeft { timeLimited = true }
                        return
                    }
                    guard let current = incumbent else { return }
                    lns.solved += 1
                    var money = current.money
                    money.remove(current.plans[c])
                    if let plan = try planAlone(c, money: money, prices: [Double](repeating: 0, count: prices.count)),
                       better(plan.value, than: current.plans[c].value) {
                        var next = current
                        if next.replace(with: [plan]) {
                            lns.improved += 1
                            improving = true
                            offer(next, .improve, .neighbourhoods(solved: lns.solved, improved: lns.improved))
                        }
                    }
                    reporter.report(.improve, .neighbourhoods(solved: lns.solved, improved: lns.improved))
                }
            }
        }

        /// Where the large-neighbourhood search is: the coupling rows it draws communes from (dearest
        /// first), the neighbourhoods' size, and what it has done.
        struct Neighbourhoods {
            var tight: [Int] = []
            var size = 0
            var largest = 0
            var solved = 0
            var improved = 0
            var sinceImprovement = 0
            /// Whether a round at the largest size improved nothing.
            var exhausted = false
        }

        var lns = Neighbourhoods()

        /// Improves the plan until the gap asked for is proven or the time is up: where the local search
        /// applies, it runs first to its end, then kicks and rounds of neighbourhoods take turns;
        /// otherwise each commune is planned again alone, then neighbourhoods. Every step is a fixed
        /// amount of work, so the plans found come in the same order on every run. Without a time limit
        /// it ends after `idleRounds` rounds in a row that improve nothing; `untilExhausted`, once a round
        /// of neighbourhoods at the largest size improves nothing.
        func improve(untilExhausted: Bool) throws {
            let polishes = SchedulePolish.applies(to: split)
            if polishes { _ = polish(kicks: 0) } else { try alone() }
            startNeighbourhoods()
            var idle = 0
            while timeLeft, !gapReached {
                let before = incumbent?.value
                if polishes { _ = polish(kicks: search.kicksPerRound) }
                if !lns.exhausted {
                    try neighbourhoodRound()
                } else if !polishes || untilExhausted {
                    break
                }
                idle = incumbent?.value == before ? idle + 1 : 0
                if options.timeLimit == nil && idle >= search.idleRounds { break }
            }
            if !timeLeft { timeLimited = true }
        }

        /// The neighbourhoods' rows: the coupling rows by the master's price, dearest first (all rows
        /// with communes when none has a price).
        func startNeighbourhoods() {
            var tight = split.couplingRows.indices.filter { prices[$0] != 0 && !split.communesInRow[$0].isEmpty }
            tight.sort { (abs(prices[$0]), -$0) > (abs(prices[$1]), -$1) }
            if tight.isEmpty { tight = split.couplingRows.indices.filter { !split.communesInRow[$0].isEmpty } }
            lns.tight = tight
            // At most half the province: the whole of it is branch-and-cut's (`wholeProvince`).
            lns.largest = min(search.largestNeighbourhood, max(1, split.communes.count / 2))
            lns.size = min(search.neighbourhood, lns.largest)
            lns.exhausted = tight.isEmpty
        }

        /// One round of large-neighbourhood search, a neighbourhood per tight row: a few dozen communes
        /// that share a tight envelope are planned again together by branch-and-cut (within a node
        /// limit), from the current plan, in the money the others leave; only a better plan is kept.
        /// Which communes is drawn by a generator seeded with the neighbourhood's number, so the sequence
        /// is the same on every run. After a round that improves nothing, neighbourhoods double, up to
        /// `largestNeighbourhood`; a round at that size that improves nothing ends the search.
        func neighbourhoodRound() throws {
            for _ in lns.tight.indices {
                guard timeLeft, !gapReached, let current = incumbent else { return }
                let tight = lns.tight
                let row = tight[lns.solved % tight.count]
                var random = SplitMix64(seed: UInt64(lns.solved))
                var pool = split.communesInRow[row].map(Int.init)
                // Not enough communes in the row: those of the next rows too.
                var next = 1
                while pool.count < lns.size, next < tight.count {
                    pool = Array(Set(pool).union(split.communesInRow[tight[(lns.solved + next) % tight.count]].map(Int.init))).sorted()
                    next += 1
                }
                for i in pool.indices.reversed() where i > 0 { pool.swapAt(i, Int(random.next() % UInt64(i + 1))) }
                let part = Array(pool.prefix(lns.size)).sorted()
                lns.solved += 1
                if let result = try replan(part, in: current, options: neighbourhoodOptions(), phase: .improve) {
                    var next = current
                    if next.replace(with: result.plans) {
                        lns.improved += 1
                        lns.sinceImprovement = 0
                        offer(next, .improve, .neighbourhoods(solved: lns.solved, improved: lns.improved))
                        continue
                    }
                }
                lns.sinceImprovement += 1
                reporter.report(.improve, .neighbourhoods(solved: lns.solved, improved: lns.improved))
                if lns.sinceImprovement >= tight.count {
                    guard lns.size < lns.largest else {
                        lns.exhausted = true
                        return
                    }
                    lns.size = min(2 * lns.size, lns.largest)
                    lns.sinceImprovement = 0
                }
            }
        }

        /// A small province: branch-and-cut on the whole model from the plan found, to the gap asked, in
        /// the time left (and within `nodes` nodes when given). Its bound holds the whole MILP too.
        func wholeProvince(nodes: Int? = nil) throws {
            guard let current = incumbent, timeLeft, !gapReached else { return }
            let all = Array(split.communes.indices)
            let options = MILPOptions(
                timeLimit: max(.milliseconds(1), deadline - .now), relativeGap: options.relativeGap, presolve: false, cuts: .all,
                branching: .pseudocost, nodeLimit: nodes, progressInterval: options.progressInterval, isCancelled: options.isCancelled)
            let sub = split.problem(of: all, prices: nil, shifts: [Double](repeating: 0, count: prices.count))
            var withStart = options
            withStart.startingSolution = start(sub, current)
            withStart.presolve = withStart.startingSolution == nil
            let reporter = self.reporter
            var nodes = SearchWork.nodes(total: 0, active: 0)
            let solution = try GLPK.solveMILP(sub.problem, options: withStart) { progress in
                nodes = .nodes(total: progress.totalNodes, active: progress.activeNodes)
                reporter.report(.improve, nodes)
            }
            if solution.termination == .timeLimit { timeLimited = true }
            if solution.primalStatus == .feasiblePoint {
                var next = current
                if next.replace(with: plans(of: all, sub, solution.columnValues)) { offer(next, .improve, nodes) }
            }
            if let proven = solution.bestBound {
                prove(proven)
                reporter.report(.improve, nodes, bound: bound)
            }
        }

        // MARK: The result

        func finish() throws -> Outcome {
            guard let incumbent else { return .unsolved(timeLimited: timeLimited) }
            // Each commune's plan in its own place, on its own columns: otherwise one commune's plan
            // would be counted twice in the plan's value and another's lost from the plan (a bug).
            for (c, plan) in incumbent.plans.enumerated() where plan.commune != c || plan.columns.contains(where: { Int(split.communeOfColumn[Int($0)]) != c }) {
                throw UnexpectedSolveOutcome(summary: "the search by commune holds commune \(plan.commune)'s plan in commune \(c)'s place")
            }
            let problem = split.model.problem
            var values = [Double](repeating: 0, count: problem.columns.count)
            for plan in incumbent.plans { for (column, value) in zip(plan.columns, plan.values) { values[Int(column)] = value } }
            // The carry-over from the money in use summed afresh, in commune order.
            guard let fresh = Incumbent(incumbent.plans, split: split), let carry = fresh.money.carryOver() else {
                return .unsolved(timeLimited: timeLimited)
            }
            for (column, value) in carry { values[column] = value }
            let objective = problem.objectiveValue(at: values)
            // Within rounding of the bound, the plan is the bound.
            if sense * (objective - bound) > 0 { bound = objective }
            let gap = abs(objective - bound) / (abs(objective) + .ulpOfOne)
            var termination = TerminationReason.gapLimit
            if abs(objective - bound) <= 1e-6 * max(1, abs(bound)) {
                termination = .optimal
            } else if !timeLeft && gap > options.relativeGap {
                termination = .timeLimit
            }
            reporter.finish(incumbent: objective, bound: bound)
            return .solved(values: values, objective: objective, bound: bound, termination: termination, timeLimited: timeLimited)
        }
    }
}

