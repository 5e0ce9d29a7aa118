import Foundation

/// Cost norms for a new criteria set carried from the old set's norms through a mapping: what it costs
/// a commune to reach a new criterion is, by default, what it cost to reach the old criteria that
/// continue in it.
public enum CostNormDerivation {
    /// One norm per new criterion that some old criterion carries its cost to (a mapping line with
    /// `carriesCost`): low, base, high and upkeep are the sums of the old norms; the split is the old
    /// splits weighted by their base amounts, in whole percent adding up to 100 (largest remainder);
    /// the build years are the longest of the old ones. New criteria nothing carries a cost to get no
    /// norm (a department must estimate them).
    public static func derive(from norms: [CostNorm], through mapping: CriteriaMapping, oldNames: [String: String] = [:]) throws(MoneyError) -> [CostNorm] {
        var contributors: [String: [CostNorm]] = [:]
        var order: [String] = []
        for line in mapping.lines where line.carriesCost {
            guard let target = line.newCriterion, let norm = norms.first(where: { $0.criterion == line.oldCode }) else { continue }
            if contributors[target] == nil { order.append(target) }
            contributors[target, default: []].append(norm)
        }
        return try order.sorted(by: CodeOrder.less).map { (target: String) throws(MoneyError) -> CostNorm in
            let parts = contributors[target]!.sorted { CodeOrder.less($0.criterion, $1.criterion) }
            let kinds = MoneyKind.allCases
            let weights = kinds.map { kind in parts.reduce(Decimal(0)) { $0 + Decimal($1.base.dong) * Decimal($1.split[kind] ?? 0) } }
            let percents = LargestRemainder.divide(100, weights: weights)
            var split: [MoneyKind: Int] = [:]
            for (kind, percent) in zip(kinds, percents) { split[kind] = Int(percent) }
            let basis = parts.map { norm in
                let name = oldNames[norm.criterion].map { " (\($0))" } ?? ""
                return "carried from \(mapping.fromSet) criterion \(norm.criterion)\(name): low \(norm.low.dong) đ, base \(norm.base.dong) đ, high \(norm.high.dong) đ"
            }
            return CostNorm(
                criterion: target, low: try parts.map(\.low).total(), base: try parts.map(\.base).total(), high: try parts.map(\.high).total(),
                split: split, buildYears: parts.map(\.buildYears).max()!, maintenancePerYear: try parts.map(\.maintenancePerYear).total(), basis: basis)
        }
    }
}
