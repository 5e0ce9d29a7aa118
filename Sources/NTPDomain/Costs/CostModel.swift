import Foundation

/// The kinds of money a criterion's cost can take; sources are eligible by kind.
public enum MoneyKind: String, Sendable, CaseIterable, Hashable, Codable {
    /// Works (development investment).
    case construction
    /// Support, training, models, planning (recurrent money).
    case recurrent
    /// Household and business loans.
    case credit
    /// Community and enterprise contributions.
    case communityEnterprise = "community_enterprise"
}

/// What it costs one commune that misses a criterion to reach it, before the commune's multipliers.
public struct CostNorm: Hashable, Sendable {
    public var criterion: String
    public var low: Money
    public var base: Money
    public var high: Money
    /// Percent of the cost by kind of money; adds up to 100.
    public var split: [MoneyKind: Int]
    /// Years over which spending spreads before the criterion is met (1 for non-construction).
    public var buildYears: Int
    /// Yearly upkeep once the criterion is met (zero unless stated).
    public var maintenancePerYear: Money
    /// The figures and assumptions the norm rests on, in words.
    public var basis: [String]

    public init(
        criterion: String, low: Money, base: Money, high: Money, split: [MoneyKind: Int], buildYears: Int,
        maintenancePerYear: Money = .zero, basis: [String]
    ) {
        self.criterion = criterion
        self.low = low
        self.base = base
        self.high = high
        self.split = split
        self.buildYears = buildYears
        self.maintenancePerYear = maintenancePerYear
        self.basis = basis
    }

    public func amount(_ level: CostLevel) -> Money {
        switch level {
        case .low: low
        case .base: base
        case .high: high
        }
    }
}

public enum CostLevel: String, Sendable, CaseIterable {
    case low, base, high
}

/// A factor on a commune's cost when the commune has an attribute (mountainous terrain, border, …).
public struct CostMultiplier: Hashable, Sendable {
    public enum Comparison: String, Sendable {
        case equal = "="
        case less = "<"
        case greater = ">"
    }

    public var id: String
    /// The attribute tested: a locality flag (`border`, `especially_difficult`, `safe_zone`,
    /// `ethnic_zone`) or an attribute of Data/localities/attributes.csv (`terrain`, `population`).
    public var attribute: String
    public var comparison: Comparison
    public var value: String
    public var factor: Decimal
    /// Only the construction part, or the whole cost.
    public var constructionOnly: Bool
    public var basis: String

    public init(id: String, attribute: String, comparison: Comparison, value: String, factor: Decimal, constructionOnly: Bool, basis: String) {
        self.id = id
        self.attribute = attribute
        self.comparison = comparison
        self.value = value
        self.factor = factor
        self.constructionOnly = constructionOnly
        self.basis = basis
    }

    /// Whether a commune with `attributeValue` gets the factor; nil when the value is not known.
    public func applies(to attributeValue: String?) -> Bool? {
        guard let attributeValue else { return nil }
        switch comparison {
        case .equal: return attributeValue == value
        case .less, .greater:
            guard let number = Decimal(string: attributeValue), let limit = Decimal(string: value) else { return nil }
            return comparison == .less ? number < limit : number > limit
        }
    }
}

/// A department's own estimate for one commune and criterion; it replaces the computed cost.
public struct CostOverride: Hashable, Sendable {
    public var locality: String
    public var criterion: String
    public var amount: Money
    public var split: [MoneyKind: Int]?
    public var basis: String

    public init(locality: String, criterion: String, amount: Money, split: [MoneyKind: Int]? = nil, basis: String) {
        self.locality = locality
        self.criterion = criterion
        self.amount = amount
        self.split = split
        self.basis = basis
    }
}

/// The cost of one criterion in one commune, with every step that led to it.
public struct CriterionCost: Hashable, Sendable {
    public let locality: String
    public let criterion: String
    public let amount: Money
    public let byKind: [MoneyKind: Money]
    public let buildYears: Int
    public let maintenancePerYear: Money
    /// What was applied, in order: the norm, the scale factor, each multiplier that changed the cost, and
    /// the attributes a multiplier needed but the data does not give; or the override.
    public let steps: [String]
}

/// Norms, multipliers, overrides and calibration factors, applied in a fixed order:
/// 1. the norm at the chosen level (low, base, high);
/// 2. the calibration factor of the criterion's group, or the overall one;
/// 3. each multiplier whose condition the commune meets, in file order, on its part of the cost;
/// 4. an override for the commune and criterion replaces the result of 1-3 (a department's own
///    estimate beats a norm, and is neither scaled nor multiplied).
/// Every step is rounded half up to the đồng, and the parts by kind are split by largest remainder so
/// that they add up to the cost exactly.
public struct CostModel: Sendable {
    public var norms: [String: CostNorm]
    public var multipliers: [CostMultiplier]
    public var overrides: [CostOverride]
    /// Calibration factors by criterion group code; the key "*" applies to every group without its own.
    public var scale: [String: Decimal]

    public init(norms: [CostNorm], multipliers: [CostMultiplier], overrides: [CostOverride] = [], scale: [String: Decimal] = [:]) {
        self.norms = Dictionary(norms.map { ($0.criterion, $0) }, uniquingKeysWith: { first, _ in first })
        self.multipliers = multipliers
        self.overrides = overrides
        self.scale = scale
    }

    /// The cost of `criterion` (a main code) in `commune`, whose attributes `attribute` looks up.
    public func cost(
        of criterion: String, group: String?, in commune: String, level: CostLevel = .base, attribute: (String) -> String?
    ) -> CriterionCost? {
        guard let norm = norms[criterion] else { return nil }
        if let override = overrides.first(where: { $0.locality == commune && $0.criterion == criterion }) {
            let split = override.split ?? norm.split
            return CriterionCost(
                locality: commune, criterion: criterion, amount: override.amount, byKind: Self.divide(override.amount, split),
                buildYears: norm.buildYears, maintenancePerYear: norm.maintenancePerYear,
                steps: ["override: \(override.basis)"])
        }
        var steps = ["norm \(level.rawValue)"]
        var unknown: [String] = []
        var byKind = Self.divide(norm.amount(level), norm.split)
        if let factor = group.flatMap({ scale[$0] }) ?? scale["*"], factor != 1 {
            byKind = byKind.mapValues { $0.times(factor) }
            steps.append("calibration × \(factor)")
        }
        for multiplier in multipliers {
            switch multiplier.applies(to: attribute(multiplier.attribute)) {
            case true?:
                let kinds = byKind.keys.filter { !multiplier.constructionOnly || $0 == .construction }
                guard !kinds.isEmpty else { continue }  // nothing of the cost it multiplies
                for kind in kinds { byKind[kind] = byKind[kind]!.times(multiplier.factor) }
                steps.append("\(multiplier.id) × \(multiplier.factor)" + (multiplier.constructionOnly ? " (construction)" : ""))
            case nil:
                if !unknown.contains(multiplier.attribute) { unknown.append(multiplier.attribute) }
            case false?:
                break
            }
        }
        if !unknown.isEmpty { steps.append("not known: \(unknown.joined(separator: ", "))") }
        let amount = Money(dong: byKind.values.reduce(0) { $0 + $1.dong })
        return CriterionCost(
            locality: commune, criterion: criterion, amount: amount, byKind: byKind, buildYears: norm.buildYears,
            maintenancePerYear: norm.maintenancePerYear, steps: steps)
    }

    /// `amount` split by percentages, the parts adding up to it exactly (largest remainder in đồng).
    static func divide(_ amount: Money, _ split: [MoneyKind: Int]) -> [MoneyKind: Money] {
        let kinds = MoneyKind.allCases.filter { (split[$0] ?? 0) > 0 }
        let parts = LargestRemainder.divide(amount.dong, weights: kinds.map { Decimal(split[$0]!) })
        return Dictionary(uniqueKeysWithValues: zip(kinds, parts.map { Money(dong: $0) }))
    }
}

extension Money {
    /// `self × factor`, rounded half up to the đồng.
    public func times(_ factor: Decimal) -> Money {
        Money(dong: (Decimal(dong) * factor).rounded().int64Value)
    }
}

/// A map by kind of money is written as an object keyed by the kind's name.
extension MoneyKind: CodingKeyRepresentable {}
