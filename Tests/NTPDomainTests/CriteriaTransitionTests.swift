import NTPDomain
import Testing

/// Carrying a commune's status from QĐ 318 to the 2026-2030 set through a merge: met only where every
/// predecessor met it and the mapping says the new requirement is the same; everything else missing or
/// flagged for re-assessment, never guessed.
@Suite struct CriteriaTransitionTests {
    let p = Provenance("test")

    /// A small new set: criterion A with indicators A.1 and A.2, criterion B without indicators, and
    /// criterion C with no old counterpart.
    var newSet: CriteriaSet {
        let groups = CommuneGroup.allCases.map { CommuneClass(code: $0.classCode, nameVi: "", nameEn: "") }
        return CriteriaSet(
            id: "new", level: .commune, nameVi: "", nameEn: "", legalBasis: LegalReference(reference: "x"), valid: 2026...2030, classes: groups,
            groups: [],
            criteria: [
                Criterion(
                    code: "A", group: nil, nameVi: "", nameEn: "",
                    indicators: [
                        Indicator(code: "A.1", nameVi: "", nameEn: nil, thresholds: [], provenance: p),
                        Indicator(code: "A.2", nameVi: "", nameEn: nil, thresholds: [], provenance: p),
                    ], provenance: p),
                Criterion(code: "B", group: nil, nameVi: "", nameEn: "", indicators: [], provenance: p),
                Criterion(code: "C", group: nil, nameVi: "", nameEn: "", indicators: [], provenance: p),
            ], provenance: p)
    }

    /// Old 2 → A.1 one-to-one at the same requirement; old 3 → A.2, raised; old 17.1 and 17.2 → B
    /// together; old 19 → B partially for group 3 only.
    var mapping: CriteriaMapping {
        CriteriaMapping(
            fromSet: "old", toSet: "new",
            lines: [
                CriteriaMappingLine(oldCode: "2", newCriterion: "A", newIndicator: "A.1", relation: .oneToOne, change: .same, provenance: p),
                CriteriaMappingLine(oldCode: "3", newCriterion: "A", newIndicator: "A.2", relation: .oneToOne, change: .raised, provenance: p),
                CriteriaMappingLine(oldCode: "17.1", newCriterion: "B", relation: .manyToOne, change: .same, provenance: p),
                CriteriaMappingLine(oldCode: "17.2", newCriterion: "B", relation: .manyToOne, change: .same, provenance: p),
                CriteriaMappingLine(oldCode: "19", newCriterion: "B", relation: .partial, change: .same, groups: [.three], provenance: p),
                CriteriaMappingLine(oldCode: "5", newCriterion: nil, relation: .noCounterpart, change: .unknown, provenance: p),
            ])
    }

    /// Two predecessors: X met 2, 3, 17 and 19; Y met 2 and 17 only. The merged commune meets 2 and 17
    /// (what both met), not 3 or 19 (X alone).
    /// - A.1 ← 2, met by both, same requirement: met;
    /// - A.2 ← 3, not met by Y: missing (3 is the reason);
    /// - B ← 17.1 and 17.2 (17 met, so its sub-indicators are), and in group 3 also ← 19 (partial):
    ///   group 2 met; group 3 missing, because 19 was not met by Y;
    /// - C: no old counterpart: needs assessment.
    @Test func twoPredecessorsOneWithACriterionOneWithout() {
        let merged = CriteriaTransition.mergedMet([["2", "3", "17", "19"], ["2", "17"]])
        #expect(merged == ["2", "17"])
        let group2 = CriteriaTransition.carry(met: merged, group: .two, mapping: mapping, into: newSet)
        #expect(group2[TransitionTarget(criterion: "A", indicator: "A.1")] == .met(from: ["2"]))
        #expect(group2[TransitionTarget(criterion: "A", indicator: "A.2")] == .missing(because: ["3"]))
        #expect(group2[TransitionTarget(criterion: "B")] == .met(from: ["17.1", "17.2"]))
        #expect(group2[TransitionTarget(criterion: "C")] == .needsAssessment(.noCounterpart))
        #expect(group2.count == 4)
        let group3 = CriteriaTransition.carry(met: merged, group: .three, mapping: mapping, into: newSet)
        #expect(group3[TransitionTarget(criterion: "B")] == .missing(because: ["19"]))
    }

    /// Had both predecessors met everything: A.2 (requirement raised) and, in group 3, B (19 covers B
    /// only partly) need a new assessment instead of being taken as met.
    @Test func raisedAndPartialRequirementsAreFlaggedNotCarried() {
        let met: Set<String> = ["2", "3", "17", "19"]
        let group3 = CriteriaTransition.carry(met: met, group: .three, mapping: mapping, into: newSet)
        #expect(group3[TransitionTarget(criterion: "A", indicator: "A.2")] == .needsAssessment(.requirementRaised(old: ["3"])))
        #expect(group3[TransitionTarget(criterion: "B")] == .needsAssessment(.partialCoverage(old: ["19"])))
        // Group not known: every line counts, the most demanding reading.
        let unknownGroup = CriteriaTransition.carry(met: met, group: nil, mapping: mapping, into: newSet)
        #expect(unknownGroup[TransitionTarget(criterion: "B")] == .needsAssessment(.partialCoverage(old: ["19"])))
    }

    /// A sub-indicator the old status does not list, of a criterion that was not met, is not known:
    /// flagged, not read as missing or met.
    @Test func aSubIndicatorOfAMissedCriterionIsNotKnown() {
        let status = CriteriaTransition.carry(met: ["2", "17.1"], group: .two, mapping: mapping, into: newSet)
        #expect(status[TransitionTarget(criterion: "B")] == .needsAssessment(.oldStatusUnknown(old: ["17.2"])))
    }

    @Test func aLoweredRequirementReopensAMissedCriterion() {
        var lowered = mapping
        lowered.lines[1].change = .lowered
        let status = CriteriaTransition.carry(met: [], group: .two, mapping: lowered, into: newSet)
        #expect(status[TransitionTarget(criterion: "A", indicator: "A.2")] == .needsAssessment(.requirementLowered(old: ["3"])))
        #expect(status[TransitionTarget(criterion: "A", indicator: "A.1")] == .missing(because: ["2"]))
    }

    @Test func mergingNothingKnowsNothing() {
        #expect(CriteriaTransition.mergedMet([]) == [])
        #expect(CriteriaTransition.mergedMet([["1", "2"]]) == ["1", "2"])
    }

    @Test func codesSortInReadingOrder() {
        #expect(["17.10", "2", "17.2", "10", "1"].sorted(by: CodeOrder.less) == ["1", "2", "10", "17.2", "17.10"])
    }
}
