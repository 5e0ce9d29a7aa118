import Foundation
import GLPKSwift
import NTPDomain

/// Dantzig-Wolfe decomposition by commune, for province-sized models (docs/model.md, "Search").
///
/// Communes share only the coupling rows: envelopes (with carry-over) and counterparts. A master LP
/// chooses a convex combination of proposals (whole plans of one commune); each commune's own model,
/// with the money priced at the master's duals, proposes its next plan. When no commune can propose a
/// better one, the master's value is the LP relaxation's; at every round, the master's value plus each
/// commune's best improvement bounds the MILP. Then the communes whose plan the master takes whole are
/// fixed, and the few it mixes (at most one per coupling row) are planned one by one, each as a small
/// MILP in the money the others leave.
struct Decomposition {
    let model: AllocationModel
    /// The whole instance's objective weights, which every commune's model shares.
    let weights: ObjectiveWeights
    let communes: [Commune]
    /// The position of each coupling row of the whole model (`model.families.coupling`), by key.
    let couplingPosition: [CouplingKey: Int]
    let clock = ContinuousClock()
    /// Column generation ends when the bound is within this relative distance of the master's value.
    var stopTolerance = 1e-4

    /// One commune's own model, and where its columns are in the whole model.
    struct Commune {
        /// Its items, by index in the whole instance.
        let items: [Int]
        let model: AllocationModel
        let objective: [Double]
        /// Column of the commune's model → column of the whole model.
        let toFull: [Int]
        /// Column of the commune's model → its coefficients in the coupling rows (by position in `model.families.coupling`).
        let coupling: [Int: [(row: Int, value: Double)]]
        /// The columns that have coupling terms, in order (so that sums over them are the same every run).
        let coupledColumns: [Int]
        /// Whether its criteria are independent of each other but for a capacity limit (its own model has
        /// rows of `pricedBySightFamilies` only): then its best plan is found without a solver, each
        /// criterion's best year and money by looking, and under a capacity by an exact assignment of
        /// criteria to years.
        let separable: Bool
        /// The capacity limit on the criteria met a year, when the commune has capacity rows.
        let capacity: Int?
    }

    struct Proposal {
        let commune: Int
        let value: Double
        let values: [Double]
        /// Coupling row (by position) → the proposal's activity in it.
        let activity: [Int: Double]
    }

    /// The row families a commune's model may have for `pricedBySight` to price it: those that tie an
    /// item's money to its year (the rows it reads off the pay columns' window) and capacity (which
    /// `assign` keeps). Upkeep, share caps, standard and minimum progress tie criteria together otherwise.
    static let pricedBySightFamilies: Set<RowFamily> = [.staysDone, .funded, .noOverpay, .spendWindow, .capacity]

    init(_ model: AllocationModel) {
        self.model = model
        let instance = model.instance
        let weights = AllocationModel.objectiveWeights(instance)
        self.weights = weights
        let coupling = model.families.coupling
        couplingPosition = Dictionary(uniqueKeysWithValues: coupling.keys.enumerated().map { ($1, $0) })
        let position = Dictionary(uniqueKeysWithValues: coupling.positions.enumerated().map { ($1, $0) })
        var couplingOfColumn: [Int: [(row: Int, value: Double)]] = [:]
        for entry in model.problem.entries {
            if let row = position[entry.row] { couplingOfColumn[entry.column, default: []].append((row, entry.value)) }
        }
        let full = FullColumns(model)
        let byCommune = Dictionary(grouping: instance.items.indices) { instance.items[$0].commune }
        communes = instance.communes.map { name in
            let items = byCommune[name]!
            let own = AllocationModel(instance.with(items: items.map { instance.items[$0] }), coupling: false, weights: weights)
            let toFull = full.map(own)
            var coupling: [Int: [(row: Int, value: Double)]] = [:]
            for (column, target) in toFull.enumerated() where target >= 0 {
                if let terms = couplingOfColumn[target] { coupling[column] = terms }
            }
            let capacity = own.families.capacity.isEmpty ? nil : instance.policy.capacityPerCommuneYear
            let separable = RowFamily.allCases.allSatisfy { own.families.rows(of: $0).isEmpty || Self.pricedBySightFamilies.contains($0) }
                && Self.assignable(items: items.count, years: instance.years.count, capacity: capacity)
            return Commune(
                items: items, model: own, objective: own.problem.columns.map(\.objective), toFull: toFull, coupling: coupling,
                coupledColumns: coupling.keys.sorted(),
                separable: separable, capacity: capacity)
        }
    }

    enum Outcome {
        case solved(values: [Double], objective: Double, bound: Double, termination: TerminationReason)
        /// No plan: the targets or locks need more than the envelopes hold, a commune's own rules cannot
        /// be met, or the time ran out. The whole model decides which.
        case unsolved
    }

    func solve(options: MILPOptions, progress: ((MILPProgress) -> Void)?) throws -> Outcome {
        let started = clock.now
        let limit = options.timeLimit ?? .seconds(3600)
        let minimize = model.problem.sense == .minimize
        let rows = model.families.coupling.positions.map { model.problem.rows[$0] }
        let tolerance = max(1e-6, options.relativeGap / 4, stopTolerance)

        // A price high enough that every proposal spends as little as it may: the first, cheapest plans.
        let penalty = bigPrice()
        var proposals: [Proposal] = []
        for prices in [[Double](repeating: 0, count: rows.count), rows.map { $0.bounds.upper != nil ? penalty : -penalty }] {
            let round = try price(prices, deadline: started + limit)
            guard round.allSatisfy({ $0 != nil }) else { return .unsolved }
            proposals += round.map { $0!.proposal }
        }

        // Column generation.
        var bound = minimize ? -Double.infinity : Double.infinity
        var master = try solveMaster(proposals, rows: rows, penalty: penalty)
        while true {
            let priced = try price(master.duals, deadline: started + limit)
            if priced.contains(where: { $0 == nil }) { break }  // time ran out
            let improvements = priced.enumerated().map { c, result in
                (minimize ? -1 : 1) * (result!.objective - master.convexity[c])
            }
            let lagrangian = master.value + (minimize ? -1 : 1) * improvements.reduce(0) { $0 + max(0, $1) }
            if master.extra < 1e-7 { bound = minimize ? max(bound, lagrangian) : min(bound, lagrangian) }
            progress?(MILPProgress(elapsed: clock.now - started, incumbent: nil, bestBound: bound.isFinite ? bound : nil, relativeGap: nil, activeNodes: 0, totalNodes: proposals.count))
            let fresh = priced.enumerated().compactMap { c, result in improvements[c] > 1e-7 ? result!.proposal : nil }
            // Stop when the bound is within a fraction of what rounding costs anyway: the last rounds of
            // column generation move the bound by hundredths of a percent and take the longest.
            if fresh.isEmpty || abs(bound - master.value) <= tolerance * max(1, abs(master.value)) { break }
            if clock.now - started > limit / 2 { break }
            proposals += fresh
            master = try solveMaster(proposals, rows: rows, penalty: penalty)
        }
        guard master.extra < 1e-6 else { return .unsolved }
        if !bound.isFinite { bound = master.value }

        // The plan: every commune the master takes whole keeps that proposal; the communes it mixes (at
        // most one per coupling row) are planned one by one in the money the others leave, first at the
        // master's prices (so that none takes money another values more), then again at no price, so
        // that no money that could still meet a criterion is left.
        var plans: [Int: [Double]] = [:]
        var activity = [Double](repeating: 0, count: rows.count)
        for (k, proposal) in proposals.enumerated() where master.weights[k] > 1 - 1e-6 {
            plans[proposal.commune] = proposal.values
            for (row, value) in proposal.activity { activity[row] += value }
        }
        let mixed = communes.indices.filter { plans[$0] == nil }
        var carry = master.carry.enumerated().reduce(into: [Int: Double]()) { $0[$1.offset] = $1.element }
        for (pass, prices) in [master.duals, [Double](repeating: 0, count: rows.count)].enumerated() {
            for c in mixed {
                if let previous = plans[c] { for (row, value) in self.activity(of: c, previous) { activity[row] -= value } }
                guard let (planValues, planCarry) = try planOne(c, prices: prices, used: activity, rows: rows, deadline: started + limit) else {
                    guard pass > 0 else { return .unsolved }
                    for (row, value) in self.activity(of: c, plans[c]!) { activity[row] += value }
                    continue
                }
                plans[c] = planValues
                carry = planCarry
                for (row, value) in self.activity(of: c, planValues) { activity[row] += value }
            }
        }
        // Improvement while time lasts: each commune in turn planned again alone in the money the others
        // leave. Its plan is replaced only by a better one, so the whole plan never gets worse; the
        // carry-over of the last replacement is the province's, since nothing has changed since.
        let value = { (c: Int, plan: [Double]) in zip(self.communes[c].objective, plan).reduce(0.0) { $0 + $1.0 * $1.1 } }
        let gapOf = { (objective: Double) in abs(objective - bound) / (abs(objective) + .ulpOfOne) }
        var objective = plans.keys.sorted().reduce(0.0) { $0 + value($1, plans[$1]!) }
        var improving = true
        while improving, gapOf(objective) > options.relativeGap, clock.now - started < limit * 0.9 {
            improving = false
            for c in communes.indices where clock.now - started < limit * 0.9 {
                guard let current = plans[c] else { continue }
                for (row, amount) in self.activity(of: c, current) { activity[row] -= amount }
                var kept = current
                if let (planValues, planCarry) = try planOne(c, prices: [Double](repeating: 0, count: rows.count), used: activity, rows: rows, deadline: started + limit),
                   (minimize ? -1 : 1) * (value(c, planValues) - value(c, current)) > 1e-7 {
                    kept = planValues
                    carry = planCarry
                    objective += value(c, planValues) - value(c, current)
                    improving = true
                }
                plans[c] = kept
                for (row, amount) in self.activity(of: c, kept) { activity[row] += amount }
            }
        }
        var values = [Double](repeating: 0, count: model.problem.columns.count)
        for (c, plan) in plans {
            for (column, value) in plan.enumerated() where communes[c].toFull[column] >= 0 { values[communes[c].toFull[column]] = value }
        }
        // The carry-over of the coupling envelopes; a commune's own envelopes carry within its plan.
        for (e, column) in model.families.carry.out.entries where couplingPosition[.envelope(e)] != nil { values[column] = carry[e] ?? 0 }
        var termination = clock.now - started >= limit ? TerminationReason.timeLimit : .gapLimit
        objective = zip(model.problem.columns, values).reduce(0.0) { $0 + $1.0.objective * $1.1 }
        if abs(objective - bound) <= 1e-6 * max(1, abs(bound)) { termination = .optimal }
        progress?(MILPProgress(
            elapsed: clock.now - started, incumbent: objective, bestBound: bound, relativeGap: abs(objective - bound) / (abs(objective) + .ulpOfOne),
            activeNodes: 0, totalNodes: proposals.count))
        return .solved(values: values, objective: objective, bound: bound, termination: termination)
    }

    /// Solves every commune's model with its money priced at `duals` (two threads; GLPK keeps its state
    /// per thread). Nil for a commune whose model has no solution or ran out of time.
    private func price(_ duals: [Double], deadline: ContinuousClock.Instant) throws -> [(objective: Double, proposal: Proposal)?] {
        let results = Locked<[(objective: Double, proposal: Proposal)?]>(Array(repeating: nil, count: communes.count))
        let failure = Locked<Error?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            for c in stride(from: lane, to: communes.count, by: 2) {
                guard clock.now < deadline else { return }
                do {
                    let result = try priceOne(c, duals, deadline: deadline)
                    results.withLock { $0[c] = result }
                } catch { failure.withLock { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { $0 }
    }

    private func priceOne(_ c: Int, _ duals: [Double], deadline: ContinuousClock.Instant) throws -> (objective: Double, proposal: Proposal)? {
        if communes[c].separable { return pricedBySight(c, duals) }
        return try pricedBySolver(c, duals, deadline: deadline)
    }

    /// Commune c's priced model solved by GLPK's branch-and-cut.
    func pricedBySolver(_ c: Int, _ duals: [Double], deadline: ContinuousClock.Instant) throws -> (objective: Double, proposal: Proposal)? {
        let commune = communes[c]
        var problem = commune.model.problem
        for (column, terms) in commune.coupling {
            problem.columns[column].objective = commune.objective[column] - terms.reduce(0) { $0 + duals[$1.row] * $1.value }
        }
        let solution = try GLPK.solveMILP(problem, options: MILPOptions(timeLimit: max(.milliseconds(1), deadline - clock.now), presolve: true))
        guard solution.termination == .optimal, let objective = solution.objectiveValue else { return nil }
        let values = solution.columnValues
        return (objective, proposal(c, values))
    }

    /// The priced best plan of a separable commune, criterion by criterion. A criterion met in year t
    /// earns the objective of done[i,t'] for t' ≥ t, and pays each kind's cost C in the years
    /// t−b+1…t (funded, no_overpay and spend_window allow no other): all of it from the pay column with
    /// the best priced objective there. Not met, it earns and pays nothing. Locks and targets are the
    /// done columns' fixed bounds. Without a capacity each criterion takes its best year; under one,
    /// `assign` chooses the years together.
    func pricedBySight(_ c: Int, _ duals: [Double]) -> (objective: Double, proposal: Proposal)? {
        let commune = communes[c]
        let own = commune.model
        let problem = own.problem
        let minimize = problem.sense == .minimize
        let better = { (a: Double, b: Double) in minimize ? a < b : a > b }
        let net = { (column: Int) in
            commune.objective[column] - (commune.coupling[column] ?? []).reduce(0) { $0 + duals[$1.row] * $1.value }
        }
        let years = own.instance.years.count
        var options: [[Option]] = []
        for (i, item) in own.instance.items.enumerated() {
            // Years it may be met in (its done columns' bounds), and "not met" when allowed.
            let doneColumns = own.families.done[item: i]
            let canSkip = doneColumns.allSatisfy { (problem.columns[$0].bounds.lower ?? 0) <= 0 }
            var choices: [Option] = canSkip ? [Option(score: 0, year: nil, pays: [])] : []
            for t in 0..<years {
                // done[i,t'] = 1 exactly for t' ≥ t must fit every bound.
                let fits = doneColumns.indices.allSatisfy { t2 in problem.columns[doneColumns[t2]].bounds.contains(t2 >= t ? 1 : 0, tolerance: 1e-9) }
                guard fits else { continue }
                var score = doneColumns[t...].reduce(0.0) { $0 + commune.objective[$1] }
                var pays: [(column: Int, amount: Double)] = []
                var payable = true
                for kind in MoneyKind.allCases {
                    guard let cost = item.cost[kind], cost.dong > 0 else { continue }
                    let window = own.families.pay[item: i, kind: kind].filter { $0.year <= t && $0.year >= t - item.buildYears + 1 }
                    guard let pick = window.map(\.column).min(by: { better(net($0), net($1)) }) else { payable = false; break }
                    let amount = AllocationModel.millions(cost)
                    score += amount * net(pick)
                    pays.append((pick, amount))
                }
                guard payable else { continue }
                choices.append(Option(score: score, year: t, pays: pays))
            }
            guard !choices.isEmpty else { return nil }
            options.append(choices)
        }
        let chosen: [Int]
        if let capacity = commune.capacity {
            guard let assigned = Self.assign(options, years: years, capacity: capacity, better: better) else { return nil }
            chosen = assigned
        } else {
            chosen = options.map { choices in choices.indices.min { better(choices[$0].score, choices[$1].score) || (!better(choices[$1].score, choices[$0].score) && $0 < $1) }! }
        }
        var values = [Double](repeating: 0, count: problem.columns.count)
        var total = 0.0
        for (i, choice) in zip(options.indices, chosen) {
            let option = options[i][choice]
            total += option.score
            if let t = option.year {
                for t2 in t..<years { values[own.families.done[item: i, year: t2]] = 1 }
                for pay in option.pays { values[pay.column] = pay.amount }
            }
        }
        return (total, proposal(c, values))
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

    /// Commune c's plan `values` (columns of its own model) as a proposal: its objective and its activity
    /// in the coupling rows.
    private func proposal(_ c: Int, _ values: [Double]) -> Proposal {
        let value = zip(communes[c].objective, values).reduce(0.0) { $0 + $1.0 * $1.1 }
        return Proposal(commune: c, value: value, values: values, activity: activity(of: c, values))
    }

    /// Commune c's activity in the coupling rows (by position) under its own model's `values`.
    private func activity(of c: Int, _ values: [Double]) -> [Int: Double] {
        var activity: [Int: Double] = [:]
        for column in communes[c].coupledColumns where values[column] != 0 {
            for term in communes[c].coupling[column] ?? [] { activity[term.row, default: 0] += term.value * values[column] }
        }
        return activity
    }

    /// Commune c's best plan in the money the others leave (`used`: their activity in each coupling
    /// row), its money priced at `prices`. The carry-over is the whole province's: the one found here
    /// carries everyone's money, since the rows hold everyone's use. Nil when it has none in time.
    private func planOne(_ c: Int, prices: [Double], used: [Double], rows: [Row], deadline: ContinuousClock.Instant) throws
        -> (values: [Double], carry: [Int: Double])?
    {
        let commune = communes[c]
        var own = AllocationModel(model.instance.with(items: commune.items.map { model.instance.items[$0] }), coupling: true, weights: weights)
        for (key, row) in own.families.coupling.entries {
            guard let p = couplingPosition[key] else { continue }
            own.problem.rows[row].bounds = rows[p].bounds.shifted(by: -used[p])
        }
        for (column, terms) in couplingTerms(own) {
            own.problem.columns[column].objective -= terms.reduce(0) { $0 + prices[$1.row] * $1.value }
        }
        let solution = try GLPK.solveMILP(own.problem, options: MILPOptions(timeLimit: max(.milliseconds(1), deadline - clock.now), presolve: true))
        guard solution.primalStatus == .feasiblePoint else { return nil }
        // Back to the columns of the commune's own model (no coupling), which is what proposals hold.
        let toOwn = FullColumns(own).map(commune.model)
        var values = [Double](repeating: 0, count: commune.model.problem.columns.count)
        for (column, target) in toOwn.enumerated() where target >= 0 { values[column] = solution.columnValues[target] }
        var carry: [Int: Double] = [:]
        for (e, column) in own.families.carry.out.entries { carry[e] = solution.columnValues[column] }
        return (values, carry)
    }

    /// The money columns of `part` with their coefficients in the whole model's coupling rows (by
    /// position in `model.families.coupling`).
    private func couplingTerms(_ part: AllocationModel) -> [Int: [(row: Int, value: Double)]] {
        var position: [Int: Int] = [:]
        for (key, row) in part.families.coupling.entries { position[row] = couplingPosition[key] }
        let pays = Set(part.families.payments.map(\.column))
        var terms: [Int: [(row: Int, value: Double)]] = [:]
        for entry in part.problem.entries where pays.contains(entry.column) {
            if let p = position[entry.row] { terms[entry.column, default: []].append((p, entry.value)) }
        }
        return terms
    }

    /// The master LP: a convex combination of each commune's proposals, and the carry-over.
    struct Master {
        /// The objective without the elastic money's penalty.
        let value: Double
        /// Weight of each proposal.
        let weights: [Double]
        let carry: [Double]
        /// Duals of the coupling rows (by position) and of each commune's convexity row.
        let duals: [Double]
        let convexity: [Double]
        /// Elastic money used: more than zero means the envelopes cannot carry the proposals.
        let extra: Double
    }

    private func solveMaster(_ proposals: [Proposal], rows: [Row], penalty: Double) throws -> Master {
        let (master, convexity, coupling, carry, extras) = masterProblem(proposals, rows: rows, penalty: penalty)
        let sign = model.problem.sense == .minimize ? 1.0 : -1.0
        let solution = try GLPK.solveLP(master, options: LPOptions(method: .primal))
        guard solution.termination == .optimal, let value = solution.objectiveValue, let duals = solution.rowDuals else {
            throw UnexpectedSolveOutcome(summary: "the decomposition's master LP ended \(solution.termination.label)")
        }
        let weights = Array(solution.columnValues[0..<proposals.count])
        var carried = [Double](repeating: 0, count: model.instance.envelopes.count)
        for (e, column) in carry { carried[e] = solution.columnValues[column] }
        let extra = extras.reduce(0.0) { $0 + solution.columnValues[$1] }
        return Master(
            value: value - sign * penalty * extra, weights: weights, carry: carried, duals: coupling.map { duals[$0] },
            convexity: convexity.map { duals[$0] }, extra: extra)
    }

    /// The master problem, with elastic money at `penalty` a million so that it always has a solution.
    private func masterProblem(_ proposals: [Proposal], rows: [Row], penalty: Double)
        -> (problem: LinearProblem, convexity: [Int], coupling: [Int], carry: [Int: Int], extras: [Int])
    {
        var master = LinearProblem(name: "master", objectiveName: "objective", sense: model.problem.sense)
        let convexity = communes.indices.map { master.addRow(Row(name: "convexity(\($0))", bounds: .fixed(1))) }
        let coupling = rows.map { master.addRow(Row(name: $0.name, bounds: $0.bounds)) }
        for (k, proposal) in proposals.enumerated() {
            let column = master.addColumn(Column(name: "proposal(\(k))", bounds: .between(0, 1), objective: proposal.value))
            master.entries.append(MatrixEntry(row: convexity[proposal.commune], column: column, value: 1))
            for (row, value) in proposal.activity.sorted(by: { $0.key < $1.key }) where value != 0 {
                master.entries.append(MatrixEntry(row: coupling[row], column: column, value: value))
            }
        }
        let position = Dictionary(uniqueKeysWithValues: model.families.coupling.positions.enumerated().map { ($1, $0) })
        var carry: [Int: Int] = [:]
        for (e, full) in model.families.carry.out.entries where couplingPosition[.envelope(e)] != nil {
            carry[e] = master.addColumn(Column(name: model.problem.columns[full].name, bounds: model.problem.columns[full].bounds))
        }
        let carriedBy = Dictionary(uniqueKeysWithValues: model.families.carry.out.entries.map { ($1, $0) })
        for entry in model.problem.entries {
            guard let row = position[entry.row], let e = carriedBy[entry.column] else { continue }
            master.entries.append(MatrixEntry(row: coupling[row], column: carry[e]!, value: entry.value))
        }
        let sign = model.problem.sense == .minimize ? 1.0 : -1.0
        var extras: [Int] = []
        for (position, row) in rows.enumerated() {
            let column = master.addColumn(Column(name: "extra(\(position))", objective: sign * penalty))
            master.entries.append(MatrixEntry(row: coupling[position], column: column, value: row.bounds.upper != nil ? -1 : 1))
            extras.append(column)
        }
        return (master, convexity, coupling, carry, extras)
    }

    /// More than any million of money can be worth to the objective: twice the most a commune's plan
    /// can earn, per million of the cheapest cost.
    private func bigPrice() -> Double {
        let most = communes.map { commune in commune.objective.reduce(0.0) { $0 + abs($1) } }.max() ?? 1
        let cheapest = model.instance.items.flatMap { $0.cost.values.map(AllocationModel.millions) }.filter { $0 > 0 }.min() ?? 1
        return 2 * max(1, most) / min(1, cheapest)
    }
}

/// Where the columns of a part of the instance (one commune's items) are in a model of more of it. Both
/// models share the instance's envelopes, years and communes; their items are matched by value.
struct FullColumns {
    /// A money column by what it pays, the same in both models.
    struct PaymentKey: Hashable {
        let item: AllocationInstance.Item
        let kind: MoneyKind
        let isUpkeep: Bool
        let envelope: Int
        let year: Int

        init(_ payment: Payment, in model: AllocationModel) {
            item = model.instance.items[payment.item]
            kind = payment.kind
            isUpkeep = payment.isUpkeep
            envelope = payment.envelope
            year = payment.year
        }
    }

    let done: [AllocationInstance.Item: [Int]]
    let pay: [PaymentKey: Int]
    let families: AllocationModel.Families

    init(_ model: AllocationModel) {
        var done: [AllocationInstance.Item: [Int]] = [:]
        for (i, item) in model.instance.items.enumerated() { done[item] = model.families.done[item: i] }
        self.done = done
        var pay: [PaymentKey: Int] = [:]
        for payment in model.families.payments { pay[PaymentKey(payment, in: model)] = payment.column }
        self.pay = pay
        families = model.families
    }

    /// Column of `part` → column of the whole model (−1 where the whole model has none).
    func map(_ part: AllocationModel) -> [Int] {
        var map = [Int](repeating: -1, count: part.problem.columns.count)
        for (i, item) in part.instance.items.enumerated() {
            for (t, column) in part.families.done[item: i].enumerated() { map[column] = done[item]?[t] ?? -1 }
        }
        for payment in part.families.payments { map[payment.column] = pay[PaymentKey(payment, in: part)] ?? -1 }
        for (e, column) in part.families.carry.out.entries { map[column] = families.carry[envelope: e] ?? -1 }
        for (key, column) in part.families.standard.entries { map[column] = families.standard[key] ?? -1 }
        for (key, column) in part.families.shortfall.entries { map[column] = families.shortfall[key] ?? -1 }
        for (key, column) in part.families.criterionMet.entries { map[column] = families.criterionMet[key] ?? -1 }
        return map
    }
}

extension Bounds {
    /// The same bounds moved by `amount`.
    func shifted(by amount: Double) -> Bounds {
        switch self {
        case .free: .free
        case .atLeast(let lower): .atLeast(lower + amount)
        case .atMost(let upper): .atMost(upper + amount)
        case .between(let lower, let upper): .between(lower + amount, upper + amount)
        case .fixed(let value): .fixed(value + amount)
        }
    }
}

/// A value shared between threads behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
