import Foundation
import NTPData
import NTPDomain
import Testing

/// The figures each source plan states, recomputed from the parts transcribed from it.
@Suite struct SeedFigureTests {
    static let loaded = DataSet.load(root: DataFixture.repositoryData)
    var data: DataSet { Self.loaded.0 }

    func result(_ document: String, _ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Reconciliation {
        let matches = data.reconciliations.filter { $0.documentID == document && $0.key == key }
        return try #require(matches.first, "no check of \(key) in \(document)", sourceLocation: sourceLocation)
    }

    /// Every disagreement between a stated figure and its parts is one the documents really contain
    /// (each listed in the document's notes.md); everything else they state adds up.
    @Test func theOnlyDisagreementsAreTheDocumentsOwn() {
        let disagreements = Set(data.reconciliations.filter { !$0.agrees }.map { "\($0.documentID)/\($0.key)" })
        #expect(
            disagreements == [
                "quang-hoa-2021-2025/capital_ntm_total",  // 82.199 includes the 2022-only 484,0
                "quang-hoa-2021-2025/capital_dtts_central_implemented_2022",  // 93.734 includes 1.100 of local budget
                "krong-no-2022/criteria_avg_per_commune_2022",  // 17,9 against 142/8 = 17,75
                "lang-son-2022/capital_total_2022",  // 4.760 against 4.770
                "lang-son-2022/capital_enterprise_percent_2022",  // 1,4 % against 1,7 %
                "lang-son-2022/capital_credit_percent_2022",  // 67,3 % against 67,2 %
                "lang-son-2022/criterion_14_percent_target_2022",  // 99,5 % against 180/181 = 99,4 %
                "lang-son-2022/criterion_19_percent_target_2022",  // 96,6 % against 175/181 = 96,7 %
                "loc-binh-2024/avg_criteria_per_commune_target_2024",  // 14,16 against 273/19 = 14,37
            ])
        #expect(data.reconciliations.count > 250)
    }

    @Test func quangHoaMatrixReproducesItsCounts() throws {
        #expect(try result("quang-hoa-2021-2025", "criteria_met_count_total").computed == 183)
        #expect(try result("quang-hoa-2021-2025", "criteria_met_count_cai_bo").computed == 7)
        #expect(try result("quang-hoa-2021-2025", "communes_met_count_by_criterion_10").computed == 0)
        let average = try result("quang-hoa-2021-2025", "criteria_met_avg_per_commune")
        #expect(average.computed == Decimal(183) / 16 && average.agrees)  // 11,4375 written 11.4
        #expect(try result("quang-hoa-2021-2025", "capital_total").computed == 461506)
    }

    @Test func quangHoaPlannedCriteriaByYear() throws {
        let district = try #require(data.catalogs.localities["cao-bang/quang-hoa"])
        let status = data.status(of: district)
        #expect(status.communes.count == 16)
        let byYear = Dictionary(grouping: status.communes.flatMap { $0.planned.flatMap { year, codes in codes.map { _ in year } } }) { $0 }
            .mapValues(\.count)
        #expect(byYear == [2022: 29, 2023: 32, 2024: 30, 2025: 30])
        #expect(status.communes.allSatisfy { $0.met.count + $0.planned.values.map(\.count).reduce(0, +) == 19 })
        #expect(status.communes.first?.commune.name == "Đại Sơn")  // the matrix's order
    }

    @Test func langSonCapitalAndCriterionShares() throws {
        let total = try result("lang-son-2022", "capital_total_2022")
        #expect(total.stated == 4760 && total.computed == 4770)
        #expect(try result("lang-son-2022", "criterion_3_percent_target_2022").agrees)  // 179/181 = 98,9 %
        let criterion14 = try result("lang-son-2022", "criterion_14_percent_target_2022")
        #expect(criterion14.computedRounded == Decimal(string: "99.4")! && criterion14.stated == Decimal(string: "99.5")!)
    }

    @Test func locBinhCountsAndAverage() throws {
        #expect(try result("loc-binh-2024", "criteria_met_total_2024_01_01").computed == 246)
        #expect(try result("loc-binh-2024", "criteria_target_total_2024").computed == 27)
        let average = try result("loc-binh-2024", "avg_criteria_per_commune_target_2024")
        #expect(average.computedRounded == Decimal(string: "14.37")! && !average.agrees)
    }

    @Test func bacKanTargetsByDistrict() throws {
        let checks = data.reconciliations.filter { $0.documentID == "bac-kan-2025" }
        #expect(!checks.isEmpty && checks.allSatisfy(\.agrees))
        #expect(try result("bac-kan-2025", "communes_target_ntm_2025").computed == 37)
        #expect(try result("bac-kan-2025", "villages_target_ntm_2025").computed == 50)
        #expect(try result("bac-kan-2025", "difficult_communes_outside_roadmap").computed == 29)
        let province = try #require(data.catalogs.localities["bac-kan"])
        let flagged = data.catalogs.localities.descendants(of: province.id).filter { $0.especiallyDifficult == true }
        #expect(flagged.count == 29)
    }

    @Test func krongNoTargetedCriteria() throws {
        #expect(try result("krong-no-2022", "criteria_added_total_2022").computed == 21)
        #expect(try result("krong-no-2022", "criteria_target_2022_nam_nung").agrees)
    }

    @Test func mergesCarryCommunesIntoTheTwoLevelShape() {
        let registry = data.catalogs.localities
        #expect(registry.successors(of: "cao-bang/quang-hoa/phuc-sen") == ["cao-bang/quang-uyen"])
        // Every pre-2025 district ended with the two-level government.
        #expect(registry.localities.values.filter { $0.level == .district }.allSatisfy { $0.validTo == "2025-06-30" })
    }
}
