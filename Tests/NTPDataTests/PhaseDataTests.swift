import Foundation
import NTPData
import NTPDomain
import Testing

/// The 2026-2030 data: the QĐ 51 set and its gaps, the QĐ 318 → QĐ 51 mapping, the classification of
/// the new communes, the central coefficients; and every rule of their loaders broken by a crafted copy.
@Suite struct PhaseDataTests {
    static let (data, diagnostics) = DataSet.load(root: DataFixture.repositoryData)
    let set51 = "catalogs/criteria/qd51-2026-2030-commune.yaml"
    let requirements = "catalogs/criteria/qd51-2026-2030-commune.requirements.csv"
    let mapping = "catalogs/criteria/mappings/qd318-2021-2025-commune-to-qd51-2026-2030-commune.csv"
    let classification = "localities/classification-2026.csv"
    let coefficients = "catalogs/allocation-coefficients-2026-2030.yaml"

    func onlyError(_ fixture: DataFixture, sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let (_, diagnostics) = fixture.load()
        #expect(diagnostics.errors.count == 1, "\(diagnostics.errors)", sourceLocation: sourceLocation)
        return try #require(diagnostics.errors.first, sourceLocation: sourceLocation)
    }

    @Test func theNewSetLoadsWithItsGroupsValidityAndDeclaredCount() throws {
        #expect(Self.diagnostics.errors.isEmpty, "\(Self.diagnostics.errors)")
        let set = try #require(Self.data.catalogs.criteriaSets["qd51-2026-2030-commune"])
        #expect(set.criteria.map(\.code) == (1...10).map(String.init))
        #expect(set.communeGroups == [.one, .two, .three])
        #expect(set.valid == 2026...2030 && set.inForceFrom == "2026-02-15" && set.declaredIndicatorCount == 47)
        #expect(set.legalBasis.reference == "51/2025/QĐ-TTg" && set.legalBasis.date == "2025-12-29")
        #expect(set.criteria.allSatisfy { $0.indicatorSourcing.isUnsourced })
    }

    /// Every unsourced part is a note of its own, not a warning: the 10 criteria's indicators, the 47
    /// indicators not listed, the communes without a class; `ntp validate`'s warnings stay the
    /// documents' inconsistencies.
    @Test func everyUnsourcedPartIsANote() {
        let notes = Self.diagnostics.notes.filter { $0.file == set51 }
        #expect(notes.filter { $0.key?.hasSuffix(".indicators") == true }.count == 10)
        #expect(notes.allSatisfy { $0.message.description.hasPrefix("unsourced: ") })
        #expect(notes.contains { $0.key == "indicator_count" && $0.message.description.contains("47 of the 47 indicators are not listed") })
        #expect(Self.diagnostics.notes.contains { $0.file == coefficients && $0.message.description.contains("the number of the decision") })
        #expect(Self.diagnostics.notes.contains { $0.file == classification && $0.message.description.contains("61 of 61 communes") })
        #expect(Self.diagnostics.warnings.allSatisfy { $0.file.hasPrefix("seeds/") })
    }

    /// Every criterion and listed sub-indicator of QĐ 318 has a line; every criterion of QĐ 51 is
    /// reached (no note of a target without counterpart); each old criterion carries its cost once.
    @Test func theMappingCoversBothSets() throws {
        let catalogs = Self.data.catalogs
        let map = try #require(catalogs.mapping(from: "qd318-2021-2025-commune", to: "qd51-2026-2030-commune"))
        let old = try #require(catalogs.criteriaSets["qd318-2021-2025-commune"])
        let oldCodes = old.criteria.flatMap { [$0.code] + $0.indicators.map(\.code) }
        #expect(oldCodes.count == 19 + 29)
        #expect(Set(map.lines.map(\.oldCode)) == Set(oldCodes))
        let new = try #require(catalogs.criteriaSets["qd51-2026-2030-commune"])
        for target in CriteriaTransition.targets(of: new) {
            #expect(map.lines.contains { $0.newCriterion == target.criterion }, "\(target) has no counterpart")
        }
        #expect(!Self.diagnostics.notes.contains { $0.file == mapping })
        for criterion in old.criteria { #expect(map.lines.filter { $0.oldCode == criterion.code && $0.carriesCost }.count == 1) }
    }

    /// A commune that met all 19 criteria of QĐ 318 is met on nothing of QĐ 51 without a new
    /// assessment (the requirements are not sourced); one that missed 17 misses new criterion 8.
    @Test func theShippedMappingCarriesNothingSilently() throws {
        let catalogs = Self.data.catalogs
        let map = try #require(catalogs.mapping(from: "qd318-2021-2025-commune", to: "qd51-2026-2030-commune"))
        let new = try #require(catalogs.criteriaSets["qd51-2026-2030-commune"])
        let all = Set((1...19).map(String.init))
        let carried = CriteriaTransition.carry(met: all, group: .three, mapping: map, into: new)
        #expect(carried.count == 10 && carried.values.allSatisfy { !$0.isMet })
        let without17 = CriteriaTransition.carry(met: all.subtracting(["17"]), group: .three, mapping: map, into: new)
        #expect(without17[TransitionTarget(criterion: "8")] == .missing(because: ["17"]))
    }

    @Test func theClassificationKeepsUnknownsUnknown() throws {
        let classes = Self.data.catalogs.classifications
        #expect(classes.count == 61)
        let bingGia = try #require(classes["lang-son/binh-gia"])
        #expect(bingGia.especiallyDifficultVillages == 0 && bingGia.zone == nil && bingGia.border == nil)
        #expect(classes["lang-son/mau-son"]?.especiallyDifficultVillages == nil)
        let coefficients = try #require(Self.data.catalogs.centralCoefficients)
        #expect(coefficients == .phase2026)
        if case .failure(.unknownClass(let commune, let attributes)) = coefficients.coefficient(of: bingGia) {
            #expect(commune == "lang-son/binh-gia" && attributes.contains("ethnic_zone") && !attributes.contains("especially_difficult_villages"))
        } else {
            Issue.record("an unknown zone must not give a coefficient")
        }
    }

    /// The shipped QĐ 51 norms are what the derivation gives from the QĐ 318 norms through the mapping,
    /// figure by figure; their base total is the old one (58.600 triệu): nothing lost or counted twice.
    @Test func theNewNormsAreTheOldOnesCarriedThroughTheMapping() throws {
        let data = Self.data
        let old = try #require(data.costs)
        let shipped = try #require(data.costsBySet["qd51-2026-2030-commune"])
        let map = try #require(data.catalogs.mapping(from: "qd318-2021-2025-commune", to: "qd51-2026-2030-commune"))
        let derived = try CostNormDerivation.derive(from: old.norms, through: map)
        #expect(derived.map(\.criterion) == (1...10).map(String.init))
        for (file, computed) in zip(shipped.norms, derived) {
            #expect(file.criterion == computed.criterion)
            #expect(file.low == computed.low && file.base == computed.base && file.high == computed.high, "\(file.criterion)")
            #expect(file.split == computed.split && file.buildYears == computed.buildYears && file.maintenancePerYear == computed.maintenancePerYear)
        }
        #expect(try shipped.norms.map(\.base).total() == old.norms.map(\.base).total())
        #expect(try shipped.norms.map(\.base).total() == Money(58_600, .trieu))
    }

    /// `Scenarios/status/lang-son-2026-2030.csv`: for the 7 merged Lộc Bình communes, what
    /// `CriteriaTransition.carry` gives from their QĐ 318 status (`status/loc-binh-merged-2026.csv`), row
    /// by row; for the other 54 xã of the province, whose predecessors the data does not name, every
    /// criterion needs assessment; nothing is met.
    @Test func theLangSonTransitionStatusIsTheCarryOfTheMergedStatus() throws {
        let scenarios = DataFixture.repositoryData.deletingLastPathComponent().appendingPathComponent("Scenarios/status")
        func rows(_ name: String) throws -> [[String]] {
            try String(contentsOf: scenarios.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").dropFirst()
                .map { $0.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false).map(String.init) }
        }
        var met: [String: Set<String>] = [:]
        for row in try rows("loc-binh-merged-2026.csv") where row[2] == "met" { met[row[0], default: []].insert(row[1]) }
        #expect(met.count == 7)
        let map = try #require(Self.data.catalogs.mapping(from: "qd318-2021-2025-commune", to: "qd51-2026-2030-commune"))
        let new = try #require(Self.data.catalogs.criteriaSets["qd51-2026-2030-commune"])
        let all = try rows("lang-son-2026-2030.csv")
        #expect(all.count == 610 && Set(all.map { $0[0] }) == Set(Self.data.catalogs.classifications.keys))
        let shipped = all.filter { met[$0[0]] != nil }
        #expect(shipped.count == 70)
        for row in all where met[row[0]] == nil {
            #expect(row[2] == "needs_assessment" && row[4].contains("no status carried"), "\(row[0]) \(row[1])")
        }
        for row in shipped {
            let carried = CriteriaTransition.carry(met: met[row[0]] ?? [], group: nil, mapping: map, into: new)[TransitionTarget(criterion: row[1])]
            let expected = switch carried {
            case .met: "met"
            case .missing: "missing"
            case .needsAssessment: "needs_assessment"
            case nil: "?"
            }
            #expect(row[2] == expected, "\(row[0]) \(row[1])")
        }
    }

    // MARK: - Rules broken one at a time

    @Test func requirementForAnUnknownCriterion() throws {
        let fixture = try DataFixture()
        try fixture.append(requirements, "11,11.1,Tên,1,Đạt,,,,Sở NN&MT test")
        let error = try onlyError(fixture)
        #expect(error.file == requirements && error.line == 2 && error.key == "criterion" && error.message.description.contains("unknown criterion “11”"))
    }

    @Test func requirementWithAMalformedIndicatorCode() throws {
        let fixture = try DataFixture()
        try fixture.append(requirements, "2,3.1,Tên,1,Đạt,,,,Sở NN&MT test")
        let error = try onlyError(fixture)
        #expect(error.line == 2 && error.key == "indicator" && error.message.description.contains("unknown indicator code “3.1”; expected 2.<number>"))
    }

    @Test func requirementForAWrongGroup() throws {
        let fixture = try DataFixture()
        try fixture.append(requirements, "2,2.1,Tên,4,Đạt,,,,Sở NN&MT test")
        let error = try onlyError(fixture)
        #expect(error.line == 2 && error.key == "group" && error.message.description.contains("wrong group “4”; expected 1, 2, 3, all"))
    }

    @Test func requirementTwiceForOneGroup() throws {
        let fixture = try DataFixture()
        try fixture.append(requirements, "2,2.1,Tên,1,Đạt,,,,Sở NN&MT test")
        try fixture.append(requirements, "2,2.1,,1,Đạt,,,,Sở NN&MT test")
        let error = try onlyError(fixture)
        #expect(error.line == 3 && error.message.description.contains("the first is on line 2"))
    }

    @Test func requirementOfANewIndicatorWithoutItsName() throws {
        let fixture = try DataFixture()
        try fixture.append(requirements, "2,2.1,,1,,≥,90,%,Sở NN&MT test")
        let error = try onlyError(fixture)
        #expect(error.line == 2 && error.key == "name_vi" && error.message.description.contains("give its name on its first row"))
    }

    @Test func requirementWithANumberButNoUnit() throws {
        let fixture = try DataFixture()
        try fixture.append(requirements, "2,2.1,Tỷ lệ đường,1,,≥,90,,Sở NN&MT test")
        let error = try onlyError(fixture)
        #expect(error.line == 2 && error.key == "unit")
    }

    @Test func moreIndicatorsThanTheSourceStates() throws {
        let fixture = try DataFixture()
        try fixture.edit(set51) { $0.replacingOccurrences(of: "  value: 47\n", with: "  value: 1\n") }
        try fixture.append(requirements, "2,2.1,Một,1,Đạt,,,,Sở NN&MT test")
        try fixture.append(requirements, "2,2.2,Hai,1,Đạt,,,,Sở NN&MT test")
        let error = try onlyError(fixture)
        #expect(error.file == requirements && error.message.description.contains("the set has 2, more than the 1 its source states"))
    }

    /// A department's requirement is loaded as supplied: the criterion's gap note says so, and the
    /// requirement applies to its group only.
    @Test func aSuppliedRequirementIsLoadedAndMarked() throws {
        let fixture = try DataFixture()
        try fixture.append(requirements, "2,2.1,Tỷ lệ đường xã được cứng hóa,3,,≥,70,%,Sở NN&MT Lạng Sơn (test)")
        let (data, diagnostics) = fixture.load()
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        let indicator = try #require(data.catalogs.criteriaSets["qd51-2026-2030-commune"]?.indicator("2.1"))
        #expect(indicator.requirements(for: .three).map(\.value) == [70])
        #expect(indicator.requirements(for: .one).isEmpty)
        #expect(indicator.sourcing == .supplied(Provenance("\(requirements):2")))
        #expect(diagnostics.notes.contains { $0.key == "criteria[1].indicators" && $0.message.description.contains("1 indicators supplied") })
    }

    /// A requirement the catalog states from a source wins; a department's different figure is a warning
    /// naming both.
    @Test func aSuppliedRequirementThatDisagreesWithTheSourcedOne() throws {
        let fixture = try DataFixture()
        try fixture.edit(set51) {
            $0.replacingOccurrences(
                of: "  indicators: []\n",
                with: """
                      indicators:
                      - code: '1.1'
                        name_vi: Có quy hoạch chung xã
                        provenance: test source
                        thresholds:
                        - applies_to: group-1
                          comparator: ≥
                          value: 90
                          unit: '%'
                          provenance: test source

                    """, options: [], range: $0.range(of: "  indicators: []\n"))
        }
        try fixture.append(requirements, "1,1.1,,1,,≥,80,%,Sở NN&MT test")
        let (_, diagnostics) = fixture.load()
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        let warning = try #require(diagnostics.warnings.first { $0.file == requirements })
        #expect(warning.line == 2 && warning.key == "value" && warning.message.description.contains("disagrees with the sourced requirement of 1.1 for group 1: ≥ 90 %"))
    }

    @Test func anUnsourcedPartWithoutItsReason() throws {
        let fixture = try DataFixture()
        try fixture.edit(set51) { text in
            let range = text.range(of: #"    reason: [^\n]*\n"#, options: .regularExpression)!
            return text.replacingCharacters(in: range, with: "    reason: ''\n")
        }
        let error = try onlyError(fixture)
        #expect(error.file == set51 && error.key == "criteria[0].indicators_status.reason")
    }

    @Test func aMalformedInForceDate() throws {
        let fixture = try DataFixture()
        try fixture.edit(set51) { $0.replacingOccurrences(of: "in_force_from: '2026-02-15'", with: "in_force_from: 15/02/2026") }
        let error = try onlyError(fixture)
        #expect(error.key == "in_force_from" && error.message.description.contains("“15/02/2026” must be an ISO date"))
    }

    @Test func aMappingLineForAnUnknownOldCode() throws {
        let fixture = try DataFixture()
        try fixture.append(mapping, "17.13,8,,many_to_one,unknown,,no,assumption: test")
        let error = try onlyError(fixture)
        #expect(error.file == mapping && error.line == 53 && error.key == "old_code" && error.message.description.contains("“17.13” is not a criterion"))
    }

    @Test func aMappingLineForAnUnknownNewCriterionOrRelation() throws {
        let fixture = try DataFixture()
        try fixture.append(mapping, "17.1,11,,many_to_one,unknown,,no,assumption: test")
        try fixture.append(mapping, "17.1,8,,some,unknown,,no,assumption: test")
        try fixture.append(mapping, "17.1,8,8.1,many_to_one,unknown,,no,assumption: test")
        try fixture.append(mapping, "17.1,8,,many_to_one,unknown,5,no,assumption: test")
        let (_, diagnostics) = fixture.load()
        let errors = diagnostics.errors(in: mapping)
        #expect(errors.map(\.line) == [53, 54, 55, 56])
        #expect(errors.map(\.key) == ["new_criterion", "relation", "new_indicator", "groups"])
    }

    @Test func anOldCriterionWithoutALine() throws {
        let fixture = try DataFixture()
        try fixture.edit(mapping) { $0.split(separator: "\n").filter { !$0.hasPrefix("19.2,") }.joined(separator: "\n") + "\n" }
        let error = try onlyError(fixture)
        #expect(error.file == mapping && error.message.description.contains("no line for 19.2 of qd318-2021-2025-commune"))
    }

    @Test func aCostCarriedTwice() throws {
        let fixture = try DataFixture()
        try fixture.append(mapping, "16,3,,one_to_many,unknown,,yes,assumption: test")
        let error = try onlyError(fixture)
        #expect(error.key == "16" && error.message.description.contains("exactly one line"))
    }

    @Test func aClassificationOfAnOldCommune() throws {
        let fixture = try DataFixture()
        try fixture.append(classification, "lang-son/loc-binh/mau-son,3,III,,,,,2,test")
        let error = try onlyError(fixture)
        #expect(error.file == classification && error.line == 63 && error.key == "locality_id" && error.message.description.contains("not a commune of the map since 2025-07-01"))
    }

    @Test func aClassificationWithWrongValues() throws {
        let fixture = try DataFixture()
        try fixture.edit(classification) { $0.replacingOccurrences(of: "lang-son/ba-son,,,,,,,0,", with: "lang-son/ba-son,4,IV,maybe,,,,-1,") }
        let (_, diagnostics) = fixture.load()
        #expect(diagnostics.errors(in: classification).compactMap(\.key).sorted() == ["border", "commune_group", "especially_difficult_villages", "ethnic_zone"])
    }

    @Test func groupThreeForAZoneICommune() throws {
        let fixture = try DataFixture()
        try fixture.edit(classification) { $0.replacingOccurrences(of: "lang-son/ba-son,,,,,,,0,", with: "lang-son/ba-son,3,I,,,,,0,") }
        let error = try onlyError(fixture)
        #expect(error.key == "commune_group" && error.message.description.contains("group 3 is for zone II and III communes; this one is zone I"))
    }

    @Test func aCommuneClassifiedTwice() throws {
        let fixture = try DataFixture()
        try fixture.append(classification, "lang-son/ba-son,,,,,,,0,test")
        let error = try onlyError(fixture)
        #expect(error.line == 63 && error.message.description.contains("classified twice (the first on line"))
    }

    @Test func brokenCoefficients() throws {
        let fixture = try DataFixture()
        try fixture.edit(coefficients) {
            $0.replacingOccurrences(of: "zone_II: 40", with: "zone_II: -40").replacingOccurrences(of: "village_rule: added", with: "village_rule: sum")
        }
        let (_, diagnostics) = fixture.load()
        #expect(diagnostics.errors(in: coefficients).compactMap(\.key).sorted() == ["coefficients.zone_II", "village_rule"])
    }
}
