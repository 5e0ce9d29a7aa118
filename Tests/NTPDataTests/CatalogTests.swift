import NTPData
import NTPDomain
import Testing

@Suite struct CatalogTests {
    let catalogs = DataSet.load(root: DataFixture.repositoryData).0.catalogs

    @Test func aPhaseHasThreeProgramsOrOneMerged() throws {
        let first = try #require(catalogs.phase("2021-2025"))
        #expect(first.years == 2021...2025 && first.programCodes == ["NTM", "GNBV", "DTTS"])
        #expect(catalogs.program("NTM")?.decision.reference == "263/QĐ-TTg")
        let second = try #require(catalogs.phase("2026-2035"))
        #expect(second.programCodes.count == 1)
        let merged = try #require(catalogs.program(second.programCodes[0]))
        #expect(merged.decision.reference == "257/2025/QH15" && merged.continues == ["NTM", "GNBV", "DTTS"])
    }

    @Test func capitalSourcesFormATree() {
        #expect(catalogs.source("central_investment")?.parent == "central")
        #expect(catalogs.source("central_investment")?.spending == .investment)
        #expect(catalogs.source("central_recurrent")?.spending == .recurrent)
        #expect(catalogs.source("central")?.parent == "state_budget")
        #expect(["local_province", "local_district", "local_commune"].compactMap { catalogs.source($0)?.level } == [.province, .district, .commune])
        for code in ["integrated", "credit", "enterprise", "community"] { #expect(catalogs.source(code) != nil) }
    }

    @Test func localitiesHaveTheirLevelsAndFlags() throws {
        let registry = catalogs.localities
        #expect(registry.path(to: "cao-bang/quang-hoa/phuc-sen").map(\.name) == ["Cao Bằng", "Quảng Hòa", "Phúc Sen"])
        #expect(registry.children(of: "cao-bang/quang-hoa").count == 16)
        #expect(registry.children(of: "lang-son/loc-binh").count == 19)
        // Flags are unknown unless a source says.
        #expect(registry["cao-bang/quang-hoa/phuc-sen"]?.border == nil)
    }
}
