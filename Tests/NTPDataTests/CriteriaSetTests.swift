import Foundation
import NTPData
import NTPDomain
import Testing

/// Criteria sets whose requirements differ by commune class, and sets of other levels.
@Suite struct CriteriaSetTests {
    /// A set shaped like the 2026-2030 one: an income requirement that differs by commune group.
    let groupedSet = """
        id: test-2026-2030-commune
        level: commune
        name_vi: "Bộ tiêu chí thử"
        name_en: "Test set"
        legal_basis: {reference: "test"}
        valid: {from: 2026, to: 2030}
        provenance: "assumption: a test file"
        classes:
          - {code: group-1, name_vi: "Nhóm 1", name_en: "Group 1"}
          - {code: group-2, name_vi: "Nhóm 2", name_en: "Group 2"}
        groups:
          - {code: "III", name_vi: "Kinh tế", name_en: "Economy"}
        criteria:
          - code: "10"
            group: "III"
            name_vi: "Thu nhập"
            name_en: "Income"
            provenance: "assumption: a test file"
            indicators:
              - code: "10.1"
                name_vi: "Thu nhập bình quân đầu người"
                provenance: "assumption: a test file"
                thresholds:
                  - {applies_to: group-1, comparator: ">=", value: 70, unit: trieu_dong_per_person_year, year: 2026, provenance: "assumption: a test file"}
                  - {applies_to: group-2, comparator: ">=", value: 55, unit: trieu_dong_per_person_year, year: 2026, provenance: "assumption: a test file"}
        """

    @Test func thresholdsByCommuneGroupLoad() throws {
        let fixture = try DataFixture()
        try groupedSet.write(to: fixture.root.appendingPathComponent("catalogs/criteria/test-2026-2030-commune.yaml"), atomically: true, encoding: .utf8)
        let (data, diagnostics) = fixture.load()
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        let set = try #require(data.catalogs.criteriaSets["test-2026-2030-commune"])
        let income = try #require(set.criterion(for: "10.1")?.indicators.first)
        #expect(income.thresholds.map(\.appliesTo) == [.communeClass("group-1"), .communeClass("group-2")])
        #expect(income.thresholds.map(\.value) == [70, 55])
        #expect(set.contains(code: "10.1") && !set.contains(code: "10.2"))
    }

    @Test func aThresholdForAnUndeclaredClassIsAnError() throws {
        let fixture = try DataFixture()
        let broken = groupedSet.replacingOccurrences(of: "applies_to: group-2", with: "applies_to: group-3")
        try broken.write(to: fixture.root.appendingPathComponent("catalogs/criteria/test-2026-2030-commune.yaml"), atomically: true, encoding: .utf8)
        let errors = fixture.load().1.errors
        #expect(errors.count == 1)
        #expect(errors.first?.key == "criteria[0].indicators[0].thresholds[1].applies_to")
        #expect(errors.first?.message.description.contains("unknown class “group-3”") == true)
    }

    @Test func shippedSetsCoverEveryLevelTheSeedsUse() {
        let (data, _) = DataSet.load(root: DataFixture.repositoryData)
        let sets = data.catalogs.criteriaSets
        #expect(sets["qd318-2021-2025-commune"]?.criteria.map(\.code) == (1...19).map(String.init))
        #expect(sets["qd318-2021-2025-commune"]?.legalBasis.reference == "318/QĐ-TTg")
        #expect(sets["qd318-2021-2025-commune-advanced"]?.level == .communeAdvanced)
        #expect(sets["qd319-2021-2025-commune-model"]?.criteria.count == 4)
        #expect(sets["qd320-2021-2025-district"]?.level == .district)
    }
}
