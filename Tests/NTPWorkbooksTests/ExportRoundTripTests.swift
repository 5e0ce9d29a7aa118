import Foundation
import NTPData
import NTPDomain
import NTPPlanning
import NTPReports
import NTPText
import NTPWorkbooks
import Testing

/// `ntp export --format xlsx` of a plan, imported again: the communes with their criteria met before the
/// plan, the plan's schedule (as the scenario's planned years), the envelopes and the plan's money lines
/// come back as they were, on the shipped scenarios.
@Suite struct ExportRoundTripTests {
    /// The optimizer's, the greedy and the official Quảng Hòa plans the export tests use, in both
    /// languages; the official plan of every other shipped scenario (the quickest to make).
    static let cases: [(plan: String?, scenario: String, lang: Language)] = [
        ("quang-hoa-optimizer.json", "quang-hoa-2022-2025.yaml", .vi), ("quang-hoa-greedy.json", "quang-hoa-2022-2025.yaml", .en),
        ("quang-hoa-official.json", "quang-hoa-2022-2025.yaml", .vi), (nil, "loc-binh-2024.yaml", .vi), (nil, "bac-kan-2025.yaml", .en),
        (nil, "phase-2026-2030.yaml", .vi), (nil, "lang-son-2022.yaml", .vi),
    ]
    /// The 2026-2030 scenario plans nothing officially: its greedy plan is exported instead.
    static let greedy: Set<String> = ["phase-2026-2030.yaml"]

    @Test(arguments: cases)
    func anExportedPlanImportsBackToItsStatusScheduleAndMoney(plan: String?, name: String, lang: Language) throws {
        let folder = try Fixture.temporaryFolder("roundtrip")
        let loaded = try LoadedScenario(Fixture.scenario(name), data: Fixture.dataFolder.path)
        let planURL: URL
        if let plan {
            planURL = Fixture.repository.appendingPathComponent("Tests/ntpTests/Fixtures/\(plan)")
        } else {
            planURL = folder.appendingPathComponent("plan.json")
            try BaselineRun(Self.greedy.contains(name) ? .greedy : .official, loaded: loaded, overrides: PlanSettings.Overrides()).document.write(to: planURL)
        }
        let document = try PlanDocument.read(from: planURL.path)
        let plans = try ComparedPlan.loadAll([planURL.path])
        let book = folder.appendingPathComponent("plan.xlsx")
        try PlanExport(plans: plans).write(.xlsx, to: book, lang: lang)

        let result = WorkbookImport(url: book, data: Fixture.data)
        #expect(result.errors.isEmpty, "\(result.errors.map(\.description))")
        #expect(result.warnings.isEmpty, "\(result.warnings.map(\.description))")
        let scenario = try #require(result.scenario)
        let imported = folder.appendingPathComponent("imported")
        try ScenarioFolder(scenario, workbook: "plan.xlsx", sheets: result.sheetsRead).write(to: imported, data: Fixture.data)
        let back = try LoadedScenario(imported.appendingPathComponent("scenario.yaml").path, data: Fixture.dataFolder.path)

        // The identity.
        #expect(back.budget.phaseID == loaded.budget.phaseID && back.budget.scopeID == loaded.budget.scopeID)
        #expect(back.budget.criteriaSetID == loaded.budget.criteriaSetID && back.budget.name == loaded.budget.name)
        #expect(back.options.horizon.map(Array.init) == document.years)
        // The status: the same communes in the same order, the same criteria met before the plan.
        #expect(back.costs.communes.map(\.locality.id) == loaded.costs.communes.map(\.locality.id))
        for (read, original) in zip(back.costs.communes, loaded.costs.communes) {
            #expect(read.met == original.met, "\(original.locality.id)")
        }
        // The schedule: what the plan meets in its years is the imported scenario's official plan.
        let years = Set(document.years)
        var schedule: [String: [String: Int]] = [:]
        for done in document.completions where years.contains(done.year) { schedule[done.commune, default: [:]][done.criterion] = done.year }
        for commune in back.costs.communes {
            #expect(commune.plannedYear == (schedule[commune.locality.id] ?? [:]), "\(commune.locality.id)")
        }
        // The money: every envelope (its level as the ledger reads it), and every line of the plan to the đồng.
        let sources = Fixture.data.catalogs.sources
        func level(_ envelope: BudgetEnvelope) -> GovernmentLevel? { envelope.level ?? sources.first { $0.code == envelope.source }?.level }
        #expect(back.budget.envelopes.count == loaded.budget.envelopes.count)
        for (read, original) in zip(back.budget.envelopes, loaded.budget.envelopes) {
            #expect(read.program == original.program && read.source == original.source && read.years == original.years)
            #expect(read.amount == original.amount && read.integratedFrom == original.integratedFrom && level(read) == level(original))
        }
        let lines = document.lines.map { "\($0.locality)|\($0.criterion ?? "")|\($0.program)|\($0.source)|\($0.year)|\($0.amount_dong)" }
        let readLines = back.budget.plan.lines.map { "\($0.locality)|\($0.criterion ?? "")|\($0.program)|\($0.source)|\($0.year)|\($0.amount.dong)" }
        #expect(readLines.sorted() == lines.sorted())
        #expect(!lines.isEmpty)
    }
}
