/// The level a set of criteria certifies.
public enum StandardLevel: String, Sendable, CaseIterable, Codable {
    case commune
    case communeAdvanced = "commune_advanced"
    case communeModel = "commune_model"
    case village
    case villageModel = "village_model"
    case district
}

/// A set of criteria with its legal basis and validity, e.g. the 19 national commune criteria of
/// QĐ 318/QĐ-TTg for 2021-2025, or a province's own variant.
public struct CriteriaSet: Hashable, Sendable, Codable {
    public var id: String
    public var level: StandardLevel
    public var nameVi: String
    public var nameEn: String
    public var legalBasis: LegalReference
    public var valid: ClosedRange<Int>
    /// Commune groups or regions that thresholds may differ by.
    public var classes: [CommuneClass]
    public var groups: [CriterionGroup]
    public var criteria: [Criterion]
    public var provenance: Provenance
    /// The day the set takes effect (ISO date), when the decision states one: QĐ 51/2025/QĐ-TTg is in
    /// force from 2026-02-15 although the set covers 2026-2030.
    public var inForceFrom: String?
    /// How many indicators (chỉ tiêu) the legal text says the set has, when a source states the count
    /// (QĐ 51: 47); the indicators listed may be fewer while the annex is not sourced.
    public var declaredIndicatorCount: Int?

    public init(
        id: String, level: StandardLevel, nameVi: String, nameEn: String, legalBasis: LegalReference,
        valid: ClosedRange<Int>, classes: [CommuneClass], groups: [CriterionGroup], criteria: [Criterion],
        provenance: Provenance, inForceFrom: String? = nil, declaredIndicatorCount: Int? = nil
    ) {
        self.inForceFrom = inForceFrom
        self.declaredIndicatorCount = declaredIndicatorCount
        self.id = id
        self.level = level
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.legalBasis = legalBasis
        self.valid = valid
        self.classes = classes
        self.groups = groups
        self.criteria = criteria
        self.provenance = provenance
    }

    /// The criterion with `code`, or the criterion a sub-indicator code (`13.1`) belongs to.
    public func criterion(for code: String) -> Criterion? {
        let main = code.split(separator: ".").first.map(String.init) ?? code
        return criteria.first { $0.code == main }
    }

    /// The commune groups this set's requirements differ by (classes `group-1`…`group-3`); empty for
    /// sets without groups (QĐ 318 differs by region instead).
    public var communeGroups: [CommuneGroup] { classes.compactMap { CommuneGroup(classCode: $0.code) } }

    /// The indicator with `code`, if the set lists it.
    public func indicator(_ code: String) -> Indicator? {
        criterion(for: code)?.indicators.first { $0.code == code }
    }

    /// Whether `code` names a criterion of this set or one of its sub-indicators.
    public func contains(code: String) -> Bool {
        guard let criterion = criterion(for: code) else { return false }
        return criterion.code == code || criterion.indicators.contains { $0.code == code }
    }

    /// Whether a commune meeting `met` and missing `missing` is at full standard: it misses no
    /// criterion and meets every criterion of the set (a status that lists fewer is not standard).
    public func isAtStandard(met: [String], missing: [String]) -> Bool {
        missing.isEmpty && met.count >= criteria.count
    }
}

/// A code with its Vietnamese and English names: a criterion group (QĐ 318's I-V), or a class of
/// communes (a region, a commune group) that requirements may differ by.
public struct CodedName: Hashable, Sendable, Codable {
    public var code: String
    public var nameVi: String
    public var nameEn: String

    public init(code: String, nameVi: String, nameEn: String) {
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
    }
}

public typealias CommuneClass = CodedName
public typealias CriterionGroup = CodedName

/// One criterion (tiêu chí) and its sub-indicators (chỉ tiêu).
public struct Criterion: Hashable, Sendable, Codable {
    public var code: String
    /// The group code, for sets that group their criteria (QĐ 318 does: I-V).
    public var group: String?
    public var nameVi: String
    public var nameEn: String
    public var indicators: [Indicator]
    public var provenance: Provenance
    /// Whether `indicators` is the criterion's whole list from a source, or a known gap (the annex was
    /// not found) that a department's requirements file fills.
    public var indicatorSourcing: Sourcing

    public init(
        code: String, group: String?, nameVi: String, nameEn: String, indicators: [Indicator], provenance: Provenance,
        indicatorSourcing: Sourcing = .sourced
    ) {
        self.indicatorSourcing = indicatorSourcing
        self.code = code
        self.group = group
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.indicators = indicators
        self.provenance = provenance
    }
}

/// One indicator (chỉ tiêu) of a criterion, with what it requires of each commune class or group.
public struct Indicator: Hashable, Sendable, Codable {
    public var code: String
    public var nameVi: String
    public var nameEn: String?
    public var thresholds: [Threshold]
    public var provenance: Provenance
    /// `.supplied` when the indicator comes from a department's requirements file, not the catalog.
    public var sourcing: Sourcing

    public init(code: String, nameVi: String, nameEn: String?, thresholds: [Threshold], provenance: Provenance, sourcing: Sourcing = .sourced) {
        self.sourcing = sourcing
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.thresholds = thresholds
        self.provenance = provenance
    }
}

extension Indicator {
    /// What the indicator requires of a commune of `group`: the thresholds for all communes and those
    /// for the group. Empty when no requirement is known for the group (a gap, never "no requirement").
    public func requirements(for group: CommuneGroup) -> [Threshold] {
        thresholds.filter {
            switch $0.appliesTo {
            case .all: true
            case .communeClass(let code): code == group.classCode
            }
        }
    }
}

/// The three commune groups of the 2026-2030 set (QĐ 51/2025/QĐ-TTg, Phụ lục I): every criterion states
/// its requirement per group. Group 1: next to an existing urban area and meant to become urban, or
/// agriculture under 10 % of the economy, or planned as a new urban area; group 3: zone II and III
/// communes of the ethnic-minority and mountainous area; group 2: the others.
public enum CommuneGroup: Int, Sendable, CaseIterable, Comparable, Codable {
    case one = 1
    case two = 2
    case three = 3

    /// The class code criteria files use for the group: `group-1`, `group-2`, `group-3`.
    public var classCode: String { "group-\(rawValue)" }

    public init?(classCode: String) {
        guard classCode.hasPrefix("group-"), let number = Int(classCode.dropFirst("group-".count)) else { return nil }
        self.init(rawValue: number)
    }

    public static func < (lhs: CommuneGroup, rhs: CommuneGroup) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Whether a part of a criteria set rests on a source, is a known gap, or was supplied by a department.
public enum Sourcing: Hashable, Sendable, Codable {
    case sourced
    /// Not found in any source reached; `reason` says what was looked for and why it is missing.
    case unsourced(reason: String)
    /// Supplied by a department's file (not the legal text as published), with where it was given.
    case supplied(Provenance)

    public var isUnsourced: Bool { if case .unsourced = self { true } else { false } }
}

/// What an indicator requires, for every commune or for one class of communes (a region, or a commune
/// group of the 2026-2030 set).
public struct Threshold: Hashable, Sendable, Codable {
    public enum Scope: Hashable, Sendable, Codable {
        case all
        case communeClass(String)
    }

    public var appliesTo: Scope
    /// A requirement in words ("Đạt").
    public var requirementVi: String?
    /// A numeric requirement: comparator ("≥", ">=", "<=") and value, in `unit`, from `year` on.
    public var comparator: String?
    public var value: Double?
    public var unit: String?
    public var year: Int?
    public var provenance: Provenance

    public init(
        appliesTo: Scope, requirementVi: String?, comparator: String?, value: Double?, unit: String?, year: Int?,
        provenance: Provenance
    ) {
        self.appliesTo = appliesTo
        self.requirementVi = requirementVi
        self.comparator = comparator
        self.value = value
        self.unit = unit
        self.year = year
        self.provenance = provenance
    }
}
