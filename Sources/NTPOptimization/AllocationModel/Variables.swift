import GLPKSwift
import NTPDomain

// The variables of docs/model.md, "Variables", and the bounds that locks and targets put on them.

extension ModelBuilder {
    /// done[i,t] ∈ {0, 1}: item i is met by the end of year t; objective coefficient `weights.done(i)`
    /// (0 for an indicator: its criterion's met column carries the criterion's weight).
    ///
    /// A locked item is fixed: 1 from its year on, 0 before (0 throughout for "not in the horizon").
    /// With `frozenThrough` Y, every other item is 0 in the years up to Y.
    mutating func addDoneColumns() -> DoneColumns {
        DoneColumns(columns: instance.items.enumerated().map { i, item in
            let lock = instance.locked[item]
            return years.indices.map { t in
                var column = Column.binary(names.name(.done(ItemYear(item: i, year: t))), objective: weights.done(item))
                if let lock {
                    let met = lock.map { years[t] >= $0 } ?? false
                    column.bounds = .fixed(met ? 1 : 0)
                } else if let frozen = instance.frozenThrough, years[t] <= frozen {
                    column.bounds = .fixed(0)
                }
                return problem.addColumn(column)
            }
        })
    }

    /// target[i,T]: done[i,t] = 1 from the target year on, for every item the target covers (no year:
    /// the last; a year before the horizon binds from its first year; one after it does not bind).
    mutating func fixTargets(_ done: DoneColumns) {
        for target in instance.targets {
            guard let first = target.firstBindingYear(in: years) else { continue }
            for (i, item) in instance.items.enumerated() where target.covers(item) {
                for t in first..<years.count { problem.columns[done[item: i, year: t]].bounds = .fixed(1) }
            }
        }
    }

    /// pay[i,m,e,t] ≥ 0: money of envelope e paid in year t for kind m of item i, for every kind the
    /// item costs, e ∈ P(i,m) and t ∈ Y_e; objective coefficient `weights.pay(source of e)`.
    mutating func addPayColumns() -> PayColumns {
        var payments: [Payment] = []
        for (i, item) in instance.items.enumerated() {
            for kind in MoneyKind.allCases where (item.cost[kind]?.dong ?? 0) > 0 {
                for (e, envelope) in instance.envelopes.enumerated() where mayPay(kind, of: item, from: envelope) {
                    for t in years.indices where envelope.years.contains(years[t]) {
                        let column = problem.addColumn(
                            Column(name: names.name(.pay(item: i, kind: kind, envelope: e, year: t)), objective: weights.pay(envelope.source)))
                        payments.append(Payment(item: i, kind: kind, envelope: e, year: t, column: column, isUpkeep: false))
                    }
                }
            }
        }
        return PayColumns(payments)
    }

    /// upkeep[i,e,t] ≥ 0: recurrent money of envelope e paid in year t (after the first) to keep item i
    /// up, for every item with upkeep M_i > 0 and every e that may pay recurrent money for it in t;
    /// objective coefficient `weights.pay(source of e)`.
    mutating func addUpkeepColumns() -> UpkeepColumns {
        var payments: [Payment] = []
        for (i, item) in instance.items.enumerated() where item.maintenancePerYear.dong > 0 {
            for t in years.indices.dropFirst() {
                for (e, envelope) in instance.envelopes.enumerated()
                where envelope.years.contains(years[t]) && mayPay(.recurrent, of: item, from: envelope) {
                    let column = problem.addColumn(Column(name: names.name(.upkeep(item: i, envelope: e, year: t)), objective: weights.pay(envelope.source)))
                    payments.append(Payment(item: i, kind: .recurrent, envelope: e, year: t, column: column, isUpkeep: true))
                }
            }
        }
        return UpkeepColumns(payments)
    }

    /// carry[e] ∈ [0, κ_e]: money of envelope e passed to the next envelope of its chain, for every
    /// envelope but the last of a chain whose source's carry-over rule allows it; κ_e = cap_percent × A_e
    /// when the rule caps it. With `onlyCommunes`, the chains of envelopes limited to a commune alone.
    mutating func addCarryColumns(onlyCommunes: Bool = false) -> CarryColumns {
        var out = Family<Int>()
        var predecessor: [Int: Int] = [:]
        for chain in Self.carryChains(instance) where !onlyCommunes || communeEnvelopes.contains(chain[0]) {
            for (a, b) in zip(chain, chain.dropFirst()) { predecessor[b] = a }
            for e in chain.dropLast() {
                let envelope = instance.envelopes[e]
                guard let rule = AllocationModel.carryOverRule(instance, source: envelope.source), rule.allowed else { continue }
                let cap = rule.capPercent.map { AllocationModel.millions(Money.share(envelope.amount, percent: $0)) }
                out.add(e, at: problem.addColumn(Column(name: names.name(.carry(envelope: e)), bounds: cap.map { .between(0, $0) } ?? .atLeast(0))))
            }
        }
        return CarryColumns(out: out, predecessor: predecessor)
    }

    /// standard[c,t] ∈ [0, 1]: commune c at full standard by the end of year t, for the years the
    /// objective values it in (`weights.standardYears`: every year with a standard bonus, the last for
    /// max-standard, none otherwise); objective coefficient `weights.standard(c, t)`.
    mutating func addStandardColumns() -> StandardColumns {
        var standard = StandardColumns()
        for commune in instance.communes {
            for t in weights.standardYears {
                let key = CommuneYear(commune: commune, year: t)
                standard.add(key, at: problem.addColumn(Column(name: names.name(.standard(key)), bounds: .between(0, 1), objective: weights.standard(commune, t))))
            }
        }
        return standard
    }

    /// short[c,t] ∈ [0, min(n_c, k·(t+1))]: the criteria commune c falls short of minimum progress by the
    /// end of year t, with minimum progress k; objective coefficient `weights.shortfall` (a penalty).
    mutating func addShortfallColumns() -> ShortfallColumns {
        var shortfall = ShortfallColumns()
        for commune in instance.communes {
            for t in years.indices {
                guard let required = requiredProgress(commune, by: t) else { continue }
                let key = CommuneYear(commune: commune, year: t)
                shortfall.add(key, at: problem.addColumn(
                    Column(name: names.name(.shortfall(key)), bounds: .between(0, Double(required)), objective: weights.shortfall)))
            }
        }
        return shortfall
    }

    /// min(n_c, k·(t+1)): the criteria commune c must have met by the end of year t under minimum
    /// progress k (n_c counts criteria, a criterion planned by indicator once); nil without minimum progress.
    func requiredProgress(_ commune: String, by t: Int) -> Int? {
        instance.policy.minimumProgress.map { k in min(unitsOfCommune[commune]?.count ?? 0, k * (t + 1)) }
    }
}
