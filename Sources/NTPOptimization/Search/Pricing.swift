import GLPKSwift
import NTPDomain

/// A commune priced by sight (`Decomposition.pricedBySight`): for each of its criteria, its done columns
/// by year, and for each kind of its cost the pay columns that may pay it, by year.
struct SightModel: Sendable {
    struct Criterion: Sendable {
        /// done[i,t] by year.
        let done: [Int]
        let buildYears: Int
        let kinds: [Kind]
    }

    struct Kind: Sendable {
        /// C[i,m], million VND.
        let cost: Double
        let pays: [(column: Int, year: Int)]
    }

    let criteria: [Criterion]

    init(items: [Int], model: AllocationModel) {
        criteria = items.map { i in
            let item = model.instance.items[i]
            let kinds = MoneyKind.allCases.compactMap { kind -> Kind? in
                guard let cost = item.cost[kind], cost.dong > 0 else { return nil }
                return Kind(cost: AllocationModel.millions(cost), pays: model.families.pay[item: i, kind: kind].map { ($0.column, $0.year) })
            }
            return Criterion(done: model.families.done[item: i], buildYears: item.buildYears, kinds: kinds)
        }
    }
}

extension Decomposition {
    /// The row families a commune's own rows may have for `pricedBySight` to price it: those that tie an
    /// item's money to its year (the rows it reads off the pay columns' window) and capacity (which
    /// `assign` keeps). Upkeep, share caps, standard and minimum progress tie criteria together otherwise.
    static let pricedBySightFamilies: Set<RowFamily> = [.staysDone, .funded, .noOverpay, .spendWindow, .capacity]

    /// A commune's best plan at `prices` on the coupling rows (objective c − π·a), and that priced
    /// objective; nil when it has none (its own rules cannot be met), the time ran out or the caller
    /// cancelled (`isCancelled`).
    func price(
        _ c: Int, at prices: [Double], deadline: ContinuousClock.Instant, isCancelled: (@Sendable () -> Bool)? = nil
    ) throws -> (objective: Double, plan: CommunePlan)? {
        if sight[c] != nil { return pricedBySight(c, prices) }
        return try pricedBySolver(c, prices, deadline: deadline, isCancelled: isCancelled)
    }

    /// Commune c's priced problem (its columns and own rows, cut out of the whole model) solved by GLPK's
    /// branch-and-cut.
    func pricedBySolver(
        _ c: Int, _ prices: [Double], deadline: ContinuousClock.Instant, isCancelled: (@Sendable () -> Bool)? = nil
    ) throws -> (objective: Double, plan: CommunePlan)? {
        let part = split.problem(of: [c], prices: prices, shifts: nil)
        let solution = try GLPK.solveMILP(
            part.problem, options: MILPOptions(timeLimit: max(.milliseconds(1), deadline - .now), presolve: true, isCancelled: isCancelled))
        guard solution.termination == .optimal, let objective = solution.objectiveValue else { return nil }
        return (objective, CommunePlan(commune: c, values: zip(part.columns, solution.columnValues).map { ($0, $1) }, split: split))
    }

    /// The priced best plan of a separable commune, criterion by criterion. A criterion met in year t
    /// earns the objective of done[i,t'] for t' ≥ t, and pays each kind's cost C in the years
    /// t−b+1…t (funded, no_overpay and spend_window allow no other): all of it from the pay column with
    /// the best priced objective there. Not met, it earns and pays nothing. Locks and targets are the
    /// done columns' fixed bounds. Without a capacity each criterion takes its best year; under one,
    /// `assign` chooses the years together.
    func pricedBySight(_ c: Int, _ prices: [Double]) -> (objective: Double, plan: CommunePlan)? {
        guard let sight = sight[c] else { return nil }
        let problem = split.model.problem
        let minimize = problem.sense == .minimize
        let better = { (a: Double, b: Double) in minimize ? a < b : a > b }
        let years = split.model.instance.years.count
        var options: [[Option]] = []
        for criterion in sight.criteria {
            // Years it may be met in (its done columns' bounds), and "not met" when allowed.
            let done = criterion.done
            let canSkip = done.allSatisfy { (problem.columns[$0].bounds.lower ?? 0) <= 0 }
            var choices: [Option] = canSkip ? [Option(score: 0, year: nil, pays: [])] : []
            for t in 0..<years {
                // done[i,t'] = 1 exactly for t' ≥ t must fit every bound.
                let fits = done.indices.allSatisfy { t2 in problem.columns[done[t2]].bounds.contains(t2 >= t ? 1 : 0, tolerance: 1e-9) }
                guard fits else { continue }
                var score = done[t...].reduce(0.0) { $0 + problem.columns[$1].objective }
                var pays: [(column: Int, amount: Double)] = []
                var payable = true
                for kind in criterion.kinds {
                    let window = kind.pays.filter { $0.year <= t && $0.year >= t - criterion.buildYears + 1 }
                    let net = window.map { split.pricedObjective(of: $0.column, at: prices) }
                    guard let pick = net.indices.min(by: { better(net[$0], net[$1]) }) else { payable = false; break }
                    score += kind.cost * net[pick]
                    pays.append((window[pick].column, kind.cost))
                }
                guard payable else { continue }
                choices.append(Option(score: score, year: t, pays: pays))
            }
            guard !choices.isEmpty else { return nil }
            options.append(choices)
        }
        let chosen: [Int]
        if let capacity = split.capacity[c] {
            guard let assigned = Self.assign(options, years: years, capacity: capacity, better: better) else { return nil }
            chosen = assigned
        } else {
            chosen = options.map { choices in choices.indices.min { better(choices[$0].score, choices[$1].score) || (!better(choices[$1].score, choices[$0].score) && $0 < $1) }! }
        }
        var values: [(column: Int, value: Double)] = []
        var total = 0.0
        for (i, choice) in zip(options.indices, chosen) {
            let option = options[i][choice]
            total += option.score
            if let t = option.year {
                for column in sight.criteria[i].done[t...] { values.append((column, 1)) }
                for pay in option.pays { values.append((pay.column, pay.amount)) }
            }
        }
        return (total, CommunePlan(commune: c, values: values, split: split))
    }

    /// One way to treat a criterion when pricing: met in `year` (an index of the horizon), paid by
    /// `pays`, or not met (`year` nil); `score` is its priced objective.
    struct Option {
        let score: Double
        let year: Int?
        let pays: [(column: Int, amount: Double)]
    }

    /// Whether `assign` is quick enough for a commune: its states, (capacity + 1)^years, times its items.
    static func assignable(items: Int, years: Int, capacity: Int?) -> Bool {
        guard let capacity else { return true }
        var states = 1.0
        for _ in 0..<years { states *= Double(min(capacity, items) + 1) }
        return states * Double(items) <= 2_000_000
    }

    /// The best choice of one option per criterion with at most `capacity` criteria met in each year: a
    /// dynamic program over the criteria whose state is how many are met in each year so far (exact;
    /// the capacity rows Σ_i (done[i,t] − done[i,t−1]) ≤ K count exactly the criteria met in year t).
    /// Nil when no choice fits (fixed criteria over the capacity).
    static func assign(_ options: [[Option]], years: Int, capacity: Int, better: (Double, Double) -> Bool) -> [Int]? {
        let base = min(capacity, options.count) + 1
        var states = 1
        for _ in 0..<years { states *= base }
        var place = [Int](repeating: 1, count: years)
        for t in 1..<max(1, years) { place[t] = place[t - 1] * base }
        var score = [Double?](repeating: nil, count: states)
        score[0] = 0
        // choice[i][state]: the option of criterion i that reaches `state` best, and the state before it.
        var choice = [[(option: Int, from: Int)]]()
        for item in options {
            var next = [Double?](repeating: nil, count: states)
            var step = [(option: Int, from: Int)](repeating: (-1, -1), count: states)
            for state in 0..<states {
                guard let current = score[state] else { continue }
                for (o, option) in item.enumerated() {
                    var target = state
                    if let t = option.year {
                        let count = (state / place[t]) % base
                        // base − 1 = min(capacity, criteria): the most a year can hold.
                        guard count + 1 < base else { continue }
                        target += place[t]
                    }
                    let value = current + option.score
                    if next[target] == nil || better(value, next[target]!) {
                        next[target] = value
                        step[target] = (o, state)
                    }
                }
            }
            score = next
            choice.append(step)
        }
        var best: Int?
        for state in 0..<states {
            guard let value = score[state] else { continue }
            if best == nil || better(value, score[best!]!) { best = state }
        }
        guard var state = best else { return nil }
        var picked = [Int](repeating: 0, count: options.count)
        for i in options.indices.reversed() {
            picked[i] = choice[i][state].option
            state = choice[i][state].from
        }
        return picked
    }
}
