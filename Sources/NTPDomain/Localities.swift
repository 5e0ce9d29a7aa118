/// Province (tỉnh) → district (huyện) → commune (xã) → village (thôn). Since July 2025 the country
/// runs two levels, province → commune; both shapes live side by side, told apart by validity dates.
public enum LocalityLevel: String, Sendable, CaseIterable, Comparable, Codable {
    case province, district, commune, village

    private var depth: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: LocalityLevel, rhs: LocalityLevel) -> Bool { lhs.depth < rhs.depth }
}

public enum EthnicZone: String, Sendable, CaseIterable, Codable {
    case I, II, III
}

public struct Locality: Hashable, Sendable, Codable {
    /// ASCII slug path, e.g. `cao-bang/quang-hoa/phuc-sen`: stable, and usable as a solver name.
    public var id: String
    public var level: LocalityLevel
    /// What the unit is called: tỉnh, huyện, thành phố, xã, phường, thị trấn, thôn…
    public var unitType: String
    /// As officially written, diacritics kept.
    public var name: String
    public var parentID: String?
    /// ISO dates; nil when open or not known.
    public var validFrom: String?
    public var validTo: String?
    /// Flags a rule may need; nil when no source says.
    public var especiallyDifficult: Bool?
    public var border: Bool?
    public var ethnicZone: EthnicZone?
    public var safeZone: Bool?
    public var provenance: Provenance

    public init(
        id: String, level: LocalityLevel, unitType: String, name: String, parentID: String?, validFrom: String? = nil,
        validTo: String? = nil, especiallyDifficult: Bool? = nil, border: Bool? = nil, ethnicZone: EthnicZone? = nil,
        safeZone: Bool? = nil, provenance: Provenance
    ) {
        self.id = id
        self.level = level
        self.unitType = unitType
        self.name = name
        self.parentID = parentID
        self.validFrom = validFrom
        self.validTo = validTo
        self.especiallyDifficult = especiallyDifficult
        self.border = border
        self.ethnicZone = ethnicZone
        self.safeZone = safeZone
        self.provenance = provenance
    }
}

/// One old unit merged into a new one in an administrative reorganisation.
public struct LocalityMerge: Hashable, Sendable, Codable {
    public var oldID: String
    public var newID: String
    public var effectiveDate: String
    public var decision: String
    public var provenance: Provenance

    public init(oldID: String, newID: String, effectiveDate: String, decision: String, provenance: Provenance) {
        self.oldID = oldID
        self.newID = newID
        self.effectiveDate = effectiveDate
        self.decision = decision
        self.provenance = provenance
    }
}

/// Every known locality, with look-ups by id and by name within a parent.
public struct LocalityRegistry: Sendable {
    public private(set) var localities: [String: Locality] = [:]
    public private(set) var merges: [LocalityMerge] = []
    private var childIDs: [String: [String]] = [:]

    public init(localities: [Locality], merges: [LocalityMerge]) {
        for locality in localities {
            self.localities[locality.id] = locality
            childIDs[locality.parentID ?? "", default: []].append(locality.id)
        }
        self.merges = merges
    }

    public subscript(id: String) -> Locality? { localities[id] }

    /// The registry with `added` joined to it, after the units already known (a scenario's own communes).
    /// The ids must be new; a unit's parent may be a known unit or one of `added`.
    public func adding(_ added: [Locality]) -> LocalityRegistry {
        var registry = self
        for locality in added where registry.localities[locality.id] == nil {
            registry.localities[locality.id] = locality
            registry.childIDs[locality.parentID ?? "", default: []].append(locality.id)
        }
        return registry
    }

    public func children(of id: String) -> [Locality] {
        (childIDs[id] ?? []).compactMap { localities[$0] }
    }

    /// `id` and everything below it.
    public func descendants(of id: String) -> [Locality] {
        children(of: id).flatMap { [$0] + descendants(of: $0.id) }
    }

    /// Localities named `name` (compared as a `NameKey`) at or below `scope` (everywhere when nil).
    public func find(_ name: String, under scope: String? = nil, level: LocalityLevel? = nil) -> [Locality] {
        let key = NameKey(name)
        let pool = scope.map { id in (localities[id].map { [$0] } ?? []) + descendants(of: id) } ?? Array(localities.values)
        return pool.filter { NameKey($0.name) == key && (level == nil || $0.level == level) }.sorted { $0.id < $1.id }
    }

    /// The chain from the province down to `id`.
    public func path(to id: String) -> [Locality] {
        guard let locality = localities[id] else { return [] }
        return (locality.parentID.map { path(to: $0) } ?? []) + [locality]
    }

    /// The units `id` was merged into, following successive reorganisations.
    public func successors(of id: String) -> [String] {
        let next = merges.filter { $0.oldID == id }.map(\.newID)
        return next + next.flatMap { successors(of: $0) }
    }
}
