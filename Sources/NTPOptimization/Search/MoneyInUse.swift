import GLPKSwift

/// A whole plan of one commune: the values of its columns (the non-zero ones, by whole-model column),
/// its objective, and what it uses of each coupling row.
struct CommunePlan: Sendable, Hashable {
    let commune: Int
    let columns: [Int32]
    let values: [Double]
    /// Σ_j c_j x_j over its columns.
    let value: Double
    /// Its activity in each coupling row it touches, by coupling row, ascending.
    let use: [Use]

    struct Use: Sendable, Hashable {
        let row: Int32
        let amount: Double
    }

    /// The plan of commune `commune` with `values` on its columns (whole-model columns, any order):
    /// integer columns are made exactly integral, values within 10⁻⁹ of 0 dropped, and its objective and
    /// use summed in column order, so that the same plan always gives the same numbers.
    init(commune: Int, values: [(column: Int, value: Double)], split: CommuneSplit) {
        let problem = split.model.problem
        var kept: [(column: Int, value: Double)] = []
        for (column, value) in values.sorted(by: { $0.column < $1.column }) {
            let exact = problem.columns[column].kind == .continuous ? value : value.rounded()
            if abs(exact) > 1e-9 { kept.append((column, exact)) }
        }
        self.commune = commune
        columns = kept.map { Int32($0.column) }
        self.values = kept.map(\.value)
        value = kept.reduce(0.0) { $0 + problem.columns[$1.column].objective * $1.value }
        var use: [Int32: Double] = [:]
        for (column, value) in kept {
            for term in split.coupling(of: column) { use[term.row, default: 0] += term.value * value }
        }
        self.use = use.keys.sorted().map { Use(row: $0, amount: use[$0]!) }
    }

    /// Σ_k π_k · use_k: what the plan's money costs at `prices`.
    func cost(at prices: [Double]) -> Double { use.reduce(0.0) { $0 + prices[Int($1.row)] * $1.amount } }
}

/// The money the chosen plans use in each coupling row, and whether the carry-over can make it fit:
/// every coupling row within its bounds once each envelope passes on what the next ones need.
struct MoneyInUse: Sendable {
    let bounds: [Bounds]
    let chains: CarryChains
    /// Σ of the plans' activities in each coupling row (without the carry-over).
    private(set) var use: [Double]

    init(_ split: CommuneSplit) {
        bounds = split.couplingRows.map { split.model.problem.rows[$0].bounds }
        chains = split.chains
        use = [Double](repeating: 0, count: bounds.count)
    }

    mutating func add(_ plan: CommunePlan) { for term in plan.use { use[Int(term.row)] += term.amount } }
    mutating func remove(_ plan: CommunePlan) { for term in plan.use { use[Int(term.row)] -= term.amount } }

    /// Replaces `old` (nil: nothing) by `new` when the money then still fits; says whether it did.
    mutating func replace(_ old: CommunePlan?, by new: CommunePlan) -> Bool {
        replace(old.map { [$0] } ?? [], by: [new])
    }

    /// Replaces the plans `old` by `new` together when the money then still fits; says whether it did.
    mutating func replace(_ old: [CommunePlan], by new: [CommunePlan]) -> Bool {
        for plan in old { remove(plan) }
        for plan in new { add(plan) }
        let touched = Set(old.flatMap { $0.use.map(\.row) } + new.flatMap { $0.use.map(\.row) })
        if fits(rows: touched) { return true }
        for plan in new { remove(plan) }
        for plan in old { add(plan) }
        return false
    }

    /// Whether every coupling row fits.
    func fits() -> Bool { fits(rows: Set(bounds.indices.map { Int32($0) })) }

    /// Whether the coupling rows `rows`, and the chains they belong to, fit.
    private func fits(rows: Set<Int32>) -> Bool {
        var chainsToCheck = Set<Int>()
        for row in rows {
            if let place = chains.place[row] {
                chainsToCheck.insert(place.chain)
            } else if !Self.within(bounds[Int(row)], use[Int(row)]) {
                return false
            }
        }
        return chainsToCheck.allSatisfy { carry(of: chains.chains[$0]) != nil }
    }

    /// How far a row may pass its bound, in million VND: a hundredth of a đồng (the dust that
    /// `AllocationModel.dong` snaps away), plus the rounding of sums of that size. Money is exact in the
    /// plans, so a plan that passes an envelope by a đồng does not fit.
    static func tolerance(_ scale: Double) -> Double { 1e-8 + 1e-12 * abs(scale) }

    static func within(_ bounds: Bounds, _ value: Double) -> Bool {
        if let lower = bounds.lower, value < lower - tolerance(lower) { return false }
        if let upper = bounds.upper, value > upper + tolerance(upper) { return false }
        return true
    }

    /// The least carry-over that makes a chain fit, by link; nil when none does. Forward, the carry a
    /// link may receive is an interval (none at the start); backward, each link passes on the least it
    /// must.
    private func carry(of chain: [CarryChains.Link]) -> [Double]? {
        var incoming: [(low: Double, high: Double)] = [(0, 0)]
        for link in chain {
            let (low, high) = incoming.last!
            let row = bounds[link.row], used = use[link.row]
            // use + out − in ∈ [L, U]: out ∈ [L − use + in, U − use + in] for some in of the interval.
            var outLow = link.bounds.lower ?? -.infinity, outHigh = link.bounds.upper ?? .infinity
            if let lower = row.lower { outLow = max(outLow, lower - used + low) }
            if let upper = row.upper { outHigh = min(outHigh, upper - used + high) }
            if outLow > outHigh {
                guard outLow - outHigh <= Self.tolerance(max(abs(row.upper ?? row.lower ?? 0), abs(used))) else { return nil }
                outLow = outHigh
            }
            incoming.append((outLow, outHigh))
        }
        var out = [Double](repeating: 0, count: chain.count)
        var passed = incoming[chain.count].low
        for l in chain.indices.reversed() {
            out[l] = passed
            // in ∈ [use + out − U, use + out − L] ∩ the interval it may receive: the least of it.
            var need = incoming[l].low
            if let upper = bounds[chain[l].row].upper { need = max(need, use[chain[l].row] + out[l] - upper) }
            passed = min(need, incoming[l].high)
        }
        return out
    }

    /// The least carry-over that makes every chain fit, by carry column; nil when the money does not fit.
    func carryOver() -> [(column: Int, value: Double)]? {
        guard fits() else { return nil }
        var result: [(column: Int, value: Double)] = []
        for chain in chains.chains {
            guard let out = carry(of: chain) else { return nil }
            for (link, value) in zip(chain, out) { if let column = link.carry { result.append((column, value)) } }
        }
        return result
    }
}
