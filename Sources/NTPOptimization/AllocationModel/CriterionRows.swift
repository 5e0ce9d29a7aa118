import GLPKSwift
import NTPDomain

// The criteria planned by indicator (docs/model.md, "Indicators"): where the criteria set states what
// each indicator of a criterion requires of a commune's group, the items are the indicators the commune
// misses, and the criterion is met in the year the last of them is. The objective and the policy count
// criteria, through the met columns.

extension ModelBuilder {
    /// met[c,k,t] ∈ [0, 1]: criterion k of commune c is met by the end of year t, for every criterion
    /// whose items are indicators; objective coefficient `weights.criterionMet(c)`. Continuous: the
    /// criterion_met and criterion_met_all rows make it the product of binaries.
    mutating func addCriterionMetColumns() -> CriterionMetColumns {
        var met = CriterionMetColumns()
        for unit in instance.units where byIndicator(unit) {
            for t in years.indices {
                let key = CriterionYear(unit: unit, year: t)
                met.add(key, at: problem.addColumn(Column(name: names.name(.met(key)), bounds: .between(0, 1), objective: weights.criterionMet(unit.commune))))
            }
        }
        return met
    }

    /// criterion_met[i,t]: met[c,k,t] − done[i,t] ≤ 0, for every indicator item i of criterion k and
    /// every year: a criterion is met only when each indicator its commune misses is.
    mutating func addCriterionMetRows(_ done: DoneColumns, _ met: CriterionMetColumns) -> CriterionMetRows {
        var rows = CriterionMetRows()
        for (key, column) in met.entries {
            for i in itemsOfUnit[key.unit] ?? [] {
                let rowKey = ItemYear(item: i, year: key.year)
                rows.add(rowKey, at: add(.criterionMet(rowKey), .atMost(0), [(column, 1), (done[item: i, year: key.year], -1)]))
            }
        }
        return rows
    }

    /// criterion_met_all[c,k,t]: met[c,k,t] − Σ_{i of k} done[i,t] ≥ 1 − n_k, with n_k the indicators of
    /// k the commune misses: the criterion is met as soon as all of them are, so that capacity and
    /// minimum progress, which count met criteria, cannot leave a met criterion out.
    mutating func addCriterionMetAllRows(_ done: DoneColumns, _ met: CriterionMetColumns) -> CriterionMetAllRows {
        var rows = CriterionMetAllRows()
        for (key, column) in met.entries {
            let items = itemsOfUnit[key.unit] ?? []
            let terms = [(column, 1.0)] + items.map { (done[item: $0, year: key.year], -1.0) }
            rows.add(key, at: add(.criterionMetAll(key), .atLeast(Double(1 - items.count)), terms))
        }
        return rows
    }

    /// Whether `unit`'s items are indicators (then it has met columns).
    func byIndicator(_ unit: AllocationInstance.CriterionUnit) -> Bool {
        (itemsOfUnit[unit] ?? []).contains { instance.items[$0].isIndicator }
    }

    /// The columns whose sum is the number of criteria commune c has met by the end of year t among
    /// those it misses: done[i,t] of a criterion planned whole, met[c,k,t] of one planned by indicator.
    func criteriaMet(_ commune: String, year t: Int, _ done: DoneColumns, _ met: CriterionMetColumns) -> [Int] {
        (unitsOfCommune[commune] ?? []).map { unit in
            met[CriterionYear(unit: unit, year: t)] ?? done[item: itemsOfUnit[unit]![0], year: t]
        }
    }
}
