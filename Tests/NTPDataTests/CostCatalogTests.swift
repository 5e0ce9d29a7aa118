import Foundation
import NTPData
import NTPDomain
import Testing

@Suite struct CostCatalogTests {
    static let data = DataSet.load(root: DataFixture.repositoryData).0

    @Test func shippedNormsAreOrderedAndComplete() throws {
        let catalog = try #require(Self.data.costs)
        #expect(catalog.norms.map(\.criterion).sorted { Int($0)! < Int($1)! } == (1...19).map(String.init))
        for norm in catalog.norms {
            #expect(norm.low <= norm.base && norm.base <= norm.high, "criterion \(norm.criterion)")
            #expect(norm.split.values.reduce(0, +) == 100, "criterion \(norm.criterion)")
            #expect((1...3).contains(norm.buildYears))
            #expect(!norm.basis.isEmpty)
        }
    }

    @Test func provincesTerrainReachesItsCommunes() throws {
        let catalog = try #require(Self.data.costs)
        #expect(catalog.attributes.value("terrain", of: "cao-bang/quang-hoa/phuc-sen") == "mountainous")
        #expect(catalog.attributes.value("especially_difficult", of: "cao-bang/quang-hoa/phuc-sen") == nil)
        let flagged = Self.data.catalogs.localities.localities.values.first { $0.especiallyDifficult == true }!
        #expect(catalog.attributes.value("especially_difficult", of: flagged.id) == "yes")
    }

    @Test func quangHoaCostsFollowItsMatrix() throws {
        var diagnostics = Diagnostics()
        let url = DataFixture.repositoryData.deletingLastPathComponent().appendingPathComponent("Scenarios/quang-hoa-2021-2025.yaml")
        let scenario = try #require(CostScenario.load(url: url, data: Self.data, diagnostics: &diagnostics))
        #expect(diagnostics.errors.isEmpty)
        // The matrix's 304 cells: 183 met, 121 planned, every missing criterion planned by 2025.
        #expect(scenario.communes.count == 16)
        #expect(scenario.communes.map(\.missing.count).reduce(0, +) == 121)
        #expect(scenario.plannedCosts().count == 121)
        // Mountainous Cao Bằng: construction parts × 1,2.
        let costs = scenario.costs()
        let road = try #require(costs.first { $0.locality == "cao-bang/quang-hoa/phuc-sen" && $0.criterion == "2" })
        let norm = try #require(scenario.model.norms["2"])
        let construction = try #require(norm.split[.construction])
        #expect(road.byKind[.construction] == (try Money(dong: norm.base.dong * Int64(construction) / 100).times(Decimal(string: "1.2")!)))
    }

    @Test func upkeepOfMetCriteriaIsZeroUnlessANormStatesIt() throws {
        let url = DataFixture.repositoryData.deletingLastPathComponent().appendingPathComponent("Scenarios/quang-hoa-2021-2025.yaml")
        var diagnostics = Diagnostics()
        let shipped = try #require(CostScenario.load(url: url, data: Self.data, diagnostics: &diagnostics))
        #expect(shipped.maintenance().allSatisfy { $0.perYear == .zero })

        let fixture = try DataFixture()
        try fixture.edit("catalogs/cost-norms.yaml") { text in
            // Criterion 4 (electricity) costs 12 million a year to keep once met.
            text.replacingOccurrences(of: "  - criterion: \"4\"\n", with: "  - criterion: \"4\"\n    maintenance_per_year: \"12\"\n")
        }
        let data = fixture.load().0
        let scenario = try #require(CostScenario.load(url: url, data: data, diagnostics: &diagnostics))
        // All 16 Quảng Hòa communes meet criterion 4 in the matrix.
        #expect(scenario.maintenance().map(\.perYear) == Array(repeating: Money(dong: 12_000_000), count: 16))
    }

    @Test func badNormsAreRejected() throws {
        let fixture = try DataFixture()
        try fixture.edit("catalogs/cost-norms.yaml") { text in
            var changed = text.replacingOccurrences(of: "construction: 80, recurrent: 0, credit: 0, community_enterprise: 20", with: "construction: 80, recurrent: 0, credit: 0, community_enterprise: 25")
            changed = changed.replacingOccurrences(of: "build_years: 2", with: "build_years: 4", options: [], range: changed.range(of: "build_years: 2"))
            return changed
        }
        let errors = fixture.load().1.errors.map { "\($0.key ?? ""): \($0.message)" }
        #expect(errors.contains { $0.hasSuffix("split: adds up to 105, not 100") })
        #expect(errors.contains { $0.contains("build_years: must be 1, 2 or 3, not 4") })
    }

    @Test func overridesAreValidatedAndApplied() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-costs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            name: overrides
            phase: "2021-2025"
            scope: cao-bang/quang-hoa
            criteria_set: qd318-2021-2025-commune
            money_unit: trieu
            envelopes: []
            status: {document: quang-hoa-2021-2025}
            costs: {overrides: overrides.csv}
            """.write(to: folder.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        let header = "locality,criterion,amount,unit,construction,recurrent,credit,community_enterprise,provenance\n"
        try (header + "Phúc Sen,2,4500,trieu_dong,,,,,phòng KT-HT estimate 2024\n").write(to: folder.appendingPathComponent("overrides.csv"), atomically: true, encoding: .utf8)
        var diagnostics = Diagnostics()
        let scenario = try #require(CostScenario.load(url: folder.appendingPathComponent("s.yaml"), data: Self.data, diagnostics: &diagnostics))
        let road = try #require(scenario.costs().first { $0.locality == "cao-bang/quang-hoa/phuc-sen" && $0.criterion == "2" })
        #expect(road.amount == Money(dong: 4_500_000_000) && road.steps == ["override: phòng KT-HT estimate 2024"])

        try (header + "Phúc Sen,2,4500,trieu_dong,50,50,10,,x\nNowhere,2,1,trieu_dong,,,,,x\nPhúc Sen,2,1,trieu_dong,,,,,x\n")
            .write(to: folder.appendingPathComponent("overrides.csv"), atomically: true, encoding: .utf8)
        diagnostics = Diagnostics()
        #expect(CostScenario.load(url: folder.appendingPathComponent("s.yaml"), data: Self.data, diagnostics: &diagnostics) == nil)
        #expect(diagnostics.errors.map { "\($0.line ?? 0):\($0.key ?? "")" } == ["2:construction", "3:locality", "4:criterion"])
    }
}
