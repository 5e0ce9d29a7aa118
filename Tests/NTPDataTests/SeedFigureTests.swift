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

    /// Every check of one stated figure (a figure may be recomputed in more than one way).
    func results(_ document: String, _ key: String) -> [Reconciliation] {
        data.reconciliations.filter { $0.documentID == document && $0.key == key }
    }

    /// Every disagreement between a stated figure and its parts is one the documents really contain
    /// (each listed in the document's notes.md); everything else they state adds up.
    @Test func theOnlyDisagreementsAreTheDocumentsOwn() {
        let disagreements = Set(data.reconciliations.filter { !$0.agrees }.map { "\($0.documentID)/\($0.key)" })
        #expect(
            disagreements == [
                "quang-hoa-2021-2025/capital_ntm_total",  // 82.199 includes the 2022-only 484,0
                "quang-hoa-2021-2025/capital_dtts_central_implemented_2022",  // 93.734 includes 1.100 of local budget
                "quang-hoa-2021-2025/criteria_planned_count_2024",  // the note under the matrix says 31, its cells 30
                "krong-no-2022/criteria_avg_per_commune_2022",  // 17,9 against 142/8 = 17,75
                "lang-son-2022/capital_total_2022",  // 4.760 against 4.770
                "lang-son-2022/capital_enterprise_percent_2022",  // 1,4 % against 1,7 %
                "lang-son-2022/capital_credit_percent_2022",  // 67,3 % against 67,2 %
                "lang-son-2022/criterion_14_percent_target_2022",  // 99,5 % against 180/181 = 99,4 %
                "lang-son-2022/criterion_19_percent_target_2022",  // 96,6 % against 175/181 = 96,7 %
                "loc-binh-2024/avg_criteria_per_commune_target_2024",  // 14,16 against 273/19 and the annex's own 14,37
            ])
        // Two figures are checked two ways that both disagree (Lạng Sơn's 1,4 % and 67,3 %), one against its parts
        // and the average the annex states (Lộc Bình's 14,16): 13 warnings for 10 figures.
        #expect(data.reconciliations.filter { !$0.agrees }.count == 13)
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

    /// The note under the matrix ends the file, on a line with no final newline (L314): the criteria to complete each
    /// year. The matrix's cells give three of the four; for 2024 they give 30, not the stated 31.
    @Test func quangHoaPerYearTotalsOfTheNoteUnderTheMatrix() throws {
        let years = try [2022, 2023, 2024, 2025].map { try result("quang-hoa-2021-2025", "criteria_planned_count_\($0)") }
        #expect(years.map(\.stated) == [29, 32, 31, 30])
        #expect(years.map(\.computed) == [29, 32, 30, 30])
        #expect(years.map(\.agrees) == [true, true, false, true])
        #expect(years.allSatisfy { $0.statedProvenance.hasPrefix("000_5b912bceceed0a91.txt#L314 ") })
        // The matrix fills its 16 × 19 = 304 cells with 183 x and 121 years; the stated totals would need one cell more.
        let met = try result("quang-hoa-2021-2025", "criteria_met_count_total").computed
        #expect(met + years.map(\.computed).reduce(0, +) == 304)
        #expect(met + years.map(\.stated).reduce(0, +) == 305)
    }

    @Test func quangHoaProgramsComponentsAndAverage() throws {
        let components = try result("quang-hoa-2021-2025", "program_component_count")
        #expect(components.computed == 11 && components.agrees)  // the 11 bullets of §III.4
        #expect(try result("quang-hoa-2021-2025", "capital_program_count_v5").computed == 3)
        // TB tiêu chí /xã, from the cells and from the stated 183 and 16: 11,4375 written 11.4.
        let averages = results("quang-hoa-2021-2025", "criteria_met_avg_per_commune")
        #expect(averages.count == 2 && averages.allSatisfy { $0.computed == Decimal(183) / 16 && $0.agrees })
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
        #expect(try result("lang-son-2022", "criterion_8_completion_communes_ntm_2022").agrees)  // L37's 10 are L17's 10
    }

    @Test func locBinhCountsAndAverage() throws {
        #expect(try result("loc-binh-2024", "criteria_met_total_2024_01_01").computed == 246)
        #expect(try result("loc-binh-2024", "criteria_target_total_2024").computed == 27)
        let average = try result("loc-binh-2024", "avg_criteria_per_commune_target_2024")
        #expect(average.computedRounded == Decimal(string: "14.37")! && !average.agrees)
    }

    /// The last row of Phụ lục 02 ends the file, on a line with no final newline (L400): the averages 12,95 on
    /// 01/01/2024 and 14,37 after 2024, each from the rows and from the stated totals. The text's 14,16 (L25)
    /// disagrees with the annex's parts and with the average the annex itself states.
    @Test func locBinhAveragesOfTheAnnexLastRow() throws {
        let start = results("loc-binh-2024", "avg_criteria_per_commune_2024_01_01")
        #expect(start.count == 2 && start.allSatisfy { $0.computed == Decimal(246) / 19 && $0.agrees })
        let planned = results("loc-binh-2024", "avg_criteria_per_commune_planned_2024")
        #expect(planned.count == 2 && planned.allSatisfy { $0.computed == Decimal(273) / 19 && $0.agrees })
        #expect((start + planned).allSatisfy { $0.statedProvenance.hasPrefix("003_f8159e3dafb9fbf1.txt#L400 ") })
        let text = results("loc-binh-2024", "avg_criteria_per_commune_target_2024")
        #expect(text.count == 2 && text.allSatisfy { $0.computedRounded == Decimal(string: "14.37")! && !$0.agrees })
    }

    @Test func bacKanTargetsByDistrict() throws {
        let checks = data.reconciliations.filter { $0.documentID == "bac-kan-2025" }
        #expect(!checks.isEmpty && checks.allSatisfy(\.agrees))
        #expect(try result("bac-kan-2025", "communes_target_ntm_2025").computed == 37)
        #expect(try result("bac-kan-2025", "villages_target_ntm_2025").computed == 50)
        #expect(try result("bac-kan-2025", "difficult_communes_outside_roadmap").computed == 29)
        #expect(try result("bac-kan-2025", "thematic_programs_count").computed == 6)  // the programs listed at L62
        let ntm = results("bac-kan-2025", "communes_target_ntm_2025")  // the 37 rows, and 14 + 23 as stated
        #expect(ntm.count == 2 && ntm.allSatisfy { $0.computed == 37 })
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
