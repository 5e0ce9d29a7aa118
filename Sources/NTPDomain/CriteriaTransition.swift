/// How one criterion or sub-indicator of an old criteria set corresponds to a criterion or indicator of
/// the new one (QĐ 318's 19 criteria → QĐ 51's 10): what a commune met under the old set says about the
/// new one only through these lines.
public enum MappingRelation: String, Sendable, CaseIterable {
    /// The old item and the new one ask for the same thing.
    case oneToOne = "one_to_one"
    /// The old item is split over several new ones; each line names one of them.
    case oneToMany = "one_to_many"
    /// Several old items together make up the new one; each line names one of them.
    case manyToOne = "many_to_one"
    /// The old item covers only part of what the new one asks: meeting it does not show the new one met.
    case partial
    /// Nothing in the new set continues the old item.
    case noCounterpart = "none"
}

/// How the new requirement compares with the old one it continues.
public enum RequirementChange: String, Sendable, CaseIterable {
    case same
    case raised
    case lowered
    /// The new requirement is not sourced, or cannot be compared.
    case unknown
}

/// One line of a mapping between two criteria sets.
public struct CriteriaMappingLine: Hashable, Sendable {
    /// A criterion (`17`) or sub-indicator (`17.5`) code of the old set.
    public var oldCode: String
    /// The new criterion; nil for `noCounterpart`.
    public var newCriterion: String?
    /// The new indicator, when the line is that precise.
    public var newIndicator: String?
    public var relation: MappingRelation
    public var change: RequirementChange
    /// The groups the line holds for; empty: every group.
    public var groups: Set<CommuneGroup>
    /// Whether the old item's cost norm is carried to the new criterion (at most one line per old
    /// criterion-level code and new criterion should say so; the cost share is split evenly over them).
    public var carriesCost: Bool
    public var provenance: Provenance

    public init(
        oldCode: String, newCriterion: String?, newIndicator: String? = nil, relation: MappingRelation, change: RequirementChange,
        groups: Set<CommuneGroup> = [], carriesCost: Bool = false, provenance: Provenance
    ) {
        self.oldCode = oldCode
        self.newCriterion = newCriterion
        self.newIndicator = newIndicator
        self.relation = relation
        self.change = change
        self.groups = groups
        self.carriesCost = carriesCost
        self.provenance = provenance
    }

    func holds(for group: CommuneGroup?) -> Bool { group.map { groups.isEmpty || groups.contains($0) } ?? true }
}

/// The mapping from one criteria set to the next.
public struct CriteriaMapping: Hashable, Sendable {
    public var fromSet: String
    public var toSet: String
    public var lines: [CriteriaMappingLine]

    public init(fromSet: String, toSet: String, lines: [CriteriaMappingLine]) {
        self.fromSet = fromSet
        self.toSet = toSet
        self.lines = lines
    }
}

/// What a commune's status is carried into: an indicator of the new set, or a whole criterion while
/// the set lists no indicators for it.
public struct TransitionTarget: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var criterion: String
    public var indicator: String?

    public init(criterion: String, indicator: String? = nil) {
        self.criterion = criterion
        self.indicator = indicator
    }

    public var description: String { indicator ?? criterion }

    public static func < (lhs: TransitionTarget, rhs: TransitionTarget) -> Bool {
        CodeOrder.less(lhs.indicator ?? lhs.criterion, rhs.indicator ?? rhs.criterion)
    }
}

/// Why a carried status cannot be trusted without a new assessment.
public enum ReassessmentReason: Hashable, Sendable {
    /// No old item leads to it: nothing was ever assessed against it.
    case noCounterpart
    /// The old items were met, but the new requirement is higher.
    case requirementRaised(old: [String])
    /// The old items were met, and the new requirement is not sourced or not comparable.
    case requirementUnknown(old: [String])
    /// The old items were met, but they cover only part of the new requirement.
    case partialCoverage(old: [String])
    /// The old items were not met, but the new requirement is lower: it may be met now.
    case requirementLowered(old: [String])
    /// The old status does not say whether these sub-indicators were met (their criterion was missing
    /// and the status lists criteria only).
    case oldStatusUnknown(old: [String])
}

/// A commune's status on one target of the new set, carried from the old one.
public enum CarriedStatus: Hashable, Sendable {
    /// Every old item leading to it was met, one-to-one or as a complete set, at the same requirement.
    case met(from: [String])
    /// An old item leading to it was not met, at a requirement not lowered since.
    case missing(because: [String])
    case needsAssessment(ReassessmentReason)

    public var isMet: Bool { if case .met = self { true } else { false } }
}

/// Carries commune statuses from one criteria set to the next and through commune merges. Pure: the
/// statuses, the mapping and the new set go in, a status per target comes out.
public enum CriteriaTransition {
    /// What a commune formed by merging `predecessors` meets: only what every one of them met. A
    /// merged commune is assessed as one territory, so a road or a poverty rate met in one former
    /// commune and not in another is not met for the whole. No predecessors: nothing is known met.
    public static func mergedMet(_ predecessors: [Set<String>]) -> Set<String> {
        guard var met = predecessors.first else { return [] }
        for other in predecessors.dropFirst() { met.formIntersection(other) }
        return met
    }

    /// The targets of `set`: each listed indicator, and each criterion that lists none.
    public static func targets(of set: CriteriaSet) -> [TransitionTarget] {
        set.criteria.flatMap { criterion in
            criterion.indicators.isEmpty
                ? [TransitionTarget(criterion: criterion.code)]
                : criterion.indicators.map { TransitionTarget(criterion: criterion.code, indicator: $0.code) }
        }
    }

    /// The status of a commune of `group` (nil: group not known, every line counts) on each target of
    /// `set`, from the codes it met in the old set (`met`: criteria and sub-indicators; a met criterion
    /// means all its sub-indicators met).
    ///
    /// For a target, take the mapping lines that lead to it (a line naming an indicator the set does
    /// not list leads to its criterion):
    /// - none: needs assessment (no counterpart);
    /// - an old item not met (its criterion code missing from `met`): missing, unless the requirement
    ///   was lowered (needs assessment);
    /// - a sub-indicator whose criterion was not met and that `met` does not list: needs assessment
    ///   (the old status does not say);
    /// - all met: met if every line is one-to-one, one-to-many or many-to-one at the same requirement;
    ///   otherwise needs assessment (partial coverage, requirement raised, requirement unknown).
    public static func carry(
        met: Set<String>, group: CommuneGroup?, mapping: CriteriaMapping, into set: CriteriaSet
    ) -> [TransitionTarget: CarriedStatus] {
        var result: [TransitionTarget: CarriedStatus] = [:]
        for target in targets(of: set) {
            let lines = mapping.lines.filter { line in
                guard line.relation != .noCounterpart, line.newCriterion == target.criterion, line.holds(for: group) else { return false }
                guard let indicator = target.indicator else { return true }
                return line.newIndicator == indicator
            }
            result[target] = status(of: lines, met: met)
        }
        return result
    }

    private static func status(of lines: [CriteriaMappingLine], met: Set<String>) -> CarriedStatus {
        guard !lines.isEmpty else { return .needsAssessment(.noCounterpart) }
        func wasMet(_ code: String) -> Bool? {
            if met.contains(code) { return true }
            let criterion = code.split(separator: ".").first.map(String.init) ?? code
            if met.contains(criterion) { return true }
            return criterion == code ? false : nil
        }
        let codes = { (lines: [CriteriaMappingLine]) in Array(Set(lines.map(\.oldCode))).sorted(by: CodeOrder.less) }
        let notMet = lines.filter { wasMet($0.oldCode) == false }
        if !notMet.isEmpty {
            let lowered = notMet.filter { $0.change == .lowered }
            return lowered.isEmpty ? .missing(because: codes(notMet)) : .needsAssessment(.requirementLowered(old: codes(lowered)))
        }
        let unknown = lines.filter { wasMet($0.oldCode) == nil }
        if !unknown.isEmpty { return .needsAssessment(.oldStatusUnknown(old: codes(unknown))) }
        let partial = lines.filter { $0.relation == .partial }
        if !partial.isEmpty { return .needsAssessment(.partialCoverage(old: codes(partial))) }
        let raised = lines.filter { $0.change == .raised }
        if !raised.isEmpty { return .needsAssessment(.requirementRaised(old: codes(raised))) }
        let unsure = lines.filter { $0.change == .unknown }
        if !unsure.isEmpty { return .needsAssessment(.requirementUnknown(old: codes(unsure))) }
        return .met(from: codes(lines))
    }
}

/// Criterion and indicator codes in reading order: `2` before `10`, `17.2` before `17.10`.
public enum CodeOrder {
    public static func less(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.split(separator: ".").map { Int($0) ?? Int.max }, right = rhs.split(separator: ".").map { Int($0) ?? Int.max }
        return left != right ? left.lexicographicallyPrecedes(right) : lhs < rhs
    }
}
