import Foundation
import GLPKSwift
import NTPDomain

/// The allocation MILP of docs/model.md, built term by term through the solver module's bulk API.
///
/// Money is in million VND inside the model, converted from exact đồng at this boundary and rounded
/// back to whole đồng by `AllocationResult` without overspending any envelope.
public struct AllocationModel: Sendable {
    public internal(set) var instance: AllocationInstance
    public internal(set) var problem: LinearProblem
    /// done[i][t]: column of "item i is met by the end of year t".
    let done: [[Int]]
    /// Payment columns: (item, kind, envelope, year index) → column. Upkeep payments (recurrent money
    /// for a criterion met in an earlier year) have `upkeep` set.
    let payments: [Payment]

    struct Payment {
        let item: Int
        let kind: MoneyKind
        let envelope: Int
        let year: Int
        let column: Int
        var upkeep = false
    }
    /// carry[e]: column of the money envelope e passes to the next envelope of its chain.
    let carried: [Int: Int]
    /// The envelope before e in its chain.
    let previous: [Int: Int]
    /// envelope(e): row of envelope e.
    let envelopeRows: [Int: Int]
    /// The rows that tie communes together: envelopes and counterparts (none in a commune's own model).
    let couplingRows: [Int]
    /// funded[i,m,·] rows by "i|kind", and maintained[i,t] rows by "i|t" (year index): where the
    /// financing of a fixed schedule adds its unfunded money.
    let fundedRows: [String: [Int]]
    let maintainedRows: [String: Int]

    /// standard[c][t]: column of "commune c is at full standard by the end of year t" (only with a
    /// standard bonus, or the last year only for max-standard).
    let standard: [String: [Int: Int]]
    /// short[c][t]: column of the criteria commune c falls short of minimum progress by year t.
    let shortfall: [String: [Int: Int]]

    public init(_ instance: AllocationInstance) {
        self.init(instance, coupling: true, weights: Self.objectiveWeights(instance))
    }

    /// With `coupling` false, the model of one commune's own rows: no envelope or counterpart rows and
    /// no carry-over (the decomposition prices them). `weights` are the whole instance's.
    init(_ instance: AllocationInstance, coupling: Bool, weights: ObjectiveWeights) {
        self.instance = instance
        let years = instance.years
        let items = instance.items
        let policy = instance.policy
        let communes = Dictionary(grouping: items.indices) { items[$0].commune }
        let communeOrder = instance.communes
        var problem = LinearProblem(
            name: "allocation", objectiveName: weights.name, sense: weights.minimize ? .minimize : .maximize)

        // Variables: done[i,t] (binary), weighted by the objective.
        var done: [[Int]] = []
        for (i, item) in items.enumerated() {
            let lock = instance.locked[item]
            done.append(years.indices.map { t in
                var column = Column.binary("done(\(i),\(years[t]))", objective: weights.done(item))
                if let lock {
                    let met = lock.map { years[t] >= $0 } ?? false
                    column.bounds = .fixed(met ? 1 : 0)
                } else if let frozen = instance.frozenThrough, years[t] <= frozen {
                    column.bounds = .fixed(0)
                }
                return problem.addColumn(column)
            })
        }

        // target[i,T]: done[i,t] = 1 from the target year on (no year: the last; a year before the
        // horizon binds from its first year; one after it does not bind).
        for target in instance.targets {
            guard let first = target.firstBindingYear(in: years) else { continue }
            for (i, item) in items.enumerated() where target.covers(item) {
                for t in first..<years.count { problem.columns[done[i][t]].bounds = .fixed(1) }
            }
        }

        // Variables: pay[i,m,e,t] ≥ 0 where envelope e may pay kind m of item i in year t.
        var payments: [Payment] = []
        for (i, item) in items.enumerated() {
            for kind in MoneyKind.allCases where (item.cost[kind]?.dong ?? 0) > 0 {
                for (e, envelope) in instance.envelopes.enumerated()
                where instance.eligibility.canPay(kind, criterion: item.criterion, from: envelope.source)
                    && instance.eligibility.programMayPay(envelope.program, from: envelope.source, in: item.commune, localities: instance.localities)
                {
                    for t in years.indices where envelope.years.contains(years[t]) {
                        let column = problem.addColumn(
                            Column(name: "pay(\(i),\(kind.rawValue),\(e),\(years[t]))", objective: weights.pay(envelope.source)))
                        payments.append(Payment(item: i, kind: kind, envelope: e, year: t, column: column))
                    }
                }
            }
        }

        // stays_done[i,t]: done[i,t−1] − done[i,t] ≤ 0 (a criterion once met stays met).
        for i in items.indices {
            for t in years.indices.dropFirst() {
                problem.addRow(Row(name: "stays_done(\(i),\(years[t]))", bounds: .atMost(0)), coefficients: [(done[i][t - 1], 1), (done[i][t], -1)])
            }
        }

        let byItemKind = Dictionary(grouping: payments) { "\($0.item)|\($0.kind.rawValue)" }
        var fundedRows: [String: [Int]] = [:]
        var maintainedRows: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            for kind in MoneyKind.allCases {
                guard let cost = item.cost[kind], cost.dong > 0 else { continue }
                let c = Self.millions(cost)
                let own = byItemKind["\(i)|\(kind.rawValue)"] ?? []
                // funded[i,m,t]: Σ_{e, τ≤t} pay[i,m,e,τ] − c[i,m]·done[i,t] ≥ 0.
                for t in years.indices {
                    fundedRows["\(i)|\(kind.rawValue)", default: []].append(problem.addRow(
                        Row(name: "funded(\(i),\(kind.rawValue),\(years[t]))", bounds: .atLeast(0)),
                        coefficients: own.filter { $0.year <= t }.map { ($0.column, 1) } + [(done[i][t], -c)]))
                }
                // no_overpay[i,m]: Σ pay[i,m,·,·] ≤ c[i,m].
                problem.addRow(Row(name: "no_overpay(\(i),\(kind.rawValue))", bounds: .atMost(c)), coefficients: own.map { ($0.column, 1) })
                // spend_window[i,m,τ]: Σ_e pay[i,m,e,τ] − c[i,m]·done[i, min(τ+b−1, last)] ≤ 0.
                for t in years.indices {
                    let inYear = own.filter { $0.year == t }
                    guard !inYear.isEmpty else { continue }
                    let completion = min(t + item.buildYears - 1, years.count - 1)
                    problem.addRow(
                        Row(name: "spend_window(\(i),\(kind.rawValue),\(years[t]))", bounds: .atMost(0)),
                        coefficients: inYear.map { ($0.column, 1) } + [(done[i][completion], -c)])
                }
            }
        }

        // maintained[i,t]: Σ_e upkeep[i,e,t] − M_i·done[i,t−1] = 0: a criterion met by the end of the year
        // before is kept up with recurrent money this year, and no upkeep is paid for one not yet met.
        for (i, item) in items.enumerated() where item.maintenancePerYear.dong > 0 {
            let upkeep = Self.millions(item.maintenancePerYear)
            for t in years.indices.dropFirst() {
                var terms: [(column: Int, value: Double)] = [(done[i][t - 1], -upkeep)]
                for (e, envelope) in instance.envelopes.enumerated()
                where envelope.years.contains(years[t]) && instance.eligibility.canPay(.recurrent, criterion: item.criterion, from: envelope.source)
                    && instance.eligibility.programMayPay(envelope.program, from: envelope.source, in: item.commune, localities: instance.localities)
                {
                    let column = problem.addColumn(
                        Column(name: "upkeep(\(i),\(e),\(years[t]))", objective: weights.pay(envelope.source)))
                    payments.append(Payment(item: i, kind: .recurrent, envelope: e, year: t, column: column, upkeep: true))
                    terms.append((column, 1))
                }
                maintainedRows["\(i)|\(t)"] = problem.addRow(Row(name: "maintained(\(i),\(years[t]))", bounds: .fixed(0)), coefficients: terms)
            }
        }

        // envelope[e]: Σ pay[·,·,e,·] + carried_out[e] − carried_in[e] ≤ A_e − margin.
        let byEnvelope = Dictionary(grouping: payments, by: \.envelope)
        var carriedOut: [Int: Int] = [:]
        var couplingRows: [Int] = []
        for chain in coupling ? Self.carryChains(instance) : [] {
            for (position, e) in chain.dropLast().enumerated() {
                let envelope = instance.envelopes[e]
                let rule = instance.rules.carryOver.first { $0.source == envelope.source } ?? instance.rules.carryOver.first { $0.source == "*" }
                guard let rule, rule.allowed else { continue }
                let cap = rule.capPercent.map { Self.millions(Money.share(envelope.amount, percent: $0)) }
                carriedOut[e] = problem.addColumn(Column(name: "carry(\(e),\(position))", bounds: cap.map { .between(0, $0) } ?? .atLeast(0)))
            }
        }
        var envelopeRows: [Int: Int] = [:]
        var previous: [Int: Int] = [:]
        for chain in Self.carryChains(instance) { for (a, b) in zip(chain, chain.dropFirst()) { previous[b] = a } }
        for (e, envelope) in instance.envelopes.enumerated() where coupling {
            var terms: [(column: Int, value: Double)] = (byEnvelope[e] ?? []).map { ($0.column, 1) }
            if let out = carriedOut[e] { terms.append((out, 1)) }
            if let from = previous[e], let carried = carriedOut[from] { terms.append((carried, -1)) }
            guard !terms.isEmpty else { continue }
            envelopeRows[e] = problem.addRow(Row(name: "envelope(\(e))", bounds: .atMost(Self.millions(envelope.amount))), coefficients: terms)
            couplingRows.append(envelopeRows[e]!)
        }

        // share_cap[i,r]: Σ pay[i,·,e,·] from the rule's source − cap_r · Σ pay[i,·,·,·] ≤ 0.
        let lineage = { (e: Int) in instance.eligibility.lineage(of: instance.envelopes[e].source) }
        let byItem = Dictionary(grouping: payments, by: \.item)
        for (r, rule) in instance.rules.sourceEligibility.enumerated() {
            guard let cap = rule.shareCapPercent else { continue }
            let share = NSDecimalNumber(decimal: cap / 100).doubleValue
            for i in items.indices {
                let own = byItem[i] ?? []
                guard own.contains(where: { lineage($0.envelope).contains(rule.source) }) else { continue }
                let terms = own.map { ($0.column, (lineage($0.envelope).contains(rule.source) ? 1 : 0) - share) }
                problem.addRow(Row(name: "share_cap(\(i),\(r))", bounds: .atMost(0)), coefficients: terms)
            }
        }

        // counterpart[p,t]: Σ local pay − r_p · Σ central pay ≥ 0, per program and year.
        for rule in coupling ? instance.rules.counterparts : [] {
            let ratio = NSDecimalNumber(decimal: rule.ratio).doubleValue
            for t in years.indices {
                let terms: [(column: Int, value: Double)] = payments.compactMap { payment in
                    let envelope = instance.envelopes[payment.envelope]
                    guard envelope.program == rule.program, payment.year == t else { return nil }
                    switch instance.eligibility.origin(of: envelope.source) {
                    case .localBudget?: return (payment.column, 1)
                    case .centralBudget?: return (payment.column, -ratio)
                    default: return nil
                    }
                }
                guard !terms.isEmpty else { continue }
                couplingRows.append(problem.addRow(Row(name: "counterpart(\(rule.program),\(years[t]))", bounds: .atLeast(0)), coefficients: terms))
            }
        }

        // capacity[c,t]: Σ_{i of c} (done[i,t] − done[i,t−1]) ≤ K.
        if let limit = policy.capacityPerCommuneYear {
            for commune in communeOrder {
                for t in years.indices {
                    let terms = communes[commune]!.flatMap { i in [(done[i][t], 1.0)] + (t > 0 ? [(done[i][t - 1], -1.0)] : []) }
                    problem.addRow(Row(name: "capacity(\(Self.ascii(commune)),\(years[t]))", bounds: .atMost(Double(limit))), coefficients: terms)
                }
            }
        }

        // standard[c,t] ≤ done[i,t] for every item i of c: the commune is at standard only when all are met.
        var standard: [String: [Int: Int]] = [:]
        for commune in communeOrder {
            for t in weights.standardYears {
                let column = problem.addColumn(
                    Column(name: "standard(\(Self.ascii(commune)),\(years[t]))", bounds: .between(0, 1), objective: weights.standard(commune, t)))
                standard[commune, default: [:]][t] = column
                for i in communes[commune]! {
                    problem.addRow(
                        Row(name: "at_standard(\(Self.ascii(commune)),\(years[t]),\(i))", bounds: .atMost(0)), coefficients: [(column, 1), (done[i][t], -1)])
                }
            }
        }

        // min_progress[c,t]: Σ_{i of c} done[i,t] + short[c,t] ≥ min(n_c, k·(t+1)), short ≥ 0 penalised
        // above everything else the objective counts (lexicographic: fall short only where nothing else can be done).
        var shortfall: [String: [Int: Int]] = [:]
        if let k = policy.minimumProgress {
            for commune in communeOrder {
                let members = communes[commune]!
                for t in years.indices {
                    let required = min(members.count, k * (t + 1))
                    let short = problem.addColumn(
                        Column(name: "short(\(Self.ascii(commune)),\(years[t]))", bounds: .between(0, Double(required)), objective: weights.shortfall))
                    shortfall[commune, default: [:]][t] = short
                    problem.addRow(
                        Row(name: "min_progress(\(Self.ascii(commune)),\(years[t]))", bounds: .atLeast(Double(required))),
                        coefficients: members.map { (done[$0][t], 1.0) } + [(short, 1)])
                }
            }
        }

        self.problem = problem
        self.done = done
        self.payments = payments
        self.carried = carriedOut
        self.previous = previous
        self.envelopeRows = envelopeRows
        self.couplingRows = couplingRows
        self.fundedRows = fundedRows
        self.maintainedRows = maintainedRows
        self.standard = standard
        self.shortfall = shortfall
    }

    /// Envelopes of one program and source that follow each other year after year, in order.
    static func carryChains(_ instance: AllocationInstance) -> [[Int]] {
        let groups = Dictionary(grouping: instance.envelopes.indices) { "\(instance.envelopes[$0].program)|\(instance.envelopes[$0].source)" }
        var chains: [[Int]] = []
        for indices in groups.values {
            let sorted = indices.sorted { instance.envelopes[$0].years.lowerBound < instance.envelopes[$1].years.lowerBound }
            var chain: [Int] = []
            for e in sorted {
                if let last = chain.last, instance.envelopes[last].years.upperBound + 1 != instance.envelopes[e].years.lowerBound {
                    chains.append(chain)
                    chain = []
                }
                chain.append(e)
            }
            if !chain.isEmpty { chains.append(chain) }
        }
        return chains.sorted { $0[0] < $1[0] }
    }

    static func millions(_ money: Money) -> Double { Double(money.dong) / 1_000_000 }

    /// A locality id as a solver name (ids are ASCII slugs; '/' is not allowed in CPLEX LP names).
    static func ascii(_ id: String) -> String { id.replacingOccurrences(of: "/", with: ".") }
}
