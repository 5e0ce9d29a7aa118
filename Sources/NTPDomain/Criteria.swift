/// The level a set of criteria certifies.
public enum StandardLevel: String, Sendable, CaseIterable {
    case commune
    case communeAdvanced = "commune_advanced"
    case communeModel = "commune_model"
    case village
    case villageModel = "village_model"
    case district
}

/// A set of criteria with its legal basis and validity, e.g. the 19 national commune criteria of
/// QĐ 318/QĐ-TTg for 2021-2025, or a province's own variant.
public struct CriteriaSet: Hashable, Sendable {
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

    public init(
        id: String, level: StandardLevel, nameVi: String, nameEn: String, legalBasis: LegalReference,
        valid: ClosedRange<Int>, classes: [CommuneClass], groups: [CriterionGroup], criteria: [Criterion],
        provenance: Provenance
    ) {
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

    /// Whether `code` names a criterion of this set or one of its sub-indicators.
    public func contains(code: String) -> Bool {
        guard let criterion = criterion(for: code) else { return false }
        return criterion.code == code || criterion.indicators.contains { $0.code == code }
    }
}

/// A code with its Vietnamese and English names: a criterion group (QĐ 318's I-V), or a class of
/// communes (a region, a commune group) that requirements may differ by.
public struct CodedName: Hashable, Sendable {
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
public struct Criterion: Hashable, Sendable {
    public var code: String
    /// The group code, for sets that group their criteria (QĐ 318 does: I-V).
    public var group: String?
    public var nameVi: String
    public var nameEn: String
    public var indicators: [Indicator]
    public var provenance: Provenance

    public init(code: String, group: String?, nameVi: String, nameEn: String, indicators: [Indicator], provenance: Provenance) {
        self.code = code
        self.group = group
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.indicators = indicators
        self.provenance = provenance
    }
}

public struct Indicator: Hashable, Sendable {
    public var code: String
    public var nameVi: String
    public var nameEn: String?
    public var thresholds: [Threshold]
    public var provenance: Provenance

    public init(code: String, nameVi: String, nameEn: String?, thresholds: [Threshold], provenance: Provenance) {
        self.code = code
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.thresholds = thresholds
        self.provenance = provenance
    }
}

/// What an indicator requires, for every commune or for one class of communes (a region, or a commune
/// group of the 2026-2030 set).
public struct Threshold: Hashable, Sendable {
    public enum Scope: Hashable, Sendable {
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
