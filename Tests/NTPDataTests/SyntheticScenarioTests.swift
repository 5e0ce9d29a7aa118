import Foundation
import NTPData
import NTPDomain
import Testing

/// `ntp generate`'s library part: the synthetic province is deterministic, loads with the real loaders,
/// and has the distributions docs/generate.md states.
@Suite struct SyntheticScenarioTests {
    static let source: DataSet = DataSet.load(root: DataFixture.repositoryData).0

    func folder() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("ntp-synthetic-\(UUID().uuidString)") }

    @Test func theSameSeedGivesTheSameFilesAndAnotherSeedOthers() throws {
        let a = try SyntheticScenario(.init(communes: 20, years: 4, seed: 7), source: Self.source)
        let b = try SyntheticScenario(.init(communes: 20, years: 4, seed: 7), source: Self.source)
        let c = try SyntheticScenario(.init(communes: 20, years: 4, seed: 8), source: Self.source)
        #expect(a.files == b.files)
        #expect(a.files.map(\.path) == c.files.map(\.path))
        let differing = zip(a.files, c.files).filter { $0.contents != $1.contents }.map(\.0.path)
        #expect(Set(differing).isSuperset(of: ["scenario.yaml", "status.csv", "data/localities/localities.csv"]))
        // The catalogs are the source's, byte for byte.
        let norms = try #require(a.files.first { $0.path == "data/catalogs/cost-norms.yaml" })
        #expect(norms.contents == (try Data(contentsOf: DataFixture.repositoryData.appendingPathComponent("catalogs/cost-norms.yaml"))))
    }

    @Test func theWrittenProvinceLoadsAndHasTheStatedDistributions() throws {
        let out = folder()
        let province = try SyntheticScenario(.init(communes: 60, years: 4, seed: 3), source: Self.source)
        try province.write(to: out, replace: false)
        let (data, diagnostics) = DataSet.load(root: out.appendingPathComponent("data"))
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        var scenarioDiagnostics = Diagnostics()
        let scenario = out.appendingPathComponent("scenario.yaml")
        let costs = try #require(CostScenario.load(url: scenario, data: data, diagnostics: &scenarioDiagnostics))
        let budget = try #require(BudgetScenario.load(url: scenario, data: data, diagnostics: &scenarioDiagnostics))
        #expect(scenarioDiagnostics.errors.isEmpty, "\(scenarioDiagnostics.errors)")

        // 60 communes, each meeting 6-15 of the 19 criteria, with a spread.
        #expect(costs.communes.count == 60)
        let met = costs.communes.map(\.met.count)
        #expect(met.allSatisfy { (6...15).contains($0) }, "\(met)")
        #expect(Set(met).count >= 5)
        #expect(costs.communes.allSatisfy { $0.met.count + $0.missing.count == 19 })

        // The envelopes cover a share of the need strictly between 0 and 1 (a third to a half).
        let need = costs.costs().reduce(Int64(0)) { $0 + $1.amount.dong }
        let money = budget.envelopes.reduce(Int64(0)) { $0 + $1.amount.dong }
        #expect(need == province.summary.needDong, "the loaders price the communes as the generator did")
        let share = Double(money) / Double(need)
        #expect(share > 0 && share < 1)
        #expect(share > 0.32 && share < 0.51, "\(share)")
        #expect(Set(budget.envelopes.map(\.source)).count >= 5)
        #expect(Set(budget.envelopes.map(\.years.lowerBound)) == [2022, 2023, 2024, 2025])

        // A mix of classes, and the multipliers of the cost model apply to some communes.
        let localities = costs.communes.map(\.locality)
        #expect(localities.contains { $0.especiallyDifficult == true })
        #expect(localities.contains { $0.border == true })
        #expect(localities.contains { $0.ethnicZone == .II } && localities.contains { $0.ethnicZone == nil })
        #expect(province.summary.classCounts.count >= 4)
        let steps = Set(costs.costs().flatMap(\.steps))
        #expect(steps.contains { $0.hasPrefix("mountainous") } && steps.contains { $0.hasPrefix("especially_difficult") })
        #expect(!steps.contains { $0.hasPrefix("not known") })

        // An official schedule: planned criteria within the horizon, at most the capacity a year.
        let planned = costs.plannedCosts()
        #expect(!planned.isEmpty)
        #expect(planned.allSatisfy { (2022...2025).contains($0.year) })
        let perCommuneYear = Dictionary(grouping: planned) { "\($0.cost.locality)|\($0.year)" }
        #expect(perCommuneYear.values.allSatisfy { $0.count <= 3 })
    }

    @Test func moreThanFiveYearsIsTheNextPhaseWithoutDistricts() throws {
        let out = folder()
        let province = try SyntheticScenario(.init(communes: 5, years: 6, seed: 1, capacity: nil), source: Self.source)
        try province.write(to: out, replace: false)
        #expect(province.summary.years == 2026...2031)
        let (data, diagnostics) = DataSet.load(root: out.appendingPathComponent("data"))
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        var scenarioDiagnostics = Diagnostics()
        let costs = try #require(CostScenario.load(url: out.appendingPathComponent("scenario.yaml"), data: data, diagnostics: &scenarioDiagnostics))
        #expect(scenarioDiagnostics.errors.isEmpty, "\(scenarioDiagnostics.errors)")
        #expect(costs.communes.allSatisfy { $0.locality.parentID == "tong-hop" })
    }

    @Test func badParametersAreRefusedAndNothingIsWritten() throws {
        for (parameters, message) in [
            (SyntheticScenario.Parameters(communes: 0, years: 4, seed: 1), "--communes must be at least 1"),
            (SyntheticScenario.Parameters(communes: 5, years: 0, seed: 1), "--years must be at least 1"),
            (SyntheticScenario.Parameters(communes: 5, years: 11, seed: 1), "--years must be at most 10"),
            (SyntheticScenario.Parameters(communes: 5, years: 4, seed: 1, capacity: 0), "--capacity must be at least 1"),
        ] {
            #expect(parameters.problem?.description.hasPrefix(message) == true, "\(parameters)")
            #expect(throws: SyntheticScenario.GenerationError.self) { try SyntheticScenario(parameters, source: Self.source) }
        }
        // A folder that is not empty is kept as it is, unless replacing is asked.
        let out = folder()
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: out.appendingPathComponent("keep.txt"))
        let province = try SyntheticScenario(.init(communes: 3, years: 2, seed: 1), source: Self.source)
        #expect(throws: SyntheticScenario.GenerationError.self) { try province.write(to: out, replace: false) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["keep.txt"])
        try province.write(to: out, replace: true)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("scenario.yaml").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("keep.txt").path))
        let siblings = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.hasPrefix(".\(out.lastPathComponent).tmp") }, "no temporary folder is left behind")
    }
}
