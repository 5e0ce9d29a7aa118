import Foundation
import GLPKSwift

/// The decomposition's master LP, kept loaded in GLPK between rounds (`LiveProblem`): a convex
/// combination λ of each commune's proposals, and the carry-over, within the coupling rows. It holds
/// every commune, or a neighbourhood of communes in the money the others leave (the coupling rows'
/// bounds moved by what the others use).
///
///     opt   Σ_{c,k} v_k λ_k − P·Σ_r extra_r
///     s.t.  Σ_k λ_k = 1                                           for every commune c (convexity)
///           Σ_{c,k} a_{r,k} λ_k + carry terms ± extra_r  within the bounds of coupling row r
///           λ ≥ 0, carry within its bounds, extra ≥ 0
///
/// Elastic money `extra` at a prohibitive price P keeps it solvable while the first proposals are found.
/// New proposals are added as columns and the LP re-solved from its last basis by the primal simplex;
/// proposals that stay out of the basis for `retirement` rounds are deleted (never a commune's first
/// two, so every commune keeps a proposal). The columns' order is the master's own: carry, extra, then
/// the proposals in the order they came, less those deleted.
final class Master {
    let live: LiveProblem
    /// Its communes, and the position of each commune (by index in the split) among them.
    let communes: [Int]
    private let position: [Int: Int]
    /// The coupling rows' bounds in this master (moved by the others' use in a neighbourhood, or to the
    /// next point of a sweep by `move`).
    private(set) var couplingBounds: [Bounds]
    private let convexityRows: [RowHandle]
    private let couplingRows: [RowHandle]
    private let carryColumns: [ColumnHandle]
    private let extraColumns: [ColumnHandle]
    /// Whole-model carry column of each carry column of the master.
    let carryTargets: [Int]
    private let sign: Double
    let penalty: Double
    /// The proposals in the master, in column order, and a number for each that stays its own.
    private(set) var proposals: [CommunePlan] = []
    private(set) var ids: [Int] = []
    private var handles: [ColumnHandle] = []
    /// Rounds each proposal has spent at zero; nil for those kept for good.
    private var idle: [Int?] = []
    private var named = 0
    /// Rounds at zero after which a proposal is deleted, when the master holds more than `crowd`
    /// proposals per commune: a small master keeps them all (the dive chooses among them), a large
    /// one's simplex iterations slow with every column.
    let retirement: Int
    let crowd = 4

    struct Solution {
        /// The objective without the elastic money.
        let value: Double
        /// Weight of each proposal, in the order of `proposals` after the solve (retired ones gone).
        let weights: [Double]
        /// Duals of the coupling rows, and of each commune's convexity row by index in the split (0 for
        /// the communes not in the master).
        let prices: [Double]
        let convexity: [Double]
        /// Elastic money used: more than zero means the proposals cannot fit the money yet.
        let extra: Double
        let iterations: Int
    }

    /// The master of `communes` (all when nil), with the coupling rows' bounds moved by `shifts`.
    init(_ split: CommuneSplit, communes: [Int]? = nil, shifts: [Double]? = nil, penalty: Double, retirement: Int = 4) throws {
        let whole = split.model.problem
        let communes = communes ?? Array(split.communes.indices)
        self.communes = communes
        position = Dictionary(uniqueKeysWithValues: communes.enumerated().map { ($1, $0) })
        couplingBounds = split.couplingRows.enumerated().map { k, row in whole.rows[row].bounds.shifted(by: -(shifts?[k] ?? 0)) }
        self.penalty = penalty
        self.retirement = retirement
        convexityCount = split.communes.count
        sign = whole.sense == .minimize ? 1 : -1
        var problem = LinearProblem(name: "master", objectiveName: "objective", sense: whole.sense)
        for c in communes { problem.addRow(Row(name: "convexity(\(c))", bounds: .fixed(1))) }
        for (k, row) in split.couplingRows.enumerated() { problem.addRow(Row(name: whole.rows[row].name, bounds: couplingBounds[k])) }
        let coupling = communes.count
        var carryTargets: [Int] = []
        for chain in split.chains.chains {
            for (l, link) in chain.enumerated() {
                guard let column = link.carry else { continue }
                let added = problem.addColumn(Column(name: whole.columns[column].name, bounds: whole.columns[column].bounds))
                problem.entries.append(MatrixEntry(row: coupling + link.row, column: added, value: 1))
                if l + 1 < chain.count { problem.entries.append(MatrixEntry(row: coupling + chain[l + 1].row, column: added, value: -1)) }
                carryTargets.append(column)
            }
        }
        self.carryTargets = carryTargets
        for (k, bounds) in couplingBounds.enumerated() {
            let column = problem.addColumn(Column(name: "extra(\(k))", objective: sign * penalty))
            problem.entries.append(MatrixEntry(row: coupling + k, column: column, value: bounds.upper != nil ? -1 : 1))
        }
        live = try LiveProblem(problem)
        let rows = try live.rows()
        convexityRows = Array(rows[..<coupling])
        couplingRows = Array(rows[coupling...])
        let columns = try live.columns()
        carryColumns = Array(columns[..<carryTargets.count])
        extraColumns = Array(columns[carryTargets.count...])
    }

    private let convexityCount: Int

    deinit { live.close() }

    /// The whole master of `from` made the whole master of `to`, a model that differs from it only in
    /// bounds (a budget sweep's next point, `BudgetSweep`): the coupling rows' bounds and the carry-over's
    /// bounds set to `to`'s; every proposal free again (a dive fixed some); and the proposals of each
    /// commune whose own rows or columns changed deleted, since they may break them now. Every other
    /// proposal stays valid: a commune's plan satisfies its own rows, which have not changed, and what it
    /// uses of the coupling rows is its columns times the coefficients, which have not changed either.
    /// The next solve re-solves from the last basis. Returns the communes whose proposals were deleted.
    func move(from: CommuneSplit, to: CommuneSplit) throws -> Set<Int> {
        let old = from.model.problem, new = to.model.problem
        precondition(
            communes.count == to.communes.count && old.rows.count == new.rows.count && old.columns.count == new.columns.count
                && zip(from.couplingRows, to.couplingRows).allSatisfy { $0 == $1 },
            "a master moves only to a model of the same shape")
        couplingBounds = to.couplingRows.map { new.rows[$0].bounds }
        var touched = Set<Int>()
        for c in to.communes.indices {
            let rowsChanged = to.rows[c].contains { old.rows[Int($0)].bounds != new.rows[Int($0)].bounds }
            let columnsChanged = to.columns[c].contains { j in
                old.columns[Int(j)].bounds != new.columns[Int(j)].bounds || old.columns[Int(j)].objective != new.columns[Int(j)].objective
            }
            if rowsChanged || columnsChanged { touched.insert(c) }
        }
        let gone = proposals.indices.filter { touched.contains(proposals[$0].commune) }
        try live.perform { access in
            try access.setRowBounds(Dictionary(uniqueKeysWithValues: zip(couplingRows, couplingBounds).map { ($0, $1) }))
            try access.setColumnBounds(Dictionary(uniqueKeysWithValues: zip(carryColumns, carryTargets).map { ($0, new.columns[$1].bounds) }))
            try access.setColumnBounds(Dictionary(uniqueKeysWithValues: handles.map { ($0, Bounds.atLeast(0)) }))
            if !gone.isEmpty { try access.deleteColumns(Set(gone.map { handles[$0] })) }
        }
        let kept = proposals.indices.filter { !touched.contains(proposals[$0].commune) }
        proposals = kept.map { proposals[$0] }
        ids = kept.map { ids[$0] }
        handles = kept.map { handles[$0] }
        idle = kept.map { idle[$0] }
        return touched
    }

    /// Deletes the proposals this point's basis does not use, after a sweep's `move` and the first solve
    /// there (`solution`): the non-basic ones (at zero), except each commune's `spare` best by reduced
    /// value at the solution's prices, the likeliest to enter again. Without it every earlier point's
    /// proposals stay, and every simplex iteration and the dive work on them. Only non-basic columns go,
    /// so the basis stays valid and every commune keeps the proposals its weight is on.
    func retireUnused(after solution: Solution, spare: Int) throws {
        let basic = try live.basis().columns
        var idleByCommune: [Int: [(k: Int, worth: Double)]] = [:]
        for (k, plan) in proposals.enumerated() where basic[handles[k]] != .basic {
            // The reduced value, made larger-is-better whatever the sense.
            let worth = -sign * (plan.value - plan.cost(at: solution.prices) - solution.convexity[plan.commune])
            idleByCommune[plan.commune, default: []].append((k, worth))
        }
        var gone = Set<Int>()
        for idle in idleByCommune.values {
            gone.formUnion(idle.sorted { $0.worth > $1.worth || ($0.worth == $1.worth && $0.k < $1.k) }.dropFirst(spare).map(\.k))
        }
        guard !gone.isEmpty else { return }
        try live.deleteColumns(Set(gone.map { handles[$0] }))
        let kept = proposals.indices.filter { !gone.contains($0) }
        proposals = kept.map { proposals[$0] }
        ids = kept.map { ids[$0] }
        handles = kept.map { handles[$0] }
        idle = kept.map { idle[$0] }
    }

    /// Whether every commune holds a proposal, so that the master can be solved without new ones.
    var holdsEveryCommune: Bool { Set(proposals.map(\.commune)).count == communes.count }

    /// Sets the weight of the proposals `ids` (as in `ids`): fixed at 1 (its commune's other proposals
    /// then go to 0 through the convexity row), fixed at 0, or free again. A fixed proposal stays for
    /// good. The next solve re-solves by the dual simplex.
    func setWeights(_ chosen: [Int], _ weight: Weight) throws {
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let positions = chosen.compactMap { index[$0] }
        let bounds: Bounds = switch weight {
        case .one: .fixed(1)
        case .zero: .fixed(0)
        case .free: .atLeast(0)
        }
        try live.setColumnBounds(Dictionary(uniqueKeysWithValues: positions.map { (handles[$0], bounds) }))
        for k in positions { idle[k] = weight == .free ? 0 : nil }
    }

    /// The convexity duals by index in the split.
    private func convexity(_ duals: [Double]) -> [Double] {
        var byCommune = [Double](repeating: 0, count: convexityCount)
        for (index, c) in communes.enumerated() { byCommune[c] = duals[index] }
        return byCommune
    }

    enum Weight {
        case one, zero, free
    }

    /// Adds `fresh` proposals (`keep`: for good) and re-solves from the last basis; then deletes the
    /// proposals at zero for `retirement` rounds.
    func solve(adding fresh: [CommunePlan], keep: Bool = false, deadline: ContinuousClock.Instant) throws -> Solution? {
        let columns = fresh.map { plan in
            named += 1
            var coefficients: [RowHandle: Double] = [convexityRows[position[plan.commune]!]: 1]
            for use in plan.use where use.amount != 0 { coefficients[couplingRows[Int(use.row)]] = use.amount }
            return LiveProblem.NewColumn(Column(name: "proposal(\(named))", objective: plan.value), coefficients: coefficients)
        }
        let limit = deadline - .now
        guard limit > .zero else { return nil }
        let solution = try live.perform { access in
            handles += try access.addColumns(columns)
            return try access.solveLP(options: LiveLPOptions(timeLimit: limit))
        }
        proposals += fresh
        ids += (0..<fresh.count).map { named - fresh.count + 1 + $0 }
        idle += fresh.map { _ in keep ? nil : 0 }
        guard solution.termination == .optimal, let objective = solution.objectiveValue, let duals = solution.solution.rowDuals else {
            if solution.termination == .timeLimit { return nil }
            throw UnexpectedSolveOutcome(summary: "the decomposition's master LP ended \(solution.termination.label)")
        }
        let values = solution.solution.columnValues
        let fixed = carryColumns.count + extraColumns.count
        precondition(values.count == fixed + proposals.count, "the master's columns are out of step with its proposals")
        let extra = values[carryColumns.count..<fixed].reduce(0, +)
        var weights = Array(values[fixed...])
        // Retire proposals that stayed at zero, while the master holds more than `crowd` per commune.
        var retired: [Int] = []
        let crowded = proposals.count > crowd * communes.count
        for k in proposals.indices {
            guard let rounds = idle[k] else { continue }
            idle[k] = weights[k] > 1e-9 ? 0 : rounds + 1
            if crowded && idle[k]! >= retirement { retired.append(k) }
        }
        if !retired.isEmpty {
            try live.deleteColumns(Set(retired.map { handles[$0] }))
            let gone = Set(retired)
            let kept = proposals.indices.filter { !gone.contains($0) }
            proposals = kept.map { proposals[$0] }
            ids = kept.map { ids[$0] }
            handles = kept.map { handles[$0] }
            idle = kept.map { idle[$0] }
            weights = kept.map { weights[$0] }
        }
        let result = Solution(
            value: objective - sign * penalty * extra, weights: weights,
            prices: Array(duals[convexityRows.count...]), convexity: convexity(duals), extra: extra,
            iterations: solution.iterations)
        return result
    }
}
