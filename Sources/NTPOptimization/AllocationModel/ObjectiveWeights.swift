import NTPDomain

/// The objective coefficients of docs/model.md, "Objective", for each kind of column.
///
/// Lexicographic goals are weighted sums: a goal's weight exceeds everything the goals below it can
/// add up to, so a unit of it is never traded for any amount of them.
struct ObjectiveWeights: Sendable {
    let name: String
    let minimize: Bool
    /// On done[i,t].
    let done: @Sendable (AllocationInstance.Item) -> Double
    /// On pay[i,m,e,t], by the envelope's source.
    let pay: @Sendable (String) -> Double
    /// Year indices that have a standard[c,t] column.
    let standardYears: [Int]
    /// On standard[c,t].
    let standard: @Sendable (String, Int) -> Double
    /// On short[c,t] (a penalty: negative when maximising).
    let shortfall: Double
    /// On met[c,k,t] of a criterion planned by indicator, by commune.
    let criterionMet: @Sendable (String) -> Double
}

extension AllocationModel {
    static func objectiveWeights(_ instance: AllocationInstance) -> ObjectiveWeights {
        let policy = instance.policy
        let horizon = Double(instance.years.count)
        let weighted = instance.units.reduce(0.0) { $0 + Double(policy.weight(of: $1.commune)) * horizon }
        // A criterion counts once: on its item's done column, or on its met column when planned by indicator.
        let criterion: @Sendable (AllocationInstance.Item) -> Double = { $0.isIndicator ? 0 : Double(policy.weight(of: $0.commune)) }
        switch instance.objective {
        case .criteriaYears:
            let bonus = Double(policy.standardBonus)
            let bonuses = instance.communes.reduce(0.0) { $0 + bonus * Double(policy.weight(of: $1)) * horizon }
            return ObjectiveWeights(
                name: "criteria_years", minimize: false,
                done: criterion, pay: { _ in 0 },
                standardYears: bonus > 0 ? Array(instance.years.indices) : [],
                standard: { commune, _ in bonus * Double(policy.weight(of: commune)) },
                shortfall: -(1 + weighted + bonuses), criterionMet: { Double(policy.weight(of: $0)) })
        case .maxStandard:
            // One more commune at standard outweighs every criterion-year.
            let perCommune = 1 + weighted
            return ObjectiveWeights(
                name: "communes_at_standard", minimize: false,
                done: criterion, pay: { _ in 0 },
                standardYears: [instance.years.count - 1],
                standard: { _, _ in perCommune },
                shortfall: -(1 + perCommune * Double(instance.communes.count) + weighted), criterionMet: { Double(policy.weight(of: $0)) })
        case .minCost(let source):
            // Money of the chosen source costs 1 a million; other money weighs a millionth of that, only
            // so that nothing is spent for nothing.
            let total = instance.items.reduce(0.0) { $0 + $1.cost.values.reduce(0.0) { $0 + millions($1) } }
            let counted: @Sendable (String) -> Bool = { code in source.map { instance.eligibility.lineage(of: code).contains($0) } ?? true }
            return ObjectiveWeights(
                name: "cost", minimize: true,
                done: { _ in 0 }, pay: { counted($0) ? 1 : 1e-6 },
                standardYears: [], standard: { _, _ in 0 },
                shortfall: 1 + 2 * total, criterionMet: { _ in 0 })
        }
    }
}
