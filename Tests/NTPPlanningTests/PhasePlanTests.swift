import Foundation
import NTPData
import NTPDomain
import NTPOptimization
import NTPPlanning
import NTPReports
import NTPText
import Testing

/// Planning on the 2026-2030 set through the libraries, with a crafted copy of the data in which a
/// department has supplied criterion 2's indicators (2.1 for every group, 2.2 for groups 2 and 3) in
/// `qd51-2026-2030-commune.requirements.csv`: the scenario's statuses name criteria and indicators, one
/// needs assessment and is presumed missing, the communes' groups come from the scenario's
/// classification. The optimum is checked against exhaustive enumeration written here; the summary,
/// the explanation and the export say what needs assessment.
@Suite struct PhasePlanTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The data with the supplied indicators, and a scenario of Mẫu Sơn and Xuân Dương (group 3), 2026-2027,
    /// 12.000 million of local money a year, capacity 1, construction and recurrent money:
    /// - Mẫu Sơn misses 1 and 2 (so 2.1 and 2.2);
    /// - Xuân Dương misses 3, meets 2.2, and 2.1 needs assessment (presumed missing).
    static func folder() throws -> (data: String, scenario: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-phase-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let data = root.appendingPathComponent("Data")
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Data"), to: data)
        let requirements = data.appendingPathComponent("catalogs/criteria/qd51-2026-2030-commune.requirements.csv")
        try (try String(contentsOf: requirements, encoding: .utf8)
            + "2,2.1,Đường giao thông,all,Đạt,,,,Sở NN&MT test\n2,2.2,Điện,2,Đạt,,,,Sở NN&MT test\n2,2.2,,3,Đạt,,,,Sở NN&MT test\n")
            .write(to: requirements, atomically: true, encoding: .utf8)
        let p = "assumption: test"
        var status = "locality,criterion,status,year,provenance\n"
        for code in ["3", "4", "5", "6", "7", "8", "9", "10"] { status += "lang-son/mau-son,\(code),met,,\(p)\n" }
        status += "lang-son/mau-son,1,missing,,\(p)\nlang-son/mau-son,2,missing,,\(p)\n"
        for code in ["1", "4", "5", "6", "7", "8", "9", "10"] { status += "lang-son/xuan-duong,\(code),met,,\(p)\n" }
        status += "lang-son/xuan-duong,2.1,needs_assessment,,\(p)\nlang-son/xuan-duong,2.2,met,,\(p)\nlang-son/xuan-duong,3,missing,,\(p)\n"
        try status.write(to: root.appendingPathComponent("status.csv"), atomically: true, encoding: .utf8)
        let header = "locality_id,commune_group,ethnic_zone,border,safe_zone,island,special_zone,especially_difficult_villages,provenance\n"
        try (header + "lang-son/mau-son,3,III,,,no,no,8,\(p)\nlang-son/xuan-duong,3,III,,,no,no,8,\(p)\n")
            .write(to: root.appendingPathComponent("classes.csv"), atomically: true, encoding: .utf8)
        let scenario = """
            name: indicators
            phase: "2026-2035"
            scope: lang-son
            criteria_set: qd51-2026-2030-commune
            money_unit: trieu
            horizon: 2026-2027
            envelopes:
              - {program: NTM-GNBV-DTTS, source: local, years: 2026, amount: "12000", provenance: test}
              - {program: NTM-GNBV-DTTS, source: local, years: 2027, amount: "12000", provenance: test}
            rules:
              source_eligibility:
                - {source: central_investment, criteria: [2, 5, 7, 8], basis: "assumption: test"}
                - {source: central_recurrent, criteria: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], basis: "assumption: test"}
                - {source: credit, criteria: [2, 3, 4, 6], basis: "assumption: test"}
            status:
              file: status.csv
              needs_assessment: presume_missing
            classification:
              file: classes.csv
            costs:
              kinds: [construction, recurrent]
            policy:
              capacity: 1
            solver:
              method: direct
            baseline:
              coefficients: allocation-coefficients-2026-2030
            """
        try scenario.write(to: root.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        return (data.path, root.appendingPathComponent("scenario.yaml").path)
    }

    /// The best criteria-years over every completion year (or none) of every item: a criterion is met
    /// with its last item; capacity counts criteria per commune and year; the money, one envelope a year
    /// that carries over, must cover by each year's end what the items completed by then cost.
    static func enumerate(_ instance: AllocationInstance) -> Int {
        let items = instance.items, y = instance.years.count
        let supply = instance.years.map { year in instance.envelopes.filter { $0.years.contains(year) }.reduce(Int64(0)) { $0 + $1.amount.dong } }
        let units = instance.units
        var best = 0
        var choice = [Int](repeating: y, count: items.count)
        func visit(_ i: Int) {
            if i < items.count {
                for t in 0...y {
                    choice[i] = t
                    visit(i + 1)
                }
                return
            }
            var need: Int64 = 0, have: Int64 = 0
            for t in 0..<y {
                have += supply[t]
                for (index, item) in items.enumerated() where choice[index] == t { need += item.cost.values.reduce(0) { $0 + $1.dong } }
                if need > have { return }
            }
            var year: [AllocationInstance.CriterionUnit: Int] = [:]
            for (index, item) in items.enumerated() { year[item.unit] = max(year[item.unit] ?? 0, choice[index]) }
            if let capacity = instance.policy.capacityPerCommuneYear {
                for commune in Set(units.map(\.commune)) {
                    for t in 0..<y where units.filter({ $0.commune == commune && year[$0] == t }).count > capacity { return }
                }
            }
            best = max(best, year.values.filter { $0 < y }.reduce(0) { $0 + y - $1 })
        }
        visit(0)
        return best
    }

    @Test func suppliedIndicatorsArePlannedAndTheOptimumIsEnumerations() throws {
        let (data, path) = try Self.folder()
        let loaded = try LoadedScenario(path, data: data)
        let settings = try PlanSettings(loaded)
        let setup = try PlanSetup(settings, loaded: loaded)
        let instance = setup.instance
        #expect(instance.items.map { "\($0.commune.dropFirst(9)):\($0.criterion)" } == ["mau-son:1", "mau-son:2.1", "mau-son:2.2", "xuan-duong:2.1", "xuan-duong:3"])
        #expect(instance.units.count == 4)
        let result = try AllocationModel(instance).solve(options: settings.solverOptions(), method: settings.method)
        #expect(result.termination == .optimal)
        let expected = Self.enumerate(instance)
        #expect(result.criteriaYears(over: instance.years) == expected && expected > 0)
        #expect(result.objectiveValue.map { Int($0.rounded()) } == expected)
        #expect(result.ledger.violations.filter(\.isBreach).isEmpty)

        // The summary counts criteria and says which status needed assessment and what was done with it.
        let summary = PlanSummary(setup: setup, result: result, lang: .vi).text
        #expect(summary.contains("Cần đánh giá lại: 1 tiêu chí ở 1 xã được coi là chưa đạt và đưa vào kế hoạch (status.needs_assessment: presume_missing):\n  Xuân Dương (1)."))
        #expect(summary.contains("/ 4\n") && summary.contains("Chỉ tiêu đạt thêm (tiêu chí lập kế hoạch theo chỉ tiêu): "))

        // The plan file keeps the indicators and the status; explain marks what needs assessment.
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let planPath = folder.appendingPathComponent("plan.json").path
        try PlanDocument(setup: setup, settings: settings, result: result).write(to: URL(fileURLWithPath: planPath))
        let document = try PlanDocument.read(from: planPath)
        #expect(document.inputs?.communes.last?.needsAssessment == ["2.1"] && document.inputs?.needsAssessmentPolicy == .presumeMissing)
        let run = try ExplainRun(plan: planPath, document: document, commune: "Xuân Dương", criterion: "2")
        #expect(run.explanations.map(\.item.criterion) == ["2.1"] && run.presumedMissing(run.explanations[0]))
        let text = ExplanationText(explanation: run.explanations[0], criteria: run.criteria, lang: .en, needsAssessment: true).text
        #expect(text.hasPrefix("Indicator 2.1 (Đường giao thông) of criterion 2 (Socio-economic infrastructure): [needs assessment: presumed missing]"))

        // The export's schedule (the Biểu layout's table) flags the criterion that needs assessment.
        let csv = folder.appendingPathComponent("csv")
        try PlanExport(plans: [ComparedPlan(name: "plan.json", path: planPath, document: document, setup: setup)]).write(.csv, to: csv, lang: .vi)
        let schedule = try String(contentsOf: csv.appendingPathComponent("schedule.csv"), encoding: .utf8).split(separator: "\n")
        #expect(schedule[0] == "commune_id,commune,criterion_id,criterion,status,year,needs_assessment")
        let flagged = schedule.filter { $0.hasSuffix(",true") }
        #expect(flagged.count == 1 && flagged[0].hasPrefix("lang-son/xuan-duong,Xuân Dương,2,"))
        let summaryCSV = try String(contentsOf: csv.appendingPathComponent("summary.csv"), encoding: .utf8)
        #expect(summaryCSV.contains("needs_assessment,1\n") && summaryCSV.contains("needs_assessment_policy,presume_missing\n"))
    }

    /// The formula baseline weighs communes by the 2026-2030 coefficients when the scenario names them,
    /// and keeps every rule.
    @Test func theFormulaBaselineSplitsByTheCoefficients() throws {
        let (data, path) = try Self.folder()
        let loaded = try LoadedScenario(path, data: data)
        let run = try BaselineRun(.formula, loaded: loaded, overrides: PlanSettings.Overrides())
        #expect(run.plan.unfunded.isEmpty && run.plan.result.ledger.violations.filter(\.isBreach).isEmpty)
        #expect((run.plan.result.criteriaYears(over: run.setup.instance.years) ?? 0) <= Self.enumerate(run.setup.instance))
    }
}
