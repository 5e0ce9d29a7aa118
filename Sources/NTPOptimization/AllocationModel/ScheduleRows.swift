import GLPKSwift
import NTPDomain

// The rows of docs/model.md, "Constraints", on the schedule alone (the done, standard and short
// columns): criteria stay met, and the department's policy.

extension ModelBuilder {
    /// stays_done[i,t]: done[i,t−1] − done[i,t] ≤ 0, for every item and every year after the first: a
    /// criterion once met stays met.
    mutating func addStaysDoneRows(_ done: DoneColumns) -> StaysDoneRows {
        var rows = StaysDoneRows()
        for i in instance.items.indices {
            for t in years.indices.dropFirst() {
                let key = ItemYear(item: i, year: t)
                rows.add(key, at: add(.staysDone(key), .atMost(0), [(done[item: i, year: t - 1], 1), (done[item: i, year: t], -1)]))
            }
        }
        return rows
    }

    /// capacity[c,t]: Σ_{i of c} (done[i,t] − done[i,t−1]) ≤ K, for every commune and year under a
    /// capacity K (no done[i,t−1] term in the first year): at most K criteria met in a year. A criterion
    /// planned by indicator counts by its met[c,k,t] column in place of done (`criteriaMet`).
    mutating func addCapacityRows(_ done: DoneColumns, _ met: CriterionMetColumns) -> CapacityRows {
        var rows = CapacityRows()
        guard let limit = instance.policy.capacityPerCommuneYear else { return rows }
        for commune in instance.communes {
            for t in years.indices {
                let key = CommuneYear(commune: commune, year: t)
                let terms = criteriaMet(commune, year: t, done, met).map { ($0, 1.0) }
                    + (t > 0 ? criteriaMet(commune, year: t - 1, done, met).map { ($0, -1.0) } : [])
                rows.add(key, at: add(.capacity(key), .atMost(Double(limit)), terms))
            }
        }
        return rows
    }

    /// at_standard[i,t]: standard[c,t] − done[i,t] ≤ 0, for every item i of commune c and every year t
    /// with a standard column: a commune is at standard only when every criterion it missed is met.
    mutating func addAtStandardRows(_ done: DoneColumns, _ standard: StandardColumns) -> AtStandardRows {
        var rows = AtStandardRows()
        for (key, column) in standard.entries {
            for i in itemsOfCommune[key.commune] ?? [] {
                let rowKey = ItemYear(item: i, year: key.year)
                rows.add(rowKey, at: add(.atStandard(rowKey), .atMost(0), [(column, 1), (done[item: i, year: key.year], -1)]))
            }
        }
        return rows
    }

    /// min_progress[c,t]: Σ_{i of c} done[i,t] + short[c,t] ≥ min(n_c, k·(t+1)), for every commune and
    /// year under minimum progress k (a criterion planned by indicator counts by its met column). Soft:
    /// short[c,t] is penalised above everything else the objective counts, so a commune falls short only
    /// where nothing else can be done.
    mutating func addMinProgressRows(_ done: DoneColumns, _ met: CriterionMetColumns, _ shortfall: ShortfallColumns) -> MinProgressRows {
        var rows = MinProgressRows()
        for (key, short) in shortfall.entries {
            guard let required = requiredProgress(key.commune, by: key.year) else { continue }
            let terms = criteriaMet(key.commune, year: key.year, done, met).map { ($0, 1.0) } + [(short, 1.0)]
            rows.add(key, at: add(.minProgress(key), .atLeast(Double(required)), terms))
        }
        return rows
    }
}
