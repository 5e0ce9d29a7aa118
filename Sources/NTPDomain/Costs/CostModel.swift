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

/// What it costs one commune that misses a criterion (or an indicator of it) to reach it, before the
/// commune's multipliers.
public struct CostNorm: Hashable, Sendable {
    /// A criterion code, or an indicator code (`2.1`) where the set lists indicators.
    public var criterion: String
    /// The commune group the norm is for, where norms differ by group (the 2026-2030 set's requirements
    /// do); nil for every commune.
    public var communeGroup: CommuneGroup?
    /// How the norm was made when no file states it (an indicator's share of its criterion's norm).
    public var derivation: String?
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
        criterion: String, communeGroup: CommuneGroup? = nil, low: Money, base: Money, high: Money, split: [MoneyKind: Int], buildYears: Int,
        maintenancePerYear: Money = .zero, basis: [String], derivation: String? = nil
    ) {
        self.criterion = criterion
        self.communeGroup = communeGroup
        self.derivation = derivation
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

    /// The norm shared evenly among `codes` (a criterion's indicators, when no norm is stated for them):
    /// each figure divided to the đồng by largest remainder, so that the shares add up to the norm; the
    /// split and build years stay the criterion's.
    public func divided(among codes: [String]) -> [CostNorm] {
        let weights = codes.map { _ in Decimal(1) }
        let parts = [low, base, high, maintenancePerYear].map { LargestRemainder.divide($0.dong, weights: weights) }
        return codes.indices.map { index in
            CostNorm(
                criterion: codes[index], communeGroup: communeGroup, low: Money(dong: parts[0][index]), base: Money(dong: parts[1][index]),
                high: Money(dong: parts[2][index]), split: split, buildYears: buildYears, maintenancePerYear: Money(dong: parts[3][index]),
                basis: basis, derivation: "criterion \(criterion)'s norm ÷ \(codes.count) indicators")
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

/// A cost the model cannot state: a step took it beyond `Money`'s range.
public enum CostError: Error, Equatable, Sendable, CustomStringConvertible {
    case beyondRange(criterion: String, commune: String, step: String)

    public var description: String {
        switch self {
        case .beyondRange(let criterion, let commune, let step):
            "the cost of criterion \(criterion) in \(commune) goes beyond what can be counted (about 9,2 × 10¹⁸ đồng) at \(step)"
        }
    }
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
    /// The norms for every commune, by code.
    public var norms: [String: CostNorm]
    /// The norms of one commune group, by group and code: a commune of the group takes its group's norm
    /// where there is one, else the norm for every commune.
    public var groupNorms: [CommuneGroup: [String: CostNorm]]
    public var multipliers: [CostMultiplier]
    public var overrides: [CostOverride]
    /// Calibration factors by criterion group code; the key "*" applies to every group without its own.
    public var scale: [String: Decimal]

    public init(norms: [CostNorm], multipliers: [CostMultiplier], overrides: [CostOverride] = [], scale: [String: Decimal] = [:]) {
        self.norms = Dictionary(norms.filter { $0.communeGroup == nil }.map { ($0.criterion, $0) }, uniquingKeysWith: { first, _ in first })
        var byGroup: [CommuneGroup: [String: CostNorm]] = [:]
        for norm in norms { if let group = norm.communeGroup, byGroup[group]?[norm.criterion] == nil { byGroup[group, default: [:]][norm.criterion] = norm } }
        groupNorms = byGroup
        self.multipliers = multipliers
        self.overrides = overrides
        self.scale = scale
    }

    /// The norm of `code` for a commune of `communeGroup` (nil: not known): the group's own, else the
    /// one for every commune. Nil when there is none, or when only groups have one and the commune's
    /// group is not known (`needsGroup`).
    public func norm(of code: String, communeGroup: CommuneGroup?) -> CostNorm? {
        communeGroup.flatMap { groupNorms[$0]?[code] } ?? norms[code]
    }

    /// Whether `code`'s norm differs by commune group with no norm for every commune, so that a commune
    /// whose group is not known has no cost.
    public func needsGroup(_ code: String) -> Bool {
        norms[code] == nil && groupNorms.values.contains { $0[code] != nil }
    }

    /// The cost of `criterion` (a criterion code, or an indicator code where the set lists indicators)
    /// in `commune` of `communeGroup`, whose attributes `attribute` looks up; nil when there is no norm
    /// for it, or when the cost lies beyond `Money`'s range (a loader refuses such a model first, through
    /// `checkedCost`).
    public func cost(
        of criterion: String, group: String?, in commune: String, communeGroup: CommuneGroup? = nil, level: CostLevel = .base,
        attribute: (String) -> String?
    ) -> CriterionCost? {
        (try? checkedCost(of: criterion, group: group, in: commune, communeGroup: communeGroup, level: level, attribute: attribute)) ?? nil
    }

    /// The cost of `criterion` in `commune` of `communeGroup`, every step in checked arithmetic: throws
    /// naming the step that took it beyond `Money`'s range; nil when there is no norm for it.
    public func checkedCost(
        of criterion: String, group: String?, in commune: String, communeGroup: CommuneGroup? = nil, level: CostLevel = .base,
        attribute: (String) -> String?
    ) throws(CostError) -> CriterionCost? {
        guard let norm = norm(of: criterion, communeGroup: communeGroup) else { return nil }
        if let override = overrides.first(where: { $0.locality == commune && $0.criterion == criterion }) {
            let split = override.split ?? norm.split
            return CriterionCost(
                locality: commune, criterion: criterion, amount: override.amount, byKind: Self.divide(override.amount, split),
                buildYears: norm.buildYears, maintenancePerYear: norm.maintenancePerYear,
                steps: ["override: \(override.basis)"])
        }
        func beyond(_ step: String) -> CostError { .beyondRange(criterion: criterion, commune: commune, step: step) }
        var steps = ["norm \(level.rawValue)" + (norm.communeGroup.map { " of group \($0.rawValue)" } ?? "") + (norm.derivation.map { " (\($0))" } ?? "")]
        var unknown: [String] = []
        var byKind = Self.divide(norm.amount(level), norm.split)
        if let factor = group.flatMap({ scale[$0] }) ?? scale["*"], factor != 1 {
            for (kind, money) in byKind {
                do { byKind[kind] = try money.times(factor) } catch { throw beyond("calibration × \(factor)") }
            }
            steps.append("calibration × \(factor)")
        }
        for multiplier in multipliers {
            switch multiplier.applies(to: attribute(multiplier.attribute)) {
            case true?:
                let kinds = byKind.keys.filter { !multiplier.constructionOnly || $0 == .construction }
                guard !kinds.isEmpty else { continue }  // nothing of the cost it multiplies
                for kind in kinds {
                    do { byKind[kind] = try byKind[kind]!.times(multiplier.factor) } catch { throw beyond("\(multiplier.id) × \(multiplier.factor)") }
                }
                steps.append("\(multiplier.id) × \(multiplier.factor)" + (multiplier.constructionOnly ? " (construction)" : ""))
            case nil:
                if !unknown.contains(multiplier.attribute) { unknown.append(multiplier.attribute) }
            case false?:
                break
            }
        }
        if !unknown.isEmpty { steps.append("not known: \(unknown.joined(separator: ", "))") }
        let amount: Money
        do { amount = try byKind.values.total() } catch { throw beyond("the sum of the kinds of money") }
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

/// A map by kind of money is written as an object keyed by the kind's name.
extension MoneyKind: CodingKeyRepresentable {}
