import Foundation
import NTPData
import NTPDomain
import NTPOptimization
import NTPPlanning
import NTPReports
import NTPText
import Testing
import XLSXSwift

/// The whole planning workflow run through the libraries alone, as the workbench and any other front
/// end call it: no executable, no printing.
@Suite struct WorkflowTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let scenario = repository.appendingPathComponent("Scenarios/quang-hoa-2022-2025.yaml").path
    static let data = repository.appendingPathComponent("Data").path

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-workflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func planBaselinesCompareAndExportThroughTheLibraries() throws {
        let loaded = try LoadedScenario(Self.scenario, data: Self.data)
        let settings = try PlanSettings(loaded)
        // The scenario's own options, typed: capacity 3, construction and recurrent money, 2022-2025.
        #expect(settings.capacity == 3 && settings.kinds == KindSelection([.construction, .recurrent]) && settings.horizon == 2022...2025)
        let setup = try PlanSetup(settings, loaded: loaded)
        let result = try AllocationModel(setup.instance).solve(options: settings.solverOptions(), method: settings.method)
        #expect(result.termination == .optimal)
        // README's figures: 121 of 121 criteria met, 376 criteria-years.
        #expect(result.completion.count == 121 && result.criteriaYears(over: setup.instance.years) == 376)
        let optimized = PlanDocument(setup: setup, settings: settings, result: result)

        var documents = [optimized]
        for method in [PlanMethod.official, .formula, .greedy] {
            let baseline = try BaselineRun(method, loaded: loaded, overrides: PlanSettings.Overrides())
            documents.append(baseline.document)
            // Every baseline's money passes the ledger: no rule broken.
            let ledger = Ledger(
                envelopes: setup.instance.envelopes, plan: baseline.document.allocationPlan(name: method.rawValue), rules: setup.instance.rules,
                sources: setup.instance.sources, localities: setup.instance.localities)
            let breaches = ledger.violations.filter(\.isBreach)
            #expect(breaches.isEmpty, "\(method)")
        }
        // Each document is read back from JSON alone, with the inputs it carries.
        let plans = try documents.enumerated().map { index, document in
            let read = try PlanDocument.decode(document.encoded(), path: "plan\(index).json")
            return ComparedPlan(name: "plan\(index).json", path: "plan\(index).json", document: read, setup: try read.setup(path: "plan\(index).json"))
        }
        let comparison = PlanComparison(plans: plans)
        #expect(comparison.sameScenario)
        #expect(comparison.plans.map(\.method) == [.optimizer, .official, .formula, .greedy])
        #expect(comparison.plans[0].criteriaYears == 376)
        // No baseline beats the optimum on its objective.
        #expect(comparison.plans.dropFirst().allSatisfy { $0.criteriaYears <= 376 })

        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let export = PlanExport(plans: [plans[0], plans[3]])
        let workbook = folder.appendingPathComponent("plan.xlsx"), page = folder.appendingPathComponent("plan.html")
        try export.write(.xlsx, to: workbook, lang: .vi)
        try export.write(.html, to: page, lang: .en)
        // The workbook read back by the product's reader: the funding sheet has a row per money line.
        let read = try XLSXDocument(contentsOf: workbook)
        let funding = try read.sheet(named: "Phân bổ chi tiết")
        let lineRows = funding.rows.filter { row in row.cells.contains { $0.number != nil } }
        #expect(lineRows.count >= optimized.lines.count)
        #expect(try String(contentsOf: page, encoding: .utf8).contains("Allocation plan"))
    }

    @Test func aPlanFileReadBackGivesTheSameTypedSettingsAndInputs() throws {
        let loaded = try LoadedScenario(Self.scenario, data: Self.data)
        var overrides = PlanSettings.Overrides()
        overrides.priority = try PriorityWeights.parse("border=2,cao-bang/quang-hoa/be-van-dan=3").get()
        overrides.targets = [try TargetSpec(parsing: "cao-bang/quang-hoa/be-van-dan#5@2023")]
        overrides.method = .decomposition
        overrides.objective = .maxStandard
        let settings = try PlanSettings(loaded, overrides: overrides)
        let setup = try PlanSetup(settings, loaded: loaded)
        let result = try AllocationModel(setup.instance).solve(options: settings.solverOptions(), method: .decomposition)
        let document = PlanDocument(setup: setup, settings: settings, result: result)
        let read = try PlanDocument.decode(document.encoded(), path: "plan.json")
        #expect(read.settings == settings)
        #expect(read.version == PlanDocument.currentVersion)
        let inputs = try #require(read.inputs)
        #expect(inputs.items == setup.inputs.items)
        #expect(inputs.envelopes == setup.inputs.envelopes)
        #expect(inputs.policy == setup.inputs.policy && inputs.targets == setup.inputs.targets)
        #expect(inputs.scenario.digest == inputs.scenario.bundle.digest)
        #expect(inputs.data.digest == loaded.dataSet.digest)
        // The instance rebuilt from the file is the one planned: the same objective for the same plan.
        let rebuilt = AllocationModel(PlanSetup(inputs: inputs).instance)
        #expect(try rebuilt.objective(of: result.completion) == AllocationModel(setup.instance).objective(of: result.completion))
    }

    @Test func aVersion2PlanIsRebuiltFromTheScenarioItNames() throws {
        let fixture = Self.repository.appendingPathComponent("Tests/ntpTests/Fixtures/quang-hoa-optimizer.json").path
        let document = try PlanDocument.read(from: fixture)
        #expect(document.version == 2 && document.inputs == nil)
        let setup = try document.setup(path: fixture)
        #expect(setup.instance.items.count == 121)
    }

    @Test func aVersion3PlanWithoutInputsIsRefused() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.repository.appendingPathComponent("Tests/ntpTests/Fixtures/quang-hoa-optimizer.json"))) as? [String: Any])
        object["version"] = 3
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: PlanningError.self) { try PlanDocument.decode(data, path: "old.json") }
    }

    @Test func aScenarioBundleLoadsAwayFromItsFolder() throws {
        // Quảng Hòa 2022-2025 extends the 2021-2025 scenario and names a status document in Data.
        let loaded = try LoadedScenario(Self.scenario, data: Self.data)
        var diagnostics = Diagnostics()
        let bundle = try #require(ScenarioBundle(loaded.resolved, diagnostics: &diagnostics))
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try bundle.materialize(in: folder)
        let again = try LoadedScenario(path.path, data: Self.data, dataSet: loaded.dataSet)
        #expect(again.budget.envelopes == loaded.budget.envelopes)
        #expect(again.costs.costs() == loaded.costs.costs())
        #expect(again.options.capacity == loaded.options.capacity && again.options.kinds == loaded.options.kinds)
        // Materialised again, it is the same bundle.
        var more = Diagnostics()
        #expect(ScenarioBundle(again.resolved, diagnostics: &more)?.digest == bundle.digest)
    }
}
