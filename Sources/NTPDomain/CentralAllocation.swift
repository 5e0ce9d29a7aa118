import Foundation

/// What the 2026-2030 central-money coefficients need to know about a commune of the new map. Every
/// field is optional: nil means not known, which is never read as "no" or "other".
public struct CommuneClassification: Hashable, Sendable {
    /// Where the commune stands in the ethnic-minority and mountainous area.
    public enum Zone: Hashable, Sendable {
        /// Not a commune of the ethnic-minority and mountainous area.
        case outside
        case zone(EthnicZone)
    }

    public var commune: String
    /// The group the criteria set's requirements apply to (1, 2, 3).
    public var group: CommuneGroup?
    public var zone: Zone?
    public var border: Bool?
    /// Xã an toàn khu (ATK).
    public var safeZone: Bool?
    public var island: Bool?
    /// Đặc khu (special administrative zone) of the new map.
    public var specialZone: Bool?
    /// Especially difficult villages (thôn đặc biệt khó khăn) in the commune.
    public var especiallyDifficultVillages: Int?
    public var provenance: Provenance

    public init(
        commune: String, group: CommuneGroup? = nil, zone: Zone? = nil, border: Bool? = nil, safeZone: Bool? = nil, island: Bool? = nil,
        specialZone: Bool? = nil, especiallyDifficultVillages: Int? = nil, provenance: Provenance
    ) {
        self.commune = commune
        self.group = group
        self.zone = zone
        self.border = border
        self.safeZone = safeZone
        self.island = island
        self.specialZone = specialZone
        self.especiallyDifficultVillages = especiallyDifficultVillages
        self.provenance = provenance
    }
}

/// How especially difficult villages count next to the commune's own coefficient.
public enum VillageRule: String, Sendable, CaseIterable {
    /// Each village adds its coefficient to the commune's (villages are a unit of their own, counted
    /// per village; the commune class is chosen as the highest that applies).
    case added
    /// The villages' total competes with the commune class, and the highest applies.
    case highestApplies = "highest_applies"
}

/// The coefficients by which central money for 2026-2030 is split over communes: the highest commune
/// class that applies, and especially difficult villages per village.
public struct CentralCoefficients: Hashable, Sendable {
    public var perEspeciallyDifficultVillage: Int
    public var zoneIII: Int
    public var safeZone: Int
    public var border: Int
    public var island: Int
    public var specialZone: Int
    public var zoneII: Int
    public var zoneI: Int
    public var other: Int
    public var villageRule: VillageRule

    public init(
        perEspeciallyDifficultVillage: Int, zoneIII: Int, safeZone: Int, border: Int, island: Int, specialZone: Int, zoneII: Int, zoneI: Int,
        other: Int, villageRule: VillageRule
    ) {
        self.perEspeciallyDifficultVillage = perEspeciallyDifficultVillage
        self.zoneIII = zoneIII
        self.safeZone = safeZone
        self.border = border
        self.island = island
        self.specialZone = specialZone
        self.zoneII = zoneII
        self.zoneI = zoneI
        self.other = other
        self.villageRule = villageRule
    }

    /// The figures the 2026-2030 principle states (1; 50 for zone III, ATK, border, island and special
    /// zone; 40 zone II; 30 zone I; 25 others), with the village rule read as `added`.
    public static let phase2026 = CentralCoefficients(
        perEspeciallyDifficultVillage: 1, zoneIII: 50, safeZone: 50, border: 50, island: 50, specialZone: 50, zoneII: 40, zoneI: 30, other: 25,
        villageRule: .added)

    /// The coefficient of a commune whose attributes are all known.
    func coefficient(zone: CommuneClassification.Zone, border: Bool, safeZone: Bool, island: Bool, specialZone: Bool, villages: Int) -> Int {
        var applying = [other]
        if case .zone(let ethnic) = zone {
            applying.append(ethnic == .III ? zoneIII : ethnic == .II ? zoneII : zoneI)
        }
        if border { applying.append(self.border) }
        if safeZone { applying.append(self.safeZone) }
        if island { applying.append(self.island) }
        if specialZone { applying.append(self.specialZone) }
        let commune = applying.max()!
        let villageTotal = villages * perEspeciallyDifficultVillage
        switch villageRule {
        case .added: return commune + villageTotal
        case .highestApplies: return max(commune, villageTotal)
        }
    }

    /// The coefficient of `commune`, or the attributes that are not known and would change it. An
    /// unknown attribute that cannot change the result (a zone III commune's border flag: 50 either
    /// way) does not stop the count.
    public func coefficient(of commune: CommuneClassification) -> Result<Int, CentralAllocationError> {
        if let villages = commune.especiallyDifficultVillages, villages < 0 {
            return .failure(.negativeVillages(commune: commune.commune, villages: villages))
        }
        var unknown: [String] = []
        if commune.especiallyDifficultVillages == nil && perEspeciallyDifficultVillage != 0 { unknown.append("especially_difficult_villages") }
        let values = possibleValues(commune)
        if values.count > 1 {
            // Name only the attributes whose value changes the coefficient.
            var low = commune, high = commune
            low.zone = .outside; high.zone = .zone(.III)
            if commune.zone == nil && possibleValues(low) != possibleValues(high) { unknown.append("ethnic_zone") }
            let flags: [(String, WritableKeyPath<CommuneClassification, Bool?>)] = [
                ("border", \.border), ("safe_zone", \.safeZone), ("island", \.island), ("special_zone", \.specialZone),
            ]
            for (name, path) in flags where commune[keyPath: path] == nil {
                var low = commune, high = commune
                low[keyPath: path] = false
                high[keyPath: path] = true
                if possibleValues(low) != possibleValues(high) { unknown.append(name) }
            }
        }
        if !unknown.isEmpty { return .failure(.unknownClass(commune: commune.commune, attributes: unknown)) }
        return .success(values.first!)
    }

    /// Every coefficient `commune` could have, its unknown attributes taking every value (unknown
    /// villages taken as none: they are reported on their own).
    private func possibleValues(_ commune: CommuneClassification) -> Set<Int> {
        let villages = commune.especiallyDifficultVillages ?? 0
        let zones: [CommuneClassification.Zone] = commune.zone.map { [$0] } ?? [.outside, .zone(.I), .zone(.II), .zone(.III)]
        func choices(_ flag: Bool?) -> [Bool] { flag.map { [$0] } ?? [false, true] }
        var values: Set<Int> = []
        for zone in zones {
            for border in choices(commune.border) {
                for safe in choices(commune.safeZone) {
                    for island in choices(commune.island) {
                        for special in choices(commune.specialZone) {
                            values.insert(coefficient(zone: zone, border: border, safeZone: safe, island: island, specialZone: special, villages: villages))
                        }
                    }
                }
            }
        }
        return values
    }
}

/// Why central money cannot be split by the coefficients: the facts; NTPData words them
/// (`CentralAllocationError.message`, in the catalogue's languages).
public enum CentralAllocationError: Error, Hashable, Sendable {
    /// The commune's coefficient depends on attributes nobody has stated.
    case unknownClass(commune: String, attributes: [String])
    case negativeVillages(commune: String, villages: Int)
    case duplicateCommune(String)
    case noCommunes
    case negativeEnvelope(Money)
    /// Every coefficient is zero: the money would go nowhere.
    case zeroCoefficients
    /// Several problems found in one pass, so that one run lists them all.
    case several([CentralAllocationError])

}

/// One commune's part of a central envelope.
public struct CoefficientShare: Hashable, Sendable {
    public var commune: String
    public var coefficient: Int
    public var amount: Money
}

public enum CentralAllocation {
    /// The part of `amount` that communes whose coefficients add up to `sum` receive when the amount is
    /// shared among communes whose coefficients add up to `total` (a province's communes among the
    /// nation's): amount × sum / total, rounded half up to the đồng.
    public static func part(of amount: Money, coefficients sum: Int, outOf total: Decimal) -> Money {
        precondition(total > 0, "a coefficient total is positive")
        return Money(dong: (Decimal(amount.dong) * Decimal(sum) / total).rounded(0, .plain).int64Value)
    }

    /// Splits `envelope` over `communes` in proportion to their coefficients, to the đồng: each share
    /// rounded down, the đồng still missing one each to the largest remainders, ties to the smaller
    /// commune id. The shares come in commune-id order and add up to `envelope` exactly. Every commune
    /// whose coefficient is not known is an error naming it (all of them in one error).
    public static func split(
        _ envelope: Money, over communes: [CommuneClassification], coefficients: CentralCoefficients
    ) throws(CentralAllocationError) -> [CoefficientShare] {
        guard envelope >= .zero else { throw .negativeEnvelope(envelope) }
        guard !communes.isEmpty else { throw .noCommunes }
        var errors: [CentralAllocationError] = []
        var seen: Set<String> = []
        for commune in communes where !seen.insert(commune.commune).inserted { errors.append(.duplicateCommune(commune.commune)) }
        let ordered = communes.sorted { $0.commune < $1.commune }
        var weights: [Int] = []
        for commune in ordered {
            switch coefficients.coefficient(of: commune) {
            case .success(let value): weights.append(value)
            case .failure(let error): errors.append(error)
            }
        }
        if errors.count == 1 { throw errors[0] }
        if !errors.isEmpty { throw .several(errors) }
        if weights.allSatisfy({ $0 == 0 }) && envelope > .zero { throw .zeroCoefficients }
        let amounts = LargestRemainder.divide(envelope.dong, weights: weights.map { Decimal($0) })
        return ordered.indices.map { CoefficientShare(commune: ordered[$0].commune, coefficient: weights[$0], amount: Money(dong: amounts[$0])) }
    }
}
